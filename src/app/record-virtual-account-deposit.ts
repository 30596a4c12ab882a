// Toss Payments' deposit callback (DEPOSIT_CALLBACK: {createdAt, secret, status, transactionKey,
// orderId}) for a virtual account issued by issue-virtual-account.ts. Anyone can call the public
// route, so: the secret must match the one Toss gave at issue (compared in constant time with the
// stored hash; never logged), and a deposit is recorded only after the provider's own record of the
// payment (GET /v1/payments/{paymentKey}) says DONE for this order and amount: the callback alone is
// not proof. Toss sends the callback again until it gets 200 (up to 7 times over about 3 days), so
// every answer is idempotent: a deposit already recorded answers the same. An unknown order and a
// wrong secret get the same 403.
//
// Toss's record is the truth, also against ours: an account this platform closed as expired (its
// deadline passed by our clock, seconds before Toss's) or cancelled (a corrected notice) whose
// deposit Toss nevertheless confirms is recorded as the payment, or as a refund due when the taxes
// were paid meanwhile, and the account row then says deposited.
import { depositPaidText, depositRefundDueText } from '../domain/virtual-account.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import { fail, ok, type Result } from './errors.ts';
import type { DeclarationRecord } from './ports.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import { recordCharge } from './pay-taxes.ts';

export interface DepositCallback {
  orderId: string;
  secret: string;
  status: string;
}

export type DepositOutcome =
  /** The deposit is the declaration's payment (now or on an earlier copy of the callback). */
  | { result: 'paid'; receiptNo: string }
  /** Deposited after the taxes were paid another way: recorded as a refund due. */
  | { result: 'refund_due'; refundNo: string | null }
  /** The account was closed (CANCELED) or still waits: nothing to record. */
  | { result: 'closed' | 'waiting' };

/** Equal strings, compared through HMACs under a one-off key: the time taken says nothing of where they differ. */
function sameSecret(deps: Pick<TaxDeps, 'secrets'>, a: string, b: string): boolean {
  const key = deps.secrets.randomToken('cmp_');
  return deps.secrets.hmacSha256Hex(key, a) === deps.secrets.hmacSha256Hex(key, b);
}

/**
 * `appUrl`: the portal's origin, for the receipt link in the consumer's alert.
 */
export async function recordVirtualAccountDeposit(deps: TaxDeps, cb: DepositCallback, appUrl = ''): Promise<Result<DepositOutcome>> {
  const account = await deps.virtualAccounts.findByOrderId(cb.orderId);
  // Hash compared even for an unknown order, so both refusals take the same path.
  const given = deps.secrets.sha256(cb.secret);
  if (!sameSecret(deps, given, account?.secretSha256 ?? deps.secrets.sha256(`unknown:${deps.secrets.randomToken('')}`)) || !account) return fail('DEPOSIT_CALLBACK_REJECTED');
  const now = deps.clock.now();
  if (cb.status === 'CANCELED' || cb.status === 'EXPIRED') {
    await deps.virtualAccounts.close(account.id, { status: cb.status === 'CANCELED' ? 'canceled' : 'expired', at: now });
    return ok({ result: 'closed' });
  }
  // WAITING_FOR_DEPOSIT (sent at issue), PARTIAL_CANCELED (the platform never cancels part of a deposit): nothing to record.
  if (cb.status !== 'DONE') return ok({ result: account.status === 'waiting' ? 'waiting' : 'closed' });
  if (account.status === 'deposited' && account.receiptNo) return ok({ result: 'paid', receiptNo: account.receiptNo });
  // The provider's own record decides, not the callback, and not our account's status.
  const payment = await deps.paymentProvider.lookUp(account.providerTx);
  if (!payment) return fail('PAYMENT_PROVIDER_UNAVAILABLE'); // Toss sends the callback again
  if (payment.status !== 'DONE' || payment.orderRef !== account.orderId || payment.amountKrw !== account.amountKrw) return fail('DEPOSIT_CALLBACK_REJECTED');
  const d = await deps.declarations.findById(account.declarationId);
  if (!d) return fail('DEPOSIT_CALLBACK_REJECTED');
  const recorded = await recordCharge(
    deps,
    d,
    { paymentNo: account.paymentNo, amountKrw: account.amountKrw, method: 'transfer' },
    { payerKind: account.payerKind, payerRef: account.payerRef },
    { providerTx: account.providerTx, orderRef: null },
    account.idempotencyKey,
    'refund',
  );
  if (recorded.ok) {
    const receiptNo = recorded.value.receipt.receiptNo;
    // Only the call that marks the row tells the consumer: a copy of the callback racing it does not.
    if (await deps.virtualAccounts.markDeposited(account.id, { at: now, receiptNo })) {
      await closeOtherWaiting(deps, d.id, account.id);
      await alertPayer(deps, d, '[통관] 세금 납부 완료', depositPaidText({ amountKrw: account.amountKrw, receiptNo, cargoNo: d.cargoNo, link: `${appUrl}/receipts/${receiptNo}` }), `/receipts/${receiptNo}`);
    }
    return ok({ result: 'paid', receiptNo });
  }
  // Paid meanwhile by another payment (a card, another account): this deposit was recorded as a refund due.
  const refund = (recorded.error.details as { refund?: { refundNo: string; amountKrw: number; refundBy: string } } | undefined)?.refund;
  if ((await deps.virtualAccounts.markDeposited(account.id, { at: now, receiptNo: null })) && refund) {
    await alertPayer(deps, d, '[통관] 중복 입금 환불 안내', depositRefundDueText({ amountKrw: refund.amountKrw, refundNo: refund.refundNo, refundBy: refund.refundBy, cargoNo: d.cargoNo }), '/me');
  }
  return ok({ result: 'refund_due', refundNo: refund?.refundNo ?? null });
}

/**
 * The notice is paid: another account still waiting for it (issued after this one was closed here
 * as expired) is closed, at the provider too, so that nobody deposits the same taxes twice.
 */
async function closeOtherWaiting(deps: TaxDeps, declarationId: number, paidAccountId: number): Promise<void> {
  const other = await deps.virtualAccounts.findWaiting(declarationId);
  if (!other || other.id === paidAccountId) return;
  if (await deps.virtualAccounts.close(other.id, { status: 'canceled', at: deps.clock.now() })) {
    await deps.paymentProvider.void({ providerTx: other.providerTx, paymentNo: other.paymentNo, amountKrw: other.amountKrw }).catch(() => ({ ok: false }));
  }
}

/** The PCCC holder's channels (SMS, e-mail, Web Push), as for usage alerts; a failure is reported, never undoes the payment. */
async function alertPayer(deps: TaxDeps, d: DeclarationRecord, subject: string, text: Bilingual, url: string): Promise<void> {
  const alerts = deps.payerAlerts;
  if (!alerts) return;
  try {
    const holder = await alerts.registry.find(d.pccc);
    if (!holder) return;
    await alerts.holders.notify(holder, { subject, body: `[Tonggwan 통관] ${text.ko} / ${text.en}`, url });
  } catch (e) {
    alerts.onError?.(e);
  }
}
