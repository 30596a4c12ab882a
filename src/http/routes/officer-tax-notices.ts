// The tax notice of a declaration for officers and administrators (read-only): whether and how its
// taxes were paid or refunded, on the officer's declaration page, for a "세금·납부" consultation.
// Payments themselves are made by the payer (tax-payments.ts); refunds are resolved by administrators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getOfficerTaxNotice } from '../../app/get-officer-tax-notice.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { IdParams } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { OfficerTaxNotice } from '../officer-response-schemas.ts';

export const officerTaxNoticeRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const payments = deps.taxPayments;
  if (!payments) return;
  const noticeDeps = { declarations: deps.declarations, clock: deps.clock, reference: deps.reference, taxPayments: payments.store, virtualAccounts: payments.virtualAccounts };
  app.get(
    '/api/v1/officer/declarations/:id/tax-notice',
    {
      // Officers and administrators (staff sessions); not operators (their own: GET /api/v1/tax-notices), not consumers.
      preHandler: requirePrincipal(['officer']),
      config: {
        docResponses: {
          200: described('The notice (null when nothing is owed or paid), the transfer account waiting (last four digits only) and the open refunds due', OfficerTaxNotice),
          ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', 401: 'No or an invalid session (UNAUTHENTICATED)', 403: 'Not an officer or administrator (FORBIDDEN)', 404: 'No such declaration (DECLARATION_NOT_FOUND)' }),
        },
      },
      schema: {
        tags: ['officer'],
        summary: "A declaration's tax notice, read-only (officers and administrators): due, paid or overdue, the payments (receipt, date, method, payer), refunds due and made, with the notice's reason; no payment secret",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const r = await getOfficerTaxNotice(noticeDeps, request.params.id);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
};
