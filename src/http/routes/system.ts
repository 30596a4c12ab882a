// Health and version.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app.ts';

export const systemRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness', security: [] } }, async () => ({
    ok: true,
    reference: { fx: deps.reference.current().fxVersion },
  }));
};
