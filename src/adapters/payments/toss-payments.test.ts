// The Toss Payments adapter against the protocol emulator, over real HTTP on a loopback port.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTossPaymentsProvider, orderIdOf, TOSS_CODES_HANDLED } from './toss-payments.ts';
import { TOSS_ERROR_TEXT } from '../../app/toss-error-text.ts';
import { startTossEmulator, type TossEmulator } from './toss-emulator.ts';

let gw: TossEmulator;
const card = (number: string, expiry = { expiryYear: '30', expiryMonth: '12' }) => ({ number, ...expiry });
const provider = (o: { timeoutMs?: number; secretKey?: string } = {}) =>
  createTossPaymentsProvider({ secretKey: o.secretKey ?? gw.secretKey, apiBase: gw.url, name: 'toss-emulator', backoffMs: () => 0, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
let n = 0;
const paymentNo = () => `926${String(++n).padStart(15, '0')}7`;

beforeAll(async () => {
  gw = await startTossEmulator();
});
afterAll(async () => gw?.close());
afterEach(() => {
  gw.releaseHeld();
  Object.assign(gw.faults, { dropAnswers: 0, holdAnswers: false, refuseCancels: false });
});

describe('Toss Payments adapter', () => {
  it('approves a key-in card payment: orderId from the payment number and key, the paymentKey as the transaction', async () => {
    const no = paymentNo();
    const r = await provider().charge({ paymentNo: no, amountKrw: 45_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-approve' });
    expect(r).toMatchObject({ ok: true, orderRef: orderIdOf(no, 'k-approve') });
    expect(orderIdOf(no, 'k-approve')).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
    const p = gw.payments().find((x) => x.orderId === orderIdOf(no, 'k-approve'))!;
    expect(r.ok && r.providerTx).toBe(p.paymentKey);
    expect(p).toMatchObject({ status: 'DONE', method: '카드', totalAmount: 45_000, orderName: `관세 등 제세 ${no}` });
    expect(p.card!.number).toBe('424242******4242');
  });

  it("maps Toss's error object to a refusal with Korean and English texts, and a generic one otherwise", async () => {
    const declined = await provider().charge({ paymentNo: paymentNo(), amountKrw: 45_000, method: 'card', card: card('4000000000000002'), idempotencyKey: 'k-decline' });
    expect(declined).toMatchObject({ ok: false, code: 'REJECT_CARD_COMPANY', ko: '카드사에서 승인을 거절했습니다.', en: 'The card issuer declined the payment.' });
    expect(declined.ok === false && declined.unknown).toBeFalsy();
    const limit = await provider().charge({ paymentNo: paymentNo(), amountKrw: 45_000, method: 'card', card: card('4000000000009995'), idempotencyKey: 'k-limit' });
    expect(limit).toMatchObject({ ok: false, code: 'REJECT_CARD_PAYMENT', ko: '한도 초과 또는 잔액 부족으로 결제되지 않았습니다.' });
    const expired = await provider().charge({ paymentNo: paymentNo(), amountKrw: 45_000, method: 'card', card: card('4242424242424242', { expiryYear: '20', expiryMonth: '01' }), idempotencyKey: 'k-exp' });
    expect(expired).toMatchObject({ ok: false, code: 'INVALID_CARD_EXPIRATION', en: 'The card expiry date is wrong or past.' });
    const wrongKey = await provider({ secretKey: 'test_sk_not_this_one' }).charge({ paymentNo: paymentNo(), amountKrw: 45_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-auth' });
    expect(wrongKey).toMatchObject({ ok: false, code: 'UNAUTHORIZED_KEY', ko: expect.stringContaining('결제가 승인되지 않았습니다') });
  });

  it('answers a retry with the same key the first answer (one charge), and refuses the key reused with another amount', async () => {
    const no = paymentNo();
    const before = gw.payments().length;
    const first = await provider().charge({ paymentNo: no, amountKrw: 30_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-retry' });
    const again = await provider().charge({ paymentNo: no, amountKrw: 30_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-retry' });
    expect(first.ok && again.ok && again.providerTx === first.providerTx).toBe(true);
    expect(gw.payments().length).toBe(before + 1);
    const other = await provider().charge({ paymentNo: no, amountKrw: 31_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-retry' });
    expect(other).toMatchObject({ ok: false, code: 'IDEMPOTENCY_KEY_REUSED', en: 'The idempotency key was used for another payment.' });
    expect(gw.payments().length).toBe(before + 1);
  });

  it('cancels a payment with a Korean reason; a refused cancel is not ok', async () => {
    const p = provider();
    const a = await p.charge({ paymentNo: paymentNo(), amountKrw: 20_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-void' });
    expect(a.ok).toBe(true);
    const tx = a.ok ? a.providerTx : '';
    expect(await p.void({ providerTx: tx, paymentNo: 'x', amountKrw: 20_000 })).toEqual({ ok: true });
    const cancelled = gw.payments().find((x) => x.paymentKey === tx)!;
    expect(cancelled).toMatchObject({ status: 'CANCELED', balanceAmount: 0, method: '카드' });
    expect(cancelled.cancels![0]!.cancelReason).toBe('중복 납부 취소: 같은 세금이 이미 납부되었습니다');
    expect(await p.void({ providerTx: tx, paymentNo: 'x', amountKrw: 20_000 })).toEqual({ ok: true }); // already cancelled
    const b = await p.charge({ paymentNo: paymentNo(), amountKrw: 20_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-void-2' });
    gw.faults.refuseCancels = true;
    // Refused: Toss's error object as sent (code and Korean message), for the administrators' page.
    expect(await p.void({ providerTx: b.ok ? b.providerTx : '', paymentNo: 'x', amountKrw: 20_000 })).toEqual({ ok: false, error: { code: 'NOT_CANCELABLE_PAYMENT', message: '취소 할 수 없는 결제 입니다.' } });
    expect(await p.void({ providerTx: 'no-such-payment', paymentNo: 'x', amountKrw: 20_000 })).toEqual({ ok: false, error: { code: 'NOT_FOUND_PAYMENT', message: '존재하지 않는 결제 정보 입니다.' } });
  });

  it('after a lost answer sends the same request again: the charge made once is approved, not declined and not made twice', async () => {
    const no = paymentNo();
    // The first answer is lost after the charge (the connection drops), the resend's is not.
    gw.faults.dropAnswers = 1;
    const r = await provider().charge({ paymentNo: no, amountKrw: 12_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-lost' });
    expect(gw.faults.dropAnswers).toBe(0); // the first answer was indeed lost
    expect(r.ok).toBe(true);
    expect(gw.payments().filter((x) => x.orderId === orderIdOf(no, 'k-lost'))).toHaveLength(1);
  });

  it('after timeouts with no answer at all reports the outcome unknown (never declined), and a later retry settles it to the one charge', async () => {
    const no = paymentNo();
    gw.faults.holdAnswers = true; // processed, answers held: every request of the adapter times out
    const r = await provider({ timeoutMs: 150 }).charge({ paymentNo: no, amountKrw: 15_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-timeout' });
    expect(r).toMatchObject({ ok: false, unknown: true, code: 'PAYMENT_OUTCOME_UNKNOWN', orderRef: orderIdOf(no, 'k-timeout') });
    const charged = gw.payments().filter((x) => x.orderId === orderIdOf(no, 'k-timeout'));
    expect(charged).toHaveLength(1); // it did go through
    gw.faults.holdAnswers = false;
    gw.releaseHeld();
    const retry = await provider().charge({ paymentNo: no, amountKrw: 15_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-timeout' });
    expect(retry).toMatchObject({ ok: true, providerTx: charged[0]!.paymentKey });
    expect(gw.payments().filter((x) => x.orderId === orderIdOf(no, 'k-timeout'))).toHaveLength(1);
  });

  it('says nothing was charged when the gateway cannot even be connected to', async () => {
    const closed = await startTossEmulator();
    const url = closed.url;
    await closed.close();
    const r = await createTossPaymentsProvider({ secretKey: 'test_sk_x', apiBase: url, backoffMs: () => 0 }).charge({ paymentNo: paymentNo(), amountKrw: 15_000, method: 'card', card: card('4242424242424242'), idempotencyKey: 'k-down' });
    expect(r).toMatchObject({ ok: false, code: 'GATEWAY_UNREACHABLE' });
    expect(r.ok === false && r.unknown).toBeFalsy();
  });

  it('issues a virtual account that waits for its deposit: bank, number, holder, deadline and the callback secret; the same key answers the same account', async () => {
    const no = paymentNo();
    const p = provider();
    const r = await p.issueVirtualAccount({ paymentNo: no, amountKrw: 15_000, bankCode: '88', validHours: 5, idempotencyKey: 'k-va' });
    expect(r).toMatchObject({ ok: true, orderRef: orderIdOf(no, 'k-va'), bankCode: '88', holderName: '통관 세금 납부' });
    if (!r.ok) return;
    expect(r.accountNumber).toMatch(/^X\d{10}$/);
    expect(r.secret.length).toBeGreaterThanOrEqual(20);
    const hours = (Date.parse(r.dueAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(4.9);
    expect(hours).toBeLessThanOrEqual(5);
    const stored = gw.payments().find((x) => x.paymentKey === r.providerTx)!;
    expect(stored).toMatchObject({ status: 'WAITING_FOR_DEPOSIT', method: '가상계좌', secret: r.secret, virtualAccount: { bankCode: '88', accountNumber: r.accountNumber } });
    const again = await p.issueVirtualAccount({ paymentNo: no, amountKrw: 15_000, bankCode: '88', validHours: 5, idempotencyKey: 'k-va' });
    expect(again).toEqual(r);
    expect(await p.lookUp(r.providerTx)).toEqual({ providerTx: r.providerTx, orderRef: r.orderRef, status: 'WAITING_FOR_DEPOSIT', amountKrw: 15_000 });
    expect(await p.lookUp('no-such-payment')).toBeNull();
    const bad = await p.issueVirtualAccount({ paymentNo: paymentNo(), amountKrw: 15_000, bankCode: '20', validHours: 0, idempotencyKey: 'k-va-0' });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    // Toss: at most 30 days from issue (720 hours).
    expect(await p.issueVirtualAccount({ paymentNo: paymentNo(), amountKrw: 15_000, bankCode: '20', validHours: 721, idempotencyKey: 'k-va-721' })).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(await p.issueVirtualAccount({ paymentNo: paymentNo(), amountKrw: 15_000, bankCode: '20', validHours: 720, idempotencyKey: 'k-va-720' })).toMatchObject({ ok: true });
  });

  it("on a deposit sends Toss's DEPOSIT_CALLBACK with the account's secret to the callback URL, and the payment is then DONE", async () => {
    const received: unknown[] = [];
    const http = await import('node:http');
    const sink = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
    try {
      gw.setCallbackUrl(`http://127.0.0.1:${(sink.address() as { port: number }).port}/cb`);
      const p = provider();
      const r = await p.issueVirtualAccount({ paymentNo: paymentNo(), amountKrw: 22_000, bankCode: '20', validHours: 24, idempotencyKey: 'k-dep' });
      if (!r.ok) throw new Error('not issued');
      expect(await gw.deposit(r.orderRef)).toEqual({ ok: true, callbackStatus: 200 });
      // createdAt as Toss documents the webhook's: yyyy-MM-dd'T'HH:mm:ss.SSSSSS, without an offset.
      expect(received).toEqual([{ createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/), secret: r.secret, status: 'DONE', transactionKey: expect.stringMatching(/^[0-9a-f]{32}$/), orderId: r.orderRef }]);
      expect(await p.lookUp(r.providerTx)).toMatchObject({ status: 'DONE', amountKrw: 22_000 });
      // Deposited: closing it is refused (Toss refunds a deposit only to a refund account, which the platform has not), and it stays DONE.
      expect(await p.void({ providerTx: r.providerTx, paymentNo: 'x', amountKrw: 22_000 })).toEqual({ ok: false, error: { code: 'NOT_CANCELABLE_PAYMENT', message: expect.stringContaining('환불 계좌') } });
      expect(await p.lookUp(r.providerTx)).toMatchObject({ status: 'DONE' });
      expect(await gw.deposit(r.orderRef)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' }); // deposited once
      // A closed (cancelled) account takes no deposit.
      const c = await p.issueVirtualAccount({ paymentNo: paymentNo(), amountKrw: 22_000, bankCode: '20', validHours: 24, idempotencyKey: 'k-dep-2' });
      if (!c.ok) throw new Error('not issued');
      expect(await p.void({ providerTx: c.providerTx, paymentNo: 'x', amountKrw: 22_000 })).toEqual({ ok: true });
      expect(await gw.deposit(c.orderRef)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' });
      expect(received).toHaveLength(1);
    } finally {
      gw.setCallbackUrl(null);
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });

  it('takes no deposit after the deadline (the account expires)', async () => {
    let now = Date.now();
    const timed = await startTossEmulator({ now: () => new Date(now) });
    try {
      const p = createTossPaymentsProvider({ secretKey: timed.secretKey, apiBase: timed.url, backoffMs: () => 0 });
      const r = await p.issueVirtualAccount({ paymentNo: paymentNo(), amountKrw: 15_000, bankCode: '20', validHours: 2, idempotencyKey: 'k-exp-va' });
      if (!r.ok) throw new Error('not issued');
      now += 2 * 3_600_000 + 1000;
      expect(await timed.deposit(r.orderRef)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' });
      expect(await p.lookUp(r.providerTx)).toMatchObject({ status: 'EXPIRED' });
    } finally {
      await timed.close();
    }
  });

  it('refuses to charge a transfer: it is a virtual account to deposit into', async () => {
    const r = await provider().charge({ paymentNo: paymentNo(), amountKrw: 15_000, method: 'transfer', idempotencyKey: 'k-tr' });
    expect(r).toMatchObject({ ok: false, code: 'TRANSFER_BY_VIRTUAL_ACCOUNT' });
  });

  it('every Toss error code the adapter handles or the emulator sends is explained in Korean and English for the administrators', () => {
    const emulated = [...readFileSync(new URL('./toss-emulator.ts', import.meta.url), 'utf8').matchAll(/error\(\d{3}, '([A-Z_]+)'/g)].map((m) => m[1]!);
    expect(emulated).toEqual(expect.arrayContaining(['NOT_CANCELABLE_PAYMENT', 'NOT_FOUND_PAYMENT', 'INVALID_REQUEST'])); // the pattern finds them
    const missing = [...new Set([...TOSS_CODES_HANDLED, ...emulated])].filter((code) => !Object.hasOwn(TOSS_ERROR_TEXT, code));
    expect(missing).toEqual([]);
  });
});
