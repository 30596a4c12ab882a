// The consumer's own alerts (SMS, e-mail, Web Push) of refunds due and of deposits: the facts queued with
// each record (src/adapters/db/refund-due-events.ts) and the message sent for them by a worker.
import { cancelledHeadText, cancelledText, type RefundDueSuccessor, refundListText, refundMadeText } from './refund-events.ts';
import { type EndedStatus, reassessedRefundText } from './reassessed-refunds.ts';
import { DEPOSIT_AFTER_PAID_REASON, DEPOSIT_WHILE_HELD_REASON, holderToldOf, REASSESSED_LOWER_REASON, type RefundDueCancelCause, type RefundDueRecord } from './refund-due.ts';
import type { Bilingual } from './bilingual.ts';
import { formatKrw } from './money.ts';
import { depositNotOwedText, depositPaidText, depositRefundDueText, depositReversedRefundText, depositReversedText, depositWhileHeldText } from './virtual-account.ts';
import type { TaxesHeldBy } from './taxes-payable.ts';

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
