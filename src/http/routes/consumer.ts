// Consumers: verify (PCCC + name + mobile + postcode, then a one-time code) and see their own
// declarations. The local notification inbox is readable in demo mode only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { completeConsumerVerification, startConsumerVerification } from '../../app/verify-consumer.ts';
import { findByPccc, OWN_DECLARATIONS_PAGE } from '../../app/find-by-pccc.ts';
import type { ConsumerPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendCode, sendFailure } from '../error-status.ts';
import { DECLARATION_STATUSES, Id, VerificationCompleteBody, VerificationStartBody } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { CONSUMER_AUTH_ERRORS, ConsumerDeclarations, DemoNotifications, VerificationCompleted, VerificationStarted } from '../public-response-schemas.ts';

export const consumerRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const perMinute = deps.options.verificationPerMinute ?? 20;
  // Each parcel with its tax notice (paid, due, overdue), when tax payments are wired.
  const payments = deps.taxPayments;
  const notices = {
    declarations: deps.declarations,
    notices: payments ? { declarations: deps.declarations, taxPayments: payments.store, virtualAccounts: payments.virtualAccounts, clock: deps.clock, reference: deps.reference } : null,
  };
  const limit = { rateLimit: { max: perMinute, timeWindow: '1 minute' } };
  const RATE_LIMITED = `More than ${perMinute} verification requests a minute from this address (RATE_LIMITED)`;
  app.post(
    '/api/v1/consumer/verification',
    {
      config: {
        ...limit,
        docResponses: {
          201: described('The one-time code was sent to the registered mobile', VerificationStarted),
          ...errorResponses({
            400: 'Bad body (VALIDATION_FAILED)',
            401: 'The PCCC, name, mobile and postcode do not match a holder whose code is active, suspended by them, or expired but still renewable; one answer for every mismatch (VERIFICATION_FAILED)',
            429: `${RATE_LIMITED}, or 5 codes sent for this PCCC in the last 15 minutes are still unused (VERIFICATION_RATE_LIMITED)`,
            503: 'The SMS gateway refused the message or could not be reached after its retries (SMS_NOT_SENT); try again later',
          }),
        },
      },
      schema: {
        tags: ['consumer'],
        summary: 'Start verification: PCCC, name, mobile and postcode must match; a one-time code is sent to the mobile',
        security: [],
        body: VerificationStartBody,
      },
    },
    async (request, reply) => {
      const r = await startConsumerVerification({ ...deps, identityRules: deps.identity?.deps.registry.rules() ?? null }, { ...request.body, address: request.ip });
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consumer/verification/:challengeId/complete',
    {
      config: {
        ...limit,
        docResponses: {
          200: described('Verified: the consumer bearer token', VerificationCompleted),
          ...errorResponses({ 400: 'The code is not 6 digits (VALIDATION_FAILED)', 401: 'Unknown, expired or used challenge, wrong code, or too many attempts: one answer for all (CHALLENGE_INVALID, details.path body.code)', 429: RATE_LIMITED }),
        },
      },
      schema: {
        tags: ['consumer'],
        summary: 'Complete verification with the one-time code; returns a consumer bearer token (tgc_…, 30 minutes)',
        security: [],
        params: Type.Object({ challengeId: Type.String({ maxLength: 100 }) }),
        body: VerificationCompleteBody,
      },
    },
    async (request, reply) => {
      const r = await completeConsumerVerification(deps, { challengeId: request.params.challengeId, code: request.body.code, address: request.ip });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/consumer/declarations',
    {
      preHandler: requirePrincipal(['consumer']),
      config: {
        docResponses: {
          200: described("The declarations naming the session's PCCC, newest first, a page at a time: pass `next` as `after` for the older ones", ConsumerDeclarations),
          ...errorResponses({ 400: 'Bad limit, after or status (VALIDATION_FAILED)', ...CONSUMER_AUTH_ERRORS }),
        },
      },
      schema: {
        tags: ['consumer'],
        summary: "The verified consumer's declarations (by PCCC), newest first, a page at a time",
        description:
          'Page with `limit` (default and most 200) and `after` (the `next` of the page before); `next` is null on the last page. `total` and `held` count all of them, not the page. ' +
          '`status` lists only the declarations of that status (e.g. `held`, all of which the portal shows first).',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: OWN_DECLARATIONS_PAGE.max, default: OWN_DECLARATIONS_PAGE.default })),
            after: Type.Optional(Id({ description: 'the `next` of the page before: older declarations' })),
            status: Type.Optional(Type.Union(DECLARATION_STATUSES.map((s) => Type.Literal(s)))),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { limit, after, status } = request.query;
      const r = await findByPccc(notices, request.principal as ConsumerPrincipal, { limit, after, status });
      return r.ok ? { pccc: (request.principal as ConsumerPrincipal).pccc, ...r.value } : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/demo/notifications',
    {
      config: { docResponses: { 200: described('The stored messages', DemoNotifications), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', 404: 'Not in demo mode (ROUTE_NOT_FOUND)' }) } },
      schema: {
        tags: ['demo'],
        summary: 'Demo only: messages the local notification adapter stored (e.g. one-time codes)',
        security: [],
        querystring: Type.Object({ recipient: Type.Optional(Type.String({ maxLength: 254, description: 'a phone number (its digits are compared) or an e-mail address (as given: the code of a change of e-mail goes there)' })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      if (!deps.options.demo) return sendCode(reply, 'ROUTE_NOT_FOUND');
      const to = request.query.recipient;
      return { notifications: await deps.consumers.notificationsFor(to === undefined ? null : to.includes('@') ? to.trim() : to.replace(/\D/g, ''), 50) };
    },
  );
};
