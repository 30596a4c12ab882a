// Request schemas (TypeBox): they validate requests and generate the OpenAPI document.
import { Type, type Static } from '@sinclair/typebox';
import { LIFECYCLE_EVENT_TYPES, STATUS_TEXT, type DeclarationStatus } from '../domain/lifecycle.ts';
import { LIMITS } from '../domain/validate-declaration.ts';
import { OPERATOR_EVENT_TYPES } from '../app/ports.ts';
import { AMEND_EXAMPLE, API_KEY_EXAMPLE, INTAKE_EXAMPLE, WEBHOOK_EXAMPLE, WITHDRAW_EXAMPLE } from './request-examples.ts';

// Bounds of amounts in request bodies. JSON numbers have no bound of their own: a won amount of
// 1e19 overflowed a bigint column (a 500), and an order of 1e300 was stored as paid.
/** Won: ten trillion, far beyond any parcel and well within bigint. */
export const KRW_MAX = 10_000_000_000_000;
export const KrwAmount = (options: { minimum?: number; description?: string } = {}) => Type.Integer({ minimum: 0, maximum: KRW_MAX, ...options });
/** An amount in an order's currency, bounded as a declaration's are (validate-declaration.ts LIMITS). */
export const UnitPrice = Type.Number({ minimum: 0, maximum: LIMITS.unitPrice });
export const OrderTotal = (description: string) => Type.Number({ minimum: 0, maximum: LIMITS.lineValue, description });
export const QUANTITY_MAX = LIMITS.quantity;
export const Quantity = (minimum: number) => Type.Number({ minimum, maximum: QUANTITY_MAX });

export const MAX_BATCH = 10_000;

/**
 * A refused request's field error (app/field-errors.ts): the FieldError of declarations (path, code,
 * ko, en), its path naming where the field was sent, plus the values its text names and, for a
 * schema error, the JSON Schema keyword.
 */
export const RequestFieldErrorSchema = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'where the field was sent, then the field: body.items[2].description, querystring.from, params.role' }),
    code: Type.String({ description: 'stable machine code, e.g. required, not_allowed_value, value_out_of_range, pccc_invalid' }),
    ko: Type.String(),
    en: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'the values the text names, e.g. {limit: 2000}, {allowedValues: [...]}' })),
    keyword: Type.Optional(Type.String({ description: "a schema error's JSON Schema keyword (enum, maximum, …); absent on a use case's own check" })),
  },
  { $id: 'RequestFieldError', additionalProperties: false },
);

export const ErrorSchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'stable machine code, e.g. VALIDATION_FAILED, DECLARATION_NOT_FOUND' }),
        message: Type.String({ description: 'the English text again (en)' }),
        ko: Type.String(),
        en: Type.String(),
        details: Type.Optional(Type.Unknown({ description: 'VALIDATION_FAILED: a list of RequestFieldError, one per refused field; a 404 of something the URL path named: {path: "params.<name>", …} (params.id); other codes: as their route describes' })),
      },
      {
        additionalProperties: false,
        // VALIDATION_FAILED always names its fields, in the one form.
        if: { properties: { code: { const: 'VALIDATION_FAILED' } }, required: ['code'] },
        then: { required: ['details'], properties: { details: { type: 'array', minItems: 1, items: { $ref: 'RequestFieldError' } } } },
      },
    ),
  },
  { $id: 'Error', description: 'Every 4xx/5xx answer', additionalProperties: false },
);

/** What the OpenAPI document shows for bulk intake (each item is a Declaration). */
export const IntakeRequestDoc = Type.Object(
  { declarations: Type.Array(Type.Ref('Declaration'), { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false, examples: [INTAKE_EXAMPLE] },
);

/** What Fastify validates: the envelope only; the engine validates each declaration so one bad one never sinks the batch. */
export const IntakeEnvelope = Type.Object(
  { declarations: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);
export type IntakeEnvelope = Static<typeof IntakeEnvelope>;

/**
 * A row id (bigserial) or a keyset cursor. The maximum keeps it exact in a JS number and within
 * PostgreSQL's bigint: "9223372036854775808" answered 500 (bigint out of range) before.
 */
export const Id = (options: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, ...options });
export const Cursor = (options: { description?: string } = {}) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, ...options });

export const IdParams = Type.Object({ id: Id() });
export const Reason = Type.String({ minLength: 1, maxLength: 1000 });

export const AmendBody = Type.Object({ reason: Reason, declaration: Type.Ref('Declaration') }, { additionalProperties: false, examples: [AMEND_EXAMPLE] });
export const AmendEnvelope = Type.Object({ reason: Reason, declaration: Type.Unknown() }, { additionalProperties: false });
export const WithdrawBody = Type.Object({ reason: Reason }, { additionalProperties: false, examples: [WITHDRAW_EXAMPLE] });

const EventType = Type.Union(LIFECYCLE_EVENT_TYPES.map((t) => Type.Literal(t)));
export const DECLARATION_STATUSES = Object.keys(STATUS_TEXT) as DeclarationStatus[];

export const CargoEventBody = Type.Object(
  {
    cargoNo: Type.Optional(Type.String({ minLength: 15, maxLength: 35, description: '화물관리번호 (in any case); with declarationId, both must name the same declaration' })),
    declarationId: Type.Optional(Id()),
    type: EventType,
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    reason: Type.Optional(Reason),
    detail: Type.Optional(
      Type.Object(
        {
          shedNm: Type.Optional(Type.String({ maxLength: 100, description: '장치장명' })),
          shedSgn: Type.Optional(Type.String({ maxLength: 20, description: '장치장부호' })),
          dclrNo: Type.Optional(Type.String({ maxLength: 40, description: '신고번호' })),
          rlbrCn: Type.Optional(Type.String({ maxLength: 200, description: '반출입내용' })),
          rlbrBssNo: Type.Optional(Type.String({ maxLength: 100, description: '반출입근거번호' })),
          bfhnGdncCn: Type.Optional(Type.String({ maxLength: 1000, description: '사전안내내용' })),
          wght: Type.Optional(Type.Number({ minimum: 0 })),
          wghtUt: Type.Optional(Type.String({ maxLength: 5 })),
          pckGcnt: Type.Optional(Type.Integer({ minimum: 0 })),
          pckUt: Type.Optional(Type.String({ maxLength: 5 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'CargoEvent' },
);
export type CargoEventBody = Static<typeof CargoEventBody>;

/** The batch as published (each item a CargoEvent). */
export const CargoEventBatch = Type.Object({ events: Type.Array(Type.Ref('CargoEvent'), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
/** The batch as validated: the envelope only; each event is checked on its own (routes/cargo-events.ts). */
export const CargoEventBatchEnvelope = Type.Object({ events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });

export const OfficerDecisionBody = Type.Object(
  { reason: Reason, reasonEn: Type.Optional(Reason) },
  { additionalProperties: false },
);

export const SignInBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

/** A staff account made by an administrator; its password is random, returned once (as `tonggwan users add` prints it). */
export const StaffUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S+$', description: 'to sign in with: 1 to 100 characters, no spaces (as the CLI takes it)' }),
    displayName: Type.Optional(Type.String({ maxLength: 200, description: 'the name the portal shows (default: the username)' })),
    role: Type.Union([Type.Literal('officer'), Type.Literal('admin')]),
  },
  { additionalProperties: false },
);

/** The staff-password rules (src/app/staff-password.ts) are checked by the use case, naming body.newPassword. */
export const OwnPasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 1000, description: '12 to 200 characters; not the username, not the current password' }) },
  { additionalProperties: false },
);

export const ApiKeyBody = Type.Object({ label: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false, examples: [API_KEY_EXAMPLE] });

export const OperatorBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9_-]{2,20}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Union([Type.Literal('marketplace'), Type.Literal('seller'), Type.Literal('forwarder'), Type.Literal('courier'), Type.Literal('broker')]),
  },
  { additionalProperties: false },
);

export const WebhookBody = Type.Object(
  {
    url: Type.String({
      minLength: 8,
      maxLength: 2000,
      description: 'http(s) URL of a public address, without a user name or password (https://user:pw@… is refused, url_has_credentials: verify Tonggwan-Signature instead)',
    }),
    eventTypes: Type.Optional(
      Type.Array(Type.Union([EventType, ...OPERATOR_EVENT_TYPES.map((t) => Type.Literal(t))]), {
        // an empty list registered a webhook that nothing is ever sent to (event_types = '{}' matches no event)
        minItems: 1,
        maxItems: 30,
        description: "the declaration's lifecycle event types, and tax.paid, tax.payment_reversed, tax.refund_due, tax.refund_due_cancelled, tax.refunded (at least one); omitted: every type",
      }),
    ),
  },
  { additionalProperties: false, examples: [WEBHOOK_EXAMPLE] },
);

export const VerificationStartBody = Type.Object(
  {
    pccc: Type.String({ pattern: '^[Pp]\\d{12}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    phone: Type.String({ minLength: 9, maxLength: 20 }),
    postcode: Type.String({ pattern: '^\\d{5}$' }),
  },
  { additionalProperties: false },
);
export const VerificationCompleteBody = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false });

export const CargoNoParams = Type.Object({
  cargoNo: Type.String({ minLength: 1, maxLength: 40, description: '화물관리번호 (UNI-PASS API001 cargMtNo): 15 characters or more, e.g. 26TGW0000000027; case and surrounding spaces ignored' }),
});
export const BlQuery = Type.Object(
  {
    hblNo: Type.Optional(Type.String({ maxLength: 35, description: 'House B/L번호 (UNI-PASS API001 hblNo); hyphens and spaces ignored. hblNo or mblNo' })),
    mblNo: Type.Optional(Type.String({ maxLength: 35, description: 'Master B/L번호 (UNI-PASS API001 mblNo); hyphens and spaces ignored. hblNo or mblNo' })),
    blYear: Type.String({ pattern: '^\\d{4}$', description: 'B/L년도, YYYY (UNI-PASS API001 blYy): the year of arrival, else of declaration' }),
  },
  { additionalProperties: false },
);
export const ListQuery = Type.Object(
  {
    // An unknown status is refused (it matched nothing and answered an empty list before).
    status: Type.Optional(Type.Union(DECLARATION_STATUSES.map((s) => Type.Literal(s)))),
    // Finding one's own declaration after a lost answer, and syncing what changed.
    ref: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "the operator's own reference (exact)" })),
    cargoNo: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '화물관리번호 (in any case)' })),
    blNo: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'a house or master B/L number (in any case, spaces and hyphens ignored)' })),
    updatedSince: Type.Optional(Type.String({ format: 'date-time', description: 'only declarations changed at or after this instant (ISO 8601 with offset): to sync, the latest updatedAt seen minus a margin (see the description)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    order: Type.Optional(
      Type.Union([Type.Literal('asc'), Type.Literal('desc')], {
        default: 'asc',
        description: '`asc` (the default): oldest first; `desc`: newest first (today’s declarations on the first page). The cursors follow the order: `after` and `before` are in list order',
      }),
    ),
    after: Type.Optional(Cursor({ description: 'the `next` of the page before: the declarations after it in list order (oldest first: newer ids; newest first: older ids); 0 or absent: the first page' })),
    before: Type.Optional(Id({ description: 'the `prev` of the page after: back to the declarations before it in list order, the nearest ones (not with after)' })),
  },
  { additionalProperties: false },
);
