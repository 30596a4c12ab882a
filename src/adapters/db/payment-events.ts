// The operator's payment webhooks (tax.paid, tax.payment_reversed), queued in the webhook outbox in the
// transaction that records the payment or its reversal (tax-payment-repository.ts): both commit or
// neither, as the refund-due events do (refund-due-events.ts). Before, the deposit path queued them after
// the commit in a statement of its own: a crash between the two, or the outbox refusing the row, left a
// payment or reversal the operator was never told of, although webhooks are promised at least once.
// Once per payment: the payment's insert and its reversal's happen once (ON CONFLICT DO NOTHING), so Toss's
// callback sent again queues nothing. Only for a payment an operator made (it asked for the account).
import type pg from 'pg';
import { taxPaidEvent, taxPaymentReversedEvent, type PaymentEventFields } from '../../domain/tax-payment-events.ts';
import { enqueueOperatorEventOn } from './webhook-repository.ts';

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** Payment `paymentId` as the event reads it, with its declaration, when an operator paid; else null. */
async function operatorPaymentOf(c: pg.PoolClient, paymentId: number) {
  const r = (
    await c.query(
      `SELECT p.receipt_no, p.payment_no, p.amount_krw, p.method, p.payer_kind, p.paid_at, d.id AS declaration_id, d.ref, d.cargo_no, d.operator_id
         FROM tax_payments p JOIN declarations d ON d.id = p.declaration_id WHERE p.id = $1 AND p.payer_kind = 'operator'`,
      [paymentId],
    )
  ).rows[0];
  if (!r) return null;
  const payment: PaymentEventFields = { receiptNo: r.receipt_no, paymentNo: r.payment_no, amountKrw: Number(r.amount_krw), method: r.method, payerKind: r.payer_kind, paidAt: iso(r.paid_at) };
  return { payment, declaration: { id: Number(r.declaration_id), ref: r.ref as string, cargoNo: r.cargo_no as string }, operatorId: Number(r.operator_id) };
}

/**
 * tax.paid of the deposit recorded as payment `paymentId` on `c` (the transaction that inserted it), with
 * `refund`, the part of it recorded for a refund. The caller queues it only for a deposit that paid taxes
 * (refund-due-events.ts depositAlertFactsOf: not one that paid nothing owed, refunded in full). How many deliveries were queued.
 */
export async function queueTaxPaidEvent(c: pg.PoolClient, paymentId: number, refund: { refundNo: string; amountKrw: number; refundBy: string } | null, at: Date): Promise<number> {
  const p = await operatorPaymentOf(c, paymentId);
  if (!p) return 0;
  const payload = taxPaidEvent(p.payment, p.declaration, refund);
  return enqueueOperatorEventOn(c, p.operatorId, payload.type, { ...payload }, at);
}

/** tax.payment_reversed of payment `paymentId`, its reversal just recorded on `c`. How many deliveries were queued. */
export async function queueTaxPaymentReversedEvent(c: pg.PoolClient, paymentId: number, reversal: { reason: 'deposit_reversed'; reversedAt: string }, at: Date): Promise<number> {
  const p = await operatorPaymentOf(c, paymentId);
  if (!p) return 0;
  const payload = taxPaymentReversedEvent(p.payment, p.declaration, reversal);
  return enqueueOperatorEventOn(c, p.operatorId, payload.type, { ...payload }, at);
}
