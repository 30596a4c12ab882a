// migrations/085 on a database where a consignee's "not me" report held a parcel before 57f5b70:
// its hold reason said source 'officer'. Only rows whose last HOLD event is the report's change;
// an officer's own hold, and an officer's hold after a report, stay the officer's. Embedded, or
// on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it("gives a held parcel's hold reason the source of the HOLD event it came from, a consignee's report", async () => {
  db = await databaseBeforeMigration('085');
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M85', '테스트 특송', 'courier') RETURNING id`)).rows[0].id);
  const report = { source: 'consumer-report', reasonEn: 'The consignee reported this order as not theirs' };
  const officer = { reasonEn: 'Documents requested' };
  const cases: [string, (object | null)[]][] = [
    ['REPORTED', [report]],
    ['OFFICER', [officer]],
    ['REPORTED-THEN-OFFICER', [report, officer]],
    ['OFFICER-THEN-REPORTED', [officer, report]],
  ];
  const ids: Record<string, number> = {};
  for (const [ref, holds] of cases) {
    const holdReason = { source: 'officer', reason: '보류 사유', at: '2026-11-20T01:00:00.000Z' };
    const d = await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment, hold_reason)
       VALUES ($1, $2, 'h', '2026-11-18', 'P239755625650', 'P239755625650', 'BL-' || $2, 40, true, 'list', 'held', 'held', 'in_warehouse', 0, '{}', '{}', $3) RETURNING id`,
      [operatorId, ref, holdReason],
    );
    ids[ref] = Number(d.rows[0].id);
    for (const [k, detail] of holds.entries())
      await db.pool.query(
        `INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, actor_kind, reason, detail, status_after)
         VALUES ($1, $2, 'HOLD', '통관보류', '2026-11-20T01:00:00Z', 'system', '보류 사유', $3, 'held')`,
        [ids[ref], k + 1, detail],
      );
  }
  expect(await db.migrateRest()).toContain('085_hold_reason_consumer_report.sql');
  const after = await db.pool.query(`SELECT ref, hold_reason ->> 'source' AS source FROM declarations ORDER BY id`);
  expect(after.rows).toEqual([
    { ref: 'REPORTED', source: 'consumer-report' },
    { ref: 'OFFICER', source: 'officer' },
    { ref: 'REPORTED-THEN-OFFICER', source: 'officer' },
    { ref: 'OFFICER-THEN-REPORTED', source: 'consumer-report' },
  ]);
});
