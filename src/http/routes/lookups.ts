// Public clearance lookups by cargo management number or B/L + year (no personal data).
// The hot path: the use case returns the stored JSON text of the read model, sent as it is
// (no parse, no serialisation), and the route logs only warnings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findByCargoNumber } from '../../app/find-by-cargo-number.ts';
import { findByBillOfLading } from '../../app/find-by-bill-of-lading.ts';
import type { AppDeps } from '../app.ts';
import { sendFailure } from '../error-status.ts';
import { BlQuery, CargoNoParams } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { LookupResults, LookupView } from '../public-response-schemas.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export const lookupRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/lookup/cargo/:cargoNo',
    {
      logLevel: 'warn',
      config: {
        docResponses: {
          200: described('The parcel: status, timeline, hold reason, next action and taxes (no personal data)', LookupView),
          ...errorResponses({ 400: 'Not a cargo management number: under 15 characters (LOOKUP_QUERY_INVALID) or over 40 (VALIDATION_FAILED)', 404: 'No declaration with this number (CARGO_NOT_FOUND)' }),
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
        docResponses: {
          200: described('The declarations with this B/L number and year, the first 100 in declaration order (none: an empty list); `truncated` true when there are more (a consolidated master B/L: look each parcel up by its house B/L or cargo number)', LookupResults),
          ...errorResponses({ 400: 'No blYear, or neither hblNo nor mblNo (VALIDATION_FAILED, LOOKUP_QUERY_INVALID)' }),
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
