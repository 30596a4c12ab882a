// In-process relay of committed declaration events to NATS JetStream (docs/event-stream.md): at
// least once, in commit order, nothing skipped (the order and the gaps are the store's business:
// adapters/db/event-stream-repository.ts). While NATS is unreachable the platform runs on, the
// events wait in PostgreSQL and the relay retries with backoff; the log says so once per outage.
import type { PgEventStreamStore, StreamStart } from '../adapters/db/event-stream-repository.ts';
import type { EventPublisher, EventStreamStatus, EventStreamStatusSource } from '../app/ports/event-stream-ports.ts';

export interface EventRelayOptions {
  store: PgEventStreamStore;
  publisher: EventPublisher;
  start: StreamStart;
  subjectPrefix: string;
  /** For the log only (credentials are not shown). */
  url: string;
  pollMs: number;
  /** Events per chunk: published together, then the position is recorded. */
  chunk?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  log?: (line: string) => void;
}

export interface EventRelay extends EventStreamStatusSource {
  /** Publishes one chunk (tests; the loop calls it): how many events, and whether more wait. */
  step(): Promise<{ published: number; more: boolean }>;
  /** Publishes until nothing committed is left, or throws the first failure (tests). */
  drain(): Promise<number>;
  nudge(): void;
  stop(): Promise<void>;
}

/** nats://user:secret@host:4222 → nats://host:4222 (the log and the status show no credentials). */
export function withoutCredentials(url: string): string {
  return url
    .split(',')
    .map((u) => u.trim().replace(/\/\/[^@/]*@/, '//'))
    .join(',');
}

export function createEventRelay(o: EventRelayOptions): EventRelay & { run(): void } {
  const chunk = o.chunk ?? 1000;
  const where = withoutCredentials(o.url);
  let connected = false;
  /** NATS has failed since it last worked: the outage is logged once, at its start. */
  let outage = false;
  let lastError: string | null = null;
  let ready: Promise<void> | null = null;

  function failed(e: Error): Error {
    if (!outage)
      o.log?.(
        `event stream: NATS at ${where} unreachable or refusing (${e.message}); the platform keeps running, events wait in PostgreSQL and are published when it is back / ` +
          `이벤트 스트림: NATS(${where})에 발행할 수 없습니다(${e.message}). 플랫폼은 계속 동작하며 이벤트는 PostgreSQL에 남아 있다가 연결되면 발행됩니다`,
      );
    outage = true;
    connected = false;
    lastError = e.message;
    return e;
  }

  async function step(): Promise<{ published: number; more: boolean }> {
    // The position is created before NATS is first reached: what commits during an outage at the first start waits too.
    ready ??= o.store.ensureCursor(o.start).catch((e: unknown) => {
      ready = null;
      throw e;
    });
    await ready;
    if (!connected) {
      // Reached even with nothing to publish, so an unreachable NATS shows at start (log, status).
      await o.publisher.connect().catch((e: unknown) => {
        throw failed(e as Error);
      });
      o.log?.(`event stream: ${outage ? 'NATS is back, ' : ''}publishing to NATS at ${where}, stream ${o.store.stream} / 이벤트 스트림: NATS(${where}) 스트림 ${o.store.stream}에 발행${outage ? ' 재개' : ''}`);
      connected = true;
      outage = false;
    }
    const r = await o.store.publishNext(chunk, (events) => o.publisher.publish(events));
    if (r.outcome?.error) throw failed(r.outcome.error);
    lastError = null;
    return { published: r.published, more: r.more && !r.busy };
  }

  let stopped = false;
  let running: Promise<void> | null = null;
  let pause: { wake(): void; nudgeable: boolean } | null = null;
  const sleep = (ms: number, nudgeable: boolean) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => pause?.wake(), ms);
      pause = {
        nudgeable,
        wake() {
          clearTimeout(timer);
          pause = null;
          resolve();
        },
      };
    });

  const relay: EventRelay = {
    step,
    async drain() {
      let total = 0;
      for (;;) {
        const r = await step();
        total += r.published;
        if (!r.more && r.published === 0) return total;
      }
    },
    nudge() {
      if (pause?.nudgeable) pause.wake();
    },
    async stop() {
      stopped = true;
      pause?.wake();
      await running;
      await o.publisher.close();
    },
    async status(): Promise<EventStreamStatus> {
      const p = await o.store.position();
      return {
        enabled: true,
        stream: o.store.stream,
        subjectPrefix: o.subjectPrefix,
        connected,
        lastError,
        published: p?.published ?? 0,
        lastEventId: p?.lastEventId ?? null,
        lastPublishedAt: p?.publishedAt ?? null,
        startedAt: p?.startedAt ?? null,
        pendingEvents: p?.pendingEvents ?? 0,
        oldestPendingAt: p?.oldestPendingAt ?? null,
      };
    },
  };

  /** The loop: at once while more waits or something went out, else every pollMs or when nudged; after a failure base × 2^(n−1) up to the max, which a nudge does not cut short (commits come often during an outage). */
  const run = () => {
    running = (async () => {
      let failures = 0;
      while (!stopped) {
        try {
          const r = await step();
          failures = 0;
          // After a chunk, look again at once: what committed meanwhile did not wait for the poll.
          if (r.more || r.published > 0) continue;
          await sleep(o.pollMs, true);
        } catch (e) {
          // A failure to publish was logged by step(); one of the database when it first differs.
          const message = (e as Error).message;
          if (message !== lastError) o.log?.(`event stream: ${message}`);
          lastError = message;
          failures++;
          if (!stopped) await sleep(Math.min((o.retryBaseMs ?? 500) * 2 ** (failures - 1), o.retryMaxMs ?? 30_000), false);
        }
      }
    })();
  };
  return Object.assign(relay, { run });
}

/** The relay of main.ts: created and running. */
export function startEventStreamRelay(o: EventRelayOptions): EventRelay {
  const relay = createEventRelay(o);
  relay.run();
  return relay;
}
