// In-process webhook worker: polls the DB-backed outbox, delivers at least once, retries
// with exponential backoff (base × 2^(attempt−1), capped at 6 h), gives up after maxAttempts.
import type { Clock } from '../app/ports.ts';
import type { DeliveryOutcome, PgWebhookStore } from '../adapters/db/webhook-repository.ts';
import { postWebhook } from '../adapters/webhooks/http-deliverer.ts';
import { startPollingLoop } from './polling-loop.ts';

export interface WebhookWorkerOptions {
  store: PgWebhookStore;
  clock: Clock;
  backoffBaseMs: number;
  maxAttempts: number;
  pollMs: number;
  batchSize?: number;
  /** Deliver to non-public addresses too (demo, tests): WEBHOOK_ALLOW_PRIVATE (target-policy.ts). */
  allowPrivate?: boolean;
  onError?: (e: unknown) => void;
}

export function backoffMs(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 6 * 3600_000);
}

export function startWebhookWorker(o: WebhookWorkerOptions): { stop(): Promise<void>; nudge(): void } {
  const batchSize = o.batchSize ?? 20;
  return startPollingLoop({
    batchSize,
    pollMs: o.pollMs,
    onError: o.onError,
    pass: () =>
      o.store.processDue(batchSize, o.clock.now(), async (due) =>
        Promise.all(
          due.map(async (d): Promise<DeliveryOutcome> => {
            const attempt = d.attempts + 1;
            const requestedAt = o.clock.now();
            const r = await postWebhook({
              url: d.url,
              secret: d.secret,
              body: JSON.stringify(d.payload),
              eventId: d.payload.id,
              deliveryId: d.outboxId,
              attempt,
              now: requestedAt,
              allowPrivate: o.allowPrivate ?? false,
            });
            const delivered = r.error === null;
            return {
              outboxId: d.outboxId,
              webhookId: d.webhookId,
              attempt,
              requestedAt,
              durationMs: r.durationMs,
              responseStatus: r.status,
              error: r.error,
              delivered,
              nextAttemptAt: delivered || attempt >= o.maxAttempts ? null : new Date(requestedAt.getTime() + backoffMs(o.backoffBaseMs, attempt)),
            };
          }),
        ),
      ),
  });
}
