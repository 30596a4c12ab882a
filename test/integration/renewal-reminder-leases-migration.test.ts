// migrations/091 on a database with renewal reminders written under 089 (the claim was the record of
// the send): each keeps its sent_at and gets it as claimed_at, so no pass takes it again; a claim
// written after 091 may have no sent_at yet. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';
import { PgRenewalReminders } from '../../src/adapters/identity/pg-renewal-reminders.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('keeps the reminders sent before as sent (claimed when sent), and lets a claim wait for its send', async () => {
  db = await databaseBeforeMigration('091');
  const q = async (sql: string, params: unknown[] = []) => (await db!.pool.query(sql, params)).rows;
  // Expires on 2026-12-15: due on 2026-12-05 (within the 30 days before expiry).
  await q(`INSERT INTO pccc_holders (pccc, name, phone, postcodes, issued_on, expires_on) VALUES ('P239755625651', '한지우', '01013570009', '{61452}', '2025-12-15', '2026-12-15')`);
  await q(`INSERT INTO pccc_renewal_reminders (pccc, expires_on, kind, sent_at) VALUES ('P239755625651', '2026-12-15', 'window-open', '2026-11-16T01:00:00Z')`);
  expect(await db.migrateRest()).toContain('091_renewal_reminder_leases.sql');
  const rows = await q(`SELECT claimed_at, sent_at FROM pccc_renewal_reminders`);
  expect(rows.map((r) => [r.claimed_at.toISOString(), r.sent_at.toISOString()])).toEqual([['2026-11-16T01:00:00.000Z', '2026-11-16T01:00:00.000Z']]);
  // Sent before: not taken again, however old its claim.
  const store = new PgRenewalReminders(db.pool);
  expect(await store.claimDue('2026-12-05', 30, 100, { now: new Date('2026-12-05T00:00:00Z'), ms: 15 * 60_000 })).toEqual([]);
  // After 091 a claim is written before its send (no sent_at).
  await q(`DELETE FROM pccc_renewal_reminders`);
  const [c] = await store.claimDue('2026-12-05', 30, 100, { now: new Date('2026-12-05T00:00:00Z'), ms: 15 * 60_000 });
  expect(c).toEqual({ pccc: 'P239755625651', expiresOn: '2026-12-15', kind: 'window-open', claimedAt: '2026-12-05T00:00:00.000Z' });
  expect((await q(`SELECT sent_at FROM pccc_renewal_reminders`))[0].sent_at).toBeNull();
});
