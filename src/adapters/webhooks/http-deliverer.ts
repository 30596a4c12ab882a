// Sends one signed webhook over HTTP. A 2xx answer is a delivery; anything else is retried.
// node:http(s) rather than fetch: its `lookup` option checks the address each connection goes to
// (target-policy.ts), which fetch cannot without an extra dependency. Redirects are not followed.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { signWebhook } from './signature.ts';
import { hostOf, isPublicAddress, publicOnlyLookup } from './target-policy.ts';

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
  /** Deliver to loopback, private and link-local addresses too (demo, tests; WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
}): Promise<DeliveryAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signature = signWebhook(input.secret, input.body, Math.floor(input.now.getTime() / 1000));
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { status: null, error: 'invalid URL', durationMs: elapsed() };
  }
  const host = hostOf(url);
  // An address in the URL is connected to without a lookup: checked here.
  if (!input.allowPrivate && net.isIP(host) && !isPublicAddress(host)) return { status: null, error: `${host} is not a public address (WEBHOOK_ALLOW_PRIVATE)`, durationMs: elapsed() };
  const body = Buffer.from(input.body, 'utf8');
  const timeoutMs = input.timeoutMs ?? 10_000;
  // The delivery log shows this text to the operator: the timeout by name (node says "The operation was aborted").
  const failure = (e: Error): string => (e.name === 'AbortError' || e.name === 'TimeoutError' ? `timed out: no answer within ${timeoutMs / 1000} s` : e.message.slice(0, 500));
  return new Promise<DeliveryAttempt>((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'user-agent': 'Tonggwan-Webhooks/1',
          'tonggwan-signature': signature,
          'tonggwan-event-id': input.eventId,
          'tonggwan-delivery-id': String(input.deliveryId),
          'tonggwan-delivery-attempt': String(input.attempt),
        },
        signal: AbortSignal.timeout(timeoutMs),
        ...(input.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        res.resume(); // the answer's body is not read, only drained
        res.on('end', () => {
          const status = res.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          resolve({ status, error: ok ? null : `HTTP ${status}`, durationMs: elapsed() });
        });
        res.on('error', (e) => resolve({ status: res.statusCode ?? null, error: failure(e), durationMs: elapsed() }));
      },
    );
    request.on('error', (e) => resolve({ status: null, error: failure(e), durationMs: elapsed() }));
    request.end(body);
  });
}
