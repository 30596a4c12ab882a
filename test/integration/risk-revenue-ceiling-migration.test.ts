// migrations/080 on a database scored before expected revenue was bounded, and 083 on one scored
// before the bound read its rates from the reference data and applied the minimum collection: the
// open declarations with an expected revenue are queued for rescoring (the worker applies the bound),
// the decided ones and those without a revenue figure are left as they are. Embedded, or on the
// server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

const opened: Awaited<ReturnType<typeof databaseBeforeMigration>>[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

it.each([
  ['080', '080_risk_revenue_ceiling.sql'],
  ['083', '083_risk_ceiling_minimum_collection.sql'],
])('migration %s queues the open declarations scored with an expected revenue for rescoring, once each', async (before, file) => {
  const db = await databaseBeforeMigration(before);
  opened.push(db);
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M80', '테스트 마켓', 'marketplace') RETURNING id`)).rows[0].id);
  // OPEN: held, 286,142원 under two models; RELEASED: decided; NOREV: open, scored without a revenue booster.
  const rows: [string, string, number | null][] = [
    ['OPEN', 'held', 286_142],
    ['RELEASED', 'released', 133_666],
    ['NOREV', 'declared', null],
  ];
  const ids: Record<string, number> = {};
  for (const [ref, status, revenue] of rows) {
    const r = await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
       VALUES ($1, $2, 'h', '2026-10-26', 'P239755625650', 'P239755625650', 'BL-' || $2, 8.2, true, 'list', $3, 'declared', 'pre_arrival', 0, '{}', '{}') RETURNING id`,
      [operatorId, ref, status],
    );
    ids[ref] = Number(r.rows[0].id);
    for (const model of ref === 'OPEN' ? ['gbdt-a', 'gbdt-b'] : ['gbdt-a'])
      await db.pool.query(
        `INSERT INTO risk_scores (declaration_id, model_version, score, expected_revenue_krw, rule_score, priority, factors, rule_hits, features) VALUES ($1, $2, 0.522, $3, 0.03, 554329.7, '[]', '[]', '[]')`,
        [ids[ref], model, revenue],
      );
  }
  await db.pool.query(`DELETE FROM risk_pending`); // all three were scored before the migration
  expect(await db.migrateRest()).toContain(file);
  const queued = await db.pool.query(`SELECT declaration_id, first, reason FROM risk_pending`);
  expect(queued.rows).toEqual([{ declaration_id: ids.OPEN, first: false, reason: 'model' }]);
});
