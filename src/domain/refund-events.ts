// What is said of a refund due once recorded: the payer's text when it is refunded or cancelled, and the
// operator's webhook bodies (tax.refunded, tax.refund_due, tax.refund_due_cancelled; docs/api.md, Webhooks).
import { CHARGE_OUTCOME_UNKNOWN_REASON, CHARGE_WHILE_HELD_REASON, DEPOSIT_AFTER_PAID_REASON, DEPOSIT_WHILE_HELD_REASON, REASSESSED_LOWER_REASON, REFUND_DUE_REASON, type RefundDueCancelCause, type RefundDueRecord, refundNoOf, whomToAsk } from './refund-due.ts';
import type { Bilingual } from './bilingual.ts';
import { koreanDateOf } from './dates.ts';
import { dateWithWeekday } from './holidays.ts';
import { formatKrw } from './money.ts';
import type { PayerKind } from './tax-notice.ts';

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
export function refundListText(rs: readonly { refundNo: string; amountKrw: number }[]): Bilingual {
  const ko = rs.map((x) => `${x.refundNo}(${formatKrw(x.amountKrw)}원)`).join(', ');
  const en = rs.map((x) => `${x.refundNo} (KRW ${formatKrw(x.amountKrw)})`);
  return { ko, en: en.length < 2 ? en.join('') : `${en.slice(0, -1).join(', ')} and ${en.at(-1)}` };
}

/** "환불번호 RF-…(…원)의 환불은 취소되었습니다." / "Refund RF-… (KRW …) is cancelled:", or of several records at once (the parts of a split). */
export function cancelledHeadText(rs: readonly { refundNo: string; amountKrw: number }[]): Bilingual {
  const l = refundListText(rs);
  return rs.length < 2
    ? { ko: `환불번호 ${l.ko}의 환불은 취소되었습니다.`, en: `Refund ${l.en} is cancelled:` }
    : { ko: `환불번호 ${l.ko}의 환불은 취소되었습니다.`, en: `Refunds ${l.en} are cancelled:` };
}

/** The cancellation after its head: why, and when superseded what replaces it; `many`: several records cancelled at once (their amounts do not add to the new one). */
export function cancelledText(head: Bilingual, cause: RefundDueCancelCause, payerKind: PayerKind, next: RefundDueSuccessor | null, many: boolean): Bilingual {
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
