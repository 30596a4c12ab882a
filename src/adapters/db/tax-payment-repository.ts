// PostgreSQL side of tax payments (migrations/033_tax_payments.sql). Append-only table; the
// UNIQUE(declaration_id) constraint decides a race of two payments (ON CONFLICT DO NOTHING).
// Refunds due (migrations/060_tax_refunds_due.sql): a charge that lost that race and could not be voided.
import type pg from 'pg';
import type { NewRefundDue, NewTaxPayment, RefundDueRecord, TaxPaymentRecord, TaxPaymentStore } from '../../app/ports/payment-ports.ts';

const COLUMNS = 'id, declaration_id, payment_no, amount_krw, method, payer_kind, payer_ref, provider, provider_tx, receipt_no, idempotency_key, paid_at';

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
});

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

const REFUND_COLUMNS = `id, provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, created_at, resolved_at, resolved_by, resolution`;

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
});

export class PgTaxPaymentStore implements TaxPaymentStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async findByDeclaration(declarationId: number): Promise<TaxPaymentRecord | null> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM tax_payments WHERE declaration_id = $1`, [declarationId]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async findByDeclarations(declarationIds: number[]): Promise<TaxPaymentRecord[]> {
    if (declarationIds.length === 0) return [];
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM tax_payments WHERE declaration_id = ANY($1::bigint[])`, [declarationIds]);
    return r.rows.map(recordOf);
  }

  async findByReceiptNo(receiptNo: string): Promise<TaxPaymentRecord | null> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM tax_payments WHERE receipt_no = $1`, [receiptNo]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async insert(p: NewTaxPayment): Promise<TaxPaymentRecord | null> {
    const r = await this.pool.query(
      `INSERT INTO tax_payments (declaration_id, payment_no, amount_krw, method, payer_kind, payer_ref, provider, provider_tx, receipt_no, idempotency_key, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (declaration_id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [p.declarationId, p.paymentNo, p.amountKrw, p.method, p.payerKind, p.payerRef, p.provider, p.providerTx, p.receiptNo, p.idempotencyKey, p.paidAt],
    );
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async recordRefundDue(r: NewRefundDue): Promise<RefundDueRecord> {
    // DO UPDATE (a no-op) rather than DO NOTHING: the stored row is answered either way.
    const q = await this.pool.query(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (provider, provider_tx) DO UPDATE SET provider = EXCLUDED.provider
       RETURNING ${REFUND_COLUMNS}`,
      [r.provider, r.providerTx, r.declarationId, r.paymentNo, r.amountKrw, r.payerKind, r.reason, r.refundBy, r.createdAt],
    );
    return refundOf(q.rows[0]);
  }

  async listOpenRefundsDue(q: { limit: number }): Promise<RefundDueRecord[]> {
    const r = await this.pool.query(`SELECT ${REFUND_COLUMNS} FROM tax_refunds_due WHERE resolved_at IS NULL ORDER BY created_at, id LIMIT $1`, [q.limit]);
    return r.rows.map(refundOf);
  }

  async resolveRefundDue(id: number, r: { by: string; resolution: string; at: Date }): Promise<RefundDueRecord | null> {
    const q = await this.pool.query(
      `UPDATE tax_refunds_due SET resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1 AND resolved_at IS NULL RETURNING ${REFUND_COLUMNS}`,
      [id, r.at, r.by, r.resolution],
    );
    return q.rows[0] ? refundOf(q.rows[0]) : null;
  }

  async resolveRefundDueOfTx(provider: string, providerTx: string, r: { by: string; resolution: string; at: Date }): Promise<RefundDueRecord | null> {
    const q = await this.pool.query(
      `UPDATE tax_refunds_due SET resolved_at = $3, resolved_by = $4, resolution = $5 WHERE provider = $1 AND provider_tx = $2 AND resolved_at IS NULL RETURNING ${REFUND_COLUMNS}`,
      [provider, providerTx, r.at, r.by, r.resolution],
    );
    return q.rows[0] ? refundOf(q.rows[0]) : null;
  }
}
