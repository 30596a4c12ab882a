// migrations/055_exchange_partner_keys.sql on a database that already has partners (registered
// under 054, one key each): each partner's key moves to exchange_partner_keys, active, added by
// whoever registered the partner at its registration time, and exchange_partners loses its key
// columns. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('backfills the registered key of each partner, then drops the old key columns', async () => {
  db = await databaseBeforeMigration('055');
  await db.pool.query(
    `INSERT INTO exchange_partners (code, name, country, public_key, key_id, registered_by, registered_at)
     VALUES ('JP-CUSTOMS', 'Japan Customs', 'JP', $1, 'kid-jp', 'admin-a', '2026-11-01T00:00:00Z'), ('CN-GACC', 'GACC', 'CN', $2, 'kid-cn', 'admin-b', '2026-11-02T00:00:00Z')`,
    ['A'.repeat(43), 'B'.repeat(43)],
  );
  expect(await db.migrateRest()).toContain('055_exchange_partner_keys.sql');

  const keys = await db.pool.query(`SELECT partner_code, key_id, public_key, added_by, added_at, revoked_at FROM exchange_partner_keys ORDER BY partner_code`);
  expect(keys.rows).toEqual([
    { partner_code: 'CN-GACC', key_id: 'kid-cn', public_key: 'B'.repeat(43), added_by: 'admin-b', added_at: new Date('2026-11-02T00:00:00Z'), revoked_at: null },
    { partner_code: 'JP-CUSTOMS', key_id: 'kid-jp', public_key: 'A'.repeat(43), added_by: 'admin-a', added_at: new Date('2026-11-01T00:00:00Z'), revoked_at: null },
  ]);
  const cols = await db.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'exchange_partners' ORDER BY ordinal_position`);
  expect(cols.rows.map((c) => c.column_name)).toEqual(['code', 'name', 'country', 'registered_by', 'registered_at']);
});
