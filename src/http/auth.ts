// Authentication: `Authorization: Bearer <token>` (or `X-API-Key: <key>` for operators, or the
// `tg_session` cookie set at officer sign-in). Tokens: tgk_… API key, tgs_… officer session,
// tgc_… verified consumer session. Guards answer 401 (no/invalid credentials) or 403 (wrong kind).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { API_KEY_PREFIX, authenticateToken, CONSUMER_SESSION_PREFIX } from '../app/authenticate-token.ts';
import type { AccessStore, Clock, Principal, Secrets } from '../app/ports.ts';
import type { PcccRegistry } from '../app/ports/identity-ports.ts';
import { STATUS_OF, errorBody, sendCode } from './error-status.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    presentedToken: string | null;
  }
}

export const SESSION_COOKIE = 'tg_session';

/** A cookie value as sent; undecodable (`%E0%A4%A`) it stays as it is and matches no session. */
function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function tokenOf(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? m[1]! : null;
  }
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && key) return key;
  const cookie = request.headers.cookie;
  if (cookie && !crossSiteWrite(request)) {
    for (const part of cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === SESSION_COOKIE) return decodeCookie(rest.join('='));
    }
  }
  return null;
}

/** The public address is https (PUBLIC_URL): the session cookie is Secure, answers carry HSTS. */
export const servedOverHttps = (publicUrl: string | null | undefined): boolean => /^https:\/\//i.test(publicUrl ?? '');

/** The tg_session cookie's attributes: script cannot read it, other sites do not send it, and it goes over https only when the portal is served so. */
export function sessionCookie(value: string, maxAgeSeconds: number, https: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${https ? '; Secure' : ''}; Max-Age=${maxAgeSeconds}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request another origin made the browser send (cross-site request forgery).
 * SameSite=Strict keeps other sites' requests from carrying the cookie, but not a sibling origin
 * of the same site (another subdomain, another port): the browser's Sec-Fetch-Site, else its
 * Origin against the Host, tells. Such a request is answered as if it carried no cookie (401 on a
 * guarded route). Without either header (curl, older clients) the cookie counts as sent.
 */
function crossSiteWrite(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true; // "null" (a sandboxed frame, a redirect across origins) or malformed
  }
}

/**
 * Whom a per-route rate limit counts: the signed-in operator, officer or consumer, else the
 * client address. Counting signed-in people by address would let many consumers behind one
 * carrier-grade NAT (common on Korean mobile networks) use up each other's allowance.
 */
export function rateLimitKeyOf(request: FastifyRequest): string {
  const p = request.principal;
  if (!p) return `ip:${request.ip}`;
  if (p.kind === 'operator') return `operator:${p.operatorId}`;
  if (p.kind === 'officer') return `officer:${p.userId}`;
  // A consumer by the holder, not the session's code, which a reissue moves to the new one (a fresh
  // allowance at each reissue): the holder's earliest code, the least of the holder's codes as they
  // sort in issue order (P, year, serial: formatPccc), the same before and after a reissue.
  return `consumer:${p.pcccs.reduce((least, c) => (c < least ? c : least), p.pccc)}`;
}

/** X-API-Key carries operator API keys only: a session token sent there authenticates no one. */
function notAnApiKeyInApiKeyHeader(request: FastifyRequest): boolean {
  const token = request.presentedToken;
  return !request.headers.authorization && token !== null && request.headers['x-api-key'] === token && !token.startsWith(API_KEY_PREFIX);
}

type AuthenticationDeps = { access: AccessStore; secrets: Secrets; clock: Clock; identity?: { deps: { registry: Pick<PcccRegistry, 'holderCodes'> } } | null | undefined };

/** The principal of a token; a consumer's with every code of the holder (the registry of consumer identity, when wired). */
export function authenticate(deps: AuthenticationDeps, token: string): Promise<Principal | null> {
  return authenticateToken({ access: deps.access, secrets: deps.secrets, clock: deps.clock, registry: deps.identity?.deps.registry ?? null }, token);
}

export function registerAuthentication(app: FastifyInstance, deps: AuthenticationDeps): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('presentedToken', null);
  // A callback hook, not an async one: a request without credentials (the public lookups, most
  // of the traffic) goes on at once, without a promise and a microtask turn of its own.
  app.addHook('onRequest', (request, _reply, done) => {
    const token = tokenOf(request);
    request.presentedToken = token;
    if (!token) return done();
    if (notAnApiKeyInApiKeyHeader(request)) return done();
    authenticate(deps, token).then(
      (principal) => {
        request.principal = principal;
        done();
      },
      (e: unknown) => done(e as Error),
    );
  });
}

type Kind = Principal['kind'];

/** The statuses each guard of requirePrincipal answers (401, and 403 unless it lets every principal in): a route it guards publishes them (checkGuardDocumented). */
export const GUARD_STATUSES = new WeakMap<object, readonly number[]>();

const NOT_AN_API_KEY = {
  ko: 'X-API-Key 헤더에는 운영자 API 키(tgk_…)만 보낼 수 있습니다. 세션 토큰은 "Authorization: Bearer <토큰>"으로 보내십시오.',
  en: 'The X-API-Key header takes operator API keys (tgk_…) only. Send a session token as "Authorization: Bearer <token>".',
};

const NOT_BEARER = {
  ko: 'Authorization 헤더는 "Bearer <API 키 또는 토큰>" 형식이어야 합니다 (또는 X-API-Key 헤더에 API 키).',
  en: 'The Authorization header must read "Bearer <API key or token>" (or send the API key in the X-API-Key header).',
};

/** No credentials at all: how to send them ("Authentication required." alone told an integrator nothing). */
const NO_CREDENTIALS = {
  ko: '인증이 필요합니다: "Authorization: Bearer <API 키 또는 토큰>" 헤더를 보내세요 (업체 API 키 tgk_…는 X-API-Key 헤더로 보내도 됩니다. 직원은 POST /api/v1/auth/sign-in으로 로그인해 토큰을 받습니다).',
  en: 'Authentication required: send "Authorization: Bearer <API key or token>" (an operator\'s API key, tgk_…, may go in the X-API-Key header instead; staff sign in at POST /api/v1/auth/sign-in for a token).',
};

/** A session token that names no session (expired, signed out, mistyped): where to get a new one. */
function staleSessionText(token: string): { ko: string; en: string } {
  if (token.startsWith(CONSUMER_SESSION_PREFIX)) {
    return { ko: '세션 토큰이 없거나 만료되었습니다: 본인 확인(POST /api/v1/consumer/verification)을 다시 하고 새 토큰을 보내세요.', en: 'The session token is unknown or has expired: verify again (POST /api/v1/consumer/verification) and send the new token.' };
  }
  return { ko: '세션 토큰이 없거나 만료되었습니다: 다시 로그인(POST /api/v1/auth/sign-in)해 새 토큰을 보내세요.', en: 'The session token is unknown or has expired: sign in again (POST /api/v1/auth/sign-in) and send the new token.' };
}

/** preHandler: only these principal kinds (and, for officers, roles) may call the route. */
export function requirePrincipal(kinds: Kind[], officerRoles?: ('officer' | 'admin')[]) {
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.principal;
    if (!p) {
      // An Authorization header that is not "Bearer <token>" (often the bare key) was read as no credentials at all: say what to send.
      if (!request.presentedToken && request.headers.authorization) return reply.code(STATUS_OF.UNAUTHENTICATED).send(errorBody('UNAUTHENTICATED', undefined, NOT_BEARER));
      if (notAnApiKeyInApiKeyHeader(request)) return reply.code(STATUS_OF.UNAUTHENTICATED).send(errorBody('UNAUTHENTICATED', undefined, NOT_AN_API_KEY));
      const token = request.presentedToken;
      if (token?.startsWith(API_KEY_PREFIX)) return sendCode(reply, 'INVALID_API_KEY');
      return reply.code(STATUS_OF.UNAUTHENTICATED).send(errorBody('UNAUTHENTICATED', undefined, token ? staleSessionText(token) : NO_CREDENTIALS));
    }
    if (!kinds.includes(p.kind)) return sendCode(reply, 'FORBIDDEN');
    if (p.kind === 'officer' && officerRoles && !officerRoles.includes(p.role)) return sendCode(reply, 'FORBIDDEN');
  };
  const everyone = (['operator', 'officer', 'consumer'] as const).every((k) => kinds.includes(k)) && !officerRoles;
  GUARD_STATUSES.set(guard, everyone ? [401] : [401, 403]);
  return guard;
}

/**
 * onRoute: a route's requirePrincipal guard runs before its body, query and path are validated
 * (preValidation, not preHandler): a caller without the right credentials learns nothing of what
 * the route accepts (400s naming fields), and every guarded route answers 401/403 whatever is sent,
 * which test/integration/access-control.test.ts checks of every route.
 */
export function guardBeforeValidation(route: RouteOptions): void {
  const handlers = Array.isArray(route.preHandler) ? route.preHandler : route.preHandler ? [route.preHandler] : [];
  const last = handlers.findLastIndex((h) => GUARD_STATUSES.has(h));
  if (last < 0) return;
  // What runs before the guard goes with it (the consultation stream reads its token from the query first): on unvalidated input.
  const before = Array.isArray(route.preValidation) ? route.preValidation : route.preValidation ? [route.preValidation] : [];
  route.preValidation = [...handlers.slice(0, last + 1), ...before] as typeof route.preValidation;
  route.preHandler = handlers.slice(last + 1);
}
