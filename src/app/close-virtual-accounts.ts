// Closing at the payment provider a virtual account that must take no deposit any more: the notice
// was paid another way (a card, by the consumer or the operator on their behalf; a deposit into
// another account), or corrected. Left open at Toss, a later transfer into it would be a second
// payment to refund.
//
// Order: the payment is committed first; then one statement closes the account row and queues its
// close (migrations/065: a follow-up that survives a crash), leased to this caller so that the
// worker does not send the same cancel alongside it; then Toss is asked, outside any transaction. A cancel that fails is retried with backoff by the closure worker
// (src/workers/account-closure-worker.ts), as webhook deliveries are. When Toss refuses because a
// deposit already arrived, the deposit is recorded by the deposit path (`onDeposited`: a refund
// due, since the taxes are paid), whether or not Toss's callback reaches us.
import type { TaxDeps } from './list-tax-notices.ts';
import type { ClosureJob, ClosureReason, ProviderError, VirtualAccountRecord } from './ports/payment-ports.ts';

/** Records a deposit the provider confirmed into a closed account (record-virtual-account-deposit.ts); throws when it could not. */
export type OnDeposited = (account: VirtualAccountRecord) => Promise<void>;

/** When a failed close is tried again: 1 min × 2^(attempt−1), at most 6 h apart, 12 attempts (about 17 h) before it is given up (dead, for the administrators). */
export const CLOSURE_RETRY = { baseMs: 60_000, maxMs: 6 * 3_600_000, maxAttempts: 12 };
/** How long a claimed close is held by the worker that claimed it (the provider's answer takes seconds). */
export const CLOSURE_LEASE_MS = 120_000;

export function closureRetryAt(now: Date, attempt: number): Date | null {
  if (attempt >= CLOSURE_RETRY.maxAttempts) return null;
  return new Date(now.getTime() + Math.min(CLOSURE_RETRY.baseMs * 2 ** Math.max(0, attempt - 1), CLOSURE_RETRY.maxMs));
}

/**
 * Closes the declaration's account still waiting for a deposit, here and at the provider (not the
 * one whose deposit is the payment: `keepProviderTx`). Never throws: the payment is recorded already,
 * and a close that could not be sent is retried by the worker.
 */
export async function closeWaitingAccounts(deps: TaxDeps, declarationId: number, reason: ClosureReason, keepProviderTx: string | null, onDeposited: OnDeposited): Promise<void> {
  try {
    const waiting = await deps.virtualAccounts.findWaiting(declarationId);
    if (!waiting || waiting.providerTx === keepProviderTx) return;
    const job = await deps.virtualAccounts.closeWithFollowUp(waiting.id, { from: 'waiting', at: deps.clock.now(), reason, leaseMs: CLOSURE_LEASE_MS });
    if (job) await attemptClosure(deps, job, onDeposited);
  } catch (e) {
    deps.onFollowUpError?.(e);
  }
}

/** One attempt at the provider; its outcome is stored (closed, found deposited, or the next attempt). */
export async function attemptClosure(deps: TaxDeps, job: ClosureJob, onDeposited: OnDeposited): Promise<'closed' | 'deposited' | { retry: string; providerError: ProviderError | null }> {
  const a = job.account;
  let providerError: ProviderError | null = null; // Toss's answer to the cancel, when it refused it
  const retry = async (error: string) => {
    const now = deps.clock.now();
    await deps.virtualAccounts.settleClosure(job.id, { status: 'retry', nextAttemptAt: closureRetryAt(now, job.attempts + 1), error, providerError }, now);
    return { retry: error, providerError };
  };
  try {
    // The n-th cancel ever sent for this account (not of this round): a key Toss has not seen (migrations/067).
    const voided = await deps.paymentProvider.void({ providerTx: a.providerTx, paymentNo: a.paymentNo, amountKrw: a.amountKrw, attempt: job.requests + 1 });
    if (!voided.ok) {
      providerError = voided.error ?? null;
      // Refused or unanswered: Toss's record of the payment says why.
      const found = await deps.paymentProvider.lookUp(a.providerTx);
      if (!found) return await retry('the provider did not answer the cancel nor the look-up');
      if (found.orderRef !== a.orderId) return await retry(`the provider's payment is of another order (${found.orderRef})`);
      if (found.status === 'DONE') {
        // A deposit arrived before the close: the deposit path records it (a refund due: the taxes are paid).
        await onDeposited(a);
        await deps.virtualAccounts.settleClosure(job.id, { status: 'deposited' }, deps.clock.now());
        return 'deposited';
      }
      if (!['CANCELED', 'EXPIRED', 'ABORTED'].includes(found.status)) return await retry(`the cancel was refused; the payment is ${found.status} at the provider`);
    }
    await deps.virtualAccounts.settleClosure(job.id, { status: 'closed' }, deps.clock.now());
    return 'closed';
  } catch (e) {
    return retry((e as Error).message || String(e));
  }
}

/** The closure worker's pass: claims the closes due and attempts each; how many were attempted. */
export async function processDueClosures(deps: TaxDeps, onDeposited: OnDeposited, limit = 20): Promise<number> {
  const jobs = await deps.virtualAccounts.claimDueClosures({ limit, at: deps.clock.now(), leaseMs: CLOSURE_LEASE_MS });
  for (const job of jobs) await attemptClosure(deps, job, onDeposited);
  return jobs.length;
}
