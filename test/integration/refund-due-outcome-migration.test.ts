// migrations/100 on refunds due resolved before it: the system's are not refunded, an administrator's
// were refunds made by the old route's meaning (and were netted as such), open ones stay open; from then
// on a resolved record must say its outcome, and only a refunded one carries a provider reference.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('backfills the outcome of resolved refunds due: system → not_refunded, an administrator → refunded; open → none; then requires it', async () => {
  db = await databaseBeforeMigration('100');
  const q = async (sql: string, params: unknown[] = []) => (await db!.pool.query(sql, params)).rows;
  const operatorId = Number((await q(`INSERT INTO operators (code, name, role) VALUES ('R100', '테스트 특송', 'courier') RETURNING id`))[0].id);
  const d = await q(
    `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
     VALUES ($1, 'R100', 'h', '2026-11-18', 'P239755625650', 'P239755625650', 'BL-R100', 400, true, 'list', 'cleared', 'cleared', 'released', 86580, '{}', '{}') RETURNING id`,
    [operatorId],
  );
  const insert = (tx: string, resolved: { by: string; resolution: string } | null) =>
    q(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at, resolved_at, resolved_by, resolution)
       VALUES ('toss', $1, $2, '9260000000000000017', 49950, 'consumer', 'reassessed_lower', '2026-11-30', '2026-11-20T01:00:00Z', $3, $4, $5)`,
      [tx, d[0].id, resolved ? '2026-11-21T01:00:00Z' : null, resolved?.by ?? null, resolved?.resolution ?? null],
    );
  await insert('reassessed:v2.1:a', { by: 'system', resolution: 'superseded: …' });
  await insert('reassessed:v3.1:a', { by: 'kim-admin', resolution: 'refunded: partial cancel at Toss' });
  await insert('reassessed:v4.1:a', null);

  expect(await db.migrateRest()).toContain('100_refund_due_outcome.sql');
  expect(await q(`SELECT provider_tx, resolved_by, resolution, outcome, provider_refund_ref FROM tax_refunds_due ORDER BY id`)).toEqual([
    { provider_tx: 'reassessed:v2.1:a', resolved_by: 'system', resolution: 'superseded: …', outcome: 'not_refunded', provider_refund_ref: null },
    { provider_tx: 'reassessed:v3.1:a', resolved_by: 'kim-admin', resolution: 'refunded: partial cancel at Toss', outcome: 'refunded', provider_refund_ref: null },
    { provider_tx: 'reassessed:v4.1:a', resolved_by: null, resolution: null, outcome: null, provider_refund_ref: null },
  ]);
  // A resolution without its outcome, or a provider reference on one not refunded, is refused.
  await expect(q(`UPDATE tax_refunds_due SET resolved_at = now(), resolved_by = 'x', resolution = 'y' WHERE provider_tx = 'reassessed:v4.1:a'`)).rejects.toThrow(/tax_refunds_due_outcome_when_resolved/);
  await expect(
    q(`UPDATE tax_refunds_due SET resolved_at = now(), resolved_by = 'x', resolution = 'y', outcome = 'not_refunded', provider_refund_ref = 'R-1' WHERE provider_tx = 'reassessed:v4.1:a'`),
  ).rejects.toThrow(/tax_refunds_due_ref_only_when_refunded/);
});
