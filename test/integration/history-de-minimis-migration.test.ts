// migrations/069 on a database that already holds declarations: each personal one gets the de minimis
// it was decided with (its assessment's deMinimis.thresholdUsd: its own when not combined, its group's
// when combined), a business one none, and the combined-taxation history read returns it. Embedded,
// or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('gives the declarations stored before it the de minimis they were decided with, and the history read returns it', async () => {
  db = await databaseBeforeMigration('069');
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M70', '테스트 특송', 'courier') RETURNING id`)).rows[0].id);
  // A US-express T-shirt alone (USD 200), a T-shirt judged in a group with vitamins (the group's USD 150), a business parcel (none).
  const rows: [string, boolean, number | null][] = [
    ['T-ALONE', true, 200],
    ['T-GROUP', true, 150],
    ['BIZ', false, null],
  ];
  for (const [ref, personal, limit] of rows) {
    await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
       VALUES ($1, $2, 'h', '2026-02-04', 'P123456789012', 'P123456789012', 'BL70', 100, $3, 'list', 'declared', 'declared', 'pre_arrival', 0, '{}', $4::jsonb)`,
      [operatorId, ref, personal, JSON.stringify({ deMinimis: { thresholdUsd: limit, exempt: true } })],
    );
  }
  expect(await db.migrateRest()).toContain('069_history_limits_and_closure_errors.sql');
  const stored = await db.pool.query(`SELECT ref, de_minimis_usd FROM declarations ORDER BY ref`);
  expect(stored.rows).toEqual([
    { ref: 'BIZ', de_minimis_usd: null },
    { ref: 'T-ALONE', de_minimis_usd: 200 },
    { ref: 'T-GROUP', de_minimis_usd: 150 },
  ]);
  const history = await db.pool.query(`SELECT ref, de_minimis_usd FROM combined_taxation_history(0, '{}', '{}', '{BL70}', NULL, '{}') ORDER BY ref`);
  expect(history.rows).toEqual(stored.rows);
  // Still planned for its arguments on every call (migrations/050), now that it was made again; and,
  // since migration 074, read by index only.
  const config = await db.pool.query(`SELECT proconfig FROM pg_proc WHERE proname = 'combined_taxation_history'`);
  expect(config.rows).toEqual([{ proconfig: ['plan_cache_mode=force_custom_plan', 'enable_seqscan=off'] }]);
});
