// Refunds due: the record of money to return to a payer (a second charge the provider could not void, a
// deposit after payment or while held, a charge of unknown outcome, an overpayment after a reassessment),
// its reasons, number, promised day and outcomes, and what the payer is told when it is recorded.
import type { Bilingual } from './bilingual.ts';
import { addDays, koreanClockOf } from './dates.ts';
import { dateWithWeekday, deadlineOn, type HolidayCalendar } from './holidays.ts';
import { formatKrw } from './money.ts';
import type { PayerKind } from './tax-notice.ts';
import { heldWhyText } from './virtual-account.ts';
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

/**
 * A second charge of the same taxes that the payment provider could not void: two payments of one
 * declaration raced, the database kept one (pay-taxes.ts), and cancelling the other failed. The
 * payer has been charged twice; the charge is recorded as a refund due, for the administrators to
 * refund through the provider, and the payer is told so, with a reference and a date.
 */
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
export function whomToAsk(payerKind: PayerKind): Bilingual {
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
 * The taxes were assessed again after they were paid (a correction, combined taxation, corrected
 * reference data) and now come to less than was paid: the difference is refunded (관세법 제46조
 * 과오납금의 환급; the payer may also ask, 제38조의3 경정청구). Recorded in the same transaction as the
 * new assessment version (src/adapters/db/reassessment-refunds.ts), at most one open per declaration
 * and charge: split over the charges that paid it, one record each (allocateRefund, migrations/104).
 */
export const REASSESSED_LOWER_REASON = 'reassessed_lower';

/** One record of a refund split over charges, as told: `unchanged`, kept as it was when another part changed. */
export interface RefundNumberPart {
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
export function refundNumbersText(refundNo: string, parts: readonly RefundNumberPart[] | undefined): Bilingual {
  if (!parts || parts.length < 2) return { ko: `환불번호 ${refundNo}`, en: `refund ${refundNo}` };
  const ko = parts.map((p) => `${p.refundNo} ${formatKrw(p.amountKrw)}원${p.receiptNo ? `(영수번호 ${p.receiptNo})` : ''}${p.unchanged ? '(그대로)' : ''}`);
  const en = parts.map((p) => `${p.refundNo}, KRW ${formatKrw(p.amountKrw)}${p.receiptNo ? ` (receipt no. ${p.receiptNo})` : ''}${p.unchanged ? ' (unchanged)' : ''}`);
  return { ko: `환불번호 ${ko.join(', ')}`, en: `refund ${en.slice(0, -1).join(', ')}, and ${en.at(-1)}` };
}

/**
 * Why a refund due announced (tax.refund_due) no longer stands: superseded (assessed again, or a payment
 * recorded, so the overpayment is another amount, recorded anew under another number), no longer due (the
 * taxes now come to the net amount paid or more), payment reversed (the payment that was overpaid was
 * undone), deposit reversed (the deposit to refund went back through the bank), or not refunded (an
 * administrator recorded that nothing is returned: not due, kept as credit, a duplicate record).
 */
export const REFUND_DUE_CANCEL_CAUSES = ['superseded', 'no_longer_due', 'payment_reversed', 'deposit_reversed', 'not_refunded', 'charge_cancelled'] as const;

export type RefundDueCancelCause = (typeof REFUND_DUE_CANCEL_CAUSES)[number];
