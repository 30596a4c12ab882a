// The PCCC holder's alerts of a deposit into a virtual account (it paid; nothing was owed, so all of it is
// refunded) and of its reversal by the bank are queued in the transaction that records the payment or the
// reversal (consumer_refund_alerts keyed by the payment, migrations/108) and sent by the refund alerts'
// worker with its retries, each with the link to the page where the holder sees it. Before, they were sent
// after the commit, best effort: with the SMS gateway down (here the SOLAPI emulator answering 503) the
// message was lost, never tried again. Toss's callback sent again queues nothing more: one message per
// deposit event. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSolapiEmulator, type SolapiEmulator } from '../../src/adapters/notifications/solapi-emulator.ts';
import { api, clockRunningFrom, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { operatorParcels, refundNo } from '../support/consumer-tax-notices.ts';
import { sendConsumerRefundAlerts } from '../../src/app/send-consumer-refund-alerts.ts';
import { PgConsumerRefundAlerts } from '../../src/adapters/db/consumer-refund-alert-repository.ts';
import { recordConfirmedDeposit } from '../../src/app/record-virtual-account-deposit.ts';
import type { TaxDeps } from '../../src/app/list-tax-notices.ts';
import type { TaxPaymentStore } from '../../src/app/ports/payment-ports.ts';

const KEY = 'NCSDEPOSITALERT01';
const SECRET = 'deposit-alert-secret-0123456789';
const MINJI_PHONE = '01012345678';

let emu: SolapiEmulator;
let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;

beforeAll(async () => {
  emu = await startSolapiEmulator({ accounts: [{ apiKey: KEY, apiSecret: SECRET }], senders: ['15880000'] });
  // Noon in Korea on Wednesday 2026-11-25, the clock running: the notices are due 2026-12-03, a transfer can be issued.
  t = await startTestPlatform(
    { payments: { provider: 'emulator' }, sms: { provider: 'solapi', apiKey: KEY, apiSecret: SECRET, sender: '15880000', apiBase: emu.url, maxAttempts: 1, backoffBaseMs: 1, timeoutMs: 5000 } },
    { clock: clockRunningFrom('2026-11-25T03:00:00Z') },
  );
  alpha = await t.operator('DEPALERT');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: MINJI_PHONE, postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  // Signed in with the one-time code the gateway took (no local inbox with SMS_PROVIDER=solapi).
  const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: 'P123456789012', name: '김민지', phone: '010-1234-5678', postcode: '06236' } });
  expect(start.status).toBe(201);
  const code = /인증번호 (\d{6})/.exec(emu.messages.findLast((m) => m.to === MINJI_PHONE && m.text.includes('인증번호'))!.text)![1]!;
  const done = await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code } });
  expect(done.status).toBe(200);
  minji = done.body.token as string;
});
afterAll(async () => {
  await t?.close();
  await emu?.close();
});

const { declare, cargoNoOf } = operatorParcels(() => t, () => alpha);
/** What the gateway took for 김민지's phone about one parcel's deposit (입금), oldest first: not the usage alert of its filing. */
const smsAbout = (cargoNo: string) => emu.messages.filter((m) => m.to === MINJI_PHONE && m.text.includes(cargoNo) && m.text.includes('입금')).map((m) => m.text);
const alertsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT payment_id::int, refund_id::int, event, status FROM consumer_refund_alerts WHERE declaration_id = $1 AND payment_id IS NOT NULL ORDER BY id`, [id])).rows;
const paymentsOf = async (id: number) => (await t.db.pool.query(`SELECT id::int, receipt_no, amount_krw::int AS amount FROM tax_payments WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
/** The consumer asks to pay by transfer: the account issued (Toss's order id). */
async function transferAccount(id: number, amountKrw: number): Promise<string> {
  expect((await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw } })).status).toBe(202);
  return (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
}
/**
 * A pass of the refund alerts' worker `laterMs` after the platform's clock, with the platform's own holder
 * notifier (SMS through the gateway): a retry is due a minute after a failure (1 min × 2^0), which the
 * platform's worker, on the real clock, would reach only a minute later.
 */
const passAfter = (laterMs: number) =>
  sendConsumerRefundAlerts(
    {
      outbox: new PgConsumerRefundAlerts(t.db.pool),
      declarations: t.platform.deps.declarations,
      registry: t.platform.deps.identity!.deps.registry,
      holders: t.platform.deps.identity!.deps.holders,
      clock: { now: () => new Date(t.platform.deps.clock.now().getTime() + laterMs) },
      portalUrl: () => t.base,
    },
    10,
  );
const gatewayDown = () => emu.failNext(1_000, 503);
const gatewayUp = () => emu.failNext(0);

describe('a deposit and its reversal are told to the holder durably, once', () => {
  it('a deposit that paid 136,530, recorded with the SMS gateway down, is delivered once the gateway is back, with its receipt link; the bank reverses it, the gateway down again: that alert too', async () => {
    const id = await declare('DA-PAID', '2026-11-02', 400);
    const cargoNo = await cargoNoOf(id);
    const orderId = await transferAccount(id, 136_530);
    gatewayDown();
    try {
      expect(await t.platform.paymentEmulator!.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
      const [paid] = await paymentsOf(id);
      expect(paid).toMatchObject({ amount: 136_530 });
      // Committed with the payment, keyed by it (no refund: 136,530 paid = 136,530 owed).
      expect(await alertsOf(id)).toEqual([{ payment_id: paid.id, refund_id: null, event: 'deposit_paid', status: 'pending' }]);
      await t.platform.consumerRefundAlerts.drain(); // the platform's worker tries: the gateway answers 503
      expect(smsAbout(cargoNo)).toEqual([]);
      expect((await alertsOf(id))[0].status).toBe('pending'); // not given up, not marked sent
    } finally {
      gatewayUp();
    }
    await passAfter(2 * 60_000);
    const [paid] = await paymentsOf(id);
    expect(smsAbout(cargoNo)).toEqual([
      `[Tonggwan 통관] 화물관리번호 ${cargoNo}의 세금 136,530원이 가상계좌 입금으로 납부되었습니다. 영수증 번호 ${paid.receipt_no}: ${t.base}/receipts/${paid.receipt_no}` +
        ` / Your transfer of KRW 136,530 paid the taxes on ${cargoNo}. Receipt ${paid.receipt_no}: ${t.base}/receipts/${paid.receipt_no}`,
    ]);
    expect((await alertsOf(id))[0].status).toBe('sent');

    // The bank reverses the deposit while the gateway is down: the payment undone, its alert queued with the reversal.
    gatewayDown();
    try {
      expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
      expect(await alertsOf(id)).toMatchObject([{ event: 'deposit_paid', status: 'sent' }, { payment_id: paid.id, refund_id: null, event: 'deposit_reversed', status: 'pending' }]);
      await t.platform.consumerRefundAlerts.drain();
      expect(smsAbout(cargoNo)).toHaveLength(1);
    } finally {
      gatewayUp();
    }
    await passAfter(2 * 60_000);
    const told = smsAbout(cargoNo);
    expect(told).toHaveLength(2);
    expect(told[1]).toContain(`화물관리번호 ${cargoNo}의 세금 136,530원을 납부한 입금이 은행에서 취소되어(입금 오류/취소) 납부가 취소되었습니다. 영수증 ${paid.receipt_no}는 무효입니다.`);
    // The account waits again at Toss (its deadline ahead), in the reversal's transaction: named to transfer again.
    expect((await t.db.pool.query(`SELECT status FROM tax_virtual_accounts WHERE order_id = $1`, [orderId])).rows[0].status).toBe('waiting');
    expect(told[1]).toContain('같은 계좌(');
    expect(told[1]).toContain(`통관 포털의 세금 고지에서 확인하세요: ${t.base}/me`);
    expect(told[1]).toContain(`See the tax notice on the portal: ${t.base}/me`);
    // Nothing more to send.
    await passAfter(10 * 60_000);
    expect(smsAbout(cargoNo)).toHaveLength(2);
  });

  it('a deposit into an account closed by a withdrawal (0 owed): recorded for a refund of all of it, 136,530, told durably with the link to /me', async () => {
    const id = await declare('DA-WD', '2026-11-03', 400);
    const cargoNo = await cargoNoOf(id);
    const orderId = await transferAccount(id, 136_530);
    const emulator = t.platform.paymentEmulator!;
    // Toss refuses the close for a while, so the bank still takes the transfer after the withdrawal.
    emulator.faults.refuseCancels = true;
    gatewayDown();
    try {
      expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
      await t.platform.accountClosures.drain();
      expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
      await t.platform.consumerRefundAlerts.drain();
    } finally {
      emulator.faults.refuseCancels = false;
      gatewayUp();
    }
    const [paid] = await paymentsOf(id);
    // Withdrawn: 136,530 paid − 0 owed = 136,530 refunded, the deposit's own record.
    const refund = (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [id])).rows;
    expect(refund).toMatchObject([{ amount: 136_530 }]);
    expect(await alertsOf(id)).toEqual([{ payment_id: paid.id, refund_id: null, event: 'deposit_not_owed', status: 'pending' }]);
    expect(smsAbout(cargoNo)).toEqual([]);
    await passAfter(2 * 60_000);
    const told = smsAbout(cargoNo);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(
      `화물관리번호 ${cargoNo}의 신고가 취하되어(관세법 제250조) 이 계좌는 닫혔지만, 입금하신 136,530원은 받았으므로 환급 대상으로 등록했습니다(환불번호 ${refundNo(refund[0].id)}, 관세법 제46조 과오납금의 환급)`,
    );
    expect(told[0]).toContain(`통관 포털의 세금 고지에서 확인하세요: ${t.base}/me`);
    expect(told[0]).toContain(`See the tax notice on the portal: ${t.base}/me`);
  });

  it("Toss's DONE callback sent again, one after the other and two at once: one row, one message", async () => {
    const id = await declare('DA-AGAIN', '2026-11-04', 400);
    const cargoNo = await cargoNoOf(id);
    const orderId = await transferAccount(id, 136_530);
    const emulator = t.platform.paymentEmulator!;
    expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
    const secret = emulator.payments().find((p) => p.orderId === orderId)!.secret!;
    const callback = () => api(t.base, 'POST', '/api/v1/payments/toss/deposit-callback', { body: { secret, status: 'DONE', orderId } });
    const [paid] = await paymentsOf(id);
    expect((await callback()).body).toEqual({ result: 'paid', receiptNo: paid.receipt_no });
    const both = await Promise.all([callback(), callback()]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    await t.platform.consumerRefundAlerts.drain();
    await passAfter(10 * 60_000);
    expect(await paymentsOf(id)).toHaveLength(1);
    expect(await alertsOf(id)).toEqual([{ payment_id: paid.id, refund_id: null, event: 'deposit_paid', status: 'sent' }]);
    expect(smsAbout(cargoNo).filter((b) => b.includes(paid.receipt_no))).toHaveLength(1);
  });

  it('the provider is answered what is recorded and what the holder is told, all read under the payment lock: the declaration withdrawn between the reads, 86,580 deposited is refunded in full (before: answered paid from what was owed before the lock, the holder told nothing was owed)', async () => {
    const id = await declare('DA-SOURCE', '2026-11-05', 250);
    const orderId = await transferAccount(id, 86_580);
    const payments = t.platform.deps.taxPayments!;
    const account = (await payments.virtualAccounts.findByOrderId(orderId))!;
    // The store as the platform's, but the operator withdraws the declaration just before the payment's transaction takes the lock:
    // recordConfirmedDeposit has read 86,580 owed, nothing paid; under the lock 0 is owed: 86,580 − 0 over, all of it refunded.
    const store: TaxPaymentStore = Object.create(payments.store, {
      insert: {
        value: async (p: Parameters<TaxPaymentStore['insert']>[0]) => {
          expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
          return payments.store.insert(p);
        },
      },
    });
    const deps: TaxDeps = {
      declarations: t.platform.deps.declarations,
      clock: t.platform.deps.clock,
      secrets: t.platform.deps.secrets,
      reference: t.platform.deps.reference,
      taxPayments: store,
      virtualAccounts: payments.virtualAccounts,
      paymentProvider: payments.provider,
      refunds: payments.refunds,
      virtualAccountPolicy: payments.virtualAccountPolicy,
    };
    const r = await recordConfirmedDeposit(deps, account);
    const refund = (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [id])).rows;
    expect(refund.map((x) => x.amount)).toEqual([86_580]);
    // The holder's alert, queued with the payment under the lock: nothing was owed, all of it refunded.
    expect((await alertsOf(id)).map((x) => x.event)).toEqual(['deposit_not_owed']);
    // The provider's answer says the same.
    expect(r).toEqual({ ok: true, value: { result: 'refund_due', refundNo: refundNo(refund[0].id) } });
    // Toss's callback sent again (the account deposited): answered the same, from the alert queued (before: paid).
    const secret = t.platform.paymentEmulator!.payments().find((p) => p.orderId === orderId)!.secret!;
    const again = await api(t.base, 'POST', '/api/v1/payments/toss/deposit-callback', { body: { secret, status: 'DONE', orderId } });
    expect(again.body).toEqual({ result: 'refund_due', refundNo: refundNo(refund[0].id) });
  });
});
