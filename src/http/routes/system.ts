// Health and version; the event stream relay's position for administrators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';

export const systemRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness', security: [] } }, async () => ({
    ok: true,
    reference: { fx: deps.reference.current().fxVersion },
  }));
  // Administrators only: the lag tells how busy the platform is, and lastError may name hosts.
  app.get(
    '/api/v1/admin/event-stream',
    {
      preHandler: requirePrincipal(['officer'], ['admin']),
      schema: { tags: ['admin'], summary: 'The declaration event stream to NATS JetStream (docs/event-stream.md): the relay’s position and lag (events committed, not yet published)' },
    },
    async () => (deps.eventStream ? deps.eventStream.status() : { enabled: false }),
  );
};
