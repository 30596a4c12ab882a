// Public statistics (open data): monthly counts, goods values and taxes by origin country,
// HS chapter or route, computed in the database; JSON or CSV. Cells of fewer than
// data/statistics.json's minCount declarations are withheld (domain/statistics-disclosure.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { computeStatistics, statisticsCsv } from '../../app/compute-statistics.ts';
import type { AppDeps } from '../app.ts';
import { sendFailure } from '../error-status.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { MonthlyStatistics } from '../public-response-schemas.ts';

const Month = Type.String({ pattern: '^\\d{4}-\\d{2}(-01)?$', description: 'YYYY-MM (YYYY-MM-01, the form months had in responses before 2026-12, is taken too)' });
const StatisticsQuery = Type.Object(
  {
    dimension: Type.Optional(Type.Union([Type.Literal('origin'), Type.Literal('category'), Type.Literal('route')], { default: 'origin' })),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
  },
  { additionalProperties: false },
);
const CsvQuery = Type.Object(
  {
    dimension: Type.Optional(Type.Union([Type.Literal('origin'), Type.Literal('category'), Type.Literal('route')], { default: 'origin' })),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    lang: Type.Optional(Type.Union([Type.Literal('ko'), Type.Literal('en')], { default: 'ko' })),
  },
  { additionalProperties: false },
);

export const statisticsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const portal = deps.portal;
  if (!portal) return;
  const statDeps = { statistics: portal.statistics, reference: deps.reference, clock: deps.clock, disclosure: portal.disclosure };
  const limit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
  const errors = errorResponses({
    400: 'Bad query: unknown dimension or lang, a month not YYYY-MM, from after to, or over 60 months (VALIDATION_FAILED)',
    429: 'More than 120 requests a minute from this address (RATE_LIMITED)',
  });
  app.get(
    '/api/v1/statistics/monthly',
    {
      config: { ...limit, docResponses: { 200: described('The aggregate of the period', MonthlyStatistics), ...errors } },
      schema: {
        tags: ['statistics'],
        summary: 'Monthly declarations, goods value and taxes by origin country, HS chapter (category) or route (public)',
        description:
          'Default period: the last 12 months. `queryMs` is the time the database took for the aggregate. A cell (month × key) of fewer than `disclosure.minCount` declarations is withheld (`suppressed: true`, `belowMin: true`, count and values null); so that no total gives it back by subtraction, the smallest other cells of the month are withheld too until the withheld cells hold at least `minCount` declarations (`belowMin: false`); months within the period likewise, and a total under `minCount` is withheld.',
        security: [],
        querystring: StatisticsQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const r = await computeStatistics(statDeps, { dimension: q.dimension ?? 'origin', ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/statistics/monthly.csv',
    {
      config: {
        ...limit,
        docResponses: {
          200: { description: 'One line per row: month, key, label, count, goods value (USD, KRW), taxes (KRW), and why a withheld row is withheld (count and values empty); headers in the language asked', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errors,
        },
      },
      schema: { tags: ['statistics'], summary: 'The same statistics as CSV (UTF-8 with BOM)', security: [], querystring: CsvQuery },
    },
    async (request, reply) => {
      const q = request.query;
      const r = await computeStatistics(statDeps, { dimension: q.dimension ?? 'origin', ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
      if (!r.ok) return sendFailure(reply, r.error);
      const name = `tonggwan-statistics-${r.value.dimension}-${r.value.from}-${r.value.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(statisticsCsv(r.value, q.lang ?? 'ko'));
    },
  );
};
