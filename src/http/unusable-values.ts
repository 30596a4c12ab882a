// Values no route can use, refused at the boundary as 400 VALIDATION_FAILED with their path, for
// every /api route (found by test/integration/api-fuzz.test.ts):
// - text PostgreSQL cannot store: U+0000 in text or jsonb, and jsonb's refusal of an unpaired
//   surrogate ("\ud800") failed the request with a 500 (DELETE /api/v1/consumer/passkeys/%00);
// - numbers that are not finite: JSON.parse turns a literal like 1e999 into Infinity, which the
//   schemas' `number` and `integer` let through, and a bigint column refuses.
// A route whose use case answers them per item (bulk intake: one bad declaration never sinks the
// batch) says so with `config.textCheckedPerItem`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UNSTORABLE_TEXT_ESCAPE } from '../domain/canonical-json.ts';
import { requestFieldError, type RequestFieldError } from '../app/field-errors.ts';
import { isStorableText, unstorableStringError } from '../domain/unusable-text.ts';
import { sendCode } from './error-status.ts';
import { jsonBodyParser, utf8TextOf } from './json-body.ts';

/**
 * The field error of the first string (or key) PostgreSQL cannot store or number that is not
 * finite in `value` (nul_character, unpaired_surrogate, number_not_finite), or null. Iterative:
 * bodies may nest 100,000 deep.
 */
export function unusableValueError(value: unknown, root: string): RequestFieldError | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const e = unstorableStringError(v, path);
      if (e) return e;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return requestFieldError(path, 'number_not_finite');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const e = unstorableStringError(k, `${path}.${JSON.stringify(k)}`);
        if (e) return e;
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * Whether `value` is a record of storable strings only (a route's params, nearly every query
 * string): then nothing needs walking, and no field path is built. Anything else (arrays, nested
 * values, a string that cannot be stored) is left to unusableValueError.
 */
function flatAndStorable(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  for (const k in value) {
    const x = (value as Record<string, unknown>)[k];
    if (typeof x !== 'string' || !isStorableText(k) || !isStorableText(x)) return false;
  }
  return true;
}

/** A number beyond a double in a JSON text (an exponent of 3 digits, 309 digits in a row). A body with it or with UNSTORABLE_TEXT_ESCAPE is walked after parsing; others (nearly all) are not. */
const SUSPECT_NUMBER = /[eE][+]?\d{3}|\d{309}/;

/** A route whose schema `consumes` only text types (the CSV uploads). */
const readsOnlyText = (schema: unknown): boolean => {
  const consumes = (schema as { consumes?: readonly string[] } | undefined)?.consumes ?? [];
  return consumes.length > 0 && consumes.every((c) => c.startsWith('text/'));
};

/**
 * The body without the declaration its use case checks itself (a correction's `declaration`: 422
 * DECLARATION_INVALID with the declaration's own paths, as a batch's results give them); the rest
 * (the reason) is checked here.
 */
function withoutDeclaration(body: unknown, field: string | undefined): unknown {
  if (field === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const { [field]: _declaration, ...rest } = body as Record<string, unknown>;
  return rest;
}

export function refuseUnusableValues(app: FastifyInstance, options: { skipPrefix: string }): void {
  const suspectBodies = new WeakSet<FastifyRequest>();
  // JSON sent to a route that reads only text: refused 415 once the route's guard has run (the guard is
  // put before the route's own preValidation, auth.ts guardBeforeValidation), so that a caller without
  // credentials is still answered 401 whatever it sends.
  const jsonOnTextRoute = new WeakSet<FastifyRequest>();
  app.addHook('onRoute', (route) => {
    if (!readsOnlyText(route.schema)) return;
    const own = Array.isArray(route.preValidation) ? route.preValidation : route.preValidation ? [route.preValidation] : [];
    const refuseJson = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
      if (!jsonOnTextRoute.has(request)) return done();
      sendCode(reply, 'UNSUPPORTED_MEDIA_TYPE');
    };
    route.preValidation = [refuseJson, ...own] as typeof route.preValidation;
  });
  // Fastify's parser, keeping the place of a syntax error (json-body.ts).
  const parseJson = jsonBodyParser('error');
  // Bulk intake drops a "__proto__" key (or a "constructor" holding "prototype") instead of refusing
  // the whole body: one declaration carrying one never sinks the others of its batch (the API fuzz
  // found such a batch refused whole as MALFORMED_JSON); the declaration is then checked without it.
  const parseJsonPerItem = jsonBodyParser('remove');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    // A route that reads only text (the CSV uploads) refuses JSON as what it is, 415, as the OpenAPI
    // document says (read as JSON, a CSV answered 400 "not valid JSON"): after its guard (onRoute below).
    if (readsOnlyText(request.routeOptions.schema)) {
      jsonOnTextRoute.add(request);
      return done(null, undefined);
    }
    const text = utf8TextOf(body as Buffer, 'json');
    if (typeof text !== 'string') return done(text, undefined);
    // A route that reads no body (a replay, a sign-out) takes an empty one whatever its Content-Type: many
    // clients send Content-Type: application/json on every request, and EMPTY_BODY told them nothing useful.
    if (text.length === 0 && !(request.routeOptions.schema as { body?: unknown } | undefined)?.body) return done(null, undefined);
    // Bulk intake checks per declaration (and its bodies are large: the scan would cost half a JSON.parse).
    if (!request.routeOptions.config.textCheckedPerItem && ((text.includes('\\u') && UNSTORABLE_TEXT_ESCAPE.test(text)) || SUSPECT_NUMBER.test(text))) suspectBodies.add(request);
    (request.routeOptions.config.textCheckedPerItem ? parseJsonPerItem : parseJson)(request, text, done);
  });

  app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.url.startsWith(options.skipPrefix)) return done();
    const body = request.body;
    const error =
      (flatAndStorable(request.params) ? null : unusableValueError(request.params, 'params')) ??
      (flatAndStorable(request.query) ? null : unusableValueError(request.query, 'querystring')) ??
      ((typeof body === 'string' || suspectBodies.has(request)) && !request.routeOptions.config.textCheckedPerItem ? unusableValueError(withoutDeclaration(body, request.routeOptions.config.declarationField), 'body') : null);
    if (error === null) return done();
    sendCode(reply, 'VALIDATION_FAILED', [error]);
  });
}
