// migrations/117 on passkeys added and removed before their registry events were written: each gets its
// passkey_added at created_at and, once removed, its passkey_removed at removed_at, by the holder, with its label
// (never the credential id), on the holder's live code; a passkey whose event is there already, and a holder with
// no code, get none; run again, it adds nothing. Embedded, or on the server when DATABASE_URL is set.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/adapters/db/run-migrations.ts';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('writes the earlier passkeys’ added and removed events once, on the holder’s live code, with the label only', async () => {
  db = await databaseBeforeMigration('117');
  const q = async (sql: string, params: unknown[] = []) => (await db!.pool.query(sql, params)).rows;
  // Holder h_a: a cancelled code (replaced) and its live one; holder h_b: no code at all.
  await q(`INSERT INTO pccc_holders (pccc, holder_id, name, phone, postcodes, issued_on, expires_on, status, updated_at) VALUES ('P250700001111', 'h_a', '한지우', '01013570009', '{06236}', '2025-07-01', '2026-07-01', 'cancelled', '2026-01-01T00:00:00Z')`);
  await q(`INSERT INTO pccc_holders (pccc, holder_id, name, phone, postcodes, issued_on, expires_on, status, updated_at) VALUES ('P260100002222', 'h_a', '한지우', '01013570009', '{06236}', '2026-01-01', '2027-01-01', 'active', '2025-12-31T00:00:00Z')`);
  const passkey = (id: string, holder: string, label: string, created: string, removed: string | null) =>
    q(`INSERT INTO passkeys (credential_id, holder_id, public_key, label, registered_via, usable_from, created_at, removed_at) VALUES ($1, $2, '\\x00', $3, 'otp', $4, $4, $5)`, [id, holder, label, created, removed]);
  await passkey('cred-phone', 'h_a', '새 폰', '2026-03-01T01:00:00Z', null);
  await passkey('cred-laptop', 'h_a', '회사 노트북', '2026-02-01T01:00:00Z', '2026-04-01T01:00:00Z');
  await passkey('cred-nocode', 'h_b', '태블릿', '2026-02-15T01:00:00Z', null);
  // The laptop's addition was written already (as the store writes it since): not written twice.
  await q(`INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail) VALUES ('2026-02-01T01:00:00Z', 'h_a', 'P260100002222', 'passkey_added', 'consumer', 'h_a', '{"label":"회사 노트북"}')`);

  expect(await db.migrateRest()).toContain('117_registry_events_passkeys.sql');
  const events = async () =>
    (await q(`SELECT at, holder_id, pccc, action, actor_kind, actor_id, detail FROM pccc_registry_events ORDER BY id`)).map((e) => [(e.at as Date).toISOString(), e.holder_id, e.pccc, e.action, e.actor_kind, e.actor_id, e.detail]);
  // 1 there before + 2 new (the phone added, the laptop removed), in the order of their moments; none for h_b.
  const after = await events();
  expect(after).toEqual([
    ['2026-02-01T01:00:00.000Z', 'h_a', 'P260100002222', 'passkey_added', 'consumer', 'h_a', { label: '회사 노트북' }],
    ['2026-03-01T01:00:00.000Z', 'h_a', 'P260100002222', 'passkey_added', 'consumer', 'h_a', { label: '새 폰' }],
    ['2026-04-01T01:00:00.000Z', 'h_a', 'P260100002222', 'passkey_removed', 'consumer', 'h_a', { label: '회사 노트북' }],
  ]);
  expect(JSON.stringify(after)).not.toContain('cred-');

  // Run again: nothing more.
  await db.pool.query(fs.readFileSync(path.join(MIGRATIONS_DIR, '117_registry_events_passkeys.sql'), 'utf8'));
  expect(await events()).toEqual(after);
});
