// In-process worker of declarations decided again with a reference-data correction
// (src/app/redecide-after-correction.ts): its first pass queues the declarations whose assessment
// recorded a superseded version (reference_redecisions, migrations/092; each version looked for
// once), then it claims rows by a lease with FOR UPDATE SKIP LOCKED and decides each. Rows stay
// until decided, so a restart loses nothing; a correction ships with the data files, so the queue
// fills only after a start, and the start does not wait for that read of the declarations.
import { processReferenceRedecisions, queueSupersededDecisions, type ReferenceRedecisionDeps } from '../app/redecide-after-correction.ts';
import type { SupersededVersion } from '../domain/reference-corrections.ts';
import { startSerialWorker, type SerialWorker } from './polling-loop.ts';

export interface ReferenceCorrectionWorker extends SerialWorker {
  /**
   * The next pass looks again for every superseded version, those looked for at this start's first
   * pass too: for declarations stored since with superseded data (the demo seed's; nothing else
   * stores them). Then drain() to have them decided.
   */
  rescan(): void;
}

export function startReferenceCorrectionWorker(o: {
  deps: ReferenceRedecisionDeps;
  pollMs: number;
  batchSize?: number;
  /** After a pass that recorded events (the webhook and risk workers are woken). */
  onEventsCommitted?: () => void;
  /** After the queueing: how many declarations wait, and the superseded versions it queued them for. */
  onQueued?: (pending: number, queuedFor: SupersededVersion[]) => void;
  onError?: (e: unknown) => void;
}): ReferenceCorrectionWorker {
  const batchSize = o.batchSize ?? 20;
  let queued = false;
  // rescan() calls asked for, and those a queueing has answered (one that failed is asked again).
  let rescans = 0;
  let rescanned = 0;
  const runPass = async () => {
    if (!queued || rescans > rescanned) {
      const upTo = rescans;
      const { pending, queuedFor } = await queueSupersededDecisions(o.deps, { again: upTo > rescanned });
      queued = true;
      rescanned = upTo;
      o.onQueued?.(pending, queuedFor);
    }
    const r = await processReferenceRedecisions(o.deps, batchSize, o.onError);
    if (r.changed > 0) o.onEventsCommitted?.();
    return r.claimed;
  };
  const worker = startSerialWorker({ runPass, batchSize, pollMs: o.pollMs, onError: o.onError });
  return {
    ...worker,
    rescan() {
      rescans++;
    },
  };
}
