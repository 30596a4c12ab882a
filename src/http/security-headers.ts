// Response headers that tell browsers what the platform's answers may do (OWASP Secure Headers):
// the portal's pages run only the portal's own scripts and are never framed (clickjacking of the
// officer workbench, the consent approval); API answers are data, never documents a browser runs;
// no answer is sniffed into another type; no address (consent ids are capabilities) leaves in a
// Referer; no API answer is kept by a cache unless its route allows it. HSTS only when the public address is https (PUBLIC_URL): over plain http it is ignored.
import type { FastifyInstance } from 'fastify';

/**
 * The portal (web/): its bundle, styles (and the style attributes React sets), Pretendard fonts,
 * QR codes as data: images, JSON downloads as blob:, the service worker and its manifest.
 * `'unsafe-hashes'` + hash: the one inline handler, the offline page's Retry (`location.reload()`).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-hashes' 'sha256-9gOBGqEQINNDuds+tkXbNzih6klbz+KeCyxEj4KRLeM='",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Data (JSON, CSV, XML, text): nothing in it may load or run, even opened as a page. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

const DATA_TYPES = /^(application\/(json|xml|problem\+json)|text\/(csv|plain|xml|event-stream))/i;

/**
 * The headers of an answer of this content type. Also for answers written past Fastify's hooks
 * (a hijacked reply: the consultation stream, text/event-stream), which onSend never sees.
 */
export function securityHeaders(contentType: string, o: { https: boolean }): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    // Other types (PDF certificates, images, scripts) get frame-ancestors only: a CSP with
    // default-src 'none' keeps Chrome's PDF viewer from showing a certificate.
    'content-security-policy': contentType.startsWith('text/html') ? PAGE_CSP : DATA_TYPES.test(contentType) ? DATA_CSP : "frame-ancestors 'none'",
    ...(o.https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/** How many content types' headers are kept (a bound on memory: a type past it is computed per answer, as before). */
const CACHED_TYPES = 64;

export function registerSecurityHeaders(app: FastifyInstance, o: { https: boolean }): void {
  // Per content type, the headers as [name, value] pairs: every answer goes through here (the
  // public lookups are most of the traffic), and building the record and its entries each time
  // cost more than setting them.
  const byType = new Map<string, readonly (readonly [string, string])[]>();
  const headersOf = (contentType: string) => {
    let pairs = byType.get(contentType);
    if (pairs === undefined) {
      pairs = Object.entries(securityHeaders(contentType, o));
      if (byType.size < CACHED_TYPES) byType.set(contentType, pairs);
    }
    return pairs;
  };
  app.addHook('onSend', (request, reply, payload, done) => {
    const pairs = headersOf(String(reply.getHeader('content-type') ?? ''));
    for (let i = 0; i < pairs.length; i++) {
      const [name, value] = pairs[i]!;
      if (name !== 'content-security-policy' || !reply.hasHeader(name)) reply.header(name, value);
    }
    // The API's answers are kept by no cache unless a route says otherwise (the estimator's public
    // options): a consumer's parcels, ledger and code were written to the browser's disk cache and
    // stayed on a shared phone after signing out.
    if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
