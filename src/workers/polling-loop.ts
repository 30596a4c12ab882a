// The loop of the in-process workers (webhooks, closes of virtual accounts, combined-taxation
// re-decisions): run a pass; when it found less than a full batch, sleep pollMs or until nudged.
// A failed pass is reported and the loop goes on (the rows stay due); stop() wakes it and waits
// for the pass under way.
export interface PollingLoop {
  nudge(): void;
  stop(): Promise<void>;
}

export function startPollingLoop(o: { pass: () => Promise<number>; batchSize: number; pollMs: number; onError?: (e: unknown) => void }): PollingLoop {
  let stopped = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await o.pass();
      } catch (e) {
        if (!stopped) o.onError?.(e);
      }
      if (!stopped && n < o.batchSize) await sleep(o.pollMs);
    }
  })();
  return {
    nudge() {
      if (timer) clearTimeout(timer);
      wake?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}

/** A polling loop whose passes never overlap in this process, with drain() for tests and an orderly shutdown. */
export interface SerialWorker extends PollingLoop {
  /** Runs passes until one finds no work (after the one under way). */
  drain(): Promise<void>;
}

/** `runPass` claims and handles up to batchSize rows and returns how many it claimed. */
export function startSerialWorker(o: { runPass: () => Promise<number>; batchSize: number; pollMs: number; onError?: (e: unknown) => void }): SerialWorker {
  let turn: Promise<unknown> = Promise.resolve();
  /** One pass, after the one under way. */
  const pass = (): Promise<number> => {
    const next = turn.then(o.runPass);
    turn = next.catch(() => undefined);
    return next;
  };
  const loop = startPollingLoop({ pass, batchSize: o.batchSize, pollMs: o.pollMs, onError: o.onError });
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
