// PostgreSQL side of tax payments (migrations/033_tax_payments.sql). Append-only table; the
// UNIQUE(declaration_id) constraint decides a race of two payments (ON CONFLICT DO NOTHING).
import type pg from 'pg';
import type { NewTaxPayment, TaxPaymentRecord, TaxPaymentStore } from '../../app/ports/payment-ports.ts';

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
}
