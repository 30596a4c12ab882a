// The retry loop the workers of outboxes of messages share (the consumer payer's refund alerts, the holder's
// notices of changes to their code): the jobs a pass claimed (each leased), delivered group by group; a
// group delivered is settled with what `deliver` answered, one whose delivery threw is tried again with
// backoff (each of its jobs alike), or given up after the policy's last attempt with the error it gave; a
// permanent failure (the SMS gateway refused the number or the sender, the SMTP server answered 5xx to the
// e-mail: isPermanentFailure) is given up at once, with its error: tried again it is refused again.
// At least once: a process that stops between the delivery and the settle leaves the lease to run out, and
// the next pass delivers again.
import type { Clock } from './ports.ts';

/** When a failed delivery is tried again: baseMs × 2^(attempt−1), at most maxMs apart; given up after maxAttempts. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

/** When attempt `attempt` (1 for the first), failed at `now`, is tried again; null: it was the last (given up). */
export function retryAt(policy: RetryPolicy, now: Date, attempt: number): Date | null {
  if (attempt >= policy.maxAttempts) return null;
  return new Date(now.getTime() + Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxMs));
}

/**
 * A failure another attempt cannot mend: an error that says `permanent: true` (the SMS adapter's refusal of
 * the number, the sender or the message, SmsRejectedError; the e-mail adapter's 5xx reply to the recipient,
 * the sender or the message, EmailRejectedError (smtp-mailer.ts permanentSmtpRefusal: 550, 553, 554);
 * deliverToHolder's NotDeliveredError when each channel refused it so). Anything else (the gateway down, an
 * SMTP 4xx such as 421 or 451, a connection lost, a timeout, an account's credentials) is tried again.
 */
export function isPermanentFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { permanent?: unknown }).permanent === true;
}

export type OutboxSettlement<Done extends string> = { status: Done } | { status: 'retry'; nextAttemptAt: Date | null; error: string };

/**
 * Delivers the claimed `jobs`, in groups (`groupsOf`; each job alone by default), and settles each job;
 * returns how many it settled as done. A failed delivery is not counted: with the channels down, a pass of
 * failures reads as no work, so the loop waits its poll interval instead of claiming again at once.
 */
export async function deliverClaimed<J extends { id: number; attempts: number }, Done extends string>(o: {
  jobs: J[];
  groupsOf?: (jobs: J[]) => J[][];
  /** Delivers a group; answers how its jobs are settled (e.g. sent, nobody to tell), or throws to try again. */
  deliver: (group: J[]) => Promise<Done>;
  settle: (id: number, s: OutboxSettlement<NoInfer<Done>>, at: Date) => Promise<void>;
  retry: RetryPolicy;
  clock: Clock;
  /** A failed delivery: the error, the group, and when it is tried again (null: given up, at its last attempt or as permanent). */
  onFailure?: (e: unknown, group: J[], nextAttemptAt: Date | null) => void;
}): Promise<number> {
  let failed = 0;
  for (const group of (o.groupsOf ?? ((jobs: J[]) => jobs.map((j) => [j])))(o.jobs)) {
    let done: Done;
    try {
      done = await o.deliver(group);
    } catch (e) {
      const now = o.clock.now();
      const error = (e as Error).message || String(e);
      // The group's jobs stay together: the attempts and the next try are the same for each. A permanent
      // failure is given up now, whatever the attempt.
      const permanent = isPermanentFailure(e);
      let next: Date | null = null;
      for (const job of group) {
        next = permanent ? null : retryAt(o.retry, now, job.attempts + 1);
        await o.settle(job.id, { status: 'retry', nextAttemptAt: next, error }, now);
      }
      o.onFailure?.(e, group, next);
      failed += group.length;
      continue;
    }
    // A stop between the delivery and this mark delivers again after the lease: at least once.
    for (const job of group) await o.settle(job.id, { status: done }, o.clock.now());
  }
  return o.jobs.length - failed;
}
