// The bodies of the operator's payment webhooks (the webhooks route documents them): tax.paid when the
// deposit into a virtual account it asked for on the consumer's behalf pays the taxes, and
// tax.payment_reversed when the bank reverses that deposit. Built by the database adapter in the
// transaction that records the payment or its reversal (src/adapters/db/payment-events.ts), so that
// the event commits with what it announces. One per payment: the id names the receipt.

/** What the operator reads of the payment (no payer reference, no provider transaction). */
export interface PaymentEventFields {
  receiptNo: string;
  paymentNo: string;
  amountKrw: number;
  method: string;
  payerKind: 'consumer' | 'operator';
  paidAt: string;
}

type EventDeclaration = { id: number; ref: string; cargoNo: string };

/**
 * tax.paid: the taxes paid by `payment`; `refund`, the part recorded for a refund when the deposit paid
 * more than is owed now (136,530 deposited, 86,580 owed: 49,950).
 */
export function taxPaidEvent(payment: PaymentEventFields, d: EventDeclaration, refund: { refundNo: string; amountKrw: number; refundBy: string } | null) {
  return {
    id: `taxpaid_${payment.receiptNo}`,
    type: 'tax.paid',
    occurredAt: payment.paidAt,
    declaration: { id: d.id, ref: d.ref, cargoNo: d.cargoNo },
    payment: paymentFieldsOf(payment),
    ...(refund ? { refund: { refundNo: refund.refundNo, amountKrw: refund.amountKrw, refundBy: refund.refundBy } } : {}),
  } as const;
}

/** tax.payment_reversed: the bank reversed the deposit of `payment` (its receipt void, the taxes due again). */
export function taxPaymentReversedEvent(payment: PaymentEventFields, d: EventDeclaration, reversal: { reason: 'deposit_reversed'; reversedAt: string }) {
  return {
    id: `taxrev_${payment.receiptNo}`,
    type: 'tax.payment_reversed',
    occurredAt: reversal.reversedAt,
    declaration: { id: d.id, ref: d.ref, cargoNo: d.cargoNo },
    payment: paymentFieldsOf(payment),
    reversal: { reason: reversal.reason, reversedAt: reversal.reversedAt },
  } as const;
}

const paymentFieldsOf = (p: PaymentEventFields): PaymentEventFields => ({
  receiptNo: p.receiptNo,
  paymentNo: p.paymentNo,
  amountKrw: p.amountKrw,
  method: p.method,
  payerKind: p.payerKind,
  paidAt: p.paidAt,
});
