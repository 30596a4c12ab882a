// Operators: bulk intake, list, read, correct, withdraw their own declarations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { minimalIntakeResponse, submitDeclarations } from '../../app/submit-declarations.ts';
import { amendDeclaration } from '../../app/amend-declaration.ts';
import { withdrawDeclaration } from '../../app/withdraw-declaration.ts';
import { getDeclaration } from '../../app/get-declaration.ts';
import { listOperatorDeclarations } from '../../app/list-declarations.ts';
import { recordSubmission } from '../../app/record-submission.ts';
import { refsViewFor } from '../../app/operator-refs-view.ts';
import type { OperatorPrincipal } from '../../app/ports.ts';
import { publishedAssessment, whenSerialised } from '../../domain/published-reasons.ts';
import { holdTextOf } from '../../domain/queue-why.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { AmendBody, AmendEnvelope, IdParams, IntakeEnvelope, IntakeRequestDoc, ListQuery, MAX_BATCH, WithdrawBody } from '../schemas.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { declarationCsvHeader, declarationsFromCsv } from '../../adapters/csv/declarations-from-table.ts';
import { formatCsv } from '../../adapters/csv/read-csv-table.ts';
import { fail, ok, type Result } from '../../app/errors.ts';
import { AmendResponse, DeclarationDetail, DeclarationList, IntakeCsvMinimalResponse, IntakeCsvResponse, IntakeMinimalResponse, IntakeResponse, WithdrawResponse, described, errorResponses } from '../response-schemas.ts';

const AUTH_ERRORS = { 401: 'No or an invalid API key (UNAUTHENTICATED, INVALID_API_KEY)', 403: 'Not an operator (FORBIDDEN)' };

const operatorOnly = requirePrincipal(['operator']);

const IntakeHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  prefer: Type.Optional(
    Type.String({
      maxLength: 200,
      description: '`return=minimal`: per declaration only the outcome, ids, route and taxes due, without the full assessment (bulk loads).',
    }),
  ),
});

/** A CSV body as declarations, with the lines each came from; or CSV_INVALID with each problem's line and column. */
function declarationsOfBody(text: string): Result<{ declarations: unknown[]; lines: number[][]; itemLines: number[][] }> {
  const read = declarationsFromCsv(text);
  if (!read.ok) return fail('CSV_INVALID', { errors: read.problems });
  if (read.declarations.length > MAX_BATCH) {
    const n = read.declarations.length.toLocaleString('en-US');
    return fail('CSV_INVALID', { errors: [{ line: 0, column: 'ref', code: 'too_many_declarations', ko: `신고가 ${n}건입니다: 한 번에 ${MAX_BATCH.toLocaleString('en-US')}건까지 보낼 수 있습니다.`, en: `${n} declarations: at most ${MAX_BATCH.toLocaleString('en-US')} at once.` }] });
  }
  return ok({ declarations: read.declarations, lines: read.lines, itemLines: read.itemLines });
}

/** Why a listed declaration is held, as the lookups and the officers' queue say it (the hold's own reasons, or the officer's words); null unless held. */
function holdOf(d: { status: string; holdReason: unknown }): { ko: string; en: string } | null {
  const h = d.status === 'held' ? holdTextOf(d.holdReason) : null;
  return h ? { ko: h.ko, en: h.en } : null;
}

export const declarationRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  /** Submits, then answers as the request prefers; `lines` (CSV) gives each result the lines it came from, and the line of each item. */
  async function intake(request: FastifyRequest, reply: FastifyReply, declarations: unknown[], lines: { lines: number[][]; itemLines: number[][] } | null) {
    const operator = request.principal as OperatorPrincipal;
    const key = request.headers['idempotency-key'];
    const r = await submitDeclarations(deps, { operator, declarations, idempotencyKey: typeof key === 'string' && key ? key : null });
    if (!r.ok) return sendFailure(reply, r.error);
    deps.onEventsCommitted?.();
    if (!r.value.replayedKey && deps.portal) await recordSubmission(deps.portal, operator.operatorId, r.value.response, deps.clock.now());
    if (r.value.replayedKey) reply.header('idempotent-replayed', 'true');
    const withLines = <T extends object>(x: T, i: number) => (lines ? { ...x, lines: lines.lines[i] ?? [], itemLines: lines.itemLines[i] ?? [] } : x);
    const prefer = request.headers.prefer;
    if (/\breturn=minimal\b/i.test(typeof prefer === 'string' ? prefer : '')) {
      reply.header('preference-applied', 'return=minimal');
      const minimal = minimalIntakeResponse(r.value.response);
      return reply.code(200).send(lines ? { summary: minimal.summary, results: minimal.results.map(withLines) } : minimal);
    }
    // Each reason with refEn, added as each assessment is written (the stored response has none);
    // other operators' members of a combined group named by no ref (operator-refs-view.ts).
    const { summary, results } = r.value.response;
    const read = results.flatMap((x) => (x.assessment && x.declarationId != null ? [{ declarationId: x.declarationId, assessments: [x.assessment] }] : []));
    const viewOf = await refsViewFor(deps, operator, read);
    return reply.code(200).send({
      summary,
      results: results.map((x, i) => withLines(x.assessment ? { ...x, assessment: whenSerialised(x.declarationId != null ? viewOf(x.declarationId).assessment(x.assessment) : x.assessment) } : x, i)),
    });
  }

  app.post(
    '/api/v1/declarations',
    {
      bodyLimit: 64 * 1024 * 1024,
      preHandler: operatorOnly,
      config: {
        docBody: IntakeRequestDoc,
        textCheckedPerItem: true,
        tooLarge: 'fewer-declarations', // the 413 says: fewer per request (body-limits.ts)
        docResponses: {
          200: described('One result per declaration, in order (a rejected one carries its field errors). `Prefer: return=minimal` answers the second shape. A replay of an Idempotency-Key carries the header `Idempotent-Replayed: true`.', Type.Union([IntakeResponse, IntakeMinimalResponse])),
          ...errorResponses({ 400: 'The envelope is not {"declarations":[1..10000 items]} (VALIDATION_FAILED, MALFORMED_JSON), or the body is not UTF-8 text (NOT_UTF8: details line, column)', ...AUTH_ERRORS, 413: 'Body over 64 MB (PAYLOAD_TOO_LARGE)', 422: 'The Idempotency-Key was used with another body (IDEMPOTENCY_KEY_REUSED; details.path headers.idempotency-key): a retry sends the same body, a new request a new key' }),
        },
      },
      schema: {
        tags: ['declarations'],
        summary: 'Submit up to 10,000 declarations',
        description:
          'Each declaration is validated and assessed on its own (field-path errors; one bad declaration never rejects the batch). ' +
          'Idempotent by (operator, ref) and by the Idempotency-Key header. Answers only after the batch is committed.',
        headers: IntakeHeaders,
        body: IntakeEnvelope,
      },
    },
    async (request, reply) => intake(request, reply, request.body.declarations, null),
  );

  // The same intake from a spreadsheet: one row per item, columns named by the declaration's field paths.
  app.post(
    '/api/v1/declarations/csv',
    {
      bodyLimit: 64 * 1024 * 1024,
      preHandler: operatorOnly,
      config: {
        textCheckedPerItem: true,
        docResponses: {
          200: described(
            'As POST /api/v1/declarations, one result per declaration in the order each ref first appears, each with `lines`: the lines of the file it was read from (the header is line 1), and `itemLines`: the line of each item, so that an error at `items[2]` names its line (`itemLines[2]`).',
            Type.Union([IntakeCsvResponse, IntakeCsvMinimalResponse]),
          ),
          ...errorResponses({
            400: 'The file cannot be read as declarations (CSV_INVALID; details.errors: line, column, code, ko and en each: an unknown or repeated column, no ref column, a row without its ref, two rows of one ref that disagree on a declaration field, over 10,000 declarations; or not CSV at all); or the file is not UTF-8 text, e.g. saved as EUC-KR/CP949 (NOT_UTF8: details line, column)',
            ...AUTH_ERRORS,
            413: 'Body over 64 MB (PAYLOAD_TOO_LARGE)',
            415: 'Not text/csv or text/plain (UNSUPPORTED_MEDIA_TYPE)',
            422: 'The Idempotency-Key was used with another body (IDEMPOTENCY_KEY_REUSED; details.path headers.idempotency-key): a retry sends the same body, a new request a new key',
          }),
        },
      },
      schema: {
        tags: ['declarations'],
        summary: 'Submit up to 10,000 declarations as CSV (one row per item)',
        description:
          'Columns are the field paths of the declaration (`ref`, `declaredAt`, `shipment.mode`, `consignee.pccc`, `order.currency`, `items.description`, `items.price`, …: `GET /api/v1/declarations/csv-template` gives them all). ' +
          'The rows of one `ref` are one declaration; its own fields are repeated or left empty on its other rows. An empty cell is a missing field. ' +
          'Each declaration is then validated and assessed as in the JSON intake: a bad cell rejects its declaration with the field path, not the file. Idempotent alike.',
        consumes: ['text/csv'],
        headers: IntakeHeaders,
        body: Type.String({ minLength: 1, description: 'text/csv body, UTF-8' }),
      },
    },
    async (request, reply) => {
      const read = declarationsOfBody(request.body);
      if (!read.ok) return sendFailure(reply, read.error);
      return intake(request, reply, read.value.declarations, { lines: read.value.lines, itemLines: read.value.itemLines });
    },
  );

  app.get(
    '/api/v1/declarations/csv-template',
    {
      preHandler: operatorOnly,
      config: {
        docResponses: {
          200: { description: 'The header row of a declarations CSV: every column, in the order of the declaration schema', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errorResponses({ 400: 'A bad lang (VALIDATION_FAILED)', ...AUTH_ERRORS }),
        },
      },
      schema: {
        tags: ['declarations'],
        summary: 'The columns of a declarations CSV (a header row)',
        description: 'Without `lang`, the field paths (`ref,declaredAt,…`); with `lang=ko` or `en`, each with a name for people before it, `참조번호 (ref)`: the intake reads a header cell by the path in its last brackets.',
        querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('ko'), Type.Literal('en')])) }, { additionalProperties: false }),
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="declarations-template.csv"')
        .send(formatCsv(declarationCsvHeader(request.query.lang ?? null), [])),
  );

  app.get(
    '/api/v1/declarations',
    {
      preHandler: operatorOnly,
      config: {
        docResponses: {
          200: described('Oldest first (or newest first with `order=desc`), keyset-paged by id: pass `next` as `after` for the next page, `prev` as `before` for the page before', DeclarationList),
          ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED), e.g. an unknown status or order, or both after and before', ...AUTH_ERRORS }),
        },
      },
      schema: {
        tags: ['declarations'],
        summary: 'List own declarations (oldest first, or newest first with order=desc)',
        description:
          'Each held declaration says why (`hold`, in Korean and English), so a list of the held ones answers which wait on what. Filter by `status`, `ref` (exact), `cargoNo` (in any case) or `blNo` (a house or master B/L, in any case, spaces and hyphens ignored), and `updatedSince` (changed at or after an instant); page with `limit` and `after`. ' +
          '`order=desc` lists newest first (the default, `asc`, oldest first, as before): `after` and `before` follow the order asked for, so a client pages either way alike (`next` → `after`, `prev` → `before`). ' +
          'The cursor is an id, not an offset: a declaration that arrives while you page is neither repeated nor makes a page skip one; newest first, it is on a fresh first page (its id is above every page you walk), oldest first on the last. ' +
          'To sync: a change carries the `updatedAt` of the moment it was made but is seen only once its transaction commits, up to as long as a batch takes to answer later (a large intake batch: minutes). ' +
          'So ask again from the latest `updatedAt` seen minus a margin longer than your largest batch takes (e.g. 10 minutes), and skip what you already hold with the same `updatedAt`: asking from the latest `updatedAt` seen alone can miss a change committed late.',
        querystring: ListQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const r = await listOperatorDeclarations(deps, request.principal as OperatorPrincipal, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.ref !== undefined ? { ref: q.ref } : {}),
        // in any case, as the public lookup and the UNI-PASS API take it
        ...(q.cargoNo !== undefined ? { cargoNo: q.cargoNo.trim().toUpperCase() } : {}),
        ...(q.blNo !== undefined ? { blNo: q.blNo } : {}),
        ...(q.updatedSince !== undefined ? { updatedSince: q.updatedSince } : {}),
        limit: q.limit ?? 50,
        order: q.order ?? 'asc',
        ...(q.after !== undefined ? { after: q.after } : {}),
        ...(q.before !== undefined ? { before: q.before } : {}),
      });
      if (!r.ok) return sendFailure(reply, r.error);
      const { declarations: rows, next, prev } = r.value;
      return {
        declarations: rows.map((d) => ({ id: d.id, ref: d.ref, cargoNo: d.cargoNo, status: d.status, route: d.route, version: d.version, updatedAt: d.updatedAt, hold: holdOf(d) })),
        next,
        prev,
      };
    },
  );

  app.get(
    '/api/v1/declarations/:id',
    {
      preHandler: requirePrincipal(['operator', 'officer']),
      config: { docResponses: { 200: described('The declaration, its assessment, its timeline and its earlier versions', DeclarationDetail), ...errorResponses({ 400: 'The id is not a positive integer (VALIDATION_FAILED)', 401: AUTH_ERRORS[401], 403: 'Neither an operator nor an officer (FORBIDDEN)', 404: 'No such declaration, or not yours (DECLARATION_NOT_FOUND)' }) } },
      schema: { tags: ['declarations'], summary: 'One declaration with its events and earlier versions', params: IdParams },
    },
    async (request, reply) => {
      const r = await getDeclaration(deps, request.principal!, request.params.id);
      if (!r.ok) return sendFailure(reply, r.error);
      const { record: d, timeline, revisions, combinedCargoNos } = r.value;
      return {
        id: d.id,
        ref: d.ref,
        cargoNo: d.cargoNo,
        version: d.version,
        status: d.status,
        route: d.route,
        stages: { clearance: d.clearanceStage, cargo: d.cargoStage, heldFrom: d.heldFrom },
        holdReason: d.holdReason,
        declaration: d.declaration,
        assessment: publishedAssessment(d.assessment),
        timeline,
        revisions: revisions.map((v) => ({ ...v, assessment: publishedAssessment(v.assessment) })),
        ...(combinedCargoNos ? { combinedCargoNos } : {}),
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      };
    },
  );

  app.patch(
    '/api/v1/declarations/:id',
    {
      preHandler: operatorOnly,
      config: {
        docBody: AmendBody,
        declarationField: 'declaration',
        docResponses: {
          200: described('The new version (or, for a retry, the current one) with its assessment', AmendResponse),
          ...errorResponses({
            400: 'No reason, or not an object (VALIDATION_FAILED)',
            ...AUTH_ERRORS,
            404: 'No such declaration, or not yours (DECLARATION_NOT_FOUND)',
            409: 'The declaration can no longer be corrected (ILLEGAL_TRANSITION)',
            422: 'The corrected declaration has errors (DECLARATION_INVALID, details.errors with field paths) or changes the ref (REF_IMMUTABLE)',
          }),
        },
      },
      schema: {
        tags: ['declarations'],
        summary: 'Correct a declaration (re-assessed; the old version is kept)',
        description:
          'The whole corrected declaration and the reason. A correction identical to the current version (a retry) changes nothing: ' +
          'it answers 200 with the current version and the header `Idempotent-Replayed: true`, and records no event. ' +
          'A declaration the engine held (prohibited goods, over the self-use quantity, a liquor volume not given) leaves the hold when ' +
          'the corrected one is routed to list or general clearance (`status` declared); a hold an officer placed stays until an officer releases it.',
        params: IdParams,
        body: AmendEnvelope,
      },
    },
    async (request, reply) => {
      const r = await amendDeclaration(deps, request.principal as OperatorPrincipal, {
        declarationId: request.params.id,
        declaration: request.body.declaration,
        reason: request.body.reason,
      });
      if (!r.ok) return sendFailure(reply, r.error);
      if (r.value.unchanged) reply.header('idempotent-replayed', 'true');
      else deps.onEventsCommitted?.();
      const d = r.value.record;
      const view = (await refsViewFor(deps, request.principal!, [{ declarationId: d.id, assessments: [r.value.assessment] }]))(d.id);
      return { id: d.id, ref: d.ref, cargoNo: d.cargoNo, version: d.version, status: d.status, route: d.route, assessment: publishedAssessment(view.assessment(r.value.assessment)) };
    },
  );

  app.post(
    '/api/v1/declarations/:id/withdraw',
    {
      preHandler: operatorOnly,
      config: {
        docResponses: {
          200: described('Withdrawn (or, for a retry with the same reason, withdrawn already: header `Idempotent-Replayed: true`)', WithdrawResponse),
          ...errorResponses({ 400: 'No reason (VALIDATION_FAILED)', ...AUTH_ERRORS, 404: 'No such declaration, or not yours (DECLARATION_NOT_FOUND)', 409: 'Too late to withdraw, or already withdrawn for another reason (ILLEGAL_TRANSITION)' }),
        },
      },
      schema: {
        tags: ['declarations'],
        summary: 'Withdraw a declaration (신고취하)',
        description: 'A retry (the declaration withdrawn already, for the same reason) answers 200 as the first time with the header `Idempotent-Replayed: true`, and records and sends nothing.',
        params: IdParams,
        body: WithdrawBody,
      },
    },
    async (request, reply) => {
      const r = await withdrawDeclaration(deps, request.principal as OperatorPrincipal, { declarationId: request.params.id, reason: request.body.reason });
      if (!r.ok) return sendFailure(reply, r.error);
      const { record, replayed } = r.value;
      if (replayed) reply.header('idempotent-replayed', 'true');
      else deps.onEventsCommitted?.();
      return { id: record.id, cargoNo: record.cargoNo, status: record.status };
    },
  );
};
