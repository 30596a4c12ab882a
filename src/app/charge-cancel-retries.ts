// A card charge not kept is cancelled at the provider: one that crossed a hold (record-charge.ts chargeWhileHeld,
// charge_while_held), or a second charge of taxes already paid (duplicate_charge_not_voided); a cancel that
// failed for a passing reason (no answer, Toss's own error, requests too close together) is tried again with backoff
// before a person is asked to refund it by hand. Its refund due is recorded at the first failure (the payer is told
// its number, and nothing is lost if the process stops), with the cancel's retries on the record (migrations/115):
// not listed to the administrators while a cancel is still to come. A cancel that goes through resolves the record
// (nothing to refund: the charge is cancelled); the attempts exhausted, or Toss refusing for good, hand it over:
// listed among the refunds due, to be refunded by hand. The loop is the outboxes' (deliverClaimed: backoff, a
// permanent failure given up at once), run by the account-closure worker beside the closes of virtual accounts.
import { deliverClaimed, retryAt, type RetryPolicy } from './outbox-pass.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import type { ChargeCancelJob, ProviderError } from './ports/payment-ports.ts';

/** 1 min × 2^(attempt−1), at most 1 h apart, 8 attempts (the first at the charge's answer; the last about 2 h after it) before a person refunds it. */
export const CHARGE_CANCEL_RETRY: RetryPolicy = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 8 };
/** How long a claimed cancel is held by the pass that claimed it (Toss answers in seconds). */
export const CHARGE_CANCEL_LEASE_MS = 120_000;

/**
 * Toss's answers to a cancel that say nothing of the charge, only of the moment: its own errors, an earlier request
 * still in progress, requests too close together. Another attempt may go through. Any other error object is a
 * refusal of this cancel (NOT_CANCELABLE_PAYMENT, NOT_CANCELABLE_AMOUNT, NOT_FOUND_PAYMENT, …): sent again, refused again.
 */
const PASSING_CANCEL_ERRORS = new Set([
  'FORBIDDEN_CONSECUTIVE_REQUEST',
  'IDEMPOTENT_REQUEST_PROCESSING',
  'PROVIDER_ERROR',
  'FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING',
  'FAILED_INTERNAL_SYSTEM_PROCESSING',
  'UNKNOWN_PAYMENT_ERROR',
  'COMMON_ERROR',
]);

/** The provider refused the cancel for good (an error object, not of a passing kind); no error object (no answer, a server error): worth another attempt. */
export function cancelRefusedForGood(error: ProviderError | null | undefined): boolean {
  return !!error && !PASSING_CANCEL_ERRORS.has(error.code);
}

/** What follows cancel attempt `attempt` (1: the one made with the charge's answer) that failed at `now`: another at `retryAt`, or a person (null). */
export function nextCancelAttemptAt(now: Date, attempt: number, error: ProviderError | null | undefined): Date | null {
  return cancelRefusedForGood(error) ? null : retryAt(CHARGE_CANCEL_RETRY, now, attempt);
}

/** The provider's failure as the administrators read it on the record (the last error). */
export function cancelErrorText(error: ProviderError | null | undefined): string {
  return error ? `the provider refused the cancel: ${error.code}${error.message ? ` (${error.message})` : ''}` : 'the provider did not answer the cancel';
}

/** A failed cancel, for deliverClaimed: permanent when the provider refused it for good. */
class CancelFailed extends Error {
  readonly permanent: boolean;
  constructor(error: ProviderError | undefined) {
    super(cancelErrorText(error));
    this.permanent = cancelRefusedForGood(error);
  }
}

/** One pass: claims the cancels due and tries each once more; how many went through (a failure counts as no work, so the loop waits its interval). */
export async function processDueChargeCancels(deps: Pick<TaxDeps, 'taxPayments' | 'paymentProvider' | 'clock'>, limit = 20): Promise<number> {
  const jobs = await deps.taxPayments.claimDueChargeCancels({ provider: deps.paymentProvider.name, limit, at: deps.clock.now(), leaseMs: CHARGE_CANCEL_LEASE_MS });
  return deliverClaimed<ChargeCancelJob, 'cancelled'>({
    jobs,
    retry: CHARGE_CANCEL_RETRY,
    clock: deps.clock,
    settle: (id, s, at) => deps.taxPayments.settleChargeCancel(id, s, at),
    deliver: async (job) => {
      const j = job[0]!;
      // The n-th cancel of this charge: a new Idempotency-Key (Toss answers a repeated one with its first answer, a failure too).
      const voided = await deps.paymentProvider.void({ providerTx: j.providerTx, paymentNo: j.paymentNo, amountKrw: j.amountKrw, attempt: j.attempts + 1 });
      if (!voided.ok) throw new CancelFailed(voided.error);
      return 'cancelled';
    },
  });
}
