// buildApp(deps): the Fastify application. Route files only translate HTTP to use cases;
// errors map to statuses in error-status.ts. OpenAPI 3.1 at /api/openapi.json, docs at /api/docs.
import fs from 'node:fs';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import { DeclarationSchema } from '../domain/declaration-schema.ts';
import type {
  AccessStore,
  Clock,
  ConsumerStore,
  DeclarationStore,
  Notifier,
  ReferenceRedecisionQueue,
  ReferenceSource,
  ReferenceStore,
  Secrets,
  WebhookStore,
} from '../app/ports.ts';
import type { SignInThrottleStore } from '../app/ports/sign-in-throttle-store.ts';
import type { RateLimitCounter } from '../app/ports/rate-limit-counter.ts';
import type { UnipassPorts } from './unipass/ports.ts';
import { UNIPASS_LOOKUPS_PER_KEY, UNIPASS_PCCC_CHECKS_PER_KEY, UNIPASS_WRONG_KEYS_PER_ADDRESS, type UnipassLimits } from './unipass/limits.ts';
import { isUnderPrefix, unipassClientErrorAnswer, unipassRefusal } from './unipass/client-error.ts';
import { guardBeforeValidation, registerAuthentication, servedOverHttps } from './auth.ts';
import { registerSecurityHeaders, securityHeaders } from './security-headers.ts';
import { rateLimitRouteOf, sharedRateLimitStore } from './rate-limit-store.ts';
import { errorLogSerializer, requestLogSerializer } from './log-redaction.ts';
import { refuseUnusableValues } from './unusable-values.ts';
import { addRequestFormats } from './request-formats.ts';
import { STATUS_OF, clientErrorCode, clientErrorHandler, codeOfFastifyError, errorBody, errorHandler, frameworkErrorCode, frameworkErrorHandler } from './error-status.ts';
import { refuseOversizedBeforeContinue, registerLingeringClose } from './linger-close.ts';
import { servePortal, type Portal } from './portal-files.ts';
import { trackSplitRequestHeads, type ParserError } from './request-head.ts';
import { hostRefusal } from './host-header.ts';
import { DEFAULT_BODY_LIMIT, TEXT_BODY_LIMIT, payloadTooLargeText, type TooLargeAdvice } from './body-limits.ts';
import { utf8TextOf } from './json-body.ts';
import { CargoEventBody, ErrorSchema, RequestFieldErrorSchema } from './schemas.ts';
import { AssessmentSchema, checkGuardDocumented, checkRateLimitDocumented, FieldErrorSchema, frameworkErrorResponses } from './response-schemas.ts';
import { declarationRoutes } from './routes/declarations.ts';
import { cargoEventRoutes } from './routes/cargo-events.ts';
import { officerRoutes } from './routes/officer.ts';
import { lookupRoutes } from './routes/lookups.ts';
import { consumerRoutes } from './routes/consumer.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { accessRoutes } from './routes/access.ts';
import { referenceAdminRoutes } from './routes/reference-admin.ts';
import { systemRoutes } from './routes/system.ts';
import { estimateRoutes } from './routes/estimate.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import type { RefundPolicy } from '../domain/refund-due.ts';
import type { VirtualAccountPolicy } from '../domain/virtual-account.ts';
import type { StatisticsDisclosure } from '../domain/statistics-disclosure.ts';
import { workbenchRoutes } from './routes/workbench.ts';
import { identityRoutes, type IdentityHttp } from './routes/identity.ts';
import { holderNoticesAdminRoutes } from './routes/holder-notices-admin.ts';
import { riskRoutes } from './routes/risk.ts';
import { operatorScorecardRoutes } from './routes/operator-scorecard.ts';
import { riskExchangeRoutes } from './routes/risk-exchange.ts';
import { taxPaymentRoutes } from './routes/tax-payments.ts';
import { officerTaxNoticeRoutes } from './routes/officer-tax-notices.ts';
import { consultationRoutes, type ConsultationHttp } from './routes/consultations.ts';
import type { PaymentProvider, TaxCertificateRenderer, TaxPaymentStore, VirtualAccountStore } from '../app/ports/payment-ports.ts';
import type { DemoDepositor } from '../app/make-demo-deposit.ts';
import type { RiskDeps } from '../app/risk-deps.ts';
import type { RiskExchangeDeps } from '../app/risk-exchange-deps.ts';
import type { ConsentIntake } from '../app/verify-declaration-consent.ts';
import type { StatisticsStore, SubmissionStore, WorkbenchStore } from '../app/ports/portal-stores.ts';
import type { ScoringHandoff } from '../app/ports/risk-store.ts';
import type { EventStreamStatusSource } from '../app/ports/event-stream-ports.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body schema to document when the route validates a looser envelope. */
    docBody?: unknown;
    /** The responses to document by status (response-schemas.ts); documentation only, answers are not serialised through them. */
    docResponses?: Record<number, unknown>;
    /** The use case refuses unusable values per item (U+0000 and lone surrogates in submit-declarations.ts, non-finite numbers in the engine's validation), not the whole body (unusable-values.ts). */
    textCheckedPerItem?: boolean;
    /** The body's field holding a declaration that the use case checks for unusable values itself (a correction's `declaration`: its errors are 422 DECLARATION_INVALID with the declaration's paths); the rest of the body is checked at the boundary (unusable-values.ts). */
    declarationField?: string;
    /** What a 413 tells the client to do (body-limits.ts); else from the content type. */
    tooLarge?: TooLargeAdvice;
    /** The route's own bodyLimit, copied here by an onRoute hook so the 413 can name it. */
    bodyLimit?: number;
  }
}

export interface AppDeps {
  declarations: DeclarationStore;
  access: AccessStore;
  /** Officer sign-in failures and known addresses, shared by every instance (migrations/075). */
  signInThrottle: SignInThrottleStore;
  /** The per-route rate limits' counts, shared by every instance (migrations/076). */
  rateLimitCounter: RateLimitCounter;
  webhooks: WebhookStore;
  /** The host of a webhook URL that may not be a target (not a public address), else null; absent: any (WEBHOOK_ALLOW_PRIVATE). */
  webhookTarget?: (url: URL) => string | null;
  consumers: ConsumerStore;
  referenceStore: ReferenceStore;
  reference: ReferenceSource;
  secrets: Secrets;
  clock: Clock;
  notifier: Notifier;
  /** Called after events are committed (wakes the webhook worker). */
  onEventsCommitted?: () => void;
  /** The portal's read models (statistics, officer work queue and party history, submissions log) and the statistics' disclosure threshold (data/statistics.json). */
  portal?: { statistics: StatisticsStore; workbench: WorkbenchStore; submissions: SubmissionStore; disclosure: StatisticsDisclosure };
  /** Consumer identity (issue 6): passkeys, consent, ledger, "not me", registry desk. */
  identity?: IdentityHttp | null;
  /** Intake's consent check and usage alerts (submitDeclarations reads it from these deps). */
  consentIntake?: ConsentIntake | null;
  /** The risk-scoring worker of this process: intake hands it what it committed. */
  scoringHandoff?: ScoringHandoff | null;
  /** The worker deciding again the stored declarations intake combined new ones with: woken when some were queued. */
  combinedRedecisions?: { nudge(): void } | null;
  /** What the re-decisions after reference-data corrections came to (the administrator's reference page). */
  referenceRedecisions?: Pick<ReferenceRedecisionQueue, 'summary'> | null;
  /** Risk management (issue 5): scores, profiles, rules, orders, inspections. */
  risk?: RiskDeps | null;
  /** Risk-information exchange with partner customs administrations (docs/risk-exchange.md). */
  riskExchange?: RiskExchangeDeps | null;
  /**
   * Tax notices and payment: the payments store, the payment provider (locally an emulator), the
   * PDF renderer of payment certificates, and the portal's public address for their QR codes
   * (default: see src/http/public-origin.ts — a loopback Host, else http://localhost:<port>), and
   * the refund commitment for a second charge that could not be voided (data/payments.json).
   */
  taxPayments?: {
    store: TaxPaymentStore;
    /** Virtual accounts issued for transfers (migrations/063). */
    virtualAccounts: VirtualAccountStore;
    provider: PaymentProvider;
    certificates?: TaxCertificateRenderer | null;
    publicUrl?: string | null;
    refunds: RefundPolicy;
    virtualAccountPolicy: VirtualAccountPolicy;
    /** Payments through the emulator, in demo mode: its deposit, for the portal's demo deposit button. */
    demoDeposit?: DemoDepositor | null;
    /** The same, for the bank's reversal of a deposit (입금 취소): the portal's demo and the tests. */
    demoDepositReversal?: DemoDepositor | null;
  } | null;
  /** The declaration event stream's relay (NATS JetStream): its position and lag for administrators; `enabled: false` without NATS_URL. */
  eventStream?: EventStreamStatusSource | null;
  /** Consultation (민원상담): the store and the LISTEN/NOTIFY feed of live events. */
  consultations?: ConsultationHttp | null;
  unipass?: { routes: (app: FastifyInstance, opts: { ports: UnipassPorts; limits?: UnipassLimits | null }) => Promise<void>; ports: UnipassPorts } | null;
  options: {
    demo: boolean;
    logLevel?: string;
    /** The portal build (web/dist), served at / when present. */
    webDist?: string | null;
    /** Rate limit for consumer verification, per IP per minute. */
    verificationPerMinute?: number;
    /** How often a live stream checks that its session still holds (default: with each 25 s heartbeat). */
    streamSessionCheckMs?: number;
    /** Public lookups a minute per client address without credentials (LOOKUP_RATE_LIMIT; 0: none). Default PUBLIC_LOOKUPS_PER_MINUTE. */
    lookupsPerMinute?: number;
    /** The UNI-PASS routes' limits a minute (UNIPASS_RATE_LIMIT, UNIPASS_PCCC_RATE_LIMIT, UNIPASS_WRONG_KEY_RATE_LIMIT); defaults in src/http/unipass/limits.ts. */
    unipassRateLimits?: { lookupsPerKey?: number; pcccChecksPerKey?: number; wrongKeysPerAddress?: number };
    /** Tests only: false lets every request past the per-route rate limits. */
    rateLimits?: boolean;
    /** PUBLIC_URL: when https, the session cookie is Secure and answers carry HSTS (security-headers.ts). */
    publicUrl?: string | null;
    /** TRUST_PROXY (config.ts): the proxies whose X-Forwarded-For gives request.ip; none by default. */
    trustProxy?: boolean | string;
  };
}

export type App = FastifyInstance;


/** Where the UNI-PASS-compatible routes are served: every refusal under it answers their XML form (unipass/client-error.ts). */
const UNIPASS_PREFIX = '/ext/rest';

/**
 * clientErrorHandler, save for a request under the UNI-PASS prefix Node refused (Korean sent raw, a raw
 * space or control, a request line over 16 KB, a request that did not arrive in time): answered in the
 * UNI-PASS error form, not JSON (unipass/client-error.ts); in request order as every refusal.
 */
function unipassAwareClientErrorHandler(https: boolean) {
  const headers = securityHeaders('application/xml', { https });
  return clientErrorHandler({ https }, (error, socket) => {
    const refusedAs = clientErrorCode(error);
    return unipassClientErrorAnswer(error as ParserError & { code?: string }, socket, { prefix: UNIPASS_PREFIX, headers, refusedAs, status: STATUS_OF[refusedAs] });
  });
}

/** frameworkErrorHandler, save under the UNI-PASS prefix (a bad percent-escape in the path): the UNI-PASS error form. */
function unipassAwareFrameworkErrorHandler(https: boolean) {
  // the router's refusals skip the onSend hooks: the security headers are set here
  const headers = securityHeaders('application/xml', { https });
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const refusedAs = frameworkErrorCode(error);
    const refusal = unipassRefusal(request.raw.url ?? '', refusedAs, STATUS_OF[refusedAs], UNIPASS_PREFIX);
    if (refusal === null) return frameworkErrorHandler(error, request, reply);
    return reply.code(refusal.status).headers({ ...headers, 'cache-control': 'no-store' }).type('application/xml;charset=UTF-8').send(refusal.body);
  };
}

/**
 * errorHandler, save for a request under the UNI-PASS prefix that no route serves whose body the platform's
 * parsers refused before the not-found answer (a POST to API030 with malformed JSON, text/plain, over 1 MB):
 * the UNI-PASS error form that request gets without a body (a served path: its root, 200, GET only, or the
 * body-too-large notice; elsewhere unipassRtnVo, 404 or 413), not the JSON 400, 415 or 413 it got.
 */
function unipassAwareErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const tooLarge = request.is404 && codeOfFastifyError(error).code === 'PAYLOAD_TOO_LARGE';
  const refusal = request.is404 ? unipassRefusal(request.url, tooLarge ? 'PAYLOAD_TOO_LARGE' : 'ROUTE_NOT_FOUND', tooLarge ? STATUS_OF.PAYLOAD_TOO_LARGE : 404, UNIPASS_PREFIX) : null;
  if (refusal === null) return errorHandler(error, request, reply);
  return reply.code(refusal.status).header('cache-control', 'no-store').type('application/xml;charset=UTF-8').send(refusal.body);
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.options.logLevel && deps.options.logLevel !== 'silent'
        ? {
            level: deps.options.logLevel,
            // No session, key, customs code, name or mobile of a URL in the logs (log-redaction.ts).
            serializers: { req: requestLogSerializer, err: errorLogSerializer },
          }
        : false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: deps.options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false, useDefaults: true, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
    // An HTTP/1.1 request without Host is refused below (with several or an invalid one), in the platform's forms, not by Node (an empty 400).
    http: { requireHostHeader: false },
    frameworkErrors: deps.unipass ? unipassAwareFrameworkErrorHandler(servedOverHttps(deps.options.publicUrl)) : frameworkErrorHandler,
    clientErrorHandler: deps.unipass ? unipassAwareClientErrorHandler(servedOverHttps(deps.options.publicUrl)) : clientErrorHandler({ https: servedOverHttps(deps.options.publicUrl) }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  // the request a parser error or a timeout belongs to, wherever its head began (request-head.ts): whether a
  // refused request is HEAD (no body: RFC 9110 §9.3.2) depends on it in every configuration, not only the UNI-PASS form
  trackSplitRequestHeads(app.server);
  // Before any plugin registers: a plugin's routes keep the error handler of the moment it was
  // registered (the API docs under /api/docs answered Fastify's own 500 body otherwise).
  app.setErrorHandler(deps.unipass ? unipassAwareErrorHandler : errorHandler);
  // RFC 9112 §3.2: an HTTP/1.1 request without Host, and any request with more than one Host line or a
  // Host that is not host[:port] (an empty one included), is refused, 400 (host-header.ts). Node's server
  // refused only a missing one itself (requireHostHeader), before the app, with an empty 400 and none of the
  // platform's headers; here, the first hook of every route and of the not-found handler: HOST_REQUIRED or
  // HOST_INVALID, or the UNI-PASS form under its prefix, then the connection closed as Node did. On the
  // normal path: the Host value's characters and each header name's length read, nothing allocated.
  app.addHook('onRequest', (request, reply, done) => {
    const refused = hostRefusal(request.raw);
    if (refused === null) return done();
    reply.header('connection', 'close');
    const unipass = deps.unipass ? unipassRefusal(request.url, refused, STATUS_OF[refused], UNIPASS_PREFIX) : null;
    if (unipass) reply.code(unipass.status).header('cache-control', 'no-store').type('application/xml;charset=UTF-8').send(unipass.body);
    else reply.code(STATUS_OF[refused]).send(errorBody(refused));
  });

  // Bodies are validated strictly (no type coercion, unknown fields refused); path and query
  // strings are coerced ("12" → 12) as they can only be strings on the wire.
  const shared = [DeclarationSchema, CargoEventBody, RequestFieldErrorSchema, ErrorSchema, FieldErrorSchema, AssessmentSchema];
  const makeAjv = (coerceTypes: boolean | 'array') => {
    // verbose: an unknown field's error carries its parent schema, so its hint can name the field meant.
    const ajv = addRequestFormats(new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes, allErrors: false, strict: false, verbose: true }));
    for (const s of shared) ajv.addSchema(s);
    return ajv;
  };
  const strictAjv = makeAjv(false);
  const coercingAjv = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema));
  for (const s of shared) app.addSchema(s);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tonggwan API',
        version: '0.1.0',
        description:
          'E-commerce import clearance (해외직구 통관). Operators authenticate with `Authorization: Bearer tgk_…` (API key; or `X-API-Key: tgk_…`); officers sign in at /api/v1/auth/sign-in and use the returned `tgs_…` token (or the tg_session cookie); consumers verify at /api/v1/consumer/verification and use the `tgc_…` token. Errors: `{"error":{"code","message","ko","en","details"?}}`; a VALIDATION_FAILED names each refused field in `details`: `[{path, code, ko, en, params?, keyword?}]` (RequestFieldError).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          // Accepted beside Authorization (http/auth.ts tokenOf), for clients that cannot set it.
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An operator API key (tgk_…), as an alternative to Authorization: Bearer' },
        },
      },
      security: [{ bearer: [] }, { apiKeyHeader: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transform: ({ schema, url, route }) => {
      // Routes that validate an envelope document the full schema they accept per item; routes
      // with documented responses publish them (the contract test holds the answers to them).
      // Their answers include the framework's refusals of a malformed request (the API fuzz holds every 4xx to the document).
      const config = route.config as { docBody?: unknown; docResponses?: Record<number, unknown> } | undefined;
      if (!schema) return { schema, url } as never;
      const method = Array.isArray(route.method) ? route.method[0]! : route.method;
      // The framework's JSON refusals (400, 431 …), save under the UNI-PASS prefix: there every refusal on a served path is the API's XML with 200 (unipass/client-error.ts, unipassAwareErrorHandler)
      const framework = isUnderPrefix(url, UNIPASS_PREFIX) ? {} : frameworkErrorResponses(method, url.includes(':'));
      const responses = config?.docResponses ? { ...framework, ...config.docResponses } : null;
      return {
        schema: { ...schema, ...(config?.docBody ? { body: config.docBody } : {}), ...(responses ? { response: responses } : {}) },
        url,
      } as never;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Counted in the database, so every instance behind a load balancer shares each limit. If a count
  // fails (the database unreachable) the request goes on uncounted (skipOnError): failing open, as a
  // limiter should, rather than answering 500 on routes that need no database (estimates); the
  // routes that do fail on their own, and sign-in keeps its own throttle (migrations/075).
  const store = sharedRateLimitStore(deps.rateLimitCounter, (err) => app.log.warn({ err }, 'rate limit not counted'));
  await app.register(rateLimit, { global: false, store, skipOnError: true, ...(deps.options.rateLimits === false ? { allowList: () => true } : {}) });

  // SPA fallback: with the portal built, a page path (GET, not /api or /ext, no file extension) answers with the app shell.
  let portal: Portal | null = null;
  app.setNotFoundHandler(async (request, reply) => {
    const pathOnly = request.url.split('?')[0] ?? '';
    // under the UNI-PASS prefix: its XML form (a path not served: 404; a served path asked with another method: 200, as its errors)
    const unipass = deps.unipass && isUnderPrefix(pathOnly, UNIPASS_PREFIX) ? unipassRefusal(request.url, 'ROUTE_NOT_FOUND', 404, UNIPASS_PREFIX) : null;
    if (unipass) return reply.code(unipass.status).header('cache-control', 'no-store').type('application/xml;charset=UTF-8').send(unipass.body);
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !/^\/(api|ext)(\/|$)/.test(pathOnly) && !/\.[a-z0-9]+$/i.test(pathOnly);
    // the shell as web/dist holds it now (portal-files.ts), or 404
    if (isPage && portal && (await portal.shell(reply))) return reply;
    return reply.code(404).send(errorBody('ROUTE_NOT_FOUND'));
  });
  // Text bodies only where a route reads them (its schema `consumes` text: the CSV uploads). Elsewhere a
  // JSON body sent as text/plain answered a puzzling 400 "object expected": it is refused as what it
  // is, 415 UNSUPPORTED_MEDIA_TYPE, as the OpenAPI document says of every body route.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: TEXT_BODY_LIMIT }, (request, body, done) => {
    const consumes = (request.routeOptions.schema as { consumes?: readonly string[] } | undefined)?.consumes ?? [];
    if (consumes.some((c) => c.startsWith('text/'))) {
      const text = utf8TextOf(body as Buffer, 'csv'); // a CSV saved by Excel in Korea is CP949 unless told "CSV UTF-8"
      return typeof text === 'string' ? done(null, text) : done(text, undefined);
    }
    const refused = Object.assign(new Error('Unsupported Content-Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    done(refused, undefined);
  });
  refuseUnusableValues(app, { skipPrefix: '/ext/' }); // the UNI-PASS routes answer bad input in XML (unipass/params.ts)

  registerSecurityHeaders(app, { https: servedOverHttps(deps.options.publicUrl) });
  registerLingeringClose(app); // a 413 the client reads, not a reset while it still sends
  // A route's own body limit, kept where the error handler reads it: the 413 names it (body-limits.ts).
  app.addHook('onRoute', (route) => {
    if (typeof route.bodyLimit === 'number') route.config = { ...route.config, bodyLimit: route.bodyLimit };
  });
  refuseOversizedBeforeContinue(app, {
    defaultLimit: DEFAULT_BODY_LIMIT,
    parserLimits: [TEXT_BODY_LIMIT],
    refuse: (req, res, largest) => {
      // under the UNI-PASS prefix: its XML form (a served path: its root, 200; elsewhere 413), as every refusal there
      const unipass = deps.unipass ? unipassRefusal(req.url ?? '', 'PAYLOAD_TOO_LARGE', STATUS_OF.PAYLOAD_TOO_LARGE, UNIPASS_PREFIX) : null;
      if (unipass) {
        const xml = securityHeaders('application/xml', { https: servedOverHttps(deps.options.publicUrl) });
        res.writeHead(unipass.status, { ...xml, 'content-type': 'application/xml;charset=UTF-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(unipass.body), connection: 'close' });
        return res.end(unipass.body);
      }
      const body = JSON.stringify(errorBody('PAYLOAD_TOO_LARGE', undefined, payloadTooLargeText(largest, 'smaller', true)));
      res.writeHead(413, { ...securityHeaders('application/json; charset=utf-8', { https: servedOverHttps(deps.options.publicUrl) }), 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
      res.end(body);
    },
  });
  registerAuthentication(app, deps);
  app.addHook('onRoute', checkRateLimitDocumented);
  app.addHook('onRoute', checkGuardDocumented);
  app.addHook('onRoute', guardBeforeValidation);

  await app.register(systemRoutes, { deps });
  await app.register(declarationRoutes, { deps });
  await app.register(cargoEventRoutes, { deps });
  await app.register(officerRoutes, { deps });
  await app.register(lookupRoutes, { deps });
  await app.register(consumerRoutes, { deps });
  await app.register(webhookRoutes, { deps });
  await app.register(accessRoutes, { deps });
  await app.register(referenceAdminRoutes, { deps });
  await app.register(estimateRoutes, { deps });
  await app.register(statisticsRoutes, { deps });
  await app.register(workbenchRoutes, { deps });
  await app.register(identityRoutes, { deps });
  await app.register(holderNoticesAdminRoutes, { deps });
  await app.register(riskRoutes, { risk: deps.risk });
  await app.register(operatorScorecardRoutes, { deps: deps.risk?.scorecard ? { scorecard: deps.risk.scorecard, clock: deps.clock, policy: deps.risk.policy } : null });
  await app.register(riskExchangeRoutes, { exchange: deps.riskExchange });
  await app.register(taxPaymentRoutes, { deps });
  await app.register(officerTaxNoticeRoutes, { deps });
  await app.register(consultationRoutes, { deps });

  if (deps.unipass) {
    // Off (rateLimits false): no limit hook at all, as the lookups; the key is then checked by the handler.
    const figures = deps.options.unipassRateLimits ?? {};
    const limits: UnipassLimits | null =
      deps.options.rateLimits === false
        ? null
        : {
            lookupsPerKey: figures.lookupsPerKey ?? UNIPASS_LOOKUPS_PER_KEY,
            pcccChecksPerKey: figures.pcccChecksPerKey ?? UNIPASS_PCCC_CHECKS_PER_KEY,
            wrongKeysPerAddress: figures.wrongKeysPerAddress ?? UNIPASS_WRONG_KEYS_PER_ADDRESS,
            // the count the store keeps for this route (its method and url, as the store's child names it); a
            // failed read lets the request on to its own count, failing open as the store does (skipOnError)
            peek: (request, countedAs) =>
              deps.rateLimitCounter.peek(rateLimitRouteOf(request.routeOptions), countedAs).then(
                (seen) => seen.count,
                (err: unknown) => {
                  app.log.warn({ err }, 'rate limit not read');
                  return 0;
                },
              ),
          };
    await app.register(deps.unipass.routes, { prefix: UNIPASS_PREFIX, ports: deps.unipass.ports, limits });
  }

  const web = deps.options.webDist;
  // the portal's files and shell, following web/dist on disk when it is rebuilt (portal-files.ts)
  if (web && fs.existsSync(web)) portal = await servePortal(app, web);

  return app;
}
