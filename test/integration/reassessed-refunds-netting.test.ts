// Refunds due of overpayments (reason reassessed_lower, src/adapters/db/reassessment-refunds.ts) net of
// the refunds already made, and one record per distinct situation. Embedded, or on the server when
// DATABASE_URL is set.
// 1. A refund an administrator recorded as made is money already returned: a later correction lower, a
//    withdrawal or a refusal records (what stands paid − refunds made) − owed, not paid − owed again.
// 2. A payment reversed at the same version and count of payments (two payments, the smaller reversed)
//    is a new situation: its refund due has a provider transaction of its own, not the earlier one's
//    (which ON CONFLICT DO NOTHING discarded, leaving no open refund).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, declaration, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundTestBed } from '../support/consumer-tax-notices.ts';
import { inTransaction } from '../../src/adapters/db/in-transaction.ts';
import { lockPayments, reconcileReassessedRefund } from '../../src/adapters/db/reassessment-refunds.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('NETTING'));
});
afterAll(async () => t?.close());

const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
const refundsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount, provider_tx, resolved_by, resolution FROM tax_refunds_due WHERE declaration_id = $1 AND reason = 'reassessed_lower' ORDER BY id`, [id])).rows;
const openOf = async (id: number) => (await refundsOf(id)).filter((x) => x.resolved_by === null);
const { declare, correct } = operatorParcels(() => t, () => alpha);
const markRefunded = async (refundId: number) =>
  expect((await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin.token, body: { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-1', resolution: 'refunded: partial cancel at Toss' } })).status).toBe(200);
// The reconciliation run again as a transition runs it, with nothing changed.
const reconcileAgain = (id: number) =>
  inTransaction(t.db.pool, async (c) => {
    await lockPayments(c, id);
    await reconcileReassessedRefund(c, id, { at: new Date('2026-11-25T04:00:00Z'), refundBy: '2026-11-30', why: 'run again' });
  });

it('records a withdrawal after a refund was made net of it: paid 136,530, corrected to 86,580, 49,950 refunded; withdrawn: 136,530 − 49,950 − 0 = 86,580, not 136,530 (before: 136,530 again)', async () => {
  const id = await declare('NT-WD', '2026-11-03', 400);
  const paid = (await noticeOf(id)).amountKrw as number;
  expect(paid).toBe(136_530);
  expect((await payByCard(id, paid)).status).toBe(201);
  // Corrected USD 400 → 250: owed 86,580; 136,530 − 86,580 = 49,950 due, and an administrator records it refunded.
  await correct(id, 'NT-WD', '2026-11-03', 250);
  expect((await noticeOf(id)).taxes.totalKrw).toBe(86_580);
  const first = await openOf(id);
  expect(first).toMatchObject([{ amount: 49_950 }]);
  await markRefunded(first[0].id);
  expect(await openOf(id)).toEqual([]);

  // Withdrawn: owes 0; paid 136,530 less 49,950 already refunded = 86,580 left to refund.
  expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
  const open = await openOf(id);
  expect(open).toHaveLength(1);
  expect(open[0].amount).toBe(136_530 - 49_950 - 0);
  expect(open[0].provider_tx).toMatch(/^reassessed:v2\.1\.withdrawn\.refunded49950:/);
  // The refund made is kept as it was (the administrator's, with what was done).
  expect((await refundsOf(id))[0]).toMatchObject({ id: first[0].id, amount: 49_950, resolved_by: 'netting-admin', resolution: 'refunded: partial cancel at Toss' });

  // The notice shows that record as its refund (paid net 136,530 − 49,950 = 86,580, owed 0), and does not say 전액.
  const notice = await noticeOf(id);
  expect(notice.refund).toMatchObject({ refundNo: `RF-${String(open[0].id).padStart(8, '0')}`, amountKrw: 86_580 });
  expect(notice.reason.ko).toContain('신고가 취하되어 납부하신 136,530원 중 이미 환급된 49,950원을 뺀 86,580원이 환급 대상으로 등록되었습니다');
  expect(notice.reason.ko).not.toContain('전액');
  expect(notice.reason.en).toContain('of the KRW 136,530 paid, the KRW 86,580 left after the KRW 49,950 already refunded is recorded for a refund');

  // The same situation again records nothing (idempotent): the open record stays, nothing added.
  const before = await refundsOf(id);
  await reconcileAgain(id);
  expect(await refundsOf(id)).toEqual(before);
});

it('asks for the refunded part when corrected back up after a refund was made: paid 136,530, 49,950 refunded at 86,580; back to 136,530: 136,530 − (136,530 − 49,950) = 49,950 due by card, then paid in full (before: shown paid, nothing asked)', async () => {
  const id = await declare('NT-BACKUP', '2026-11-04', 400);
  expect((await payByCard(id, 136_530)).status).toBe(201);
  await correct(id, 'NT-BACKUP', '2026-11-04', 250);
  const first = await openOf(id);
  expect(first).toMatchObject([{ amount: 136_530 - 86_580 }]);
  await markRefunded(first[0].id);
  // At 86,580 the notice is paid: 136,530 − 49,950 = 86,580, nothing refundable nor owed.
  expect(await noticeOf(id)).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null });

  await correct(id, 'NT-BACKUP', '2026-11-04', 400);
  const short = await noticeOf(id);
  expect(short).toMatchObject({ status: 'due', amountKrw: 136_530, shortfallKrw: 49_950, refund: null });
  expect(short.reason.ko).toContain('이미 환급된 49,950원을 빼면 납부된 세액은 86,580원입니다.');
  expect(short.reason.ko).toContain('부족한 49,950원을 같은 전자납부번호로 추가 납부하세요');
  // The whole 136,530 again is refused with the amount due.
  const wrong = await payByCard(id, 136_530);
  expect(wrong.status).toBe(422);
  expect(wrong.body.error.details.amountDueKrw).toBe(49_950);
  // The 49,950 paid by card (part 1): 136,530 + 49,950 − 49,950 = 136,530 = owed: paid in full, nothing refundable.
  const paidShort = await payByCard(id, 49_950);
  expect(paidShort.status).toBe(201);
  expect(paidShort.body.receipt).toMatchObject({ amountKrw: 49_950, part: 1 });
  const full = await noticeOf(id);
  expect(full).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null });
  expect(full.shortfallPayments).toHaveLength(1);
  expect(full.reason.ko).toContain('다시 산정된 세액 136,530원을 모두 납부했습니다.');
  expect(await openOf(id)).toEqual([]);
  expect((await payByCard(id, 49_950)).status).toBe(409);
});

it('records nothing when a correction lower after a refund was made only returns to what is paid net: 136,530 paid, 49,950 refunded at 86,580; up to 136,530, down to 86,580 again: 136,530 − 49,950 − 86,580 = 0 (before: 49,950 a second time)', async () => {
  const id = await declare('NT-UPDOWN', '2026-11-02', 400);
  const paid = (await noticeOf(id)).amountKrw as number;
  expect(paid).toBe(136_530);
  expect((await payByCard(id, paid)).status).toBe(201);
  await correct(id, 'NT-UPDOWN', '2026-11-02', 250);
  const first = await openOf(id);
  expect(first).toMatchObject([{ amount: 136_530 - 86_580 }]);
  await markRefunded(first[0].id);
  // Back up to USD 400: owed 136,530, paid net 136,530 − 49,950 = 86,580: nothing overpaid (49,950 short).
  await correct(id, 'NT-UPDOWN', '2026-11-02', 400);
  expect(await openOf(id)).toEqual([]);
  // Down to USD 250 again: owed 86,580 = paid net 86,580: nothing to refund.
  await correct(id, 'NT-UPDOWN', '2026-11-02', 250);
  expect(await openOf(id)).toEqual([]);
  // Down to USD 100: what is over the net amount paid, and only that.
  await correct(id, 'NT-UPDOWN', '2026-11-02', 100);
  const owed = (await noticeOf(id)).taxes.totalKrw as number;
  expect(owed).toBeLessThan(86_580);
  const open = await openOf(id);
  expect(open).toMatchObject([{ amount: 136_530 - 49_950 - owed }]);
  expect(open[0].provider_tx).toMatch(/^reassessed:v5\.1\.refunded49950:/);
});

it('records the new refund due when the smaller of two payments is reversed at the same version: 86,580 by card + 49,950 by transfer, owed Y: 49,950 + (86,580 − Y); the transfer reversed: 86,580 − Y, the card part kept as it is (before: discarded as the conflict of 136,530 − Y, no open refund)', async () => {
  const id = await declare('NT-REV', '2026-11-01', 250);
  const paidA = (await noticeOf(id)).amountKrw as number;
  expect(paidA).toBe(86_580);
  expect((await payByCard(id, paidA)).status).toBe(201);
  // Corrected up (USD 250 → 400): 136,530 − 86,580 = 49,950 short, paid by transfer (part 1).
  await correct(id, 'NT-REV', '2026-11-01', 400);
  expect((await noticeOf(id)).shortfallKrw).toBe(49_950);
  expect((await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw: 49_950 } })).status).toBe(202);
  const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
  expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
  // Corrected down (USD 400 → 100, version 3): owed Y; paid 86,580 + 49,950 = 136,530; 136,530 − Y due, split over the
  // two charges, the latest first: the transfer's 49,950, then 136,530 − Y − 49,950 = 86,580 − Y from the card.
  await correct(id, 'NT-REV', '2026-11-01', 100);
  const owed = (await noticeOf(id)).taxes.totalKrw as number;
  expect(owed).toBeLessThan(86_580);
  const first = await openOf(id);
  expect(first.map((x) => x.amount)).toEqual([49_950, 86_580 - owed]);
  expect(first.every((x) => /^reassessed:v3\.2\.parts2:/.test(x.provider_tx))).toBe(true);
  const cardTx = first[1].provider_tx.slice('reassessed:v3.2.parts2:'.length);

  // The bank reverses the transfer (49,950): what stands is the card's 86,580; 86,580 − Y is due, from the card alone: the
  // card's open part, the same charge and amount, stays as it is (its number unchanged); the transfer's is superseded.
  expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
  const rows = await refundsOf(id);
  expect(rows.map((x) => [x.id, x.resolved_by])).toEqual([
    [first[0].id, 'system'],
    [first[1].id, null],
  ]);
  // Nothing replaces it: the payment it was drawn from went back (payment reversed, not superseded).
  expect(rows[0].resolution).toMatch(/^payment reversed: payment \d+ reversed \(version 3\), .*held by RF-\d+ unchanged; nothing is refunded under this number$/);
  const open = await openOf(id);
  expect(open).toHaveLength(1);
  expect(open[0].amount).toBe(86_580 - owed);
  // Under its number, from the same charge, now naming the situation it stands for (86,580 stands, one part).
  expect(open[0].id).toBe(first[1].id);
  expect(open[0].provider_tx).toBe(`reassessed:v3.2.paid86580:${cardTx}`);
  expect((await noticeOf(id)).refund).toMatchObject({ amountKrw: 86_580 - owed });

  // The same situation again records nothing.
  const before = await refundsOf(id);
  await reconcileAgain(id);
  expect(await refundsOf(id)).toEqual(before);
});

it('keeps the account waiting for a shortfall that only the refund made leaves when the declaration is corrected again at the same taxes: 136,530 − (136,530 − 49,950) = 49,950 still owed (before: closed as nothing owed)', async () => {
  const id = await declare('NT-ACCT', '2026-11-05', 400);
  expect((await payByCard(id, 136_530)).status).toBe(201);
  await correct(id, 'NT-ACCT', '2026-11-05', 250);
  await markRefunded((await openOf(id))[0].id);
  await correct(id, 'NT-ACCT', '2026-11-05', 400);
  // The 49,950 by transfer: an account for part 1 waits.
  const issued = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw: 49_950 } });
  expect(issued.status).toBe(202);
  expect(issued.body.virtualAccount).toMatchObject({ amountKrw: 49_950, status: 'waiting' });
  // Corrected again at the same price, another description (a new version, taxes still 136,530): paid net 86,580 < 136,530, the account stays.
  const v = (await t.db.pool.query(`SELECT version FROM declarations WHERE id = $1`, [id])).rows[0].version as number;
  const again = declaration('NT-ACCT', { order: { orderNo: 'O-NT-ACCT', purchasedAt: '2026-11-05', currency: 'USD' }, items: [{ description: '가죽 가방', category: 'clothing', quantity: 1, price: 400, originCountry: 'VN' }] });
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: again, reason: '품명 정정' } })).status).toBe(200);
  expect((await t.db.pool.query(`SELECT version FROM declarations WHERE id = $1`, [id])).rows[0].version).toBe(v + 1);
  expect((await noticeOf(id)).taxes.totalKrw).toBe(136_530);
  const accounts = (await t.db.pool.query(`SELECT status, amount_krw::int AS amount FROM tax_virtual_accounts WHERE declaration_id = $1`, [id])).rows;
  expect(accounts).toEqual([{ status: 'waiting', amount: 49_950 }]);
  expect((await noticeOf(id)).virtualAccount).toMatchObject({ amountKrw: 49_950 });
});
