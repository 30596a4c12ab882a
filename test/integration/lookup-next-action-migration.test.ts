// migrations/082 on a database whose lookup answers were rendered before the next actions were
// rewritten (16ae7ef, a44d072): the answers of parcels not yet released are emptied, so the service
// renders them again on start (fillMissingLookups, migration 002) instead of showing the old text
// until the parcel's next event; released ones keep theirs. Embedded, or on the server when
// DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('empties the stored answers of parcels not yet released, so that they are rendered again with the new next actions; released ones keep theirs', async () => {
  db = await databaseBeforeMigration('082');
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M82', '테스트 특송', 'courier') RETURNING id`)).rows[0].id);
  const old = JSON.stringify({ nextAction: { ko: '납부할 세금이 있으면 납부하세요.', en: 'Pay any taxes due.' } });
  const ids: Record<string, number> = {};
  for (const [ref, status] of [
    ['HELD', 'held'],
    ['CLEARED', 'cleared'],
    ['RELEASED', 'released'],
  ] as const) {
    const d = await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
       VALUES ($1, $2, 'h', '2026-10-26', 'P239755625650', 'P239755625650', 'BL-' || $2, 40, true, 'list', $3, 'declared', 'in_warehouse', 0, '{}', '{}') RETURNING id, cargo_no`,
      [operatorId, ref, status],
    );
    ids[ref] = Number(d.rows[0].id);
    await db.pool.query(`INSERT INTO declaration_lookup (cargo_no, declaration_id, hbl_no, bl_year, body) VALUES ($1, $2, $3, '2026', $4)`, [d.rows[0].cargo_no, d.rows[0].id, `BL-${ref}`, old]);
  }
  expect(await db.migrateRest()).toContain('082_refresh_lookups_next_actions.sql');
  const after = await db.pool.query(`SELECT declaration_id, body FROM declaration_lookup ORDER BY declaration_id`);
  // Emptied: rendered again on start, before the service listens.
  expect(after.rows).toEqual([
    { declaration_id: ids.HELD, body: '' },
    { declaration_id: ids.CLEARED, body: '' },
    { declaration_id: ids.RELEASED, body: old },
  ]);
});
