// migrations/098 on a database that ran the first version of 087, whose closed_by referenced users:
// the constraint goes, the cases keep who closed them; on a database that never had it, 098 does
// nothing. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

const foreignKeysOfClosedBy = `
  SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
  WHERE c.conrelid = 'misuse_cases'::regclass AND c.contype = 'f' AND a.attname = 'closed_by'`;

it('drops the foreign key of misuse_cases.closed_by that the first 087 created, and keeps the data', async () => {
  db = await databaseBeforeMigration('098');
  const q = async (sql: string, params: unknown[] = []) => (await db!.pool.query(sql, params)).rows;
  // What the first 087 left: ADD COLUMN closed_by bigint REFERENCES users (id), PostgreSQL's default name.
  await q(`ALTER TABLE misuse_cases ADD CONSTRAINT misuse_cases_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES users (id)`);
  expect((await q(foreignKeysOfClosedBy)).map((r) => r.conname)).toEqual(['misuse_cases_closed_by_fkey']);
  const operatorId = Number((await q(`INSERT INTO operators (code, name, role) VALUES ('M98', '테스트 특송', 'courier') RETURNING id`))[0].id);
  const officerId = Number((await q(`INSERT INTO users (username, display_name, role, password_hash) VALUES ('desk98', '도세관', 'officer', 'x') RETURNING id`))[0].id);
  const d = await q(
    `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
     VALUES ($1, 'R98', 'h', '2026-11-18', 'P239755625650', 'P239755625650', 'BL-R98', 40, true, 'list', 'held', 'held', 'in_warehouse', 0, '{}', '{}') RETURNING id`,
    [operatorId],
  );
  await q(
    `INSERT INTO misuse_cases (holder_id, pccc, declaration_id, cargo_no, operator_id, held, consent, status, closed_at, closed_by, close_note)
     VALUES ('h1', 'P239755625650', $1, 'C-R98', $2, true, 'missing', 'closed', '2026-11-21T02:30:00Z', $3, '가족 주문으로 확인')`,
    [d[0].id, operatorId, officerId],
  );

  expect(await db.migrateRest()).toContain('098_misuse_case_closed_by_no_foreign_key.sql');
  expect(await q(foreignKeysOfClosedBy)).toEqual([]);
  const after = await q(`SELECT cargo_no, closed_by, close_note FROM misuse_cases`);
  expect(after.map((r) => [r.cargo_no, Number(r.closed_by), r.close_note])).toEqual([['C-R98', officerId, '가족 주문으로 확인']]);
});
