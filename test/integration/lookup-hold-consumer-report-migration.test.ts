// migrations/086 on a database whose public lookup answers were rendered before a "not me" hold had its
// own code: those of parcels held by a consignee's report (hold reason source consumer-report) said
// OFFICER_HOLD and are emptied to be rendered again on start; an officer's hold, a released parcel's
// answer and one not rendered yet stay as they are. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('empties the stored lookup answers of parcels held by a consignee\'s "not me" report, and only those', async () => {
  db = await databaseBeforeMigration('086');
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M86', '테스트 특송', 'courier') RETURNING id`)).rows[0].id);
  const report = { source: 'consumer-report', reason: '개인통관고유부호 도용 신고', at: '2026-11-20T01:00:00.000Z' };
  const officer = { source: 'officer', reason: '서류 확인', at: '2026-11-20T01:00:00.000Z' };
  const cases: [string, string, object | null][] = [
    ['REPORTED', 'held', report],
    ['OFFICER', 'held', officer],
    ['RELEASED', 'released', null],
  ];
  for (const [ref, status, holdReason] of cases) {
    const d = await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment, hold_reason)
       VALUES ($1, $2, 'h', '2026-11-18', 'P239755625650', 'P239755625650', 'BL-' || $2, 40, true, 'list', $3, $3, 'in_warehouse', 0, '{}', '{}', $4) RETURNING id`,
      [operatorId, ref, status, holdReason],
    );
    await db.pool.query(`INSERT INTO declaration_lookup (cargo_no, declaration_id, body) VALUES ($1, $2, '{"hold":{"codes":["OFFICER_HOLD"]}}')`, [`CARGO-${ref}`, d.rows[0].id]);
  }
  expect(await db.migrateRest()).toContain('086_lookup_hold_consumer_report.sql');
  const after = await db.pool.query(`SELECT cargo_no, body FROM declaration_lookup ORDER BY cargo_no`);
  expect(after.rows).toEqual([
    { cargo_no: 'CARGO-OFFICER', body: '{"hold":{"codes":["OFFICER_HOLD"]}}' },
    { cargo_no: 'CARGO-RELEASED', body: '{"hold":{"codes":["OFFICER_HOLD"]}}' },
    { cargo_no: 'CARGO-REPORTED', body: '' },
  ]);
});
