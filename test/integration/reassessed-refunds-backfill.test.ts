// Refunds due of overpayments made before they were recorded (migration 095; withdrawals and refusals
// before ec8df9d): recorded at start (backfillReassessedRefunds, src/adapters/db/reassessment-refunds.ts),
// reason reassessed_lower, once. The states before 095 are made through the API and then the records the
// platform now writes with them are deleted: the rows as a database from before 095 holds them. Embedded,
// or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, clockRunningFrom, testConfig, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration, consumerTaxNotices, refundTestBed } from '../support/consumer-tax-notices.ts';
import { referenceFiles } from '../support/reference.ts';
import { BACKFILL_TASK, backfillReassessedRefunds } from '../../src/adapters/db/reassessment-refunds.ts';
import { createPlatform } from '../../src/main.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
// Both starts on one database read its platform keys with the same key.
const secretKey = Buffer.alloc(32, 7).toString('base64');

beforeAll(async () => {
  ({ t, alpha, minji } = await refundTestBed('BFILL', { secretKey }));
});
afterAll(async () => t?.close());

const item = bagDeclaration;
const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
const refundsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT amount_krw::int AS amount, reason, provider_tx, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, resolved_at FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
const refundBy = () => '2026-11-30';

it('records at start the refund due of each declaration paid, then assessed again lower, withdrawn or refused before migration 095; once, and none where a record exists', async () => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', {
    token: alpha.key,
    body: { declarations: [item('BF-LOWER', '2026-11-10', 400), item('BF-WD', '2026-11-11', 400), item('BF-SAME', '2026-11-12', 400), item('BF-MADE', '2026-11-13', 400), item('BF-NONE', '2026-11-14', 400)] },
  });
  const [lower, wd, same, made, unpaid] = r.body.results.map((x: { declarationId: number }) => x.declarationId) as number[];
  const paid: Record<number, number> = {};
  for (const id of [lower!, wd!, same!, made!]) {
    paid[id] = (await noticeOf(id)).amountKrw;
    expect((await payByCard(id, paid[id]!)).status).toBe(201);
  }
  // Corrected lower (USD 400 → 250) after payment; withdrawn after payment; another corrected lower whose refund an administrator recorded as made.
  for (const id of [lower!, made!]) {
    const ref = id === lower ? 'BF-LOWER' : 'BF-MADE';
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: item(ref, id === lower ? '2026-11-10' : '2026-11-13', 250), reason: '가격 정정' } })).status).toBe(200);
  }
  expect((await api(t.base, 'POST', `/api/v1/declarations/${wd}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
  const owedLower = (await noticeOf(lower!)).taxes.totalKrw as number;
  // BF-MADE: refunded by an administrator (resolved): it stays the only record.
  await t.db.pool.query(`UPDATE tax_refunds_due SET resolved_at = now(), resolved_by = 'admin', resolution = 'refunded: partial cancel 123', outcome = 'refunded' WHERE declaration_id = $1`, [made]);
  // As before migration 095: no record of the overpayments of BF-LOWER and BF-WD.
  await t.db.pool.query(`DELETE FROM tax_refunds_due WHERE declaration_id = ANY($1::bigint[])`, [[lower, wd]]);
  expect(await refundsOf(lower!)).toEqual([]);
  expect(await refundsOf(wd!)).toEqual([]);
  // What such a notice said: refundable, not recorded, ask.
  expect((await noticeOf(lower!)).refund).toBeNull();
  expect((await noticeOf(lower!)).reason.ko).toContain('자동으로 환급되지 않으니');

  // The next start of the platform on this database records them (and says how many). As a database
  // upgraded from before 099: the backfill has not run (the test platform's own start ran it on an empty one).
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [BACKFILL_TASK]);
  // The next start of the platform on this database records them (and says how many).
  const logged: string[] = [];
  const again = await createPlatform(testConfig({ payments: { provider: 'emulator' }, secretKey, riskWorker: false }), { db: t.db, files: await referenceFiles(), listen: false, clock: clockRunningFrom('2026-11-25T03:00:00Z'), log: (l) => logged.push(l) });
  await again.close();
  expect(logged).toContain('refunds due: 2 overpayment(s) of declarations assessed again lower, withdrawn or refused before migration 095 recorded');
  const at = new Date('2026-11-25T03:00:00Z');
  // BF-LOWER: paid X (USD 400), owed Y (USD 250): X − Y, e.g. 136,530 − 86,580 = 49,950.
  expect(paid[lower!]! - owedLower).toBe(136_530 - 86_580);
  expect(await refundsOf(lower!)).toEqual([{ amount: 49_950, reason: 'reassessed_lower', provider_tx: expect.stringMatching(/^reassessed:v2\.1:/), refund_by: '2026-11-30', resolved_at: null }]);
  // BF-WD: withdrawn, owes 0: all of it, 136,530 − 0.
  expect(await refundsOf(wd!)).toEqual([{ amount: 136_530, reason: 'reassessed_lower', provider_tx: expect.stringMatching(/^reassessed:v1\.1\.withdrawn:/), refund_by: '2026-11-30', resolved_at: null }]);
  // Unchanged (paid = owed), refunded already, never paid: nothing.
  expect(await refundsOf(same!)).toEqual([]);
  expect((await refundsOf(made!)).map((x) => x.resolved_at !== null)).toEqual([true]);
  expect(await refundsOf(unpaid!)).toEqual([]);
  // The notices now say the refund with its number (ko/en).
  const n = await noticeOf(lower!);
  expect(n.refund).toMatchObject({ amountKrw: 49_950, refundBy: '2026-11-30' });
  expect(n.reason.ko).toContain(`더 납부된 49,950원은 환급 대상으로 등록되었습니다(환불번호 ${n.refund.refundNo}, 관세법 제46조 과오납금의 환급)`);
  expect((await noticeOf(wd!)).reason.ko).toContain('신고가 취하되어 납부하신 136,530원 전액이 환급 대상으로 등록되었습니다');

  // Done once: the task is recorded, and even run again (the row removed) it finds nothing more.
  expect((await t.db.pool.query(`SELECT detail FROM one_time_tasks WHERE name = $1`, [BACKFILL_TASK])).rows[0].detail).toMatchObject({ recorded: 2 });
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [BACKFILL_TASK]);
  expect(await backfillReassessedRefunds(t.db.pool, { at, refundBy })).toEqual({ recorded: 0 });
  expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = ANY($1::bigint[])`, [[lower, wd, same, made, unpaid]])).rows[0].n).toBe(3);
});

it('reconciles at start a refund due recorded in full although part was already refunded (before the refunds made were netted): paid 136,530, 49,950 refunded, withdrawn: 136,530 − 49,950 − 0 = 86,580, not the 136,530 recorded; once', async () => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [item('BF-TWICE', '2026-11-09', 400)] } });
  const id = r.body.results[0].declarationId as number;
  expect((await noticeOf(id)).amountKrw).toBe(136_530);
  expect((await payByCard(id, 136_530)).status).toBe(201);
  // Corrected USD 400 → 250: 136,530 − 86,580 = 49,950, recorded as refunded by an administrator.
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: item('BF-TWICE', '2026-11-09', 250), reason: '가격 정정' } })).status).toBe(200);
  await t.db.pool.query(`UPDATE tax_refunds_due SET resolved_at = now(), resolved_by = 'admin', resolution = 'refunded: partial cancel 456', outcome = 'refunded' WHERE declaration_id = $1`, [id]);
  expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
  // What the withdrawal recorded before the refunds made were netted: all 136,530 again, under the form of then.
  await t.db.pool.query(`UPDATE tax_refunds_due SET amount_krw = 136530, provider_tx = regexp_replace(provider_tx, '\\.refunded\\d+', '') WHERE declaration_id = $1 AND resolved_at IS NULL`, [id]);
  expect((await refundsOf(id)).map((x) => [x.amount, x.resolved_at === null])).toEqual([
    [49_950, false],
    [136_530, true],
  ]);

  const at = new Date('2026-11-25T03:00:00Z');
  // Recorded as done (099), a start looks no further; a database upgraded from before has no such row.
  expect(await backfillReassessedRefunds(t.db.pool, { at, refundBy })).toEqual({ recorded: 0 });
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [BACKFILL_TASK]);
  expect(await backfillReassessedRefunds(t.db.pool, { at, refundBy })).toEqual({ recorded: 1 });
  const rows = await refundsOf(id);
  expect(rows.map((x) => [x.amount, x.resolved_at === null])).toEqual([
    [49_950, false],
    [136_530, false],
    [136_530 - 49_950 - 0, true],
  ]);
  expect(rows[2]).toMatchObject({ amount: 86_580, reason: 'reassessed_lower', provider_tx: expect.stringMatching(/^reassessed:v2\.1\.withdrawn\.refunded49950:/), refund_by: '2026-11-30' });
  const superseded = (await t.db.pool.query(`SELECT resolved_by, resolution FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows[1];
  expect(superseded).toEqual({
    resolved_by: 'system',
    resolution:
      'superseded: reconciled at start: refunds already made were not netted before (version 2), taxes KRW 0; the overpayment is now KRW 86,580 (KRW 136,530 paid less KRW 49,950 already refunded), recorded anew',
  });
  // Again, even without the row: found as it is, nothing recorded.
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [BACKFILL_TASK]);
  expect(await backfillReassessedRefunds(t.db.pool, { at, refundBy })).toEqual({ recorded: 0 });
  expect(await refundsOf(id)).toEqual(rows);
});
