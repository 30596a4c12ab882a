// Combined taxation decided again for a declaration on record that a later one joins (수입통관
// 사무처리에 관한 고시 제68조: the parcels of one B/L, or of one consignee from one supplier on one
// purchase date, are taxed together when their sum is over the de minimis). The later declaration
// is assessed over the group at intake; the one on record is re-assessed by the same engine
// (src/app/redecide-combined-members.ts) and, when its outcome changes, gets a new version with
// the texts below; after 수리 its decision stands and the texts note it for post-clearance review.
// Pure: no I/O.
import type { Assessment, Reason, Route } from './assessment.ts';
import type { Bilingual } from './bilingual.ts';
import { CONSENT_SIGNALS } from './consent.ts';
import { formatKrw } from './money.ts';

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
  // No member joined: some left (withdrawn), or a member's value or limit changed.
  const left = refs.length === 0 ? (dropped.length ? droppedText(dropped, named) : MEMBER_CHANGED) : null;
  const ko = [
    left
      ? `합산과세 재산정: ${left.ko}(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: ${from.ko} → ${to.ko}, 납부할 세액 ${formatKrw(before)}원 → ${formatKrw(due)}원.`
      : `합산과세 재산정: 이 신고가 ${who.ko} 합산되어(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: ${from.ko} → ${to.ko}, 납부할 세액 ${formatKrw(before)}원 → ${formatKrw(due)}원.`,
    relisted ? '목록통관이 배제되어 수입신고로 통관합니다(제출된 통관목록은 다시 수입신고로 제출해야 합니다).' : '',
    due > 0
      ? `다음 할 일: 세금 ${formatKrw(due)}원을 납부하거나, 합산 사유가 사실과 다르면(다른 B/L, 다른 판매자 또는 다른 날 구매) 주문내역 등 증빙을 세관에 제출해 합산에 이의를 제기하세요(관세법 제119조).`
      : left
        ? '다음 할 일: 납부할 세금은 없습니다.'
        : '다음 할 일: 납부할 세금은 없습니다. 합산 사유가 사실과 다르면 증빙을 세관에 제출해 이의를 제기할 수 있습니다(관세법 제119조).',
  ].filter(Boolean).join(' ');
  const en = [
    left
      ? `Re-assessed for combined taxation: ${left.en} (KCS Notice on Import Clearance Art. 68) and its outcome changed: ${from.en} → ${to.en}, taxes due KRW ${formatKrw(before)} → KRW ${formatKrw(due)}.`
      : `Re-assessed for combined taxation: this declaration is combined with ${who.en} (KCS Notice on Import Clearance Art. 68) and its outcome changed: ${from.en} → ${to.en}, taxes due KRW ${formatKrw(before)} → KRW ${formatKrw(due)}.`,
    relisted ? 'List clearance no longer applies: the goods clear on an import declaration (a clearance list already filed must be filed again as an import declaration).' : '',
    due > 0
      ? `Next: pay KRW ${formatKrw(due)}, or, if the grounds are wrong (another B/L, another seller or another purchase date), dispute the combination by giving customs proof such as the order records (Customs Act Art. 119).`
      : left
        ? 'Next: no taxes are due.'
        : 'Next: no taxes are due. If the grounds are wrong, you may dispute the combination with proof (Customs Act Art. 119).',
  ].filter(Boolean).join(' ');
  return { code: 'COMBINED_REASSESSED', ko, en, ref: COMBINED_REDECISION_LAW };
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
