// Administrators: the holder's security notices given up (refused for good by their channel, or failed at
// each attempt), a page at a time, and one sent again once the number or address is put right (audited).
// Registered with the consumer identity (the notices' outbox is its own).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { GIVEN_UP_NOTICES_MAX_PAGE, GIVEN_UP_NOTICES_PAGE, listGivenUpHolderNotices, requeueGivenUpHolderNotice } from '../../app/manage-holder-notices.ts';
import type { OfficerPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { Id, IdParams } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { GivenUpHolderNoticeList, HolderNoticeRequeued } from '../officer-response-schemas.ts';

export const holderNoticesAdminRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps: appDeps }) => {
  const identity = appDeps.identity?.deps;
  const notices = identity?.givenUpNotices;
  if (!identity || !notices) return;
  const deps = { notices, access: identity.access, clock: identity.clock, onChangeNoticeQueued: () => identity.onChangeNoticeQueued?.() };
  const adminOnly = requirePrincipal(['officer'], ['admin']);
  const asAdmin = { 401: 'No or an invalid session', 403: 'Not an administrator (FORBIDDEN)' };
  app.get(
    '/api/v1/admin/holder-notices',
    {
      preHandler: adminOnly,
      config: { docResponses: { 200: described('Notices given up, the newest first, a page at a time', GivenUpHolderNoticeList), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', ...asAdmin }) } },
      schema: {
        tags: ['admin'],
        summary: "The holder's security notices given up (a change to their code, a passkey, a consent…): refused for good by the channel (an invalid number, an e-mail answered 550) or failed at every attempt",
        querystring: Type.Object(
          {
            before: Type.Optional(Id({ description: 'a notice id: those before it (the next page, as `nextBefore` says)' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: GIVEN_UP_NOTICES_MAX_PAGE, default: GIVEN_UP_NOTICES_PAGE })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => listGivenUpHolderNotices(deps, { before: request.query.before, limit: request.query.limit }),
  );
  app.post(
    '/api/v1/admin/holder-notices/:id/requeue',
    {
      preHandler: adminOnly,
      config: {
        docResponses: {
          200: described('Queued again: the notice as it was given up, and when it is due (now)', HolderNoticeRequeued),
          ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...asAdmin, 404: 'No given-up notice with this id (HOLDER_NOTICE_NOT_FOUND: unknown, or sent again already; details.path: "params.id")' }),
        },
      },
      schema: {
        tags: ['admin'],
        summary: "Send a given-up notice again (administrators; audited): back to the outbox for a new round of attempts; the notice of a change of contact to the former number or address goes there again, any other to the holder's contact the registry has now (requeueTo)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const r = await requeueGivenUpHolderNotice(deps, request.principal as OfficerPrincipal, request.params.id);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
};
