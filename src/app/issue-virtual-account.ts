// Paying taxes by transfer: a virtual account (가상계좌) at the payer's chosen bank, issued through
// the payment provider, that waits for the deposit. The payment is recorded when the provider
// reports the deposit and a look-up confirms it (record-virtual-account-deposit.ts). One account
// waits per declaration: asking again while it waits answers the same account (idempotent, also
// across payers and keys: one deposit pays the notice), and once its deadline has passed it is
// closed here, when next asked for (lazily: nothing can be deposited into it any more at the
// bank), and a new one is issued.
import { DEFAULT_VIRTUAL_ACCOUNT_BANK, TRANSFER_PAST_DUE_TEXT, validHoursFor, VIRTUAL_ACCOUNT_BANKS } from '../domain/virtual-account.ts';
import type { TaxNotice } from '../domain/tax-notice.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { DeclarationRecord } from './ports.ts';
import type { VirtualAccountRecord } from './ports/payment-ports.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import { virtualAccountViewOf, type VirtualAccountView } from './virtual-account-view.ts';
import { attemptClosure, CLOSURE_LEASE_MS } from './close-virtual-accounts.ts';
import { depositFollowUp } from './record-virtual-account-deposit.ts';
import { gatewayPayerRef, outcomeOf, type PaymentOutcome } from './record-charge.ts';

/**
 * The declaration's waiting account, if still usable: one past its deadline is closed (expired),
 * here and at the provider, by the same queued close as any other (close-virtual-accounts.ts): our
 * clock may run seconds ahead of Toss's, so a deposit that reached it meanwhile is recorded when
 * Toss refuses the close, and a close Toss could not take is retried.
 */
export async function waitingAccountOf(deps: TaxDeps, declarationId: number): Promise<VirtualAccountRecord | null> {
  const waiting = await deps.virtualAccounts.findWaiting(declarationId);
  if (!waiting) return null;
  const now = deps.clock.now();
  if (Date.parse(waiting.dueAt) > now.getTime()) return waiting;
  const job = await deps.virtualAccounts.closeWithFollowUp(waiting.id, { from: 'waiting', as: 'expired', at: now, reason: 'expired', leaseMs: CLOSURE_LEASE_MS });
  if (job) await attemptClosure(deps, job, depositFollowUp(deps));
  return null;
}

export async function issueVirtualAccount(
  deps: TaxDeps,
  d: DeclarationRecord,
  notice: TaxNotice,
  payer: { payerKind: 'consumer' | 'operator'; payerRef: string },
  /** `part` ≥ 1: a shortfall (the notice paid, then assessed again higher) of `amountKrw`, not the notice's amount. */
  input: { bankCode?: string | undefined; idempotencyKey: string | null; part?: number; amountKrw?: number },
): Promise<Result<{ notice: TaxNotice; virtualAccount: VirtualAccountView } | PaymentOutcome>> {
  const bankCode = input.bankCode ?? DEFAULT_VIRTUAL_ACCOUNT_BANK;
  if (!VIRTUAL_ACCOUNT_BANKS.some((b) => b.code === bankCode)) {
    const allowedValues = VIRTUAL_ACCOUNT_BANKS.map((b) => b.code);
    const text = { ko: '가상계좌를 발급할 수 없는 은행입니다. 목록에서 고르세요.', en: 'No virtual account can be issued at that bank: choose one from the list.' };
    return invalidRequest(requestFieldError('body.bankCode', 'not_allowed_value', { allowed: allowedValues.join(' | '), allowedValues }, text));
  }
  const part = input.part ?? 0;
  const amountKrw = input.amountKrw ?? notice.amountKrw;
  const answer = (a: VirtualAccountRecord) => ok({ notice, virtualAccount: virtualAccountViewOf(a) });
  const waiting = await waitingAccountOf(deps, d.id);
  if (waiting && waiting.amountKrw === amountKrw && waiting.paymentNo === notice.paymentNo && waiting.part === part) return answer(waiting);
  if (!waiting) {
    // Closing an expired account can find that Toss took a deposit into it (its clock behind ours):
    // recorded as the payment just now, it is the answer (the receipt), not a new account.
    const paid = await deps.taxPayments.findByDeclaration(d.id, part);
    if (paid) return outcomeOf(deps, d, paid);
  }
  if (waiting) {
    // The notice changed (a corrected assessment): the old amount must not be deposited (closed at
    // the provider, retried by the closure worker if that fails).
    const job = await deps.virtualAccounts.closeWithFollowUp(waiting.id, { from: 'waiting', at: deps.clock.now(), reason: 'notice_corrected', leaseMs: CLOSURE_LEASE_MS });
    if (job) await attemptClosure(deps, job, depositFollowUp(deps));
  }
  // 관세법 제9조: the account must not outlive the notice's due date.
  const validHours = validHoursFor(deps.clock.now().getTime(), notice.dueDate, deps.virtualAccountPolicy);
  if (validHours === null) return fail('TRANSFER_NOT_AVAILABLE', { dueDate: notice.dueDate }, TRANSFER_PAST_DUE_TEXT);
  // As for cards (pay-taxes.ts): no PCCC leaves the platform; the same request is the same order, also after a reissue (gatewayPayerRef).
  const keyed = (key: string | null) => deps.secrets.sha256(`va|${notice.paymentNo}${part > 0 ? `#${part}` : ''}|${payer.payerKind}|${gatewayPayerRef(payer, d)}|${key ?? `once:${deps.secrets.randomToken('')}`}`);
  let issued = await deps.paymentProvider.issueVirtualAccount({ paymentNo: notice.paymentNo, amountKrw, bankCode, validHours, idempotencyKey: keyed(input.idempotencyKey) });
  // The same request key once gave an account that has since closed (expired): the gateway would
  // answer that closed order again, so the new account is a new order.
  const earlier = issued.ok ? await deps.virtualAccounts.findByOrderId(issued.orderRef) : null;
  if ((earlier && earlier.status !== 'waiting') || (!issued.ok && issued.code === 'VIRTUAL_ACCOUNT_CLOSED')) {
    issued = await deps.paymentProvider.issueVirtualAccount({ paymentNo: notice.paymentNo, amountKrw, bankCode, validHours, idempotencyKey: keyed(null) });
  }
  if (!issued.ok) {
    return issued.unknown
      ? fail('VIRTUAL_ACCOUNT_NOT_ISSUED', { providerCode: issued.code }, { ko: issued.ko, en: issued.en })
      : fail('PAYMENT_DECLINED', { providerCode: issued.code }, { ko: issued.ko, en: issued.en });
  }
  const newAccount = {
    declarationId: d.id,
    paymentNo: notice.paymentNo,
    amountKrw,
    part,
    ...payer,
    provider: deps.paymentProvider.name,
    orderId: issued.orderRef,
    providerTx: issued.providerTx,
    bankCode: issued.bankCode,
    accountNumber: issued.accountNumber,
    holderName: issued.holderName,
    dueAt: new Date(issued.dueAt),
    noticeDueDate: notice.dueDate,
    // Only its hash is kept: the callback's secret is compared with it (record-virtual-account-deposit.ts).
    secretSha256: deps.secrets.sha256(issued.secret),
    idempotencyKey: input.idempotencyKey,
    createdAt: deps.clock.now(),
  };
  const stored = await deps.virtualAccounts.insert(newAccount);
  if (stored) return answer(stored);
  // Another request issued one at the same moment and was stored first: that one is the account.
  // A copy of this very request (same key) got the same account from the provider: nothing to close.
  const winner = await deps.virtualAccounts.findWaiting(d.id);
  if (winner?.providerTx !== issued.providerTx) {
    // Ours is stored closed and closed at the provider by the queued close (retried if that fails;
    // a deposit into it is still recognised), so that only one can be deposited into.
    const job = await deps.virtualAccounts.insertClosed(newAccount, { at: deps.clock.now(), reason: 'duplicate_issue', leaseMs: CLOSURE_LEASE_MS });
    if (job) await attemptClosure(deps, job, depositFollowUp(deps));
  }
  return winner ? answer(winner) : fail('VIRTUAL_ACCOUNT_NOT_ISSUED');
}
