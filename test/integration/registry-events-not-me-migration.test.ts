// migrations/118 on "not me" reports made before they were written as registry events: each misuse case gets
// its not_me_reported at reported_at, by the holder, on the code it was about, with the cargo number only (never
// the note); a report whose event is there already gets none; run again, it adds nothing. Embedded, or on the
// server when DATABASE_URL is set.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/adapters/db/run-migrations.ts';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('writes the earlier "not me" reports’ events once, at the report’s time, with the cargo number only', async () => {
  db = await databaseBeforeMigration('118');
  const q = async (sql: string, params: unknown[] = []) => (await db!.pool.query(sql, params)).rows;
  const operatorId = Number((await q(`INSERT INTO operators (code, name, role) VALUES ('M118', '테스트 특송', 'courier') RETURNING id`))[0].id);
  const report = async (ref: string, holder: string, code: string, at: string) => {
    const d = await q(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
       VALUES ($1, $2, 'h', '2026-11-18', $3, $3, 'BL-' || $2, 40, true, 'list', 'held', 'held', 'in_warehouse', 0, '{}', '{}') RETURNING id`,
      [operatorId, ref, code],
    );
    await q(`INSERT INTO misuse_cases (holder_id, pccc, declaration_id, cargo_no, operator_id, held, consent, note, reported_at) VALUES ($1, $2, $3, $4, $5, true, 'missing', '제가 주문하지 않았습니다', $6)`, [
      holder,
      code,
      d[0].id,
      `C-${ref}`,
      operatorId,
      at,
    ]);
  };
  await report('LATER', 'h_a', 'P260100002222', '2026-11-20T03:00:00Z');
  await report('EARLIER', 'h_a', 'P260100002222', '2026-11-19T03:00:00Z');
  await report('WRITTEN', 'h_b', 'P260100003333', '2026-11-21T03:00:00Z');
  // The last one's event was written already (as the store writes it since 70d05f6): not written twice.
  await q(`INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail) VALUES ('2026-11-21T03:00:00Z', 'h_b', 'P260100003333', 'not_me_reported', 'consumer', 'h_b', '{"cargoNo":"C-WRITTEN"}')`);

  expect(await db.migrateRest()).toContain('118_registry_events_not_me.sql');
  const events = async () =>
    (await q(`SELECT at, holder_id, pccc, action, actor_kind, actor_id, detail FROM pccc_registry_events ORDER BY id`)).map((e) => [(e.at as Date).toISOString(), e.holder_id, e.pccc, e.action, e.actor_kind, e.actor_id, e.detail]);
  // 1 there before + 2 new, in the order of their moments (EARLIER before LATER).
  const after = await events();
  expect(after).toEqual([
    ['2026-11-21T03:00:00.000Z', 'h_b', 'P260100003333', 'not_me_reported', 'consumer', 'h_b', { cargoNo: 'C-WRITTEN' }],
    ['2026-11-19T03:00:00.000Z', 'h_a', 'P260100002222', 'not_me_reported', 'consumer', 'h_a', { cargoNo: 'C-EARLIER' }],
    ['2026-11-20T03:00:00.000Z', 'h_a', 'P260100002222', 'not_me_reported', 'consumer', 'h_a', { cargoNo: 'C-LATER' }],
  ]);
  expect(JSON.stringify(after)).not.toContain('주문하지');

  // Run again: nothing more.
  await db.pool.query(fs.readFileSync(path.join(MIGRATIONS_DIR, '118_registry_events_not_me.sql'), 'utf8'));
  expect(await events()).toEqual(after);
});
