// Combined taxation decided again for a declaration on record that a later one joins (수입통관
// 사무처리에 관한 고시 제68조: the parcels of one B/L, or of one consignee from one supplier on one
// purchase date, are taxed together when their sum is over the de minimis). The later declaration
// is assessed over the group at intake; the one on record is re-assessed by the same engine
// (src/app/redecide-combined-members.ts) and, when its outcome changes, gets a new version with
// the texts below; after 수리 its decision stands and the texts note it for post-clearance review.
// Pure: no I/O.
import { historyEntryOf } from './assess.ts';
import type { Assessment, Reason, Route } from './assessment.ts';
import type { Bilingual } from './bilingual.ts';
import { CONSENT_SIGNALS } from './consent.ts';
import type { Declaration } from './declaration-schema.ts';
import { renderReason } from './explain.ts';
import { importDeclarationFiled, type LifecycleState } from './lifecycle.ts';
import { formatKrw } from './money.ts';
import type { Reference } from './reference/compile-reference.ts';

export const COMBINED_REDECISION_LAW = '수입통관 사무처리에 관한 고시 제68조; 관세법 제119조(불복의 신청)';
export const COMBINED_AFTER_CLEARANCE_LAW = '수입통관 사무처리에 관한 고시 제68조';

/** Taxes the declaration owes by its assessment (0 when exempt or under the minimum collection). */
export function taxesDueKrw(a: Assessment): number {
  return a.taxes && a.taxes.collected ? a.taxes.totalKrw : 0;
}

/**
 * Whether the outcome differs: route, exemption, limit or any tax. The refs a group lists are not
 * an outcome: a later parcel that keeps the group within the limit changes nothing for the one on
 * record (no new version; its own combinedWith is completed by its next correction, if any).
 */
export function outcomeChanged(before: Assessment, after: Assessment): boolean {
  if (before.route !== after.route) return true;
  if (before.deMinimis.exempt !== after.deMinimis.exempt || before.deMinimis.thresholdUsd !== after.deMinimis.thresholdUsd) return true;
  const a = before.taxes;
  const b = after.taxes;
  if (!a || !b) return a !== b;
  return (
    a.collected !== b.collected ||
    a.totalKrw !== b.totalKrw ||
    a.dutyKrw !== b.dutyKrw ||
    a.vatKrw !== b.vatKrw ||
    a.exciseKrw !== b.exciseKrw ||
    a.educationKrw !== b.educationKrw ||
    a.liquorKrw !== b.liquorKrw
  );
}

const CONSENT_SIGNAL_SET = new Set<string>(Object.values(CONSENT_SIGNALS));

/**
 * The engine's new assessment with the consent outcome of the one it replaces (src/domain/consent.ts:
 * a signal and a reason added at intake from the order's token). The token was checked, and used,
 * once; the outcome is about the order, which a later parcel does not change.
 */
export function withPriorConsent(prior: Assessment, fresh: Assessment): Assessment {
  const signals = prior.signals.filter((s) => CONSENT_SIGNAL_SET.has(s) && !fresh.signals.includes(s));
  const reasons = prior.reasons.filter((r) => r.code.startsWith('CONSENT_'));
  if (signals.length === 0 && reasons.length === 0) return fresh;
  return { ...fresh, signals: [...fresh.signals, ...signals], reasons: [...fresh.reasons, ...reasons] };
}

/**
 * The de minimis exemption of a parcel cleared on an import declaration (domain rules §1.1: 소액면세
 * whatever the form of clearance, claimed in the declaration; the claim before 수리: 시행령 제112조, UNCERTAIN).
 */
export const DE_MINIMIS_ON_IMPORT_DECLARATION_LAW = '관세법 제94조 제4호; 관세법 시행규칙 제45조②; 관세법 시행령 제112조';

/** The route reason of a parcel that a decision made again would list-clear, on an import declaration already filed. */
const ROUTE_GENERAL_IMPORT_FILED: Reason = Object.freeze({
  code: 'ROUTE_GENERAL_IMPORT_FILED',
  ko:
    '결과: 일반통관(수입신고). 다시 심사한 결과 목록통관 요건을 갖추었지만, 수입신고가 이미 제출되어 목록통관으로 되돌리지 않고 제출된 수입신고로 통관합니다. ' +
    '면세 여부와 세액은 통관 방식과 관계없이 아래 심사대로 적용됩니다(관세법 제94조 제4호, 같은 법 시행규칙 제45조②). ' +
    '면세는 수입신고에서 감면을 신청해 받으므로, 제출된 신고에 신청이 없다면 수리 전에 신고를 정정해 신청해야 합니다(관세법 시행령 제112조).',
  en:
    'Outcome: general clearance (import declaration). Decided again, the parcel now meets the conditions of list clearance, but its import declaration is already filed: ' +
    'it clears on that declaration, not on a clearance list. The de minimis exemption and the taxes below apply whatever the form of clearance (Customs Act Art. 94(4); Enforcement Rule Art. 45(2)). ' +
    'The exemption is claimed in the import declaration: if the filed one does not claim it, it is corrected to claim it before acceptance (Enforcement Decree Art. 112).',
  ref: `관세법 제241조; ${DE_MINIMIS_ON_IMPORT_DECLARATION_LAW}`,
});

/** Whether an assessment kept the parcel on its filed import declaration (keptOnFiledImportDeclaration). */
export function keptOnImportDeclaration(a: Assessment): boolean {
  return a.route === 'general' && a.reasons.some((r) => r.code === ROUTE_GENERAL_IMPORT_FILED.code);
}

/**
 * A decision made again (combined taxation, a reference-data correction) of a parcel whose import
 * declaration (수입신고) is filed: when the engine would now list-clear it, it stays in general
 * clearance, for the list was never filed and a filed 수입신고 is not turned into one (the platform
 * cannot withdraw it: 관세법 제250조 needs the customs' approval). What it owes is the engine's: the
 * de minimis of 관세법 제94조 제4호 and 시행규칙 제45조② exempts small self-use goods on an import
 * declaration too (domain rules §1.1). The limit is the goods' own as the engine found it: a US
 * express parcel keeps USD 200, as one the engine sends to 수입신고 for being combined over it does
 * (UNCERTAIN, domain rules §1.1: USD 150 is sourced for goods excluded from list clearance, not for these).
 * Only the texts that name the list route change: the route and the next step.
 */
export function keptOnFiledImportDeclaration(
  fresh: Assessment,
  state: Pick<LifecycleState, 'clearance' | 'heldFrom'>,
  declaration: Declaration,
  reference: Reference,
): Assessment {
  if (fresh.route !== 'list' || !importDeclarationFiled(state)) return fresh;
  const R = reference.reasonTemplates;
  // NEXT_NONE_LIST's arguments, as the engine gives them (assess.ts): the parcel's own limit and the taxes without the exemption.
  const threshold = historyEntryOf(declaration, fresh, reference).thresholdUsd ?? 0;
  const wouldBe = fresh.taxesWithoutExemption?.totalKrw ?? 0;
  const minimum = reference.asOf(declaration.declaredAt)?.thresholds.minimumCollectionKrw ?? 0;
  const reasons = fresh.reasons.map((r): Reason => {
    if (r.code === 'ROUTE_LIST') return ROUTE_GENERAL_IMPORT_FILED;
    if (r.code === 'NEXT_NONE_LIST') return renderReason(R, 'NEXT_NONE_EXEMPT', [threshold, wouldBe]);
    if (r.code === 'NEXT_NONE_LIST_BELOW_MINIMUM') return renderReason(R, 'NEXT_NONE_EXEMPT_BELOW_MINIMUM', [threshold, wouldBe, minimum]);
    return r;
  });
  return { ...fresh, route: 'general', reasons };
}

/** The refs the stored assessment listed that the group no longer has: members withdrawn since. */
export function droppedRefs(prior: Assessment, fresh: Assessment): string[] {
  const now = new Set(fresh.combinedWith);
  return prior.combinedWith.filter((r) => !now.has(r));
}

/** The refs of the group that the stored assessment did not list: the later declarations. */
export function laterRefs(prior: Assessment, fresh: Assessment): string[] {
  const known = new Set(prior.combinedWith);
  return fresh.combinedWith.filter((r) => !known.has(r));
}

/** A route as the event texts of a decision made again name it. */
export const ROUTE_TEXT: Record<Route, Bilingual> = {
  list: { ko: '목록통관', en: 'list clearance' },
  general: { ko: '일반통관(수입신고)', en: 'general clearance (import declaration)' },
  hold: { ko: '통관보류', en: 'held' },
};


/**
 * Who it was combined with: the refs (for the declaration's owner and officers, as the later
 * declaration's own assessment names the stored one: the revision reason), or only how many (the
 * event's text, which the public lookup by cargo number shows).
 */
function laterText(refs: readonly string[], named: boolean): Bilingual {
  // The particle follows 신고 or 건, not a ref (whose last sound is unknown).
  if (named) return { ko: `뒤에 접수된 신고(${refs.join(', ')})와`, en: `the later declaration(s) ${refs.join(', ')}` };
  return { ko: `뒤에 접수된 신고 ${refs.length}건과`, en: `${refs.length} later declaration(s)` };
}

/** What changed when no member joined or left: a member's value or limit (its correction by its declarant, or by reference data). */
const MEMBER_CHANGED: Bilingual = {
  ko: '함께 합산되는 신고의 물품가격 또는 면세한도가 바뀌어',
  en: 'a declaration it is combined with now has another value or de minimis',
};

/** Who left the group (withdrawn): named or counted, as laterText. */
function droppedText(refs: readonly string[], named: boolean): Bilingual {
  if (named) return { ko: `함께 합산되던 신고(${refs.join(', ')})가 합산 대상에서 빠져`, en: `the declaration(s) ${refs.join(', ')} it was combined with no longer count` };
  return { ko: `함께 합산되던 신고 ${refs.length}건이 합산 대상에서 빠져`, en: `${refs.length} declaration(s) it was combined with no longer count` };
}

/**
 * The reason of a re-assessment (a new version): what changed and what to do next. `refs` joined
 * the group; `dropped` left it (withdrawn), which may bring the rest back within the limit.
 */
export function redecisionReason(prior: Assessment, fresh: Assessment, refs: readonly string[], named: boolean, dropped: readonly string[] = []): Reason {
  const who = laterText(refs, named);
  const from = ROUTE_TEXT[prior.route ?? 'general'];
  const to = ROUTE_TEXT[fresh.route ?? 'general'];
  const before = taxesDueKrw(prior);
  const due = taxesDueKrw(fresh);
  const relisted = prior.route === 'list' && fresh.route !== 'list';
  // The engine would list-clear it, its import declaration is filed: it stays general (keptOnFiledImportDeclaration).
  const kept = keptOnImportDeclaration(fresh);
  const routeKo = kept ? `${to.ko} 유지` : `${from.ko} → ${to.ko}`;
  const routeEn = kept ? `stays in ${to.en}` : `${from.en} → ${to.en}`;
  // No member joined: some left (withdrawn), or a member's value or limit changed.
  const left = refs.length === 0 ? (dropped.length ? droppedText(dropped, named) : MEMBER_CHANGED) : null;
  const ko = [
    left
      ? `합산과세 재산정: ${left.ko}(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: ${routeKo}, 납부할 세액 ${formatKrw(before)}원 → ${formatKrw(due)}원.`
      : `합산과세 재산정: 이 신고가 ${who.ko} 합산되어(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: ${routeKo}, 납부할 세액 ${formatKrw(before)}원 → ${formatKrw(due)}원.`,
    relisted ? '목록통관이 배제되어 수입신고로 통관합니다(제출된 통관목록은 다시 수입신고로 제출해야 합니다).' : '',
    kept
      ? `수입신고가 이미 제출되어 목록통관으로 되돌리지 않고 제출된 수입신고로 통관하며${fresh.deMinimis.exempt ? ', 물품가격이 면세한도 이내여서 수입신고로 통관해도 관세·부가세가 면제됩니다(관세법 제94조 제4호, 같은 법 시행규칙 제45조②)' : ''}.`
      : '',
    due > 0
      ? `다음 할 일: 세금 ${formatKrw(due)}원을 납부하거나, 합산 사유가 사실과 다르면(다른 B/L, 다른 판매자 또는 다른 날 구매) 주문내역 등 증빙을 세관에 제출해 합산에 이의를 제기하세요(관세법 제119조).`
      : kept && fresh.deMinimis.exempt
        ? '다음 할 일: 납부할 세금은 없습니다. 제출된 수입신고에 면세(감면) 신청이 없다면 수리 전에 관세사 또는 특송업체가 신고를 정정해 신청합니다(관세법 시행령 제112조).'
        : left
        ? '다음 할 일: 납부할 세금은 없습니다.'
        : '다음 할 일: 납부할 세금은 없습니다. 합산 사유가 사실과 다르면 증빙을 세관에 제출해 이의를 제기할 수 있습니다(관세법 제119조).',
  ].filter(Boolean).join(' ');
  const en = [
    left
      ? `Re-assessed for combined taxation: ${left.en} (KCS Notice on Import Clearance Art. 68) and its outcome changed: ${routeEn}, taxes due KRW ${formatKrw(before)} → KRW ${formatKrw(due)}.`
      : `Re-assessed for combined taxation: this declaration is combined with ${who.en} (KCS Notice on Import Clearance Art. 68) and its outcome changed: ${routeEn}, taxes due KRW ${formatKrw(before)} → KRW ${formatKrw(due)}.`,
    relisted ? 'List clearance no longer applies: the goods clear on an import declaration (a clearance list already filed must be filed again as an import declaration).' : '',
    kept
      ? `Its import declaration is already filed, so it clears on it rather than going back to list clearance${fresh.deMinimis.exempt ? '; the goods value is within the de minimis, so duty and VAT are exempt on the import declaration too (Customs Act Art. 94(4); Enforcement Rule Art. 45(2))' : ''}.`
      : '',
    due > 0
      ? `Next: pay KRW ${formatKrw(due)}, or, if the grounds are wrong (another B/L, another seller or another purchase date), dispute the combination by giving customs proof such as the order records (Customs Act Art. 119).`
      : kept && fresh.deMinimis.exempt
        ? 'Next: no taxes are due. If the filed import declaration does not claim the exemption, the customs broker or courier corrects it to claim it before acceptance (Enforcement Decree Art. 112).'
        : left
        ? 'Next: no taxes are due.'
        : 'Next: no taxes are due. If the grounds are wrong, you may dispute the combination with proof (Customs Act Art. 119).',
  ].filter(Boolean).join(' ');
  return { code: 'COMBINED_REASSESSED', ko, en, ref: kept ? `${COMBINED_REDECISION_LAW}; ${DE_MINIMIS_ON_IMPORT_DECLARATION_LAW}` : COMBINED_REDECISION_LAW };
}

/** The note on a declaration already cleared (수리) when a later one is combined with it: its decision stands. */
export function afterClearanceReason(prior: Assessment, fresh: Assessment, refs: readonly string[], named: boolean): Reason {
  const who = laterText(refs, named);
  const to = ROUTE_TEXT[fresh.route ?? 'general'];
  const due = taxesDueKrw(fresh);
  return {
    code: 'COMBINED_AFTER_CLEARANCE',
    ko:
      `수리 후 합산: 이미 수리된 이 신고가 ${who.ko} 합산 대상입니다(수입통관 사무처리에 관한 고시 제68조). ` +
      `합산하면 ${to.ko}, 세액 ${formatKrw(due)}원입니다(수리 당시 ${formatKrw(taxesDueKrw(prior))}원). 수리된 결정은 바뀌지 않으며, 세관의 사후 심사 대상입니다.`,
    en:
      `Combined after clearance: this declaration, already cleared, is combined with ${who.en} (KCS Notice on Import Clearance Art. 68). ` +
      `Combined, it would be ${to.en} with KRW ${formatKrw(due)} in taxes (KRW ${formatKrw(taxesDueKrw(prior))} when cleared). The clearance stands; customs reviews it after clearance.`,
    ref: COMBINED_AFTER_CLEARANCE_LAW,
  };
}
