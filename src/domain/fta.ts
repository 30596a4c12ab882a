// FTA preferential duty (FTA 관세특례법): applies to a line when claimed, the goods originate
// in a partner, travelled directly from it, and the proof offered is enough for the value
// (KORUS: CIF <= USD 1,000 with marking + receipt, above it a certification by the importer,
// exporter or producer; Korea–EU/UK: <= EUR 6,000 with an origin declaration, above it an
// approved exporter's). Domain rules §5; seed 002.
import type { Declaration } from './declaration-schema.ts';
import { formatMoney, roundToMinorUnits } from './money.ts';
import type { FtaAgreement, FxWeek } from './reference/types.ts';

export type FtaFailure =
  | { code: 'FTA_NOT_APPLIED_TRANSPORT'; params: { agreement: string; shipFrom: string; law: string } }
  | { code: 'FTA_NOT_APPLIED_PROOF'; params: { agreement: string; proof: string; proofKo: string; proofEn: string; value: string; max: string; beyondKo: string; beyondEn: string; law: string } }
  | { code: 'FTA_NOT_APPLIED_PROOF_TYPE'; params: { agreement: string; proof: string; proofKo: string; proofEn: string; acceptedKo: string; acceptedEn: string; law: string } }
  | { code: 'FTA_NOT_APPLIED_RATE_MISSING'; params: { agreement: string; currency: string } };

/** The proofs of origin a declaration can name (fta.proof), as a consumer reads them. */
const PROOF_NAMES: Record<string, { proofKo: string; proofEn: string }> = {
  'marking-receipt': { proofKo: '원산지 표시와 구매 영수증', proofEn: 'origin marking and purchase receipt' },
  'origin-declaration': { proofKo: '송품장 원산지신고', proofEn: 'origin declaration on the invoice' },
  certificate: { proofKo: '원산지증명서', proofEn: 'certificate of origin' },
  'approved-exporter': { proofKo: '인증수출자의 원산지신고', proofEn: "approved exporter's origin declaration" },
};
const proofNames = (proof: string) => PROOF_NAMES[proof] ?? { proofKo: proof, proofEn: proof };
// What proves origin above a ceiling differs by agreement (KORUS: a certification by the importer,
// exporter or producer; Korea–EU/UK: an approved exporter's origin declaration), so data/fta.json says it.
const BEYOND_UNKNOWN = { ko: '그보다 큰 금액에는 협정이 정한 다른 원산지증빙서류가 필요합니다.', en: 'Above that, another proof of origin the agreement provides for is needed.' };

/** The proofs of origin an agreement takes, each with its ceiling (data/fta.json), as one phrase per language. */
function acceptedProofs(agreement: FtaAgreement): { ko: string; en: string } {
  const ko: string[] = [];
  const en: string[] = [];
  for (const p of agreement.proofs) {
    const names = proofNames(p.proof);
    const max = p.maxValue === null ? null : ceilingText(p);
    ko.push(max ? `${names.proofKo}(${max} 이하)` : names.proofKo);
    en.push(max ? `${names.proofEn} (up to ${max})` : names.proofEn);
  }
  return { ko: ko.join(' 또는 '), en: en.join(' or ') };
}

/** A proof's ceiling as the reasons write it ('EUR 6,000'). */
function ceilingText(rule: { currency: string; maxValue: number | null }): string {
  return `${rule.currency} ${rule.maxValue!.toLocaleString('en-US')}`;
}

/** The law a proof of origin is asked under, when the agreement's data names none. */
const PROOF_LAW = 'FTA 관세특례법 제8조';

/** Shipped directly from a partner, or through a transit country while the agreement allowed it (domain rules §5: direct transport). */
function shippedDirect(agreement: FtaAgreement, shipFrom: string, declaredAt: string): boolean {
  const transit = agreement.transitUntil;
  return agreement.directFrom.includes(shipFrom) || (!!transit && transit.from.includes(shipFrom) && declaredAt <= transit.until);
}

/** The consignment's value in a proof's currency, on the basis the proof's ceiling is set (goods or taxable value); null without that week's rate. */
function valueInProofCurrency(rule: { currency: string; valueBasis?: string }, fx: FxWeek, units: (currency: string) => number, valueKrw: { goods: number; taxable: number }): number | null {
  const rate = fx.rates[rule.currency];
  if (!rate) return null;
  const krw = rule.valueBasis === 'taxable' ? valueKrw.taxable : valueKrw.goods;
  return (krw * units(rule.currency)) / rate;
}

export interface FtaCheck {
  agreement: FtaAgreement | null;
  /** null when the consignment as a whole qualifies; else why not. */
  failure: FtaFailure | null;
  originates(originCountry: string | undefined): boolean;
}

export function checkFta(
  d: Declaration,
  agreements: Map<string, FtaAgreement>,
  fx: FxWeek,
  units: (currency: string) => number,
  valueKrw: { goods: number; taxable: number },
  minorUnits: (currency: string) => number,
): FtaCheck | null {
  if (!d.fta) return null;
  const agreement = agreements.get(d.fta.agreement.toUpperCase()) ?? null;
  if (!agreement) return null;
  const originates = (c: string | undefined) => !!c && agreement.partners.includes(c.toUpperCase());
  // No line originates in a partner (Swiss goods claimed under Korea–EU): that, said per line
  // (FTA_NOT_APPLIED_ORIGIN), is why; transport or proof would be beside the point.
  if (!d.items.some((item) => originates(item.originCountry))) return { agreement, originates, failure: null };
  const shipFrom = d.shipment.shipFrom.toUpperCase();
  if (!shippedDirect(agreement, shipFrom, d.declaredAt)) return { agreement, originates, failure: { code: 'FTA_NOT_APPLIED_TRANSPORT', params: { agreement: agreement.code, shipFrom, law: agreement.refs?.transport ?? '협정 원산지 규정' } } };

  const rule = agreement.proofs.find((p) => p.proof === d.fta!.proof);
  if (!rule) {
    // Which proofs the agreement does take, with their ceilings, so the consumer knows what to ask the seller for.
    const accepted = acceptedProofs(agreement);
    const params = { agreement: agreement.code, proof: d.fta.proof, ...proofNames(d.fta.proof), acceptedKo: accepted.ko, acceptedEn: accepted.en, law: agreement.refs?.proof ?? PROOF_LAW };
    return { agreement, originates, failure: { code: 'FTA_NOT_APPLIED_PROOF_TYPE', params } };
  }
  if (rule.maxValue !== null) {
    const value = valueInProofCurrency(rule, fx, units, valueKrw);
    if (value === null) return { agreement, originates, failure: { code: 'FTA_NOT_APPLIED_RATE_MISSING', params: { agreement: agreement.code, currency: rule.currency } } };
    if (value > rule.maxValue) {
      return {
        agreement,
        originates,
        failure: {
          code: 'FTA_NOT_APPLIED_PROOF',
          params: {
            agreement: agreement.code,
            proof: rule.proof,
            ...proofNames(rule.proof),
            // In the ceiling's currency with its minor units (EUR 6,000.46; a yen ceiling would read JPY 912,346).
            value: `${rule.currency} ${formatMoney(roundToMinorUnits(value, minorUnits(rule.currency)), minorUnits(rule.currency))}`,
            max: ceilingText(rule),
            beyondKo: (rule.beyond ?? BEYOND_UNKNOWN).ko,
            beyondEn: (rule.beyond ?? BEYOND_UNKNOWN).en,
            law: agreement.refs?.proof ?? PROOF_LAW,
          },
        },
      };
    }
  }
  return { agreement, originates, failure: null };
}

export interface FtaOpportunity {
  agreement: FtaAgreement;
  /** The proof of origin that the agreement asks for at this value (the first of its proofs whose ceiling the value is within). */
  proof: string;
  proofKo: string;
  proofEn: string;
  /** The law the claim and its proof are made under (the agreement's data, else FTA 관세특례법 제8조). */
  law: string;
}

/**
 * Of a declaration that claims no agreement: under which agreement a line could have its
 * preferential rate — it originates in a partner, travelled directly from one (domain rules §5:
 * direct transport) — and the proof that the value calls for. The rate itself is the caller's
 * (the tariff line's). null: no agreement fits. The claim is the importer's, before 수리
 * (domain rules §5, seed 002: 'FTA 신청을 해보세요').
 */
export function unclaimedFta(
  d: Declaration,
  originCountry: string | undefined,
  agreements: Map<string, FtaAgreement>,
  fx: FxWeek,
  units: (currency: string) => number,
  valueKrw: { goods: number; taxable: number },
): FtaOpportunity | null {
  if (d.fta || !originCountry) return null;
  const origin = originCountry.toUpperCase();
  const shipFrom = d.shipment.shipFrom.toUpperCase();
  for (const agreement of agreements.values()) {
    if (!agreement.partners.includes(origin)) continue;
    if (!shippedDirect(agreement, shipFrom, d.declaredAt)) continue;
    for (const rule of agreement.proofs) {
      if (rule.maxValue !== null) {
        const value = valueInProofCurrency(rule, fx, units, valueKrw);
        if (value === null || value > rule.maxValue) continue;
      }
      return { agreement, proof: rule.proof, ...proofNames(rule.proof), law: agreement.refs?.proof ?? PROOF_LAW };
    }
  }
  return null;
}
