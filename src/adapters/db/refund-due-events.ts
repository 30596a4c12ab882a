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
// And the PCCC holder the same way: a consumer payer's refund due of a reassessment and its end, a refund
// made, a deposit after the taxes were paid, an administrator's not_refunded of a number the holder was
// given, a deposit after paid or while held that the bank reversed (its refund withdrawn): the alert queued in
// consumer_refund_alerts (migrations/103, 106, 107), sent by the worker on the
// holder's channels (src/app/send-consumer-refund-alerts.ts; which ones: the domain's consumerRefundAlertOf),
// so that a crash after the commit loses none (before 106 and 107 the last four were sent after the commit, best effort).
// And, keyed by the payment rather than a refund (migrations/108), the holder's alert of a deposit recorded as
// the payment (that it paid, or that nothing was owed and all of it is refunded) and of its reversal by the bank:
// queueDepositAlert and queueDepositReversal, in the transaction that records the payment or the reversal.
import type pg from 'pg';
import { DEPOSIT_WHILE_HELD_REASON, operatorToldOf, REASSESSED_LOWER_REASON, refundNoOf, type RefundDueCancelCause, type RefundDueRecord } from '../../domain/refund-due.ts';
import { endedStatusOf } from '../../domain/reassessed-refunds.ts';
import { refundDueSuccessorOf, taxRefundDueCancelledEvent, taxRefundDueEvent, type RefundDueSuccessor } from '../../domain/refund-events.ts';
import { consumerRefundAlertOf, depositAlertFactsOf, type RefundRecordAlertEvent, type ConsumerRefundAlertFacts } from '../../domain/consumer-refund-alerts.ts';
import { owesTaxes } from '../../domain/tax-notice.ts';
import { taxesHeldBy } from '../../domain/taxes-payable.ts';
import { reassessedRefundChargeOf } from '../../domain/receipt-refunds.ts';
import { enqueueOperatorEventOn } from './webhook-repository.ts';
import { reopenAccountOn } from './virtual-account-repository.ts';

/** Transactions recording a payment: a refund due created there is told with the payment (the deposit's alert, the card payment's answer). */
const toldWithPayment = new WeakSet<pg.PoolClient>();

/**
 * Runs `work` (the reconciliation of a payment recorded) with the refunds due it creates marked as told
 * with the payment: the consumer's alert of them is not queued (its end still is).
 */
export async function withRefundsToldWithPayment<T>(c: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  toldWithPayment.add(c);
  try {
    return await work();
  } finally {
    toldWithPayment.delete(c);
  }
}

/**
 * Queues the operator's event of the refund due `refundId`, just inserted or resolved on `c` (the
 * transaction's client), when an operator paid: tax.refund_due for an open record, tax.refund_due_cancelled
 * (with `cause`) for one resolved not refunded. How many deliveries were queued. A charge of unknown outcome
 * is not announced, nor its end: it is not known to be due (the order is checked first, and a retry that
 * finds it was not charged closes it), and the operator was answered its refund number (502); a charge
 * found made and not kept is recorded anew (duplicate_charge_not_voided), and that record is announced.
 * A superseded record names the open record of its declaration that replaces it (inserted before this call).
 * The PCCC holder's alert is queued alike (queueConsumerRefundAlert; which: consumerRefundAlertOf): a
 * consumer payer's refund due of a reassessment and its end, a refund made, a deposit after paid, an
 * administrator's not_refunded of a number the holder was given. Called for every resolution (a refund
 * made too: tax.refunded is the caller's, the consumer's alert is queued here).
 */
export async function queueRefundDueEvent(
  c: pg.PoolClient,
  refundId: number,
  at: Date,
  cause: RefundDueCancelCause = 'not_refunded',
  /** Open records of the overpayment kept as they are by the reconciliation that superseded this one (named apart, unchanged). */
  kept: readonly number[] = [],
): Promise<number> {
  const f = (
    await c.query(
      `SELECT id, provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, created_at, resolved_at, resolved_by, resolution, outcome
         FROM tax_refunds_due WHERE id = $1`,
      [refundId],
    )
  ).rows[0];
  if (!f) return 0;
  const record: RefundDueRecord = {
    id: Number(f.id),
    provider: f.provider,
    providerTx: f.provider_tx,
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
  const alert = consumerRefundAlertOf(record, toldWithPayment.has(c), cause);
  const operator = operatorToldOf({ payerKind: f.payer_kind, reason: f.reason }) && (f.resolved_at === null || f.outcome === 'not_refunded'); // refunded: tax.refunded, by resolveRefundDue
  if (!alert && !operator) return 0;
  const d = (await c.query(`SELECT id, ref, cargo_no, operator_id, status, route, hold_reason, assessment->'taxes' AS taxes FROM declarations WHERE id = $1`, [f.declaration_id])).rows[0];
  if (!d) return 0;
  let successor: RefundDueSuccessor | null = null;
  // A payment reversed with other parts kept: those are named (unchanged) as what is still refunded.
  if (record.resolvedAt !== null && (cause === 'superseded' || (cause === 'payment_reversed' && kept.length > 0)) && f.reason === REASSESSED_LOWER_REASON) {
    // Every open record of the overpayment: the overpayment may be split over the charges that paid it (one
    // record each). Those the caller names as kept (same charge and amount) are named apart, unchanged.
    const s = await c.query(
      `SELECT id, amount_krw, to_char(refund_by, 'YYYY-MM-DD') AS refund_by FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2 AND resolved_at IS NULL AND id <> $3 ORDER BY id`,
      [f.declaration_id, REASSESSED_LOWER_REASON, refundId],
    );
    const rows = s.rows.map((x) => ({ id: Number(x.id), amountKrw: Number(x.amount_krw), refundBy: x.refund_by as string }));
    successor = refundDueSuccessorOf(
      rows.filter((x) => !kept.includes(x.id)),
      rows.filter((x) => kept.includes(x.id)),
    );
  }
  if (alert) await queueConsumerRefundAlert(c, record, alert, d, cause, successor, at);
  if (!operator) return 0;
  const declaration = { id: Number(d.id), ref: d.ref, cargoNo: d.cargo_no };
  if (record.resolvedAt === null) {
    const payload = taxRefundDueEvent(record, declaration);
    return enqueueOperatorEventOn(c, Number(d.operator_id), payload.type, { ...payload }, at);
  }
  const payload = taxRefundDueCancelledEvent(record, declaration, cause, successor);
  return enqueueOperatorEventOn(c, Number(d.operator_id), payload.type, { ...payload }, at);
}

/**
 * Queues the consumer payer's alert of `record` (consumer_refund_alerts, migrations/103) on `c`, with what
 * it says as this transaction reads it: the taxes now, the payments standing and the refunds made, and the
 * receipt of the charge a new record goes back to. Once per record and event (a second call queues
 * nothing). `batch` is this transaction's id: the worker sends the alerts of one declaration queued
 * together as one message (a refund split over charges, records superseded and those that replace them).
 */
async function queueConsumerRefundAlert(
  c: pg.PoolClient,
  record: RefundDueRecord,
  event: RefundRecordAlertEvent,
  d: { cargo_no: string; status: string; route: string; hold_reason: unknown; taxes: unknown },
  cause: RefundDueCancelCause,
  supersededBy: RefundDueSuccessor | null,
  at: Date,
): Promise<void> {
  const charge = reassessedRefundChargeOf(record.providerTx)?.charge ?? null;
  const sums = (
    await c.query(
      `SELECT (SELECT coalesce(sum(p.amount_krw), 0)::bigint FROM tax_payments p
                WHERE p.declaration_id = $1 AND NOT EXISTS (SELECT 1 FROM tax_payment_reversals r WHERE r.payment_id = p.id)) AS paid,
              (SELECT coalesce(sum(amount_krw), 0)::bigint FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2 AND outcome = 'refunded') AS refunded,
              (SELECT receipt_no FROM tax_payments WHERE declaration_id = $1 AND provider = $3 AND provider_tx = $4 LIMIT 1) AS receipt_no,
              txid_current()::text AS batch`,
      [record.declarationId, REASSESSED_LOWER_REASON, record.provider, charge],
    )
  ).rows[0];
  const taxes = d.taxes as Parameters<typeof owesTaxes>[1];
  const owedKrw = owesTaxes(d.status as Parameters<typeof owesTaxes>[0], taxes) ? taxes.totalKrw : 0;
  const own = { cargoNo: d.cargo_no, refundNo: refundNoOf(record.id), amountKrw: record.amountKrw, batch: sums.batch as string };
  const base = { ...own, owedKrw, paidKrw: Number(sums.paid), refundedKrw: Number(sums.refunded) };
  const facts: ConsumerRefundAlertFacts =
    event === 'refund_due'
      ? { event, ...base, refundBy: record.refundBy, ended: endedStatusOf(d.status), ...(sums.receipt_no ? { receiptNo: sums.receipt_no as string } : {}) }
      : event === 'deposit_after_paid'
        ? { event, ...own, refundBy: record.refundBy }
        : event === 'deposit_while_held'
          ? // Why it pays nothing, as the hold reads now (null: released since the deposit was recorded).
            { event, ...own, refundBy: record.refundBy, heldBy: taxesHeldBy({ status: d.status, route: d.route, holdReason: d.hold_reason }) }
          : event === 'refunded'
            ? { event, ...own, refundedAt: record.resolvedAt!, reason: record.reason }
            : event === 'deposit_reversed_refund'
              ? // A deposit made while held never paid the taxes: the alert says they stay unpaid (not "paid, nothing to do").
                { event, ...own, ...(record.reason === DEPOSIT_WHILE_HELD_REASON ? { whileHeld: true } : {}) }
              : { event, ...base, cause, supersededBy };
  await c.query(
    `INSERT INTO consumer_refund_alerts (refund_id, declaration_id, event, facts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (refund_id, event) DO NOTHING`,
    [record.id, record.declarationId, event, facts, at],
  );
}

/** Queues an alert of payment `paymentId` (migrations/108): once per payment and event, a second call queues nothing. Alone (no batch): one message each. */
async function queuePaymentAlert(c: pg.PoolClient, paymentId: number, declarationId: number, facts: ConsumerRefundAlertFacts, at: Date): Promise<void> {
  await c.query(
    `INSERT INTO consumer_refund_alerts (payment_id, declaration_id, event, facts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (payment_id, event) DO NOTHING`,
    [paymentId, declarationId, facts.event, facts, at],
  );
}

/**
 * The PCCC holder's alert of the deposit recorded as payment `paymentId` on `c`, in the transaction that
 * inserted it, after the overpayment's refund was recorded with it (reconcileReassessedRefund): whether it
 * paid (and the part refunded) or, nothing being owed, is refunded in full (depositAlertFactsOf), read here,
 * under the declaration's payment lock. Before (record-virtual-account-deposit.ts) it was sent after the
 * commit, best effort: lost by a crash there or by the channels being down. What it said (the operator's
 * tax.paid follows it: none for a deposit that paid nothing owed); null: no such payment.
 */
export async function queueDepositAlert(c: pg.PoolClient, paymentId: number, at: Date): Promise<ReturnType<typeof depositAlertFactsOf> | null> {
  const p = (
    await c.query(
      `SELECT p.declaration_id, p.amount_krw, p.receipt_no, p.provider, p.provider_tx, d.cargo_no, d.status, d.assessment->'taxes' AS taxes,
              (SELECT coalesce(sum(o.amount_krw), 0)::bigint FROM tax_payments o
                WHERE o.declaration_id = p.declaration_id AND o.id <> p.id AND NOT EXISTS (SELECT 1 FROM tax_payment_reversals r WHERE r.payment_id = o.id)) AS standing,
              (SELECT coalesce(sum(f.amount_krw), 0)::bigint FROM tax_refunds_due f WHERE f.declaration_id = p.declaration_id AND f.reason = $2 AND f.outcome = 'refunded') AS refunded
         FROM tax_payments p JOIN declarations d ON d.id = p.declaration_id WHERE p.id = $1`,
      [paymentId, REASSESSED_LOWER_REASON],
    )
  ).rows[0];
  if (!p) return null;
  // The overpayment's open records, one per charge it is drawn from: this deposit's, else the first.
  const open = (
    await c.query(`SELECT id, amount_krw, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, provider, provider_tx FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2 AND resolved_at IS NULL ORDER BY id`, [
      p.declaration_id,
      REASSESSED_LOWER_REASON,
    ])
  ).rows;
  const own = open.find((r) => r.provider === p.provider && reassessedRefundChargeOf(r.provider_tx)?.charge === p.provider_tx) ?? open[0];
  const taxes = p.taxes as Parameters<typeof owesTaxes>[1];
  const facts = depositAlertFactsOf({
    cargoNo: p.cargo_no,
    amountKrw: Number(p.amount_krw),
    receiptNo: p.receipt_no,
    owedKrw: owesTaxes(p.status, taxes) ? taxes.totalKrw : 0,
    // Net of the refunds made, as the notice counts it (paid 136,530, 49,950 refunded: 86,580).
    standingKrw: Number(p.standing) - Number(p.refunded),
    ended: endedStatusOf(p.status),
    refund: own ? { refundNo: refundNoOf(Number(own.id)), amountKrw: Number(own.amount_krw), refundBy: own.refund_by } : null,
  });
  await queuePaymentAlert(c, paymentId, Number(p.declaration_id), facts, at);
  return facts;
}

/**
 * The bank reversed the deposit of payment `paymentId`, recorded on `c`: its account `accountId` waits
 * again, as at Toss (unless another account of the declaration waits), and the PCCC holder's alert is
 * queued in that transaction (migrations/108): the taxes due again by `dueDate`, the same account while
 * it is open at `at`, the refunds still due for other charges (they do not pay the taxes).
 */
export async function queueDepositReversal(c: pg.PoolClient, paymentId: number, deposit: { accountId: number; dueDate: string | null }, at: Date): Promise<void> {
  const reopened = await reopenAccountOn(c, deposit.accountId);
  const p = (
    await c.query(`SELECT p.declaration_id, p.amount_krw, p.receipt_no, d.cargo_no FROM tax_payments p JOIN declarations d ON d.id = p.declaration_id WHERE p.id = $1`, [paymentId])
  ).rows[0];
  if (!p) return;
  const open = (
    await c.query(`SELECT id, amount_krw, to_char(refund_by, 'YYYY-MM-DD') AS refund_by FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL ORDER BY created_at, id`, [p.declaration_id])
  ).rows;
  await queuePaymentAlert(
    c,
    paymentId,
    Number(p.declaration_id),
    {
      event: 'deposit_reversed',
      cargoNo: p.cargo_no,
      amountKrw: Number(p.amount_krw),
      receiptNo: p.receipt_no,
      dueDate: deposit.dueDate,
      account: reopened && Date.parse(reopened.dueAt) > at.getTime() ? { bankCode: reopened.bankCode, accountNumber: reopened.accountNumber, dueAt: reopened.dueAt } : null,
      openRefunds: open.map((r) => ({ refundNo: refundNoOf(Number(r.id)), amountKrw: Number(r.amount_krw), refundBy: r.refund_by as string })),
    },
    at,
  );
}
