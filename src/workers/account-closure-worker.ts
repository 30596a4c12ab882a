// In-process worker of the closes of virtual accounts at the payment provider that failed when first
// sent (src/app/close-virtual-accounts.ts, migrations/065): polls the due ones, claims each by a
// lease (no transaction is held while Toss answers) and tries again with backoff, as the webhook
// worker does for deliveries.
import type { TaxDeps } from '../app/list-tax-notices.ts';
import { processDueClosures } from '../app/close-virtual-accounts.ts';
import { depositFollowUp } from '../app/record-virtual-account-deposit.ts';

export interface AccountClosureWorker {
  stop(): Promise<void>;
  nudge(): void;
  /** Runs passes until none is due (after the one under way): for the tests and an orderly shutdown. */
  drain(): Promise<void>;
}

export function startAccountClosureWorker(o: { deps: TaxDeps; pollMs: number; batchSize?: number; onError?: (e: unknown) => void }): AccountClosureWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let turn: Promise<unknown> = Promise.resolve();
  const batch = o.batchSize ?? 20;
  const onDeposited = depositFollowUp(o.deps);
  /** One pass, after the one under way (passes never overlap in this process). */
  const pass = (): Promise<number> => {
    const next = turn.then(() => processDueClosures(o.deps, onDeposited, batch));
    turn = next.catch(() => undefined);
    return next;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await pass();
      } catch (e) {
        if (!stopped) o.onError?.(e);
      }
      if (!stopped && n < batch) await sleep(o.pollMs);
    }
  })();
  return {
    nudge() {
      if (timer) clearTimeout(timer);
      wake?.();
    },
    async drain() {
      while ((await pass()) > 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
      await turn;
    },
  };
}
