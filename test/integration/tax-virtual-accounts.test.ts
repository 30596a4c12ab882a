// Paying taxes by transfer into a virtual account (가상계좌) over HTTP on a real PostgreSQL (embedded,
// or DATABASE_URL): issue through the Toss Payments protocol emulator, the same account while it
// waits, and again on the notice when the payer comes back; Toss's deposit callback (secret,
// confirmation by look-up, idempotent) and the consumer's alert of it, the account closed at Toss
// when the notice is paid by card (and a close Toss refuses, retried, ending in a refund due when a
// deposit slipped in), a deposit Toss confirms into an account we had closed as expired, expiry
// and a new account, the demo deposit, a deposit reversed by the bank (the payment undone, the
// receipt void) and the operator's webhooks (tax.paid, tax.payment_reversed). A fixed clock that the tests move
// (the emulator's clock too), so deadlines do not depend on the day the tests run.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { verifyWebhookSignature } from '../../src/adapters/webhooks/signature.ts';
import { until } from '../support/until.ts';
import { documentedSignature } from '../support/webhook-signature.ts';
import { PgVirtualAccountStore } from '../../src/adapters/db/virtual-account-repository.ts';
import { CLOSURE_LEASE_MS } from '../../src/app/close-virtual-accounts.ts';

let now = Date.parse('2026-11-20T01:00:00Z'); // 10:00 in Korea
let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let other: string;
let admin: string;
let officer: string;
const ids: Record<string, number> = {};

const taxed = (ref: string, purchasedAt: string) =>
  declaration(ref, { order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' }, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }] });

beforeAll(async () => {
  t = await startTestPlatform({ payments: { provider: 'emulator' } }, { clock: { now: () => new Date(now) } });
  alpha = await t.operator('VALPHA');
  admin = (await t.officer('va-admin', 'admin')).token;
  officer = (await t.officer('va-officer')).token;
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
    { pccc: 'P999999999999', name: '박서준', phone: '01099998888', postcodes: ['04524'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  const refs = ['VA-1', 'VA-2', 'VA-3', 'VA-4', 'VA-5', 'VA-6', 'VA-7', 'VA-8', 'VA-9', 'VA-10', 'VA-11', 'VA-12', 'VA-13', 'VA-14', 'VA-15', 'VA-16'];
  // The operator's webhook receiver (tax events).
  hooks = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooked.push({ body, signature: String(req.headers['tonggwan-signature']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: refs.map((ref, i) => taxed(ref, `2026-11-${String(i + 1).padStart(2, '0')}`)) } });
  expect(r.status).toBe(200);
  for (const x of r.body.results) {
    expect(x.status).toBe('accepted');
    ids[x.ref] = x.declarationId;
  }
  minji = await minjiSignsIn();
  other = await consumerToken(t.base, 'P999999999999', '박서준', '010-9999-8888', '04524');
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => hooks?.close(r));
});
let hooks: http.Server;
const hooked: { body: string; signature: string }[] = [];
const noticeOf = async (id: number) => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((n: { declarationId: number }) => n.declarationId === id);
const transfer = (id: number, amountKrw: number, o: { token?: string; key?: string; bankCode?: string } = {}) =>
  api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: o.token ?? minji, body: { method: 'transfer', amountKrw, ...(o.bankCode ? { bankCode: o.bankCode } : {}) }, ...(o.key ? { headers: { 'idempotency-key': o.key } } : {}) });
const accountsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT order_id, status, receipt_no, account_number, secret_sha256 FROM tax_virtual_accounts WHERE declaration_id = $1 ORDER BY id`, [id])).rows as {
    order_id: string;
    status: string;
    receipt_no: string | null;
    account_number: string;
    secret_sha256: string;
  }[];
const secretOf = (orderId: string) => t.platform.paymentEmulator!.payments().find((p) => p.orderId === orderId)!.secret!;
const callback = (body: unknown) => api(t.base, 'POST', '/api/v1/payments/toss/deposit-callback', { body });
/** What reached Kim Minji's mobile (the demo inbox: the local SMS store), newest first. */
const smsToMinji = async () => (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01012345678')).body.notifications.map((n: { body: string }) => n.body) as string[];
const krw = (n: number) => n.toLocaleString('en-US');
const closuresOf = async (id: number) =>
  (await t.db.pool.query(`SELECT reason, status, attempts, last_error FROM tax_account_closures WHERE declaration_id = $1 ORDER BY id`, [id])).rows as { reason: string; status: string; attempts: number; last_error: string | null }[];
const tossStatusOf = (orderId: string) => t.platform.paymentEmulator!.payments().find((p) => p.orderId === orderId)!.status;
const payByCard = (id: number, amountKrw: number, token?: string) =>
  token
    ? api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token, body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } })
    : api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
const paymentsOf = async (id: number) => (await t.db.pool.query('SELECT count(*)::int AS n FROM tax_payments WHERE declaration_id = $1', [id])).rows[0].n as number;
/** Kim Minji's consumer session (again after the tests moved the clock past the last one's expiry). */
const minjiSignsIn = () => consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
/** The payer deposits into the account, and Toss's callback does not reach us (yet): the test sends it when it means to. */
async function depositUnseen(orderId: string): Promise<void> {
  const emulator = t.platform.paymentEmulator!;
  emulator.setCallbackUrl(null);
  try {
    expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: null });
  } finally {
    emulator.setCallbackUrl(`${t.base}/api/v1/payments/toss/deposit-callback`);
  }
}

describe('paying taxes by transfer into a virtual account', () => {
  it('issues an account at the chosen bank, waiting for the deposit, with its deadline no later than the notice’s; asking again answers the same account', async () => {
    const id = ids['VA-1']!;
    const due = await noticeOf(id);
    const r = await transfer(id, due.amountKrw, { bankCode: '88', key: 'va-1-a' });
    expect(r.status).toBe(202);
    expect(r.body.notice).toMatchObject({ declarationId: id, status: 'due', payment: null });
    const va = r.body.virtualAccount;
    expect(va).toMatchObject({ bankCode: '88', bank: { ko: '신한은행', en: 'Shinhan Bank' }, holderName: '통관 세금 납부', amountKrw: due.amountKrw, status: 'waiting', demo: true });
    expect(va.accountNumber).toMatch(/^X\d{10}$/);
    expect(Date.parse(va.dueAt)).toBe(now + 72 * 3_600_000); // at most 72 hours
    expect(Date.parse(va.dueAt)).toBeLessThanOrEqual(Date.parse(`${due.dueDate}T23:59:59+09:00`));
    expect(va.text.ko).toContain(`신한은행 ${va.accountNumber}`);
    expect(va.text.en).toContain('Shinhan Bank');
    // Reloaded, or back later: the notice carries the account waiting for the deposit, for the consumer and the operator alike.
    expect((await noticeOf(id)).virtualAccount).toEqual(va);
    const operatorNotices = (await api(t.base, 'GET', '/api/v1/tax-notices?status=due', { token: alpha.key })).body.notices as { declarationId: number; virtualAccount: unknown }[];
    expect(operatorNotices.find((n) => n.declarationId === id)!.virtualAccount).toEqual(va);
    expect((await noticeOf(ids['VA-2']!)).virtualAccount).toBeNull(); // none issued there
    // Again: another key, another bank, the operator on the consumer's behalf: the same account.
    const again = await transfer(id, due.amountKrw, { bankCode: '20', key: 'va-1-b' });
    expect(again.status).toBe(202);
    expect(again.body.virtualAccount).toEqual(va);
    const byOperator = await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: due.amountKrw } });
    expect(byOperator.status).toBe(202);
    expect(byOperator.body.virtualAccount.accountNumber).toBe(va.accountNumber);
    const rows = await accountsOf(id);
    expect(rows.map((a) => a.status)).toEqual(['waiting']);
    expect(rows[0]!.secret_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.secret_sha256).not.toBe(secretOf(rows[0]!.order_id)); // only its hash is stored
    expect(await paymentsOf(id)).toBe(0);
    // Not a bank offered; not one's own notice.
    const bad = await transfer(id, due.amountKrw, { bankCode: '99' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('body.bankCode');
    expect((await transfer(id, due.amountKrw, { token: other })).status).toBe(404);
  });

  it('gives two requests at the same moment one account', async () => {
    const id = ids['VA-6']!;
    const due = await noticeOf(id);
    const [a, b] = await Promise.all([transfer(id, due.amountKrw, { key: 'race-va-a' }), transfer(id, due.amountKrw, { key: 'race-va-b' })]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.virtualAccount.accountNumber).toBe(b.body.virtualAccount.accountNumber);
    expect((await accountsOf(id)).filter((x) => x.status === 'waiting')).toHaveLength(1);
  });

  it('gives two copies of one request at the same moment (same key) the one account Toss answered both, and leaves it open for the deposit', async () => {
    const id = ids['VA-12']!;
    const due = await noticeOf(id);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.holdAnswers = true;
    let both;
    try {
      // Both copies reach Toss before either is stored: Toss answers the second with the first's account (same Idempotency-Key).
      const racing = Promise.all([transfer(id, due.amountKrw, { key: 'race-same-key' }), transfer(id, due.amountKrw, { key: 'race-same-key' })]);
      await until(() => (emulator.heldAnswers() >= 2 ? true : undefined), 'both copies at Toss');
      emulator.faults.holdAnswers = false;
      emulator.releaseHeld();
      both = await racing;
    } finally {
      emulator.faults.holdAnswers = false;
      emulator.releaseHeld();
    }
    expect(both.map((r) => r.status)).toEqual([202, 202]);
    expect(both[0]!.body.virtualAccount.accountNumber).toBe(both[1]!.body.virtualAccount.accountNumber);
    const accounts = await accountsOf(id);
    expect(accounts.map((a) => a.status)).toEqual(['waiting']);
    expect(await closuresOf(id)).toEqual([]); // the account shown is not closed at Toss
    expect(tossStatusOf(accounts[0]!.order_id)).toBe('WAITING_FOR_DEPOSIT');
    expect(await emulator.deposit(accounts[0]!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    expect((await noticeOf(id)).status).toBe('paid');
  });

  it('refuses a forged callback (unknown order, wrong secret, or a deposit Toss does not confirm) alike, recording nothing', async () => {
    const id = ids['VA-1']!;
    const [account] = await accountsOf(id);
    const secret = secretOf(account!.order_id);
    const wrongSecret = await callback({ createdAt: '2026-11-20T10:01:00+09:00', secret: 'ps_not-the-secret', status: 'DONE', transactionKey: 'x', orderId: account!.order_id });
    const unknownOrder = await callback({ createdAt: '2026-11-20T10:01:00+09:00', secret, status: 'DONE', transactionKey: 'x', orderId: 'TG000-nosuchorder' });
    expect(wrongSecret.status).toBe(403);
    expect(unknownOrder.status).toBe(403);
    expect(unknownOrder.body.error).toEqual(wrongSecret.body.error); // which of the two is not said
    expect(wrongSecret.body.error.code).toBe('DEPOSIT_CALLBACK_REJECTED');
    // The right secret, but Toss says the account still waits: the callback alone is not proof.
    const unconfirmed = await callback({ secret, status: 'DONE', orderId: account!.order_id });
    expect(unconfirmed.status).toBe(403);
    expect(await paymentsOf(id)).toBe(0);
    expect((await accountsOf(id))[0]!.status).toBe('waiting');
    expect((await callback({ status: 'DONE' })).status).toBe(400);
  });

  it('records the deposit once Toss calls back, as a transfer payment with its receipt, and once only when the callback comes again', async () => {
    const id = ids['VA-1']!;
    const [account] = await accountsOf(id);
    expect(await t.platform.paymentEmulator!.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    const after = await noticeOf(id);
    expect(after).toMatchObject({ status: 'paid', payment: { method: 'transfer', payerKind: 'consumer', amountKrw: after.amountKrw } });
    const receiptNo = after.payment.receiptNo;
    expect(after.virtualAccount).toBeNull(); // paid: no account to show any more
    expect((await accountsOf(id))[0]).toMatchObject({ status: 'deposited', receipt_no: receiptNo });
    // The consumer, long gone from the page, is told on their mobile: amount and receipt number, in Korean and English.
    await t.platform.consumerRefundAlerts.drain(); // the holder's alert is queued with the payment or its reversal (migrations/108)
    const told = (await smsToMinji()).filter((b) => b.includes(receiptNo));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`세금 ${krw(after.amountKrw)}원이 가상계좌 입금으로 납부되었습니다. 영수증 번호 ${receiptNo}`);
    expect(told[0]).toContain(`Your transfer of KRW ${krw(after.amountKrw)} paid the taxes on ${after.cargoNo}. Receipt ${receiptNo}`);
    expect(told[0]).toContain(`/receipts/${receiptNo}`);
    // Toss retries: the same callback again is taken and changes nothing.
    const again = await callback({ createdAt: '2026-11-20T10:05:00+09:00', secret: secretOf(account!.order_id), status: 'DONE', transactionKey: 'retry', orderId: account!.order_id });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ result: 'paid', receiptNo });
    expect(await paymentsOf(id)).toBe(1);
    await t.platform.consumerRefundAlerts.drain(); // the holder's alert is queued with the payment or its reversal (migrations/108)
    expect((await smsToMinji()).filter((b) => b.includes(receiptNo))).toHaveLength(1); // told once, not once per copy
    const receipt = await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`);
    expect(receipt.body).toMatchObject({ method: 'transfer', payerKind: 'consumer', demo: true });
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}/certificate.pdf`)).status).toBe(200);
    // Paid: a transfer is not issued any more.
    expect((await transfer(id, after.amountKrw)).body.error.code).toBe('TAXES_ALREADY_PAID');
  });

  it('lets a demo payer deposit from the portal: the emulator transfers and calls back, and the receipt is answered', async () => {
    const id = ids['VA-2']!;
    const due = await noticeOf(id);
    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit`, { token: minji })).body.error.code).toBe('NO_WAITING_ACCOUNT');
    expect((await transfer(id, due.amountKrw, { key: 'va-2' })).status).toBe(202);
    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit`, { token: other })).status).toBe(404);
    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit`)).status).toBe(401);
    const r = await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit`, { token: minji });
    expect(r.status).toBe(201);
    expect(r.body.notice).toMatchObject({ status: 'paid', payment: { method: 'transfer' } });
    expect(r.body.receipt).toMatchObject({ method: 'transfer', amountKrw: due.amountKrw, demo: true });
    expect(await paymentsOf(id)).toBe(1);
    // The demo deposit goes through Toss's callback, so the consumer is told the same way.
    await t.platform.consumerRefundAlerts.drain(); // the holder's alert is queued with the payment or its reversal (migrations/108)
    expect((await smsToMinji()).some((b) => b.includes(`영수증 번호 ${r.body.receipt.receiptNo}`) && b.includes(`${krw(due.amountKrw)}원`))).toBe(true);
  });

  it('closes the waiting account at Toss when the taxes are paid by card: the bank refuses a later transfer, nothing to refund', async () => {
    const id = ids['VA-3']!;
    const due = await noticeOf(id);
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const card = await payByCard(id, due.amountKrw);
    expect(card.status).toBe(201);
    const [account] = await accountsOf(id);
    // Closed here and at Toss once the card payment was recorded: the account cannot take the same taxes again.
    expect(account!.status).toBe('canceled');
    expect(tossStatusOf(account!.order_id)).toBe('CANCELED');
    expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'closed', attempts: 1, last_error: null }]);
    expect(await t.platform.paymentEmulator!.deposit(account!.order_id)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' }); // the bank refuses the transfer
    expect(await paymentsOf(id)).toBe(1);
    expect((await noticeOf(id)).payment).toMatchObject({ method: 'card', receiptNo: card.body.receipt.receiptNo });
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].n).toBe(0);
  });

  it('retries a close Toss refused; a deposit that slipped in meanwhile ends as a refund due, for the administrators, and the retry then finds it deposited', async () => {
    const id = ids['VA-9']!;
    const due = await noticeOf(id);
    const start = now;
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.refuseCancels = true;
    let card;
    try {
      // The operator pays on the consumer's behalf; Toss refuses the close (403 NOT_CANCELABLE_PAYMENT).
      card = await payByCard(id, due.amountKrw, alpha.key);
    } finally {
      emulator.faults.refuseCancels = false;
    }
    expect(card.status).toBe(201); // the payment stands whatever Toss answers to the close
    const [account] = await accountsOf(id);
    expect(account!.status).toBe('canceled');
    expect(tossStatusOf(account!.order_id)).toBe('WAITING_FOR_DEPOSIT');
    expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'pending', attempts: 1, last_error: 'the cancel was refused; the payment is WAITING_FOR_DEPOSIT at the provider' }]);
    // Not due yet (the first retry is a minute later): a pass does nothing.
    await t.platform.accountClosures.drain();
    expect((await closuresOf(id))[0]!.status).toBe('pending');
    // The consumer transfers into it before the retry: the deposit path records a refund due and tells them.
    expect(await emulator.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    const refunds = await t.db.pool.query(`SELECT reason, amount_krw::int AS amount_krw, payer_kind FROM tax_refunds_due WHERE declaration_id = $1`, [id]);
    expect(refunds.rows).toEqual([{ reason: 'deposit_after_paid', amount_krw: due.amountKrw, payer_kind: 'consumer' }]);
    const cargoNo = (await noticeOf(id)).cargoNo as string;
    await t.platform.consumerRefundAlerts.drain(); // the alert is queued with the refund due (migrations/106)
    const refundSms = (await smsToMinji()).filter((b) => b.includes(`${krw(due.amountKrw)}원은 환불 대상으로 등록했습니다`) && b.includes(cargoNo));
    expect(refundSms).toHaveLength(1);
    expect(refundSms[0]).toMatch(/환불번호 RF-\d{8}/);
    const listed = await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due', { token: admin });
    expect(listed.body.refunds.some((x: { declarationId: number; reason: string }) => x.declarationId === id && x.reason === 'deposit_after_paid')).toBe(true);
    // The retry, a minute later: Toss refuses again (deposited), its record says DONE: the deposit path again, which changes nothing.
    now += 61_000;
    await t.platform.accountClosures.drain();
    expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'deposited', attempts: 2, last_error: expect.any(String) }]);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].n).toBe(1);
    await t.platform.consumerRefundAlerts.drain();
    expect((await smsToMinji()).filter((b) => b.includes(`${krw(due.amountKrw)}원은 환불 대상으로 등록했습니다`) && b.includes(refundSms[0]!.match(/RF-\d{8}/)![0]))).toHaveLength(1);
    expect(await paymentsOf(id)).toBe(1);
    now = start;
  });

  it('retries a close Toss could not take (unreachable) until it is closed there, with backoff', async () => {
    const id = ids['VA-11']!;
    const due = await noticeOf(id);
    const start = now;
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.refuseCancels = true;
    try {
      expect((await payByCard(id, due.amountKrw)).status).toBe(201);
      const [account] = await accountsOf(id);
      expect((await closuresOf(id))[0]).toMatchObject({ status: 'pending', attempts: 1 });
      // Second attempt after 1 min (1 min × 2^0), still refused; the third is due 2 min after that (1 min × 2^1).
      now += 60_000;
      await t.platform.accountClosures.drain();
      expect((await closuresOf(id))[0]).toMatchObject({ status: 'pending', attempts: 2 });
      now += 119_000;
      await t.platform.accountClosures.drain();
      expect((await closuresOf(id))[0]).toMatchObject({ status: 'pending', attempts: 2 }); // not yet due
      emulator.faults.refuseCancels = false; // Toss takes cancels again
      now += 1_000;
      await t.platform.accountClosures.drain();
      expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'closed', attempts: 3, last_error: expect.any(String) }]);
      expect(tossStatusOf(account!.order_id)).toBe('CANCELED');
      expect(await emulator.deposit(account!.order_id)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' });
    } finally {
      emulator.faults.refuseCancels = false;
      now = start;
    }
  });

  it('closes an account Toss reports cancelled', async () => {
    const id = ids['VA-4']!;
    const due = await noticeOf(id);
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const [account] = await accountsOf(id);
    const r = await callback({ secret: secretOf(account!.order_id), status: 'CANCELED', orderId: account!.order_id });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: 'closed' });
    expect((await accountsOf(id)).map((a) => a.status)).toEqual(['canceled']);
  });

  it('leaves a close its caller is sending to that caller: the worker sends it only once the lease ran out (the caller died), never alongside it', async () => {
    const id = ids['VA-16']!;
    const start = now;
    const due = await noticeOf(id);
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const [account] = await accountsOf(id);
    // The caller closes the row and queues the close, then dies before asking Toss.
    const store = new PgVirtualAccountStore(t.db.pool);
    const waiting = await store.findWaiting(id);
    expect(await store.closeWithFollowUp(waiting!.id, { from: 'waiting', at: new Date(now), reason: 'paid_otherwise', leaseMs: CLOSURE_LEASE_MS })).not.toBeNull();
    // Before, it was due at once: a worker's pass beside the caller's own attempt sent the cancel twice.
    await t.platform.accountClosures.drain();
    expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'pending', attempts: 0, last_error: null }]);
    expect(tossStatusOf(account!.order_id)).toBe('WAITING_FOR_DEPOSIT');
    now += CLOSURE_LEASE_MS; // 2 min: the lease ran out; the worker sends it
    await t.platform.accountClosures.drain();
    expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'closed', attempts: 1, last_error: null }]);
    expect(tossStatusOf(account!.order_id)).toBe('CANCELED');
    now = start;
  });

  it('records a deposit Toss took into an account our clock already saw expired (ahead by seconds): closing it at Toss finds the deposit, which is the payment; no second account; the late callback changes nothing', async () => {
    const id = ids['VA-7']!;
    const due = await noticeOf(id);
    const start = now;
    const first = await transfer(id, due.amountKrw, { key: 'va-7' });
    expect(first.status).toBe(202);
    const [account] = await accountsOf(id);
    // The payer transfers in the last seconds by Toss's clock; its callback has not reached us yet.
    await depositUnseen(account!.order_id);
    // By our clock the deadline passed 30 seconds ago: asking again closes the first account as expired;
    // Toss refuses the close (deposited) and its record says DONE: the deposit is the payment, and the answer is its receipt.
    now = Date.parse(first.body.virtualAccount.dueAt) + 30_000;
    minji = await minjiSignsIn();
    const second = await transfer(id, due.amountKrw, { key: 'va-7-b' });
    expect(second.status).toBe(201);
    const receiptNo = second.body.receipt.receiptNo as string;
    expect(second.body.receipt).toMatchObject({ method: 'transfer', amountKrw: due.amountKrw, voided: null });
    expect((await accountsOf(id)).map((a) => [a.status, a.receipt_no])).toEqual([['deposited', receiptNo]]); // it says what happened; nobody is given a second account
    expect((await closuresOf(id))[0]).toMatchObject({ reason: 'expired', status: 'deposited' });
    const paid = await noticeOf(id);
    expect(paid).toMatchObject({ status: 'paid', payment: { method: 'transfer', receiptNo, amountKrw: due.amountKrw }, virtualAccount: null });
    // Toss's callback for it arrives late: the same receipt, nothing recorded twice, the holder told once.
    const cb = await callback({ createdAt: '2026-11-23T10:00:29.000000', secret: secretOf(account!.order_id), status: 'DONE', transactionKey: 'late', orderId: account!.order_id });
    expect([cb.status, cb.body]).toEqual([200, { result: 'paid', receiptNo }]);
    expect(await paymentsOf(id)).toBe(1);
    await t.platform.consumerRefundAlerts.drain(); // the holder's alert is queued with the payment or its reversal (migrations/108)
    expect((await smsToMinji()).filter((b) => b.includes(receiptNo))).toHaveLength(1);
    now = start;
  });

  it('records such a deposit as a refund due when the taxes were paid by card meanwhile (closing the account at Toss finds it), and the row says deposited', async () => {
    const id = ids['VA-8']!;
    const due = await noticeOf(id);
    const start = now;
    const issued = await transfer(id, due.amountKrw, { key: 'va-8' });
    expect(issued.status).toBe(202);
    const [account] = await accountsOf(id);
    await depositUnseen(account!.order_id);
    now = Date.parse(issued.body.virtualAccount.dueAt) + 5_000;
    minji = await minjiSignsIn();
    // The consumer pays by card; closing the account at Toss is refused (deposited): a refund due, recorded at once.
    const card = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    expect(card.status).toBe(201);
    expect((await accountsOf(id)).map((a) => [a.status, a.receipt_no])).toEqual([['deposited', null]]);
    const refunds = await t.db.pool.query(`SELECT id, reason, amount_krw::int AS amount_krw FROM tax_refunds_due WHERE declaration_id = $1`, [id]);
    expect(refunds.rows).toEqual([{ id: expect.any(Number), reason: 'deposit_after_paid', amount_krw: due.amountKrw }]);
    const refundNo = `RF-${String(refunds.rows[0].id).padStart(8, '0')}`;
    expect((await noticeOf(id)).payment).toMatchObject({ method: 'card', receiptNo: card.body.receipt.receiptNo });
    // Toss's callback arrives late: the same refund due.
    const cb = await callback({ secret: secretOf(account!.order_id), status: 'DONE', orderId: account!.order_id });
    expect([cb.status, cb.body]).toEqual([200, { result: 'refund_due', refundNo }]);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].n).toBe(1);
    await t.platform.consumerRefundAlerts.drain(); // queued once, with the record
    expect((await smsToMinji()).filter((b) => b.includes(`환불번호 ${refundNo}`))).toHaveLength(1);
    now = start;
  });

  it('closes an account past its deadline and issues a new one when asked; none once the notice’s due date is too close', async () => {
    const id = ids['VA-5']!;
    const due = await noticeOf(id);
    const first = await transfer(id, due.amountKrw, { key: 'va-5' });
    expect(first.status).toBe(202);
    now += 73 * 3_600_000; // past the account's 72 hours
    minji = await minjiSignsIn(); // the session expired meanwhile
    expect((await noticeOf(id)).virtualAccount).toBeNull(); // past its deadline: not offered to deposit into
    const [old] = await accountsOf(id);
    expect(await t.platform.paymentEmulator!.deposit(old!.order_id)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' }); // the bank refuses it
    // The same request again (same key) is a new account: the old one expired.
    const second = await transfer(id, due.amountKrw, { key: 'va-5' });
    expect(second.status).toBe(202);
    expect(second.body.virtualAccount.accountNumber).not.toBe(first.body.virtualAccount.accountNumber);
    expect((await accountsOf(id)).map((a) => a.status)).toEqual(['expired', 'waiting']);
    // Past the notice's due date: no account can honour it; the card still can.
    now = Date.parse(`${due.dueDate}T23:30:00+09:00`);
    minji = await minjiSignsIn();
    const late = await transfer(id, due.amountKrw, { key: 'va-5-late' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'TRANSFER_NOT_AVAILABLE', details: { dueDate: due.dueDate } });
    expect(late.body.error.en).toContain('pay by card');
    expect((await accountsOf(id)).map((a) => a.status)).toEqual(['expired', 'expired']);
  });
});

describe('closes at Toss that fail, and the administrators', () => {
  beforeAll(async () => {
    now = Date.parse('2026-11-20T01:00:00Z');
    minji = await minjiSignsIn();
  });

  it('closes an account past its deadline at Toss by the queued close: one Toss refuses is retried', async () => {
    const id = ids['VA-13']!;
    const due = await noticeOf(id);
    const start = now;
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const [account] = await accountsOf(id);
    const emulator = t.platform.paymentEmulator!;
    try {
      emulator.faults.refuseCancels = true;
      now += 73 * 3_600_000; // past the account's 72 hours
      minji = await minjiSignsIn();
      expect((await noticeOf(id)).virtualAccount).toBeNull();
      expect((await transfer(id, due.amountKrw)).status).toBe(202); // closes the old one (expired), issues a new one
      expect((await accountsOf(id)).map((a) => a.status)).toEqual(['expired', 'waiting']);
      expect(await closuresOf(id)).toEqual([{ reason: 'expired', status: 'pending', attempts: 1, last_error: expect.stringContaining('refused') }]);
      emulator.faults.refuseCancels = false;
      now += 61_000;
      await t.platform.accountClosures.drain();
      expect((await closuresOf(id))[0]).toMatchObject({ reason: 'expired', status: 'closed', attempts: 2 });
      expect(tossStatusOf(account!.order_id)).toBe('CANCELED');
      expect((await accountsOf(id)).map((a) => a.status)).toEqual(['expired', 'waiting']); // the row still says why it closed
    } finally {
      emulator.faults.refuseCancels = false;
      now = start;
      minji = await minjiSignsIn();
    }
  });

  it('shows administrators the closes given up after every attempt, and tries one again on request (a new Idempotency-Key: Toss takes it)', async () => {
    const id = ids['VA-14']!;
    const due = await noticeOf(id);
    const start = now;
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const [account] = await accountsOf(id);
    const emulator = t.platform.paymentEmulator!;
    try {
      emulator.faults.refuseCancels = true;
      expect((await payByCard(id, due.amountKrw)).status).toBe(201);
      // Toss refuses the close twelve times, at most 6 h apart: given up.
      for (let i = 0; i < 12 && (await closuresOf(id))[0]!.status === 'pending'; i++) {
        now += 6 * 3_600_000;
        await t.platform.accountClosures.drain();
      }
      expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'dead', attempts: 12, last_error: 'the cancel was refused; the payment is WAITING_FOR_DEPOSIT at the provider' }]);
    } finally {
      emulator.faults.refuseCancels = false;
      now = start;
    }
    const listed = await api(t.base, 'GET', '/api/v1/admin/account-closures', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBeGreaterThanOrEqual(1);
    expect(listed.body.maxAttempts).toBe(12);
    const dead = listed.body.closures.find((c: { account: { declarationId: number } }) => c.account.declarationId === id);
    expect(dead).toMatchObject({
      reason: 'paid_otherwise',
      status: 'dead',
      attempts: 12,
      lastError: 'the cancel was refused; the payment is WAITING_FOR_DEPOSIT at the provider',
      // For the administrator: Toss's code in words, in Korean and English, with what Toss sent (its code and Korean message).
      lastErrorExplained: {
        ko: expect.stringContaining('토스페이먼츠가 이 결제는 지금 취소할 수 없다고 답했습니다'),
        en: expect.stringContaining('Toss Payments answered that this payment cannot be cancelled now'),
        providerCode: 'NOT_CANCELABLE_PAYMENT',
        providerMessage: '취소 할 수 없는 결제 입니다.',
      },
      why: { ko: expect.stringContaining('다른 방법'), en: expect.stringContaining('paid another way') },
      account: { paymentNo: due.paymentNo, amountKrw: due.amountKrw, orderId: account!.order_id, accountNumber: account!.account_number },
    });
    expect(dead.doneAt).toEqual(expect.any(String));
    // Administrators only.
    expect((await api(t.base, 'GET', '/api/v1/admin/account-closures', { token: officer })).status).toBe(403);
    expect((await api(t.base, 'POST', `/api/v1/admin/account-closures/${dead.id}/retry`, { token: officer })).status).toBe(403);
    expect((await api(t.base, 'GET', '/api/v1/admin/account-closures')).status).toBe(401);
    // Toss takes cancels again: the retry closes it there now (Toss had answered the earlier keys with a refusal).
    const retried = await api(t.base, 'POST', `/api/v1/admin/account-closures/${dead.id}/retry`, { token: admin });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ outcome: 'closed', closure: { id: dead.id, status: 'closed', attempts: 1 } });
    expect(tossStatusOf(account!.order_id)).toBe('CANCELED');
    expect(await closuresOf(id)).toEqual([{ reason: 'paid_otherwise', status: 'closed', attempts: 1, last_error: expect.any(String) }]);
    expect((await api(t.base, 'GET', '/api/v1/admin/account-closures', { token: admin })).body.closures.some((c: { id: number }) => c.id === dead.id)).toBe(false);
    // Not dead any more, or unknown: nothing to retry.
    const again = await api(t.base, 'POST', `/api/v1/admin/account-closures/${dead.id}/retry`, { token: admin });
    expect([again.status, again.body.error.code]).toEqual([404, 'ACCOUNT_CLOSURE_NOT_FOUND']);
    expect((await api(t.base, 'POST', '/api/v1/admin/account-closures/99999999/retry', { token: admin })).status).toBe(404);
    // The retry is in the audit log: who (the administrator), when (at), which close, the outcome; once
    // (the refused ones above, 403 and 404, changed nothing and are not logged).
    const adminId = (await t.db.pool.query(`SELECT id FROM users WHERE username = 'va-admin'`)).rows[0].id;
    const audited = (await t.db.pool.query(`SELECT at, actor_kind, actor_id, subject, detail FROM audit_log WHERE action = 'account-closure.retry' ORDER BY id`)).rows;
    expect(audited).toEqual([
      {
        at: expect.any(Date),
        actor_kind: 'officer',
        actor_id: adminId,
        subject: `account-closure:${dead.id}`,
        detail: { outcome: 'closed', error: null, providerError: null, reason: 'paid_otherwise', declarationId: id, paymentNo: due.paymentNo, orderId: account!.order_id },
      },
    ]);
    expect(await emulator.deposit(account!.order_id)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' });
  });
});

describe('a deposit reversed by the bank, and the operator who paid on the consumer’s behalf', () => {
  beforeAll(async () => {
    now = Date.parse('2026-11-20T01:00:00Z'); // back from the due-date test above
    minji = await minjiSignsIn();
    other = await consumerToken(t.base, 'P999999999999', '박서준', '010-9999-8888', '04524');
  });
  it('tells the operator on its webhook when the deposit lands (tax.paid), then undoes the payment when the bank reverses it: a reversal record, the notice due, the receipt void, the holder and the operator told, once', async () => {
    const id = ids['VA-10']!;
    const due = await noticeOf(id);
    const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/tax`;
    const reg = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: hookUrl, eventTypes: ['tax.paid', 'tax.payment_reversed'] } });
    expect(reg.status).toBe(201);
    const secret = reg.body.secret as string;
    // The forwarder asks for the account on the consumer's behalf (the operator console's taxes-on-behalf).
    const issued = await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: due.amountKrw } });
    expect(issued.status).toBe(202);
    const [account] = await accountsOf(id);
    const emulator = t.platform.paymentEmulator!;
    expect(await emulator.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    const paid = await noticeOf(id);
    const receiptNo = paid.payment.receiptNo as string;
    expect(paid.payment).toMatchObject({ method: 'transfer', payerKind: 'operator' });
    // The operator's confirmation: a signed tax.paid with the receipt (subscribed by name: no declaration events came).
    const paidHook = await until(() => hooked.find((h) => JSON.parse(h.body).type === 'tax.paid'), 'tax.paid');
    expect(JSON.parse(paidHook.body)).toEqual({
      id: `taxpaid_${receiptNo}`,
      type: 'tax.paid',
      occurredAt: paid.payment.paidAt,
      declaration: { id, ref: 'VA-10', cargoNo: paid.cargoNo },
      payment: { receiptNo, paymentNo: paid.paymentNo, amountKrw: due.amountKrw, method: 'transfer', payerKind: 'operator', paidAt: paid.payment.paidAt },
    });
    expect(verifyWebhookSignature(secret, paidHook.body, paidHook.signature, Math.floor(now / 1000))).toBe(true);
    const paidHookSigned = documentedSignature(secret, paidHook.body, paidHook.signature); // as a receiver following docs/api.md checks it
    expect(paidHookSigned?.matches).toBe(true);
    expect(Math.abs(paidHookSigned!.t - Math.floor(now / 1000))).toBeLessThanOrEqual(300);
    expect(hooked.every((h) => JSON.parse(h.body).type !== 'declaration.event')).toBe(true);

    // The bank reverses the deposit (입금 오류/취소): Toss's payment goes back to WAITING_FOR_DEPOSIT and the callback says so.
    const reversed = await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit-reversal`, { token: minji });
    expect(reversed.status).toBe(200);
    expect(reversed.body.notice).toMatchObject({ declarationId: id, status: 'due', payment: null });
    expect(reversed.body.receipt).toMatchObject({ receiptNo, voided: { reason: 'deposit_reversed', ko: expect.stringContaining('무효'), en: expect.stringContaining('Void') } });
    // Auditable: the payment row stays, a reversal record says when and why; the account waits again, as at Toss.
    expect(await paymentsOf(id)).toBe(1);
    const reversals = await t.db.pool.query(`SELECT r.reason, p.receipt_no FROM tax_payment_reversals r JOIN tax_payments p ON p.id = r.payment_id WHERE r.declaration_id = $1`, [id]);
    expect(reversals.rows).toEqual([{ reason: 'deposit_reversed', receipt_no: receiptNo }]);
    expect(tossStatusOf(account!.order_id)).toBe('WAITING_FOR_DEPOSIT');
    expect((await accountsOf(id)).map((a) => [a.status, a.receipt_no])).toEqual([['waiting', null]]);
    const notice = await noticeOf(id);
    expect(notice).toMatchObject({ status: 'due', payment: null, virtualAccount: { accountNumber: issued.body.virtualAccount.accountNumber } });
    // The receipt is void for anyone who checks it; its certificate no longer verifies a payment.
    const receipt = await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`);
    expect(receipt.body.voided).toMatchObject({ reason: 'deposit_reversed' });
    const certificate = await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}/certificate.pdf`);
    expect(certificate.status).toBe(410);
    expect(certificate.body.error.code).toBe('RECEIPT_VOID');
    // The holder is told, in Korean and English, where to pay again.
    await t.platform.consumerRefundAlerts.drain(); // the holder's alert is queued with the payment or its reversal (migrations/108)
    const told = (await smsToMinji()).filter((b) => b.includes(`영수증 ${receiptNo}는 무효`));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`세금 ${krw(due.amountKrw)}원을 납부한 입금이 은행에서 취소되어`);
    expect(told[0]).toContain(`같은 계좌(우리은행 ${account!.account_number})로`);
    expect(told[0]).toContain(`The bank reversed the deposit that paid KRW ${krw(due.amountKrw)} of taxes on ${paid.cargoNo}, so the payment is undone and receipt ${receiptNo} is void.`);
    // And the operator.
    const revHook = await until(() => hooked.find((h) => JSON.parse(h.body).type === 'tax.payment_reversed'), 'tax.payment_reversed');
    expect(JSON.parse(revHook.body)).toMatchObject({ id: `taxrev_${receiptNo}`, payment: { receiptNo, payerKind: 'operator' }, reversal: { reason: 'deposit_reversed' } });
    expect(verifyWebhookSignature(secret, revHook.body, revHook.signature, Math.floor(now / 1000))).toBe(true);
    const revHookSigned = documentedSignature(secret, revHook.body, revHook.signature); // as a receiver following docs/api.md checks it
    expect(revHookSigned?.matches).toBe(true);
    expect(Math.abs(revHookSigned!.t - Math.floor(now / 1000))).toBeLessThanOrEqual(300);

    // Toss sends the callback again: taken, nothing changes, nobody is told twice.
    const again = await callback({ secret: secretOf(account!.order_id), status: 'WAITING_FOR_DEPOSIT', orderId: account!.order_id });
    expect([again.status, again.body]).toEqual([200, { result: 'reversed', receiptNo }]);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_payment_reversals WHERE declaration_id = $1`, [id])).rows[0].n).toBe(1);
    await t.platform.consumerRefundAlerts.drain(); // the holder's alert is queued with the payment or its reversal (migrations/108)
    expect((await smsToMinji()).filter((b) => b.includes(`영수증 ${receiptNo}는 무효`))).toHaveLength(1);
    expect(hooked.filter((h) => JSON.parse(h.body).type === 'tax.payment_reversed')).toHaveLength(1);

    // The payer deposits again into the same account: a new payment with a new receipt; the void one stays void.
    expect(await emulator.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    const repaid = await noticeOf(id);
    expect(repaid).toMatchObject({ status: 'paid', payment: { method: 'transfer' } });
    expect(repaid.payment.receiptNo).not.toBe(receiptNo);
    expect(await paymentsOf(id)).toBe(2);
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${repaid.payment.receiptNo}`)).body.voided).toBeNull();
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`)).body.voided).not.toBeNull();
  });

  it('withdraws the refund of a deposit made after the taxes were paid when the bank reverses it, tells the payer (once), and closes the account, waiting again at Toss, at once', async () => {
    const id = ids['VA-15']!;
    const due = await noticeOf(id);
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const [account] = await accountsOf(id);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.refuseCancels = true;
    try {
      expect((await payByCard(id, due.amountKrw)).status).toBe(201); // Toss refuses the close: the account stays open there
    } finally {
      emulator.faults.refuseCancels = false;
    }
    // The payer transfers anyway: a refund due, and they are told its number.
    expect(await emulator.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    const refund = (await t.db.pool.query(`SELECT id FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [id])).rows[0];
    const refundNo = `RF-${String(refund.id).padStart(8, '0')}`;
    const cargoNo = (await noticeOf(id)).cargoNo as string;
    // The bank reverses that deposit: the money went back; no refund is to be made, and the payer must know.
    expect(await emulator.reverseDeposit(account!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    expect((await t.db.pool.query(`SELECT resolved_by FROM tax_refunds_due WHERE id = $1`, [refund.id])).rows[0].resolved_by).toBe('system');
    // Queued in the transaction that withdrew the refund (migrations/107), committed with it, nothing sent yet:
    // before, it was sent after the commit, best effort, and a crash there lost it.
    const queued = async () => (await t.db.pool.query(`SELECT status, facts FROM consumer_refund_alerts WHERE refund_id = $1 AND event = 'deposit_reversed_refund'`, [refund.id])).rows;
    expect(await queued()).toMatchObject([{ status: 'pending', facts: { refundNo, amountKrw: due.amountKrw, cargoNo } }]);
    const reversedSms = async () => (await smsToMinji()).filter((b) => b.includes(`환불번호 ${refundNo}`) && b.includes('은행에서 취소되어'));
    expect(await reversedSms()).toEqual([]);
    await t.platform.consumerRefundAlerts.drain();
    expect(await queued()).toMatchObject([{ status: 'sent' }]);
    const told = await reversedSms();
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`화물관리번호 ${cargoNo}의 세금으로 입금하신 ${krw(due.amountKrw)}원`);
    expect(told[0]).toContain('환불은 하지 않고 환불 신청은 닫았습니다');
    expect(told[0]).toContain(`So no refund will be made and refund ${refundNo} is closed. The taxes stay paid; there is nothing for you to do.`);
    // The account, waiting again at Toss, is closed there at once (a new Idempotency-Key: Toss answered the first one with its refusal).
    expect(await closuresOf(id)).toEqual([{ reason: 'reversal_after_paid', status: 'closed', attempts: 1, last_error: null }]);
    expect(tossStatusOf(account!.order_id)).toBe('CANCELED');
    // Toss sends the callback again: nobody is told twice.
    const again = await callback({ secret: secretOf(account!.order_id), status: 'WAITING_FOR_DEPOSIT', orderId: account!.order_id });
    expect(again.status).toBe(200);
    await t.platform.consumerRefundAlerts.drain();
    expect(await reversedSms()).toHaveLength(1);
    expect(await queued()).toHaveLength(1);
    expect((await noticeOf(id)).status).toBe('paid');
  });

  it('refuses a reversal Toss does not confirm, and the demo reversal of taxes not paid by a deposit', async () => {
    const id = ids['VA-1']!; // paid by a deposit above
    const [account] = await accountsOf(id);
    // The right secret, but Toss still holds the deposit (DONE): nothing is undone.
    const stale = await callback({ secret: secretOf(account!.order_id), status: 'WAITING_FOR_DEPOSIT', orderId: account!.order_id });
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ result: 'paid' });
    expect((await noticeOf(id)).status).toBe('paid');
    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${ids['VA-3']!}/deposit-reversal`, { token: minji })).body.error.code).toBe('NO_DEPOSIT_TO_REVERSE'); // paid by card
    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit-reversal`, { token: other })).status).toBe(404);
  });
});
