// Paying taxes by transfer into a virtual account (가상계좌) over HTTP on a real PostgreSQL (embedded,
// or DATABASE_URL): issue through the Toss Payments protocol emulator, the same account while it
// waits, and again on the notice when the payer comes back; Toss's deposit callback (secret,
// confirmation by look-up, idempotent) and the consumer's alert of it, a deposit after a card
// payment, a deposit Toss confirms into an account we had closed as expired, expiry and a new
// account, the demo deposit. A fixed clock that the tests move
// (the emulator's clock too), so deadlines do not depend on the day the tests run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let now = Date.parse('2026-11-20T01:00:00Z'); // 10:00 in Korea
let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let other: string;
let admin: string;
const ids: Record<string, number> = {};

const taxed = (ref: string, purchasedAt: string) =>
  declaration(ref, { order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' }, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }] });

beforeAll(async () => {
  t = await startTestPlatform({ payments: { provider: 'emulator' } }, { clock: { now: () => new Date(now) } });
  alpha = await t.operator('VALPHA');
  admin = (await t.officer('va-admin', 'admin')).token;
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
    { pccc: 'P999999999999', name: '박서준', phone: '01099998888', postcodes: ['04524'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  const refs = ['VA-1', 'VA-2', 'VA-3', 'VA-4', 'VA-5', 'VA-6', 'VA-7', 'VA-8'];
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: refs.map((ref, i) => taxed(ref, `2026-11-0${i + 1}`)) } });
  expect(r.status).toBe(200);
  for (const x of r.body.results) {
    expect(x.status).toBe('accepted');
    ids[x.ref] = x.declarationId;
  }
  minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  other = await consumerToken(t.base, 'P999999999999', '박서준', '010-9999-8888', '04524');
});
afterAll(async () => t?.close());

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
const paymentsOf = async (id: number) => (await t.db.pool.query('SELECT count(*)::int AS n FROM tax_payments WHERE declaration_id = $1', [id])).rows[0].n as number;

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
    expect((await smsToMinji()).some((b) => b.includes(`영수증 번호 ${r.body.receipt.receiptNo}`) && b.includes(`${krw(due.amountKrw)}원`))).toBe(true);
  });

  it('records a deposit that arrives after the taxes were paid by card as a refund due, for the administrators', async () => {
    const id = ids['VA-3']!;
    const due = await noticeOf(id);
    expect((await transfer(id, due.amountKrw)).status).toBe(202);
    const card = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    expect(card.status).toBe(201);
    const [account] = await accountsOf(id);
    expect(await t.platform.paymentEmulator!.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    expect(await paymentsOf(id)).toBe(1);
    const paid = await noticeOf(id);
    expect(paid.payment).toMatchObject({ method: 'card', receiptNo: card.body.receipt.receiptNo });
    const refunds = await t.db.pool.query(`SELECT reason, amount_krw::int AS amount_krw, payer_kind, provider_tx FROM tax_refunds_due WHERE declaration_id = $1`, [id]);
    expect(refunds.rows).toEqual([{ reason: 'deposit_after_paid', amount_krw: due.amountKrw, payer_kind: 'consumer', provider_tx: expect.stringMatching(/^tgemu/) }]);
    const refundSms = (await smsToMinji()).filter((b) => b.includes(`${krw(due.amountKrw)}원은 환불 대상으로 등록했습니다`));
    expect(refundSms).toHaveLength(1);
    expect(refundSms[0]).toMatch(/환불번호 RF-\d{8}/);
    // The callback again: still one refund due.
    const again = await callback({ secret: secretOf(account!.order_id), status: 'DONE', orderId: account!.order_id });
    expect(again.body).toMatchObject({ result: 'refund_due', refundNo: expect.stringMatching(/^RF-\d{8}$/) });
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].n).toBe(1);
    const listed = await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due', { token: admin });
    expect(listed.body.refunds.some((x: { declarationId: number; reason: string }) => x.declarationId === id && x.reason === 'deposit_after_paid')).toBe(true);
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

  it('records a deposit Toss confirms into an account we had closed as expired (our clock ahead by seconds): the payment, the account row deposited, the newer account closed', async () => {
    const id = ids['VA-7']!;
    const due = await noticeOf(id);
    const start = now;
    const first = await transfer(id, due.amountKrw, { key: 'va-7' });
    expect(first.status).toBe(202);
    const [account] = await accountsOf(id);
    // The payer transfers in the last seconds by Toss's clock; its callback has not reached us yet.
    const emulator = t.platform.paymentEmulator!;
    emulator.setCallbackUrl(null);
    try {
      expect(await emulator.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: null });
    } finally {
      emulator.setCallbackUrl(`${t.base}/api/v1/payments/toss/deposit-callback`);
    }
    // By our clock the deadline passed 30 seconds ago: asking again closes the first account as expired
    // (closing it at Toss is refused: it is deposited) and issues a second.
    now = Date.parse(first.body.virtualAccount.dueAt) + 30_000;
    minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
    const second = await transfer(id, due.amountKrw, { key: 'va-7-b' });
    expect(second.status).toBe(202);
    expect((await accountsOf(id)).map((a) => a.status)).toEqual(['expired', 'waiting']);
    // Toss's callback for the first arrives: its DONE is the truth.
    const cb = await callback({ createdAt: '2026-11-23T10:00:29.000000', secret: secretOf(account!.order_id), status: 'DONE', transactionKey: 'late', orderId: account!.order_id });
    expect(cb.status).toBe(200);
    expect(cb.body).toMatchObject({ result: 'paid', receiptNo: expect.stringMatching(/^TR-/) });
    const paid = await noticeOf(id);
    expect(paid).toMatchObject({ status: 'paid', payment: { method: 'transfer', receiptNo: cb.body.receiptNo, amountKrw: due.amountKrw }, virtualAccount: null });
    const rows = await accountsOf(id);
    expect(rows.map((a) => [a.status, a.receipt_no])).toEqual([
      ['deposited', cb.body.receiptNo], // no longer "expired": it says what happened
      ['canceled', null], // nobody is to deposit the same taxes again
    ]);
    expect(emulator.payments().find((p) => p.orderId === rows[1]!.order_id)!.status).toBe('CANCELED');
    expect(await paymentsOf(id)).toBe(1);
    expect((await smsToMinji()).filter((b) => b.includes(cb.body.receiptNo))).toHaveLength(1);
    now = start;
  });

  it('records such a deposit as a refund due when the taxes were paid by card meanwhile, and the row says deposited', async () => {
    const id = ids['VA-8']!;
    const due = await noticeOf(id);
    const start = now;
    const issued = await transfer(id, due.amountKrw, { key: 'va-8' });
    expect(issued.status).toBe(202);
    const [account] = await accountsOf(id);
    const emulator = t.platform.paymentEmulator!;
    emulator.setCallbackUrl(null);
    try {
      expect(await emulator.deposit(account!.order_id)).toEqual({ ok: true, callbackStatus: null });
    } finally {
      emulator.setCallbackUrl(`${t.base}/api/v1/payments/toss/deposit-callback`);
    }
    now = Date.parse(issued.body.virtualAccount.dueAt) + 5_000;
    minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
    // Our side sees the account expired (the demo deposit finds none waiting) and the consumer pays by card.
    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit`, { token: minji })).body.error.code).toBe('NO_WAITING_ACCOUNT');
    expect((await accountsOf(id)).map((a) => a.status)).toEqual(['expired']);
    const card = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    expect(card.status).toBe(201);
    const cb = await callback({ secret: secretOf(account!.order_id), status: 'DONE', orderId: account!.order_id });
    expect(cb.status).toBe(200);
    expect(cb.body).toMatchObject({ result: 'refund_due', refundNo: expect.stringMatching(/^RF-\d{8}$/) });
    expect((await accountsOf(id)).map((a) => [a.status, a.receipt_no])).toEqual([['deposited', null]]);
    const refunds = await t.db.pool.query(`SELECT reason, amount_krw::int AS amount_krw FROM tax_refunds_due WHERE declaration_id = $1`, [id]);
    expect(refunds.rows).toEqual([{ reason: 'deposit_after_paid', amount_krw: due.amountKrw }]);
    expect((await noticeOf(id)).payment).toMatchObject({ method: 'card', receiptNo: card.body.receipt.receiptNo });
    expect((await smsToMinji()).some((b) => b.includes(`환불번호 ${cb.body.refundNo}`))).toBe(true);
    now = start;
  });

  it('closes an account past its deadline and issues a new one when asked; none once the notice’s due date is too close', async () => {
    const id = ids['VA-5']!;
    const due = await noticeOf(id);
    const first = await transfer(id, due.amountKrw, { key: 'va-5' });
    expect(first.status).toBe(202);
    now += 73 * 3_600_000; // past the account's 72 hours
    minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236'); // the session expired meanwhile
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
    minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
    const late = await transfer(id, due.amountKrw, { key: 'va-5-late' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'TRANSFER_NOT_AVAILABLE', details: { dueDate: due.dueDate } });
    expect(late.body.error.en).toContain('pay by card');
    expect((await accountsOf(id)).map((a) => a.status)).toEqual(['expired', 'expired']);
  });
});
