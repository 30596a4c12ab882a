// GET /api/v1/operator/scorecard: an operator's own data-quality and compliance scorecard
// (src/app/get-operator-scorecard.ts). Operator API keys only; the operator is the key's own.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getOperatorScorecard, SCORECARD_DAYS } from '../../app/get-operator-scorecard.ts';
import type { OperatorPrincipal } from '../../app/ports.ts';
import type { ScorecardDeps } from '../../app/get-operator-scorecard.ts';
import { INSPECTION_OUTCOMES } from '../../domain/risk/platform-risk.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';

const Text = Type.Object({ code: Type.String(), ko: Type.String(), en: Type.String(), ref: Type.String() });
const Share = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });
const Rate = (description: string) => Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description });

export const ScorecardSchema = Type.Object({
  operator: Type.Object({ code: Type.String(), role: Type.String() }),
  window: Type.Object({
    days: Type.Integer(),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date', description: 'today (Korean calendar)' }),
    basis: Text,
  }),
  volumes: Type.Object({
    declarations: Type.Integer({ description: 'declarations this operator submitted with a declaration date in the window' }),
    held: Type.Integer({ description: 'on hold now, or ever put on hold' }),
    holdRate: Share('held / declarations'),
    officerRejected: Type.Integer({ description: 'refused clearance by an officer (통관불허)' }),
    officerRejectionRate: Share('officerRejected / declarations'),
  }),
  intake: Type.Object({
    received: Type.Integer({ description: 'declarations received at intake in the window (replays of stored ones aside)' }),
    rejected: Type.Integer({ description: 'refused at intake (field errors; see GET /api/v1/submissions)' }),
    rejectionRate: Rate('rejected / received; null: nothing received'),
  }),
  inspections: Type.Object({
    inspected: Type.Integer(),
    found: Type.Integer({ description: 'inspections with an outcome other than clean' }),
    findRate: Rate('found / inspected; null: no inspection'),
    outcomes: Type.Object(Object.fromEntries(INSPECTION_OUTCOMES.map((o) => [o, Type.Integer()]))),
    undervalued: Type.Integer(),
    revenueFoundKrw: Type.Integer(),
  }),
  dataQuality: Type.Object({
    score: Share('mean per-declaration quality: ¼ each for an informative description, every item with a 6+ digit HS code, order number and amount paid, a consent token'),
    orderDataShare: Share('share with order.orderNo and order.amountPaid'),
    descriptionShare: Share('share whose descriptions are informative'),
    hsCode6Share: Share('share whose every item has a 6+ digit HS code'),
    consentShare: Share('share with a consumer consent token'),
  }),
  compliance: Share('share of inspections clean, decayed with time, smoothed towards 0.9 (as in the party profiles)'),
  fastLane: Type.Object({
    eligible: Type.Boolean(),
    criteria: Type.Array(Type.Object({ code: Type.String(), met: Type.Boolean(), ko: Type.String(), en: Type.String(), ref: Type.String() }), { description: 'FL_* criteria of policy.fastLane, each met or not' }),
  }),
  nextSteps: Type.Array(Text, { description: 'what to do about each criterion not met' }),
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ format: 'date', description: 'Monday' }),
      declarations: Type.Integer(),
      dataQuality: Rate('null: no declaration that week'),
      orderDataShare: Rate('null: no declaration that week'),
      held: Type.Integer(),
      officerRejected: Type.Integer(),
      intakeReceived: Type.Integer(),
      intakeRejected: Type.Integer(),
      intakeRejectionRate: Rate('null: nothing received that week'),
    }),
  ),
});

export const operatorScorecardRoutes: FastifyPluginAsyncTypebox<{ deps: ScorecardDeps | null }> = async (app, { deps }) => {
  if (!deps) return;
  app.get(
    '/api/v1/operator/scorecard',
    {
      preHandler: requirePrincipal(['operator']),
      schema: {
        tags: ['operator'],
        summary: `Own data-quality and compliance scorecard over the declarations this operator submitted in the last \`days\` Korean calendar days by declaration date (default ${SCORECARD_DAYS.default}): volumes, intake and officer refusals, holds, inspections, data quality, compliance, the fast lane with each criterion, next steps, weekly trend`,
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: SCORECARD_DAYS.min, maximum: SCORECARD_DAYS.max, default: SCORECARD_DAYS.default })) }, { additionalProperties: false }),
        response: { 200: ScorecardSchema },
      },
    },
    async (request, reply) => {
      const r = await getOperatorScorecard(deps, request.principal as OperatorPrincipal, request.query.days ?? SCORECARD_DAYS.default);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
};
