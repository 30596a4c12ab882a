// In-process worker of the consumer payer's alerts of refunds due (src/app/send-consumer-refund-alerts.ts,
// migrations/103): polls the due ones, claims each by a lease and sends it; a failed send is tried again
// with backoff, one left unsettled by a process that stopped is taken again once its lease ran out.
import { sendConsumerRefundAlerts, type ConsumerRefundAlertDeps } from '../app/send-consumer-refund-alerts.ts';
import { startSerialWorker, type SerialWorker } from './polling-loop.ts';

export type ConsumerRefundAlertWorker = SerialWorker;

export function startConsumerRefundAlertWorker(o: { deps: ConsumerRefundAlertDeps; pollMs: number; batchSize?: number; onError?: (e: unknown) => void }): ConsumerRefundAlertWorker {
  const batchSize = o.batchSize ?? 20;
  return startSerialWorker({ runPass: () => sendConsumerRefundAlerts(o.deps, batchSize), batchSize, pollMs: o.pollMs, onError: o.onError });
}
