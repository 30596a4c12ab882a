// An emulator of the Toss Payments API v1 (https://api.tosspayments.com), the subset the adapter
// (toss-payments.ts) speaks: card key-in payments, virtual accounts, cancel, look-up by paymentKey
// and by orderId, with Toss's request and response shapes, its error object {code, message}
// and its Idempotency-Key semantics. No money moves. It is a real HTTP server on a loopback port,
// so the demo and the tests run the very code that talks to the real gateway (fetch, headers,
// timeouts, JSON), and nothing is added to the platform's own public routes.
//
// Test cards: 4242 4242 4242 4242 is approved; 4000 0000 0000 0002 is refused by the issuer
// (REJECT_CARD_COMPANY); 4000 0000 0000 9995 is refused for its limit or balance
// (REJECT_CARD_PAYMENT); any other number passing the Luhn check is approved; an expiry in the past
// is INVALID_CARD_EXPIRATION. A virtual account waits for its deposit (WAITING_FOR_DEPOSIT), as at
// Toss; `deposit(orderId)` (or POST /v1/emulator/deposits {orderId}, the emulator's own route,
// authenticated like the others) stands for the payer's bank transfer: the payment becomes DONE and
// the emulator sends Toss's DEPOSIT_CALLBACK {createdAt, secret, status, transactionKey, orderId}
// to the callback URL the platform set (`setCallbackUrl`), once (Toss retries; the tests send twice).
// `reverseDeposit(orderId)` (or POST /v1/emulator/deposit-reversals {orderId}) stands for the bank
// reversing that deposit (입금 오류/취소): as Toss documents, the payment goes back from DONE to
// WAITING_FOR_DEPOSIT (the same account can be deposited into again) and the callback is sent with
// that status.
//
// Idempotency (Toss: "같은 요청이 여러 번 일어나도 항상 첫 번째 요청과 같은 결과"): per secret key,
// method, path and Idempotency-Key; the same key and body answers the first answer (errors too);
// while the first is being processed, 409 IDEMPOTENT_REQUEST_PROCESSING; the same key with another
// body is refused with 422 IDEMPOTENCY_KEY_REUSED (Toss's documentation names no code for this
// case: the emulator's choice, which the adapter maps like any definitive refusal).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sameSecret } from '../crypto/node-secrets.ts';

export const EMULATOR_SECRET_KEY = 'test_sk_tonggwan_emulator';

export interface TossPayment {
  mId: string;
  version: string;
  paymentKey: string;
  type: 'NORMAL';
  orderId: string;
  orderName: string;
  currency: 'KRW';
  country: 'KR';
  method: '카드' | '가상계좌';
  totalAmount: number;
  balanceAmount: number;
  status: 'DONE' | 'CANCELED' | 'WAITING_FOR_DEPOSIT' | 'EXPIRED';
  requestedAt: string;
  approvedAt: string | null;
  card: { number: string; approveNo: string; installmentPlanMonths: number; cardType: string; ownerType: string } | null;
  virtualAccount: { accountType: '일반'; accountNumber: string; bankCode: string; customerName: string; dueDate: string; expired: boolean } | null;
  /** Virtual accounts: what the deposit callback carries, to be checked by the merchant. */
  secret: string | null;
  cancels: { cancelAmount: number; cancelReason: string; canceledAt: string; transactionKey: string }[] | null;
  failure: null;
}

export interface TossEmulator {
  url: string;
  secretKey: string;
  /** Payments made so far, in order (what the gateway's console shows). */
  payments(): TossPayment[];
  /**
   * Faults, for the tests: `dropAnswers` — the next n requests are processed but their connection
   * is closed before any answer (a charge may have gone through); `holdAnswers` — processed, the answer held
   * until `releaseHeld()` (the client times out); `refuseCancels` — cancels answer 403
   * NOT_CANCELABLE_PAYMENT (a refusal for good); `failCancels` — the next n cancels answer 500
   * FAILED_INTERNAL_SYSTEM_PROCESSING (a passing error: another attempt may go through).
   */
  faults: { dropAnswers: number; holdAnswers: boolean; refuseCancels: boolean; failCancels: number };
  releaseHeld(): void;
  /** How many answers `holdAnswers` holds now (a test waits until the requests it races have all arrived). */
  heldAnswers(): number;
  /** Where DEPOSIT_CALLBACK is sent (Toss: the webhook URL set in its developer centre). */
  setCallbackUrl(url: string | null): void;
  /**
   * The payer's deposit into a waiting account: DONE, then the callback sent and its answer's status
   * (null when no callback URL is set or it could not be reached); an error code otherwise.
   */
  deposit(orderId: string): Promise<{ ok: true; callbackStatus: number | null } | { ok: false; code: string }>;
  /** The bank reverses the deposit into a virtual account: DONE back to WAITING_FOR_DEPOSIT, then the callback, as `deposit`. */
  reverseDeposit(orderId: string): Promise<{ ok: true; callbackStatus: number | null } | { ok: false; code: string }>;
  close(): Promise<void>;
}

const APPROVED = '4242424242424242';
const REFUSED_BY_ISSUER = '4000000000000002';
const REFUSED_LIMIT = '4000000000009995';
const ORDER_ID = /^[A-Za-z0-9_-]{6,64}$/;
const KEPT = 10_000;

type Answer = { status: number; body: unknown };
const error = (status: number, code: string, message: string): Answer => ({ status, body: { code, message } });

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** KST (+09:00) as Toss writes its times. */
function kst(d: Date): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+09:00');
}

export async function startTossEmulator(opts: { secretKey?: string; host?: string; port?: number; now?: () => Date } = {}): Promise<TossEmulator> {
  const secretKey = opts.secretKey ?? EMULATOR_SECRET_KEY;
  const now = opts.now ?? (() => new Date());
  let callbackUrl: string | null = null;
  const byKey = new Map<string, TossPayment>(); // paymentKey → payment
  const byOrder = new Map<string, TossPayment>(); // orderId → its approved (or cancelled) payment
  const idem = new Map<string, { bodyHash: string; answer: Answer | null }>(); // null while processing
  const held: (() => void)[] = [];
  const faults = { dropAnswers: 0, holdAnswers: false, refuseCancels: false, failCancels: 0 };
  const expectedAuth = `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;

  function remember<K, V>(m: Map<K, V>, k: K, v: V): void {
    m.set(k, v);
    if (m.size > KEPT) m.delete(m.keys().next().value!);
  }

  function newPayment(p: Pick<TossPayment, 'orderId' | 'orderName' | 'totalAmount' | 'method' | 'status' | 'card' | 'virtualAccount' | 'secret'>): TossPayment {
    const at = kst(now());
    const payment: TossPayment = {
      mId: 'tgemulator',
      version: '2022-11-16',
      paymentKey: `tgemu${crypto.randomBytes(16).toString('hex')}`,
      type: 'NORMAL',
      currency: 'KRW',
      country: 'KR',
      balanceAmount: p.totalAmount,
      requestedAt: at,
      approvedAt: p.status === 'DONE' ? at : null,
      cancels: null,
      failure: null,
      ...p,
    };
    remember(byKey, payment.paymentKey, payment);
    remember(byOrder, payment.orderId, payment);
    return payment;
  }

  function orderChecks(b: Record<string, unknown>): Answer | null {
    if (!Number.isInteger(b.amount) || (b.amount as number) <= 0) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (amount)');
    if (typeof b.orderId !== 'string' || !ORDER_ID.test(b.orderId)) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (orderId)');
    if (typeof b.orderName !== 'string' || !b.orderName || b.orderName.length > 100) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (orderName)');
    if (byOrder.has(b.orderId)) return error(400, 'DUPLICATED_ORDER_ID', '이미 승인 및 취소가 진행된 중복된 주문번호 입니다. 다른 주문번호로 진행해주세요.');
    return null;
  }

  function keyIn(b: Record<string, unknown>): Answer {
    const bad = orderChecks(b);
    if (bad) return bad;
    const digits = typeof b.cardNumber === 'string' ? b.cardNumber : '';
    const year = typeof b.cardExpirationYear === 'string' ? b.cardExpirationYear : '';
    const month = typeof b.cardExpirationMonth === 'string' ? b.cardExpirationMonth : '';
    if (!/^\d{1,20}$/.test(digits)) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (cardNumber)');
    if (!/^\d{2}$/.test(year) || !/^(0[1-9]|1[0-2])$/.test(month)) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (cardExpirationYear, cardExpirationMonth)');
    if (b.customerIdentityNumber !== undefined && (typeof b.customerIdentityNumber !== 'string' || !/^(\d{6}|\d{10})$/.test(b.customerIdentityNumber))) {
      return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (customerIdentityNumber)');
    }
    if ((b.amount as number) < 100) return error(400, 'BELOW_MINIMUM_AMOUNT', '신용카드는 결제금액이 100원 이상, 계좌는 200원이상부터 결제가 가능합니다.');
    if (digits.length < 12 || !passesLuhn(digits)) return error(400, 'INVALID_CARD_NUMBER', '카드번호를 다시 확인해주세요.');
    const today = kst(now()); // the card is valid through the last day of its month
    if (`20${year}-${month}` < today.slice(0, 7)) return error(400, 'INVALID_CARD_EXPIRATION', '카드 정보를 다시 확인해주세요. (유효기간)');
    if (digits === REFUSED_BY_ISSUER) return error(403, 'REJECT_CARD_COMPANY', '결제 승인이 거절되었습니다.');
    if (digits === REFUSED_LIMIT) return error(403, 'REJECT_CARD_PAYMENT', '한도초과 혹은 잔액부족으로 결제에 실패했습니다.');
    const payment = newPayment({
      orderId: b.orderId as string,
      orderName: b.orderName as string,
      totalAmount: b.amount as number,
      method: '카드',
      status: 'DONE',
      card: { number: `${digits.slice(0, 6)}******${digits.slice(-4)}`.slice(0, 20), approveNo: String(crypto.randomInt(10_000_000, 99_999_999)), installmentPlanMonths: 0, cardType: '신용', ownerType: '개인' },
      virtualAccount: null,
      secret: null,
    });
    return { status: 200, body: payment };
  }

  function virtualAccount(b: Record<string, unknown>): Answer {
    const bad = orderChecks(b);
    if (bad) return bad;
    if (typeof b.customerName !== 'string' || !b.customerName) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (customerName)');
    if (typeof b.bank !== 'string' || !b.bank) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (bank)');
    if ((b.amount as number) < 200) return error(400, 'BELOW_MINIMUM_AMOUNT', '신용카드는 결제금액이 100원 이상, 계좌는 200원이상부터 결제가 가능합니다.');
    // Toss: at most 30 days (720 hours) from issue; 7 days when not given.
    if (b.validHours !== undefined && (!Number.isInteger(b.validHours) || (b.validHours as number) < 1 || (b.validHours as number) > 720)) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (validHours)');
    const validHours = (b.validHours as number | undefined) ?? 168;
    const payment = newPayment({
      orderId: b.orderId as string,
      orderName: b.orderName as string,
      totalAmount: b.amount as number,
      method: '가상계좌',
      status: 'WAITING_FOR_DEPOSIT',
      card: null,
      virtualAccount: { accountType: '일반', accountNumber: `X${String(crypto.randomInt(1e9, 1e10 - 1))}`, bankCode: b.bank, customerName: b.customerName, dueDate: kst(new Date(now().getTime() + validHours * 3600_000)), expired: false },
      secret: `ps_${crypto.randomBytes(18).toString('base64url')}`,
    });
    return { status: 200, body: payment };
  }

  function cancel(paymentKey: string, b: Record<string, unknown>): Answer {
    const p = byKey.get(paymentKey);
    if (!p) return error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
    if (typeof b.cancelReason !== 'string' || !b.cancelReason || b.cancelReason.length > 200) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다. (cancelReason)');
    if (p.status === 'CANCELED') return error(400, 'ALREADY_CANCELED_PAYMENT', '이미 취소된 결제 입니다.');
    if (faults.refuseCancels) return error(403, 'NOT_CANCELABLE_PAYMENT', '취소 할 수 없는 결제 입니다.');
    if (faults.failCancels > 0) {
      faults.failCancels--;
      return error(500, 'FAILED_INTERNAL_SYSTEM_PROCESSING', '내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.');
    }
    // A deposited virtual account is refunded only to the account named in refundReceiveAccount (Toss
    // asks for it when cancelling after the deposit); the platform never has one. The code is the emulator's choice.
    if (p.virtualAccount && p.status === 'DONE' && !b.refundReceiveAccount) return error(403, 'NOT_CANCELABLE_PAYMENT', '입금 완료된 가상계좌 결제는 환불 계좌 정보가 있어야 취소할 수 있습니다.');
    const amount = b.cancelAmount === undefined ? p.balanceAmount : b.cancelAmount;
    if (amount !== p.balanceAmount) return error(403, 'NOT_CANCELABLE_AMOUNT', '취소 할 수 없는 금액 입니다.'); // partial cancels are not emulated
    p.cancels = [...(p.cancels ?? []), { cancelAmount: p.balanceAmount, cancelReason: b.cancelReason, canceledAt: kst(now()), transactionKey: crypto.randomBytes(16).toString('hex') }];
    p.balanceAmount = 0;
    p.status = 'CANCELED';
    return { status: 200, body: p };
  }

  /** The payer's transfer: a waiting account, before its due date, becomes DONE. */
  function depositInto(orderId: unknown): Answer {
    const p = typeof orderId === 'string' ? byOrder.get(orderId) : undefined;
    if (!p || !p.virtualAccount) return error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
    if (p.status === 'WAITING_FOR_DEPOSIT' && Date.parse(p.virtualAccount.dueDate) < now().getTime()) {
      p.status = 'EXPIRED';
      p.virtualAccount.expired = true;
    }
    if (p.status !== 'WAITING_FOR_DEPOSIT') return error(400, 'NOT_WAITING_FOR_DEPOSIT', `입금 대기 중인 가상계좌가 아닙니다. (${p.status})`); // a bank refuses the transfer
    p.status = 'DONE';
    p.approvedAt = kst(now());
    return { status: 200, body: p };
  }

  /** The bank takes a deposit back (입금 오류/취소): the account waits for a deposit again. */
  function reverseInto(orderId: unknown): Answer {
    const p = typeof orderId === 'string' ? byOrder.get(orderId) : undefined;
    if (!p || !p.virtualAccount) return error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
    if (p.status !== 'DONE') return error(400, 'NOT_DEPOSITED', `입금 완료된 가상계좌가 아닙니다. (${p.status})`); // the emulator's code
    p.status = 'WAITING_FOR_DEPOSIT';
    p.approvedAt = null;
    return { status: 200, body: p };
  }

  async function sendCallback(p: TossPayment): Promise<number | null> {
    if (!callbackUrl) return null;
    // createdAt as Toss's webhook documentation writes it: yyyy-MM-dd'T'HH:mm:ss.SSSSSS, no offset (Korean time).
    const createdAt = `${kst(now()).slice(0, 19)}.${String(now().getUTCMilliseconds()).padStart(3, '0')}000`;
    const body = { createdAt, secret: p.secret, status: p.status, transactionKey: crypto.randomBytes(16).toString('hex'), orderId: p.orderId };
    try {
      const res = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return null;
    }
  }

  function route(method: string, path: string, body: Record<string, unknown>): Answer {
    if (method === 'POST' && path === '/v1/emulator/deposits') return depositInto(body.orderId);
    if (method === 'POST' && path === '/v1/emulator/deposit-reversals') return reverseInto(body.orderId);
    if (method === 'POST' && path === '/v1/payments/key-in') return keyIn(body);
    if (method === 'POST' && path === '/v1/virtual-accounts') return virtualAccount(body);
    let m = /^\/v1\/payments\/([^/]+)\/cancel$/.exec(path);
    if (method === 'POST' && m) return cancel(decodeURIComponent(m[1]!), body);
    m = /^\/v1\/payments\/orders\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const p = byOrder.get(decodeURIComponent(m[1]!));
      return p ? { status: 200, body: p } : error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
    }
    m = /^\/v1\/payments\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const p = byKey.get(decodeURIComponent(m[1]!));
      return p ? { status: 200, body: p } : error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
    }
    return error(404, 'NOT_FOUND', '존재하지 않는 정보 입니다.');
  }

  function answerOf(req: http.IncomingMessage, raw: string): Answer {
    if (!sameSecret(req.headers.authorization ?? '', expectedAuth)) return error(401, 'UNAUTHORIZED_KEY', '인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.');
    const path = (req.url ?? '/').split('?')[0]!;
    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      try {
        const parsed: unknown = JSON.parse(raw || '{}');
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return error(400, 'INVALID_REQUEST', '잘못된 요청입니다.');
      }
    }
    const key = req.method === 'POST' ? req.headers['idempotency-key'] : undefined; // ignored on GET, as at Toss
    if (typeof key !== 'string') return route(req.method ?? 'GET', path, body);
    if (key.length > 300) return error(400, 'INVALID_IDEMPOTENCY_KEY', '멱등키는 300자 이하여야 합니다.');
    const slot = `${req.method} ${path} ${key}`;
    const bodyHash = crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const earlier = idem.get(slot);
    if (earlier) {
      if (earlier.bodyHash !== bodyHash) return error(422, 'IDEMPOTENCY_KEY_REUSED', '같은 멱등키로 다른 내용의 요청을 보냈습니다.');
      return earlier.answer ?? error(409, 'IDEMPOTENT_REQUEST_PROCESSING', '이전 멱등 요청이 처리중입니다.');
    }
    // Processing is synchronous here, so "still processing" is never seen within this process;
    // the slot is kept as the Toss gateway keeps it (15 days there; the last KEPT here).
    const answer = route(req.method ?? 'GET', path, body);
    // The answer as it was sent, not the payment as it becomes (a later cancel or deposit).
    remember(idem, slot, { bodyHash, answer: JSON.parse(JSON.stringify(answer)) as Answer });
    return answer;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = answerOf(req, Buffer.concat(chunks).toString('utf8'));
      if (faults.dropAnswers > 0) {
        faults.dropAnswers--;
        req.socket.destroy();
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        // A deposit through the emulator's route is reported to the platform as Toss would, after the answer.
        if ((req.url === '/v1/emulator/deposits' || req.url === '/v1/emulator/deposit-reversals') && answer.status === 200) queueMicrotask(() => void sendCallback(answer.body as TossPayment));
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer.body));
      };
      if (faults.holdAnswers) held.push(send);
      else send();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const releaseHeld = () => {
    for (const send of held.splice(0)) send();
  };
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    secretKey,
    payments: () => [...byKey.values()],
    faults,
    releaseHeld,
    heldAnswers: () => held.length,
    setCallbackUrl(url) {
      callbackUrl = url;
    },
    async deposit(orderId) {
      const answer = depositInto(orderId);
      if (answer.status !== 200) return { ok: false, code: (answer.body as { code: string }).code };
      return { ok: true, callbackStatus: await sendCallback(answer.body as TossPayment) };
    },
    async reverseDeposit(orderId) {
      const answer = reverseInto(orderId);
      if (answer.status !== 200) return { ok: false, code: (answer.body as { code: string }).code };
      return { ok: true, callbackStatus: await sendCallback(answer.body as TossPayment) };
    },
    async close() {
      releaseHeld();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
