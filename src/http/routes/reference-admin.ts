// Administrators upload exchange rates and tariff lines as CSV (stored, audited, used by
// assessments from then on).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { uploadExchangeRates, uploadTariff } from '../../app/upload-reference-data.ts';
import { listReferenceVersions } from '../../app/list-reference-versions.ts';
import { koreanDateOf } from '../../domain/dates.ts';
import type { OfficerPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { CorrectionRedecisions, ReferenceVersions, UploadList, UploadStored } from '../officer-response-schemas.ts';

const Csv = Type.String({ minLength: 1, description: 'text/csv body' });
const VersionsQuery = Type.Object(
  { date: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD; default today in Korea' })) },
  { additionalProperties: false },
);

export const referenceAdminRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const adminOnly = requirePrincipal(['officer'], ['admin']);
  const asAdmin = { 401: 'No or an invalid session', 403: 'Not an administrator (FORBIDDEN)' };
  const uploaded = {
    docResponses: {
      201: described('Stored and in force for later assessments', UploadStored),
      ...errorResponses({ 400: 'A bad file, refused whole (CSV_INVALID; details.errors: each fault with its line, column, ko and en, the first 100; details.errorCount: how many), or no body (VALIDATION_FAILED). A week or effective date that declarations on record were declared in (or after, for the tariff) is refused: it would change decided declarations', ...asAdmin, 409: 'The same file (by its SHA-256) was loaded already (REFERENCE_ALREADY_LOADED; details: uploadId, uploadedAt, uploadedBy)', 415: 'Not text/csv or text/plain (UNSUPPORTED_MEDIA_TYPE)' }),
    },
  };
  app.post(
    '/api/v1/admin/reference/exchange-rates',
    {
      preHandler: adminOnly,
      config: uploaded,
      schema: {
        tags: ['admin'],
        summary: 'Upload customs exchange rates (CSV: weekStart,currency,rate — weekStart a Sunday; rate in KRW per the unit of data/exchange-rates.json, e.g. per 100 JPY)',
        consumes: ['text/csv'],
        body: Csv,
      },
    },
    async (request, reply) => {
      const r = await uploadExchangeRates(deps, request.principal as OfficerPrincipal, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/admin/reference/tariff',
    {
      preHandler: adminOnly,
      config: uploaded,
      schema: {
        tags: ['admin'],
        summary: 'Upload tariff lines (CSV: effectiveFrom,hs,basic,ko,en — basic as a fraction, 0.08 = 8%)',
        consumes: ['text/csv'],
        body: Csv,
      },
    },
    async (request, reply) => {
      const r = await uploadTariff(deps, request.principal as OfficerPrincipal, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.get('/api/v1/admin/reference/uploads', { preHandler: adminOnly, config: { docResponses: { 200: described('The uploads', UploadList), ...errorResponses(asAdmin) } }, schema: { tags: ['admin'], summary: 'Upload audit trail' } }, async () => ({
    uploads: await deps.referenceStore.uploads(100),
  }));
  app.get(
    '/api/v1/admin/reference/versions',
    {
      preHandler: adminOnly,
      config: { docResponses: { 200: described('Each dataset’s versions, the one in force on the date, and the date’s exchange-rate week', ReferenceVersions), ...errorResponses({ 400: 'Bad date (VALIDATION_FAILED)', ...asAdmin }) } },
      schema: { tags: ['admin'], summary: 'Reference data versions and which is in force on a date (what an assessment of that date records)', querystring: VersionsQuery },
    },
    async (request) => listReferenceVersions(deps.reference.current(), request.query.date ?? koreanDateOf(deps.clock.now().toISOString())),
  );
  app.get(
    '/api/v1/admin/reference/corrections',
    {
      preHandler: adminOnly,
      config: { docResponses: { 200: described('Each correction that found declarations on record, and what deciding them again came to', CorrectionRedecisions), ...errorResponses(asAdmin) } },
      schema: { tags: ['admin'], summary: 'Declarations decided again after reference-data corrections (data-file versions with corrects)' },
    },
    async () => ({ corrections: (await deps.referenceRedecisions?.summary()) ?? [] }),
  );
};
