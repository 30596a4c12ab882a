// Learned risk models (issue 5): list (officers), upload and activate (administrators).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { activateRiskModel, listRiskModels, uploadRiskModel } from '../../app/manage-risk-models.ts';
import type { OfficerPrincipal } from '../../app/ports.ts';
import type { RiskDeps } from '../../app/risk-deps.ts';
import { requirePrincipal } from '../auth.ts';
import { sendCode, sendFailure } from '../error-status.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { ModelActivated, ModelList, ModelUploaded } from '../officer-response-schemas.ts';

const VERSION = '^(gbdt|logistic|rules)-[0-9a-f]{16}$';

/** The model file of `tonggwan risk train` (checked by parseRiskModel's rules, not by this schema, so a bad file gets a clear message). */
const ModelFile = Type.Object(
  {
    format: Type.Optional(Type.Unknown({ description: '"tonggwan-risk-model"' })),
    formatVersion: Type.Optional(Type.Unknown({ description: '1' })),
    version: Type.Optional(Type.Unknown({ description: '`<kind>-<16 hex digits>` derived from the content' })),
    kind: Type.Optional(Type.Unknown({ description: 'gbdt | logistic | rules' })),
    spec: Type.Optional(Type.Unknown({ description: 'columns: id, label, numeric, categorical, interactions' })),
    encoder: Type.Optional(Type.Unknown()),
    learner: Type.Optional(Type.Unknown()),
    revenue: Type.Optional(Type.Unknown()),
    training: Type.Optional(Type.Unknown()),
    model: Type.Optional(Type.Unknown({ description: 'instead of the file at the top level: the file here, with `metrics` beside it' })),
    metrics: Type.Optional(Type.Unknown({ description: 'with `model`: an evaluation to keep with the model (e.g. the JSON of `tonggwan risk eval`)' })),
  },
  { additionalProperties: true, description: 'A model file as written by `tonggwan risk train`, or `{ "model": <file>, "metrics": <evaluation> }`' },
);

export const riskModelRoutes: FastifyPluginAsyncTypebox<{ risk: RiskDeps | null | undefined }> = async (app, { risk }) => {
  if (!risk) return;
  const tags = ['risk'];
  const officer = requirePrincipal(['officer']);
  const admin = requirePrincipal(['officer'], ['admin']);

  app.get(
    '/api/v1/officer/risk/models',
    {
      preHandler: officer,
      config: { docResponses: { 200: described('The stored models', ModelList), ...errorResponses({ 401: 'No or an invalid session', 403: 'Not an officer (FORBIDDEN)' }) } },
      schema: { tags, summary: 'Stored risk models with their training and validation figures; which one is active' },
    },
    async () => listRiskModels(risk),
  );

  app.post(
    '/api/v1/officer/risk/models',
    {
      preHandler: admin,
      bodyLimit: 64 * 1024 * 1024,
      config: {
        docResponses: {
          201: described('Stored (and activated with activate=true)', ModelUploaded),
          200: described('This version was stored already (`created: false`); activated with activate=true', ModelUploaded),
          ...errorResponses({
            400: 'Not a usable model file (RISK_MODEL_INVALID; details.message names the problem), or a bad query (VALIDATION_FAILED)',
            401: 'No or an invalid session',
            403: 'Not an administrator (FORBIDDEN)',
            413: 'Larger than 64 MB (PAYLOAD_TOO_LARGE)',
          }),
        },
      },
      schema: {
        tags,
        summary: 'Upload a model file (administrators): checked (format, content-derived version, structure, platform columns), stored once per version, audited; activate=true also activates it',
        querystring: Type.Object({ activate: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
        body: ModelFile,
      },
    },
    async (request, reply) => {
      const r = await uploadRiskModel(risk, request.principal as OfficerPrincipal, { body: request.body, activate: request.query.activate ?? false });
      if (!r.ok) return sendFailure(reply, r.error);
      return reply.code(r.value.created ? 201 : 200).send(r.value);
    },
  );

  app.post(
    '/api/v1/officer/risk/models/:version/activate',
    {
      preHandler: admin,
      config: {
        docResponses: {
          200: described('Active; `previous` is the model active before', ModelActivated),
          ...errorResponses({ 400: 'Not a model version (VALIDATION_FAILED)', 401: 'No or an invalid session', 403: 'Not an administrator (FORBIDDEN)', 404: 'No stored model has this version (RISK_MODEL_NOT_FOUND)' }),
        },
      },
      schema: {
        tags,
        summary: 'Make a stored model the active one (administrators): new scores use it, the open declarations are rescored with it; audited',
        params: Type.Object({ version: Type.String({ pattern: VERSION }) }),
      },
    },
    async (request, reply) => {
      const r = await activateRiskModel(risk, request.principal as OfficerPrincipal, request.params.version);
      if (!r.ok) return sendFailure(reply, r.error);
      if (!r.value) return sendCode(reply, 'RISK_MODEL_NOT_FOUND', { version: request.params.version });
      return r.value;
    },
  );
};
