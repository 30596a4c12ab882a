// A second charge of the same taxes that the payment provider could not void: two payments of one
// declaration raced, the database kept one (pay-taxes.ts), and cancelling the other failed. The
// payer has been charged twice; the charge is recorded as a refund due, for the administrators to
// refund through the provider, and the payer is told so, with a reference and a date.
import type { Bilingual } from './bilingual.ts';
import { addDays, koreanClockOf, koreanDateOf } from './dates.ts';
import { dateWithWeekday, deadlineOn, type HolidayCalendar } from './holidays.ts';
import { formatKrw } from './money.ts';
import type { PayerKind } from './tax-notice.ts';
import { depositNotOwedText, depositPaidText, depositRefundDueText, depositReversedRefundText, depositReversedText, depositWhileHeldText, heldWhyText } from './virtual-account.ts';
import type { TaxesHeldBy } from './taxes-payable.ts';

/** A charge of taxes already paid that could not be voided: to be refunded through the provider. */
export interface RefundDueRecord {
  id: number;
  provider: string;
  providerTx: string;
  declarationId: number;
  paymentNo: string;
  amountKrw: number;
  payerKind: PayerKind;
  /** duplicate_charge_not_voided, charge_outcome_unknown (the gateway gave no definitive answer: check the order first), deposit_after_paid (a virtual account deposit after the taxes were paid another way), deposit_while_held (one while nothing was payable: held), or reassessed_lower (assessed again lower after payment: the overpayment, part of the charge). */
  reason: string;
  /** YYYY-MM-DD: the day the payer was told the refund comes by. */
  refundBy: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** What an administrator wrote, or the system's why: a note; whether money went back is `outcome`. */
  resolution: string | null;
  /** Once resolved: refunded (returned through the provider), or not_refunded (nothing returned); null while open. Only 'refunded' nets the payments (migrations/100). */
  outcome: RefundOutcome | null;
  /** The refund's reference at the provider, when refunded (none on the rows recorded refunded before migration 100). */
  providerRefundRef: string | null;
}

/**
 * How a refund due was resolved: money returned to the payer through the provider, or none (not due, kept as credit, a
 * duplicate record, superseded); and, for a deposit paid back twice (refunded_then_reversed: owed to nobody, money to
 * recover from the payer), recovered (the payer returned it, or the bank settled it) or written off (not recoverable).
 * Only 'refunded' nets the payments (migrations/100); the other three return nothing to the payer.
 */
export const REFUND_OUTCOMES = ['refunded', 'not_refunded', 'recovered', 'written_off'] as const;
export type RefundOutcome = (typeof REFUND_OUTCOMES)[number];

/** What an administrator can record for a refund due of this reason: a refund to make is refunded or not; a deposit paid back twice is recovered or written off. */
export function outcomesFor(reason: string): readonly RefundOutcome[] {
  return reason === REFUNDED_THEN_REVERSED_REASON ? ['recovered', 'written_off'] : ['refunded', 'not_refunded'];
}

/** null: `outcome` is one the reason takes; else the reason and the outcomes it takes (refused: 400 naming body.outcome). */
export function refusedOutcomeOf(reason: string, outcome: RefundOutcome): { reason: string; allowed: readonly RefundOutcome[] } | null {
  const allowed = outcomesFor(reason);
  return allowed.includes(outcome) ? null : { reason, allowed };
}

/** Which refunds due an administrator lists: open (not yet resolved), resolved (refunded, not refunded, or settled by the system), or all. */
export const REFUND_DUE_STATUSES = ['open', 'resolved', 'all'] as const;
export type RefundDueStatus = (typeof REFUND_DUE_STATUSES)[number];

/** The figures of data/payments.json "refunds": the platform's own commitment (no statute sets it), not yet confirmed. */
export interface RefundPolicy {
  /** Working days after the day of the charge by which a second charge is refunded. */
  workingDays: number;
}

export const REFUND_DUE_REASON = 'duplicate_charge_not_voided';
/** A deposit into a virtual account after the taxes were paid another way (a card): Toss returns it only to the payer's own account, so it is refunded by hand. */
export const DEPOSIT_AFTER_PAID_REASON = 'deposit_after_paid';
/**
 * A deposit into a virtual account while the parcel's taxes were not payable (held on the consignee's "not me"
 * report, or by the engine: taxes-payable.ts): its account was closed with the hold, but the bank took the
 * transfer before the close reached Toss. It pays no taxes (recorded as no payment: the held parcel's notice
 * stays unpaid, and a release does not make it the payment); it is returned to the payer, by hand as a deposit is.
 */
export const DEPOSIT_WHILE_HELD_REASON = 'deposit_while_held';
/**
 * A card charge whose answer came back after the parcel was held (a "not me" report, or the engine: taxes-payable.ts,
 * decided under the payment lock): it pays no taxes, and cancelling it at the provider failed. A passing failure is tried
 * again (charge-cancel-retries.ts) before it is listed to be refunded by hand; a refusal for good is listed at once.
 */
export const CHARGE_WHILE_HELD_REASON = 'charge_while_held';

/**
 * What the payer reads when their card charge crossed the hold (the notice was payable when they paid, the
 * hold committed before the charge was recorded): nothing is paid; the charge was cancelled, or, the cancel
 * failed, is recorded for a refund under a number and a date; why nothing is payable now (관세법 제19조①1
 * a "not me" report, 제9조 the engine's hold) and what to do: nothing until the hold is resolved, then pay again.
 */
export function chargeWhileHeldText(a: {
  amountKrw: number;
  cargoNo: string;
  heldBy: TaxesHeldBy;
  payerKind: PayerKind;
  /** `cancelRetrying`: the cancel failed for a passing reason and is tried again (charge-cancel-retries.ts); the refund by hand only if it never goes through. */
  refund: { refundNo: string; refundBy: string; cancelRetrying?: boolean } | null;
}): Bilingual {
  const why = heldWhyText(a.heldBy);
  const amount = formatKrw(a.amountKrw);
  const money = a.refund?.cancelRetrying
    ? {
        ko: `결제하신 ${amount}원은 결제대행사에서 바로 취소되지 않아 자동으로 다시 취소하고 있습니다. 끝내 취소되지 않으면 환불번호 ${a.refund.refundNo}로 ${dateWithWeekday(a.refund.refundBy).ko}까지 결제하신 수단으로 환불됩니다. 그때까지 취소나 환불이 되지 않으면 ${whomToAsk(a.payerKind).ko}`,
        en: `The card charge of KRW ${amount} could not be cancelled at the payment gateway at once: the cancel is being tried again automatically. Should it never go through, it will be refunded to the means you paid with by ${dateWithWeekday(a.refund.refundBy).en} (refund ${a.refund.refundNo}). If it is neither cancelled nor refunded by then, ${whomToAsk(a.payerKind).en}`,
      }
    : a.refund
    ? {
        ko: `결제하신 ${amount}원은 결제대행사에서 취소되지 않아 환불 대상으로 등록했습니다(환불번호 ${a.refund.refundNo}). ${dateWithWeekday(a.refund.refundBy).ko}까지 결제하신 수단으로 환불됩니다. 그때까지 환불되지 않으면 ${whomToAsk(a.payerKind).ko}`,
        en: `The card charge of KRW ${amount} could not be cancelled at the payment gateway, so it is recorded for a refund (refund ${a.refund.refundNo}): it will be refunded to the means you paid with by ${dateWithWeekday(a.refund.refundBy).en}. If it is not by then, ${whomToAsk(a.payerKind).en}`,
      }
    : { ko: `결제하신 ${amount}원은 취소했습니다.`, en: `The card charge of KRW ${amount} was cancelled.` };
  return {
    ko: `결제하는 사이에 화물관리번호 ${a.cargoNo}는 ${why.ko}. 그래서 세금은 납부되지 않았고, ${money.ko} 보류가 해소되기 전에는 납부할 수 없으니, 해소되면 세금 고지에서 다시 납부하세요.`,
    en: `While you were paying, ${a.cargoNo} ${why.en}. So the taxes are not paid. ${money.en} Nothing can be paid until the hold is resolved: once it is, pay the taxes again from the tax notice.`,
  };
}

/** A card charge's cancel retries on its refund due (migrations/115; charge-cancel-retries.ts), as stored. */
export interface RefundDueCancelRow {
  cancelAttempts: number;
  cancelNextAttemptAt: string | null;
  cancelLastError: string | null;
}

/**
 * What the administrators read of them on the refunds-due list: attempts made of the most, whether the cancels are
 * still being tried (retrying: not listed open yet), were given up (every attempt failed, or the provider refused
 * for good: refunded by hand), or one went through (cancelled: settled by the system), and the provider's last error.
 */
export interface RefundDueCancelRetries {
  attempts: number;
  maxAttempts: number;
  state: 'retrying' | 'given_up' | 'cancelled';
  lastError: string | null;
}

/** null when no cancel was ever tried on the record (a deposit, an overpayment, a record from before the retries). */
export function cancelRetriesOf(r: RefundDueCancelRow & Pick<RefundDueRecord, 'resolvedAt' | 'resolvedBy'>, maxAttempts: number): RefundDueCancelRetries | null {
  if (r.cancelAttempts === 0) return null;
  const state = r.resolvedAt !== null && r.resolvedBy === 'system' ? 'cancelled' : r.resolvedAt === null && r.cancelNextAttemptAt !== null ? 'retrying' : 'given_up';
  return { attempts: r.cancelAttempts, maxAttempts, state, lastError: r.cancelLastError };
}

/**
 * Why an administrator cannot resolve a refund due by hand while its card charge's cancel is still being tried
 * (state retrying): a later attempt that goes through returns the money itself (and settles the record), so a
 * refund made by hand meanwhile would return it twice, and an outcome recorded now could be the wrong one. The
 * attempts made of the most, and when the next is due (Korea's clock; "around": a pass may be making it now);
 * what to do: wait, the record settles itself or, every attempt failed, is listed among the refunds due.
 */
export function cancelRetryingText(r: { refundNo: string; attempts: number; maxAttempts: number; nextAttemptAt: string }): Bilingual {
  const next = `${koreanClockOf(r.nextAttemptAt).replace('T', ' ')} KST`;
  return {
    ko:
      `환불번호 ${r.refundNo} 건은 결제대행사에서 카드 결제를 자동으로 다시 취소하고 있습니다(${r.maxAttempts}회 중 ${r.attempts}회 시도, 다음 시도 ${next} 무렵). ` +
      `취소되면 결제한 금액이 그대로 돌아가므로, 지금 직접 환불하면 이중 환불이 될 수 있습니다. 자동 취소가 끝날 때까지 기다리세요. 취소되면 시스템이 처리하고, 모든 시도가 실패하면 환불 대상 목록에 올라와 그때 처리할 수 있습니다.`,
    en:
      `Refund ${r.refundNo} is still being cancelled automatically at the payment gateway (${r.attempts} of ${r.maxAttempts} attempts made; the next around ${next}). ` +
      `A cancel that goes through returns the charge by itself, so refunding it by hand now risks refunding the payer twice. Wait for the automatic cancel: if it goes through, the system settles the record; if every attempt fails, it is listed among the refunds due, to be resolved then.`,
  };
}

/** "RF-00000042": the reference the payer quotes. */
export const refundNoOf = (id: number) => `RF-${String(id).padStart(8, '0')}`;

/** The `policy.workingDays`-th working day after `today` (Saturdays, Sundays, public holidays and May 1 do not count, as for deadlines). */
export function refundDueBy(today: string, calendar: HolidayCalendar, policy: RefundPolicy): string {
  let day = today;
  for (let i = 0; i < policy.workingDays; i++) day = deadlineOn(addDays(day, 1), calendar).date;
  return day;
}

/** Whom a payer asks about a refund that has not come, quoting its number. */
function whomToAsk(payerKind: PayerKind): Bilingual {
  return payerKind === 'operator'
    ? { ko: '환불번호를 적어 플랫폼 운영 관리자에게 문의하세요.', en: 'contact the platform administrators (운영 관리자), quoting the refund number.' }
    : { ko: '환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.', en: "contact us through the portal's consultation (민원상담), quoting the refund number." };
}

/**
 * What the payer reads: charged twice, the second charge will be refunded, by when, and whom to ask.
 * A consumer asks through the portal's consultation (민원상담); an operator paying on a consumer's
 * behalf cannot open one (it is the consumer's), so it asks the platform's administrators.
 */
export function refundDueText(r: {
  refundNo: string;
  amountKrw: number;
  refundBy: string;
  payerKind: PayerKind;
  /** The void failed for a passing reason and is tried again (charge-cancel-retries.ts): the refund by hand only if it never goes through. */
  cancelRetrying?: boolean;
}): Bilingual {
  const by = dateWithWeekday(r.refundBy);
  const ask = whomToAsk(r.payerKind);
  if (r.cancelRetrying)
    return {
      ko:
        `이미 납부된 세금이 한 번 더 결제되었습니다. 두 번째 결제 ${formatKrw(r.amountKrw)}원은 결제대행사에서 바로 취소되지 않아 자동으로 다시 취소하고 있습니다. ` +
        `끝내 취소되지 않으면 환불번호 ${r.refundNo}로 ${by.ko}까지 결제하신 수단으로 환불됩니다. 그때까지 취소나 환불이 되지 않으면 ${ask.ko}`,
      en:
        `These taxes were already paid, and you were charged a second time. The second charge of KRW ${formatKrw(r.amountKrw)} could not be cancelled at the payment gateway at once: the cancel is being tried again automatically. ` +
        `Should it never go through, it will be refunded to the means you paid with by ${by.en} (refund ${r.refundNo}). If it is neither cancelled nor refunded by then, ${ask.en}`,
    };
  return {
    ko:
      `이미 납부된 세금이 한 번 더 결제되었습니다. 두 번째 결제 ${formatKrw(r.amountKrw)}원은 취소되지 않아 환불 대상으로 등록했습니다(환불번호 ${r.refundNo}). ` +
      `${by.ko}까지 결제하신 수단으로 환불됩니다. 그때까지 환불되지 않으면 ${ask.ko}`,
    en:
      `These taxes were already paid, and you were charged a second time. The second charge of KRW ${formatKrw(r.amountKrw)} could not be cancelled, so it is recorded for a refund (refund ${r.refundNo}). ` +
      `It will be refunded to the means you paid with by ${by.en}. If it is not by then, ${ask.en}`,
  };
}

/** A charge the provider gave no definitive answer about (pay-taxes.ts): it may have gone through. */
export const CHARGE_OUTCOME_UNKNOWN_REASON = 'charge_outcome_unknown';

/**
 * What the payer reads when the charge's outcome is unknown: maybe charged; a retry of the same
 * request (same Idempotency-Key) is answered by the gateway with the first outcome, never charged
 * twice; a charge found and not recorded as the payment is refunded by the date, under the reference.
 */
export function unknownChargeText(r: { refundNo: string; amountKrw: number; refundBy: string; sameRequestRetry: boolean }): { ko: string; en: string } {
  const by = dateWithWeekday(r.refundBy);
  const retry = r.sameRequestRetry
    ? { ko: '잠시 후 같은 납부 요청을 다시 보내면 이중 결제 없이 결과를 확인합니다.', en: 'Send the same payment request again shortly: the result is checked without charging twice.' }
    : { ko: '다시 납부하셔도 됩니다.', en: 'You may pay again.' };
  return {
    ko:
      `결제대행사에서 결제 결과를 받지 못해 납부 여부를 확인하지 못했습니다. ${formatKrw(r.amountKrw)}원이 결제되었을 수 있습니다. ${retry.ko} ` +
      `결제되었는데 납부로 기록되지 않은 금액은 ${by.ko}까지 결제하신 수단으로 환불됩니다(확인번호 ${r.refundNo}).`,
    en:
      `The payment gateway gave no definitive answer, so we cannot tell whether KRW ${formatKrw(r.amountKrw)} was charged. ${retry.en} ` +
      `A charge that went through and is not recorded as the payment will be refunded to the means you paid with by ${by.en} (reference ${r.refundNo}).`,
  };
}

/**
 * The taxes were assessed again after they were paid (a correction, combined taxation, corrected
 * reference data) and now come to less than was paid: the difference is refunded (관세법 제46조
 * 과오납금의 환급; the payer may also ask, 제38조의3 경정청구). Recorded in the same transaction as the
 * new assessment version (src/adapters/db/reassessment-refunds.ts), at most one open per declaration
 * and charge: split over the charges that paid it, one record each (allocateRefund, migrations/104).
 */
export const REASSESSED_LOWER_REASON = 'reassessed_lower';

/**
 * The provider transaction of a reassessment refund: the charge to refund part of, after the version
 * that found the overpayment and the payments recorded by then (one record per such state and charge:
 * the same state found again is the same record). `basis.parts`: the overpayment split over that many
 * charges (allocateRefund), `.parts<n>`, so that a part never takes the key of a single record of the
 * same state against the same charge written before refunds were split (which it supersedes).
 */
export const reassessedRefundTxOf = (
  version: number,
  paymentsRecorded: number,
  paymentTx: string,
  ended: EndedStatus | null = null,
  basis: { standingKrw?: number | null; refundedKrw?: number; parts?: number } = {},
) => `${reassessedSituationOf(version, paymentsRecorded, ended, basis)}:${paymentTx}`;

/**
 * What the provider transactions of one situation's records begin with (before `:<charge>`), whatever
 * the charge: the reconciliation asks whether this situation was recorded already (reassessment-refunds.ts).
 */
export const reassessedSituationOf = (version: number, paymentsRecorded: number, ended: EndedStatus | null = null, basis: { standingKrw?: number | null; refundedKrw?: number; parts?: number } = {}) =>
  `reassessed:v${version}.${paymentsRecorded}${ended ? `.${ended}` : ''}${reassessedBasisOf(basis)}${basis.parts && basis.parts > 1 ? `.parts${basis.parts}` : ''}`;

/**
 * The rest of what a reassessment refund is based on, when it is not all the payments recorded and no
 * refund made: `.paid<standing>` once a payment is reversed, `.refunded<made>` once a refund was made.
 * At one version and count of payments these only move one way (a reversal lowers what stands, a refund
 * made raises what was returned), so each distinct situation has its own provider transaction (a new
 * record is never discarded as the earlier one's conflict) and the same situation found again the same.
 * Empty otherwise: the records written before keep their form.
 */
function reassessedBasisOf(b: { standingKrw?: number | null; refundedKrw?: number }): string {
  return `${b.standingKrw != null ? `.paid${b.standingKrw}` : ''}${b.refundedKrw ? `.refunded${b.refundedKrw}` : ''}`;
}

/**
 * A declaration that ended without import: withdrawn (신고취하, 관세법 제250조) or refused (통관불허).
 * It owes nothing any more (tax-notice.ts owesTaxes), so everything paid under it is overpaid:
 * refunded as 과오납금 (관세법 제46조; the KCS lists a withdrawal's approval and a refused
 * declaration's notice among the cases of 과오납 환급). Recorded by the same reconciliation as an
 * assessment lower (reason reassessed_lower: one open per declaration and charge, whatever made it overpaid),
 * in the transaction of the withdrawal or refusal; withdrawing does not store a new version, so its
 * record's provider transaction names the end (`reassessed:v2.1.withdrawn:…`), not to be taken for
 * the record of the assessment at that version.
 */
export type EndedStatus = 'withdrawn' | 'rejected';
export const endedStatusOf = (status: string): EndedStatus | null => (status === 'withdrawn' || status === 'rejected' ? status : null);

/** Why the declaration no longer owes its taxes, for the payer (ko/en) and for the administrators' record (English). */
function endedText(ended: EndedStatus): { ko: string; en: string; refKo: string; refEn: string } {
  return ended === 'withdrawn'
    ? { ko: '신고가 취하되어', en: 'The declaration was withdrawn, so', refKo: '관세법 제250조 신고의 취하, 제46조 과오납금의 환급', refEn: 'Customs Act art. 250, withdrawal of a declaration, and art. 46, refund of taxes overpaid' }
    : { ko: '통관이 불허되어', en: 'Clearance was refused, so', refKo: '관세법 제46조 과오납금의 환급', refEn: 'Customs Act art. 46, refund of taxes overpaid' };
}

/** The `why` of a withdrawal's or refusal's reconciliation (the administrators' record, English). */
export const endedWhy = (ended: EndedStatus) =>
  ended === 'withdrawn' ? 'declaration withdrawn after payment (Customs Act art. 250): nothing is owed' : 'clearance refused after payment: nothing is owed';

/** An open reassessment refund as the reconciliation reads it. */
export interface OpenReassessedRefund {
  id: number;
  amountKrw: number;
  /** The charge it is drawn from (a RefundableCharge's `charge`), read from its provider transaction. */
  charge?: string;
}

/** A standing payment's charge, as a reassessment refund may be drawn from it: a partial cancel at the provider. */
export interface RefundableCharge {
  /** Which charge (the provider and its transaction, as the caller names it). */
  charge: string;
  amountKrw: number;
  /** What was already refunded from it: its reassessment refunds recorded as made (outcome refunded, migrations/100). */
  refundedKrw: number;
}

/** Part of a refund drawn from one charge. */
export interface RefundPart {
  charge: string;
  amountKrw: number;
}

/** What is left to refund of a charge: its amount less what was already refunded from it (never below 0). */
export const leftOfCharge = (c: Pick<RefundableCharge, 'amountKrw' | 'refundedKrw'>) => Math.max(c.amountKrw - c.refundedKrw, 0);

/**
 * Splits a refund of `amountKrw` over the standing charges (`chargesOldestFirst`: the notice's payment,
 * then the shortfalls paid after it, in the order they were paid): one part per charge, each at most
 * what is left of it (leftOfCharge), none of 0 or less, the parts summing to the amount. A provider
 * cancels part of a charge, never more than the charge: paid 100,000 by card, 50,000 by transfer,
 * withdrawn: 150,000 is two refunds, 50,000 of the transfer and 100,000 of the card, not one of 150,000
 * against the card (refused by the provider).
 *
 * The latest charge first, as a payments operator undoes payments: (1) the overpayment comes from the
 * latest assessments first (a shortfall was paid because the taxes went up; assessed lower again, that
 * increase is what is undone, and it goes back to the means that paid it); (2) the latest charge is the
 * freshest at the provider, the one most surely still cancellable in part, where an old card charge may
 * have aged past its cancel window; (3) the notice's own payment (part 0, the receipt the payer and the
 * card company hold for the import) stays whole the longest, and a small correction touches one charge.
 * Not the largest first: that splits no less often in practice, and would refund a correction of a
 * shortfall paid by transfer to the card of the first payment.
 *
 * Never more than is left of all the charges together: a larger amount (which the reconciliation never
 * asks: what is paid net of the refunds made is at least what is overpaid) is allocated up to that.
 */
export function allocateRefund(chargesOldestFirst: readonly RefundableCharge[], amountKrw: number): RefundPart[] {
  const parts: RefundPart[] = [];
  let rest = Math.max(Math.floor(amountKrw), 0);
  for (let i = chargesOldestFirst.length - 1; i >= 0 && rest > 0; i--) {
    const c = chargesOldestFirst[i]!;
    const take = Math.min(leftOfCharge(c), rest);
    if (take <= 0) continue;
    parts.push({ charge: c.charge, amountKrw: take });
    rest -= take;
  }
  return parts;
}

/** What to do with a declaration's reassessment refunds: the open ones to keep, or the parts to record; and what to resolve, with why. */
export interface ReassessedRefundPlan {
  keep: number[];
  create: RefundPart[];
  resolve: { id: number; resolution: string }[];
}

/**
 * The reassessment refunds of a declaration whose taxes were paid (`paidKrw`, every standing
 * payment, in the charges `charges`, oldest first) and are now assessed at `owedKrw` (0 when nothing is
 * owed any more), of which `refundedKrw` was already returned (its reassessment refunds recorded as made
 * by an administrator): the overpayment (paid − refunded) − owed, when above zero, recorded as one open
 * refund per charge it is drawn from (allocateRefund: the latest charge first, each at most what is left
 * of it), never twice for the same money. E.g. paid 36,320, corrected to 20,000: 16,320, refunded; then
 * withdrawn: 36,320 − 16,320 − 0 = 20,000, not 36,320 again.
 *
 * The open records stay when they still hold the overpayment (idempotent): they add up to it, or this
 * very situation was recorded before (`recorded`: a record of its provider transaction exists, and an
 * administrator resolved a part since: that stays resolved), and none is more than is left of its charge.
 * Otherwise the parts that change are resolved as superseded (the overpayment changed, or a record asks more
 * than its charge holds: the parts of the new amount replace them), an open part of the same charge and amount
 * as a new part kept as it is (its refund number too: the payer and the operator are told only what changed),
 * or all as no longer due (the taxes now come to the net
 * amount paid or more, or the payment was reversed: nothing was overpaid). Resolutions are for the
 * administrators' record (English, as theirs are).
 */
export function reassessedRefundPlan(
  paidKrw: number,
  owedKrw: number,
  open: readonly OpenReassessedRefund[],
  why: string,
  refundedKrw = 0,
  charges: readonly RefundableCharge[] = [{ charge: '', amountKrw: paidKrw, refundedKrw }],
  recorded = false,
  /** A payment was reversed (the bank took a deposit back): a part cancelled while the others stay as they are says so. */
  o: { reversed?: boolean } = {},
): ReassessedRefundPlan {
  const netKrw = paidKrw - refundedKrw;
  const over = netKrw - owedKrw;
  const paidText = refundedKrw > 0 ? `KRW ${formatKrw(paidKrw)} paid less KRW ${formatKrw(refundedKrw)} already refunded` : `KRW ${formatKrw(paidKrw)} paid`;
  if (over <= 0) {
    const resolution =
      paidKrw === 0
        ? `no longer due: ${why}; no payment stands (reversed), nothing was overpaid`
        : `no longer due: ${why}, taxes KRW ${formatKrw(owedKrw)}, not less than the ${paidText}`;
    return { keep: [], create: [], resolve: open.map((r) => ({ id: r.id, resolution })) };
  }
  const openKrw = open.reduce((sum, r) => sum + r.amountKrw, 0);
  if (open.length > 0 && (openKrw === over || recorded) && withinCharges(open, charges)) return { keep: open.map((r) => r.id), create: [], resolve: [] };
  // An open part of the same charge and amount as a part of the new allocation is the same money: it
  // stays as it is, under its number; only the parts that change are superseded and recorded anew.
  const allocation = allocateRefund(charges, over);
  const kept = new Set<number>();
  const create: RefundPart[] = [];
  for (const part of allocation) {
    const same = open.find((r) => !kept.has(r.id) && r.charge !== undefined && r.charge === part.charge && r.amountKrw === part.amountKrw);
    if (same) kept.add(same.id);
    else create.push(part);
  }
  const split = kept.size > 0 ? ` in ${create.length} of ${allocation.length} parts, ${[...kept].map(refundNoOf).join(', ')} unchanged` : create.length > 1 ? ` in ${create.length} parts, one per charge` : '';
  // A payment reversed and nothing recorded anew, the rest kept as it is: nothing replaces the parts
  // cancelled (the money they were drawn from went back), so they are not "superseded" (reassessedCancelCause).
  const resolution =
    o.reversed && create.length === 0 && kept.size > 0
      ? `payment reversed: ${why}, taxes KRW ${formatKrw(owedKrw)}; the overpayment is now KRW ${formatKrw(over)} (${paidText}), held by ${[...kept].map(refundNoOf).join(', ')} unchanged; nothing is refunded under this number`
      : `superseded: ${why}, taxes KRW ${formatKrw(owedKrw)}; the overpayment is now KRW ${formatKrw(over)} (${paidText}), recorded anew${split}`;
  return { keep: open.filter((r) => kept.has(r.id)).map((r) => r.id), create, resolve: open.filter((r) => !kept.has(r.id)).map((r) => ({ id: r.id, resolution })) };
}

/**
 * Why the records a reconciliation resolves (`plan.resolve`) no longer stand, as the operator's
 * tax.refund_due_cancelled and the payer's alert say it: superseded when records are recorded anew in their
 * place (or, not after a reversal, when other parts are kept as they are); payment reversed after a reversal
 * that records nothing anew (the other parts kept, or none: no payment stands, or what stands is not overpaid);
 * no longer due otherwise (assessed again at the net amount paid or more). E.g. 86,580 by card + 49,950 by
 * transfer, owed 0: 49,950 and 86,580 due; the transfer reversed: 86,580 still due (kept), the 49,950
 * cancelled as payment reversed, not superseded (nothing replaces it).
 */
export function reassessedCancelCause(plan: ReassessedRefundPlan, o: { reversed: boolean; paidKrw: number }): RefundDueCancelCause {
  if (plan.create.length > 0) return 'superseded';
  if (o.reversed) return 'payment_reversed';
  if (plan.keep.length > 0) return 'superseded';
  return o.paidKrw === 0 ? 'payment_reversed' : 'no_longer_due';
}

/** Whether each open record is drawn from a standing charge and, together with the others on it, asks no more than is left of it. */
function withinCharges(open: readonly OpenReassessedRefund[], charges: readonly RefundableCharge[]): boolean {
  const asked = new Map<string, number>();
  for (const r of open) {
    if (r.charge === undefined) return charges.length === 1 && open.length === 1 && r.amountKrw <= leftOfCharge(charges[0]!);
    asked.set(r.charge, (asked.get(r.charge) ?? 0) + r.amountKrw);
  }
  return [...asked].every(([charge, krw]) => {
    const c = charges.find((x) => x.charge === charge);
    return c !== undefined && krw <= leftOfCharge(c);
  });
}

/**
 * What the payer reads on the notice: the taxes assessed again at `owedKrw`, the overpayment recorded
 * for a refund under a number, by when, to the means paid with, and whom to ask if it has not come.
 */
export function reassessedRefundText(r: {
  refundNo: string;
  amountKrw: number;
  refundBy: string;
  owedKrw: number;
  payerKind: PayerKind;
  ended?: EndedStatus | null;
  /** What stands paid and what of it was already refunded (reassessed_lower refunds made): then not "in full". */
  paidKrw?: number;
  refundedKrw?: number;
  /** The refund split over several charges (allocateRefund): each record's number, amount and the receipt it is refunded to; `refundNo` is then the first's. */
  parts?: readonly RefundNumberPart[];
}): Bilingual {
  const by = dateWithWeekday(r.refundBy);
  const amount = formatKrw(r.amountKrw);
  const ask = whomToAsk(r.payerKind);
  const no = refundNumbersText(r.refundNo, r.parts);
  if (r.ended) {
    // Withdrawn or refused: nothing is owed, the whole amount paid is refunded.
    const e = endedText(r.ended);
    if (r.refundedKrw && r.refundedKrw > 0 && r.paidKrw !== undefined) {
      // Part was already refunded: the rest (paid − refunded − 0) is recorded, not all that was paid.
      return {
        ko:
          `${e.ko} 납부하신 ${formatKrw(r.paidKrw)}원 중 이미 환급된 ${formatKrw(r.refundedKrw)}원을 뺀 ${amount}원이 환급 대상으로 등록되었습니다(${no.ko}, ${e.refKo}). ` +
          `${by.ko}까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 ${ask.ko}`,
        en:
          `${e.en} of the KRW ${formatKrw(r.paidKrw)} paid, the KRW ${amount} left after the KRW ${formatKrw(r.refundedKrw)} already refunded is recorded for a refund (${no.en}; ${e.refEn}). ` +
          `It will be refunded to the means you paid with by ${by.en}. If it is not by then, ${ask.en}`,
      };
    }
    return {
      ko:
        `${e.ko} 납부하신 ${amount}원 전액이 환급 대상으로 등록되었습니다(${no.ko}, ${e.refKo}). ` +
        `${by.ko}까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 ${ask.ko}`,
      en:
        `${e.en} the KRW ${amount} paid is recorded for a refund in full (${no.en}; ${e.refEn}). ` +
        `It will be refunded to the means you paid with by ${by.en}. If it is not by then, ${ask.en}`,
    };
  }
  return {
    ko:
      `납부 후 세액이 ${formatKrw(r.owedKrw)}원으로 다시 산정되어 ${amount}원이 더 납부되었습니다. 더 납부된 ${amount}원은 환급 대상으로 등록되었습니다(${no.ko}, 관세법 제46조 과오납금의 환급). ` +
      `${by.ko}까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 ${ask.ko}`,
    en:
      `After the payment the taxes were assessed again at KRW ${formatKrw(r.owedKrw)}, so KRW ${amount} was paid too much. It is recorded for a refund (${no.en}; Customs Act art. 46, refund of taxes overpaid). ` +
      `It will be refunded to the means you paid with by ${by.en}. If it is not by then, ${ask.en}`,
  };
}

/** One record of a refund split over charges, as told: `unchanged`, kept as it was when another part changed. */
interface RefundNumberPart {
  refundNo: string;
  amountKrw: number;
  receiptNo?: string;
  unchanged?: boolean;
}

/**
 * The refund number(s) a reassessment refund is told under: "환불번호 RF-00000042" / "refund RF-00000042";
 * split over charges, each with its amount and the receipt it goes back to: "환불번호 RF-00000007
 * 49,950원(영수번호 TR-…), RF-00000008 86,580원(영수번호 TR-…)" / "refund RF-00000007, KRW 49,950
 * (receipt no. TR-…), and RF-00000008, KRW 86,580 (receipt no. TR-…)".
 */
function refundNumbersText(refundNo: string, parts: readonly RefundNumberPart[] | undefined): Bilingual {
  if (!parts || parts.length < 2) return { ko: `환불번호 ${refundNo}`, en: `refund ${refundNo}` };
  const ko = parts.map((p) => `${p.refundNo} ${formatKrw(p.amountKrw)}원${p.receiptNo ? `(영수번호 ${p.receiptNo})` : ''}${p.unchanged ? '(그대로)' : ''}`);
  const en = parts.map((p) => `${p.refundNo}, KRW ${formatKrw(p.amountKrw)}${p.receiptNo ? ` (receipt no. ${p.receiptNo})` : ''}${p.unchanged ? ' (unchanged)' : ''}`);
  return { ko: `환불번호 ${ko.join(', ')}`, en: `refund ${en.slice(0, -1).join(', ')}, and ${en.at(-1)}` };
}

/** What was refunded, as the payer knows it (by the reason recorded). */
const REFUNDED_WHAT: Record<string, Bilingual> = {
  [REASSESSED_LOWER_REASON]: { ko: '더 납부된 세금', en: 'the taxes overpaid' },
  [REFUND_DUE_REASON]: { ko: '두 번 결제된 세금 중 두 번째 결제', en: 'the second charge of the taxes' },
  [DEPOSIT_AFTER_PAID_REASON]: { ko: '세금 납부 후 입금하신 금액', en: 'your deposit made after the taxes were paid' },
  [DEPOSIT_WHILE_HELD_REASON]: { ko: '통관보류 중 입금하신 금액', en: 'your deposit made while the parcel was held' },
  [CHARGE_WHILE_HELD_REASON]: { ko: '통관보류 중 결제되어 취소되지 않은 카드 결제', en: 'your card charge made while the parcel was held, which could not be cancelled' },
  [CHARGE_OUTCOME_UNKNOWN_REASON]: { ko: '결과가 확인되지 않았던 결제', en: 'the charge whose outcome was unknown' },
};

/**
 * The consumer's alert when an administrator records a refund due as refunded (tax-refunds-due.ts):
 * the amount, the refund number, the day (Korean date) and where to read it (the portal's /me, after
 * verification). As the deposit alerts: the cargo number, no name or account.
 */
export function refundMadeText(r: { cargoNo: string; amountKrw: number; refundNo: string; refundedAt: string; reason: string; link: string }): Bilingual {
  const on = dateWithWeekday(koreanDateOf(r.refundedAt));
  const what = REFUNDED_WHAT[r.reason] ?? { ko: '환급 대상 금액', en: 'the amount due' };
  return {
    ko: `화물관리번호 ${r.cargoNo}의 ${what.ko} ${formatKrw(r.amountKrw)}원이 ${on.ko}에 환급(환불)되었습니다(환불번호 ${r.refundNo}). 본인 확인 후 통관 포털의 세금 고지에서 확인하세요: ${r.link}`,
    en: `On ${r.cargoNo}, ${what.en}, KRW ${formatKrw(r.amountKrw)}, was refunded on ${on.en} (refund ${r.refundNo}). Verify yourself on the portal to see it on the tax notice: ${r.link}`,
  };
}

export const TAX_REFUNDED = 'tax.refunded';

/** The body of tax.refunded (webhooks route documents it): the refund made, of which payment, under which number. */
export function taxRefundedEvent(refund: RefundDueRecord, d: { id: number; ref: string; cargoNo: string }) {
  const refundNo = refundNoOf(refund.id);
  return {
    id: `taxrefund_${refundNo}`,
    type: TAX_REFUNDED,
    occurredAt: refund.resolvedAt,
    declaration: { id: d.id, ref: d.ref, cargoNo: d.cargoNo },
    refund: { refundNo, paymentNo: refund.paymentNo, amountKrw: refund.amountKrw, reason: refund.reason, providerRefundRef: refund.providerRefundRef, refundedAt: refund.resolvedAt },
  } as const;
}

export const TAX_REFUND_DUE_EVENT = 'tax.refund_due';

/**
 * The body of the operator's tax.refund_due (webhooks route documents it): a refund due recorded on a
 * payment the operator made, with its number, amount, reason and the day promised. Sent once per
 * record (its id is the refund number's); tax.refunded follows when it is refunded.
 */
export function taxRefundDueEvent(refund: RefundDueRecord, d: { id: number; ref: string; cargoNo: string }) {
  const refundNo = refundNoOf(refund.id);
  return {
    id: `taxrefunddue_${refundNo}`,
    type: TAX_REFUND_DUE_EVENT,
    occurredAt: refund.createdAt,
    declaration: { id: d.id, ref: d.ref, cargoNo: d.cargoNo },
    refund: { refundNo, paymentNo: refund.paymentNo, amountKrw: refund.amountKrw, reason: refund.reason, refundBy: refund.refundBy },
  } as const;
}

export const TAX_REFUND_DUE_CANCELLED = 'tax.refund_due_cancelled';

/**
 * Why a refund due announced (tax.refund_due) no longer stands: superseded (assessed again, or a payment
 * recorded, so the overpayment is another amount, recorded anew under another number), no longer due (the
 * taxes now come to the net amount paid or more), payment reversed (the payment that was overpaid was
 * undone), deposit reversed (the deposit to refund went back through the bank), or not refunded (an
 * administrator recorded that nothing is returned: not due, kept as credit, a duplicate record).
 */
export const REFUND_DUE_CANCEL_CAUSES = ['superseded', 'no_longer_due', 'payment_reversed', 'deposit_reversed', 'not_refunded', 'charge_cancelled'] as const;
export type RefundDueCancelCause = (typeof REFUND_DUE_CANCEL_CAUSES)[number];

/** The refund due that replaces a superseded one. */
export interface RefundDueSuccessor {
  /** Its number; split over several charges, the first record's (`parts` names each). */
  refundNo: string;
  /** The overpayment now: split, all its records together. */
  amountKrw: number;
  refundBy: string;
  /** Split over several charges (one record per charge, allocateRefund): each record that replaces it, in order; absent when one. */
  parts?: { refundNo: string; amountKrw: number }[];
  /** The open records of the overpayment kept as they are (same charge, same amount: same number), counted in `amountKrw`; absent when none. */
  unchanged?: { refundNo: string; amountKrw: number }[];
}

/**
 * The successor of a superseded reassessment refund, from the open records of its declaration that
 * replace it (oldest first): one, as it is; several (the overpayment split over the charges that paid
 * it), the overpayment in all, with each part. E.g. 49,950 and 86,580: 136,530 in two parts.
 */
export function refundDueSuccessorOf(
  open: readonly { id: number; amountKrw: number; refundBy: string }[],
  unchanged: readonly { id: number; amountKrw: number; refundBy: string }[] = [],
): RefundDueSuccessor | null {
  if (unchanged.length > 0) {
    // Part of the overpayment stays under the records it had: named apart, counted in the overpayment in all.
    const all = [...open, ...unchanged];
    return {
      refundNo: refundNoOf((open[0] ?? unchanged[0]!).id),
      amountKrw: all.reduce((sum, r) => sum + r.amountKrw, 0),
      refundBy: all.map((r) => r.refundBy).reduce((a, b) => (b > a ? b : a)),
      ...(open.length > 1 ? { parts: open.map((r) => ({ refundNo: refundNoOf(r.id), amountKrw: r.amountKrw })) } : {}),
      unchanged: unchanged.map((r) => ({ refundNo: refundNoOf(r.id), amountKrw: r.amountKrw })),
    };
  }
  if (open.length === 0) return null;
  const first = open[0]!;
  if (open.length === 1) return { refundNo: refundNoOf(first.id), amountKrw: first.amountKrw, refundBy: first.refundBy };
  return {
    refundNo: refundNoOf(first.id),
    amountKrw: open.reduce((sum, r) => sum + r.amountKrw, 0),
    refundBy: open.map((r) => r.refundBy).reduce((a, b) => (b > a ? b : a)),
    parts: open.map((r) => ({ refundNo: refundNoOf(r.id), amountKrw: r.amountKrw })),
  };
}

/**
 * What the payer reads when a refund due they were told of no longer stands: its number and amount,
 * why, and, when superseded, the number and amount that replace it (not to be added to it).
 */
export function refundDueCancelledText(r: { refundNo: string; amountKrw: number; cause: RefundDueCancelCause; payerKind: PayerKind; supersededBy?: RefundDueSuccessor | null }): Bilingual {
  return cancelledText(cancelledHeadText([r]), r.cause, r.payerKind, r.supersededBy ?? null, false);
}

/**
 * Refund numbers with their amounts: "RF-00000007(49,950원), RF-00000008(3,320원)" / "RF-00000007 (KRW
 * 49,950) and RF-00000008 (KRW 3,320)".
 */
function refundListText(rs: readonly { refundNo: string; amountKrw: number }[]): Bilingual {
  const ko = rs.map((x) => `${x.refundNo}(${formatKrw(x.amountKrw)}원)`).join(', ');
  const en = rs.map((x) => `${x.refundNo} (KRW ${formatKrw(x.amountKrw)})`);
  return { ko, en: en.length < 2 ? en.join('') : `${en.slice(0, -1).join(', ')} and ${en.at(-1)}` };
}

/** "환불번호 RF-…(…원)의 환불은 취소되었습니다." / "Refund RF-… (KRW …) is cancelled:", or of several records at once (the parts of a split). */
function cancelledHeadText(rs: readonly { refundNo: string; amountKrw: number }[]): Bilingual {
  const l = refundListText(rs);
  return rs.length < 2
    ? { ko: `환불번호 ${l.ko}의 환불은 취소되었습니다.`, en: `Refund ${l.en} is cancelled:` }
    : { ko: `환불번호 ${l.ko}의 환불은 취소되었습니다.`, en: `Refunds ${l.en} are cancelled:` };
}

/** The cancellation after its head: why, and when superseded what replaces it; `many`: several records cancelled at once (their amounts do not add to the new one). */
function cancelledText(head: Bilingual, cause: RefundDueCancelCause, payerKind: PayerKind, next: RefundDueSuccessor | null, many: boolean): Bilingual {
  switch (cause) {
    case 'superseded':
      if (next?.unchanged && next.unchanged.length > 0) {
        // Only the parts that changed were recorded anew; the others stand under their numbers.
        const renewed = next.parts ?? (next.unchanged.some((u) => u.refundNo === next.refundNo) ? [] : [{ refundNo: next.refundNo, amountKrw: next.amountKrw - next.unchanged.reduce((s, u) => s + u.amountKrw, 0) }]);
        const n = renewed.length + next.unchanged.length;
        const fresh = refundListText(renewed);
        const kept = refundListText(next.unchanged);
        const total = formatKrw(next.amountKrw);
        const by = dateWithWeekday(next.refundBy);
        const label = (k: number) => (k > 1 ? 'refunds' : 'refund');
        return {
          ko:
            `${head.ko} 세액이 다시 산정되어 더 납부된 금액이 모두 ${total}원으로 바뀌었습니다(관세법 제46조). ` +
            `${renewed.length > 0 ? `바뀐 금액은 환불번호 ${fresh.ko}로 새로 등록되었고, ` : ''}환불번호 ${kept.ko}은 그대로입니다. ` +
            `${by.ko}까지 ${n > 1 ? `이 ${n}건, 모두 ` : ''}${total}원만 환급되며, 취소된 금액을 더하지 않습니다.`,
          en:
            `${head.en} the taxes were assessed again and the overpayment is now KRW ${total} in all (Customs Act art. 46): ` +
            `${renewed.length > 0 ? `recorded anew as ${label(renewed.length)} ${fresh.en}, and ` : ''}${label(next.unchanged.length)} ${kept.en} ${next.unchanged.length > 1 ? 'stand' : 'stands'} unchanged. ` +
            `Only ${n > 1 ? 'these' : 'this'}, KRW ${total} in all, ${n > 1 ? 'are' : 'is'} refunded, by ${by.en}: the cancelled ${many ? 'amounts do' : 'amount does'} not add to ${n > 1 ? 'them' : 'it'}.`,
        };
      }
      if (next?.parts && next.parts.length > 1) {
        const ko = next.parts.map((p) => `${p.refundNo}(${formatKrw(p.amountKrw)}원)`).join(', ');
        const en = next.parts.map((p) => `${p.refundNo} (KRW ${formatKrw(p.amountKrw)})`);
        return {
          ko: `${head.ko} 세액이 다시 산정되어 더 납부된 금액이 ${formatKrw(next.amountKrw)}원으로 바뀌었고, 결제 건별로 나누어 환불번호 ${ko}로 새로 등록되었습니다(관세법 제46조). ${dateWithWeekday(next.refundBy).ko}까지 이 ${next.parts.length}건, 모두 ${formatKrw(next.amountKrw)}원만 환급되며, 취소된 금액을 더하지 않습니다.`,
          en: `${head.en} the taxes were assessed again and the overpayment is now KRW ${formatKrw(next.amountKrw)}, recorded anew charge by charge as refunds ${en.slice(0, -1).join(', ')} and ${en.at(-1)} (Customs Act art. 46). Only these, KRW ${formatKrw(next.amountKrw)} in all, are refunded, by ${dateWithWeekday(next.refundBy).en}: the cancelled ${many ? 'amounts do' : 'amount does'} not add to them.`,
        };
      }
      return next
        ? {
            ko: `${head.ko} 세액이 다시 산정되어 더 납부된 금액이 ${formatKrw(next.amountKrw)}원으로 바뀌었고, 환불번호 ${next.refundNo}로 새로 등록되었습니다(관세법 제46조). ${dateWithWeekday(next.refundBy).ko}까지 ${next.refundNo}의 ${formatKrw(next.amountKrw)}원만 환급되며, ${many ? '취소된 금액을 더하지 않습니다' : '두 금액을 더하지 않습니다'}.`,
            en: `${head.en} the taxes were assessed again and the overpayment is now KRW ${formatKrw(next.amountKrw)}, recorded anew as refund ${next.refundNo} (Customs Act art. 46). Only KRW ${formatKrw(next.amountKrw)} under ${next.refundNo} is refunded, by ${dateWithWeekday(next.refundBy).en}: ${many ? 'the cancelled amounts do not add to it' : 'the two amounts do not add up'}.`,
          }
        : { ko: `${head.ko} 세액이 다시 산정되어 더 납부된 금액이 바뀌었습니다.`, en: `${head.en} the taxes were assessed again and the overpayment changed.` };
    case 'no_longer_due':
      return {
        ko: `${head.ko} 세액이 다시 산정되어 납부하신 금액보다 적지 않으므로 더 납부된 금액이 없습니다. 환급되지 않습니다.`,
        en: `${head.en} the taxes were assessed again and are no longer less than what was paid, so nothing was overpaid. Nothing will be refunded.`,
      };
    case 'payment_reversed':
      if (next?.unchanged && next.unchanged.length > 0) {
        // One payment reversed, the overpayment of the others still refunded under the numbers it had.
        const kept = refundListText(next.unchanged);
        const n = next.unchanged.length;
        const by = dateWithWeekday(next.refundBy);
        return {
          ko:
            `${head.ko} 납부 한 건이 취소되어(입금 취소) 그 납부분은 환급되지 않습니다. 더 납부된 금액은 이제 모두 ${formatKrw(next.amountKrw)}원이며(관세법 제46조), ` +
            `환불번호 ${kept.ko}은 그대로입니다. ${by.ko}까지 ${n > 1 ? `이 ${n}건, 모두 ` : ''}${formatKrw(next.amountKrw)}원만 환급됩니다.`,
          en:
            `${head.en} a payment was reversed (the deposit went back), so nothing of it is refunded. The overpayment is now KRW ${formatKrw(next.amountKrw)} in all (Customs Act art. 46): ` +
            `${n > 1 ? 'refunds' : 'refund'} ${kept.en} ${n > 1 ? 'stand' : 'stands'} unchanged, and only ${n > 1 ? 'these' : 'this'}, KRW ${formatKrw(next.amountKrw)}${n > 1 ? ' in all' : ''}, ${n > 1 ? 'are' : 'is'} refunded, by ${by.en}.`,
        };
      }
      return {
        ko: `${head.ko} 납부가 취소되어(입금 취소) 더 납부된 금액이 없습니다. 환급되지 않습니다.`,
        en: `${head.en} the payment was reversed (the deposit went back), so nothing was overpaid. Nothing will be refunded.`,
      };
    case 'charge_cancelled':
      // A card charge whose first cancel failed, cancelled by a later attempt (charge-cancel-retries.ts).
      return {
        ko: `${head.ko} 결제대행사에서 카드 결제를 다시 취소해 취소되었으므로 환불할 금액이 없습니다. 카드사에 따라 취소가 카드 내역에 보이기까지 며칠 걸릴 수 있습니다.`,
        en: `${head.en} the card charge was cancelled at the payment gateway on a later attempt, so there is nothing to refund. Depending on the card issuer, the cancellation may take a few days to show on the card statement.`,
      };
    case 'deposit_reversed':
      return {
        ko: `${head.ko} 은행이 입금을 취소해 그 돈이 입금하신 계좌로 돌아갔으므로 환불할 금액이 없습니다.`,
        en: `${head.en} the bank reversed the deposit, so the money went back to the account it came from and there is nothing to refund.`,
      };
    case 'not_refunded': {
      const ask = whomToAsk(payerKind);
      return {
        ko: `${head.ko} 운영 관리자가 환불하지 않음으로 처리했습니다(환불 대상이 아님, 적립 요청, 중복 기록 등). 환불되지 않습니다. 궁금한 점은 ${ask.ko}`,
        en: `${head.en} the administrators recorded it as not refunded (not due, kept as credit, a duplicate record…). Nothing will be refunded. If in doubt, ${ask.en}`,
      };
    }
  }
}

/**
 * Whether the PCCC holder was told of the refund due itself, by an alert or the answer to their own
 * payment, with its number: a deposit after the taxes were paid (the deposit's alert), or a second charge
 * or a charge of unknown outcome the consumer made (the answer to the payment). A refund due of a
 * reassessment is read on the notice, which shows the refund due as it stands; a consumer payer is also
 * alerted of it and of its end by the outbox filled with the record (consumerRefundAlertOf), not by this.
 */
export function holderToldOf(r: Pick<RefundDueRecord, 'reason' | 'payerKind'>): boolean {
  return r.reason === DEPOSIT_AFTER_PAID_REASON || r.reason === DEPOSIT_WHILE_HELD_REASON || (r.payerKind === 'consumer' && (r.reason === REFUND_DUE_REASON || r.reason === CHARGE_OUTCOME_UNKNOWN_REASON || r.reason === CHARGE_WHILE_HELD_REASON));
}

/**
 * Whether the operator was sent tax.refund_due for the record (refund-due-events.ts): an operator paid, and the charge was known to be due.
 * A deposit paid back twice (refunded_then_reversed) is not a refund owed to anyone: the administrators' alone.
 */
export const operatorToldOf = (r: Pick<RefundDueRecord, 'reason' | 'payerKind'>): boolean =>
  r.payerKind === 'operator' && r.reason !== CHARGE_OUTCOME_UNKNOWN_REASON && r.reason !== REFUNDED_THEN_REVERSED_REASON;

/**
 * A deposit to return (after the taxes were paid, or while the parcel was held) that an administrator recorded as
 * refunded, and that the bank then reversed (입금 오류/취소: the money went back to the account it came from): the
 * payer got it back twice, once by the refund and once by the reversal. Recorded among the refunds due, for the
 * administrators to recover (민법 제741조, 부당이득) or settle with the bank, then resolve as recovered or written off with
 * a note (outcomesFor, migrations/116; those resolved as refunded before were opened again, migrations/119);
 * nobody else is told (not the payer's refund, nor an operator's). Its providerTx names the refund made
 * (refundedThenReversedTxOf), so a copy of the bank's callback records it once.
 */
export const REFUNDED_THEN_REVERSED_REASON = 'refunded_then_reversed';
export const refundedThenReversedTxOf = (refundNo: string) => `refunded-then-reversed:${refundNo}`;

/** A reason an administrator reads on a refund due that is not a refund to make: code, ko, en and the legal reference. */
export interface RefundDueAlert extends Bilingual {
  code: 'PAID_BACK_TWICE';
  ref: string;
}

/**
 * What the administrators read on a refunded_then_reversed record (the refunds-due list): the deposit's refund made
 * under its number, the bank's reversal, the amount paid back twice and what to do. null for any other reason.
 */
export function refundDueAlertOf(r: Pick<RefundDueRecord, 'reason' | 'amountKrw' | 'providerTx'>, cargoNo: string): RefundDueAlert | null {
  if (r.reason !== REFUNDED_THEN_REVERSED_REASON) return null;
  const refundNo = r.providerTx.replace(/^refunded-then-reversed:/, '');
  const amount = formatKrw(r.amountKrw);
  return {
    code: 'PAID_BACK_TWICE',
    ko:
      `이중 반환: 화물관리번호 ${cargoNo}의 입금 ${amount}원은 환불번호 ${refundNo}로 이미 환불했는데, 그 뒤 은행이 같은 입금을 취소해(입금 오류/취소) 입금한 계좌로도 돌아갔습니다. ` +
      `납부자가 ${amount}원을 두 번 돌려받았습니다. 납부자에게 반환을 요청하거나(민법 제741조 부당이득) 은행·토스페이먼츠와 정산한 뒤, '회수 완료' 또는 '회수 포기'로 처리 내용을 기록하세요.`,
    en:
      `Paid back twice: the deposit of KRW ${amount} on ${cargoNo} was already refunded (refund ${refundNo}), and the bank then reversed the same deposit, so the money also went back to the account it came from. ` +
      `The payer got KRW ${amount} back twice. Ask the payer to return it (Civil Act art. 741, unjust enrichment) or settle with the bank and Toss Payments, then record it as recovered or written off with what was done.`,
    ref: '민법 제741조(부당이득의 내용)',
  };
}

/**
 * The body of tax.refund_due_cancelled (webhooks route documents it): a refund due announced by
 * tax.refund_due no longer stands, and nothing will be refunded under its number. Each tax.refund_due
 * ends with one of tax.refunded or tax.refund_due_cancelled; a superseded one names the record that
 * replaces it (`supersededBy`), whose own tax.refund_due is queued in the same transaction: an operator
 * keeping a balance of refunds receivable adds on tax.refund_due and removes on either, by refundNo.
 */
export function taxRefundDueCancelledEvent(
  refund: RefundDueRecord,
  d: { id: number; ref: string; cargoNo: string },
  cause: RefundDueCancelCause,
  supersededBy: RefundDueSuccessor | null,
) {
  const refundNo = refundNoOf(refund.id);
  const text = refundDueCancelledText({ refundNo, amountKrw: refund.amountKrw, cause, payerKind: refund.payerKind, supersededBy });
  return {
    id: `taxrefundduecancelled_${refundNo}`,
    type: TAX_REFUND_DUE_CANCELLED,
    occurredAt: refund.resolvedAt,
    declaration: { id: d.id, ref: d.ref, cargoNo: d.cargoNo },
    refund: { refundNo, paymentNo: refund.paymentNo, amountKrw: refund.amountKrw, reason: refund.reason, cancelledAt: refund.resolvedAt },
    cancellation: { cause, ko: text.ko, en: text.en },
    supersededBy,
  } as const;
}

/**
 * The consumer payer's alerts (SMS, e-mail, Web Push) of a refund due of a reassessment recorded or
 * cancelled inside a transaction (a correction, a withdrawal or refusal, a decision again, a payment
 * reversed, an administrator's not_refunded): queued with the record (refund-due-events.ts,
 * migrations/103) and sent by a worker, so that a crash after the commit loses none. One per record and
 * event, the alerts of one declaration queued in one transaction sent as one message (consumerRefundSituationsOf). The operator that paid gets its webhooks instead (operatorToldOf); a record made with a payment
 * (a deposit into an account issued before the taxes were assessed again) is told with that payment (the
 * deposit's alert, the answer to the card payment), not twice; a refund made is told by the
 * administrators' resolve (tax-refunds-due.ts), the other reasons' records by their own paths (holderToldOf).
 */
export const CONSUMER_REFUND_ALERT_EVENTS = [
  'refund_due',
  'refund_due_cancelled',
  'deposit_after_paid',
  'refunded',
  'deposit_reversed_refund',
  // A deposit while the taxes were not payable (held), recorded to be returned (migrations/111).
  'deposit_while_held',
  // Of a payment (migrations/108), not a refund: a deposit that paid, one recorded for a refund in full as nothing was owed, one that paid reversed.
  'deposit_paid',
  'deposit_not_owed',
  'deposit_reversed',
] as const;
export type ConsumerRefundAlertEvent = (typeof CONSUMER_REFUND_ALERT_EVENTS)[number];
/** The alerts of a refund due record (keyed by it), as against those of a payment. */
export type RefundRecordAlertEvent = Exclude<ConsumerRefundAlertEvent, 'deposit_paid' | 'deposit_not_owed' | 'deposit_reversed'>;

/**
 * Which alert the PCCC holder is owed for the record as it now stands, if any, queued in the transaction
 * that changed it (migrations/103, 106): a reassessment refund's consumer payer, of the record and of its
 * end (`toldWithPayment`: created with a payment, whose own alert or answer names it); a refund made to a
 * consumer payer, whatever its reason (`refunded`); a deposit after the taxes were paid, of its record
 * (`deposit_after_paid`: the deposit's alert), and of its end when the bank reversed that deposit
 * (`deposit_reversed_refund`, migrations/107); and a holder given the number (holderToldOf) of an
 * administrator's not_refunded. A charge of unknown outcome found not made is told by its own path.
 */
export function consumerRefundAlertOf(
  r: Pick<RefundDueRecord, 'reason' | 'payerKind' | 'resolvedAt' | 'outcome'> & { resolvedBy?: string | null },
  toldWithPayment: boolean,
  cause: RefundDueCancelCause = 'not_refunded',
): RefundRecordAlertEvent | null {
  if (r.outcome === 'refunded') return r.payerKind === 'consumer' ? 'refunded' : null;
  if (r.reason === REASSESSED_LOWER_REASON) {
    if (r.payerKind !== 'consumer') return null;
    if (r.resolvedAt === null) return toldWithPayment ? null : 'refund_due';
    return r.outcome === 'not_refunded' ? 'refund_due_cancelled' : null;
  }
  if (!holderToldOf(r)) return null;
  if (r.resolvedAt === null) return r.reason === DEPOSIT_AFTER_PAID_REASON ? 'deposit_after_paid' : r.reason === DEPOSIT_WHILE_HELD_REASON ? 'deposit_while_held' : null;
  // A deposit to refund (after paid, or while held) that the bank took back: its refund is off, and the holder told why.
  if ((r.reason === DEPOSIT_AFTER_PAID_REASON || r.reason === DEPOSIT_WHILE_HELD_REASON) && r.outcome === 'not_refunded' && cause === 'deposit_reversed') return 'deposit_reversed_refund';
  // A charge cancelled at the provider by a later attempt (charge-cancel-retries.ts): the holder given its number hears it is off.
  if (r.outcome === 'not_refunded' && cause === 'charge_cancelled') return 'refund_due_cancelled';
  return r.outcome === 'not_refunded' && cause === 'not_refunded' && r.resolvedBy != null && r.resolvedBy !== 'system' ? 'refund_due_cancelled' : null;
}

/**
 * What such an alert says, as read in the transaction that queued it (the declaration's taxes and
 * payments then): `paidKrw` every payment standing, `refundedKrw` what of it was refunded already.
 */
export type ConsumerRefundAlertFacts =
  | {
      event: 'refund_due';
      cargoNo: string;
      refundNo: string;
      amountKrw: number;
      refundBy: string;
      owedKrw: number;
      ended: EndedStatus | null;
      paidKrw: number;
      refundedKrw: number;
      /** The receipt of the payment whose charge it goes back to (one part of a split names its charge so). */
      receiptNo?: string;
      /** The queueing transaction (consumerRefundSituationsOf): the alerts of one declaration queued together are one message. Absent on rows queued before. */
      batch?: string;
    }
  | {
      event: 'refund_due_cancelled';
      cargoNo: string;
      refundNo: string;
      amountKrw: number;
      cause: RefundDueCancelCause;
      supersededBy: RefundDueSuccessor | null;
      owedKrw: number;
      paidKrw: number;
      refundedKrw: number;
      batch?: string;
    }
  | {
      /** A deposit after the taxes were paid another way, recorded for a refund (depositRefundDueText). */
      event: 'deposit_after_paid';
      cargoNo: string;
      refundNo: string;
      amountKrw: number;
      refundBy: string;
      batch?: string;
    }
  | {
      /** A deposit while the parcel's taxes were not payable (held: `heldBy`; null once released), recorded to be returned, not as the payment (depositWhileHeldText). */
      event: 'deposit_while_held';
      cargoNo: string;
      refundNo: string;
      amountKrw: number;
      refundBy: string;
      heldBy: TaxesHeldBy | null;
      batch?: string;
    }
  | {
      /** A refund recorded as made by an administrator (refundMadeText). */
      event: 'refunded';
      cargoNo: string;
      refundNo: string;
      amountKrw: number;
      refundedAt: string;
      reason: string;
      batch?: string;
    }
  | {
      /** The bank reversed a deposit after paid, or one made while held (`whileHeld`: the taxes stay unpaid): its refund is withdrawn, nothing to refund (depositReversedRefundText). */
      event: 'deposit_reversed_refund';
      cargoNo: string;
      refundNo: string;
      amountKrw: number;
      whileHeld?: boolean;
      batch?: string;
    }
  | {
      /** A deposit into a virtual account recorded as the payment (depositPaidText), with the part recorded for a refund when it paid more than is owed now. */
      event: 'deposit_paid';
      cargoNo: string;
      amountKrw: number;
      receiptNo: string;
      refund: { refundNo: string; amountKrw: number; refundBy: string; owedKrw: number } | null;
      batch?: string;
    }
  | {
      /** A deposit into an account closed because nothing was owed any more (withdrawn, refused, assessed again): recorded for a refund in full (depositNotOwedText). */
      event: 'deposit_not_owed';
      cargoNo: string;
      amountKrw: number;
      refundNo: string;
      refundKrw: number;
      refundBy: string;
      ended: EndedStatus | null;
      batch?: string;
    }
  | {
      /** The bank reversed the deposit that paid: the payment undone, the taxes due again (depositReversedText). */
      event: 'deposit_reversed';
      cargoNo: string;
      amountKrw: number;
      receiptNo: string;
      dueDate: string | null;
      /** The same account, waiting again at Toss until `dueAt`; null when it is not offered again. */
      account: { bankCode: string; accountNumber: string; dueAt: string } | null;
      openRefunds: { refundNo: string; amountKrw: number; refundBy: string }[];
      batch?: string;
    };

/**
 * The holder's alert of a deposit recorded as a payment (migrations/108), as the transaction that recorded
 * it reads it: `standingKrw` what stood paid before it (net of the refunds made), `owedKrw` the taxes now,
 * `refund` the open refund of an overpayment that goes back to this deposit's charge (else the first one).
 * Paid more than owed: the overpayment was recorded for a refund with it, and said. Nothing was owed
 * (withdrawn, refused, assessed again: 0 ≤ what stood): the whole deposit is refunded, it paid no taxes.
 * E.g. 136,530 deposited, 86,580 owed, nothing before: paid, 49,950 refunded; owed 0: not owed, 136,530 refunded.
 */
/** What the PCCC holder is told of a deposit recorded as a payment (depositAlertFactsOf): it paid (with any part refunded), or nothing was owed (all of it refunded). */
export type DepositAlertFacts = Extract<ConsumerRefundAlertFacts, { event: 'deposit_paid' | 'deposit_not_owed' }>;

export function depositAlertFactsOf(a: {
  cargoNo: string;
  amountKrw: number;
  receiptNo: string;
  owedKrw: number;
  standingKrw: number;
  ended: EndedStatus | null;
  refund: { refundNo: string; amountKrw: number; refundBy: string } | null;
}): DepositAlertFacts {
  const refund = a.standingKrw + a.amountKrw > a.owedKrw ? a.refund : null;
  if (refund && a.owedKrw <= a.standingKrw) {
    return { event: 'deposit_not_owed', cargoNo: a.cargoNo, amountKrw: a.amountKrw, refundNo: refund.refundNo, refundKrw: refund.amountKrw, refundBy: refund.refundBy, ended: a.ended };
  }
  return { event: 'deposit_paid', cargoNo: a.cargoNo, amountKrw: a.amountKrw, receiptNo: a.receiptNo, refund: refund ? { ...refund, owedKrw: a.owedKrw } : null };
}

/** The page where the holder sees what the alert says: a deposit that paid, its receipt; any other, the tax notice on /me. */
export function consumerAlertPageOf(f: ConsumerRefundAlertFacts): string {
  return f.event === 'deposit_paid' ? `/receipts/${f.receiptNo}` : '/me';
}

/**
 * The message the worker sends for a situation (consumerRefundSituationsOf): subject and text (ko, en)
 * linking the page where the holder sees it on the portal at `portal`, and that page (Web Push opens it).
 */
export function consumerRefundAlertMessage(fs: readonly ConsumerRefundAlertFacts[], portal: string): { subject: string; text: Bilingual; url: string } {
  const url = consumerAlertPageOf(fs[0]!);
  return { ...consumerRefundSituationText(fs, `${portal.replace(/\/+$/, '')}${url}`), url };
}

type OwnAlertFacts = Extract<ConsumerRefundAlertFacts, { event: 'deposit_after_paid' | 'deposit_while_held' | 'refunded' | 'deposit_reversed_refund' | 'deposit_paid' | 'deposit_not_owed' | 'deposit_reversed' }>;
const isOwnAlert = (f: ConsumerRefundAlertFacts): f is OwnAlertFacts => f.event !== 'refund_due' && f.event !== 'refund_due_cancelled';

/**
 * A deposit (after paid, that paid, when nothing was owed), its end by the bank, or a refund made: what the
 * request that made it told the holder before it was queued (the same texts). `link`: the page of
 * consumerAlertPageOf (a deposit that paid: its receipt).
 */
function ownAlertText(f: OwnAlertFacts, link: string): { subject: string; text: Bilingual } {
  if (f.event === 'deposit_paid') {
    return { subject: '[통관] 세금 납부 완료', text: depositPaidText({ amountKrw: f.amountKrw, receiptNo: f.receiptNo, cargoNo: f.cargoNo, link, refund: f.refund }) };
  }
  if (f.event === 'deposit_not_owed') {
    return {
      subject: '[통관] 입금액 환급 안내',
      text: depositNotOwedText({ amountKrw: f.amountKrw, refundNo: f.refundNo, refundKrw: f.refundKrw, refundBy: f.refundBy, cargoNo: f.cargoNo, ended: f.ended, link }),
    };
  }
  if (f.event === 'deposit_reversed') {
    return {
      subject: '[통관] 입금 취소로 세금 미납',
      text: depositReversedText({ amountKrw: f.amountKrw, receiptNo: f.receiptNo, cargoNo: f.cargoNo, dueDate: f.dueDate, account: f.account, openRefunds: f.openRefunds, link }),
    };
  }
  if (f.event === 'deposit_after_paid') {
    return { subject: '[통관] 중복 입금 환불 안내', text: depositRefundDueText({ amountKrw: f.amountKrw, refundNo: f.refundNo, refundBy: f.refundBy, cargoNo: f.cargoNo }) };
  }
  if (f.event === 'deposit_while_held') {
    return { subject: '[통관] 보류 중 입금액 반환 안내', text: depositWhileHeldText({ amountKrw: f.amountKrw, refundNo: f.refundNo, refundBy: f.refundBy, cargoNo: f.cargoNo, heldBy: f.heldBy, link }) };
  }
  if (f.event === 'deposit_reversed_refund') {
    return { subject: '[통관] 입금 취소로 환불 취소', text: depositReversedRefundText({ amountKrw: f.amountKrw, refundNo: f.refundNo, cargoNo: f.cargoNo, whileHeld: f.whileHeld === true }) };
  }
  return { subject: '[통관] 세금 환급 완료', text: refundMadeText({ cargoNo: f.cargoNo, amountKrw: f.amountKrw, refundNo: f.refundNo, refundedAt: f.refundedAt, reason: f.reason, link }) };
}

/**
 * The alerts to send, one message each: the alerts of one declaration queued in one transaction
 * (`batch`) together, in the order queued (the records cancelled, then those that replace them); one
 * without a batch (queued before) alone. Paid 86,580 by card and a 49,950 shortfall by transfer,
 * withdrawn: two records, 49,950 and 86,580, one message naming both.
 */
export function consumerRefundSituationsOf<J extends { id: number; declarationId: number; facts: ConsumerRefundAlertFacts }>(jobs: readonly J[]): J[][] {
  const groups = new Map<string, J[]>();
  for (const j of [...jobs].sort((a, b) => a.id - b.id)) {
    const key = j.facts.batch ? `${j.declarationId}:${j.facts.batch}` : `row:${j.id}`;
    const g = groups.get(key);
    if (g) g.push(j);
    else groups.set(key, [j]);
  }
  return [...groups.values()];
}

/**
 * The alert's subject and text (ko, en): what happened, the refund number, the amount, by when, and
 * what to do next, with the notice on the portal (`link`, its /me). A new record reads as the notice
 * does (reassessedRefundText); a cancelled one as the operator's webhook does (refundDueCancelledText),
 * but a record no longer due says why in figures (the taxes now, what stands paid), that nothing is
 * refunded under its number, and what is left to pay, if anything.
 */
export function consumerRefundAlertText(f: ConsumerRefundAlertFacts, link: string): { subject: string; text: Bilingual } {
  return consumerRefundSituationText([f], link);
}

/**
 * One message for what one transaction did to a declaration's refunds due (consumerRefundSituationsOf),
 * however many records: a refund split over the charges that paid it is told once, each part with its
 * number, amount and the receipt of the charge it goes back to (reassessedRefundText's parts); records
 * superseded by new ones are told with those that replace them (the cancelled amounts do not add to
 * them); several records no longer due, or of a payment reversed, in one head. One record: as before.
 */
export function consumerRefundSituationText(fs: readonly ConsumerRefundAlertFacts[], link: string): { subject: string; text: Bilingual } {
  if (fs.some(isOwnAlert)) {
    // Each is queued alone by its transaction; together only if ever queued so: each text, in one message.
    const each = fs.map((x) => (isOwnAlert(x) ? ownAlertText(x, link) : consumerRefundSituationText([x], link)));
    return { subject: each[0]!.subject, text: { ko: each.map((m) => m.text.ko).join(' '), en: each.map((m) => m.text.en).join(' ') } };
  }
  const f = fs[0] as Exclude<ConsumerRefundAlertFacts, OwnAlertFacts>;
  const on = { ko: `화물관리번호 ${f.cargoNo}: `, en: `On ${f.cargoNo}: ` };
  const see = { ko: `통관 포털의 세금 고지에서 확인하세요: ${link}`, en: `See the tax notice on the portal: ${link}` };
  const due = fs.filter((x): x is Extract<ConsumerRefundAlertFacts, { event: 'refund_due' }> => x.event === 'refund_due');
  const cancelled = fs.filter((x): x is Extract<ConsumerRefundAlertFacts, { event: 'refund_due_cancelled' }> => x.event === 'refund_due_cancelled');
  // Parts kept as they are (same charge, same amount) beside the records queued: named with them, marked unchanged.
  const unchanged = cancelled.find((x) => x.cause === 'superseded' && x.supersededBy?.unchanged)?.supersededBy?.unchanged ?? [];
  let dueText: Bilingual | null = null;
  if (due.length > 0) {
    const d = due[0]!;
    const parts = [
      ...due.map((x) => ({ refundNo: x.refundNo, amountKrw: x.amountKrw, ...(x.receiptNo ? { receiptNo: x.receiptNo } : {}) })),
      ...unchanged.map((u) => ({ refundNo: u.refundNo, amountKrw: u.amountKrw, unchanged: true })),
    ];
    dueText = reassessedRefundText({
      refundNo: d.refundNo,
      amountKrw: parts.reduce((sum, x) => sum + x.amountKrw, 0),
      refundBy: due.map((x) => x.refundBy).reduce((a, b) => (b > a ? b : a)),
      owedKrw: d.owedKrw,
      payerKind: 'consumer',
      ended: d.ended,
      paidKrw: d.paidKrw,
      refundedKrw: d.refundedKrw,
      ...(parts.length > 1 ? { parts } : {}),
    });
  }
  if (cancelled.length === 0 && dueText) {
    return {
      subject: '[통관] 세금 환급 예정 안내',
      text: { ko: `${on.ko}${dueText.ko} 따로 신청하실 필요는 없습니다. ${see.ko}`, en: `${on.en}${dueText.en} You need not apply for it. ${see.en}` },
    };
  }
  const c = cancelled[0]!;
  if (cancelled.some((x) => x.cause !== c.cause) || (dueText && c.cause !== 'superseded')) {
    // Not one situation (never queued so by one transaction): each record's own text, in one message.
    const each = fs.map((x) => consumerRefundAlertText(x, link));
    return { subject: each[0]!.subject, text: { ko: each.map((m) => m.text.ko).join(' '), en: each.map((m) => m.text.en).join(' ') } };
  }
  const many = cancelled.length > 1;
  const list = refundListText(cancelled);
  if (dueText) {
    // Superseded by the records queued with them: what is cancelled, then the refund that replaces it, each part named.
    return {
      subject: '[통관] 환급 금액 변경 안내',
      text: {
        ko: `${on.ko}환불번호 ${list.ko}의 환불은 취소되고 다음과 같이 바뀌었습니다(취소된 금액은 더하지 않습니다). ${dueText.ko} 따로 신청하실 필요는 없습니다. ${see.ko}`,
        en: `${on.en}${many ? 'Refunds' : 'Refund'} ${list.en} ${many ? 'are' : 'is'} cancelled and replaced as follows (the cancelled ${many ? 'amounts do' : 'amount does'} not add to it). ${dueText.en} You need not apply for it. ${see.en}`,
      },
    };
  }
  const head = cancelledHeadText(cancelled);
  const netKrw = c.paidKrw - c.refundedKrw;
  const paid =
    c.refundedKrw > 0
      ? { ko: `납부하신 ${formatKrw(c.paidKrw)}원에서 이미 환급된 ${formatKrw(c.refundedKrw)}원을 뺀 ${formatKrw(netKrw)}원`, en: `the KRW ${formatKrw(netKrw)} left of the KRW ${formatKrw(c.paidKrw)} paid after the KRW ${formatKrw(c.refundedKrw)} already refunded` }
      : { ko: `납부하신 ${formatKrw(netKrw)}원`, en: `the KRW ${formatKrw(netKrw)} paid` };
  const nos = cancelled.map((x) => x.refundNo);
  const none = many
    ? { ko: `이 환불번호들로 환급되는 금액은 없습니다.`, en: `Nothing will be refunded under ${nos.slice(0, -1).join(', ')} or ${nos.at(-1)}.` }
    : { ko: `이 환불번호로 환급되는 금액은 없습니다.`, en: `Nothing will be refunded under ${c.refundNo}.` };
  const leftKrw = c.owedKrw - netKrw;
  const toPay =
    leftKrw > 0
      ? { ko: `남은 세금 ${formatKrw(leftKrw)}원은 통관 포털의 세금 고지에서 납부하세요: ${link}`, en: `Pay the KRW ${formatKrw(leftKrw)} of taxes left on the tax notice on the portal: ${link}` }
      : { ko: `세금은 납부된 그대로이니 하실 일은 없습니다. ${see.ko}`, en: `The taxes stay paid; there is nothing for you to do. ${see.en}` };
  switch (c.cause) {
    case 'no_longer_due': {
      const why =
        c.owedKrw > netKrw
          ? { ko: `세액이 ${formatKrw(c.owedKrw)}원으로 다시 산정되어 ${paid.ko}보다 많아졌으므로`, en: `the taxes were assessed again at KRW ${formatKrw(c.owedKrw)}, more than ${paid.en}, so` }
          : { ko: `세액이 ${formatKrw(c.owedKrw)}원으로 다시 산정되어 ${paid.ko}과 같으므로`, en: `the taxes were assessed again at KRW ${formatKrw(c.owedKrw)}, the same as ${paid.en}, so` };
      return {
        subject: '[통관] 환급 취소 안내',
        text: {
          ko: `${on.ko}${head.ko} ${why.ko} 더 납부된 금액이 없습니다(관세법 제46조 과오납금의 환급은 더 납부된 세금에만 해당합니다). ${none.ko} ${toPay.ko}`,
          en: `${on.en}${head.en} ${why.en} nothing was paid too much (Customs Act art. 46 refunds only taxes overpaid). ${none.en} ${toPay.en}`,
        },
      };
    }
    case 'payment_reversed':
      if (c.supersededBy?.unchanged && c.supersededBy.unchanged.length > 0) {
        // The other parts stand (cancelledText names them): the taxes stay paid by them.
        const t = cancelledText(head, c.cause, 'consumer', c.supersededBy, many);
        return { subject: '[통관] 환급 금액 변경 안내', text: { ko: `${on.ko}${t.ko} ${toPay.ko}`, en: `${on.en}${t.en} ${toPay.en}` } };
      }
      return {
        subject: '[통관] 환급 취소 안내',
        text: {
          ko: `${on.ko}${head.ko} 납부가 취소되어(입금 취소) 더 납부된 금액이 없습니다. ${none.ko} ${toPay.ko}`,
          en: `${on.en}${head.en} the payment was reversed (the deposit went back), so nothing was paid too much. ${none.en} ${toPay.en}`,
        },
      };
    default: {
      // Superseded (naming the record that replaces it, by when, not to be added to it), or recorded not refunded by an administrator (whom to ask).
      const t = cancelledText(head, c.cause, 'consumer', c.supersededBy, many);
      const superseded = c.cause === 'superseded';
      return {
        subject: superseded ? '[통관] 환급 금액 변경 안내' : '[통관] 환급 취소 안내',
        text: superseded
          ? { ko: `${on.ko}${t.ko} 따로 하실 일은 없습니다. ${see.ko}`, en: `${on.en}${t.en} There is nothing for you to do. ${see.en}` }
          : { ko: `${on.ko}${t.ko} ${see.ko}`, en: `${on.en}${t.en} ${see.en}` },
      };
    }
  }
}
