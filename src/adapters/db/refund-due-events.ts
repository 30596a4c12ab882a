// The operator's tax.refund_due: a refund due recorded on a payment an operator made (an overpayment
// after a reassessment, a withdrawal or refusal after payment, a deposit or a second charge after the
// taxes were paid), queued for its webhooks in the transaction that records it (both commit or
// neither: an event lost after the commit would leave the operator untold until tax.refunded).
// Every INSERT INTO tax_refunds_due calls this: reconcileReassessedRefund (reassessment-refunds.ts)
// and recordRefundDue (tax-payment-repository.ts).
import type pg from 'pg';
import { CHARGE_OUTCOME_UNKNOWN_REASON, taxRefundDueEvent } from '../../domain/refund-due.ts';
import { enqueueOperatorEventOn } from './webhook-repository.ts';

/**
 * Queues tax.refund_due for the refund due `refundId`, just inserted on `c` (the inserting
 * transaction's client), when an operator paid. How many deliveries were queued. A charge of unknown
 * outcome is not announced: it is not known to be due (the order is checked first, and a retry that
 * finds it was not charged closes it), and the operator was answered its refund number (502).
 */
export async function queueRefundDueEvent(c: pg.PoolClient, refundId: number, at: Date): Promise<number> {
  const f = (
    await c.query(
      `SELECT id, declaration_id, payment_no, amount_krw, payer_kind, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, created_at FROM tax_refunds_due WHERE id = $1`,
      [refundId],
    )
  ).rows[0];
  if (!f || f.payer_kind !== 'operator' || f.reason === CHARGE_OUTCOME_UNKNOWN_REASON) return 0;
  const d = (await c.query(`SELECT id, ref, cargo_no, operator_id FROM declarations WHERE id = $1`, [f.declaration_id])).rows[0];
  if (!d) return 0;
  const payload = taxRefundDueEvent(
    {
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
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      outcome: null,
      providerRefundRef: null,
    },
    { id: Number(d.id), ref: d.ref, cargoNo: d.cargo_no },
  );
  return enqueueOperatorEventOn(c, Number(d.operator_id), payload.type, { ...payload }, at);
}
