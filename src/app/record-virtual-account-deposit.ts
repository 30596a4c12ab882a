// Toss Payments' deposit callback (DEPOSIT_CALLBACK: {createdAt, secret, status, transactionKey,
// orderId}) for a virtual account issued by issue-virtual-account.ts. Anyone can call the public
// route, so: the secret must match the one Toss gave at issue (compared in constant time with the
// stored hash; never logged), and a deposit is recorded only after the provider's own record of the
// payment (GET /v1/payments/{paymentKey}) says DONE for this order and amount: the callback alone is
// not proof. Toss retries until it gets a 2xx, so every answer is idempotent: a deposit already
// recorded answers the same. An unknown order and a wrong secret get the same 403.
import { fail, ok, type Result } from './errors.ts';
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
  /** The account was closed (CANCELED, EXPIRED) or still waits: nothing to record. */
  | { result: 'closed' | 'waiting' };

/** Equal strings, compared through HMACs under a one-off key: the time taken says nothing of where they differ. */
function sameSecret(deps: Pick<TaxDeps, 'secrets'>, a: string, b: string): boolean {
  const key = deps.secrets.randomToken('cmp_');
  return deps.secrets.hmacSha256Hex(key, a) === deps.secrets.hmacSha256Hex(key, b);
}

export async function recordVirtualAccountDeposit(deps: TaxDeps, cb: DepositCallback): Promise<Result<DepositOutcome>> {
  const account = await deps.virtualAccounts.findByOrderId(cb.orderId);
  // Hash compared even for an unknown order, so both refusals take the same path.
  const given = deps.secrets.sha256(cb.secret);
  if (!sameSecret(deps, given, account?.secretSha256 ?? deps.secrets.sha256(`unknown:${deps.secrets.randomToken('')}`)) || !account) return fail('DEPOSIT_CALLBACK_REJECTED');
  const now = deps.clock.now();
  if (cb.status === 'CANCELED' || cb.status === 'EXPIRED') {
    await deps.virtualAccounts.close(account.id, { status: cb.status === 'CANCELED' ? 'canceled' : 'expired', at: now });
    return ok({ result: 'closed' });
  }
  if (cb.status !== 'DONE') return ok({ result: account.status === 'waiting' ? 'waiting' : 'closed' });
  if (account.status === 'deposited' && account.receiptNo) return ok({ result: 'paid', receiptNo: account.receiptNo });
  // The provider's own record decides, not the callback.
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
    await deps.virtualAccounts.close(account.id, { status: 'deposited', at: now, receiptNo: recorded.value.receipt.receiptNo });
    return ok({ result: 'paid', receiptNo: recorded.value.receipt.receiptNo });
  }
  // Paid meanwhile by another payment (a card): this deposit was recorded as a refund due.
  await deps.virtualAccounts.close(account.id, { status: 'deposited', at: now });
  const refund = (recorded.error.details as { refund?: { refundNo: string } } | undefined)?.refund;
  return ok({ result: 'refund_due', refundNo: refund?.refundNo ?? null });
}
