// The operator's refund-due events, queued for its webhooks in the transaction that changes the record
// (both commit or neither: an event lost after the commit would leave the operator untold, or booking a
// refund that no longer stands):
// - tax.refund_due: a refund due recorded on a payment an operator made (an overpayment after a
//   reassessment, a withdrawal or refusal after payment, a deposit or a second charge after the taxes
//   were paid). Every INSERT INTO tax_refunds_due calls this: reconcileReassessedRefund
//   (reassessment-refunds.ts) and recordRefundDue (tax-payment-repository.ts).
// - tax.refund_due_cancelled: such a record resolved as not refunded (superseded by a record of another
//   amount, no longer due, its payment or deposit reversed, or an administrator's not_refunded). Every
//   resolution as not refunded calls this too: reconcileReassessedRefund, resolveRefundDue and
//   resolveRefundDueOfTx. (tax.refunded, a refund made, is queued by resolveRefundDue.)
import type pg from 'pg';
import {
  operatorToldOf,
  REASSESSED_LOWER_REASON,
  refundNoOf,
  taxRefundDueCancelledEvent,
  taxRefundDueEvent,
  type RefundDueCancelCause,
  type RefundDueRecord,
} from '../../domain/refund-due.ts';
import { enqueueOperatorEventOn } from './webhook-repository.ts';

/**
 * Queues the operator's event of the refund due `refundId`, just inserted or resolved on `c` (the
 * transaction's client), when an operator paid: tax.refund_due for an open record, tax.refund_due_cancelled
 * (with `cause`) for one resolved not refunded. How many deliveries were queued. A charge of unknown outcome
 * is not announced, nor its end: it is not known to be due (the order is checked first, and a retry that
 * finds it was not charged closes it), and the operator was answered its refund number (502); a charge
 * found made and not kept is recorded anew (duplicate_charge_not_voided), and that record is announced.
 * A superseded record names the open record of its declaration that replaces it (inserted before this call).
 */
export async function queueRefundDueEvent(c: pg.PoolClient, refundId: number, at: Date, cause: RefundDueCancelCause = 'not_refunded'): Promise<number> {
  const f = (
    await c.query(
      `SELECT id, declaration_id, payment_no, amount_krw, payer_kind, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, created_at, resolved_at, resolved_by, resolution, outcome
         FROM tax_refunds_due WHERE id = $1`,
      [refundId],
    )
  ).rows[0];
  if (!f || !operatorToldOf({ payerKind: f.payer_kind, reason: f.reason })) return 0;
  if (f.resolved_at !== null && f.outcome !== 'not_refunded') return 0; // refunded: tax.refunded, by resolveRefundDue
  const d = (await c.query(`SELECT id, ref, cargo_no, operator_id FROM declarations WHERE id = $1`, [f.declaration_id])).rows[0];
  if (!d) return 0;
  const record: RefundDueRecord = {
    id: Number(f.id),
    provider: '',
    providerTx: '',
    declarationId: Number(f.declaration_id),
    paymentNo: f.payment_no,
    amountKrw: Number(f.amount_krw),
    payerKind: f.payer_kind,
    reason: f.reason,
    refundBy: f.refund_by,
    createdAt: new Date(f.created_at).toISOString(),
    resolvedAt: f.resolved_at === null ? null : new Date(f.resolved_at).toISOString(),
    resolvedBy: f.resolved_by,
    resolution: f.resolution,
    outcome: f.outcome ?? null,
    providerRefundRef: null,
  };
  const declaration = { id: Number(d.id), ref: d.ref, cargoNo: d.cargo_no };
  if (record.resolvedAt === null) {
    const payload = taxRefundDueEvent(record, declaration);
    return enqueueOperatorEventOn(c, Number(d.operator_id), payload.type, { ...payload }, at);
  }
  let successor = null;
  if (cause === 'superseded' && f.reason === REASSESSED_LOWER_REASON) {
    const s = (
      await c.query(
        `SELECT id, amount_krw, to_char(refund_by, 'YYYY-MM-DD') AS refund_by FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2 AND resolved_at IS NULL AND id <> $3 ORDER BY id DESC LIMIT 1`,
        [f.declaration_id, REASSESSED_LOWER_REASON, refundId],
      )
    ).rows[0];
    if (s) successor = { refundNo: refundNoOf(Number(s.id)), amountKrw: Number(s.amount_krw), refundBy: s.refund_by };
  }
  const payload = taxRefundDueCancelledEvent(record, declaration, cause, successor);
  return enqueueOperatorEventOn(c, Number(d.operator_id), payload.type, { ...payload }, at);
}
