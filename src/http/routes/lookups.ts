// Public clearance lookups by cargo management number or B/L + year (no personal data).
// The hot path: the use case returns the stored JSON text of the read model, sent as it is
// (no parse, no serialisation), and the route logs only warnings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { findByCargoNumber } from '../../app/find-by-cargo-number.ts';
import { findByBillOfLading } from '../../app/find-by-bill-of-lading.ts';
import type { AppDeps } from '../app.ts';
import { sendFailure } from '../error-status.ts';
import { BlQuery, CargoNoParams } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { LookupResults, LookupView } from '../public-response-schemas.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Public lookups a minute from one client address without credentials (LOOKUP_RATE_LIMIT). These
 * routes need no key, so without a limit anyone can walk the number space (cargo numbers are
 * sequential) or load the database from one address. 300 (5 a second) leaves room for the many
 * people behind one carrier-grade NAT of a mobile network checking their parcels; a caller that
 * needs more uses its credentials: an operator's API key (or a session) is not counted here.
 */
export const PUBLIC_LOOKUPS_PER_MINUTE = 300;

export const lookupRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const perMinute = deps.options.rateLimits === false ? 0 : (deps.options.lookupsPerMinute ?? PUBLIC_LOOKUPS_PER_MINUTE);
  // Off (0): no hook at all on the hot path. Counted per address (the route-level hook runs after
  // the authentication hook, so a caller with credentials is known and let through).
  const limit = perMinute > 0 ? { rateLimit: { max: perMinute, timeWindow: '1 minute', allowList: (request: FastifyRequest) => request.principal !== null } } : {};
  const limited = { 429: `More than ${perMinute > 0 ? perMinute : PUBLIC_LOOKUPS_PER_MINUTE} lookups a minute from this address without credentials (RATE_LIMITED; LOOKUP_RATE_LIMIT sets the number, 0 none; an API key or session is not counted); Retry-After: the seconds to wait` };
  app.get(
    '/api/v1/lookup/cargo/:cargoNo',
    {
      logLevel: 'warn',
      config: {
        ...limit,
        docResponses: {
          200: described('The parcel: status, timeline, hold reason, next action and taxes (no personal data)', LookupView),
          ...errorResponses({ 400: 'Not a cargo management number: under 15 characters (LOOKUP_QUERY_INVALID, details naming params.cargoNo) or over 40 (VALIDATION_FAILED)', 404: 'No declaration with this number (CARGO_NOT_FOUND)', ...limited }),
        },
      },
      schema: { tags: ['lookup'], summary: 'Status, timeline, hold reason, next action and taxes by 화물관리번호', security: [], params: CargoNoParams },
    },
    async (request, reply) => {
      const r = await findByCargoNumber(deps, request.params.cargoNo);
      return r.ok ? reply.type(JSON_TYPE).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/lookup/bl',
    {
      logLevel: 'warn',
      config: {
        ...limit,
        docResponses: {
          200: described('The declarations with this B/L number and year, the first 100 in declaration order (none: an empty list); `truncated` true when there are more (a consolidated master B/L: look each parcel up by its house B/L or cargo number)', LookupResults),
          ...errorResponses({ 400: 'blYear missing or not YYYY, a B/L number over 35 characters (VALIDATION_FAILED, details naming the parameter), or neither hblNo nor mblNo (LOOKUP_QUERY_INVALID, details naming querystring.hblNo)', ...limited }),
        },
      },
      schema: { tags: ['lookup'], summary: 'Lookup by house or master B/L number and B/L year', security: [], querystring: BlQuery },
    },
    async (request, reply) => {
      const r = await findByBillOfLading(deps, request.query);
      return r.ok ? reply.type(JSON_TYPE).send(`{"results":[${r.value.results.join(',')}],"truncated":${r.value.truncated}}`) : sendFailure(reply, r.error);
    },
  );
};
