// Couriers, forwarders and bonded warehouses post cargo events (UNI-PASS 처리구분).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import { recordCargoEvent, recordCargoEvents, type CargoEventInput } from '../../app/record-cargo-event.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { STATUS_OF, errorBody, sendFailure, validationDetails } from '../error-status.ts';
import { addRequestFormats } from '../request-formats.ts';
import { CargoEventBatch, CargoEventBatchEnvelope, CargoEventBody } from '../schemas.ts';
import { CargoEventBatchResult, CargoEventResult, described, errorResponses } from '../response-schemas.ts';

function inputOf(b: CargoEventBody): CargoEventInput {
  return {
    ...(b.cargoNo !== undefined ? { cargoNo: b.cargoNo } : {}),
    ...(b.declarationId !== undefined ? { declarationId: b.declarationId } : {}),
    type: b.type,
    ...(b.occurredAt !== undefined ? { occurredAt: b.occurredAt } : {}),
    ...(b.detail !== undefined ? { detail: b.detail } : {}),
    ...(b.reason !== undefined ? { reason: b.reason } : {}),
  };
}

// The batch checks each event on its own (as the app's body validator would: strict, no coercion),
// so that one malformed event is refused alone, as intake refuses one bad declaration alone.
const eventAjv = addRequestFormats(new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes: false, allErrors: false, strict: false }));
const checkEvent = eventAjv.compile<CargoEventBody>(CargoEventBody);

type Checked = { ok: true; event: CargoEventBody } | { ok: false; index: number; details: ReturnType<typeof validationDetails> };
function checkEvents(events: readonly unknown[]): Checked[] {
  return events.map((e, index) => (checkEvent(e) ? { ok: true, event: e } : { ok: false, index, details: validationDetails(checkEvent.errors ?? [], `body.events[${index}]`) }));
}

/** A refused event's details with its paths under its place in the batch: body.cargoNo → body.events[2].cargoNo (as the schema's errors are). */
function underEvent(details: unknown, index: number): unknown {
  const at = (path: unknown) => (typeof path === 'string' && path.startsWith('body.') ? `body.events[${index}].${path.slice(5)}` : path);
  if (Array.isArray(details)) return details.map((e: unknown) => (e && typeof e === 'object' && 'path' in e ? { ...e, path: at(e.path) } : e));
  if (details && typeof details === 'object' && 'path' in details) return { ...details, path: at(details.path) };
  return details;
}

export const cargoEventRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const guard = requirePrincipal(['operator', 'officer']);
  app.post(
    '/api/v1/cargo-events',
    {
      preHandler: guard,
      config: {
        docResponses: {
          201: described('Recorded', CargoEventResult),
          200: described('A retry of an event already recorded: that event, `replayed: true`; nothing recorded or sent', CargoEventResult),
          ...errorResponses({
            400: 'Bad body (VALIDATION_FAILED): unknown type (details list the allowed ones), neither cargoNo nor declarationId, or both naming different declarations (cargo_no_mismatch); an `occurredAt` that cannot be true, naming body.occurredAt: more than 5 minutes ahead of the platform’s clock (occurred_in_future), before the order date (occurred_before_order) or, without one, more than a year before the declaration date (occurred_before_declaration), or a step of the goods dated before the step on record it follows, 반출 before 수리 (occurred_before_previous; params previousType, previousAt in Korea time)',
            401: 'No or an invalid API key or session',
            403: 'Neither an operator nor an officer (FORBIDDEN), or this party may not post this event type (EVENT_NOT_ALLOWED_FOR_ROLE; details: path body.type, type, allowedTypes: the types this party may post; the text says who records it instead)',
            404: 'No such declaration, or one that names neither you as its operator, courier or forwarder (DECLARATION_NOT_FOUND; details.path body.declarationId when given, else body.cargoNo)',
            409: 'Not allowed in the declaration’s current state (ILLEGAL_TRANSITION; details: event, status, stages, allowedNow: the types this poster can post now, named in the text too, and awaiting: the types customs may record now, named in the text when the poster can post none; both empty: the declaration is final)',
          }),
        },
      },
      schema: {
        tags: ['lifecycle'],
        summary: 'Post one cargo event (입항보고, 하기신고 수리, 반입신고, 통관목록접수, 수입신고, 반출신고 …)',
        description:
          'Give `cargoNo` or `declarationId` (neither: 400 VALIDATION_FAILED). Illegal transitions answer 409 with code ILLEGAL_TRANSITION. ' +
          'A new event answers 201. Retries are safe when the event carries its own `occurredAt`: the same type, `occurredAt`, `reason` and `detail` ' +
          'as an event already recorded answers 200 with that event, `replayed: true` and the header `Idempotent-Replayed: true`, and records and sends nothing — also when copies arrive at the same time (one is recorded).',
        body: CargoEventBody,
      },
    },
    async (request, reply) => {
      const r = await recordCargoEvent(deps, request.principal!, inputOf(request.body));
      if (!r.ok) return sendFailure(reply, r.error);
      if (r.value.replayed) return reply.header('idempotent-replayed', 'true').code(200).send(r.value);
      deps.onEventsCommitted?.();
      return reply.code(201).send(r.value);
    },
  );

  app.post(
    '/api/v1/cargo-events/batch',
    {
      preHandler: guard,
      config: {
        docBody: CargoEventBatch,
        docResponses: { 200: described('One result per event, in order', CargoEventBatchResult), ...errorResponses({ 400: 'The envelope is not {"events":[1..1000 items]} (VALIDATION_FAILED)', 401: 'No or an invalid API key or session', 403: 'Neither an operator nor an officer (FORBIDDEN)' }) },
      },
      schema: {
        tags: ['lifecycle'],
        summary: 'Post up to 1,000 cargo events; each answers on its own',
        description:
          'Each event as on the single route: `outcome` recorded (with `replayed: true` for a retry of an event already recorded, see above) or refused (with the `httpStatus` the single route would answer and the error). ' +
          'An event that fails the schema (unknown type or field, wrong type) is refused alone: `httpStatus` 400, `VALIDATION_FAILED`, `details` naming the field (`body.events[1].type`); the others are recorded. ' +
          'Any other refusal names its field at its place in the batch too (`body.events[1].cargoNo` of a 404 DECLARATION_NOT_FOUND).',
        body: CargoEventBatchEnvelope,
      },
    },
    async (request) => {
      const checked = checkEvents(request.body.events);
      const valid = checked.flatMap((c) => (c.ok ? [inputOf(c.event)] : []));
      const recorded = await recordCargoEvents(deps, request.principal!, valid);
      deps.onEventsCommitted?.();
      let next = 0;
      return {
        results: checked.map((c, index) => {
          if (!c.ok) return { index, outcome: 'refused', httpStatus: STATUS_OF.VALIDATION_FAILED, ...errorBody('VALIDATION_FAILED', c.details) };
          const r = recorded[next++]!;
          return r.ok ? { index, outcome: 'recorded', ...r.value } : { index, outcome: 'refused', httpStatus: STATUS_OF[r.error.code], ...errorBody(r.error.code, underEvent(r.error.details, index), r.error) };
        }),
      };
    },
  );
};
