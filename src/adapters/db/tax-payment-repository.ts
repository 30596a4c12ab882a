// PostgreSQL side of tax payments (migrations/033_tax_payments.sql). Append-only table; the
// UNIQUE(declaration_id, turn) constraint decides a race of two payments (ON CONFLICT DO NOTHING).
// A payment undone (a deposit reversed by the bank) keeps its row and gets a reversal
// (migrations/065): the declaration's next payment takes the next turn. A payment and a reversal of
// one declaration take turns on a transaction-scoped advisory lock, so a payment never reads the
// turn before a reversal that committed meanwhile.
// Refunds due (migrations/060_tax_refunds_due.sql): a charge that lost that race and could not be voided.
import type pg from 'pg';
import type {
  ChargeCancelJob,
  NewRefundDue,
  NewTaxPayment,
  PaymentReversal,
  RefundDueCursor,
  RefundDueRecord,
  RefundDueStatus,
  RefundResolution,
  RefusedWhileHeld,
  ReturnedDeposit,
  StoredTaxPayment,
  TaxPaymentRecord,
  TaxPaymentStore,
} from '../../app/ports/payment-ports.ts';
import { inTransaction } from './in-transaction.ts';
import { enqueueOperatorEventOn } from './webhook-repository.ts';
import { queueDepositAlert, queueDepositReversal, queueRefundDueEvent, withRefundsToldWithPayment } from './refund-due-events.ts';
import { queueTaxPaidEvent, queueTaxPaymentReversedEvent } from './payment-events.ts';
import { DEPOSIT_WHILE_HELD_REASON, REASSESSED_LOWER_REASON, type RefundDueCancelCause, type RefundDueCancelRow } from '../../domain/refund-due.ts';
import { type DepositAlertFacts } from '../../domain/consumer-refund-alerts.ts';
import { taxesHeldBy } from '../../domain/taxes-payable.ts';
import { lockPayments, reconcileReassessedRefund } from './reassessment-refunds.ts';

const PAYMENT_COLUMNS = 'id, declaration_id, payment_no, amount_krw, method, payer_kind, payer_ref, provider, provider_tx, receipt_no, idempotency_key, paid_at, part';
/** A payment with its reversal, if any (p: tax_payments). */
const SELECT = `SELECT p.id, p.declaration_id, p.payment_no, p.amount_krw, p.method, p.payer_kind, p.payer_ref, p.provider, p.provider_tx, p.receipt_no, p.idempotency_key, p.paid_at, p.part,
  r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_at
  FROM tax_payments p LEFT JOIN tax_payment_reversals r ON r.payment_id = p.id`;

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

const recordOf = (r: any): TaxPaymentRecord => ({
  id: Number(r.id),
  declarationId: Number(r.declaration_id),
  paymentNo: r.payment_no,
  amountKrw: Number(r.amount_krw),
  method: r.method,
  payerKind: r.payer_kind,
  payerRef: r.payer_ref,
  provider: r.provider,
  providerTx: r.provider_tx,
  receiptNo: r.receipt_no,
  idempotencyKey: r.idempotency_key,
  paidAt: r.paid_at instanceof Date ? r.paid_at.toISOString() : String(r.paid_at),
  part: Number(r.part ?? 0),
  reversal: r.reversal_id == null ? null : { id: Number(r.reversal_id), reason: r.reversal_reason, reversedAt: iso(r.reversed_at) },
});

const REFUND_COLUMNS = `id, provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, created_at, resolved_at, resolved_by, resolution, outcome, provider_refund_ref`;

/** REFUND_COLUMNS of tax_refunds_due as `f` (joined with its declaration). */
const REFUND_COLUMNS_OF_F = `f.id, f.provider, f.provider_tx, f.declaration_id, f.payment_no, f.amount_krw, f.payer_kind, f.reason, to_char(f.refund_by, 'YYYY-MM-DD') AS refund_by, f.created_at, f.resolved_at, f.resolved_by, f.resolution, f.outcome, f.provider_refund_ref`;
/**
 * Which records a status lists (`a`: the table's alias and dot, or ''). A record whose cancel at the provider is still
 * to be tried again (cancel_next_attempt_at, migrations/115) is listed to nobody yet: no person is to refund it unless
 * the retries are exhausted or the provider refused for good (charge-cancel-retries.ts).
 */
const refundStatusWhere = (status: RefundDueStatus, a = ''): string => {
  const handedOver = `${a}cancel_next_attempt_at IS NULL`;
  return { open: `${a}resolved_at IS NULL AND ${handedOver}`, resolved: `${a}resolved_at IS NOT NULL`, all: `(${a}resolved_at IS NOT NULL OR ${handedOver})` }[status];
};

/** A record's cancel retries (migrations/115), as stored. */
const cancelRowOf = (x: any): RefundDueCancelRow => ({
  cancelAttempts: Number(x.cancel_attempts),
  cancelNextAttemptAt: x.cancel_next_attempt_at === null ? null : iso(x.cancel_next_attempt_at),
  cancelLastError: x.cancel_last_error,
});

const refundOf = (r: any): RefundDueRecord => ({
  id: Number(r.id),
  provider: r.provider,
  providerTx: r.provider_tx,
  declarationId: Number(r.declaration_id),
  paymentNo: r.payment_no,
  amountKrw: Number(r.amount_krw),
  payerKind: r.payer_kind,
  reason: r.reason,
  refundBy: r.refund_by,
  createdAt: iso(r.created_at),
  resolvedAt: r.resolved_at === null ? null : iso(r.resolved_at),
  resolvedBy: r.resolved_by,
  resolution: r.resolution,
  outcome: r.outcome ?? null,
  providerRefundRef: r.provider_refund_ref ?? null,
});

/**
 * Records a refund due on `c`, or answers the one of the same provider transaction (a copy of the request): DO UPDATE
 * (a no-op) rather than DO NOTHING, so the stored row is answered either way. xmax = 0 only on a row this statement
 * inserted: an operator that paid is told with the record (refund-due-events.ts), and the holder of a deposit after
 * paid or while held (its alert); a copy tells nobody again.
 */
async function insertRefundDue(c: pg.PoolClient, r: NewRefundDue): Promise<RefundDueRecord> {
  const q = await c.query(
    `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at, cancel_attempts, cancel_next_attempt_at, cancel_last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (provider, provider_tx) DO UPDATE SET provider = EXCLUDED.provider
     RETURNING ${REFUND_COLUMNS}, (xmax = 0) AS inserted`,
    [r.provider, r.providerTx, r.declarationId, r.paymentNo, r.amountKrw, r.payerKind, r.reason, r.refundBy, r.createdAt, r.cancel?.attempts ?? 0, r.cancel?.nextAttemptAt ?? null, r.cancel?.lastError ?? null],
  );
  if (q.rows[0].inserted) await queueRefundDueEvent(c, Number(q.rows[0].id), r.createdAt);
  return refundOf(q.rows[0]);
}

/**
 * Under the declaration's payment lock: a deposit arriving while its taxes are not payable now (taxesHeldBy, the
 * rule of the notice, as the committed hold wrote it) is recorded to be returned, a refund due of reason
 * deposit_while_held, not as the payment; so is one already recorded so (a release since does not make it the
 * payment: the payer was told it is returned). null: payable, and never returned: the caller records the payment.
 */
async function returnDepositWhileHeld(c: pg.PoolClient, p: NewTaxPayment): Promise<ReturnedDeposit | null> {
  const d = (
    await c.query(
      `SELECT d.status, d.route, d.hold_reason,
              EXISTS (SELECT 1 FROM tax_refunds_due f WHERE f.provider = $2 AND f.provider_tx = $3 AND f.reason = $4) AS returned_before
         FROM declarations d WHERE d.id = $1`,
      [p.declarationId, p.provider, p.providerTx, DEPOSIT_WHILE_HELD_REASON],
    )
  ).rows[0];
  if (!d) return null;
  const heldBy = taxesHeldBy({ status: d.status, route: d.route, holdReason: d.hold_reason });
  if (heldBy === null && !d.returned_before) return null;
  if (!p.overpaidRefundBy) throw new Error('a deposit returned while held needs the day its return is promised (overpaidRefundBy)');
  const refund = await insertRefundDue(c, {
    provider: p.provider,
    providerTx: p.providerTx,
    declarationId: p.declarationId,
    paymentNo: p.paymentNo,
    amountKrw: p.amountKrw,
    payerKind: p.payerKind,
    reason: DEPOSIT_WHILE_HELD_REASON,
    refundBy: p.overpaidRefundBy,
    createdAt: p.paidAt,
  });
  return { returned: { heldBy, refund } };
}

export class PgTaxPaymentStore implements TaxPaymentStore {
  private readonly pool: pg.Pool;
  private readonly refundBy: (at: Date) => string;
  /**
   * `refundBy`: the day a refund of taxes overpaid, recorded at `at`, is promised (data/payments.json, as
   * PgDeclarationStore's): a reversal records the overpayment it leaves with it, whatever its caller.
   */
  constructor(pool: pg.Pool, refundBy: (at: Date) => string) {
    this.pool = pool;
    this.refundBy = refundBy;
  }

  async findByDeclaration(declarationId: number, part = 0): Promise<TaxPaymentRecord | null> {
    const r = await this.pool.query(`${SELECT} WHERE p.declaration_id = $1 AND p.part = $2 AND r.id IS NULL`, [declarationId, part]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async findByDeclarations(declarationIds: number[]): Promise<TaxPaymentRecord[]> {
    if (declarationIds.length === 0) return [];
    const r = await this.pool.query(`${SELECT} WHERE p.declaration_id = ANY($1::bigint[]) AND r.id IS NULL ORDER BY p.declaration_id, p.part`, [declarationIds]);
    return r.rows.map(recordOf);
  }

  async paymentsOf(declarationId: number): Promise<TaxPaymentRecord[]> {
    const r = await this.pool.query(`${SELECT} WHERE p.declaration_id = $1 ORDER BY p.id`, [declarationId]);
    return r.rows.map(recordOf);
  }

  async findByReceiptNo(receiptNo: string): Promise<TaxPaymentRecord | null> {
    const r = await this.pool.query(`${SELECT} WHERE p.receipt_no = $1`, [receiptNo]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async findByProviderTx(provider: string, providerTx: string): Promise<TaxPaymentRecord[]> {
    const r = await this.pool.query(`${SELECT} WHERE p.provider = $1 AND p.provider_tx = $2 ORDER BY p.id DESC`, [provider, providerTx]);
    return r.rows.map(recordOf);
  }

  /** Runs `work` in a short transaction holding the declaration's payment lock (no network inside). */
  private underLock<T>(declarationId: number, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await lockPayments(client, declarationId);
      return work(client);
    });
  }

  async insert(p: NewTaxPayment): Promise<StoredTaxPayment | ReturnedDeposit | RefusedWhileHeld | null> {
    // The turn is read after the lock, in a statement of its own: it sees every reversal committed before.
    // Set under the lock (a cast: assigned in the callback, not narrowed to null).
    let told = null as DepositAlertFacts | null;
    let returned = null as ReturnedDeposit | null;
    let refused = null as RefusedWhileHeld | null;
    const row = await this.underLock(p.declarationId, async (c) => {
      // A card charge whose answer came after a hold committed (the hold takes this lock too): not the payment (taxes-payable.ts).
      if (p.refuseWhileHeld) {
        const d = (await c.query(`SELECT status, route, hold_reason FROM declarations WHERE id = $1`, [p.declarationId])).rows[0];
        const heldBy = d ? taxesHeldBy({ status: d.status, route: d.route, holdReason: d.hold_reason }) : null;
        if (heldBy !== null) {
          refused = { refused: { heldBy } };
          return undefined;
        }
      }
      // A deposit while the taxes are not payable (the hold that closed its account committed first: it takes this lock
      // too), or one recorded so before (a copy of Toss's callback, the close finding it, after a release): returned.
      if (p.returnWhileHeld) {
        returned = await returnDepositWhileHeld(c, p);
        if (returned) return undefined;
      }
      const r = await c.query(
        `INSERT INTO tax_payments (declaration_id, payment_no, amount_krw, method, payer_kind, payer_ref, provider, provider_tx, receipt_no, idempotency_key, paid_at, turn, part)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT count(*) FROM tax_payment_reversals WHERE declaration_id = $1), $12)
         ON CONFLICT (declaration_id, turn, part) DO NOTHING
         RETURNING ${PAYMENT_COLUMNS}`,
        [p.declarationId, p.paymentNo, p.amountKrw, p.method, p.payerKind, p.payerRef, p.provider, p.providerTx, p.receiptNo, p.idempotencyKey, p.paidAt, p.part ?? 0],
      );
      // A deposit into an account issued before the taxes were assessed again pays the old amount: an overpayment is recorded now
      // (and told with the payment: the deposit's alert, the card payment's answer; not again by the consumer's refund alerts).
      if (r.rows[0] && p.overpaidRefundBy) {
        const refundBy = p.overpaidRefundBy;
        await withRefundsToldWithPayment(c, () => reconcileReassessedRefund(c, p.declarationId, { at: p.paidAt, refundBy, why: `payment ${p.receiptNo} recorded` }));
      }
      // A deposit: the holder's alert of it (naming that refund, if any) commits with it, or neither (migrations/108);
      // and the operator's tax.paid when it asked for the account (payment-events.ts), unless the deposit paid nothing owed.
      if (r.rows[0] && p.alertHolderOfDeposit) {
        told = await queueDepositAlert(c, Number(r.rows[0].id), p.paidAt);
        if (told?.event === 'deposit_paid') await queueTaxPaidEvent(c, Number(r.rows[0].id), told.refund, p.paidAt);
      }
      return r.rows[0];
    });
    if (returned) return returned;
    if (refused) return refused;
    // The deposit's facts as read under the lock and told the holder: the caller answers the provider by them (record-virtual-account-deposit.ts).
    return row ? { ...recordOf(row), ...(told ? { depositTold: told } : {}) } : null;
  }

  async depositToldOf(receiptNo: string): Promise<DepositAlertFacts | null> {
    const r = await this.pool.query(
      `SELECT a.facts FROM consumer_refund_alerts a JOIN tax_payments p ON p.id = a.payment_id
        WHERE p.receipt_no = $1 AND a.event IN ('deposit_paid', 'deposit_not_owed') ORDER BY a.id LIMIT 1`,
      [receiptNo],
    );
    return (r.rows[0]?.facts as DepositAlertFacts | undefined) ?? null;
  }

  async reverse(
    paymentId: number,
    rv: { reason: 'deposit_reversed'; at: Date; deposit?: { accountId: number; dueDate: string | null } },
  ): Promise<PaymentReversal | null> {
    const found = await this.pool.query(`SELECT declaration_id FROM tax_payments WHERE id = $1`, [paymentId]);
    if (!found.rows[0]) return null;
    const row = await this.underLock(Number(found.rows[0].declaration_id), async (c) => {
      const r = await c.query(
        `INSERT INTO tax_payment_reversals (payment_id, declaration_id, reason, reversed_at) SELECT id, declaration_id, $2, $3 FROM tax_payments WHERE id = $1
         ON CONFLICT (payment_id) DO NOTHING RETURNING id, reason, reversed_at`,
        [paymentId, rv.reason, rv.at],
      );
      // A refund of taxes overpaid by the payment reversed is no longer due (or, with another payment standing, of another
      // amount: recorded now, by the store's refund date, so the records cancelled never name a successor that was not made).
      if (r.rows[0]) await reconcileReassessedRefund(c, Number(found.rows[0].declaration_id), { at: rv.at, refundBy: this.refundBy(rv.at), why: `payment ${paymentId} reversed`, reversed: true });
      // A deposit: its account waits again and the holder's alert is queued, with the reversal or not at all (migrations/108).
      if (r.rows[0] && rv.deposit) await queueDepositReversal(c, paymentId, rv.deposit, rv.at);
      // The operator that paid: tax.payment_reversed, with the reversal or not at all (payment-events.ts).
      if (r.rows[0]) await queueTaxPaymentReversedEvent(c, paymentId, { reason: r.rows[0].reason, reversedAt: iso(r.rows[0].reversed_at) }, rv.at);
      return r.rows[0];
    });
    return row ? { id: Number(row.id), reason: row.reason, reversedAt: iso(row.reversed_at) } : null;
  }

  async recordRefundDue(r: NewRefundDue): Promise<RefundDueRecord> {
    // In a transaction of its own, with the events it queues (insertRefundDue: a copy of the request tells nobody again).
    return inTransaction(this.pool, (c) => insertRefundDue(c, r));
  }

  async openRefundsDueOf(declarationId: number): Promise<RefundDueRecord[]> {
    const r = await this.pool.query(`SELECT ${REFUND_COLUMNS} FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL ORDER BY created_at, id`, [declarationId]);
    return r.rows.map(refundOf);
  }

  async openRefundsDueOfMany(declarationIds: number[], reason: string): Promise<RefundDueRecord[]> {
    if (declarationIds.length === 0) return [];
    const r = await this.pool.query(`SELECT ${REFUND_COLUMNS} FROM tax_refunds_due WHERE declaration_id = ANY($1::bigint[]) AND reason = $2 AND resolved_at IS NULL ORDER BY id`, [
      declarationIds,
      reason,
    ]);
    return r.rows.map(refundOf);
  }

  async reassessedRefundedKrwOfMany(declarationIds: number[]): Promise<Map<number, number>> {
    if (declarationIds.length === 0) return new Map();
    // As reassessedRefundedKrw (reassessment-refunds.ts), for many declarations at once.
    const r = await this.pool.query(
      `SELECT declaration_id, sum(amount_krw)::bigint AS made FROM tax_refunds_due
        WHERE declaration_id = ANY($1::bigint[]) AND reason = $2 AND outcome = 'refunded'
        GROUP BY declaration_id`,
      [declarationIds, REASSESSED_LOWER_REASON],
    );
    return new Map(r.rows.map((x) => [Number(x.declaration_id), Number(x.made)]));
  }

  async countRefundsDue(status: RefundDueStatus): Promise<number> {
    const r = await this.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE ${refundStatusWhere(status)}`);
    return r.rows[0].n;
  }

  async listRefundsDue(q: { status: RefundDueStatus; limit: number; after?: RefundDueCursor | null }): Promise<(RefundDueRecord & { cargoNo: string; cancel: RefundDueCancelRow })[]> {
    // With the declaration's cargo number (the administrators' reference); co-located on the declaration (docs/citus-plan.json).
    // Open ones oldest first (the longest owed at the top); resolved ones the latest resolved first (the later id first at
    // the same instant, so that (resolved_at, id) orders them wholly); all: the open, then the resolved.
    // `after`: the keyset of the last one listed, read from its row (to the microsecond): an open one's place is its
    // created_at, which never changes, so a page goes on after it even once it was resolved meanwhile (the
    // administrator works down the list); a resolved one's is its resolved_at, which never changes once set.
    // An id of no refund due (or, resolved, of none resolved) lists nothing.
    const after = q.after ?? null;
    const keyset =
      after === null
        ? ''
        : after.part === 'open'
          ? // In all: the open ones after it, then every resolved one (the open part is done).
            `AND ((f.resolved_at IS NULL AND (f.created_at, f.id) > (SELECT k.created_at, k.id FROM tax_refunds_due k WHERE k.id = $2))${q.status === 'all' ? ' OR f.resolved_at IS NOT NULL' : ''})`
          : `AND f.resolved_at IS NOT NULL AND (f.resolved_at, f.id) < (SELECT k.resolved_at, k.id FROM tax_refunds_due k WHERE k.id = $2 AND k.resolved_at IS NOT NULL)`;
    const r = await this.pool.query(
      `SELECT ${REFUND_COLUMNS_OF_F}, f.cancel_attempts, f.cancel_next_attempt_at, f.cancel_last_error, d.cargo_no FROM tax_refunds_due f JOIN declarations d ON d.id = f.declaration_id
        WHERE ${refundStatusWhere(q.status, 'f.')} ${keyset}
        ORDER BY (f.resolved_at IS NOT NULL), CASE WHEN f.resolved_at IS NULL THEN f.created_at END, f.resolved_at DESC, CASE WHEN f.resolved_at IS NOT NULL THEN f.id END DESC, f.id
        LIMIT $1`,
      after !== null ? [q.limit, after.id] : [q.limit],
    );
    // With its cancel retries (migrations/115): the administrators read the attempts and the last error.
    return r.rows.map((x) => ({ ...refundOf(x), cargoNo: x.cargo_no, cancel: cancelRowOf(x) }));
  }

  async openRefundDue(id: number): Promise<(RefundDueRecord & { cancel: RefundDueCancelRow }) | null> {
    const r = await this.pool.query(`SELECT ${REFUND_COLUMNS}, cancel_attempts, cancel_next_attempt_at, cancel_last_error FROM tax_refunds_due WHERE id = $1 AND resolved_at IS NULL`, [id]);
    return r.rows[0] ? { ...refundOf(r.rows[0]), cancel: cancelRowOf(r.rows[0]) } : null;
  }

  async resolveRefundDue(id: number, r: RefundResolution): Promise<{ record: RefundDueRecord; queued: number } | null> {
    const found = await this.pool.query(`SELECT declaration_id FROM tax_refunds_due WHERE id = $1`, [id]);
    if (!found.rows[0]) return null;
    // Under the payment lock: a refund made changes what the reconciliation nets (reassessment-refunds.ts).
    return this.underLock(Number(found.rows[0].declaration_id), async (c) => {
      const q = await c.query(
        // Not while its cancel is still being tried (a next attempt set, migrations/115): a cancel going through would
        // return the money too (the worker claims without this lock; the row's own lock orders the two updates).
        `UPDATE tax_refunds_due SET resolved_at = $2, resolved_by = $3, resolution = $4, outcome = $5, provider_refund_ref = $6
          WHERE id = $1 AND resolved_at IS NULL AND cancel_next_attempt_at IS NULL RETURNING ${REFUND_COLUMNS}`,
        [id, r.at, r.by, r.resolution, r.outcome, r.outcome === 'refunded' ? r.providerRefundRef : null],
      );
      if (!q.rows[0]) return null;
      const record = refundOf(q.rows[0]);
      // Not refunded: an operator told of it hears it no longer stands (refund-due-events.ts), in this transaction;
      // and the holder's alert (a refund made to a consumer, a not_refunded of a number they were given) is queued with it.
      let queued = await queueRefundDueEvent(c, id, r.at, 'not_refunded');
      if (r.operatorEvent) {
        const d = (await c.query(`SELECT id, ref, cargo_no, operator_id FROM declarations WHERE id = $1`, [record.declarationId])).rows[0];
        const event = d ? r.operatorEvent(record, { id: Number(d.id), ref: d.ref, cargoNo: d.cargo_no, operatorId: Number(d.operator_id) }) : null;
        // Queued with the record: an event lost after the commit (a crash) would leave the payer untold.
        if (event) queued += await enqueueOperatorEventOn(c, Number(d.operator_id), event.type, event.payload, r.at);
      }
      return { record, queued };
    });
  }

  async refundsMadeOfMany(declarationIds: number[]): Promise<RefundDueRecord[]> {
    if (declarationIds.length === 0) return [];
    const r = await this.pool.query(`SELECT ${REFUND_COLUMNS} FROM tax_refunds_due WHERE declaration_id = ANY($1::bigint[]) AND outcome = 'refunded' ORDER BY resolved_at, id`, [declarationIds]);
    return r.rows.map(refundOf);
  }

  async claimDueChargeCancels(q: { provider: string; limit: number; at: Date; leaseMs: number }): Promise<ChargeCancelJob[]> {
    // Leased by moving the next attempt past the lease, as the closes of accounts are (virtual-account-repository.ts).
    const r = await this.pool.query(
      `WITH due AS (
         SELECT id FROM tax_refunds_due
          WHERE provider = $4 AND resolved_at IS NULL AND cancel_next_attempt_at <= $2 ORDER BY cancel_next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE tax_refunds_due f SET cancel_next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000) FROM due WHERE f.id = due.id
       RETURNING f.id, f.cancel_attempts, f.provider, f.provider_tx, f.payment_no, f.amount_krw`,
      [q.limit, q.at, q.leaseMs, q.provider],
    );
    return r.rows
      .map((x) => ({ id: Number(x.id), attempts: Number(x.cancel_attempts), provider: x.provider, providerTx: x.provider_tx, paymentNo: x.payment_no, amountKrw: Number(x.amount_krw) }))
      .sort((a, b) => a.id - b.id);
  }

  async settleChargeCancel(id: number, s: { status: 'cancelled' } | { status: 'retry'; nextAttemptAt: Date | null; error: string }, at: Date): Promise<void> {
    if (s.status === 'retry') {
      // null: given up, handed over to the administrators (listed from now), with the last error.
      await this.pool.query(
        `UPDATE tax_refunds_due SET cancel_attempts = cancel_attempts + 1, cancel_next_attempt_at = $2::timestamptz, cancel_last_error = $3::text
          WHERE id = $1 AND resolved_at IS NULL AND cancel_next_attempt_at IS NOT NULL`,
        [id, s.nextAttemptAt, s.error],
      );
      return;
    }
    await inTransaction(this.pool, async (c) => {
      const q = await c.query(
        `UPDATE tax_refunds_due SET cancel_attempts = cancel_attempts + 1, cancel_next_attempt_at = NULL, resolved_at = $2, resolved_by = 'system', outcome = 'not_refunded',
                resolution = 'the charge was cancelled at the provider on attempt ' || (cancel_attempts + 1) || ': nothing to refund'
          WHERE id = $1 AND resolved_at IS NULL AND cancel_next_attempt_at IS NOT NULL RETURNING id`,
        [id, at],
      );
      // An operator told of the refund due hears it no longer stands (tax.refund_due_cancelled), with the record.
      if (q.rows[0]) await queueRefundDueEvent(c, id, at, 'charge_cancelled');
    });
  }

  async resolveRefundDueOfTx(provider: string, providerTx: string, r: { by: string; resolution: string; at: Date; cause?: RefundDueCancelCause }): Promise<RefundDueRecord | null> {
    return inTransaction(this.pool, async (c) => {
      const q = await c.query(
        `UPDATE tax_refunds_due SET resolved_at = $3, resolved_by = $4, resolution = $5, outcome = 'not_refunded' WHERE provider = $1 AND provider_tx = $2 AND resolved_at IS NULL RETURNING ${REFUND_COLUMNS}`,
        [provider, providerTx, r.at, r.by, r.resolution],
      );
      if (!q.rows[0]) return null;
      // An operator told of it hears it no longer stands (a deposit the bank took back), with the record.
      await queueRefundDueEvent(c, Number(q.rows[0].id), r.at, r.cause ?? 'not_refunded');
      return refundOf(q.rows[0]);
    });
  }
}
