// Response schemas of the operator API, published in /api/openapi.json (documentation only: the
// routes serialise with JSON.stringify). test/integration/openapi-contract.test.ts validates real
// answers against the published document, so the document cannot drift from the server.
import { Type, type TSchema } from '@sinclair/typebox';
import { GUARD_STATUSES } from './auth.ts';

export const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
export const Closed = <P extends Parameters<typeof Type.Object>[0]>(props: P, options: Parameters<typeof Type.Object>[1] = {}) =>
  Type.Object(props, { additionalProperties: false, ...options });
export const DateTime = Type.String({ format: 'date-time' });
export const Won = Type.Integer({ minimum: 0 });

export const FieldErrorSchema = Closed(
  {
    path: Type.String({ description: 'e.g. items[2].description' }),
    code: Type.String({ description: 'stable machine code, e.g. description_missing' }),
    ko: Type.String(),
    en: Type.String(),
  },
  { $id: 'FieldError' },
);
const FieldErrors = Type.Array(Type.Ref('FieldError'));

export const ReasonSchema = Closed({
  code: Type.String(),
  ko: Type.String(),
  en: Type.String(),
  ref: Type.String({ description: 'law, decree or notice article, in Korean (the name to look it up by on law.go.kr)' }),
  refEn: Type.String({
    description: 'the same reference in English: statutes by their official English titles (KLRI), KCS notices named after their subject, e.g. "관세법 제94조" → "Customs Act Art. 94"; a fragment without an English rendering stays Korean',
  }),
});
const TaxesSchema = Closed({
  dutyKrw: Won,
  exciseKrw: Won,
  educationKrw: Won,
  liquorKrw: Won,
  vatKrw: Won,
  totalKrw: Won,
  collected: Type.Boolean({ description: 'false under the minimum collection amount (KRW 10,000)' }),
});

export const AssessmentSchema = Closed(
  {
    ref: Type.String(),
    status: Type.Union([Type.Literal('assessed'), Type.Literal('rejected')]),
    errors: FieldErrors,
    route: Nullable(Type.Union([Type.Literal('list'), Type.Literal('general'), Type.Literal('hold')])),
    reasons: Type.Array(ReasonSchema),
    goodsValueUsd: Nullable(Type.Number()),
    deMinimis: Closed({ thresholdUsd: Nullable(Type.Number()), exempt: Type.Boolean() }),
    combinedWith: Type.Array(Type.String(), {
      description: "refs of the declarations taxed together (합산과세); to an operator, another operator's declaration is `(another operator)` (after its own refs), and the reasons say 다른 업체의 신고 / another operator's declaration",
    }),
    valuation: Nullable(
      Closed({
        currency: Type.String(),
        exchangeRate: Type.Number(),
        rateWeekStart: Type.String({ format: 'date' }),
        goodsValueKrw: Won,
        freightKrw: Won,
        freightBasis: Type.Union([Type.Literal('sea-parcel'), Type.Literal('express'), Type.Literal('none')]),
        insuranceKrw: Won,
        taxableValueKrw: Won,
      }),
    ),
    lines: Type.Array(
      Closed({
        index: Type.Integer({ minimum: 0 }),
        hsCode: Type.String(),
        hsSource: Type.Union([Type.Literal('declared'), Type.Literal('category')]),
        dutyRate: Type.Number(),
        rateType: Type.Union([Type.Literal('basic'), Type.Literal('fta'), Type.Literal('default')]),
        taxableValueKrw: Won,
        dutyKrw: Won,
        exciseKrw: Won,
        educationKrw: Won,
        liquorKrw: Won,
        vatKrw: Won,
      }),
    ),
    taxes: Nullable(TaxesSchema),
    taxesWithoutExemption: Nullable(TaxesSchema),
    signals: Type.Array(Type.String()),
    dataVersions: Type.Record(Type.String(), Type.String()),
  },
  { $id: 'Assessment', description: 'The engine’s decision for one declaration, every step explained (ko/en, legal reference)' },
);

const IntakeSummary = Closed({ received: Type.Integer(), accepted: Type.Integer(), rejected: Type.Integer(), replayed: Type.Integer() });
const intakeResultFields = {
  index: Type.Integer({ minimum: 0, description: 'position in the request' }),
  ref: Nullable(Type.String()),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
  declarationId: Nullable(Type.Integer()),
  cargoNo: Nullable(Type.String({ description: '화물관리번호' })),
  lifecycleStatus: Nullable(Type.String()),
  replayed: Type.Boolean({ description: 'already on record (a retry): nothing new was stored' }),
  errors: FieldErrors,
};
export const IntakeResponse = Closed(
  { summary: IntakeSummary, results: Type.Array(Closed({ ...intakeResultFields, assessment: Nullable(Type.Ref('Assessment')) })) },
  { title: 'IntakeResponse' },
);
const minimalResultFields = {
  ...intakeResultFields,
  route: Nullable(Type.Union([Type.Literal('list'), Type.Literal('general'), Type.Literal('hold')])),
  taxesDueKrw: Nullable(Won),
};
export const IntakeMinimalResponse = Closed({ summary: IntakeSummary, results: Type.Array(Closed(minimalResultFields)) }, { title: 'IntakeMinimalResponse (Prefer: return=minimal)' });

const csvLines = {
  lines: Type.Array(Type.Integer({ minimum: 2 }), { description: 'the lines of the CSV file this declaration was read from (the header is line 1)' }),
  itemLines: Type.Array(Type.Integer({ minimum: 2 }), { description: 'the line each item was read from, in order: an error at `items[i]` is on line `itemLines[i]` (a row of declaration fields only adds no item)' }),
};
export const IntakeCsvResponse = Closed(
  { summary: IntakeSummary, results: Type.Array(Closed({ ...intakeResultFields, assessment: Nullable(Type.Ref('Assessment')), ...csvLines })) },
  { title: 'IntakeCsvResponse' },
);
export const IntakeCsvMinimalResponse = Closed(
  { summary: IntakeSummary, results: Type.Array(Closed({ ...minimalResultFields, ...csvLines })) },
  { title: 'IntakeCsvMinimalResponse (Prefer: return=minimal)' },
);

const Route = Type.Union([Type.Literal('list'), Type.Literal('general'), Type.Literal('hold')]);

export const DeclarationList = Closed({
  declarations: Type.Array(
    Closed({
      id: Type.Integer(),
      ref: Type.String(),
      cargoNo: Type.String(),
      status: Type.String(),
      route: Route,
      version: Type.Integer(),
      updatedAt: DateTime,
      hold: Type.Union([Closed({ ko: Type.String(), en: Type.String() }), Type.Null()], { description: 'why it is held (the hold’s own reasons, or the officer’s words), in Korean and English; null unless held' }),
    }),
  ),
  next: Nullable(Type.Integer({ description: 'the `after` of the next page (in the order asked for); null on the last page' })),
  prev: Nullable(Type.Integer({ description: 'the `before` of the page before; null on the first page' })),
});

export const TimelineEvent = Closed({
  type: Type.String(),
  nameKo: Type.String(),
  nameEn: Type.String(),
  occurredAt: DateTime,
  reason: Nullable(Type.String()),
  detail: Nullable(Type.Object({})),
  statusAfter: Type.String(),
});

export const DeclarationDetail = Closed({
  id: Type.Integer(),
  ref: Type.String(),
  cargoNo: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  status: Type.String(),
  route: Route,
  stages: Closed({ clearance: Type.String(), cargo: Type.String(), heldFrom: Nullable(Type.String()) }),
  holdReason: Type.Unknown({ description: 'null unless held' }),
  declaration: Type.Object({}, { description: 'the declaration as stored (current version)' }),
  assessment: Type.Ref('Assessment'),
  timeline: Type.Array(TimelineEvent, { description: 'oldest first' }),
  revisions: Type.Array(
    Closed({ version: Type.Integer(), declaration: Type.Object({}), assessment: Type.Ref('Assessment'), replacedAt: DateTime, reason: Type.String() }),
    { description: 'earlier versions replaced by corrections' },
  ),
  combinedCargoNos: Type.Optional(
    Type.Record(Type.String(), Type.Array(Type.String()), { description: 'officers only: the cargo numbers of the declarations in assessment.combinedWith, by ref (two where two operators used the ref for this consignee)' }),
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const AmendResponse = Closed({
  id: Type.Integer(),
  ref: Type.String(),
  cargoNo: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  route: Route,
  assessment: Type.Ref('Assessment'),
});

export const WithdrawResponse = Closed({ id: Type.Integer(), cargoNo: Type.String(), status: Type.Literal('withdrawn') });

const recordedEventFields = {
  declarationId: Type.Integer(),
  cargoNo: Type.String(),
  status: Type.String({ description: 'the declaration’s status after the event' }),
  event: Closed({ id: Type.Integer(), type: Type.String(), nameKo: Type.String(), nameEn: Type.String(), occurredAt: DateTime }),
  replayed: Type.Boolean({ description: 'true: a retry of an event already recorded; nothing new was recorded or sent' }),
};
export const CargoEventResult = Closed(recordedEventFields);

/** The error body (as in the Error component), inlined where it sits inside another answer. */
const ErrorObject = Closed({ code: Type.String(), message: Type.String(), ko: Type.String(), en: Type.String(), details: Type.Optional(Type.Unknown()) });

export const CargoEventBatchResult = Closed({
  results: Type.Array(
    Type.Union([
      Closed({ index: Type.Integer(), outcome: Type.Literal('recorded'), ...recordedEventFields }),
      Closed({ index: Type.Integer(), outcome: Type.Literal('refused'), httpStatus: Type.Integer({ description: 'what POST /api/v1/cargo-events would answer' }), error: ErrorObject }),
    ]),
  ),
});

const webhookFields = {
  id: Type.Integer(),
  operatorId: Type.Integer(),
  url: Type.String(),
  eventTypes: Nullable(Type.Array(Type.String(), { description: 'null: every event type' })),
  active: Type.Boolean(),
  createdAt: DateTime,
};
export const WebhookCreated = Closed({ ...webhookFields, secret: Type.String({ description: 'the signing secret (whsec_…), shown only here' }) });
export const WebhookList = Closed({ webhooks: Type.Array(Closed(webhookFields)) });
export const DeliveryList = Closed({
  deliveries: Type.Array(
    Closed({
      outboxId: Type.Integer({ description: 'the id to replay; sent as Tonggwan-Delivery-Id' }),
      eventId: Nullable(Type.Integer({ description: 'the declaration event id; the payload’s id and Tonggwan-Event-Id are `evt_<eventId>`; null for a tax event (tax.paid, tax.payment_reversed, tax.refund_due, tax.refund_due_cancelled, tax.refunded)' })),
      payloadId: Type.String({ description: 'the delivered body’s id (Tonggwan-Event-Id): `evt_<eventId>`, `taxpaid_<receiptNo>`, `taxrev_<receiptNo>`, `taxrefunddue_<refundNo>`, `taxrefundduecancelled_<refundNo>` or `taxrefund_<refundNo>`' }),
      eventType: Type.String({ description: 'what happened, by the name one subscribes to: a lifecycle event type (the body’s `eventType`: SUBMITTED, HELD, …) or a tax event’s (the body’s `type`: tax.paid, tax.payment_reversed, tax.refund_due, tax.refund_due_cancelled, tax.refunded)' }),
      nameKo: Nullable(Type.String({ description: 'the event’s name in Korean (a lifecycle event: the body’s `nameKo`, e.g. 신고접수); null for a type without one' })),
      nameEn: Nullable(Type.String({ description: 'the event’s name in English (e.g. Declaration received); null for a type without one' })),
      cargoNo: Nullable(Type.String({ description: 'the parcel it is about: its cargo number (화물관리번호), as the body’s `declaration.cargoNo`; null when the body names none' })),
      ref: Nullable(Type.String({ description: 'the parcel’s ref (yours), as the body’s `declaration.ref`; null when the body names none' })),
      status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')]),
      attempts: Type.Integer(),
      nextAttemptAt: Type.Union([DateTime, Type.Null()], { description: 'null once delivered or dead' }),
      lastStatus: Nullable(Type.Integer()),
      lastError: Nullable(Type.String()),
      deliveredAt: Nullable(DateTime),
      log: Type.Array(
        Closed({ attempt: Type.Integer(), requestedAt: DateTime, durationMs: Type.Integer(), responseStatus: Nullable(Type.Integer()), error: Nullable(Type.String()) }),
      ),
    }),
  ),
  next: Nullable(Type.Integer({ description: 'the `after` of the next (older) page; null on the last' })),
});
export const ReplayQueued = Closed({ queued: Type.Literal(true) });

export const OrderResponse = Closed({
  order: Closed({
    id: Type.Integer(),
    operatorId: Type.Integer(),
    orderNo: Type.String(),
    platform: Type.String(),
    seller: Nullable(Type.String()),
    buyerPccc: Type.String(),
    currency: Type.String(),
    amountPaid: Type.Number(),
    orderedAt: Nullable(Type.String({ format: 'date' })),
    items: Type.Array(Closed({ description: Type.String(), quantity: Type.Number(), price: Type.Number(), hsCode: Type.Optional(Nullable(Type.String())) })),
    receivedAt: DateTime,
  }),
  replayed: Type.Boolean(),
});

export const SignedIn = Closed({
  token: Type.String({ description: 'officer bearer token, tgs_… (also set as the tg_session cookie)' }),
  expiresAt: DateTime,
  user: Closed({ id: Type.Integer(), username: Type.String(), displayName: Type.String(), role: Type.Union([Type.Literal('officer'), Type.Literal('admin')]) }),
});

/** The error answers of a route, each the Error component. */
export function errorResponses(statuses: Record<number, string>): Record<number, TSchema> {
  return Object.fromEntries(Object.entries(statuses).map(([s, description]) => [s, Type.Ref('Error', { description })]));
}

/**
 * The error answers the framework gives on any route, before its handler (error-status.ts): a
 * value no route can use, in the query string too (unusable-values.ts), or a malformed URL (400);
 * a path parameter too long (414); a request line and headers too large (431); a body that is not JSON, too
 * large or empty (415, 413, 400).
 * Added to the answers a route publishes, unless it publishes its own text for the status.
 */
export function frameworkErrorResponses(method: string, hasPathParams: boolean): Record<number, TSchema> {
  const takesBody = !['GET', 'HEAD'].includes(method.toUpperCase());
  const statuses: Record<number, string> = {
    400: takesBody
      ? 'Malformed request (MALFORMED_JSON, EMPTY_BODY, NOT_UTF8: a body that is not UTF-8 text, MALFORMED_URL), or a field that fails the schema or holds a value no route can use (VALIDATION_FAILED, details naming the field)'
      : 'Malformed request (MALFORMED_URL), or a parameter that fails the schema or holds a value no route can use (VALIDATION_FAILED, details naming the parameter)',
  };
  if (hasPathParams) statuses[414] = 'A value in the URL path is too long (URI_TOO_LONG)';
  // Node's parser refuses it before any route (clientErrorHandler): the URL and headers together over its limit
  // (16 KB by default), a long key header with a long path value among them (the API fuzz, 2026-12-07).
  statuses[431] = 'The request line and headers are too large (HEADERS_TOO_LARGE)';
  if (takesBody) Object.assign(statuses, { 413: 'The body is too large (PAYLOAD_TOO_LARGE)', 415: 'The body is not of a Content-Type the route reads (UNSUPPORTED_MEDIA_TYPE)' });
  return errorResponses(statuses);
}

/**
 * Refuses a rate-limited route that does not publish its answers with a 429: a client reading the
 * document would not know it can be told to slow down (app.ts checks every route as it is added;
 * the contract test then holds the answers of each to what they publish).
 */
export function checkRateLimitDocumented(route: { method: string | string[]; url: string; config?: unknown }): void {
  const config = route.config as { rateLimit?: unknown; docResponses?: Record<number, unknown> } | undefined;
  if (config?.rateLimit && !(config.docResponses && 429 in config.docResponses)) {
    throw new Error(`${String(route.method)} ${route.url} is rate-limited: it must publish its answers (config.docResponses) with its 429 (RATE_LIMITED)`);
  }
}

/**
 * Refuses a route guarded by requirePrincipal that does not publish what its guard answers (401,
 * and 403 to a principal of another kind or role): the API fuzz found routes answering a 403 their
 * document did not list. Checked as each route is added, like checkRateLimitDocumented.
 */
export function checkGuardDocumented(route: { method: string | string[]; url: string; preHandler?: unknown; config?: unknown }): void {
  const docResponses = (route.config as { docResponses?: Record<number, unknown> } | undefined)?.docResponses;
  if (!docResponses) return;
  const handlers = Array.isArray(route.preHandler) ? route.preHandler : route.preHandler ? [route.preHandler] : [];
  const missing = [...new Set(handlers.flatMap((h) => GUARD_STATUSES.get(h as object) ?? []))].filter((s) => !(s in docResponses));
  if (missing.length) throw new Error(`${String(route.method)} ${route.url} is guarded by requirePrincipal: it must publish its ${missing.join(' and ')} (config.docResponses)`);
}

/** A response with a description (OpenAPI requires one; Fastify's swagger takes it from the schema). */
export const described = <T extends TSchema>(description: string, s: T): T => ({ ...s, description }) as T;
