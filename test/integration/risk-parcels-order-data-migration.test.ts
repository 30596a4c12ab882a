// migrations/078 on a database whose parcels were scored before it: risk_parcels.order_data says
// what the profiles counted (the declaration's own order no. and amount paid), and the parcels
// whose order was posted without being counted are queued for the rescoring that gives their
// parties the credit. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('marks the parcels counted with order data and queues those with an order posted since', async () => {
  db = await databaseBeforeMigration('078');
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M78', '테스트 마켓', 'marketplace') RETURNING id`)).rows[0].id);
  // PAID: its own amount paid (counted); POSTED: an order posted for it (not counted before);
  // NONE: an order number and nothing else; OTHER: an order under its number for another buyer.
  const rows: [string, string, Record<string, unknown>][] = [
    ['PAID', 'P100000000001', { orderNo: 'O-PAID', currency: 'USD', amountPaid: 40 }],
    ['POSTED', 'P100000000002', { orderNo: 'O-POSTED', currency: 'USD' }],
    ['NONE', 'P100000000003', { orderNo: 'O-NONE', currency: 'USD' }],
    ['OTHER', 'P100000000004', { orderNo: 'O-OTHER', currency: 'USD' }],
  ];
  const ids: Record<string, number> = {};
  for (const [ref, pccc, order] of rows) {
    const r = await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
       VALUES ($1, $2, 'h', '2026-11-02', $3, $3, 'BL-' || $2, 40, true, 'list', 'declared', 'declared', 'pre_arrival', 0, $4::jsonb, '{}') RETURNING id`,
      [operatorId, ref, pccc, JSON.stringify({ order })],
    );
    ids[ref] = Number(r.rows[0].id);
    await db.pool.query(
      `INSERT INTO risk_parcels (declaration_id, pccc, declared_on, value_usd, threshold_usd, seller_key, channel, hs6, address_key) VALUES ($1, $2, '2026-11-02', 40, 150, NULL, 'express||', '610910', 'k')`,
      [ids[ref], pccc],
    );
  }
  const order = (no: string, pccc: string) =>
    db!.pool.query(`INSERT INTO orders (operator_id, order_no, platform, buyer_pccc, currency, amount_paid, items, body_hash) VALUES ($1, $2, 'Amazon', $3, 'USD', 40, '[]', 'h')`, [operatorId, no, pccc]);
  await order('O-POSTED', 'P100000000002');
  await order('O-OTHER', 'P999999999999');
  await db.pool.query(`DELETE FROM risk_pending`); // all four were scored before the migration

  expect(await db.migrateRest()).toContain('078_risk_parcels_order_data.sql');
  const flags = await db.pool.query(`SELECT d.ref, p.order_data FROM risk_parcels p JOIN declarations d ON d.id = p.declaration_id ORDER BY d.ref`);
  expect(flags.rows).toEqual([
    { ref: 'NONE', order_data: false },
    { ref: 'OTHER', order_data: false },
    { ref: 'PAID', order_data: true },
    { ref: 'POSTED', order_data: false },
  ]);
  const queued = await db.pool.query(`SELECT declaration_id, first, reason FROM risk_pending`);
  expect(queued.rows).toEqual([{ declaration_id: ids.POSTED, first: false, reason: 'order' }]);
});
