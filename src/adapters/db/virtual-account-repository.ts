// PostgreSQL side of virtual accounts (migrations/063_tax_virtual_accounts.sql): the partial unique
// index keeps one account waiting per declaration (an insert losing that race answers null), and
// an account is closed only from `waiting` (a second close, e.g. a repeated callback, changes nothing);
// a deposit the provider confirms marks it deposited from any other status, once.
// Closes to send to the provider (migrations/065): queued in the statement that closes the row,
// claimed by a lease (next_attempt_at moved forward) rather than a transaction held while the
// provider answers.
import type pg from 'pg';
import type { ClosureJob, ClosureReason, NewVirtualAccount, ProviderError, VirtualAccountRecord, VirtualAccountStore } from '../../app/ports/payment-ports.ts';

const COLUMNS = `id, declaration_id, payment_no, amount_krw, payer_kind, payer_ref, provider, order_id, payment_key, bank_code, account_number, holder_name,
  due_at, to_char(notice_due_date, 'YYYY-MM-DD') AS notice_due_date, secret_sha256, idempotency_key, status, receipt_no, created_at, closed_at, part`;

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

const recordOf = (r: any): VirtualAccountRecord => ({
  id: Number(r.id),
  declarationId: Number(r.declaration_id),
  paymentNo: r.payment_no,
  amountKrw: Number(r.amount_krw),
  payerKind: r.payer_kind,
  payerRef: r.payer_ref,
  provider: r.provider,
  orderId: r.order_id,
  providerTx: r.payment_key,
  bankCode: r.bank_code,
  accountNumber: r.account_number,
  holderName: r.holder_name,
  dueAt: iso(r.due_at),
  noticeDueDate: r.notice_due_date,
  secretSha256: r.secret_sha256,
  idempotencyKey: r.idempotency_key,
  status: r.status,
  receiptNo: r.receipt_no,
  createdAt: iso(r.created_at),
  closedAt: r.closed_at === null ? null : iso(r.closed_at),
  part: Number(r.part ?? 0),
});

/** A close's columns, aliased so that they sit beside the account's in one row. */
const jobColumns = (t = '') =>
  ['id', 'attempts', 'requests', 'reason', 'status', 'last_error', 'last_provider_error', 'created_at', 'done_at', 'next_attempt_at'].map((c) => `${t}${c} AS closure_${c}`).join(', ');
const JOB_COLUMNS = jobColumns();

const jobOf = (row: any): ClosureJob => ({
  id: Number(row.closure_id),
  attempts: row.closure_attempts,
  requests: row.closure_requests,
  reason: row.closure_reason,
  status: row.closure_status,
  lastError: row.closure_last_error,
  lastProviderError: row.closure_last_provider_error ?? null,
  createdAt: iso(row.closure_created_at),
  doneAt: row.closure_done_at === null ? null : iso(row.closure_done_at),
  account: recordOf(row),
});

export class PgVirtualAccountStore implements VirtualAccountStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async findWaiting(declarationId: number): Promise<VirtualAccountRecord | null> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [declarationId]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async findWaitingMany(declarationIds: number[]): Promise<VirtualAccountRecord[]> {
    if (declarationIds.length === 0) return [];
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM tax_virtual_accounts WHERE declaration_id = ANY($1::bigint[]) AND status = 'waiting'`, [declarationIds]);
    return r.rows.map(recordOf);
  }

  async findByOrderId(orderId: string): Promise<VirtualAccountRecord | null> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM tax_virtual_accounts WHERE order_id = $1`, [orderId]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async findByPaymentKey(providerTx: string): Promise<VirtualAccountRecord | null> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM tax_virtual_accounts WHERE payment_key = $1 ORDER BY id DESC LIMIT 1`, [providerTx]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async insert(a: NewVirtualAccount): Promise<VirtualAccountRecord | null> {
    const r = await this.pool.query(
      `INSERT INTO tax_virtual_accounts (declaration_id, payment_no, amount_krw, payer_kind, payer_ref, provider, order_id, payment_key, bank_code, account_number,
         holder_name, due_at, notice_due_date, secret_sha256, idempotency_key, created_at, part)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [a.declarationId, a.paymentNo, a.amountKrw, a.payerKind, a.payerRef, a.provider, a.orderId, a.providerTx, a.bankCode, a.accountNumber, a.holderName, a.dueAt, a.noticeDueDate, a.secretSha256, a.idempotencyKey, a.createdAt, a.part ?? 0],
    );
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async close(id: number, c: { status: 'deposited' | 'canceled' | 'expired'; at: Date; receiptNo?: string | null }): Promise<VirtualAccountRecord | null> {
    const r = await this.pool.query(`UPDATE tax_virtual_accounts SET status = $2, closed_at = $3, receipt_no = $4 WHERE id = $1 AND status = 'waiting' RETURNING ${COLUMNS}`, [
      id,
      c.status,
      c.at,
      c.receiptNo ?? null,
    ]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async markDeposited(id: number, c: { at: Date; receiptNo: string | null }): Promise<VirtualAccountRecord | null> {
    const r = await this.pool.query(`UPDATE tax_virtual_accounts SET status = 'deposited', closed_at = $2, receipt_no = $3 WHERE id = $1 AND status <> 'deposited' RETURNING ${COLUMNS}`, [id, c.at, c.receiptNo]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async closeWithFollowUp(id: number, c: { from: 'waiting' | 'deposited'; at: Date; reason: ClosureReason; leaseMs: number; as?: 'canceled' | 'expired' }): Promise<ClosureJob | null> {
    // Receipt kept from a deposit (the row said deposited) is cleared: the account did not pay.
    // The same account closed again (reopened by a reversed deposit): a new round of attempts, but
    // `requests` goes on, so no cancel reuses an Idempotency-Key (migrations/067).
    const r = await this.pool.query(
      `WITH closed AS (
         UPDATE tax_virtual_accounts SET status = $5, closed_at = $3, receipt_no = NULL WHERE id = $1 AND status = $2 RETURNING ${COLUMNS}
       ), queued AS (
         INSERT INTO tax_account_closures (account_id, declaration_id, reason, next_attempt_at, created_at)
         SELECT id, declaration_id, $4, $3::timestamptz + make_interval(secs => $6::double precision / 1000), $3 FROM closed
         ON CONFLICT (account_id) DO UPDATE SET reason = EXCLUDED.reason, status = 'pending', attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at, last_error = NULL, last_provider_error = NULL, done_at = NULL
         RETURNING ${JOB_COLUMNS}
       )
       SELECT closed.*, queued.* FROM closed, queued`,
      [id, c.from, c.at, c.reason, c.as ?? 'canceled', c.leaseMs],
    );
    return r.rows[0] ? jobOf(r.rows[0]) : null;
  }

  async insertClosed(a: NewVirtualAccount, c: { at: Date; reason: ClosureReason; leaseMs: number }): Promise<ClosureJob | null> {
    const r = await this.pool.query(
      `WITH stored AS (
         INSERT INTO tax_virtual_accounts (declaration_id, payment_no, amount_krw, payer_kind, payer_ref, provider, order_id, payment_key, bank_code, account_number,
           holder_name, due_at, notice_due_date, secret_sha256, idempotency_key, created_at, status, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'canceled', $17)
         ON CONFLICT DO NOTHING
         RETURNING ${COLUMNS}
       ), queued AS (
         INSERT INTO tax_account_closures (account_id, declaration_id, reason, next_attempt_at, created_at)
         SELECT id, declaration_id, $18, $17::timestamptz + make_interval(secs => $19::double precision / 1000), $17 FROM stored
         RETURNING ${JOB_COLUMNS}
       )
       SELECT stored.*, queued.* FROM stored, queued`,
      [a.declarationId, a.paymentNo, a.amountKrw, a.payerKind, a.payerRef, a.provider, a.orderId, a.providerTx, a.bankCode, a.accountNumber, a.holderName, a.dueAt, a.noticeDueDate, a.secretSha256, a.idempotencyKey, a.createdAt, c.at, c.reason, c.leaseMs],
    );
    return r.rows[0] ? jobOf(r.rows[0]) : null;
  }

  async claimDueClosures(q: { limit: number; at: Date; leaseMs: number }): Promise<ClosureJob[]> {
    const r = await this.pool.query(
      `WITH due AS (
         SELECT id FROM tax_account_closures WHERE status = 'pending' AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE tax_account_closures c SET next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000) FROM due WHERE c.id = due.id
         RETURNING ${jobColumns('c.')}, c.account_id
       )
       SELECT a.*, leased.* FROM leased JOIN (SELECT ${COLUMNS} FROM tax_virtual_accounts) a ON a.id = leased.account_id ORDER BY leased.closure_id`,
      [q.limit, q.at, q.leaseMs],
    );
    return r.rows.map(jobOf);
  }

  async settleClosure(id: number, o: { status: 'closed' | 'deposited' } | { status: 'retry'; nextAttemptAt: Date | null; error: string; providerError: ProviderError | null }, at: Date): Promise<void> {
    if (o.status === 'retry') {
      await this.pool.query(
        `UPDATE tax_account_closures SET attempts = attempts + 1, requests = requests + 1, last_error = $2::text, last_provider_error = $5::jsonb,
                status = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                done_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END,
                next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
          WHERE id = $1 AND status = 'pending'`,
        [id, o.error, o.nextAttemptAt, at, o.providerError === null ? null : JSON.stringify(o.providerError)],
      );
      return;
    }
    await this.pool.query(`UPDATE tax_account_closures SET attempts = attempts + 1, requests = requests + 1, status = $2, done_at = $3 WHERE id = $1 AND status = 'pending'`, [id, o.status, at]);
  }

  async listDeadClosures(q: { limit: number }): Promise<ClosureJob[]> {
    const r = await this.pool.query(
      `SELECT a.*, ${jobColumns('c.')} FROM tax_account_closures c JOIN (SELECT ${COLUMNS} FROM tax_virtual_accounts) a ON a.id = c.account_id
        WHERE c.status = 'dead' ORDER BY c.done_at DESC, c.id DESC LIMIT $1`,
      [q.limit],
    );
    return r.rows.map(jobOf);
  }

  async countDeadClosures(): Promise<number> {
    const r = await this.pool.query(`SELECT count(*)::int AS n FROM tax_account_closures WHERE status = 'dead'`);
    return r.rows[0].n as number;
  }

  async retryDeadClosure(id: number, q: { at: Date; leaseMs: number }): Promise<ClosureJob | null> {
    // Pending again, a new round of attempts, leased to the caller who sends it at once (the worker leaves it alone meanwhile).
    const r = await this.pool.query(
      `WITH retried AS (
         UPDATE tax_account_closures SET status = 'pending', attempts = 0, done_at = NULL,
                next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
          WHERE id = $1 AND status = 'dead'
          RETURNING ${JOB_COLUMNS}, account_id
       )
       SELECT a.*, retried.* FROM retried JOIN (SELECT ${COLUMNS} FROM tax_virtual_accounts) a ON a.id = retried.account_id`,
      [id, q.at, q.leaseMs],
    );
    return r.rows[0] ? jobOf(r.rows[0]) : null;
  }

  async reopen(id: number): Promise<VirtualAccountRecord | null> {
    return reopenAccountOn(this.pool, id);
  }
}

/** The reopen, on `c`: also in the transaction of the payment's reversal (tax-payment-repository.ts), so both commit or neither. */
export async function reopenAccountOn(c: pg.Pool | pg.PoolClient, id: number): Promise<VirtualAccountRecord | null> {
  const r = await c.query(
    `UPDATE tax_virtual_accounts a SET status = 'waiting', closed_at = NULL, receipt_no = NULL
      WHERE a.id = $1 AND a.status = 'deposited'
        AND NOT EXISTS (SELECT 1 FROM tax_virtual_accounts o WHERE o.declaration_id = a.declaration_id AND o.status = 'waiting')
      RETURNING ${COLUMNS}`,
    [id],
  );
  return r.rows[0] ? recordOf(r.rows[0]) : null;
}
