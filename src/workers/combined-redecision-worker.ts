// In-process worker of combined taxation decided again (src/app/redecide-combined-members.ts):
// polls combined_redecisions (migrations/071, queued by intake's transaction), claims rows by a
// lease with FOR UPDATE SKIP LOCKED (several processes can run side by side) and decides each
// stored declaration again. Rows stay until decided, so a restart loses nothing. Woken by intake
// when it queued some; otherwise it polls.
import { processCombinedRedecisions, type CombinedRedecisionDeps } from '../app/redecide-combined-members.ts';
import { startPollingLoop } from './polling-loop.ts';

export interface CombinedRedecisionWorker {
  stop(): Promise<void>;
  nudge(): void;
  /** Runs passes until none finds work (after the one under way): for the tests. */
  drain(): Promise<void>;
}

export function startCombinedRedecisionWorker(o: {
  deps: CombinedRedecisionDeps;
  pollMs: number;
  batchSize?: number;
  /** After a pass that recorded events (the webhook and risk workers are woken). */
  onEventsCommitted?: () => void;
  onError?: (e: unknown) => void;
}): CombinedRedecisionWorker {
  let turn: Promise<unknown> = Promise.resolve();
  const batchSize = o.batchSize ?? 20;
  /** One pass, after the one under way (passes never overlap in this process). */
  const pass = (): Promise<number> => {
    const next = turn.then(async () => {
      const r = await processCombinedRedecisions(o.deps, batchSize, o.onError);
      if (r.changed > 0) o.onEventsCommitted?.();
      return r.claimed;
    });
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
