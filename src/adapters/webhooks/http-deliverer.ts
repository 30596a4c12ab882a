// Sends one signed webhook over HTTP. A 2xx answer is a delivery; anything else is retried.
import { signWebhook } from './signature.ts';

export interface DeliveryAttempt {
  status: number | null;
  error: string | null;
  durationMs: number;
}

export async function postWebhook(input: {
  url: string;
  secret: string;
  body: string;
  eventId: string;
  deliveryId: number;
  attempt: number;
  now: Date;
  timeoutMs?: number;
}): Promise<DeliveryAttempt> {
  const started = performance.now();
  const signature = signWebhook(input.secret, input.body, Math.floor(input.now.getTime() / 1000));
  try {
    const res = await fetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tonggwan-Webhooks/1',
        'tonggwan-signature': signature,
        'tonggwan-event-id': input.eventId,
        'tonggwan-delivery-id': String(input.deliveryId),
        'tonggwan-delivery-attempt': String(input.attempt),
      },
      body: input.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    const durationMs = Math.round(performance.now() - started);
    return res.ok ? { status: res.status, error: null, durationMs } : { status: res.status, error: `HTTP ${res.status}`, durationMs };
  } catch (e) {
    return { status: null, error: (e as Error).message.slice(0, 500), durationMs: Math.round(performance.now() - started) };
  }
}
