// A refund due of an overpayment (reason reassessed_lower, src/adapters/db/reassessment-refunds.ts) is a
// partial cancel at the provider of the charge it is recorded against, which can never refund more than
// that charge. A declaration paid in several charges (the notice's payment and the shortfalls paid after
// it was assessed again higher, tax_payments.part) has its refund split: one record per charge, the
// latest charge first, each at most what is left of its charge (reassessed-refunds.ts allocateRefund). Before,
// the whole refund was recorded against the largest charge: paid 86,580 by card, 49,950 by transfer,
// withdrawn: one record of 136,530 against the 86,580 card charge, which the provider refuses.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, clockRunningFrom, testConfig, type TestPlatform } from '../support/test-platform.ts';
import { referenceFiles } from '../support/reference.ts';
import { createPlatform } from '../../src/main.ts';
import { consumerTaxNotices, operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';
import { inTransaction } from '../../src/adapters/db/in-transaction.ts';
import { lockPayments, reconcileReassessedRefund, SPLIT_TASK } from '../../src/adapters/db/reassessment-refunds.ts';
import { refundEndedText } from '../../web/src/refund-ended.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };
let hookId: number;
// The starts of the platform below read its platform keys with the same key.
const secretKey = Buffer.alloc(32, 9).toString('base64');

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('SPLIT', { secretKey }));
  const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'https://hooks.example.com/split' } });
  expect(hook.status).toBe(201);
  hookId = hook.body.id;
});
afterAll(async () => t?.close());

const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
const { declare, correct, payAsOperator, cargoNoOf, smsToMinji } = operatorParcels(() => t, () => alpha);
const refundsOf = async (id: number) =>
  (
    await t.db.pool.query(
      `SELECT id::int, amount_krw::int AS amount, provider_tx, payment_no, resolved_at, resolved_by, resolution, outcome FROM tax_refunds_due WHERE declaration_id = $1 AND reason = 'reassessed_lower' ORDER BY id`,
      [id],
    )
  ).rows;
const openOf = async (id: number) => (await refundsOf(id)).filter((x) => x.resolved_at === null);
const paymentsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT part, provider_tx, amount_krw::int AS amount, receipt_no FROM tax_payments WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
/** The charge a record is drawn from: the end of its provider transaction (reassessed:v…:<charge>). */
const chargeOf = (providerTx: string) => providerTx.replace(/^reassessed:[^:]*:/, '');
const withdraw = (id: number) => api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } });
const taxEvents = async (declarationId: number) =>
  (
    await t.db.pool.query(`SELECT payload FROM webhook_outbox WHERE webhook_id = $1 AND event_id IS NULL AND (payload->'declaration'->>'id')::bigint = $2 AND payload->>'type' <> 'tax.paid' ORDER BY id`, [
      hookId,
      declarationId,
    ])
  ).rows.map((x) => x.payload);
const reconcileAgain = (id: number) =>
  inTransaction(t.db.pool, async (c) => {
    await lockPayments(c, id);
    await reconcileReassessedRefund(c, id, { at: new Date('2026-11-25T04:00:00Z'), refundBy: '2026-11-30', why: 'run again' });
  });
const markRefunded = async (refundId: number) =>
  expect((await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin.token, body: { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-SPLIT', resolution: 'refunded' } })).status).toBe(200);

it('splits the refund of a withdrawal over the card and the transfer that paid it, the latest first, each at most its charge: 86,580 by card + 49,950 by transfer, withdrawn: 49,950 from the transfer, 136,530 − 49,950 = 86,580 from the card (before: 136,530 against the 86,580 card charge)', async () => {
  const id = await declare('SP-WD', '2026-11-01', 250);
  expect((await noticeOf(id)).amountKrw).toBe(86_580);
  expect((await payByCard(id, 86_580)).status).toBe(201);
  // Corrected up (USD 250 → 400): 136,530 − 86,580 = 49,950 short, paid by transfer (part 1).
  await correct(id, 'SP-WD', '2026-11-01', 400);
  expect((await noticeOf(id)).shortfallKrw).toBe(49_950);
  expect((await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw: 49_950 } })).status).toBe(202);
  const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
  expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
  const [card, transfer] = await paymentsOf(id);
  expect([card.part, card.amount, transfer.part, transfer.amount]).toEqual([0, 86_580, 1, 49_950]);

  // Withdrawn: owes 0, 86,580 + 49,950 − 0 = 136,530 refundable, in two records.
  expect((await withdraw(id)).status).toBe(200);
  const open = await openOf(id);
  expect(open.map((x) => [chargeOf(x.provider_tx), x.amount])).toEqual([
    [transfer.provider_tx, 49_950], // the latest charge first: all of it
    [card.provider_tx, 136_530 - 49_950], // the rest, 86,580: all of the card charge, not more
  ]);
  expect(open.map((x) => x.provider_tx.slice(0, x.provider_tx.length - chargeOf(x.provider_tx).length))).toEqual(['reassessed:v2.2.withdrawn.parts2:', 'reassessed:v2.2.withdrawn.parts2:']);

  // The notice shows both, each with its number and amount, and the receipt it is refunded to.
  const notice = await noticeOf(id);
  expect(notice.refunds).toEqual([
    { refundNo: refundNo(open[0].id), amountKrw: 49_950, refundBy: '2026-11-30', receiptNo: transfer.receipt_no },
    { refundNo: refundNo(open[1].id), amountKrw: 86_580, refundBy: '2026-11-30', receiptNo: card.receipt_no },
  ]);
  expect(notice.reason.ko).toContain(`납부하신 136,530원 전액이 환급 대상으로 등록되었습니다(환불번호 ${refundNo(open[0].id)} 49,950원(영수번호 ${transfer.receipt_no}), ${refundNo(open[1].id)} 86,580원(영수번호 ${card.receipt_no})`);
  expect(notice.reason.en).toContain(`refund ${refundNo(open[0].id)}, KRW 49,950 (receipt no. ${transfer.receipt_no}), and ${refundNo(open[1].id)}, KRW 86,580 (receipt no. ${card.receipt_no})`);

  // The administrators list both, each with its payment number and amount.
  const listed = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body.refunds.filter((r: { declarationId: number }) => r.declarationId === id);
  expect(listed.map((r: { refundNo: string; amountKrw: number; paymentNo: string }) => [r.refundNo, r.amountKrw, r.paymentNo])).toEqual([
    [refundNo(open[0].id), 49_950, notice.paymentNo],
    [refundNo(open[1].id), 86_580, notice.paymentNo],
  ]);

  // The same situation found again records nothing.
  const before = await refundsOf(id);
  await reconcileAgain(id);
  expect(await refundsOf(id)).toEqual(before);

  // The transfer's part refunded: its receipt says so (49,950 − 49,950 = 0 remains), the card's says nothing yet;
  // the notice nets it (136,530 − 49,950 = 86,580 paid) and still shows the card's part open.
  await markRefunded(open[0].id);
  const transferReceipt = (await api(t.base, 'GET', `/api/v1/tax-receipts/${transfer.receipt_no}`)).body;
  expect(transferReceipt.refunded).toMatchObject({ refundedKrw: 49_950, remainingKrw: 0, extent: 'all' });
  expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${card.receipt_no}`)).body.refunded ?? null).toBeNull();
  const after = await noticeOf(id);
  expect(after.refunds).toEqual([{ refundNo: refundNo(open[1].id), amountKrw: 86_580, refundBy: '2026-11-30', receiptNo: card.receipt_no }]);
  expect(after.refund).toMatchObject({ refundNo: refundNo(open[1].id), amountKrw: 86_580 });
  // Found again after the refund made (a new situation, refunded49950): 136,530 − 49,950 − 0 = 86,580, all left of the card: the open part is kept,
  // under its number, its provider transaction now naming the situation it stands for.
  await reconcileAgain(id);
  expect(await openOf(id)).toEqual([{ ...open[1], provider_tx: `reassessed:v2.2.withdrawn.refunded49950:${card.provider_tx}` }]);
});

it('tells the operator once per record: paid 86,580 and a 49,950 shortfall by card, corrected down to 83,260: 49,950 + 3,320; then withdrawn: 49,950 kept as it is, the 3,320 superseded by 86,580', async () => {
  const id = await declare('SP-OP', '2026-11-02', 250);
  expect((await payAsOperator(id, 86_580)).status).toBe(201);
  await correct(id, 'SP-OP', '2026-11-02', 400);
  expect((await payAsOperator(id, 49_950)).status).toBe(201);
  const [first, second] = await paymentsOf(id);
  expect([first.amount, second.amount]).toEqual([86_580, 49_950]);

  // Corrected down (USD 400 → 240): owed 83,260; 136,530 − 83,260 = 53,270 over: the shortfall charge's 49,950 first,
  // then 53,270 − 49,950 = 3,320 (= 86,580 − 83,260) from the first charge.
  await correct(id, 'SP-OP', '2026-11-02', 240);
  expect((await noticeOf(id)).taxes.totalKrw).toBe(83_260);
  const lower = await openOf(id);
  expect(lower.map((x) => [chargeOf(x.provider_tx), x.amount])).toEqual([
    [second.provider_tx, 49_950],
    [first.provider_tx, 3_320],
  ]);

  // Withdrawn: 136,530 over = 49,950 (transfer: the open part, unchanged, kept under its number) + 136,530 − 49,950 = 86,580
  // (card: its 3,320 superseded, recorded anew).
  expect((await withdraw(id)).status).toBe(200);
  const rows = await refundsOf(id);
  expect(rows.slice(0, 2).map((x) => [x.id, x.outcome, x.resolved_by])).toEqual([
    [lower[0].id, null, null],
    [lower[1].id, 'not_refunded', 'system'],
  ]);
  expect(rows[1].resolution).toMatch(/^superseded: declaration withdrawn after payment/);
  expect(rows[1].resolution).toMatch(new RegExp(`recorded anew in 1 of 2 parts, ${refundNo(lower[0].id)} unchanged$`));
  const open = await openOf(id);
  expect(open.map((x) => [x.id === lower[0].id ? 'kept' : 'new', chargeOf(x.provider_tx), x.amount])).toEqual([
    ['kept', second.provider_tx, 49_950],
    ['new', first.provider_tx, 86_580],
  ]);
  expect(open[1].provider_tx).toMatch(/^reassessed:v\d+\.2\.withdrawn\.parts2:/);

  // Only what changed is told: the card's part cancelled, its replacement announced; nothing of the transfer's part.
  const events = await taxEvents(id);
  expect(events.map((e) => `${e.type} ${e.refund.refundNo} ${e.refund.amountKrw}`)).toEqual([
    `tax.refund_due ${refundNo(lower[0].id)} 49950`,
    `tax.refund_due ${refundNo(lower[1].id)} 3320`,
    `tax.refund_due_cancelled ${refundNo(lower[1].id)} 3320`,
    `tax.refund_due ${refundNo(open[1].id)} 86580`,
  ]);
  // The cancellation names its replacement and the part kept, the overpayment now in all (86,580 + 49,950 = 136,530).
  expect(events[2]).toMatchObject({
    cancellation: { cause: 'superseded' },
    supersededBy: { refundNo: refundNo(open[1].id), amountKrw: 136_530, refundBy: '2026-11-30', unchanged: [{ refundNo: refundNo(lower[0].id), amountKrw: 49_950 }] },
  });
  expect(events[2].supersededBy.parts).toBeUndefined();
  expect(events[2].cancellation.ko).toBe(
    `환불번호 ${refundNo(lower[1].id)}(3,320원)의 환불은 취소되었습니다. 세액이 다시 산정되어 더 납부된 금액이 모두 136,530원으로 바뀌었습니다(관세법 제46조). 바뀐 금액은 환불번호 ${refundNo(open[1].id)}(86,580원)로 새로 등록되었고, 환불번호 ${refundNo(lower[0].id)}(49,950원)은 그대로입니다. 2026-11-30(월)까지 이 2건, 모두 136,530원만 환급되며, 취소된 금액을 더하지 않습니다.`,
  );
  // A balance of refunds receivable: 49,950 + 3,320 − 3,320 + 86,580 = 136,530.
  expect(events.reduce((sum, e) => sum + (e.type === 'tax.refund_due' ? e.refund.amountKrw : -e.refund.amountKrw), 0)).toBe(136_530);

  // Found again: nothing recorded, nothing told.
  const before = await refundsOf(id);
  await reconcileAgain(id);
  expect(await refundsOf(id)).toEqual(before);
  expect(await taxEvents(id)).toHaveLength(4);
});

it('splits at start, once, a record made before the split that asks more than its charge: 136,530 against the 86,580 card charge (paid 86,580 + 49,950, withdrawn) superseded by 49,950 (transfer) + 86,580 (card); the operator gets its webhooks, the consumer one alert', async () => {
  // Operator: 86,580 and the 49,950 shortfall by card. Consumer: 86,580 by card, 49,950 by transfer. Both withdrawn.
  const op = await declare('SP-OLD-OP', '2026-11-03', 250);
  expect((await payAsOperator(op, 86_580)).status).toBe(201);
  await correct(op, 'SP-OLD-OP', '2026-11-03', 400);
  expect((await payAsOperator(op, 49_950)).status).toBe(201);
  const cs = await declare('SP-OLD-CS', '2026-11-04', 250);
  expect((await payByCard(cs, 86_580)).status).toBe(201);
  await correct(cs, 'SP-OLD-CS', '2026-11-04', 400);
  expect((await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${cs}/payments`, { token: minji, body: { method: 'transfer', amountKrw: 49_950 } })).status).toBe(202);
  const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [cs])).rows[0].order_id as string;
  expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
  for (const id of [op, cs]) expect((await withdraw(id)).status).toBe(200);
  await t.platform.consumerRefundAlerts.drain();

  // As the code before the split recorded the withdrawal: one record of 86,580 + 49,950 = 136,530 against the largest charge, the card's 86,580.
  const old: Record<number, number> = {};
  for (const id of [op, cs]) {
    const [first] = await paymentsOf(id);
    await t.db.pool.query(`DELETE FROM tax_refunds_due WHERE declaration_id = $1`, [id]);
    await t.db.pool.query(`DELETE FROM consumer_refund_alerts WHERE declaration_id = $1`, [id]);
    const r = await t.db.pool.query(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at)
       SELECT provider, 'reassessed:v2.2.withdrawn:' || provider_tx, declaration_id, payment_no, 136530, payer_kind, 'reassessed_lower', '2026-11-27', '2026-11-24T05:00:00Z'
         FROM tax_payments WHERE declaration_id = $1 AND provider_tx = $2 RETURNING id::int`,
      [id, first.provider_tx],
    );
    old[id] = r.rows[0].id;
  }
  const eventsBefore = (await taxEvents(op)).length;
  const smsBefore = (await smsToMinji()).length;

  // The next start finds both (the task not yet recorded on a database upgraded from before it) and reconciles each.
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [SPLIT_TASK]);
  const start = async () => {
    const logged: string[] = [];
    const again = await createPlatform(testConfig({ payments: { provider: 'emulator' }, secretKey, riskWorker: false }), { db: t.db, files: await referenceFiles(), listen: false, clock: clockRunningFrom('2026-11-25T03:00:00Z'), log: (l) => logged.push(l) });
    await again.close();
    return logged;
  };
  expect(await start()).toContain('refunds due: 2 declaration(s) whose refund asked more than its charge split over the charges that paid them');
  for (const id of [op, cs]) {
    const [card, second] = await paymentsOf(id);
    const rows = await refundsOf(id);
    expect(rows.map((x) => [x.id === old[id] ? 'old' : chargeOf(x.provider_tx), x.amount, x.outcome])).toEqual([
      ['old', 136_530, 'not_refunded'],
      [second.provider_tx, 49_950, null], // the latest charge first: all of it
      [card.provider_tx, 136_530 - 49_950, null], // 86,580: all of the card charge, not more
    ]);
    expect(rows[0].resolution).toBe(
      'superseded: reconciled at start: a refund recorded before refunds were split over the charges asked more than its charge (version 2), taxes KRW 0; the overpayment is now KRW 136,530 (KRW 136,530 paid), recorded anew in 2 parts, one per charge',
    );
  }

  // The operator: the old record cancelled, naming both parts (49,950 + 86,580 = 136,530), and each part announced.
  const [, o1, o2] = await refundsOf(op);
  const events = (await taxEvents(op)).slice(eventsBefore);
  expect(events.map((e) => `${e.type} ${e.refund.refundNo} ${e.refund.amountKrw}`)).toEqual([
    `tax.refund_due_cancelled ${refundNo(old[op]!)} 136530`,
    `tax.refund_due ${refundNo(o1.id)} 49950`,
    `tax.refund_due ${refundNo(o2.id)} 86580`,
  ]);
  expect(events[0]).toMatchObject({
    cancellation: { cause: 'superseded' },
    supersededBy: { refundNo: refundNo(o1.id), amountKrw: 136_530, parts: [{ refundNo: refundNo(o1.id), amountKrw: 49_950 }, { refundNo: refundNo(o2.id), amountKrw: 86_580 }] },
  });

  // The consumer: one message, the record replaced and the two that replace it.
  const [, c1, c2] = await refundsOf(cs);
  await t.platform.consumerRefundAlerts.drain();
  const cargoNo = await cargoNoOf(cs);
  const all = await smsToMinji(); // the latest first
  const sms = all.slice(0, all.length - smsBefore).filter((b) => b.includes(`화물관리번호 ${cargoNo}:`));
  expect(sms).toHaveLength(1);
  expect(sms[0]).toContain(
    `화물관리번호 ${cargoNo}: 환불번호 ${refundNo(old[cs]!)}(136,530원)의 환불은 취소되고 다음과 같이 바뀌었습니다(취소된 금액은 더하지 않습니다). 신고가 취하되어 납부하신 136,530원 전액이 환급 대상으로 등록되었습니다(환불번호 ${refundNo(c1.id)} 49,950원(영수번호 `,
  );
  expect(sms[0]).toContain(`${refundNo(c2.id)} 86,580원(영수번호 `);

  // Once: a second start does nothing, and even with the task's row removed finds nothing more.
  const after = { op: await refundsOf(op), cs: await refundsOf(cs) };
  const splitLogged = (logged: string[]) => logged.filter((l) => l.includes('split over the charges'));
  expect(splitLogged(await start())).toEqual([]);
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [SPLIT_TASK]);
  expect(splitLogged(await start())).toEqual([]);
  expect((await t.db.pool.query(`SELECT detail FROM one_time_tasks WHERE name = $1`, [SPLIT_TASK])).rows[0].detail).toEqual({ reconciled: 0, candidates: 0 });
  expect({ op: await refundsOf(op), cs: await refundsOf(cs) }).toEqual(after);
  expect(await taxEvents(op)).toHaveLength(eventsBefore + 3);
});

it('splits at start a record that asks more than is left of its charge after a refund made from it: paid 136,530 by card, 49,950 refunded from it, withdrawn: 136,530 against the card (its full amount, not above it) is more than the 136,530 − 49,950 = 86,580 left; superseded by 86,580', async () => {
  // Paid 136,530 by card (USD 400); corrected to USD 250 (86,580): 49,950 due, refunded by an administrator; withdrawn.
  const id = await declare('SP-LEFT', '2026-11-05', 400);
  expect((await payByCard(id, 136_530)).status).toBe(201);
  await correct(id, 'SP-LEFT', '2026-11-05', 250);
  const [made] = await openOf(id);
  expect(made.amount).toBe(49_950);
  await markRefunded(made.id);
  expect((await withdraw(id)).status).toBe(200);
  await t.platform.consumerRefundAlerts.drain();
  // As the code before the netting of refunds made (0c1e337) recorded the withdrawal: all that was paid, 136,530 − 0,
  // against the card: not above the card's 136,530, but 49,950 of it was refunded already.
  const [card] = await paymentsOf(id);
  await t.db.pool.query(`DELETE FROM tax_refunds_due WHERE declaration_id = $1 AND outcome IS DISTINCT FROM 'refunded'`, [id]);
  const old = (
    await t.db.pool.query(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at)
       SELECT provider, 'reassessed:v2.1.withdrawn:' || provider_tx, declaration_id, payment_no, 136530, payer_kind, 'reassessed_lower', '2026-11-27', '2026-11-24T05:00:00Z'
         FROM tax_payments WHERE declaration_id = $1 AND provider_tx = $2 RETURNING id::int`,
      [id, card.provider_tx],
    )
  ).rows[0].id as number;

  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [SPLIT_TASK]);
  const again = await createPlatform(testConfig({ payments: { provider: 'emulator' }, secretKey, riskWorker: false }), {
    db: t.db,
    files: await referenceFiles(),
    listen: false,
    clock: clockRunningFrom('2026-11-25T03:00:00Z'),
    log: () => {},
  });
  await again.close();
  // 136,530 − 49,950 refunded − 0 owed = 86,580, from the card (86,580 left of it).
  expect((await refundsOf(id)).map((x) => [x.id === made.id ? 'made' : x.id === old ? 'old' : 'new', x.amount, x.outcome])).toEqual([
    ['made', 49_950, 'refunded'],
    ['old', 136_530, 'not_refunded'],
    ['new', 136_530 - 49_950, null],
  ]);
  expect((await t.db.pool.query(`SELECT detail FROM one_time_tasks WHERE name = $1`, [SPLIT_TASK])).rows[0].detail).toMatchObject({ reconciled: 1 });
});

it('a part kept across a withdrawal reads as the withdrawal on the officer page, as the part recorded anew does: paid 86,580 + 49,950, corrected to 83,260 (49,950 + 3,320), withdrawn: the 49,950 kept under its number reads "withdrawn after payment", not "assessed again lower, partial cancel"; refunded, its receipt cites 제250조', async () => {
  const id = await declare('SP-LABEL', '2026-11-06', 250);
  expect((await payAsOperator(id, 86_580)).status).toBe(201);
  await correct(id, 'SP-LABEL', '2026-11-06', 400);
  expect((await payAsOperator(id, 49_950)).status).toBe(201);
  // Corrected down (USD 400 → 240): 136,530 − 83,260 = 53,270 over: 49,950 from the second charge, 3,320 from the first.
  await correct(id, 'SP-LABEL', '2026-11-06', 240);
  const lower = await openOf(id);
  expect(lower.map((x) => x.amount)).toEqual([49_950, 3_320]);
  expect(lower.map((x) => refundEndedText(x.provider_tx))).toEqual(['refunds.reassessed', 'refunds.reassessed']);

  // Withdrawn: 136,530 − 0 over: the 49,950 kept as it is (its number), the 3,320 superseded by 86,580.
  expect((await withdraw(id)).status).toBe(200);
  const open = await openOf(id);
  expect(open.map((x) => [x.id === lower[0].id ? 'kept' : 'new', x.amount])).toEqual([
    ['kept', 49_950],
    ['new', 86_580],
  ]);
  // The administrators' list, as the officer page reads it (web/src/refund-ended.ts): both parts are of the withdrawal
  // (before: the kept part kept its provider transaction of the correction, reassessed:v3.2.parts2:…, and read "납부 후 재산정").
  const listed = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body.refunds.filter((r: { declarationId: number }) => r.declarationId === id);
  expect(listed.map((r: { refundNo: string; providerTx: string }) => [r.refundNo, refundEndedText(r.providerTx)])).toEqual([
    [refundNo(lower[0].id), 'refunds.withdrawn'],
    [refundNo(open[1].id), 'refunds.withdrawn'],
  ]);
  // Still drawn from the same charge (the second payment's), for the same 49,950.
  const [, second] = await paymentsOf(id);
  expect(chargeOf(listed[0].providerTx)).toBe(second.provider_tx);
  expect(listed[0]).toMatchObject({ amountKrw: 49_950, resolvedAt: null });

  // Refunded: the second payment's receipt says all of it was refunded, for the withdrawal (관세법 제250조).
  await markRefunded(lower[0].id);
  const receipt = (await api(t.base, 'GET', `/api/v1/tax-receipts/${second.receipt_no}`)).body;
  expect(receipt.refunded).toMatchObject({ refundedKrw: 49_950, remainingKrw: 0, extent: 'all' });
  expect(receipt.refunded.text.ko).toContain('제250조 신고의 취하');
});

it('a situation that records nothing new is recorded all the same: corrected so that only a kept part remains due (49,950 of the second charge), the administrator records it not refunded; found again, it is not recorded a second time and the open list empties', async () => {
  const id = await declare('SP-KEPT', '2026-11-07', 250);
  expect((await payAsOperator(id, 86_580)).status).toBe(201);
  await correct(id, 'SP-KEPT', '2026-11-07', 400);
  expect((await payAsOperator(id, 49_950)).status).toBe(201);
  await correct(id, 'SP-KEPT', '2026-11-07', 240);
  const lower = await openOf(id);
  expect(lower.map((x) => x.amount)).toEqual([49_950, 3_320]);
  const eventsBefore = (await taxEvents(id)).length;

  // Corrected back to USD 250: owed 86,580; 136,530 − 86,580 = 49,950 over, all of the second charge: the 49,950 part
  // is kept as it is, the 3,320 superseded; nothing new is recorded.
  await correct(id, 'SP-KEPT', '2026-11-07', 250);
  const kept = await openOf(id);
  expect(kept.map((x) => [x.id, x.amount])).toEqual([[lower[0].id, 49_950]]);

  // The administrator records it not refunded (the payer keeps it as credit): nothing of this declaration is open.
  const r = await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${lower[0].id}/resolve`, { token: admin.token, body: { outcome: 'not_refunded', resolution: '납부자 요청으로 적립' } });
  expect(r.status).toBe(200);
  expect(await openOf(id)).toEqual([]);

  // The same situation found again records nothing: the administrator's resolution stands, the open list stays empty
  // (before: the situation was not found recorded, and 49,950 was recorded anew, open again, announced again).
  const before = await refundsOf(id);
  await reconcileAgain(id);
  expect(await refundsOf(id)).toEqual(before);
  const listed = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body.refunds.filter((x: { declarationId: number }) => x.declarationId === id);
  expect(listed).toEqual([]);
  // Told: the 3,320 cancelled (superseded, the 49,950 unchanged), then the 49,950 not refunded; nothing more.
  expect((await taxEvents(id)).slice(eventsBefore).map((e) => `${e.type} ${e.refund.refundNo} ${e.refund.amountKrw}`)).toEqual([
    `tax.refund_due_cancelled ${refundNo(lower[1].id)} 3320`,
    `tax.refund_due_cancelled ${refundNo(lower[0].id)} 49950`,
  ]);
  // Recorded so: the kept part names the situation it stands for, version 4, two payments, one part (before: still reassessed:v3.2.parts2:…).
  expect(kept[0].provider_tx).toBe(`reassessed:v4.2:${chargeOf(lower[0].provider_tx)}`);
});
