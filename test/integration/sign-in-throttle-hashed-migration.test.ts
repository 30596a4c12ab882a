// migrations/077_sign_in_throttle_hashed.sql on a database whose sign-in throttle kept usernames and
// addresses in clear text (075): the rows are kept, their keys become storedKeyOf's SHA-256, so the
// store reads the same counts and known addresses; clear text is refused from then on. Embedded, or
// on the server when DATABASE_URL is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PgSignInThrottleStore } from '../../src/adapters/db/sign-in-throttle-repository.ts';
import { storedKeyOf } from '../../src/adapters/db/stored-key.ts';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>>;
beforeAll(async () => {
  db = await databaseBeforeMigration('077');
});
afterAll(async () => db?.close());

it('converts the clear usernames and addresses to their SHA-256, counts and known addresses kept', async () => {
  const t = new Date('2026-12-05T09:00:00Z');
  await db.pool.query(`INSERT INTO sign_in_address_failures VALUES ('officer1', '198.51.100.1', 7, $1), ('officer1', '', 2, $1), ('김관세', '2001:db8::1', 1, $1)`, [t]);
  await db.pool.query(`INSERT INTO sign_in_username_failures VALUES ('officer1', 23, $1, $1), ('김관세', 1, $1, $1)`, [t]);
  await db.pool.query(`INSERT INTO sign_in_known_addresses VALUES ('officer1', '10.0.0.7', $1)`, [t]);

  expect(await db.migrateRest()).toContain('077_sign_in_throttle_hashed.sql'); // and the migrations after it

  const { rows } = await db.pool.query(`SELECT username, address, failures FROM sign_in_address_failures ORDER BY failures`);
  expect(rows).toEqual(
    expect.arrayContaining([
      { username: storedKeyOf('김관세'), address: storedKeyOf('2001:db8::1'), failures: 1 },
      { username: storedKeyOf('officer1'), address: storedKeyOf(''), failures: 2 },
      { username: storedKeyOf('officer1'), address: storedKeyOf('198.51.100.1'), failures: 7 },
    ]),
  );
  expect(rows).toHaveLength(3);
  const store = new PgSignInThrottleStore(db.pool);
  expect(await store.read('officer1', '198.51.100.1')).toEqual({ address: { failures: 7, since: t }, username: { failures: 23, since: t, last: t }, knownSince: null });
  expect(await store.read('officer1', '10.0.0.7')).toEqual({ address: null, username: { failures: 23, since: t, last: t }, knownSince: t });
  expect((await store.read('김관세', '2001:db8::1')).address).toEqual({ failures: 1, since: t });

  // Clear text, as the code before 077 writes it, is refused.
  await expect(db.pool.query(`INSERT INTO sign_in_username_failures VALUES ('officer2', 1, $1, $1)`, [t])).rejects.toThrow(/sign_in_username_failures_hashed/);
  await expect(db.pool.query(`INSERT INTO sign_in_known_addresses VALUES ($1, '10.0.0.8', $2)`, [storedKeyOf('officer2'), t])).rejects.toThrow(/sign_in_known_addresses_hashed/);
});
