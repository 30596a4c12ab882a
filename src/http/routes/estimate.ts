// The public tax estimator (same engine as intake) and the lists its form offers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { estimateTaxes, estimatorOptions } from '../../app/estimate-taxes.ts';
import { publishedAssessment, publishedReason } from '../../domain/published-reasons.ts';
import type { AppDeps } from '../app.ts';
import { sendFailure } from '../error-status.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { CategoryList, EstimateResponse, EstimatorOptions } from '../public-response-schemas.ts';

/** Per client IP: generous for a person filling a form, a brake on scraping the engine. */
export const ESTIMATES_PER_MINUTE = 60;

const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' });

/** What one item is, its unit price and quantity: each entry of items[], or the flat fields of a one-item estimate. */
const itemFields = {
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'category code from /api/v1/reference/estimator' })),
  hsCode: Type.Optional(Type.String({ pattern: '^[0-9.\\-\\s]{2,13}$', description: 'HS code (2 to 10 digits) instead of a category' })),
  description: Type.Optional(Type.String({ maxLength: 300, description: 'what the goods are, e.g. "운동화 Nike Air Max"' })),
  price: Type.Number({ minimum: 0, maximum: 1_000_000_000, description: 'unit price in `currency`' }),
  originCountry: Type.Optional(Country),
  quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  volumeMl: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'per unit: perfume, liquor' })),
  weightG: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: 'net weight of one unit in grams: ginseng, herbal goods (self-use limits by weight)' })),
  alcoholPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  localShipping: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000_000 })),
};

export const MAX_ESTIMATE_ITEMS = 20;

export const EstimateItem = Type.Object(itemFields, { additionalProperties: false, description: 'one item of the order: a category or an HS code, its unit price and quantity' });

export const EstimateBody = Type.Object(
  {
    ...itemFields,
    // Without items[]: the flat fields are the one item, price and quantity required (checked by the use case: either form).
    price: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000_000, description: 'unit price in `currency`; required without `items`' })),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'required without `items`' })),
    items: Type.Optional(
      Type.Array(EstimateItem, {
        minItems: 1,
        maxItems: MAX_ESTIMATE_ITEMS,
        description: `the items of one order shipped in one parcel (1 to ${MAX_ESTIMATE_ITEMS}), decided as one parcel: summed against the de minimis, general clearance as a whole when one item is excluded from list clearance, self-use limits counted across items, a duty line per item. With items, send no item field (category, price, …) beside it; an error names its item (body.items[1].price; fieldErrors items[1].price)`,
      }),
    ),
    currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
    shipFrom: Country,
    mode: Type.Union([Type.Literal('express'), Type.Literal('postal'), Type.Literal('cargo')]),
    weightKg: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'gross weight of the parcel (default 1 kg, or the items’ own weights added up when more)' })),
    purpose: Type.Optional(Type.Union([Type.Literal('personal'), Type.Literal('business')])),
  },
  { additionalProperties: false },
);

export const estimateRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    '/api/v1/estimate',
    {
      config: {
        rateLimit: { max: ESTIMATES_PER_MINUTE, timeWindow: '1 minute' },
        docResponses: {
          200: described('The engine’s assessment of the purchase, with what it assumed and what to do next; a purchase the engine refuses is an assessment with status rejected and fieldErrors', EstimateResponse),
          ...errorResponses({ 400: 'Bad body, an item with neither category nor hsCode, items with an item field beside them, or no price or quantity without items (VALIDATION_FAILED)', 429: `More than ${ESTIMATES_PER_MINUTE} estimates a minute from this address (RATE_LIMITED)` }),
        },
      },
      schema: {
        tags: ['estimate'],
        summary: 'Estimate duty and taxes of one purchase: one item, or an order of several in one parcel (public)',
        description:
          'Builds a declaration from the form (one item from the flat fields, or the order in `items`) and runs the clearance engine (the same one as intake): route, every tax with its formula in the reasons, what would be owed above the de minimis limit (taxesWithoutExemption) and the next action. Nothing is stored.',
        security: [],
        body: EstimateBody,
      },
    },
    async (request, reply) => {
      const r = estimateTaxes(deps, request.body);
      return r.ok ? { ...r.value, assessment: publishedAssessment(r.value.assessment), nextSteps: r.value.nextSteps.map(publishedReason) } : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/reference/estimator',
    {
      config: { docResponses: { 200: described('The form’s options as of today (cached 5 minutes)', EstimatorOptions) } },
      schema: {
        tags: ['estimate'],
        summary: 'Categories, currencies (with this week’s customs rate), countries and thresholds for the estimator form',
        security: [],
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return estimatorOptions(deps);
    },
  );
  app.get(
    '/api/v1/reference/categories',
    { config: { docResponses: { 200: described('The categories in force today', CategoryList) } }, schema: { tags: ['estimate'], summary: 'Category codes (품목) and the HS code each maps to', security: [] } },
    async () => ({ categories: estimatorOptions(deps).categories }),
  );
};
