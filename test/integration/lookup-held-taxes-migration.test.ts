// migrations/110 on a database whose public lookup answers were rendered before a taxed parcel an
// officer held said its taxes can be paid (nextStepsOf): those answers are emptied to be rendered
// again on start; an engine hold's (route hold: nothing payable yet), an untaxed hold's and a
// released parcel's stay as they are. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('empties the stored lookup answers of taxed parcels held by an officer, and only those', async () => {
  db = await databaseBeforeMigration('110');
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M110', '테스트 특송', 'courier') RETURNING id`)).rows[0].id);
  const officer = { source: 'officer', reason: '구매 증빙 필요', at: '2026-12-04T01:00:00.000Z' };
  const cases: [string, string, string, number][] = [
    ['TAXED', 'general', 'held', 94_000],
    ['ENGINE', 'hold', 'held', 21_020],
    ['UNTAXED', 'list', 'held', 0],
    ['RELEASED', 'general', 'released', 94_000],
  ];
  const old = '{"nextAction":{"ko":"보류 사유를 확인하고","en":"Check the hold reason"}}';
  for (const [ref, route, status, taxes] of cases) {
    const d = await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment, hold_reason)
       VALUES ($1, $2, 'h', '2026-12-03', 'P239755625650', 'P239755625650', 'BL-' || $2, 400, true, $3, $4, $4, 'in_warehouse', $5, '{}', '{}', $6) RETURNING id`,
      [operatorId, ref, route, status, taxes, status === 'held' ? officer : null],
    );
    await db.pool.query(`INSERT INTO declaration_lookup (cargo_no, declaration_id, body) VALUES ($1, $2, $3)`, [`CARGO-${ref}`, d.rows[0].id, old]);
  }
  expect(await db.migrateRest()).toContain('110_lookup_held_taxes.sql');
  const after = await db.pool.query(`SELECT cargo_no, body FROM declaration_lookup ORDER BY cargo_no`);
  expect(after.rows).toEqual([
    { cargo_no: 'CARGO-ENGINE', body: old },
    { cargo_no: 'CARGO-RELEASED', body: old },
    { cargo_no: 'CARGO-TAXED', body: '' },
    { cargo_no: 'CARGO-UNTAXED', body: old },
  ]);
});
