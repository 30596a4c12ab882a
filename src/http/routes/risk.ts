// Risk management API (issue 5): party profiles, the risk view of a declaration, inspection
// results, weekly selection performance, officer-editable rules (draft → dry run → publish),
// operators' order data and the orders no declaration carries; the learned models (risk-models.ts).
import { formatCsv } from '../../adapters/csv/read-csv-table.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getPartyProfile } from '../../app/get-party-profile.ts';
import { listPartyDeclarations, PARTY_DECLARATIONS_PAGE } from '../../app/list-party-declarations.ts';
import { getDeclarationRisk } from '../../app/get-declaration-risk.ts';
import { recordInspectionResult } from '../../app/record-inspection-result.ts';
import { exportRiskHistory, getRiskPerformance } from '../../app/get-risk-performance.ts';
import { createRuleDraft, dryRunRuleDraft, listRiskRules, publishRuleDraft, updateRuleDraft } from '../../app/manage-risk-rules.ts';
import { listOrdersWithoutDeclaration, submitOrder } from '../../app/submit-order.ts';
import type { RiskDeps } from '../../app/risk-deps.ts';
import type { StoredOrder } from '../../app/ports/risk-store.ts';
import type { OfficerPrincipal, OperatorPrincipal } from '../../app/ports.ts';
import { INSPECTION_OUTCOMES, INSPECTION_SELECTIONS, PARTY_ROLES } from '../../domain/risk/platform-risk.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { Id, IdParams, KrwAmount, OrderTotal, Quantity, UnitPrice } from '../schemas.ts';
import { OrderResponse, described, errorResponses } from '../response-schemas.ts';
import { DeclarationRisk, DryRun, Inspection, OrdersWithoutDeclaration, PartyDeclarations, PartyProfile, RiskPerformance, RiskRules, RuleDraft, RulesPublished } from '../officer-response-schemas.ts';
import { riskModelRoutes } from './risk-models.ts';

export const OrderBody = Type.Object(
  {
    orderNo: Type.String({ minLength: 1, maxLength: 64 }),
    platform: Type.String({ minLength: 1, maxLength: 200 }),
    seller: Type.Optional(Type.String({ maxLength: 200 })),
    buyerPccc: Type.String({ pattern: '^[Pp][0-9]{12}$', description: '개인통관고유부호 of the buyer' }),
    currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
    amountPaid: OrderTotal('total paid by the buyer, in currency'),
    orderedAt: Type.Optional(Type.String({ format: 'date' })),
    items: Type.Array(
      Type.Object(
        {
          description: Type.String({ minLength: 1, maxLength: 300 }),
          quantity: Quantity(0),
          price: UnitPrice,
          hsCode: Type.Optional(Type.String({ pattern: '^[0-9.\\-]{2,13}$' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 999 },
    ),
  },
  { additionalProperties: false },
);

export const InspectionBody = Type.Object(
  {
    outcome: Type.Union(INSPECTION_OUTCOMES.map((o) => Type.Literal(o))),
    correctedValueKrw: Type.Optional(KrwAmount()),
    correctedHs: Type.Optional(Type.String({ pattern: '^[0-9]{4,10}$' })),
    revenueKrw: Type.Optional(KrwAmount({ description: 'duty and taxes recovered (KRW)' })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    selectedBy: Type.Optional(
      Type.Union(
        INSPECTION_SELECTIONS.map((o) => Type.Literal(o)),
        { description: 'why the parcel was inspected: queue (selected from the work queue), random (a random sample), audit (an audit sample of an operator), other (a tip …); the performance page measures the selection on the queue’s' },
      ),
    ),
  },
  { additionalProperties: false },
);

const RulesBody = Type.Object({ rules: Type.Optional(Type.Unknown()), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

/** An order as the document publishes it: `seller` and `orderedAt` null when the order gave none (the store leaves them out). */
function orderView<O extends StoredOrder>(o: O): O & { seller: string | null; orderedAt: string | null } {
  return { ...o, seller: o.seller ?? null, orderedAt: o.orderedAt ?? null };
}

export const riskRoutes: FastifyPluginAsyncTypebox<{ risk: RiskDeps | null | undefined }> = async (app, { risk }) => {
  if (!risk) return;
  // The model list, upload and activation (routes/risk-models.ts) go with the rest of risk management.
  await app.register(riskModelRoutes, { risk });
  const officer = requirePrincipal(['officer']);
  const admin = requirePrincipal(['officer'], ['admin']);
  const tags = ['risk'];
  const asOfficer = { 401: 'No or an invalid session', 403: 'Not an officer (FORBIDDEN)' };
  const asAdmin = { 401: 'No or an invalid session', 403: 'Not an administrator (FORBIDDEN)' };
  const doc = (responses: Record<number, unknown>) => ({ docResponses: responses });

  app.get(
    '/api/v1/officer/parties/:role/:key',
    {
      preHandler: officer,
      config: doc({ 200: described('The profile', PartyProfile), ...errorResponses({ 400: 'Unknown role (VALIDATION_FAILED)', ...asOfficer, 404: 'No declaration names a party of this role and key (PARTY_NOT_FOUND)' }) }),
      schema: {
        tags,
        summary: 'Profile of a party: volumes, hold/rejection rates, inspection outcomes, data quality, compliance, fast lane with reasons',
        params: Type.Object({ role: Type.Union(PARTY_ROLES.map((r) => Type.Literal(r))), key: Type.String({ minLength: 1, maxLength: 300 }) }),
      },
    },
    async (request, reply) => {
      const r = await getPartyProfile(risk, request.params.role, request.params.key);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.get(
    '/api/v1/officer/parties/:role/:key/declarations',
    {
      preHandler: officer,
      config: doc({
        200: described('The party’s declarations, newest first, and the cursor of the next page', PartyDeclarations),
        ...errorResponses({ 400: 'Unknown role, bad limit or after (VALIDATION_FAILED)', ...asOfficer, 404: 'No declaration names a party of this role and key (PARTY_NOT_FOUND)' }),
      }),
      schema: {
        tags,
        summary: `A party's declarations behind its profile, newest first, a page at a time (\`limit\`, default ${PARTY_DECLARATIONS_PAGE.default}, at most ${PARTY_DECLARATIONS_PAGE.max}; \`after\`: the \`next\` of the page before): cargo number, date, route, status now, score with model and rule-set version, latest inspection result`,
        params: Type.Object({ role: Type.Union(PARTY_ROLES.map((r) => Type.Literal(r))), key: Type.String({ minLength: 1, maxLength: 300 }) }),
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PARTY_DECLARATIONS_PAGE.max, default: PARTY_DECLARATIONS_PAGE.default })),
            after: Type.Optional(Id({ description: 'the `next` of the page before: older declarations' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await listPartyDeclarations(risk, request.params.role, request.params.key, request.query);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.get(
    '/api/v1/officer/declarations/:id/risk',
    {
      preHandler: officer,
      config: doc({ 200: described('The risk view', DeclarationRisk), ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...asOfficer, 404: 'No such declaration (DECLARATION_NOT_FOUND)' }) }),
      schema: { tags, summary: 'Risk score (model version, factors ko/en), rule and detector hits, order reconciliation, inspections', params: IdParams },
    },
    async (request, reply) => {
      const r = await getDeclarationRisk(risk, request.params.id);
      return r.ok ? { ...r.value, orders: r.value.orders.map(orderView) } : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/api/v1/officer/declarations/:id/inspection',
    {
      preHandler: officer,
      config: doc({
        201: described('Recorded', Inspection),
        ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED), e.g. revenue recovered by a clean inspection', ...asOfficer, 404: 'No such declaration (DECLARATION_NOT_FOUND)' }),
      }),
      schema: { tags, summary: 'Record the result of an inspection (append-only); updates the party profiles at once', params: IdParams, body: InspectionBody },
    },
    async (request, reply) => {
      const r = await recordInspectionResult(risk, request.principal as OfficerPrincipal, { declarationId: request.params.id, ...request.body });
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );

  app.get(
    '/api/v1/officer/risk/performance',
    {
      preHandler: officer,
      config: doc({ 200: described('Per week and model version, newest first, and the totals', RiskPerformance), ...errorResponses({ 400: 'weeks out of range (VALIDATION_FAILED)', ...asOfficer }) }),
      schema: { tags, summary: 'Inspections, finds, precision and revenue found per week and model version', querystring: Type.Object({ weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 520, default: 26 })) }, { additionalProperties: false }) },
    },
    async (request) => getRiskPerformance(risk, request.query.weeks ?? 26),
  );

  app.get(
    '/api/v1/officer/risk/export',
    {
      preHandler: admin,
      config: doc({
        200: { description: 'One row per inspected declaration (its latest inspection), features as scored by the active model; columns as in docs/risk-model.md', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...errorResponses(asAdmin),
      }),
      schema: { tags, summary: 'Training export (CSV): features as scored and the inspection outcome, for `tonggwan risk train`' },
    },
    async (_request, reply) => {
      const t = await exportRiskHistory(risk, await risk.risk.activeModelVersion());
      // RFC 4180 quoting, CR included: a note typed on Windows would otherwise split its row.
      return reply.type('text/csv; charset=utf-8').send(formatCsv(t.header, t.rows));
    },
  );

  app.get('/api/v1/officer/risk/rules', { preHandler: officer, config: doc({ 200: described('Published sets, drafts, audit', RiskRules), ...errorResponses(asOfficer) }), schema: { tags, summary: 'Published rule sets, drafts and the audit log' } }, async () => listRiskRules(risk));
  const ruleSetInvalid = 'The rules are not a valid rule set (RULE_SET_INVALID; details.message, ko, en name the problem)';
  app.post('/api/v1/officer/risk/rules/drafts', {
    preHandler: officer,
    config: doc({ 201: described('The draft', RuleDraft), ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED)', ...asOfficer, 422: `${ruleSetInvalid}, or no published set to start from` }) }),
    schema: { tags, summary: 'Start a draft (from the published set, or the rules given)', body: RulesBody } }, async (request, reply) => {
    const r = await createRuleDraft(risk, request.principal as OfficerPrincipal, request.body);
    return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
  });
  app.patch('/api/v1/officer/risk/rules/drafts/:id', {
    preHandler: officer,
    config: doc({ 200: described('The draft', RuleDraft), ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED)', ...asOfficer, 404: 'No such draft (RULE_DRAFT_NOT_FOUND)', 422: ruleSetInvalid }) }),
    schema: { tags, summary: 'Replace the rules of a draft', params: IdParams, body: RulesBody } }, async (request, reply) => {
    const r = await updateRuleDraft(risk, request.principal as OfficerPrincipal, request.params.id, { rules: request.body.rules, ...(request.body.note !== undefined ? { note: request.body.note } : {}) });
    return r.ok ? r.value : sendFailure(reply, r.error);
  });
  app.post(
    '/api/v1/officer/risk/rules/drafts/:id/dry-run',
    {
      preHandler: officer,
      config: doc({ 200: described('What the draft would have flagged', DryRun), ...errorResponses({ 400: 'Bad id or limit (VALIDATION_FAILED)', ...asOfficer, 404: 'No such draft (RULE_DRAFT_NOT_FOUND)', 422: ruleSetInvalid }) }),
      schema: { tags, summary: 'Apply a draft to past declarations: parcels flagged per rule and how many of them inspections found bad', params: IdParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 20000 })) }) },
    },
    async (request, reply) => {
      const r = await dryRunRuleDraft(risk, request.principal as OfficerPrincipal, request.params.id, request.query.limit ?? 20000);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/officer/risk/rules/drafts/:id/publish',
    {
      preHandler: admin,
      config: doc({
        201: described('The published rule set, and how many open declarations were queued to be rescored with it', RulesPublished),
        ...errorResponses({
          400: 'Bad body (VALIDATION_FAILED)',
          ...asAdmin,
          404: 'No such draft, or one published already (RULE_DRAFT_NOT_FOUND)',
          409: 'The version is taken (RULE_VERSION_EXISTS), the draft’s rules are those in force (RULE_SET_UNCHANGED; details.version: the version in force; nothing published or queued), or the draft kept changing while being published (CONCURRENT_UPDATE)',
          422: ruleSetInvalid,
        }),
      }),
      schema: { tags, summary: 'Publish a draft as a new immutable rule-set version (administrators); the open declarations are queued for rescoring with it', params: IdParams, body: Type.Object({ version: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{3,80}$' })), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const r = await publishRuleDraft(risk, request.principal as OfficerPrincipal, request.params.id, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/api/v1/orders',
    {
      preHandler: requirePrincipal(['operator']),
      config: {
        docResponses: {
          201: described('Stored', OrderResponse),
          200: described('The same order again (a retry): the stored one, `replayed: true`', OrderResponse),
          ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED)', 401: 'No or an invalid API key', 403: 'Not an operator (FORBIDDEN)', 409: 'This orderNo was posted with other content (ORDER_CONFLICT)' }),
        },
      },
      schema: { tags: ['orders'], summary: 'Post order data (idempotent by operator + orderNo); reconciled against declarations by order no. + PCCC', body: OrderBody },
    },
    async (request, reply) => {
      const r = await submitOrder(risk, request.principal as OperatorPrincipal, request.body);
      if (!r.ok) return sendFailure(reply, r.error);
      return reply.code(r.value.replayed ? 200 : 201).send({ order: orderView(r.value.order), replayed: r.value.replayed });
    },
  );
  app.get(
    '/api/v1/officer/orders/without-declaration',
    {
      preHandler: officer,
      config: doc({ 200: described('The orders, newest first', OrdersWithoutDeclaration), ...errorResponses({ 400: 'limit out of range (VALIDATION_FAILED)', ...asOfficer }) }),
      schema: { tags: ['orders'], summary: 'Orders older than the grace period that no declaration carries', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }) },
    },
    async (request) => ({ orders: (await listOrdersWithoutDeclaration(risk, request.query.limit ?? 100)).map(orderView) }),
  );
};
