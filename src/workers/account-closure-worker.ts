// In-process worker of the closes of virtual accounts at the payment provider that failed when first
// sent (src/app/close-virtual-accounts.ts, migrations/065): polls the due ones, claims each by a
// lease (no transaction is held while Toss answers) and tries again with backoff, as the webhook
// worker does for deliveries. Also the cancels of card charges that crossed a hold and failed for a passing
// reason (src/app/charge-cancel-retries.ts, migrations/115): the same provider, the same kind of request.
import type { TaxDeps } from '../app/list-tax-notices.ts';
import { processDueClosures } from '../app/close-virtual-accounts.ts';
import { processDueChargeCancels } from '../app/charge-cancel-retries.ts';
import { depositFollowUp } from '../app/record-virtual-account-deposit.ts';
import { startSerialWorker, type SerialWorker } from './polling-loop.ts';

export type AccountClosureWorker = SerialWorker;

export function startAccountClosureWorker(o: { deps: TaxDeps; pollMs: number; batchSize?: number; onError?: (e: unknown) => void }): AccountClosureWorker {
  const batchSize = o.batchSize ?? 20;
  const onDeposited = depositFollowUp(o.deps);
  return startSerialWorker({ runPass: async () => (await processDueClosures(o.deps, onDeposited, batchSize)) + (await processDueChargeCancels(o.deps, batchSize)), batchSize, pollMs: o.pollMs, onError: o.onError });
}
