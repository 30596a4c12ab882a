// Consumer identity (issue 6): passkeys (register, list, remove, sign in), the usage ledger,
// "not me", the holder's own code (suspend, resume, reissue, renew), Web Push subscriptions;
// order-time consent (operators create and poll requests; the phone views and decides them);
// the consent-token JWKS; officers' misuse cases, consent shares and the registry desk.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { IdentityDeps } from '../../app/identity-deps.ts';
import type { ConsumerPrincipal, OfficerPrincipal, OperatorPrincipal } from '../../app/ports.ts';
import { finishPasskeyRegistration, listPasskeys, removePasskey, startPasskeyRegistration } from '../../app/register-passkey.ts';
import { finishPasskeySignIn, startPasskeySignIn } from '../../app/sign-in-with-passkey.ts';
import { consumerLedger, LEDGER_PAGE } from '../../app/consumer-ledger.ts';
import { reportNotMe } from '../../app/report-not-me.ts';
import { closeMisuseCase } from '../../app/close-misuse-case.ts';
import { changeOwnCode, ownCode, type OwnCodeAction } from '../../app/manage-own-pccc.ts';
import { countPushDevices, turnOffPushAlerts } from '../../app/turn-off-push-alerts.ts';
import { ACTIVITY_PAGE, listSecurityActivity } from '../../app/list-security-activity.ts';
import { confirmContactChange, startContactChange } from '../../app/change-holder-contact.ts';
import { changeCodeExOfficio } from '../../app/ex-officio-pccc.ts';
import { consentRequestStatus, createConsentRequest } from '../../app/request-consent.ts';
import { consentOptions, decideConsent, viewConsentRequest } from '../../app/decide-consent.ts';
import { invalidRequest, requestFieldError } from '../../app/field-errors.ts';
import type { AppDeps } from '../app.ts';
import { rateLimitKeyOf, requirePrincipal } from '../auth.ts';
import { sendCode, sendFailure } from '../error-status.ts';
import { publicOriginOf } from '../public-origin.ts';
import { Id, OrderTotal, QUANTITY_MAX, UnitPrice } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { CONSUMER_AUTH_ERRORS, ConsentDecided, ConsentOptions, ConsentRequestCreated, ConsentView, PasskeySignInStarted, VerificationCompleted } from '../public-response-schemas.ts';
import {
  ContactChangeStarted,
  ContactChanged,
  ConsentRequestStatus,
  Jwks,
  Ledger,
  NotMeReported,
  OwnCode,
  OwnCodeChanged,
  PasskeyList,
  PasskeyRegistrationStarted,
  PasskeyRemoved,
  PasskeyView,
  PushSubscribed,
  PushDevices,
  PushRemoved,
  RegistryHolder,
  SecurityActivityPage,
  RegistryReissued,
  VapidPublicKey,
} from '../identity-response-schemas.ts';
import { ConsentShares, MisuseCaseClosed, MisuseCases } from '../officer-response-schemas.ts';

export interface IdentityHttp {
  deps: IdentityDeps;
  /** The portal's public address for deep links; null: a loopback request's own origin, else http://localhost:<port> (public-origin.ts). */
  publicUrl: string | null;
  /** The host of a Web Push endpoint that may not be a target (not a public address), else null; absent: any (WEBHOOK_ALLOW_PRIVATE). */
  pushTarget?: ((endpoint: string) => string | null) | undefined;
}

const Decision = Type.Union([Type.Literal('approve'), Type.Literal('decline')]);
const WebAuthnResponse = Type.Object({ id: Type.String({ maxLength: 1400 }) }, { additionalProperties: true, description: 'the browser library’s JSON (@simplewebauthn/browser)' });
const ConsentId = Type.Object({ id: Type.String({ minLength: 10, maxLength: 100 }) });

export const ConsentRequestBody = Type.Object(
  {
    pccc: Type.String({ maxLength: 20 }),
    consigneeName: Type.String({ minLength: 1, maxLength: 200 }),
    consigneePhone: Type.String({ maxLength: 20 }),
    postcode: Type.String({ maxLength: 10 }),
    platform: Type.String({ minLength: 1, maxLength: 200 }),
    seller: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    orderNo: Type.String({ minLength: 1, maxLength: 64 }),
    items: Type.Array(
      Type.Object({ description: Type.String({ maxLength: 300 }), quantity: Type.Integer({ minimum: 1, maximum: QUANTITY_MAX }), price: UnitPrice }, { additionalProperties: false }),
      { minItems: 1, maxItems: 100 },
    ),
    total: OrderTotal('Σ price × quantity, in `currency`'),
    currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
    returnUrl: Type.Optional(Type.Union([Type.String({ maxLength: 500, description: 'where the consumer’s browser goes after deciding: an http(s) URL without user name or password (else 400 VALIDATION_FAILED naming body.returnUrl, code url_invalid or url_has_credentials)' }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const identityRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps: appDeps }) => {
  const http = appDeps.identity;
  if (!http) return;
  const deps = http.deps;
  const consumer = requirePrincipal(['consumer']);
  const operator = requirePrincipal(['operator']);
  const officer = requirePrincipal(['officer']);
  const perIp = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
  const tags = ['identity'];
  // The routes whose body is optional take a POST without one: Fastify validates an absent body
  // against the object schema and refused it (400) although the document calls it optional.
  const absentBodyIsEmpty = async (request: { body: unknown }) => {
    if (request.body === undefined || request.body === null) request.body = {};
  };
  // What every consumer route may answer: no session, not a consumer, a code no longer in the registry.
  const noHolder = 'The session’s code is not in the registry (PCCC_NOT_FOUND)';
  const consumerErrors = (more: Record<number, string> = {}) => errorResponses({ ...CONSUMER_AUTH_ERRORS, 404: noHolder, ...more });
  const officerErrors = { 401: 'Not signed in (UNAUTHENTICATED; INVALID_API_KEY for an unknown tgk_ key)', 403: 'Not an officer (FORBIDDEN)' };

  // ---- passkeys ----
  app.post(
    '/api/v1/consumer/passkeys/registration',
    {
      preHandler: consumer,
      config: {
        docResponses: {
          201: described('The WebAuthn creation options, and the ceremony to finish', PasskeyRegistrationStarted),
          ...consumerErrors({ 403: `${CONSUMER_AUTH_ERRORS[403]}, or a session proven neither by a one-time code nor by a passkey (PASSKEY_PROOF_REQUIRED)` }),
        },
      },
      schema: { tags, summary: 'Start registering a passkey (needs a session proven by name + mobile + postcode, or a passkey)' },
    },
    async (request, reply) => {
      const r = await startPasskeyRegistration(deps, request.principal as ConsumerPrincipal);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consumer/passkeys/registration/:ceremonyId',
    {
      preHandler: consumer,
      config: {
        docResponses: {
          201: described('Registered; the holder is told on every channel', PasskeyView),
          ...consumerErrors({
            400: 'Bad body or ceremony id (VALIDATION_FAILED)',
            401: `${CONSUMER_AUTH_ERRORS[401]}; or an unknown, expired, used or another holder’s ceremony, or an attestation that does not verify (PASSKEY_INVALID, details.why)`,
          }),
        },
      },
      schema: {
        tags,
        summary: 'Finish registering a passkey with the authenticator’s response',
        params: Type.Object({ ceremonyId: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ response: WebAuthnResponse, label: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await finishPasskeyRegistration(deps, request.principal as ConsumerPrincipal, { ceremonyId: request.params.ceremonyId, response: request.body.response, ...(request.body.label ? { label: request.body.label } : {}) });
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.get('/api/v1/consumer/passkeys', { preHandler: consumer, config: { docResponses: { 200: described('The holder’s passkeys', PasskeyList), ...consumerErrors() } }, schema: { tags, summary: 'The holder’s passkeys' } }, async (request, reply) => {
    const r = await listPasskeys(deps, request.principal as ConsumerPrincipal);
    return r.ok ? { passkeys: r.value } : sendFailure(reply, r.error);
  });
  app.delete(
    '/api/v1/consumer/passkeys/:credentialId',
    {
      preHandler: consumer,
      config: { docResponses: { 200: described('Removed; the holder is told on every channel', PasskeyRemoved), ...consumerErrors({ 404: `${noHolder}, or the holder has no passkey with this id (PASSKEY_NOT_FOUND)` }) } },
      schema: { tags, summary: 'Remove a passkey', params: Type.Object({ credentialId: Type.String({ maxLength: 1400 }) }) } },
    async (request, reply) => {
      const r = await removePasskey(deps, request.principal as ConsumerPrincipal, request.params.credentialId);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  const signInLimited = 'More than 30 passkey sign-in requests a minute from this address (RATE_LIMITED)';
  app.post(
    '/api/v1/consumer/passkeys/sign-in',
    {
      config: { ...perIp(30), docResponses: { 201: described('The WebAuthn options, and the ceremony to finish', PasskeySignInStarted), ...errorResponses({ 429: signInLimited }) } },
      schema: { tags, summary: 'Start signing in with a passkey (usernameless)', security: [] },
    },
    async (_request, reply) => reply.code(201).send(await startPasskeySignIn(deps)),
  );
  app.post(
    '/api/v1/consumer/passkeys/sign-in/:ceremonyId',
    {
      config: {
        ...perIp(30),
        docResponses: {
          200: described('Signed in: the consumer bearer token (amr passkey) and the holder’s live code', VerificationCompleted),
          ...errorResponses({
            400: 'Bad body or ceremony id (VALIDATION_FAILED)',
            401: 'Unknown, expired or used ceremony, unknown passkey, or an assertion that does not verify (PASSKEY_INVALID; written to the audit log as auth.passkey-sign-in-failed with the reason)',
            404: 'The holder has no live code (PCCC_NOT_FOUND)',
            429: signInLimited,
          }),
        },
      },
      schema: {
        tags,
        summary: 'Finish signing in with a passkey; returns a consumer bearer token (tgc_…, amr passkey)',
        security: [],
        params: Type.Object({ ceremonyId: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ response: WebAuthnResponse }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await finishPasskeySignIn(deps, { ceremonyId: request.params.ceremonyId, response: request.body.response, address: request.ip });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  // ---- ledger, "not me", own code, push ----
  app.get(
    '/api/v1/consumer/ledger',
    {
      preHandler: consumer,
      config: { docResponses: { 200: described('The ledger', Ledger), ...consumerErrors() } },
      schema: {
        tags,
        summary: 'Every declaration under any of the holder’s codes, with consent status and reports, a page at a time (newest first)',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LEDGER_PAGE.max, default: LEDGER_PAGE.default })),
            after: Type.Optional(Id({ description: 'the `next` of the page before: older declarations' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await consumerLedger(deps, request.principal as ConsumerPrincipal, { limit: request.query.limit, after: request.query.after });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consumer/declarations/:cargoNo/not-me',
    {
      preValidation: absentBodyIsEmpty,
      preHandler: consumer,
      config: {
        docResponses: {
          201: described('Reported: the case, and whether the parcel is held', NotMeReported),
          ...consumerErrors({
            400: 'Bad body or cargo number (VALIDATION_FAILED)',
            404: `${noHolder}, or no declaration with this cargo number under any of the holder’s codes (DECLARATION_NOT_FOUND)`,
            409: 'The declaration changed while it was being held (CONCURRENT_UPDATE): report again',
          }),
        },
      },
      schema: {
        tags,
        summary: '"Not me": hold the parcel before release and open a misuse case for officers',
        params: Type.Object({ cargoNo: Type.String({ maxLength: 40 }) }),
        body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false })),
      },
    },
    async (request, reply) => {
      const r = await reportNotMe(deps, request.principal as ConsumerPrincipal, { cargoNo: request.params.cargoNo, note: request.body?.note ?? '' });
      if (!r.ok) return sendFailure(reply, r.error);
      if (r.value.held) appDeps.onEventsCommitted?.();
      return reply.code(201).send(r.value);
    },
  );
  app.get('/api/v1/consumer/pccc', { preHandler: consumer, config: { docResponses: { 200: described('The holder’s code', OwnCode), ...consumerErrors() } }, schema: { tags, summary: 'The holder’s code, earlier codes and registry events' } }, async (request, reply) => {
    const r = await ownCode(deps, request.principal as ConsumerPrincipal);
    return r.ok ? r.value : sendFailure(reply, r.error);
  });
  app.get(
    '/api/v1/consumer/pccc/events',
    {
      preHandler: consumer,
      config: {
        docResponses: {
          200: described('A page of the holder’s security activity', SecurityActivityPage),
          ...consumerErrors({ 400: `A bad limit (an integer from 1 to ${ACTIVITY_PAGE.max}) or cursor (an event id), or another parameter: VALIDATION_FAILED naming querystring.limit or querystring.before` }),
        },
      },
      schema: {
        tags,
        summary: `The holder’s security activity: the registry’s events of the signed-in holder (every code they have had), newest first, ${ACTIVITY_PAGE.default} a page by default, each in words safe to show (Korean and English)`,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ACTIVITY_PAGE.max, default: ACTIVITY_PAGE.default })),
            before: Type.Optional(Id({ description: 'the `next` of the page before: older events' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await listSecurityActivity(deps, request.principal as ConsumerPrincipal, { limit: request.query.limit, before: request.query.before });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consumer/pccc/:action',
    {
      preValidation: absentBodyIsEmpty,
      preHandler: consumer,
      config: {
        docResponses: {
          200: described('Done: the code as it now is (after a reissue, the new code and reissuesLeft); a reissue or a suspend signs the holder’s other sessions out (this one stays, on the new code after a reissue; a suspend says how many in otherSessionsEnded); the holder is told (Korean and English)', OwnCodeChanged),
          ...consumerErrors({
            400: 'Unknown action or bad body (VALIDATION_FAILED)',
            403: `${CONSUMER_AUTH_ERRORS[403]}; a reissue from a one-time-code session by a holder with a usable passkey (FORBIDDEN, details.needs passkey); or the code’s status does not allow it, e.g. suspending a suspended code, or resuming or reissuing one customs suspended (PCCC_NOT_ACTIVE, details.suspendedBy officer)`,
            409: 'No reissue left this year (REISSUE_LIMIT_REACHED, details.perYear), or a renewal outside the window around expiry (RENEWAL_NOT_ALLOWED, details.why, details.expiresOn)',
          }),
        },
      },
      schema: {
        tags,
        summary: 'Suspend, resume, reissue (the old code dies at once) or renew the holder’s code',
        params: Type.Object({ action: Type.Union([Type.Literal('suspend'), Type.Literal('resume'), Type.Literal('reissue'), Type.Literal('renew')]) }),
        body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false })),
      },
    },
    async (request, reply) => {
      const r = await changeOwnCode(deps, request.principal as ConsumerPrincipal, request.params.action as OwnCodeAction, request.body?.reason, request.presentedToken);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  // ---- the holder's contacts: where notices and usage alerts go (proof of the new one by a code sent to it) ----
  const contactLimited = 'More than 10 requests a minute by this holder (RATE_LIMITED)';
  const passkeyNeeded = `${CONSUMER_AUTH_ERRORS[403]}; a one-time-code session of a holder with a usable passkey (FORBIDDEN, details.needs passkey); or a cancelled code (PCCC_NOT_ACTIVE)`;
  for (const field of ['phone', 'email'] as const) {
    const what = field === 'phone' ? 'mobile number (SMS)' : 'e-mail address';
    const valueSchema = field === 'phone' ? Type.String({ minLength: 1, maxLength: 20, description: 'a Korean mobile number, 01X and 10 or 11 digits (hyphens allowed)' }) : Type.String({ minLength: 1, maxLength: 254, description: 'an e-mail address' });
    const limit = { rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: rateLimitKeyOf } };
    app.post(
      `/api/v1/consumer/contacts/${field}`,
      {
        preHandler: consumer,
        config: {
          ...limit,
          docResponses: {
            201: described(`A one-time code went to the new ${what}; nothing changed yet`, ContactChangeStarted),
            ...consumerErrors({
              400: `Bad body, not a ${field === 'phone' ? 'mobile number (mobile_invalid' : 'e-mail address (email_invalid'}), or the one registered now (contact_unchanged): VALIDATION_FAILED naming body.${field}`,
              403: passkeyNeeded,
              429: `${contactLimited}, or too many unused codes for this code in 15 minutes (VERIFICATION_RATE_LIMITED)`,
              503: 'The code could not be sent (SMS_NOT_SENT; details.channel email for the e-mail)',
            }),
          },
        },
        schema: { tags, summary: `Change the ${what} notices and usage alerts go to: send a one-time code to the new one`, body: Type.Object({ [field]: valueSchema }, { additionalProperties: false }) },
      },
      async (request, reply) => {
        const r = await startContactChange(deps, request.principal as ConsumerPrincipal, field, (request.body as Record<string, string>)[field]!);
        return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
      },
    );
    app.post(
      `/api/v1/consumer/contacts/${field}/confirm`,
      {
        preHandler: consumer,
        config: {
          ...limit,
          docResponses: {
            200: described(
              `Changed: the holder’s code as it now is; an event in the registry, the holder told at the old ${what} and at the new one (Korean and English), and the holder’s other sessions signed out (this one stays; how many in otherSessionsEnded)`,
              ContactChanged,
            ),
            ...consumerErrors({
              400: `Bad body, a bad new value (body.${field}), or a wrong, expired, used or another holder’s code (VALIDATION_FAILED naming body.code, code_invalid; one answer)`,
              403: passkeyNeeded,
              429: contactLimited,
            }),
          },
        },
        schema: {
          tags,
          summary: `Confirm the new ${what} with the code sent to it; the change is made only now`,
          body: Type.Object({ challengeId: Type.String({ minLength: 1, maxLength: 100 }), [field]: valueSchema, code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        const b = request.body as Record<string, string>;
        const r = await confirmContactChange(deps, request.principal as ConsumerPrincipal, field, { challengeId: b.challengeId!, value: b[field]!, code: b.code! }, request.presentedToken);
        return r.ok ? r.value : sendFailure(reply, r.error);
      },
    );
  }
  app.get('/api/v1/identity/vapid-public-key', { config: { docResponses: { 200: described('The key', VapidPublicKey) } }, schema: { tags, summary: 'The VAPID public key for Web Push subscriptions', security: [] } }, async () => ({ publicKey: deps.holders.vapidPublicKey() }));
  app.post(
    '/api/v1/consumer/push-subscriptions',
    {
      preHandler: consumer,
      config: { docResponses: { 201: described('Subscribed (the same endpoint again replaces its keys)', PushSubscribed), ...consumerErrors({ 400: 'Bad body: endpoint not http(s), keys missing, or (outside demo mode, WEBHOOK_ALLOW_PRIVATE) an endpoint on localhost or a non-public address (VALIDATION_FAILED; details.path body.endpoint, code push_endpoint_not_public)' }) } },
      schema: {
        tags,
        summary: 'Subscribe this installed app to usage alerts (Web Push)',
        body: Type.Object(
          { endpoint: Type.String({ pattern: '^https?://', maxLength: 1000 }), keys: Type.Object({ p256dh: Type.String({ maxLength: 200 }), auth: Type.String({ maxLength: 100 }) }) },
          { additionalProperties: true },
        ),
      },
    },
    async (request, reply) => {
      // Server-side request forgery: the platform posts to the endpoint at each alert (web-push-sender.ts).
      const refused = http.pushTarget?.(request.body.endpoint);
      if (refused !== undefined && refused !== null) {
        const bad = invalidRequest(requestFieldError('body.endpoint', 'push_endpoint_not_public', { value: refused }));
        if (!bad.ok) return sendFailure(reply, bad.error);
      }
      const named = await deps.registry.find((request.principal as ConsumerPrincipal).pccc);
      if (!named) return sendCode(reply, 'PCCC_NOT_FOUND');
      await deps.identity.savePushSubscription({ holderId: named.holderId, endpoint: request.body.endpoint, p256dh: request.body.keys.p256dh, auth: request.body.keys.auth });
      return reply.code(201).send({ subscribed: true });
    },
  );

  app.get(
    '/api/v1/consumer/push-subscriptions',
    {
      preHandler: consumer,
      config: { docResponses: { 200: described('How many installed apps get the alerts, and whether the endpoint asked about is one of them', PushDevices), ...consumerErrors({ 400: 'An endpoint over 1,000 characters (VALIDATION_FAILED)' }) } },
      schema: {
        tags,
        summary: 'How many installed apps get the holder’s usage alerts (Web Push), and whether this browser is one',
        querystring: Type.Object({ endpoint: Type.Optional(Type.String({ maxLength: 1000, description: 'this browser’s push subscription endpoint' })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await countPushDevices(deps, request.principal as ConsumerPrincipal, (request.query as { endpoint?: string }).endpoint);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.delete(
    '/api/v1/consumer/push-subscriptions',
    {
      preHandler: consumer,
      config: { docResponses: { 200: described('Every installed app unsubscribed; text messages still go to the registered mobile', PushRemoved), ...consumerErrors({ 403: 'Not a consumer session, or a one-time-code session of a holder with a usable passkey (FORBIDDEN, details.needs passkey): after a SIM swap the code alone must not silence the alerts on the holder’s phone' }) } },
      schema: { tags, summary: 'Turn the usage alerts off on every installed app (a lost or handed-on phone among them)' },
    },
    async (request, reply) => {
      const r = await turnOffPushAlerts(deps, request.principal as ConsumerPrincipal);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  // ---- consent: the operator's side ----
  app.post(
    '/api/v1/consent-requests',
    {
      preHandler: operator,
      config: {
        rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: rateLimitKeyOf },
        docResponses: {
          201: described('Asked: show the matching number and the QR code (or send the deep link) to the buyer', ConsentRequestCreated),
          ...errorResponses({
            400: 'Bad body, or an order that does not add up: a total that is not Σ price × quantity (total_mismatch), an unknown currency, a return URL that is not http(s) or carries credentials (VALIDATION_FAILED, details naming each field: body.total, body.items[0].quantity, …)',
            401: 'No or an invalid API key (UNAUTHENTICATED, INVALID_API_KEY)',
            403: 'Not an operator (FORBIDDEN)',
            422: 'The PCCC, name, mobile and postcode do not match an active holder (CONSENT_PCCC_CHECK_FAILED)',
            429: 'More than 120 requests a minute by this operator (RATE_LIMITED), or too many requests for this PCCC in 10 minutes (CONSENT_RATE_LIMITED)',
          }),
        },
      },
      schema: { tags: ['consent'], summary: 'Ask the consumer to approve this order (QR code, deep link, matching number; 10 minutes)', body: ConsentRequestBody },
    },
    async (request, reply) => {
      const r = await createConsentRequest(deps, request.principal as OperatorPrincipal, request.body, { baseUrl: publicOriginOf(request, http.publicUrl), currencies: appDeps.reference.current().currencies });
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/consent-requests/:id',
    {
      preHandler: operator,
      config: {
        docResponses: {
          200: described('The request’s status (a pending request past its expiry is expired from then on); the token once approved', ConsentRequestStatus),
          ...errorResponses({
            400: 'The id is under 10 or over 100 characters (VALIDATION_FAILED)',
            401: 'No or an invalid API key (UNAUTHENTICATED, INVALID_API_KEY)',
            403: 'Not an operator (FORBIDDEN)',
            404: 'No such request, or another operator’s (CONSENT_NOT_FOUND)',
          }),
        },
      },
      schema: { tags: ['consent'], summary: 'Status of a consent request; once approved, the single-use consent token (JWS)', params: ConsentId },
    },
    async (request, reply) => {
      const r = await consentRequestStatus(deps, request.principal as OperatorPrincipal, request.params.id);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.get('/api/v1/identity/jwks.json', { config: { docResponses: { 200: described('A JSON Web Key Set (RFC 7517): the public keys consent tokens are signed with', Jwks) } }, schema: { tags: ['consent'], summary: 'Public keys of consent tokens (ES256)', security: [] } }, async () => deps.signer.jwks());
  app.get('/api/v1/operator/consent-share', {
    preHandler: operator,
    config: { docResponses: { 200: described('Own declarations (one row)', ConsentShares), ...errorResponses({ 401: 'No or an invalid API key', 403: 'Not an operator (FORBIDDEN)' }) } },
    schema: { tags: ['consent'], summary: 'Share of the operator’s declarations with, without and with mismatched consent' } }, async (request) => ({
    operators: await deps.identity.consentShare((request.principal as OperatorPrincipal).operatorId),
  }));

  // ---- consent: the phone's side (the request id is the capability) ----
  // What every step on the phone may answer besides its own errors (decide-consent.ts openRequest).
  const consentStateErrors = {
    404: 'No such request (CONSENT_NOT_FOUND)',
    409: 'Already decided, refused or cancelled (CONSENT_NOT_PENDING; details.status, details.refusal)',
    410: 'Expired (CONSENT_EXPIRED)',
  };
  const consentRateLimited = (max: number) => `More than ${max} requests a minute from this address (RATE_LIMITED)`;
  app.get(
    '/api/v1/consent/:id',
    {
      config: {
        ...perIp(60),
        docResponses: {
          200: described('The order as the operator stated it, whatever the request’s status (choices only while pending)', ConsentView),
          ...errorResponses({ 400: 'The id is under 10 or over 100 characters (VALIDATION_FAILED)', 404: consentStateErrors[404], 429: consentRateLimited(60) }),
        },
      },
      schema: { tags: ['consent'], summary: 'The order to approve, with three numbers to pick from', security: [], params: ConsentId },
    },
    async (request, reply) => {
      const r = await viewConsentRequest(deps, request.params.id);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consent/:id/options',
    {
      config: {
        ...perIp(30),
        docResponses: {
          200: described('The WebAuthn options for the passkey assertion', ConsentOptions),
          ...errorResponses({
            400: 'Bad body or id (VALIDATION_FAILED)',
            403: 'Approval with a number other than the one the shop shows: the request is cancelled and the holder told (CONSENT_NUMBER_MISMATCH); or approval while the code is suspended or cancelled (PCCC_NOT_ACTIVE)',
            404: consentStateErrors[404],
            409: `${consentStateErrors[409]}, or the holder has no usable passkey (NO_PASSKEY; details.usableFrom when the holder's keys are all in their cooling period: the first one's end)`,
            410: consentStateErrors[410],
            429: consentRateLimited(30),
          }),
        },
      },
      schema: {
        tags: ['consent'],
        summary: 'The picked number (approval), then WebAuthn options whose challenge is bound to this order and decision',
        security: [],
        params: ConsentId,
        body: Type.Object({ decision: Decision, number: Type.Optional(Type.String({ maxLength: 4 })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await consentOptions(deps, request.params.id, { decision: request.body.decision, number: request.body.number ?? null });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consent/:id/decision',
    {
      config: {
        ...perIp(30),
        docResponses: {
          200: described('Decided: an approval makes the consent token available to the operator', ConsentDecided),
          ...errorResponses({
            400: 'Bad body or id (VALIDATION_FAILED)',
            401: 'Unknown passkey, one still in its cooling period, or an assertion that does not verify against this order and decision (PASSKEY_INVALID)',
            403: 'The passkey is not the PCCC holder’s (CONSENT_WRONG_HOLDER), or the code is suspended or cancelled (PCCC_NOT_ACTIVE)',
            ...consentStateErrors,
            429: consentRateLimited(30),
          }),
        },
      },
      schema: {
        tags: ['consent'],
        summary: 'Approve or decline with the passkey assertion',
        security: [],
        params: ConsentId,
        body: Type.Object({ decision: Decision, response: WebAuthnResponse }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await decideConsent(deps, request.params.id, { decision: request.body.decision, response: request.body.response });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  // ---- officers ----
  const MISUSE_CASES_PAGE = 200;
  app.get(
    '/api/v1/officer/misuse-cases',
    {
      preHandler: officer,
      config: { docResponses: { 200: described('The reports', MisuseCases), ...errorResponses({ 400: 'Bad status, limit or after (VALIDATION_FAILED)', 401: 'No or an invalid session', 403: 'Not an officer (FORBIDDEN)' }) } },
      schema: {
        tags: ['officer'],
        summary: '"Not me" reports (PCCC misuse cases), newest first, a page at a time (`limit`, default and most 200; `after`: the `next` of the page before); `declarationId`: the report about that declaration',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MISUSE_CASES_PAGE, default: MISUSE_CASES_PAGE })),
            after: Type.Optional(Id({ description: 'the `next` of the page before: older reports' })),
            // The declaration page asks for its own parcel's report (a case per declaration at most).
            declarationId: Type.Optional(Id({ description: 'only the report about this declaration (one at most)' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { status, after, declarationId } = request.query;
      const limit = request.query.limit ?? MISUSE_CASES_PAGE;
      // One more than the page says whether another follows. Before, the latest 200 and nothing said of the rest.
      const scanned = await deps.identity.misuseCases({ ...(status ? { status } : {}), ...(declarationId !== undefined ? { declarationId } : {}), limit: limit + 1, ...(after !== undefined ? { afterId: after } : {}) });
      const cases = scanned.slice(0, limit);
      return { cases, next: scanned.length > limit ? cases[cases.length - 1]!.id : null };
    },
  );
  app.post(
    '/api/v1/officer/declarations/:id/misuse-case/close',
    {
      preHandler: officer,
      config: {
        docResponses: {
          200: described('Closed: the case', MisuseCaseClosed),
          ...errorResponses({ 400: 'Bad id or body: a note of 1 to 1,000 characters, not blank (VALIDATION_FAILED)', 401: 'No or an invalid session', 403: 'Not an officer (FORBIDDEN)', 404: 'No open misuse report about this declaration: none, or already closed (DECLARATION_NOT_FOUND)' }),
        },
      },
      schema: {
        tags: ['officer'],
        summary: 'Close the open "not me" report (misuse case) about a declaration once checked, with a note of what was found (kept in the audit log); the parcel\'s hold is decided apart',
        params: Type.Object({ id: Id() }),
        // Not blank: the note is the record of what the check found.
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await closeMisuseCase(deps, request.principal as OfficerPrincipal, { declarationId: request.params.id, note: request.body.note.trim() });
      return r.ok ? { case: r.value } : sendFailure(reply, r.error);
    },
  );
  app.get('/api/v1/officer/consent-share', {
    preHandler: officer,
    config: { docResponses: { 200: described('One row per operator, by code', ConsentShares), ...errorResponses({ 401: 'No or an invalid session', 403: 'Not an officer (FORBIDDEN)' }) } },
    schema: { tags: ['officer'], summary: 'Per operator: declarations with verified, missing and mismatched consent' } }, async () => ({
    operators: await deps.identity.consentShare(null),
  }));
  app.post(
    '/api/v1/registry/pccc',
    {
      preHandler: officer,
      config: {
        docResponses: {
          201: described('Issued: the new code, valid from today', RegistryHolder),
          ...errorResponses({
            400: 'Bad body (VALIDATION_FAILED)',
            ...officerErrors,
            422: 'An empty name, a mobile that is not 01X with 10 or 11 digits, no postcode (PCCC_ISSUE_INVALID), or more postcodes than the registry allows (TOO_MANY_POSTCODES)',
          }),
        },
      },
      schema: {
        tags: ['registry'],
        summary: 'Issue a PCCC (registry desk)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            phone: Type.String({ maxLength: 20 }),
            postcodes: Type.Array(Type.String({ maxLength: 10 }), { minItems: 1, maxItems: 40 }),
            email: Type.Optional(Type.String({ maxLength: 200 })),
            nameEn: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const o = request.principal as OfficerPrincipal;
      const r = await deps.registry.issue(request.body, { kind: 'officer', id: String(o.userId) });
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/registry/pccc/:pccc/:action',
    {
      preValidation: absentBodyIsEmpty,
      preHandler: officer,
      config: {
        docResponses: {
          200: described('Done: the code as it now is; a reissue answers the old and the new code. A suspend, a reissue and a cancel end every session of the holder (who signs in again); the holder is told of each change (SMS, e-mail, Web Push; Korean and English)', Type.Union([RegistryHolder, RegistryReissued])),
          ...errorResponses({
            400: 'Unknown action or bad body (VALIDATION_FAILED)',
            401: officerErrors[401],
            403: `${officerErrors[403]}, or the code’s status does not allow it: suspending a code that is not active, resuming one that is not suspended, cancelling or reissuing a cancelled one (PCCC_NOT_ACTIVE)`,
            404: 'No such code (PCCC_NOT_FOUND)',
            409: 'No reissue left this year (REISSUE_LIMIT_REACHED, details.perYear)',
          }),
        },
      },
      schema: {
        tags: ['registry'],
        summary: 'Ex officio suspend, resume, cancel or reissue a PCCC (직권 사용정지·해지)',
        params: Type.Object({ pccc: Type.String({ maxLength: 20 }), action: Type.Union([Type.Literal('suspend'), Type.Literal('resume'), Type.Literal('cancel'), Type.Literal('reissue')]) }),
        body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false })),
      },
    },
    async (request, reply) => {
      const o = request.principal as OfficerPrincipal;
      const actor = { kind: 'officer' as const, id: String(o.userId) };
      const reason = request.body?.reason ?? '직권 (ex officio)';
      const { pccc, action } = request.params;
      const r = await changeCodeExOfficio(deps, action, pccc, reason, actor);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
};
