// Operators' webhooks: register, list, disable, read the delivery log, replay a delivery.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listWebhookDeliveries, registerWebhook, replayWebhookDelivery } from '../../app/manage-webhooks.ts';
import type { OperatorPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendCode, sendFailure } from '../error-status.ts';
import { Id, IdParams, WebhookBody } from '../schemas.ts';
import { DeliveryList, ReplayQueued, WebhookCreated, WebhookList, described, errorResponses } from '../response-schemas.ts';

const AUTH_ERRORS = { 401: 'No or an invalid API key (UNAUTHENTICATED, INVALID_API_KEY)', 403: 'Not an operator (FORBIDDEN)' };

export const webhookRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const guard = requirePrincipal(['operator']);
  app.post(
    '/api/v1/webhooks',
    {
      preHandler: guard,
      config: { docResponses: { 201: described('Registered; `secret` is shown only here', WebhookCreated), ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED naming body.url: url_invalid, address_not_public, url_has_credentials for a URL with a user name or password)', ...AUTH_ERRORS }) } },
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook; the signing secret is shown once',
        description:
          'Deliveries are POSTs of one event each, body `{"id":"evt_<eventId>","type":"declaration.event","eventType","nameKo","nameEn","occurredAt","status","reason","detail","declaration":{"id","ref","cargoNo"}}`; ' +
          'tax events, when the operator asked for a virtual account on the consumer\'s behalf (eventTypes `tax.paid`, `tax.payment_reversed`, `tax.refund_due`, `tax.refund_due_cancelled`, `tax.refunded`): `{"id":"taxpaid_<receiptNo>","type":"tax.paid","occurredAt","declaration":{"id","ref","cargoNo"},"payment":{"receiptNo","paymentNo","amountKrw","method","payerKind","paidAt"}}` when the deposit is recorded as the payment (with `"refund":{"refundNo","amountKrw","refundBy"}` when it paid more than the taxes now assessed; none for a deposit that paid nothing owed, refunded in full), ' +
          '`{"id":"taxrev_<receiptNo>","type":"tax.payment_reversed","occurredAt","declaration":{…},"payment":{…},"reversal":{"reason":"deposit_reversed","reversedAt"}}` when the bank reversed that deposit (the receipt is void, the taxes due again), ' +
          'when the operator paid, `{"id":"taxrefunddue_<refundNo>","type":"tax.refund_due","occurredAt","declaration":{…},"refund":{"refundNo","paymentNo","amountKrw","reason","refundBy"}}` when a refund due is recorded on its payment (an overpayment after a reassessment lower, a withdrawal or refusal after payment, a deposit or second charge after the taxes were paid; refundBy: the day promised), ' +
          '`{"id":"taxrefundduecancelled_<refundNo>","type":"tax.refund_due_cancelled","occurredAt","declaration":{…},"refund":{"refundNo","paymentNo","amountKrw","reason","cancelledAt"},"cancellation":{"cause","ko","en"},"supersededBy":{"refundNo","amountKrw","refundBy","parts"?,"unchanged"?}|null}` when such a refund due no longer stands and nothing will be refunded under its number (cause: superseded, with supersededBy naming the record of the new amount, whose own tax.refund_due is queued in the same transaction: never add the two; an overpayment split over the charges that paid it, one record per charge, each at most what is left of its charge, has amountKrw the overpayment in all and parts [{"refundNo","amountKrw"}] naming each record, refundNo that of the first; a part whose charge and amount did not change stays open under its number, with no event, and is named in unchanged [{"refundNo","amountKrw"}], counted in amountKrw; no_longer_due, the taxes assessed again at the net amount paid or more; payment_reversed, its payment reversed (the other parts that stay due, if any, named in supersededBy.unchanged, nothing recorded anew); deposit_reversed; not_refunded, an administrator\'s; charge_cancelled, a card charge not kept that a later attempt cancelled at Toss; ' +
          'supersededBy, by cause: superseded, the record or records of the new amount, each with its own tax.refund_due, and any parts kept in unchanged; payment_reversed, only the parts that stay due unchanged: none of them is new and no tax.refund_due follows (their own was sent when they were recorded; do not add them again), refundNo the first\'s, amountKrw their sum, refundBy the latest of their days, unchanged naming each, no parts; null when none stays; null for no_longer_due, deposit_reversed and not_refunded (and charge_cancelled)), ' +
          'and `{"id":"taxrefund_<refundNo>","type":"tax.refunded","occurredAt","declaration":{…},"refund":{"refundNo","paymentNo","amountKrw","reason","providerRefundRef","refundedAt"}}` when an administrator records a refund due (an overpayment, a second charge) as refunded through the payment provider (each tax.refund_due ends with one tax.refunded or one tax.refund_due_cancelled: a balance of refunds receivable adds on the first and removes on either, by refundNo); ' +
          'with the headers `Tonggwan-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (the secret as shown, whsec_ included; reject a `t` older than 5 minutes), ' +
          '`Tonggwan-Event-Id` (the body’s id: deduplicate on it, a delivery is at least once), `Tonggwan-Delivery-Id` (the outbox id to replay) and `Tonggwan-Delivery-Attempt`. ' +
          'The URL carries no credentials (a user name or password is refused: the signature proves the sender). ' +
          'Any answer other than a 2xx within 10 s is retried with exponential backoff (WEBHOOK_BACKOFF_BASE_MS × 2^(attempt−1), at most 6 h apart) up to WEBHOOK_MAX_ATTEMPTS attempts; redirects are not followed.',
        body: WebhookBody,
      },
    },
    async (request, reply) => {
      const r = await registerWebhook(deps, request.principal as OperatorPrincipal, { url: request.body.url, eventTypes: request.body.eventTypes ?? null });
      return r.ok ? reply.code(201).send({ ...r.value.webhook, secret: r.value.secret }) : sendFailure(reply, r.error);
    },
  );
  app.get('/api/v1/webhooks', { preHandler: guard, config: { docResponses: { 200: described('Own webhooks (secrets are never shown again)', WebhookList), ...errorResponses(AUTH_ERRORS) } }, schema: { tags: ['webhooks'], summary: 'List webhooks' } }, async (request) => ({
    webhooks: await deps.webhooks.list((request.principal as OperatorPrincipal).operatorId),
  }));
  app.delete('/api/v1/webhooks/:id', { preHandler: guard, config: { docResponses: { 204: { type: 'null', description: 'Disabled' }, ...errorResponses({ ...AUTH_ERRORS, 404: 'No such webhook of yours (WEBHOOK_NOT_FOUND)' }) } }, schema: { tags: ['webhooks'], summary: 'Disable a webhook: nothing more is sent to it, and its queued deliveries are given up (dead)', params: IdParams } }, async (request, reply) => {
    const done = await deps.webhooks.deactivate((request.principal as OperatorPrincipal).operatorId, request.params.id);
    return done ? reply.code(204).send() : sendCode(reply, 'WEBHOOK_NOT_FOUND');
  });
  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      preHandler: guard,
      config: { docResponses: { 200: described('Newest first, keyset-paged by outbox id: pass `next` as `after` for the next (older) page', DeliveryList), ...errorResponses({ 400: 'Bad id, limit, after or status (VALIDATION_FAILED)', ...AUTH_ERRORS, 404: 'No such webhook of yours (WEBHOOK_NOT_FOUND)' }) } },
      schema: {
        tags: ['webhooks'],
        summary: 'Delivery log (newest first) with every attempt',
        description: 'Filter by `status` (`dead`: the deliveries that gave up, to replay); page with `limit` and `after` (the `next` of the previous page), as the other operator lists.',
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            after: Type.Optional(Id({ description: 'the `next` of the previous page: deliveries older than this outbox id' })),
            status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? 100;
      const r = await listWebhookDeliveries(deps, request.principal as OperatorPrincipal, request.params.id, {
        limit,
        ...(request.query.after !== undefined ? { before: request.query.after } : {}),
        ...(request.query.status !== undefined ? { status: request.query.status } : {}),
      });
      if (!r.ok) return sendFailure(reply, r.error);
      return { deliveries: r.value, next: r.value.length === limit ? r.value[r.value.length - 1]!.outboxId : null };
    },
  );
  app.post(
    '/api/v1/webhooks/deliveries/:id/replay',
    {
      preHandler: guard,
      config: { docResponses: { 202: described('Queued: sent again (signed anew, same event id) at the next turn of the worker', ReplayQueued), ...errorResponses({ ...AUTH_ERRORS, 404: 'No such delivery of yours, or its webhook is disabled (DELIVERY_NOT_FOUND)' }) } },
      schema: { tags: ['webhooks'], summary: 'Send a delivery again (by outbox id)', params: IdParams },
    },
    async (request, reply) => {
      const r = await replayWebhookDelivery(deps, request.principal as OperatorPrincipal, request.params.id);
      if (!r.ok) return sendFailure(reply, r.error);
      deps.onEventsCommitted?.();
      return reply.code(202).send(r.value);
    },
  );
};
