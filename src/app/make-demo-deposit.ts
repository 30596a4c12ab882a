// Demo only: the payer's bank transfer into their waiting virtual account, made by the payment
// emulator (no bank can deposit into an emulated account). The emulator then calls the platform's
// deposit callback as Toss would, so the payment is recorded by the real path
// (record-virtual-account-deposit.ts); this answers what that path recorded.
import { fail, ok, type Result } from './errors.ts';
import type { ConsumerPrincipal, OperatorPrincipal } from './ports.ts';
import { noticeOf, type TaxDeps } from './list-tax-notices.ts';
import { mayPay, outcomeOf, receiptFor, type PaymentOutcome } from './pay-taxes.ts';
import { waitingAccountOf } from './issue-virtual-account.ts';

/** The emulator's deposit (TossEmulator.deposit): the callback's HTTP status, or why no deposit was made. */
export type DemoDepositor = (orderId: string) => Promise<{ ok: true; callbackStatus: number | null } | { ok: false; code: string }>;

export async function makeDemoDeposit(deps: TaxDeps & { depositor: DemoDepositor }, principal: ConsumerPrincipal | OperatorPrincipal, declarationId: number): Promise<Result<PaymentOutcome>> {
  const d = await deps.declarations.findById(declarationId);
  if (!d || !mayPay(principal, d)) return fail('DECLARATION_NOT_FOUND');
  const account = await waitingAccountOf(deps, d.id);
  if (!account) return fail('NO_WAITING_ACCOUNT');
  const deposited = await deps.depositor(account.orderId);
  if (!deposited.ok || deposited.callbackStatus !== 200) return fail('PAYMENT_PROVIDER_UNAVAILABLE', { depositor: deposited.ok ? { callbackStatus: deposited.callbackStatus } : { code: deposited.code } });
  // The part the account paid: the notice's payment, or a shortfall paid after it.
  const paid = await deps.taxPayments.findByDeclaration(d.id, account.part);
  return paid ? outcomeOf(deps, d, paid) : fail('NO_WAITING_ACCOUNT');
}

/**
 * Demo only: the bank reverses the deposit that paid the notice (입금 오류/취소), made by the emulator,
 * which then calls the deposit callback with WAITING_FOR_DEPOSIT as Toss would; this answers the
 * notice (unpaid again) and the receipt, now void, as that path recorded them.
 */
export async function makeDemoDepositReversal(
  deps: TaxDeps & { reverser: DemoDepositor },
  principal: ConsumerPrincipal | OperatorPrincipal,
  declarationId: number,
): Promise<Result<PaymentOutcome>> {
  const d = await deps.declarations.findById(declarationId);
  if (!d || !mayPay(principal, d)) return fail('DECLARATION_NOT_FOUND');
  const paid = await deps.taxPayments.findByDeclaration(d.id);
  const account = paid?.method === 'transfer' ? await deps.virtualAccounts.findByPaymentKey(paid.providerTx) : null;
  if (!paid || !account) return fail('NO_DEPOSIT_TO_REVERSE');
  const reversed = await deps.reverser(account.orderId);
  if (!reversed.ok || reversed.callbackStatus !== 200) return fail('PAYMENT_PROVIDER_UNAVAILABLE', { depositor: reversed.ok ? { callbackStatus: reversed.callbackStatus } : { code: reversed.code } });
  const voided = await deps.taxPayments.findByReceiptNo(paid.receiptNo);
  const notice = await noticeOf(deps, d, null);
  return voided && notice ? ok({ notice, receipt: await receiptFor(deps, voided, d) }) : fail('NO_DEPOSIT_TO_REVERSE');
}
