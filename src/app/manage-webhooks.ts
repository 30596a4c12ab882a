// Webhooks: operators register URLs (the signing secret is shown once), read the delivery
// log and replay a delivery. Delivery itself is the webhook worker's job.
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { Clock, DeliveryRecord, OperatorPrincipal, Secrets, WebhookRecord, WebhookStore } from './ports.ts';

type Deps = { webhooks: WebhookStore; secrets: Secrets; clock: Clock; webhookTarget?: ((url: URL) => string | null) | undefined };

export async function registerWebhook(
  deps: Deps,
  operator: OperatorPrincipal,
  input: { url: string; eventTypes?: string[] | null },
): Promise<Result<{ webhook: WebhookRecord; secret: string }>> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return invalidRequest(requestFieldError('body.url', 'url_invalid'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalidRequest(requestFieldError('body.url', 'url_invalid'));
  // Credentials in the URL would be stored and shown back with it (registration, the list); the
  // signature proves the sender. The text does not repeat the URL, nor its secret.
  if (url.username !== '' || url.password !== '') return invalidRequest(requestFieldError('body.url', 'url_has_credentials'));
  // Server-side request forgery: the platform would make the request (adapters/webhooks/target-policy.ts).
  const refused = deps.webhookTarget?.(url);
  if (refused) return invalidRequest(requestFieldError('body.url', 'address_not_public', { value: refused }));
  const secret = deps.secrets.randomToken('whsec_');
  const webhook = await deps.webhooks.create({ operatorId: operator.operatorId, url: url.toString(), secret, eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : null }); // each type once, in the order given
  return ok({ webhook, secret });
}

export async function listWebhookDeliveries(
  deps: Deps,
  operator: OperatorPrincipal,
  webhookId: number,
  q: { limit: number; before?: number; status?: DeliveryRecord['status'] },
): Promise<Result<DeliveryRecord[]>> {
  const d = await deps.webhooks.deliveries(operator.operatorId, webhookId, q);
  return d ? ok(d) : fail('WEBHOOK_NOT_FOUND');
}

export async function replayWebhookDelivery(deps: Deps, operator: OperatorPrincipal, outboxId: number): Promise<Result<{ queued: true }>> {
  return (await deps.webhooks.replay(operator.operatorId, outboxId, deps.clock.now())) ? ok({ queued: true }) : fail('DELIVERY_NOT_FOUND');
}

/**
 * A webhook's URL as answers show it: user name and password (of a webhook registered before they
 * were refused) replaced by ***, so the list never shows them back. Delivery reads the stored URL.
 */
export function shownWebhookUrl(stored: string): string {
  let url: URL;
  try {
    url = new URL(stored);
  } catch {
    return stored;
  }
  if (url.username === '' && url.password === '') return stored;
  if (url.username !== '') url.username = '***';
  if (url.password !== '') url.password = '***';
  return url.toString();
}
