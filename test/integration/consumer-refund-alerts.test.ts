// The consumer who paid is told, durably, of a refund due of a reassessment recorded or cancelled inside
// a declaration's transition (a correction, a withdrawal): the alert is queued in the transaction that
// changes the record (consumer_refund_alerts, migrations/103, refund-due-events.ts) and sent by a worker
// on the PCCC holder's channels (here the database notifier: the SMS to 김민지's phone). Before, only
// the operator's webhooks were queued there, and the consumer who paid heard nothing: the notice alone
// showed it. An operator that paid gets its webhooks, no consumer alert. Once per record and event; a
// failed send is tried again, and a claim left unsettled (a process stopped) is taken again after its
// lease. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';
import { sendConsumerRefundAlerts } from '../../src/app/send-consumer-refund-alerts.ts';
import { PgConsumerRefundAlerts } from '../../src/adapters/db/consumer-refund-alert-repository.ts';
import type { HolderMessage } from '../../src/app/ports/identity-ports.ts';
import type { Notifier } from '../../src/app/ports.ts';
import { holderNotifier } from '../../src/adapters/notifications/holder-notifier.ts';
import { NotDeliveredError } from '../../src/app/deliver-to-holder.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;

beforeAll(async () => {
  ({ t, alpha, minji } = await refundTestBed('ALERT'));
});
afterAll(async () => t?.close());

const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
const { declare, correct, payAsOperator, cargoNoOf, smsToMinji } = operatorParcels(() => t, () => alpha);
const refundsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount, resolved_at, outcome FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
/** The refund alerts sent to 김민지's phone about one parcel, oldest first (smsToMinji lists the latest first). */
const refundSmsOf = async (cargoNo: string) => (await smsToMinji()).filter((b) => b.includes(`화물관리번호 ${cargoNo}:`) && b.includes('환불번호')).reverse();
/** The alerts of its refund due records (not those of a deposit, keyed by the payment: migrations/108). */
const alertsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT refund_id::int, event, status, attempts FROM consumer_refund_alerts WHERE declaration_id = $1 AND refund_id IS NOT NULL ORDER BY id`, [id])).rows;
/** The item corrected: a laptop (no duty, VAT 10% only) at 256.90 USD: 36,580 won of taxes. */
const correctToLaptop = async (id: number, ref: string, purchasedAt: string) =>
  expect(
    (
      await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, {
        token: alpha.key,
        body: { declaration: declaration(ref, { order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' }, items: [{ description: '노트북 컴퓨터', category: 'laptop', quantity: 1, price: 256.9, originCountry: 'VN' }] }), reason: '품목 정정' },
      })
    ).status,
  ).toBe(200);

describe('the consumer who paid is told of a refund due of a reassessment, and of its end', () => {
  it('paid 136,530 by card, corrected to 86,580: 136,530 − 86,580 = 49,950 due, told of RF-…; corrected again to 36,580: superseded by 136,530 − 36,580 = 99,950, told of both', async () => {
    const id = await declare('AL-SUP', '2026-11-02', 400);
    expect((await noticeOf(id)).taxes.totalKrw).toBe(136_530);
    expect((await payByCard(id, 136_530)).status).toBe(201);
    const cargoNo = await cargoNoOf(id);
    await correct(id, 'AL-SUP', '2026-11-02', 250);
    expect((await noticeOf(id)).taxes.totalKrw).toBe(86_580);
    const [first] = await refundsOf(id);
    expect(first).toMatchObject({ amount: 136_530 - 86_580, resolved_at: null });
    await t.platform.consumerRefundAlerts.drain();
    const rf1 = refundNo(first.id);
    // Recorded on Wednesday 2026-11-25: the third working day after is Monday 2026-11-30.
    expect(await refundSmsOf(cargoNo)).toEqual([
      `[Tonggwan 통관] 화물관리번호 ${cargoNo}: 납부 후 세액이 86,580원으로 다시 산정되어 49,950원이 더 납부되었습니다. 더 납부된 49,950원은 환급 대상으로 등록되었습니다(환불번호 ${rf1}, 관세법 제46조 과오납금의 환급). ` +
        `2026-11-30(월)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요. 따로 신청하실 필요는 없습니다. 통관 포털의 세금 고지에서 확인하세요: ${t.base}/me` +
        ` / On ${cargoNo}: After the payment the taxes were assessed again at KRW 86,580, so KRW 49,950 was paid too much. It is recorded for a refund (refund ${rf1}; Customs Act art. 46, refund of taxes overpaid). ` +
        `It will be refunded to the means you paid with by 2026-11-30 (Mon). If it is not by then, contact us through the portal's consultation (민원상담), quoting the refund number. You need not apply for it. See the tax notice on the portal: ${t.base}/me`,
    ]);

    await correctToLaptop(id, 'AL-SUP', '2026-11-02');
    expect((await noticeOf(id)).taxes.totalKrw).toBe(36_580);
    const [was, now] = await refundsOf(id);
    expect([was.id, was.outcome, now.amount, now.resolved_at]).toEqual([first.id, 'not_refunded', 136_530 - 36_580, null]);
    const rf2 = refundNo(now.id);
    await t.platform.consumerRefundAlerts.drain();
    const sms = await refundSmsOf(cargoNo);
    expect(sms).toHaveLength(2);
    // One message for the correction (one transaction): the 49,950 no longer stands, the 99,950 that replaces it, by when, not added to it.
    expect(sms[1]).toBe(
      `[Tonggwan 통관] 화물관리번호 ${cargoNo}: 환불번호 ${rf1}(49,950원)의 환불은 취소되고 다음과 같이 바뀌었습니다(취소된 금액은 더하지 않습니다). ` +
        `납부 후 세액이 36,580원으로 다시 산정되어 99,950원이 더 납부되었습니다. 더 납부된 99,950원은 환급 대상으로 등록되었습니다(환불번호 ${rf2}, 관세법 제46조 과오납금의 환급). ` +
        `2026-11-30(월)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요. 따로 신청하실 필요는 없습니다. 통관 포털의 세금 고지에서 확인하세요: ${t.base}/me` +
        ` / On ${cargoNo}: Refund ${rf1} (KRW 49,950) is cancelled and replaced as follows (the cancelled amount does not add to it). ` +
        `After the payment the taxes were assessed again at KRW 36,580, so KRW 99,950 was paid too much. It is recorded for a refund (refund ${rf2}; Customs Act art. 46, refund of taxes overpaid). ` +
        `It will be refunded to the means you paid with by 2026-11-30 (Mon). If it is not by then, contact us through the portal's consultation (민원상담), quoting the refund number. You need not apply for it. See the tax notice on the portal: ${t.base}/me`,
    );
    // One row per record and event, each sent once (the cancellation and the new record together): a pass more sends nothing.
    expect(await alertsOf(id)).toEqual([
      { refund_id: first.id, event: 'refund_due', status: 'sent', attempts: 0 },
      { refund_id: first.id, event: 'refund_due_cancelled', status: 'sent', attempts: 0 },
      { refund_id: now.id, event: 'refund_due', status: 'sent', attempts: 0 },
    ]);
    await t.platform.consumerRefundAlerts.drain();
    expect(await refundSmsOf(cargoNo)).toHaveLength(2);
  });

  it('a refund split over the charges that paid it is one message naming each part, and its superseding one more: 86,580 by card + 49,950 by transfer, corrected to 83,260 (49,950 + 3,320), withdrawn (49,950 kept as it is + 86,580 anew)', async () => {
    const id = await declare('AL-SPLIT', '2026-11-08', 250);
    expect((await noticeOf(id)).amountKrw).toBe(86_580);
    expect((await payByCard(id, 86_580)).status).toBe(201);
    const cargoNo = await cargoNoOf(id);
    // Corrected up (USD 250 → 400): 136,530 − 86,580 = 49,950 short, paid by transfer.
    await correct(id, 'AL-SPLIT', '2026-11-08', 400);
    expect((await noticeOf(id)).shortfallKrw).toBe(49_950);
    expect((await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw: 49_950 } })).status).toBe(202);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
    expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
    const [card, transfer] = (await t.db.pool.query(`SELECT receipt_no, amount_krw::int AS amount FROM tax_payments WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
    expect([card.amount, transfer.amount]).toEqual([86_580, 49_950]);

    // Corrected down to USD 240: 83,260 owed; 136,530 − 83,260 = 53,270 overpaid = 49,950 (all of the transfer, the latest charge) + 3,320 (of the card).
    await correct(id, 'AL-SPLIT', '2026-11-08', 240);
    expect((await noticeOf(id)).taxes.totalKrw).toBe(83_260);
    const [a, b] = await refundsOf(id);
    expect([a.amount, b.amount, a.resolved_at, b.resolved_at]).toEqual([49_950, 3_320, null, null]);
    await t.platform.consumerRefundAlerts.drain();
    // One message, not one per part: both numbers, each amount and the receipt of the charge it goes back to, the day.
    expect(await refundSmsOf(cargoNo)).toEqual([
      `[Tonggwan 통관] 화물관리번호 ${cargoNo}: 납부 후 세액이 83,260원으로 다시 산정되어 53,270원이 더 납부되었습니다. 더 납부된 53,270원은 환급 대상으로 등록되었습니다(` +
        `환불번호 ${refundNo(a.id)} 49,950원(영수번호 ${transfer.receipt_no}), ${refundNo(b.id)} 3,320원(영수번호 ${card.receipt_no}), 관세법 제46조 과오납금의 환급). ` +
        `2026-11-30(월)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요. 따로 신청하실 필요는 없습니다. 통관 포털의 세금 고지에서 확인하세요: ${t.base}/me` +
        ` / On ${cargoNo}: After the payment the taxes were assessed again at KRW 83,260, so KRW 53,270 was paid too much. It is recorded for a refund (` +
        `refund ${refundNo(a.id)}, KRW 49,950 (receipt no. ${transfer.receipt_no}), and ${refundNo(b.id)}, KRW 3,320 (receipt no. ${card.receipt_no}); Customs Act art. 46, refund of taxes overpaid). ` +
        `It will be refunded to the means you paid with by 2026-11-30 (Mon). If it is not by then, contact us through the portal's consultation (민원상담), quoting the refund number. You need not apply for it. See the tax notice on the portal: ${t.base}/me`,
    ]);

    // Withdrawn: owes 0, 86,580 + 49,950 = 136,530 refundable = 49,950 (transfer) + 86,580 (card). The transfer's part is
    // the same (49,950 of the same charge): it stays, under its number; only the card's 3,320 → 86,580 is superseded.
    // One message: the part replaced, the part that replaces it, and the part unchanged.
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    const all = await refundsOf(id);
    expect(all.map((x) => [x.id, x.amount, x.outcome, x.resolved_at === null])).toEqual([
      [a.id, 49_950, null, true],
      [b.id, 3_320, 'not_refunded', false],
      [all[2].id, 86_580, null, true],
    ]);
    const d = all[2];
    await t.platform.consumerRefundAlerts.drain();
    const sms = await refundSmsOf(cargoNo);
    expect(sms).toHaveLength(2);
    // 86,580 + 49,950 = 136,530: all that was paid.
    expect(sms[1]).toBe(
      `[Tonggwan 통관] 화물관리번호 ${cargoNo}: 환불번호 ${refundNo(b.id)}(3,320원)의 환불은 취소되고 다음과 같이 바뀌었습니다(취소된 금액은 더하지 않습니다). ` +
        `신고가 취하되어 납부하신 136,530원 전액이 환급 대상으로 등록되었습니다(환불번호 ${refundNo(d.id)} 86,580원(영수번호 ${card.receipt_no}), ${refundNo(a.id)} 49,950원(그대로), 관세법 제250조 신고의 취하, 제46조 과오납금의 환급). ` +
        `2026-11-30(월)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요. 따로 신청하실 필요는 없습니다. 통관 포털의 세금 고지에서 확인하세요: ${t.base}/me` +
        ` / On ${cargoNo}: Refund ${refundNo(b.id)} (KRW 3,320) is cancelled and replaced as follows (the cancelled amount does not add to it). ` +
        `The declaration was withdrawn, so the KRW 136,530 paid is recorded for a refund in full (refund ${refundNo(d.id)}, KRW 86,580 (receipt no. ${card.receipt_no}), and ${refundNo(a.id)}, KRW 49,950 (unchanged); Customs Act art. 250, withdrawal of a declaration, and art. 46, refund of taxes overpaid). ` +
        `It will be refunded to the means you paid with by 2026-11-30 (Mon). If it is not by then, contact us through the portal's consultation (민원상담), quoting the refund number. You need not apply for it. See the tax notice on the portal: ${t.base}/me`,
    );
    // One row per record and event (4: nothing for the part kept), each sent once; a pass more sends nothing.
    expect((await alertsOf(id)).map((x) => [x.refund_id, x.event, x.status])).toEqual([
      [a.id, 'refund_due', 'sent'],
      [b.id, 'refund_due', 'sent'],
      [b.id, 'refund_due_cancelled', 'sent'],
      [d.id, 'refund_due', 'sent'],
    ]);
    await t.platform.consumerRefundAlerts.drain();
    expect(await refundSmsOf(cargoNo)).toHaveLength(2);
  });

  it('no longer due: paid 136,530, corrected to 86,580 (49,950 due), corrected back to 136,530 (136,530 − 136,530 = 0 overpaid): told why, and that nothing is refunded under RF-…', async () => {
    const id = await declare('AL-BACK', '2026-11-03', 400);
    expect((await payByCard(id, 136_530)).status).toBe(201);
    const cargoNo = await cargoNoOf(id);
    await correct(id, 'AL-BACK', '2026-11-03', 250);
    await correct(id, 'AL-BACK', '2026-11-03', 400);
    const [only] = await refundsOf(id);
    expect(only).toMatchObject({ amount: 49_950, outcome: 'not_refunded' });
    await t.platform.consumerRefundAlerts.drain();
    const sms = await refundSmsOf(cargoNo);
    expect(sms).toHaveLength(2);
    expect(sms[1]).toBe(
      `[Tonggwan 통관] 화물관리번호 ${cargoNo}: 환불번호 ${refundNo(only.id)}(49,950원)의 환불은 취소되었습니다. 세액이 136,530원으로 다시 산정되어 납부하신 136,530원과 같으므로 더 납부된 금액이 없습니다(관세법 제46조 과오납금의 환급은 더 납부된 세금에만 해당합니다). ` +
        `이 환불번호로 환급되는 금액은 없습니다. 세금은 납부된 그대로이니 하실 일은 없습니다. 통관 포털의 세금 고지에서 확인하세요: ${t.base}/me` +
        ` / On ${cargoNo}: Refund ${refundNo(only.id)} (KRW 49,950) is cancelled: the taxes were assessed again at KRW 136,530, the same as the KRW 136,530 paid, so nothing was paid too much (Customs Act art. 46 refunds only taxes overpaid). ` +
        `Nothing will be refunded under ${refundNo(only.id)}. The taxes stay paid; there is nothing for you to do. See the tax notice on the portal: ${t.base}/me`,
    );
  });

  it('withdrawn after payment: 136,530 − 0 = 136,530 due in full, told with the rule of the withdrawal (관세법 제250조, 제46조)', async () => {
    const id = await declare('AL-WD', '2026-11-04', 400);
    expect((await payByCard(id, 136_530)).status).toBe(201);
    const cargoNo = await cargoNoOf(id);
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    const [only] = await refundsOf(id);
    expect(only).toMatchObject({ amount: 136_530, resolved_at: null });
    await t.platform.consumerRefundAlerts.drain();
    expect(await refundSmsOf(cargoNo)).toEqual([
      expect.stringContaining(
        `화물관리번호 ${cargoNo}: 신고가 취하되어 납부하신 136,530원 전액이 환급 대상으로 등록되었습니다(환불번호 ${refundNo(only.id)}, 관세법 제250조 신고의 취하, 제46조 과오납금의 환급). 2026-11-30(월)까지 결제하신 수단으로 환급됩니다.`,
      ),
    ]);
  });

  it('an operator that paid gets its webhooks, not a consumer alert', async () => {
    const id = await declare('AL-OPR', '2026-11-05', 400);
    expect((await payAsOperator(id, 136_530)).status).toBe(201);
    await correct(id, 'AL-OPR', '2026-11-05', 250);
    expect(await refundsOf(id)).toMatchObject([{ amount: 49_950, resolved_at: null }]);
    await t.platform.consumerRefundAlerts.drain();
    expect(await alertsOf(id)).toEqual([]);
    expect(await refundSmsOf(await cargoNoOf(id))).toEqual([]);
  });
});

describe('the alert worker', () => {
  // Due in 2030: the platform's own worker (its clock in 2026) leaves these rows to the passes below.
  const at = new Date('2030-01-01T00:00:00Z');
  const facts = (refundId: number, cargoNo: string) => ({
    event: 'refund_due',
    cargoNo,
    refundNo: refundNo(refundId),
    amountKrw: 49_950,
    refundBy: '2030-01-04',
    owedKrw: 86_580,
    ended: null,
    paidKrw: 136_530,
    refundedKrw: 0,
  });
  const queue = async (refundId: number, declarationId: number) =>
    t.db.pool.query(`INSERT INTO consumer_refund_alerts (refund_id, declaration_id, event, facts, next_attempt_at, created_at) VALUES ($1, $2, 'refund_due', $3, $4, $4)`, [
      refundId,
      declarationId,
      facts(refundId, await cargoNoOf(declarationId)),
      at,
    ]);
  const depsAt = (now: { t: Date }, holders: ReturnType<typeof holderNotifier>) => ({
    outbox: new PgConsumerRefundAlerts(t.db.pool),
    declarations: t.platform.deps.declarations,
    registry: t.platform.deps.identity!.deps.registry,
    holders,
    clock: { now: () => now.t },
    portalUrl: () => 'https://portal.example',
  });

  it('a send that no channel took (SMS and e-mail down) is tried again after a minute (1 min × 2^0), then sent once', async () => {
    const id = await declare('AL-RETRY', '2026-11-06', 400);
    await queue(900_000_001, id);
    const sent: { channel: string; subject: string; body: string }[] = [];
    let down = true;
    // The real holder notifier: it never throws for a channel that fails, it reports it and says none took the message.
    const channel: Notifier = {
      send: async (m) => {
        if (down) throw new Error(`${m.channel} gateway down`);
        sent.push(m);
      },
    };
    const channelErrors: unknown[] = [];
    const holders = holderNotifier({ sms: channel, email: channel, push: null, store: {} as never, onError: (e) => channelErrors.push(e) });
    const now = { t: at };
    const errors: unknown[] = [];
    const deps = { ...depsAt(now, holders), onError: (e: unknown) => errors.push(e) };
    expect(await sendConsumerRefundAlerts(deps, 10)).toBe(0); // failed: not counted, so the loop waits
    expect((await alertsOf(id))[0]).toEqual({ refund_id: 900_000_001, event: 'refund_due', status: 'pending', attempts: 1 });
    expect((channelErrors[0] as Error).message).toBe('sms gateway down');
    expect(errors[0]).toBeInstanceOf(NotDeliveredError);
    down = false;
    expect(await sendConsumerRefundAlerts(deps, 10)).toBe(0); // not due again before the minute
    now.t = new Date(at.getTime() + 60_000);
    expect(await sendConsumerRefundAlerts(deps, 10)).toBe(1);
    const sms = sent.filter((m) => m.channel === 'sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.subject).toBe('[통관] 세금 환급 예정 안내');
    expect(sms[0]!.body).toContain(`환불번호 ${refundNo(900_000_001)}, 관세법 제46조 과오납금의 환급`);
    expect(sms[0]!.body).toContain('https://portal.example/me');
    expect((await alertsOf(id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await sendConsumerRefundAlerts(deps, 10)).toBe(0);
    expect(sent.filter((m) => m.channel === 'sms')).toHaveLength(1);
  });

  it('a send every channel refused for good (each error says permanent, as SOLAPI’s 1062 발신번호 미등록 does) is given up at its first attempt with its error, not tried ten times', async () => {
    const id = await declare('AL-REFUSED', '2026-11-06', 400);
    await queue(900_000_003, id);
    // Each channel throws as the SOLAPI adapter throws a refusal of the sender (SmsRejectedError, permanent).
    const refused: Notifier = { send: async (m) => Promise.reject(Object.assign(new Error(`${m.channel} refused (status 1062 발신번호 미등록)`), { code: '1062', permanent: true })) };
    const holders = holderNotifier({ sms: refused, email: refused, push: null, store: {} as never });
    const now = { t: at };
    expect(await sendConsumerRefundAlerts(depsAt(now, holders), 10)).toBe(0);
    const row = async () => (await t.db.pool.query(`SELECT status, attempts, last_error FROM consumer_refund_alerts WHERE refund_id = $1`, [900_000_003])).rows[0];
    // Every channel that failed refused it for good: dead after attempt 1 of 10, with the error kept.
    expect(await row()).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await row()).last_error).toMatch(/^no channel took the message \(\d failed, refused for good\)$/);
    // A day later nothing is tried again.
    now.t = new Date(at.getTime() + 24 * 3_600_000);
    expect(await sendConsumerRefundAlerts(depsAt(now, holders), 10)).toBe(0);
    expect((await row()).attempts).toBe(1);
  });

  it('the alerts of one situation (one declaration, one transaction) are claimed together, a limit of 1 counting situations: both parts in one pass, one message', async () => {
    const id = await declare('AL-BATCH', '2026-11-09', 400);
    const cargoNo = await cargoNoOf(id);
    const part = (refundId: number, amountKrw: number) => ({ ...facts(refundId, cargoNo), amountKrw, owedKrw: 83_260, batch: 'tx-1' });
    // 49,950 + 3,320 = 53,270: the parts of one refund, queued in one transaction; then a row of another situation.
    for (const [refundId, amount] of [
      [900_000_011, 49_950],
      [900_000_012, 3_320],
    ] as const) {
      await t.db.pool.query(`INSERT INTO consumer_refund_alerts (refund_id, declaration_id, event, facts, next_attempt_at, created_at) VALUES ($1, $2, 'refund_due', $3, $4, $4)`, [refundId, id, part(refundId, amount), at]);
    }
    await queue(900_000_013, id); // queued before batches: alone
    const outbox = new PgConsumerRefundAlerts(t.db.pool);
    expect((await outbox.claimDue({ limit: 1, at, leaseMs: 60_000 })).map((j) => j.refundId)).toEqual([900_000_011, 900_000_012]);
    expect((await outbox.claimDue({ limit: 1, at, leaseMs: 60_000 })).map((j) => j.refundId)).toEqual([900_000_013]);
    // After the lease: one pass sends the two parts as one message (and the other alone).
    const sent: { channel: string; body: string }[] = [];
    const channel: Notifier = { send: async (m) => void sent.push(m) };
    const now = { t: new Date(at.getTime() + 60_000) };
    expect(await sendConsumerRefundAlerts(depsAt(now, holderNotifier({ sms: channel, email: channel, push: null, store: {} as never })), 10)).toBe(3);
    const sms = sent.filter((m) => m.channel === 'sms').map((m) => m.body);
    expect(sms).toHaveLength(2);
    expect(sms[0]).toContain(`53,270원은 환급 대상으로 등록되었습니다(환불번호 ${refundNo(900_000_011)} 49,950원, ${refundNo(900_000_012)} 3,320원, 관세법 제46조`);
    expect((await alertsOf(id)).map((x) => x.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('the claim asks for the earlier pending row of a situation by an index on (declaration_id, batch), pending rows only (migrations/105)', async () => {
    // Measured on a table of 2,000,000 sent and 5,000 pending alerts: without it each claim reads every pending row into a hash.
    const ix = await t.db.pool.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'consumer_refund_alerts' AND indexname = 'consumer_refund_alerts_pending_batch'`);
    expect(ix.rows).toHaveLength(1);
    expect(ix.rows[0].indexdef.replace(/\s+/g, ' ')).toMatch(/\(declaration_id, \(\(facts ->> 'batch'::text\)\)\) WHERE \(status = 'pending'::text\)$/);
  });

  it('a claim left unsettled (the process stopped before the mark) is taken again once its lease (5 min) ran out, not before', async () => {
    const id = await declare('AL-LEASE', '2026-11-07', 400);
    await queue(900_000_002, id);
    const outbox = new PgConsumerRefundAlerts(t.db.pool);
    const claim = (ms: number) => outbox.claimDue({ limit: 10, at: new Date(at.getTime() + ms), leaseMs: 5 * 60_000 });
    expect((await claim(0)).map((j) => j.refundId)).toEqual([900_000_002]);
    expect(await claim(4 * 60_000)).toEqual([]);
    expect((await claim(5 * 60_000)).map((j) => j.refundId)).toEqual([900_000_002]);
  });
});
