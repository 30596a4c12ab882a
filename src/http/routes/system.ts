// Health and version; the event stream relay's position for administrators.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { Closed, DateTime, described, errorResponses, Nullable } from '../response-schemas.ts';
import { Health } from '../officer-response-schemas.ts';

/** GET /api/v1/admin/event-stream: `enabled: false` alone without NATS_URL (EventStreamStatus, src/app/ports/event-stream-ports.ts). */
const EventStreamStatusSchema = Closed({
  enabled: Type.Boolean({ description: 'false: NATS_URL is not set and nothing else is given' }),
  stream: Type.Optional(Type.String({ description: 'the JetStream stream (NATS_STREAM)' })),
  subjectPrefix: Type.Optional(Type.String({ description: 'subjects are <prefix>.<operator code>.<event type>' })),
  connected: Type.Optional(Type.Boolean({ description: "the relay's last contact with NATS succeeded" })),
  lastError: Type.Optional(Nullable(Type.String())),
  published: Type.Optional(Type.Integer({ description: 'events published in all' })),
  lastEventId: Type.Optional(Nullable(Type.Integer())),
  lastPublishedAt: Type.Optional(Nullable(DateTime)),
  startedAt: Type.Optional(Nullable(DateTime)),
  pendingEvents: Type.Optional(Type.Integer({ description: 'committed events not yet published (the lag)' })),
  oldestPendingAt: Type.Optional(Nullable(DateTime)),
});

export const systemRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/health', { config: { docResponses: { 200: described('Up', Health) } }, schema: { tags: ['system'], summary: 'Liveness', security: [] } }, async () => ({
    ok: true,
    reference: { fx: deps.reference.current().fxVersion },
  }));
  // Administrators only: the lag tells how busy the platform is, and lastError may name hosts.
  app.get(
    '/api/v1/admin/event-stream',
    {
      preHandler: requirePrincipal(['officer'], ['admin']),
      config: { docResponses: { 200: described("The relay's position and lag", EventStreamStatusSchema), ...errorResponses({ 401: 'No or an invalid session', 403: 'Not an administrator' }) } },
      schema: { tags: ['admin'], summary: 'The declaration event stream to NATS JetStream (docs/event-stream.md): the relay’s position and lag (events committed, not yet published)' },
    },
    async () => (deps.eventStream ? deps.eventStream.status() : { enabled: false }),
  );
};
