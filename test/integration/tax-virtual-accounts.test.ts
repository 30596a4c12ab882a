// Paying taxes by transfer into a virtual account (가상계좌) over HTTP on a real PostgreSQL (embedded,
// or DATABASE_URL): issue through the Toss Payments protocol emulator, the same account while it
// waits, Toss's deposit callback (secret, confirmation by look-up, idempotent), a deposit after a
// card payment, expiry and a new account, the demo deposit. A fixed clock that the tests move
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
  const refs = ['VA-1', 'VA-2', 'VA-3', 'VA-4', 'VA-5', 'VA-6'];
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
    expect((await accountsOf(id))[0]).toMatchObject({ status: 'deposited', receipt_no: receiptNo });
    // Toss retries: the same callback again is taken and changes nothing.
    const again = await callback({ createdAt: '2026-11-20T10:05:00+09:00', secret: secretOf(account!.order_id), status: 'DONE', transactionKey: 'retry', orderId: account!.order_id });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ result: 'paid', receiptNo });
    expect(await paymentsOf(id)).toBe(1);
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

  it('closes an account past its deadline and issues a new one when asked; none once the notice’s due date is too close', async () => {
    const id = ids['VA-5']!;
    const due = await noticeOf(id);
    const first = await transfer(id, due.amountKrw, { key: 'va-5' });
    expect(first.status).toBe(202);
    now += 73 * 3_600_000; // past the account's 72 hours
    minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236'); // the session expired meanwhile
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
