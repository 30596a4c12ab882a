// The next action on the officer's declaration page: what the consignee and operator are told to do now
// (the lookups' step), and where the parcel's taxes stand, for the officer about to decide (수리, hold,
// release). Before, it never mentioned the taxes: the officer accepting a taxed parcel could not tell
// there whether they were paid, payable, overdue, not payable while held, refunded or not collected.
// Read from the tax notice (src/domain/tax-notice.ts: paid, due, overdue, held), the steps the lookups
// offer (nextStepsOf: pay or not) and the hold's rule (taxes-payable.ts: whose hold makes them not
// payable), no rule of its own. Pure, beside the page for tests.
import type { Bilingual } from '../../src/domain/bilingual.ts';
import type { Route, Taxes } from '../../src/domain/assessment.ts';
import type { TimelineEntry } from '../../src/domain/api-views.ts';
import { nextActionOf, nextStepsOf, type DeclarationStatus } from '../../src/domain/lifecycle.ts';
import { heldNextOf, holdTextOf } from '../../src/domain/queue-why.ts';
import { koreanDateOf } from '../../src/domain/dates.ts';
import { formatKrw } from '../../src/domain/money.ts';
import { amountToPayKrw, TAX_DUE_DAYS, type TaxNotice } from '../../src/domain/tax-notice.ts';
import { taxesHeldBy } from '../../src/domain/taxes-payable.ts';
import { noticeStateOf } from './tax-notices.ts';

/** What the page reads of a declaration (DeclarationDetail). */
export interface OfficerDetail {
  status: string;
  route: string;
  holdReason: unknown;
  timeline: readonly TimelineEntry[];
  assessment: { taxes: Taxes | null };
}

export type OfficerTaxesCode =
  | 'TAXES_NONE'
  | 'TAXES_NOT_COLLECTED'
  | 'TAXES_NOT_OWED'
  | 'TAXES_PAID'
  | 'TAXES_REFUNDED'
  | 'TAXES_PAYABLE'
  | 'TAXES_OVERDUE'
  | 'TAXES_HELD_ENGINE'
  | 'TAXES_HELD_NOT_ME';

/** Where the taxes stand: code, text and its legal ground ('' when none is cited). */
export interface OfficerTaxes extends Bilingual {
  code: OfficerTaxesCode;
  ref: string;
}

export interface OfficerNextAction {
  /** What the consignee and operator are told to do now: for a hold, as the lookups say it. */
  now: Bilingual;
  /** Where the taxes stand; null while the tax notice is not read yet. */
  taxes: OfficerTaxes | null;
}

/** The label before where the taxes stand, on the page (the texts start with the taxes themselves). */
export const TAXES_LABEL: Bilingual = { ko: '납부 상태:', en: 'Payment:' };

/** Cleared (수입신고수리 or 통관목록심사완료) or out of the bonded area since: the due date is fixed, 15 days from 수리. */
const ACCEPTED_STATUSES = new Set(['cleared', 'released']);

/**
 * What the consignee and operator are told to do now: for a hold, as the lookups say it (the engine's
 * step, or nothing to file after a "not me" report), else the lifecycle's by status.
 */
export function nextNowOf(d: OfficerDetail): Bilingual {
  const lastHold = d.status === 'held' ? d.timeline.findLast((e) => e.type === 'HOLD') : undefined;
  return (lastHold ? heldNextOf(d.holdReason, lastHold.detail?.source) : null) ?? nextActionOf(d.status as DeclarationStatus, d.route as Route);
}

/**
 * Where the taxes stand. `notice`: the officer's tax notice (null: nothing owed and nothing paid;
 * undefined: not read yet, and then nothing is said rather than "no taxes").
 * - none / not collected: from the assessment (a total under the minimum is not collected, 관세법 제40조;
 *   the day of 수리 counts as its payment, 시행령 제37조);
 * - paid, refunded: the notice's payments and the refunds made of them (관세법 제46조);
 * - held: the notice not payable (payable false), whose hold by taxesHeldBy: the engine's (due from 수리,
 *   관세법 제9조) or the consignee's "not me" report (whose goods, and so whose taxes, 제19조①1);
 * - payable or overdue: may be paid before 수리 (제9조③), due within 15 days of it (제9조① 1), a late
 *   payment may owe a penalty tax (제42조). An officer's hold (제237조) withholds clearance, not the tax.
 */
export function officerTaxesOf(d: OfficerDetail, notice: TaxNotice | null | undefined): OfficerTaxes | null {
  const taxes = d.assessment.taxes;
  if (!taxes || taxes.totalKrw <= 0) return { code: 'TAXES_NONE', ko: '부과된 세금이 없습니다.', en: 'No taxes were assessed.', ref: '' };
  const total = formatKrw(taxes.totalKrw);
  if (!taxes.collected) {
    return {
      code: 'TAXES_NOT_COLLECTED',
      ko: `세액 ${total}원이 징수금액의 최저한에 못 미쳐 징수하지 않습니다. 기다릴 납부는 없으며, 수리일이 납부일로 됩니다.`,
      en: `The taxes of KRW ${total} are below the minimum collected, so they are not collected: there is no payment to wait for, and the day of acceptance counts as the payment date.`,
      ref: '관세법 제40조; 관세법 시행령 제37조',
    };
  }
  if (notice === undefined) return null;
  if (notice === null) {
    // Collected, yet no notice: refused or withdrawn before anything was paid (owesTaxes).
    return d.status === 'withdrawn'
      ? { code: 'TAXES_NOT_OWED', ko: '신고가 취하되어 낼 세금이 없고, 납부된 세금도 없습니다.', en: 'The declaration was withdrawn: no taxes are owed, and none were paid.', ref: '' }
      : { code: 'TAXES_NOT_OWED', ko: '통관이 불허되어 낼 세금이 없고, 납부된 세금도 없습니다.', en: 'Clearance was refused: no taxes are owed, and none were paid.', ref: '' };
  }
  const state = noticeStateOf(notice);
  if (state === 'paid') return paidTaxesOf(notice);
  const dueKrw = amountToPayKrw(notice);
  const due = formatKrw(dueKrw);
  // Payable now as the lookups offer it to the consignee and operator (nextStepsOf, by taxesPayableNow: the
  // rule the notice follows too), the hold's codes read as the lookups read them.
  const hold = d.status === 'held' ? holdTextOf(d.holdReason) : null;
  const payNow = nextStepsOf({ status: d.status as DeclarationStatus, route: d.route, taxes: { collected: taxes.collected, dueKrw }, hold }).includes('pay');
  if (state === 'held' || !payNow) {
    // Not payable now: whose hold it is (taxesHeldBy) says why and until when.
    return taxesHeldBy({ status: d.status, route: d.route, holdReason: d.holdReason }) === 'not_me'
      ? {
          code: 'TAXES_HELD_NOT_ME',
          ko: `수하인의 '내가 아님'(도용) 신고로 보류되어 세금 ${due}원은 지금 받지 않습니다. 물품의 화주(납세의무자)를 세관이 확인해 본인 주문으로 보류가 풀리고 수리되면 수리일부터 ${TAX_DUE_DAYS}일 안에 납부합니다.`,
          en: `Held on the consignee's "Not me" report, so the taxes of KRW ${due} are not asked now; once customs has found whose goods these are (the taxpayer) and the order is the consignee's, the hold is lifted and the goods are accepted, they are due within ${TAX_DUE_DAYS} days of acceptance.`,
          ref: '관세법 제19조①1; 관세법 제9조',
        }
      : {
          code: 'TAXES_HELD_ENGINE',
          ko: `엔진의 통관보류로 세금 ${due}원은 지금 납부할 수 없습니다. 보류가 해소되어 수리되면 수리일부터 ${TAX_DUE_DAYS}일 안에 납부합니다.`,
          en: `Held by the engine, so the taxes of KRW ${due} cannot be paid now; if the hold is resolved and the goods are accepted, they are due within ${TAX_DUE_DAYS} days of acceptance.`,
          ref: '관세법 제9조',
        };
  }
  if (state === 'overdue') {
    return {
      code: 'TAXES_OVERDUE',
      ko: `세금 ${due}원의 납부기한(${notice.dueDate})이 지났으나 납부되지 않았습니다. 늦게 낸 세액에는 가산세가 붙을 수 있습니다.`,
      en: `Taxes of KRW ${due} were due by ${notice.dueDate} and are not paid; taxes paid late may owe a penalty tax.`,
      ref: '관세법 제9조; 관세법 제42조',
    };
  }
  // Due: the whole, or the shortfall of a notice paid and assessed again higher since.
  const shortfall = notice.payment !== null || notice.shortfallPayments.length > 0;
  const what = shortfall
    ? { ko: `다시 산정된 세액의 부족분 ${due}원이`, en: `The shortfall of KRW ${due} after the taxes were assessed again is`, it: 'It', is: 'is' }
    : { ko: `세금 ${due}원이`, en: `Taxes of KRW ${due} are`, it: 'They', is: 'are' };
  return ACCEPTED_STATUSES.has(d.status)
    ? {
        code: 'TAXES_PAYABLE',
        ko: `${what.ko} 아직 납부되지 않았습니다. 납부기한은 ${notice.dueDate}입니다(수리일부터 ${TAX_DUE_DAYS}일).`,
        en: `${what.en} not paid yet; ${what.it.toLowerCase()} ${what.is} due by ${notice.dueDate} (${TAX_DUE_DAYS} days from acceptance).`,
        ref: '관세법 제9조① 1',
      }
    : {
        code: 'TAXES_PAYABLE',
        ko: `${what.ko} 아직 납부되지 않았습니다. 수리 전에도 납부할 수 있고, 수리되면 수리일부터 ${TAX_DUE_DAYS}일 안에 납부해야 합니다(지금의 잠정 기한 ${notice.dueDate}).`,
        en: `${what.en} not paid yet. ${what.it} can be paid before acceptance, and once accepted ${what.is} due within ${TAX_DUE_DAYS} days of it (provisional due date now: ${notice.dueDate}).`,
        ref: '관세법 제9조①·③',
      };
}

/** Paid: what, when (the last payment's day in Korea) and the receipts; the refunds made of it; all of it refunded: refunded. */
function paidTaxesOf(notice: TaxNotice): OfficerTaxes {
  const payments = [...(notice.payment ? [notice.payment] : []), ...notice.shortfallPayments];
  const paidKrw = payments.reduce((sum, p) => sum + p.amountKrw, 0);
  const lastPaid = payments.map((p) => koreanDateOf(p.paidAt)).reduce((a, b) => (b > a ? b : a), '');
  const receipts = payments.map((p) => p.receiptNo).join(', ');
  // The overpayment refunded (assessed again lower, withdrawn, refused: reassessed_lower); a second charge
  // returned is not part of what was paid on the notice.
  const taxRefunds = notice.refundsMade.filter((r) => r.reason === 'reassessed_lower');
  const refundedKrw = taxRefunds.reduce((sum, r) => sum + r.amountKrw, 0);
  const refundNos = taxRefunds.map((r) => r.refundNo).join(', ');
  if (paidKrw > 0 && refundedKrw >= paidKrw) {
    const on = taxRefunds.map((r) => koreanDateOf(r.refundedAt)).reduce((a, b) => (b > a ? b : a), '');
    return {
      code: 'TAXES_REFUNDED',
      ko: `납부된 세금 ${formatKrw(paidKrw)}원이 모두 환급되었습니다(${on}, 환불번호 ${refundNos}). 낼 세금은 없습니다.`,
      en: `The KRW ${formatKrw(paidKrw)} paid was refunded in full (${on}, refund ${refundNos}). No taxes are owed.`,
      ref: '관세법 제46조',
    };
  }
  const refunded =
    refundedKrw > 0
      ? { ko: ` 이 중 ${formatKrw(refundedKrw)}원은 환급되었습니다(환불번호 ${refundNos}).`, en: ` KRW ${formatKrw(refundedKrw)} of it was refunded (refund ${refundNos}).` }
      : { ko: '', en: '' };
  return {
    code: 'TAXES_PAID',
    ko: `세금 ${formatKrw(paidKrw)}원이 납부되었습니다(${lastPaid}, 영수번호 ${receipts}).${refunded.ko}`,
    en: `Taxes of KRW ${formatKrw(paidKrw)} are paid (${lastPaid}, receipt no. ${receipts}).${refunded.en}`,
    ref: refundedKrw > 0 ? '관세법 제9조; 관세법 제46조' : '관세법 제9조',
  };
}

/** The officer's next action: the parties' step now, and where the taxes stand. */
export function officerNextActionOf(d: OfficerDetail, notice: TaxNotice | null | undefined): OfficerNextAction {
  return { now: nextNowOf(d), taxes: officerTaxesOf(d, notice) };
}

/** Why a refused parcel was refused, as the officer recorded it (REJECTED's reason, its English when given), by whom and when. */
export interface Refusal extends Bilingual {
  officer: string | null;
  at: string;
}

/**
 * The refusal of a refused (통관불허) declaration, for the top of the officer's page: the hold reason goes with
 * the hold, and the page said only that no action is possible; the reason was in the audit trail at its foot.
 * null unless refused.
 */
export function refusalOf(d: Pick<OfficerDetail, 'status' | 'timeline'>): Refusal | null {
  if (d.status !== 'rejected') return null;
  const e = d.timeline.findLast((x) => x.type === 'REJECTED');
  if (!e?.reason) return null;
  const en = typeof e.detail?.reasonEn === 'string' && e.detail.reasonEn ? e.detail.reasonEn : e.reason;
  return { ko: e.reason, en, officer: typeof e.detail?.officer === 'string' ? e.detail.officer : null, at: e.occurredAt };
}
