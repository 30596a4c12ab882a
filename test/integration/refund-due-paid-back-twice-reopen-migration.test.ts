// migrations/119 on deposits paid back twice (reason refunded_then_reversed) that an administrator resolved as
// refunded before migrations/116 made recovered and written_off that reason's only outcomes: "refunded" counted as
// money returned (it nets the payments, migrations/100) though the record is money to recover, owed to nobody. They
// are opened again (resolution, outcome, who, when and the provider's reference cleared) for an administrator to
// resolve as recovered or written off; each earlier resolution is kept in the audit log (refund-due.reopened, by the
// system, subject refund-due:<id>). Others are left as they are: open ones, those of other reasons resolved as
// refunded, and those resolved otherwise. Run again, it changes nothing. Embedded, or on the server when DATABASE_URL is set.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/adapters/db/run-migrations.ts';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('opens again the deposits paid back twice resolved as refunded, keeping each earlier resolution in the audit log; once', async () => {
  db = await databaseBeforeMigration('119');
  const q = async (sql: string, params: unknown[] = []) => (await db!.pool.query(sql, params)).rows;
  const operatorId = Number((await q(`INSERT INTO operators (code, name, role) VALUES ('R119', '테스트 특송', 'courier') RETURNING id`))[0].id);
  const d = await q(
    `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment)
     VALUES ($1, 'R119', 'h', '2026-11-18', 'P239755625650', 'P239755625650', 'BL-R119', 400, true, 'list', 'cleared', 'cleared', 'released', 86580, '{}', '{}') RETURNING id`,
    [operatorId],
  );
  const declarationId = Number(d[0].id);
  const insert = async (tx: string, reason: string, resolved: { by: string; resolution: string; outcome: string; ref: string | null } | null) =>
    Number(
      (
        await q(
          `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at, resolved_at, resolved_by, resolution, outcome, provider_refund_ref)
           VALUES ('toss', $1, $2, '9260000000000000017', 49950, 'consumer', $3, '2026-11-30', '2026-11-20T01:00:00Z', $4, $5, $6, $7, $8) RETURNING id`,
          [tx, declarationId, reason, resolved ? '2026-11-21T01:00:00Z' : null, resolved?.by ?? null, resolved?.resolution ?? null, resolved?.outcome ?? null, resolved?.ref ?? null],
        )
      )[0].id,
    );
  // Resolved as refunded before 116: to open again.
  const wrong = await insert('refunded-then-reversed:RF-00000003', 'refunded_then_reversed', { by: 'kim-admin', resolution: 'returned by the payer', outcome: 'refunded', ref: 'toss-refund-77' });
  // Left as they are: one resolved as 116 asks, one resolved not refunded (as the reason's text said before 116), one open,
  // and a refund made of another reason.
  const recovered = await insert('refunded-then-reversed:RF-00000004', 'refunded_then_reversed', { by: 'kim-admin', resolution: 'the bank settled it', outcome: 'recovered', ref: null });
  const notRefunded = await insert('refunded-then-reversed:RF-00000005', 'refunded_then_reversed', { by: 'lee-admin', resolution: 'payer returned it by transfer', outcome: 'not_refunded', ref: null });
  const open = await insert('refunded-then-reversed:RF-00000006', 'refunded_then_reversed', null);
  const deposit = await insert('tviva-deposit-1', 'deposit_after_paid', { by: 'kim-admin', resolution: 'refunded at Toss', outcome: 'refunded', ref: 'toss-refund-78' });
  const rows = async () => q(`SELECT id::int, resolved_at, resolved_by, resolution, outcome, provider_refund_ref FROM tax_refunds_due ORDER BY id`);
  const before = await rows();

  expect(await db.migrateRest()).toContain('119_refund_due_paid_back_twice_reopen.sql');
  const after = await rows();
  // Only the one resolved as refunded is open again: nothing of its resolution is left on it.
  expect(after.find((r) => r.id === wrong)).toEqual({ id: wrong, resolved_at: null, resolved_by: null, resolution: null, outcome: null, provider_refund_ref: null });
  for (const id of [recovered, notRefunded, open, deposit]) expect(after.find((r) => r.id === id)).toEqual(before.find((r) => r.id === id));
  // Its earlier resolution, in the audit log: by the system, on the record, with all it said.
  const audit = async () => q(`SELECT actor_kind, actor_id, action, subject, detail FROM audit_log WHERE action = 'refund-due.reopened' ORDER BY id`);
  const entries = await audit();
  expect(entries).toEqual([
    {
      actor_kind: 'system',
      actor_id: null,
      action: 'refund-due.reopened',
      subject: `refund-due:${wrong}`,
      detail: {
        refundNo: `RF-${String(wrong).padStart(8, '0')}`,
        declarationId,
        reason: 'refunded_then_reversed',
        amountKrw: 49950,
        providerTx: 'refunded-then-reversed:RF-00000003',
        why: expect.stringContaining('recovered or written_off'),
        earlier: { resolvedAt: '2026-11-21T01:00:00.000Z', resolvedBy: 'kim-admin', resolution: 'returned by the payer', outcome: 'refunded', providerRefundRef: 'toss-refund-77' },
      },
    },
  ]);
  // Open again, an administrator can record it as 116 allows: recovered, with a note.
  await q(`UPDATE tax_refunds_due SET resolved_at = '2026-12-07T01:00:00Z', resolved_by = 'kim-admin', resolution = 'returned by the payer (2026-11-21)', outcome = 'recovered' WHERE id = $1`, [wrong]);
  const resolvedAgain = await rows();

  // Run again: nothing more (no record to open, no entry written).
  await db.pool.query(fs.readFileSync(path.join(MIGRATIONS_DIR, '119_refund_due_paid_back_twice_reopen.sql'), 'utf8'));
  expect(await rows()).toEqual(resolvedAgain);
  expect(await audit()).toEqual(entries);
});
