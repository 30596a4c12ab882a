// A declarant's correction and a payment of the same declaration at the same moment, on a real
// PostgreSQL (embedded, or DATABASE_URL). The correction locks the declaration's row, then the
// declaration's payment lock (it records an overpayment with the new version,
// src/adapters/db/reassessment-refunds.ts); a payment holds the payment lock, then inserts its row,
// whose foreign key reads the declaration's row (FOR KEY SHARE). With the row locked FOR UPDATE the
// two waited on each other and PostgreSQL's deadlock detector aborted one of them; the transition
// locks it FOR NO KEY UPDATE (it changes no key column), which lets the key check through.
// The payment here is the statements of PgTaxPaymentStore.insert, run by hand to stop between them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAYMENT_LOCK_SPACE } from '../../src/adapters/db/reassessment-refunds.ts';
import { api, clockRunningFrom, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let operator: { id: number; key: string; code: string };

const shirt = (price: number) =>
  declaration('LOCK-1', {
    order: { orderNo: 'O-LOCK-1', purchasedAt: '2026-11-10', currency: 'USD' },
    items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
  });

beforeAll(async () => {
  t = await startTestPlatform({}, { clock: clockRunningFrom('2026-11-25T03:00:00Z') });
  operator = await t.operator('LOCKORDER');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
});
afterAll(async () => t?.close());

it('a correction waiting on the payment lock does not block the payment holding it: both commit, and the overpayment is recorded', async () => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [shirt(300)] } });
  expect(r.body.results[0].assessment.route).toBe('general');
  const id = r.body.results[0].declarationId as number;
  const token = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  const notice = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices.find((n: { declarationId: number }) => n.declarationId === id);

  // The payment's transaction: the payment lock first, as PgTaxPaymentStore.insert takes it.
  const payment = await t.db.pool.connect();
  try {
    await payment.query('BEGIN');
    await payment.query(`SELECT pg_advisory_xact_lock(${PAYMENT_LOCK_SPACE}, ($1::bigint % 2147483647)::int)`, [id]);
    // The correction (USD 300 → 100: lower taxes) locks the row and waits for the payment lock.
    const correction = api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: operator.key, body: { declaration: shirt(100), reason: '가격 정정' } });
    for (;;) {
      const waiting = await t.db.pool.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2`, [PAYMENT_LOCK_SPACE, id]);
      if (waiting.rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The payment's row: its foreign key reads the declaration's row the correction holds.
    await payment.query(
      `INSERT INTO tax_payments (declaration_id, payment_no, amount_krw, method, payer_kind, payer_ref, provider, provider_tx, receipt_no, paid_at, turn, part)
       VALUES ($1, $2, $3, 'card', 'consumer', 'P123456789012', 'emulator', 'lock-order-1', 'RC-LOCKORDER1', now(), 0, 0)`,
      [id, notice.paymentNo, notice.amountKrw],
    );
    await payment.query('COMMIT');
    expect((await correction).status).toBe(200);
  } finally {
    payment.release();
  }
  // The correction saw the payment committed before it: the overpayment is recorded with the new version.
  const after = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices.find((n: { declarationId: number }) => n.declarationId === id);
  expect(after.amountKrw).toBeLessThan(notice.amountKrw);
  const refunds = await t.db.pool.query(`SELECT amount_krw FROM tax_refunds_due WHERE declaration_id = $1 AND reason = 'reassessed_lower' AND resolved_at IS NULL`, [id]);
  expect(refunds.rows.map((x) => Number(x.amount_krw))).toEqual([notice.amountKrw - after.amountKrw]);
});
