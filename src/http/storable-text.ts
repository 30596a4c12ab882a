// PostgreSQL keeps no U+0000 in text or jsonb, and jsonb refuses an unpaired surrogate
// ("\ud800"): such a string reaching the database failed the request with a 500 (found by
// test/integration/api-fuzz.test.ts: DELETE /api/v1/consumer/passkeys/%00). The boundary
// refuses them as 400 VALIDATION_FAILED with the field's path, for every /api route; a route
// whose use case answers them per item (bulk intake: one bad declaration never sinks the
// batch) says so with `config.textCheckedPerItem`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendCode } from './error-status.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/** The path of the first string (or key) in `value` PostgreSQL cannot store, or null. Iterative: bodies may nest 100,000 deep. */
export function unstorableTextPath(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!storable(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (!storable(k)) return `${path}.${JSON.stringify(k)}`;
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/** A JSON text that may hold "\u0000" or a surrogate escape; others (nearly all) are not walked after parsing. */
const SUSPECT_ESCAPE = /\\u(?:0000|d[89a-f])/i;

export function refuseUnstorableText(app: FastifyInstance, options: { skipPrefix: string }): void {
  const suspectBodies = new WeakSet<FastifyRequest>();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).includes('\\u') && SUSPECT_ESCAPE.test(body as string)) suspectBodies.add(request);
    parseJson(request, body as string, done);
  });

  app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.url.startsWith(options.skipPrefix)) return done();
    const body = request.body;
    const path =
      unstorableTextPath(request.params, 'params') ??
      unstorableTextPath(request.query, 'querystring') ??
      ((typeof body === 'string' || suspectBodies.has(request)) && !request.routeOptions.config.textCheckedPerItem ? unstorableTextPath(body, 'body') : null);
    if (path === null) return done();
    sendCode(reply, 'VALIDATION_FAILED', [{ path, keyword: 'storableText', message: 'must not contain U+0000 or an unpaired surrogate' }]);
  });
}
