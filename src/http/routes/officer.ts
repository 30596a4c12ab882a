// The officer workbench API: queue, hold / release / reject / clear with a reason.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { recordOfficerDecision, type OfficerAction } from '../../app/record-officer-decision.ts';
import type { OfficerPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { IdParams, OfficerDecisionBody } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { publicOriginOf } from '../public-origin.ts';
import { OfficerDecision, OfficerQueue } from '../officer-response-schemas.ts';

const ACTIONS: OfficerAction[] = ['hold', 'release', 'reject', 'clear'];

export const officerRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const guard = requirePrincipal(['officer']);
  app.get(
    '/api/v1/officer/queue',
    {
      preHandler: guard,
      config: {
        docResponses: {
          200: described('The counts by status and up to `limit` declarations of the status', OfficerQueue),
          ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', 401: 'No or an invalid session', 403: 'Not an officer (FORBIDDEN)' }),
        },
      },
      schema: {
        tags: ['officer'],
        summary: 'Declarations by status (default: held), oldest first',
        querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 30 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const rows = await deps.declarations.listByStatus({ status: request.query.status ?? 'held', limit: request.query.limit ?? 100 });
      return {
        counts: await deps.declarations.countByStatus(null),
        declarations: rows.map((d) => ({
          id: d.id,
          cargoNo: d.cargoNo,
          ref: d.ref,
          status: d.status,
          route: d.route,
          holdReason: d.holdReason,
          goodsValueUsd: d.assessment.goodsValueUsd,
          signals: d.assessment.signals,
          updatedAt: d.updatedAt,
        })),
      };
    },
  );

  for (const action of ACTIONS) {
    app.post(
      `/api/v1/officer/declarations/:id/${action}`,
      {
        preHandler: guard,
        config: {
          docResponses: {
            200: described('Recorded: the declaration’s new status', OfficerDecision),
            ...errorResponses({
              400: 'Bad body (VALIDATION_FAILED)',
              401: 'No or an invalid session',
              403: 'Not an officer (FORBIDDEN)',
              404: 'No such declaration (DECLARATION_NOT_FOUND)',
              409: 'Not allowed in the declaration’s current state (ILLEGAL_TRANSITION; details: event, status, stages, and allowedActions: the decisions possible now, named in the text with the event each records; the text also says what 수리 waits for when nothing is filed yet)',
            }),
          },
        },
        schema: {
          tags: ['officer'],
          summary: `${action} a declaration with a reason`,
          description: 'Illegal transitions answer 409 with code ILLEGAL_TRANSITION.',
          params: IdParams,
          body: OfficerDecisionBody,
        },
      },
      async (request, reply) => {
        const identity = deps.identity;
        // the holder is told of a hold, its release or a refusal (record-officer-decision.ts)
        const decisionAlerts = identity
          ? { registry: identity.deps.registry, holders: identity.deps.holders, origin: publicOriginOf(request, identity.publicUrl ?? null), onError: (e: unknown) => request.log.warn({ err: e }, 'officer decision alert failed') }
          : null;
        const r = await recordOfficerDecision({ ...deps, decisionAlerts }, request.principal as OfficerPrincipal, {
          declarationId: request.params.id,
          action,
          reason: request.body.reason,
          ...(request.body.reasonEn ? { detail: { reasonEn: request.body.reasonEn } } : {}),
        });
        if (!r.ok) return sendFailure(reply, r.error);
        deps.onEventsCommitted?.();
        return { id: r.value.id, cargoNo: r.value.cargoNo, status: r.value.status, holdReason: r.value.holdReason };
      },
    );
  }
};
