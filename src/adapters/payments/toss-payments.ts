// PaymentProvider over the Toss Payments API v1 (토스페이먼츠, https://docs.tosspayments.com):
// cards by the key-in API (POST /v1/payments/key-in), transfers as a virtual account
// (POST /v1/virtual-accounts: it waits for the payer's deposit, which Toss reports by its
// DEPOSIT_CALLBACK webhook, src/app/record-virtual-account-deposit.ts), voids and closing of
// waiting accounts by POST /v1/payments/{paymentKey}/cancel, the look-up
// GET /v1/payments/orders/{orderId} when an answer is lost, and GET /v1/payments/{paymentKey} to
// confirm a deposit callback. HTTP Basic with the secret key
// followed by ':'; every POST carries an Idempotency-Key. The same code runs against the emulator
// (toss-emulator.ts) in the demo and the tests.
//
// Unknown outcomes. A timeout, a dropped connection, a 5xx or 409 IDEMPOTENT_REQUEST_PROCESSING
// says nothing about whether the card was charged, so it is never reported as declined: the
// request is sent again with the same Idempotency-Key and orderId (Toss answers the first
// request's answer, or processes it once if it never arrived), then the order is looked up. Only
// what Toss says settles it: a payment DONE is approved, an error code that refuses the payment
// is declined, a connection that was never opened charged nothing. Anything else is `unknown`
// and pay-taxes.ts records it for reconciliation (a refund due that a later settled retry closes).
import crypto from 'node:crypto';
import type { CardDetails, ChargeResult, IssueResult, PaymentProvider, ProviderError } from '../../app/ports/payment-ports.ts';
import { EMULATOR_PROVIDER } from '../../domain/tax-certificate.ts';

export const TOSS_API_BASE = 'https://api.tosspayments.com';
export const TOSS_PROVIDER = 'toss-payments';
export const TOSS_EMULATOR_PROVIDER = EMULATOR_PROVIDER;

export interface TossOptions {
  secretKey: string;
  apiBase?: string;
  /** Stored with each payment: TOSS_PROVIDER, or TOSS_EMULATOR_PROVIDER against the emulator (receipts then say "demo"). */
  name?: string;
  /** One request's time limit (default 15 s: card issuers can take several seconds). */
  timeoutMs?: number;
  /** Requests sent with the same Idempotency-Key before the look-up (default 3). */
  attempts?: number;
  /** Wait before the n-th resend (default 300 ms × 2^n). */
  backoffMs?: (n: number) => number;
  fetch?: typeof fetch;
}

type Reply = { kind: 'answer'; status: number; body: Record<string, unknown> | null } | { kind: 'no-answer'; sent: boolean; reason: string };
type Text = { ko: string; en: string };

/** Codes that refuse the payment for good (Toss's key-in and virtual-account error tables), with what the payer reads. */
const DECLINED: Record<string, Text> = {
  REJECT_CARD_COMPANY: { ko: '카드사에서 승인을 거절했습니다.', en: 'The card issuer declined the payment.' },
  INVALID_REJECT_CARD: { ko: '카드사에서 승인을 거절했습니다.', en: 'The card issuer declined the payment.' },
  REJECT_CARD_PAYMENT: { ko: '한도 초과 또는 잔액 부족으로 결제되지 않았습니다.', en: 'Declined: the card limit is exceeded or the balance is insufficient.' },
  EXCEED_MAX_DAILY_PAYMENT_COUNT: { ko: '하루 결제 가능 횟수를 넘었습니다.', en: 'The daily number of payments for this card is exceeded.' },
  EXCEED_MAX_PAYMENT_AMOUNT: { ko: '결제 가능 금액을 넘었습니다.', en: 'The amount exceeds what this card may pay.' },
  EXCEED_MAX_AMOUNT: { ko: '결제 가능 금액을 넘었습니다.', en: 'The amount exceeds what this card may pay.' },
  EXCEED_MAX_MONTHLY_PAYMENT_AMOUNT: { ko: '이번 달 결제 가능 금액을 넘었습니다.', en: "The card's monthly limit is exceeded." },
  INVALID_CARD_NUMBER: { ko: '카드 번호가 올바르지 않습니다.', en: 'The card number is invalid.' },
  INVALID_CARD_EXPIRATION: { ko: '카드 유효기간이 올바르지 않거나 지났습니다.', en: 'The card expiry date is wrong or past.' },
  INVALID_STOPPED_CARD: { ko: '정지된 카드입니다.', en: 'This card is suspended.' },
  INVALID_CARD_LOST_OR_STOLEN: { ko: '분실 또는 도난 신고된 카드입니다.', en: 'This card was reported lost or stolen.' },
  NOT_SUPPORTED_CARD_TYPE: { ko: '이 카드는 사용할 수 없습니다.', en: 'This type of card is not accepted.' },
  INVALID_PASSWORD: { ko: '카드 정보가 올바르지 않습니다.', en: 'The card details are incorrect.' },
  BELOW_MINIMUM_AMOUNT: { ko: '최소 결제 금액보다 적습니다.', en: 'The amount is below the minimum payment.' },
  IDEMPOTENCY_KEY_REUSED: { ko: '같은 요청 키로 다른 결제를 요청했습니다.', en: 'The idempotency key was used for another payment.' },
};
const GENERIC: Text = { ko: '결제가 승인되지 않았습니다. 결제되지 않았으니 다시 시도하거나 다른 수단으로 납부하세요.', en: 'The payment was not approved and nothing was charged: try again, or pay another way.' };
const UNREACHABLE: Text = { ko: '결제대행사에 연결할 수 없습니다. 결제되지 않았으니 잠시 후 다시 시도하세요.', en: 'The payment gateway cannot be reached; nothing was charged. Try again shortly.' };
const UNKNOWN: Text = { ko: '결제대행사에서 결제 결과를 받지 못했습니다. 결제되었을 수 있습니다.', en: 'The payment gateway gave no definitive answer: the payment may have gone through.' };
const NO_ACCOUNT: Text = {
  ko: '결제대행사에서 가상계좌 발급 결과를 받지 못했습니다. 돈은 나가지 않았으니 다시 요청하세요(같은 요청은 같은 계좌를 받습니다).',
  en: 'The payment gateway gave no answer to the request for a virtual account. No money moved: ask again (the same request gets the same account).',
};
const TRANSFER_BY_ACCOUNT: Text = { ko: '계좌이체는 가상계좌로 납부합니다.', en: 'Transfers are paid into a virtual account.' };

/** Answers that say nothing of the outcome: send the same request again, then look the order up. */
const UNSETTLED_CODES = new Set(['IDEMPOTENT_REQUEST_PROCESSING', 'PROVIDER_ERROR', 'FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING', 'FAILED_INTERNAL_SYSTEM_PROCESSING', 'UNKNOWN_PAYMENT_ERROR', 'COMMON_ERROR']);
/** The order already went through (the idempotency slot expired, 15 days at Toss): look it up. */
const ORDER_EXISTS_CODES = new Set(['DUPLICATED_ORDER_ID', 'ALREADY_PROCESSED_PAYMENT']);
/** Every Toss error code this adapter names (src/app/toss-error-text.ts explains each to the administrators). */
export const TOSS_CODES_HANDLED: readonly string[] = [...Object.keys(DECLINED), ...UNSETTLED_CODES, ...ORDER_EXISTS_CODES, 'ALREADY_CANCELED_PAYMENT'];
/** Errors before the request left this host: the gateway cannot have seen it. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Toss's orderId (6–64 of [A-Za-z0-9_-]): the payment number and the request's key, so a retry of
 * the same request is the same order (and can be looked up), while another attempt (another card
 * after a refusal) is a new order: Toss's reuse rules for failed orderIds do not matter.
 */
export function orderIdOf(paymentNo: string, idempotencyKey: string): string {
  const key = crypto.createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
  return `TG${paymentNo.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${key}`;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function createTossPaymentsProvider(opts: TossOptions): PaymentProvider {
  const base = (opts.apiBase ?? TOSS_API_BASE).replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${opts.secretKey}:`).toString('base64')}`;
  const doFetch = opts.fetch ?? fetch;
  const attempts = Math.max(1, opts.attempts ?? 3);
  const backoff = opts.backoffMs ?? ((n: number) => 300 * 2 ** n);
  const timeoutMs = opts.timeoutMs ?? 15_000;

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string): Promise<Reply> {
    try {
      const res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> | null = null;
      try {
        const v: unknown = JSON.parse(text);
        parsed = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
      } catch {
        parsed = null; // a proxy's HTML page: judged by the status alone
      }
      return { kind: 'answer', status: res.status, body: parsed };
    } catch (e) {
      const code = str((e as { cause?: { code?: unknown } }).cause?.code);
      return { kind: 'no-answer', sent: !NOT_SENT.has(code), reason: (e as Error).name === 'TimeoutError' ? 'timeout' : code || (e as Error).message };
    }
  }

  /** POST with the same key until an answer settles it; null when none did (then look the order up). */
  async function post(path: string, body: unknown, key: string): Promise<{ settled: Reply & { kind: 'answer' }; sent: boolean } | { settled: null; sent: boolean }> {
    let sent = false;
    for (let n = 0; n < attempts; n++) {
      if (n > 0) await new Promise((r) => setTimeout(r, backoff(n - 1)));
      const reply = await call('POST', path, body, key);
      if (reply.kind === 'no-answer') {
        sent ||= reply.sent;
        continue;
      }
      sent = true;
      const code = str(reply.body?.code);
      if (reply.status >= 500 || reply.status === 429 || UNSETTLED_CODES.has(code)) continue;
      return { settled: reply, sent };
    }
    return { settled: null, sent };
  }

  function declined(code: string, orderRef: string): ChargeResult {
    return { ok: false, code: code || 'PROVIDER_REFUSED', ...(DECLINED[code] ?? GENERIC), orderRef };
  }

  async function cancel(paymentKey: string, amountKrw: number, cancelReason: string, attempt = 1): Promise<{ ok: boolean; error?: ProviderError }> {
    // A later attempt is a new Idempotency-Key: the same key would be answered the first refusal again.
    const r = await post(`/v1/payments/${encodeURIComponent(paymentKey)}/cancel`, { cancelReason, cancelAmount: amountKrw }, attempt > 1 ? `cancel-${paymentKey}-${attempt}` : `cancel-${paymentKey}`);
    if (!r.settled) return { ok: false };
    if (r.settled.status === 200 && str(r.settled.body?.status) === 'CANCELED') return { ok: true };
    const code = str(r.settled.body?.code);
    if (code === 'ALREADY_CANCELED_PAYMENT') return { ok: true };
    // Refused: Toss's error object as sent, for the administrators (explained in src/app/toss-error-text.ts).
    return code ? { ok: false, error: { code, message: str(r.settled.body?.message) } } : { ok: false };
  }

  /** What a Toss Payment object says of our charge. */
  function judge(payment: Record<string, unknown>, amountKrw: number, orderId: string): ChargeResult | null {
    const status = str(payment.status);
    const paymentKey = str(payment.paymentKey);
    if (status === 'DONE' && paymentKey && payment.totalAmount === amountKrw) return { ok: true, providerTx: paymentKey, orderRef: orderId };
    if (['CANCELED', 'ABORTED', 'EXPIRED'].includes(status)) return declined(str((payment.failure as { code?: unknown } | null)?.code) || status, orderId);
    return null; // READY, IN_PROGRESS, WAITING_FOR_DEPOSIT, an amount that is not ours: not settled
  }

  return {
    name: opts.name ?? TOSS_PROVIDER,
    async charge(r) {
      const key = r.idempotencyKey ?? crypto.randomUUID();
      const orderId = orderIdOf(r.paymentNo, key);
      const orderName = `관세 등 제세 ${r.paymentNo}`;
      let body: Record<string, unknown>;
      let path: string;
      if (r.method === 'card') {
        const card: CardDetails | undefined = r.card;
        if (!card) return { ok: false, code: 'INVALID_CARD_NUMBER', ...DECLINED.INVALID_CARD_NUMBER!, orderRef: orderId };
        path = '/v1/payments/key-in';
        body = {
          amount: r.amountKrw,
          orderId,
          orderName,
          cardNumber: card.number,
          cardExpirationYear: card.expiryYear,
          cardExpirationMonth: card.expiryMonth,
          ...(card.ownerId ? { customerIdentityNumber: card.ownerId } : {}),
        };
      } else {
        // A transfer waits for a deposit: issueVirtualAccount, not a charge (pay-taxes.ts).
        return { ok: false, code: 'TRANSFER_BY_VIRTUAL_ACCOUNT', ...TRANSFER_BY_ACCOUNT, orderRef: orderId };
      }
      const posted = await post(path, body, key);
      if (posted.settled) {
        const reply = posted.settled;
        if (reply.status === 200 && reply.body) {
          const judged = judge(reply.body, r.amountKrw, orderId);
          if (judged) return judged;
        } else if (!ORDER_EXISTS_CODES.has(str(reply.body?.code))) {
          return declined(str(reply.body?.code), orderId);
        }
      } else if (!posted.sent) {
        return { ok: false, code: 'GATEWAY_UNREACHABLE', ...UNREACHABLE, orderRef: orderId };
      }
      // Not settled by the answers: what does Toss hold for this order?
      const found = await call('GET', `/v1/payments/orders/${encodeURIComponent(orderId)}`);
      if (found.kind === 'answer' && found.status === 200 && found.body) {
        const judged = judge(found.body, r.amountKrw, orderId);
        if (judged) return judged;
      }
      // Not found after a request that may still be on its way, or no answer at all: unknown.
      return { ok: false, unknown: true, code: 'PAYMENT_OUTCOME_UNKNOWN', ...UNKNOWN, orderRef: orderId };
    },
    async void(r) {
      return cancel(r.providerTx, r.amountKrw, '중복 납부 취소: 같은 세금이 이미 납부되었습니다', r.attempt);
    },
    async issueVirtualAccount(r): Promise<IssueResult> {
      const orderId = orderIdOf(r.paymentNo, r.idempotencyKey);
      // No payer name leaves the platform: the account is in the platform's name for every payer.
      const body = { amount: r.amountKrw, orderId, orderName: `관세 등 제세 ${r.paymentNo}`, customerName: '통관 세금 납부', bank: r.bankCode, validHours: r.validHours };
      const posted = await post('/v1/virtual-accounts', body, r.idempotencyKey);
      const issued = (p: Record<string, unknown> | null): IssueResult | null => {
        const va = (p?.virtualAccount ?? null) as Record<string, unknown> | null;
        if (!p || str(p.status) !== 'WAITING_FOR_DEPOSIT' || !va || p.totalAmount !== r.amountKrw || !str(p.secret) || !str(p.paymentKey)) return null;
        const due = Date.parse(str(va.dueDate));
        if (!Number.isFinite(due)) return null;
        return {
          ok: true,
          orderRef: orderId,
          providerTx: str(p.paymentKey),
          // bankCode (API version 2022-11-16); older versions answer `bank` as a name ("우리"), not a code.
          bankCode: str(va.bankCode) || (/^\d{2}$/.test(str(va.bank)) ? str(va.bank) : r.bankCode),
          accountNumber: str(va.accountNumber),
          holderName: str(va.customerName) || body.customerName,
          dueAt: new Date(due).toISOString(),
          secret: str(p.secret),
        };
      };
      if (posted.settled) {
        const reply = posted.settled;
        if (reply.status === 200) {
          const ok = issued(reply.body);
          if (ok) return ok;
        } else if (!ORDER_EXISTS_CODES.has(str(reply.body?.code))) {
          const code = str(reply.body?.code);
          return { ok: false, code: code || 'PROVIDER_REFUSED', ...(DECLINED[code] ?? GENERIC), orderRef: orderId };
        }
      } else if (!posted.sent) {
        return { ok: false, code: 'GATEWAY_UNREACHABLE', ...UNREACHABLE, orderRef: orderId };
      }
      const found = await call('GET', `/v1/payments/orders/${encodeURIComponent(orderId)}`);
      if (found.kind === 'answer' && found.status === 200) {
        const ok = issued(found.body);
        if (ok) return ok;
        // This order's account was closed (cancelled or expired): a new account needs a new order.
        if (['CANCELED', 'EXPIRED', 'ABORTED'].includes(str(found.body?.status))) return { ok: false, code: 'VIRTUAL_ACCOUNT_CLOSED', ...NO_ACCOUNT, orderRef: orderId };
      }
      // No money moves at issue: nothing to reconcile, the payer asks again (same key, same account).
      return { ok: false, unknown: true, code: 'VIRTUAL_ACCOUNT_NO_ANSWER', ...NO_ACCOUNT, orderRef: orderId };
    },
    async lookUp(paymentKey) {
      const found = await call('GET', `/v1/payments/${encodeURIComponent(paymentKey)}`);
      if (found.kind !== 'answer' || found.status !== 200 || !found.body) return null;
      const b = found.body;
      return { providerTx: str(b.paymentKey), orderRef: str(b.orderId), status: str(b.status), amountKrw: typeof b.totalAmount === 'number' ? b.totalAmount : 0 };
    },
  };
}
