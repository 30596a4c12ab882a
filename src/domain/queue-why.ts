// What an officer reads on a queue row before opening the parcel: why it is held (the engine's
// hold reasons, or the officer's own words) and the strongest reasons of its risk score (the
// rules and detectors it hit, by weight, and the model factors that raised it, by contribution;
// the side that carries the score first). Pure; the
// lookups' hold text (src/app/lookup-view.ts) is the same function.
import type { Bilingual } from './bilingual.ts';
import { NOT_ME_HOLD_CODE, NOT_ME_SOURCE, notMeReported } from './not-me-hold.ts';
import type { Reason } from './assessment.ts';

/** The stored hold reason (declarations.hold_reason): the engine's reasons, or an officer's. */
type StoredHold = { source?: string; reason?: string; reasonEn?: string; reasons?: Reason[]; at?: string } | null | undefined;

/** `fallbackEn`: the English of an officer's hold recorded before the hold reason kept it (from the HOLD event). */
export function holdTextOf(holdReason: unknown, fallbackEn?: string | null): (Bilingual & { codes: string[]; since: string | null }) | null {
  const own = ownHoldTextOf(holdReason, fallbackEn);
  // A "not me" report on a hold it did not open (an officer's, the engine's: withNotMeReport): the hold's own reason,
  // and the report's beside it, with its code (the lookups read that nothing is payable from it: taxes-payable.ts).
  if (own && !own.codes.includes(NOT_ME_HOLD_CODE) && notMeReported(holdReason)) {
    return { ko: `${own.ko} ${NOT_ME_HOLD.ko}`, en: `${own.en} ${NOT_ME_HOLD.en}`, codes: [...own.codes, NOT_ME_HOLD_CODE], since: own.since };
  }
  return own;
}

function ownHoldTextOf(holdReason: unknown, fallbackEn?: string | null): (Bilingual & { codes: string[]; since: string | null }) | null {
  const h = holdReason as StoredHold;
  if (!h) return null;
  if (h.source === 'engine' && Array.isArray(h.reasons)) {
    // The hold's own reasons (ROUTE_HOLD, HOLD_*), not the whole explanation stored with them:
    // valuation, tax lines, the next step (holdNextOf) and combined taxation, whose text names the
    // other declarations of the group (not for the public lookups).
    const hold = h.reasons.filter(isHoldReason);
    const rs = hold.length ? hold : h.reasons;
    return { ko: rs.map((r) => r.ko).join(' '), en: rs.map((r) => r.en).join(' '), codes: rs.map((r) => r.code), since: null };
  }
  // A consignee's "not me" report holds too (report-not-me.ts), and is not an officer's hold: its own
  // code and a fixed text that names nobody (the lookups are public).
  if (h.source === NOT_ME_SOURCE) return { ...NOT_ME_HOLD, codes: [NOT_ME_HOLD_CODE], since: h.at ?? null };
  return { ko: h.reason ?? '', en: h.reasonEn ?? fallbackEn ?? h.reason ?? '', codes: ['OFFICER_HOLD'], since: h.at ?? null };
}

export { NOT_ME_HOLD_CODE } from './not-me-hold.ts';

/** Why a parcel is held after a "not me" report, as the lookups say it; the law is ROUTE_HOLD's (data/reasons.json). */
export const NOT_ME_HOLD: Bilingual = {
  ko: '통관보류: 수하인이 이 화물에 자신의 개인통관고유부호가 쓰였지만 본인 주문이 아니라고(도용) 신고했습니다. 세관이 도용 여부를 확인할 때까지 반출되지 않습니다(관세법 제237조 통관의 보류).',
  en: "Held: the consignee reported that their personal customs code (PCCC) was used for this parcel but the order is not theirs (misuse). Not released until customs has checked (Customs Act Article 237, withholding of clearance).",
};

const isHoldReason = (r: Reason) => r.code === 'ROUTE_HOLD' || r.code.startsWith('HOLD_');

/** A hold the holder opened by reporting "not me": nothing to file; what protects the code. */
export const NOT_ME_NEXT: Bilingual = {
  ko: '세관이 개인통관고유부호 도용 여부를 확인하는 동안 반출되지 않습니다. 본인 주문이 아니라고 신고하셨다면 따로 제출할 서류는 없습니다. 도용이 걱정되면 \'내 통관\'에서 개인통관고유부호를 사용정지하거나 재발급하세요.',
  en: "Not released while customs checks whether the personal customs code (PCCC) was misused. If you reported this order as not yours, there is nothing to file. If you fear misuse, suspend or reissue your PCCC in 'My parcels'.",
};

/**
 * What a held parcel's reader is told to do: the engine's own step for its hold, nothing to file
 * after a "not me" report (its HOLD event's detail.source, or the hold reason's), else null (the
 * lifecycle's). One function for the lookups and the officer's page, which said "give customs what
 * it asks for" of a parcel whose consignee had been told there was nothing to file.
 */
export function heldNextOf(holdReason: unknown, holdEventSource: unknown): Bilingual | null {
  const notMe = holdEventSource === NOT_ME_SOURCE || notMeReported(holdReason);
  return holdNextOf(holdReason) ?? (notMe ? NOT_ME_NEXT : null);
}

/**
 * The engine's next step for the hold it decided (NEXT_HOLD_*: what to file, with whom), or null
 * when the hold is an officer's or a "not me" report's, or the engine gave none.
 */
export function holdNextOf(holdReason: unknown): Bilingual | null {
  const h = holdReason as StoredHold;
  if (!h || h.source !== 'engine' || !Array.isArray(h.reasons)) return null;
  const next = h.reasons.filter((r) => r.code.startsWith('NEXT_HOLD_'));
  // Without the texts' own "다음 할 일:" / "Next:": the lookups show them under that heading.
  // The English then starts with a capital, as a sentence does ("Next: wait …" → "Wait …").
  const bare = (t: string, label: RegExp) => {
    const rest = t.replace(label, '');
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  };
  return next.length
    ? { ko: next.map((r) => bare(r.ko, /^다음 할 일:\s*/)).join(' '), en: next.map((r) => bare(r.en, /^Next:\s*/)).join(' ') }
    : null;
}

interface StoredRuleHit {
  ko: string;
  en: string;
  weight: number;
}
interface StoredFactor {
  ko: string;
  en: string;
  contribution: number;
}

/**
 * Up to `n` reasons of a score: rule and detector hits by weight (an officer's rule names the
 * concern) and the model factors that raised the score, by contribution. The side that carries the
 * score comes first: the rules' when their score (1 − Π(1 − w)) is at least the model's P(illicit)
 * or no scores are given, else the model's — a parcel at P 0.522 whose only rule hit is 'HS code
 * inferred from category' (weight 0.03) read that hit as its main reason. Factors are stored only
 * for the scores explained at scoring time; the others are explained when the parcel is opened.
 */
export function scoreReasons(
  ruleHits: readonly StoredRuleHit[] | null | undefined,
  factors: readonly StoredFactor[] | null | undefined,
  n = 3,
  scores?: { model: number; rules: number },
): Bilingual[] {
  const hits = [...(ruleHits ?? [])].sort((a, b) => b.weight - a.weight).map((h) => ({ ko: h.ko, en: h.en }));
  const raising = [...(factors ?? [])].filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution).map((f) => ({ ko: f.ko, en: f.en }));
  const modelFirst = scores !== undefined && scores.model > scores.rules;
  return (modelFirst ? [...raising, ...hits] : [...hits, ...raising]).slice(0, n);
}
