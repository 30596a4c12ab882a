// A second charge of the same taxes that the payment provider could not void: two payments of one
// declaration raced, the database kept one (pay-taxes.ts), and cancelling the other failed. The
// payer has been charged twice; the charge is recorded as a refund due, for the administrators to
// refund through the provider, and the payer is told so, with a reference and a date.
import type { Bilingual } from './bilingual.ts';
import { addDays } from './dates.ts';
import { dateWithWeekday, deadlineOn, type HolidayCalendar } from './holidays.ts';
import { formatKrw } from './money.ts';
import type { PayerKind } from './tax-notice.ts';

/** A charge of taxes already paid that could not be voided: to be refunded through the provider. */
export interface RefundDueRecord {
  id: number;
  provider: string;
  providerTx: string;
  declarationId: number;
  paymentNo: string;
  amountKrw: number;
  payerKind: PayerKind;
  /** duplicate_charge_not_voided, charge_outcome_unknown (the gateway gave no definitive answer: check the order first), or deposit_after_paid (a virtual account deposit after the taxes were paid another way). */
  reason: string;
  /** YYYY-MM-DD: the day the payer was told the refund comes by. */
  refundBy: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** The figures of data/payments.json "refunds": the platform's own commitment (no statute sets it), not yet confirmed. */
export interface RefundPolicy {
  /** Working days after the day of the charge by which a second charge is refunded. */
  workingDays: number;
}

export const REFUND_DUE_REASON = 'duplicate_charge_not_voided';
/** A deposit into a virtual account after the taxes were paid another way (a card): Toss returns it only to the payer's own account, so it is refunded by hand. */
export const DEPOSIT_AFTER_PAID_REASON = 'deposit_after_paid';

/** "RF-00000042": the reference the payer quotes. */
export const refundNoOf = (id: number) => `RF-${String(id).padStart(8, '0')}`;

/** The `policy.workingDays`-th working day after `today` (Saturdays, Sundays, public holidays and May 1 do not count, as for deadlines). */
export function refundDueBy(today: string, calendar: HolidayCalendar, policy: RefundPolicy): string {
  let day = today;
  for (let i = 0; i < policy.workingDays; i++) day = deadlineOn(addDays(day, 1), calendar).date;
  return day;
}

/**
 * What the payer reads: charged twice, the second charge will be refunded, by when, and whom to ask.
 * A consumer asks through the portal's consultation (민원상담); an operator paying on a consumer's
 * behalf cannot open one (it is the consumer's), so it asks the platform's administrators.
 */
export function refundDueText(r: { refundNo: string; amountKrw: number; refundBy: string; payerKind: PayerKind }): Bilingual {
  const by = dateWithWeekday(r.refundBy);
  const ask =
    r.payerKind === 'operator'
      ? { ko: '환불번호를 적어 플랫폼 운영 관리자에게 문의하세요.', en: 'contact the platform administrators (운영 관리자), quoting the refund number.' }
      : { ko: '환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.', en: "contact us through the portal's consultation (민원상담), quoting the refund number." };
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
