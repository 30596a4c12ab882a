// In-process worker of the closes of virtual accounts at the payment provider that failed when first
// sent (src/app/close-virtual-accounts.ts, migrations/065): polls the due ones, claims each by a
// lease (no transaction is held while Toss answers) and tries again with backoff, as the webhook
// worker does for deliveries.
import type { TaxDeps } from '../app/list-tax-notices.ts';
import { processDueClosures } from '../app/close-virtual-accounts.ts';
import { depositFollowUp } from '../app/record-virtual-account-deposit.ts';
import { startPollingLoop } from './polling-loop.ts';

export interface AccountClosureWorker {
  stop(): Promise<void>;
  nudge(): void;
  /** Runs passes until none is due (after the one under way): for the tests and an orderly shutdown. */
  drain(): Promise<void>;
}

export function startAccountClosureWorker(o: { deps: TaxDeps; pollMs: number; batchSize?: number; onError?: (e: unknown) => void }): AccountClosureWorker {
  let turn: Promise<unknown> = Promise.resolve();
  const batchSize = o.batchSize ?? 20;
  const onDeposited = depositFollowUp(o.deps);
  /** One pass, after the one under way (passes never overlap in this process). */
  const pass = (): Promise<number> => {
    const next = turn.then(() => processDueClosures(o.deps, onDeposited, batchSize));
    turn = next.catch(() => undefined);
    return next;
  };
  const loop = startPollingLoop({ pass, batchSize, pollMs: o.pollMs, onError: o.onError });
  return {
    nudge: () => loop.nudge(),
    async drain() {
      while ((await pass()) > 0);
    },
    async stop() {
      await loop.stop();
      await turn;
    },
  };
}
