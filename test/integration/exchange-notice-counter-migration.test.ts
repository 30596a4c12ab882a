// migrations/059_exchange_notice_counter.sql on a database that already sent notices (numbered by
// exchange_messages_out's sequence under 054): the counter goes on from the highest notice number
// stored, whatever the seizure reports' rows or the sequence's gaps, so no new notice takes a
// number already given. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('starts the notice counter after the highest notice number already sent', async () => {
  db = await databaseBeforeMigration('059');
  // Notices 7 and 12 (8 to 11 went to refused notices and to seizure reports' rows), and a seizure report.
  await db.pool.query(
    `INSERT INTO exchange_messages_out (message_id, recipient, kind, message, created_by) VALUES
       ('KR-TG-PN-00000012', 'JP-CUSTOMS', 'risky_party_notice', '{}', 'officer'),
       ('KR-TG-PN-00000007', '', 'risky_party_notice', '{}', 'officer'),
       ('KR-TG-SR-00000099', '', 'seizure_report', '{}', 'officer')`,
  );
  expect(await db.migrateRest()).toContain('059_exchange_notice_counter.sql');
  // (migrations/062 adds the withdrawals' own counter beside it)
  const counter = await db.pool.query(`SELECT name, last FROM exchange_counters WHERE name = 'risky_party_notice'`);
  expect(counter.rows.map((r) => [r.name, Number(r.last)])).toEqual([['risky_party_notice', 12]]); // the next notice is 13
});
