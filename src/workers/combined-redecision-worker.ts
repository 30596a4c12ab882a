// In-process worker of combined taxation decided again (src/app/redecide-combined-members.ts):
// polls combined_redecisions (migrations/071, queued by intake's transaction), claims rows by a
// lease with FOR UPDATE SKIP LOCKED (several processes can run side by side) and decides each
// stored declaration again. Rows stay until decided, so a restart loses nothing. Woken by intake
// when it queued some; otherwise it polls.
import { processCombinedRedecisions, type CombinedRedecisionDeps } from '../app/redecide-combined-members.ts';
import { startSerialWorker, type SerialWorker } from './polling-loop.ts';

export type CombinedRedecisionWorker = SerialWorker;

export function startCombinedRedecisionWorker(o: {
  deps: CombinedRedecisionDeps;
  pollMs: number;
  batchSize?: number;
  /** After a pass that recorded events (the webhook and risk workers are woken). */
  onEventsCommitted?: () => void;
  onError?: (e: unknown) => void;
}): CombinedRedecisionWorker {
  const batchSize = o.batchSize ?? 20;
  const runPass = async () => {
    const r = await processCombinedRedecisions(o.deps, batchSize, o.onError);
    if (r.changed > 0) o.onEventsCommitted?.();
    return r.claimed;
  };
  return startSerialWorker({ runPass, batchSize, pollMs: o.pollMs, onError: o.onError });
}
