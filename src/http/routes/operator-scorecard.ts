// GET /api/v1/operator/scorecard: an operator's own data-quality and compliance scorecard
// (src/app/get-operator-scorecard.ts). Operator API keys only; the operator is the key's own.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getOperatorScorecard, SCORECARD_DAYS } from '../../app/get-operator-scorecard.ts';
import type { OperatorPrincipal } from '../../app/ports.ts';
import type { ScorecardDeps } from '../../app/get-operator-scorecard.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { Scorecard } from '../officer-response-schemas.ts';

export const operatorScorecardRoutes: FastifyPluginAsyncTypebox<{ deps: ScorecardDeps | null }> = async (app, { deps }) => {
  if (!deps) return;
  app.get(
    '/api/v1/operator/scorecard',
    {
      preHandler: requirePrincipal(['operator']),
      config: {
        docResponses: {
          200: described('The scorecard', Scorecard),
          ...errorResponses({ 400: 'days out of range (VALIDATION_FAILED)', 401: 'No or an invalid API key', 403: 'Not an operator (FORBIDDEN)' }),
        },
      },
      schema: {
        tags: ['operator'],
        summary: `Own data-quality and compliance scorecard over the declarations this operator submitted in the last \`days\` Korean calendar days by declaration date (default ${SCORECARD_DAYS.default}): volumes, intake and officer refusals, holds, inspections, data quality, compliance, the fast lane with each criterion, next steps, weekly trend`,
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: SCORECARD_DAYS.min, maximum: SCORECARD_DAYS.max, default: SCORECARD_DAYS.default })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await getOperatorScorecard(deps, request.principal as OperatorPrincipal, request.query.days ?? SCORECARD_DAYS.default);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
};
