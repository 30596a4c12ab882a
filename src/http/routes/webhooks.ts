// Operators' webhooks: register, list, disable, read the delivery log, replay a delivery.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listWebhookDeliveries, registerWebhook, replayWebhookDelivery } from '../../app/manage-webhooks.ts';
import type { OperatorPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendCode, sendFailure } from '../error-status.ts';
import { IdParams, WebhookBody } from '../schemas.ts';

export const webhookRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const guard = requirePrincipal(['operator']);
  app.post(
    '/api/v1/webhooks',
    {
      preHandler: guard,
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook; the signing secret is shown once',
        description:
          'Deliveries are POSTs with `Tonggwan-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, retried with exponential backoff until a 2xx.',
        body: WebhookBody,
      },
    },
    async (request, reply) => {
      const r = await registerWebhook(deps, request.principal as OperatorPrincipal, { url: request.body.url, eventTypes: request.body.eventTypes ?? null });
      return r.ok ? reply.code(201).send({ ...r.value.webhook, secret: r.value.secret }) : sendFailure(reply, r.error);
    },
  );
  app.get('/api/v1/webhooks', { preHandler: guard, schema: { tags: ['webhooks'], summary: 'List webhooks' } }, async (request) => ({
    webhooks: await deps.webhooks.list((request.principal as OperatorPrincipal).operatorId),
  }));
  app.delete('/api/v1/webhooks/:id', { preHandler: guard, schema: { tags: ['webhooks'], summary: 'Disable a webhook', params: IdParams } }, async (request, reply) => {
    const done = await deps.webhooks.deactivate((request.principal as OperatorPrincipal).operatorId, request.params.id);
    return done ? reply.code(204).send() : sendCode(reply, 'WEBHOOK_NOT_FOUND');
  });
  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      preHandler: guard,
      schema: {
        tags: ['webhooks'],
        summary: 'Delivery log (newest first) with every attempt',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await listWebhookDeliveries(deps, request.principal as OperatorPrincipal, request.params.id, request.query.limit ?? 100);
      return r.ok ? { deliveries: r.value } : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/webhooks/deliveries/:id/replay',
    { preHandler: guard, schema: { tags: ['webhooks'], summary: 'Send a delivery again (by outbox id)', params: IdParams } },
    async (request, reply) => {
      const r = await replayWebhookDelivery(deps, request.principal as OperatorPrincipal, request.params.id);
      if (!r.ok) return sendFailure(reply, r.error);
      deps.onEventsCommitted?.();
      return reply.code(202).send(r.value);
    },
  );
};
