// The loop of the in-process outbox workers (webhooks, closes of virtual accounts): run a pass;
// when it found less than a full batch, sleep pollMs or until nudged. A failed pass is reported
// and the loop goes on (the rows stay due); stop() wakes it and waits for the pass under way.
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
