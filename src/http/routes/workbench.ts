// Officer workbench reads: the ranked work queue and the parties of a declaration with their
// history. Decisions (hold, release, reject, clear) are in officer.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listWorkQueue, OPEN_STATUSES, SIGNAL_WEIGHTS, HOLD_WEIGHT } from '../../app/list-work-queue.ts';
import { getPartyHistory } from '../../app/get-party-history.ts';
import { findDeclarationsForOfficer } from '../../app/find-declarations-for-officer.ts';
import { listSubmissions } from '../../app/record-submission.ts';
import type { OperatorPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { Id, IdParams } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { DeclarationParties, OfficerFound, SubmissionList, WorkQueue } from '../officer-response-schemas.ts';

export const workbenchRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const portal = deps.portal;
  if (!portal) return;
  const officer = requirePrincipal(['officer']);
  const asOfficer = { 401: 'No or an invalid session', 403: 'Not an officer (FORBIDDEN)' };
  app.get(
    '/api/v1/officer/work-queue',
    {
      preHandler: officer,
      config: { docResponses: { 200: described('A page of the ranking, with the counts by status', WorkQueue), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', ...asOfficer }) } },
      schema: {
        tags: ['officer'],
        summary: 'Open declarations ranked by risk (held first, then the expected value of an inspection by the active model, else the rule-based signal weights), then oldest; paged by limit and offset',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(OPEN_STATUSES.map((s) => Type.Literal(s)))),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'Rows of the ranking to skip (paging)' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const modelVersion = deps.risk ? await deps.risk.risk.activeModelVersion() : null;
      const limit = request.query.limit ?? 100;
      const offset = request.query.offset ?? 0;
      const [rows, counts] = await Promise.all([
        listWorkQueue(portal, { ...(request.query.status ? { status: request.query.status } : {}), limit, offset, modelVersion, ...(deps.risk ? { halfPointKrw: deps.risk.policy.safetyValuePerFindKrw } : {}) }),
        deps.declarations.countByStatus(null),
      ]);
      // The queue's length, from the counts the filter shows anyway (no second scan).
      const total = (request.query.status ? [request.query.status] : OPEN_STATUSES).reduce((sum, s) => sum + (counts[s] ?? 0), 0);
      return {
        counts,
        total,
        offset,
        limit,
        weights: { held: HOLD_WEIGHT, signals: SIGNAL_WEIGHTS },
        modelVersion,
        declarations: rows,
      };
    },
  );
  // The queue holds open declarations only: an officer asked about a parcel (a phone call, a
  // consultation, a courier) finds it here by its cargo number or its B/L, whatever its status.
  app.get(
    '/api/v1/officer/declarations',
    {
      preHandler: officer,
      config: {
        docResponses: {
          200: described('None or the one declaration with this cargo number; with a B/L, those with this B/L number and year in declaration order (at most 50; truncated: there are more)', OfficerFound),
          ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED), or neither a cargo number nor a B/L number, or a B/L without its year (LOOKUP_QUERY_INVALID, details naming the parameter)', ...asOfficer }),
        },
      },
      schema: {
        tags: ['officer'],
        summary: 'Find declarations of any operator and status by cargo number (화물관리번호, exact), or by house or master B/L number and B/L year (spaces and hyphens ignored)',
        querystring: Type.Object(
          {
            cargoNo: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '화물관리번호' })),
            hblNo: Type.Optional(Type.String({ minLength: 1, maxLength: 35, description: 'House B/L number' })),
            mblNo: Type.Optional(Type.String({ minLength: 1, maxLength: 35, description: 'Master B/L number' })),
            blYear: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'B/L year (YYYY): the year of arrival, as UNI-PASS keys a B/L' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await findDeclarationsForOfficer(deps, request.query);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/officer/declarations/:id/parties',
    {
      preHandler: officer,
      config: { docResponses: { 200: described('The five parties', DeclarationParties), ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...asOfficer, 404: 'No such declaration (DECLARATION_NOT_FOUND)' }) } },
      schema: { tags: ['officer'], summary: 'Platform, seller, forwarder, courier and consignee of a declaration, with their history', params: IdParams },
    },
    async (request, reply) => {
      const r = await getPartyHistory({ declarations: deps.declarations, workbench: portal.workbench }, request.params.id);
      return r.ok ? { parties: r.value } : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/submissions',
    {
      preHandler: requirePrincipal(['operator']),
      config: { docResponses: { 200: described('Own intake calls, newest first, keyset-paged by id: pass `next` as `after` for the next (older) page', SubmissionList), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', 401: 'No or an invalid API key', 403: 'Not an operator (FORBIDDEN)' }) } },
      schema: {
        tags: ['declarations'],
        summary: 'Own intake calls (newest first) with the rejected declarations and their field errors',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            rejectedOnly: Type.Optional(Type.Boolean({ default: false })),
            after: Type.Optional(Id({ description: 'the `next` of the previous page: submissions older than this id' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const submissions = await listSubmissions(portal, (request.principal as OperatorPrincipal).operatorId, {
        limit,
        onlyWithRejections: request.query.rejectedOnly ?? false,
        ...(request.query.after !== undefined ? { before: request.query.after } : {}),
      });
      return { submissions, next: submissions.length === limit ? submissions[submissions.length - 1]!.id : null };
    },
  );
};
