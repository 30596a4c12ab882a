// migrations/087 on a database whose closed "not me" reports (misuse cases) said who closed them, when
// and why only in the audit log: each closed case takes them from its audit entry (pccc.not-me.closed,
// detail.caseId); an open case, and a closed one without an entry, keep nulls. Embedded, or on the
// server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('fills who closed each closed misuse case, when and why, from the audit log', async () => {
  db = await databaseBeforeMigration('087');
  const q = async (sql: string, params: unknown[] = []) => (await db!.pool.query(sql, params)).rows;
  const operatorId = Number((await q(`INSERT INTO operators (code, name, role) VALUES ('M87', '테스트 특송', 'courier') RETURNING id`))[0].id);
  const officerId = Number((await q(`INSERT INTO users (username, display_name, role, password_hash) VALUES ('desk87', '도세관', 'officer', 'x') RETURNING id`))[0].id);
  const caseIds: Record<string, number> = {};
  for (const [ref, status] of [['CLOSED', 'closed'], ['OPEN', 'open'], ['CLOSED-NO-AUDIT', 'closed']] as const) {
    const d = await q(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
       VALUES ($1, $2, 'h', '2026-11-18', 'P239755625650', 'P239755625650', 'BL-' || $2, 40, true, 'list', 'held', 'held', 'in_warehouse', 0, '{}', '{}') RETURNING id`,
      [operatorId, ref],
    );
    caseIds[ref] = Number(
      (await q(`INSERT INTO misuse_cases (holder_id, pccc, declaration_id, cargo_no, operator_id, held, consent, status) VALUES ('h1', 'P239755625650', $1, $2, $3, true, 'missing', $4) RETURNING id`, [d[0].id, `C-${ref}`, operatorId, status]))[0].id,
    );
  }
  await q(`INSERT INTO audit_log (at, actor_kind, actor_id, action, subject, detail) VALUES ('2026-11-21T02:30:00Z', 'officer', $1, 'pccc.not-me.closed', 'declaration:1', $2)`, [
    officerId,
    JSON.stringify({ caseId: caseIds.CLOSED, note: '가족 주문으로 확인', officer: 'desk87' }),
  ]);
  expect(await db.migrateRest()).toContain('087_misuse_case_closing.sql');
  const after = await q(`SELECT cargo_no, closed_at, closed_by, close_note FROM misuse_cases ORDER BY id`);
  expect(after.map((r) => [r.cargo_no, r.closed_at?.toISOString() ?? null, r.closed_by === null ? null : Number(r.closed_by), r.close_note])).toEqual([
    ['C-CLOSED', '2026-11-21T02:30:00.000Z', officerId, '가족 주문으로 확인'],
    ['C-OPEN', null, null, null],
    ['C-CLOSED-NO-AUDIT', null, null, null],
  ]);
});
