// In-process worker of the PCCC renewal reminders (src/app/remind-renewals.ts): a pass now and then;
// what is due today is found by expiry date, so a pass is one indexed query when nothing is due. At least once:
// a pass also takes the claims a stopped process left unsent once their lease ran out (RENEWAL_CLAIM_LEASE_MS).
import { remindRenewals, type RenewalReminderDeps } from '../app/remind-renewals.ts';
import { startSerialWorker, type SerialWorker } from './polling-loop.ts';

export type RenewalReminderWorker = SerialWorker;

export function startRenewalReminderWorker(o: { deps: RenewalReminderDeps; pollMs: number; batchSize?: number; onError?: (e: unknown) => void }): RenewalReminderWorker {
  const batchSize = o.batchSize ?? 100;
  return startSerialWorker({ runPass: () => remindRenewals(o.deps, batchSize), batchSize, pollMs: o.pollMs, onError: o.onError });
}
