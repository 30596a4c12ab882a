// The answer to a UNI-PASS-compatible request refused before any of its routes saw it: by Node's HTTP
// parser (a byte above 0x7E or a control in the request line, a raw space, a request line or headers
// over Node's 16 KB) or by Node's request timeouts (headersTimeout, requestTimeout: 408), by Fastify's
// router (a bad percent-escape in the path), because no route has that path or method, because it announced (Expect: 100-continue) a body larger than any route
// takes (../linger-close.ts), or because an HTTP/1.1 request had no Host header or any request more than one or an invalid one (../host-header.ts). The platform answered each with its JSON error body, which no UNI-PASS client
// reads; under the UNI-PASS prefix (/ext/rest) each now answers the UNI-PASS error form, as the routes
// answer a bad parameter: `<root><ntceInfo>why</ntceInfo><tCnt>-1</tCnt></root>`.
//
// - On a served API's path the root is that API's and the status 200, as the API itself answers any
//   error (domain-rules §7.1), whatever was wrong with the request.
// - Elsewhere under the prefix (a path not served, or one that could not be read: a raw space in it)
//   no API can be named: the root is `unipassRtnVo` and the status the platform gives such a request
//   (400, 404, 408, 431), so an HTTP client still sees that the request went nowhere.
//
// What Node refused is read from the bytes of its request (../request-head.ts): where that request
// begins in the chunk Node hands with its error (after any request or body before it), the start of
// its head kept from earlier chunks when it came in pieces, or the request in progress on the
// connection when a timeout has no bytes. No key is checked and nothing is counted: the
// answer is the same notice whatever was asked.

import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { requestHeadOf, type ParserError } from '../request-head.ts';
import { NOTICE } from './messages.ts';
import { PATH, ROOT, UNKNOWN_ROOT, errorDoc } from './render.ts';
import { renderXml } from './xml.ts';

const ROOT_BY_PATH = new Map<string, string>(Object.entries(PATH).map(([api, path]) => [path, ROOT[api as keyof typeof ROOT]]));

/** Why the platform refused a request before its route (its error code, error-status.ts). */
export type RefusedAs = 'MALFORMED_REQUEST' | 'HEADERS_TOO_LARGE' | 'REQUEST_TIMEOUT' | 'MALFORMED_URL' | 'URI_TOO_LONG' | 'ROUTE_NOT_FOUND' | 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'HOST_REQUIRED' | 'HOST_INVALID';

export interface UnipassRefusal {
  status: number;
  root: string;
  notice: string;
  /** The XML document (UTF-8 text). */
  body: string;
}

/** Whether `path` (no query) is under `prefix`: the prefix itself or below it. */
export function isUnderPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function noticeOf(refusedAs: RefusedAs, target: string, servedPath: boolean): string {
  switch (refusedAs) {
    case 'HEADERS_TOO_LARGE':
      return NOTICE.requestTooLarge;
    case 'MALFORMED_URL':
      return NOTICE.malformedUrl;
    case 'PAYLOAD_TOO_LARGE':
      return NOTICE.bodyTooLarge;
    case 'REQUEST_TIMEOUT':
      return NOTICE.requestTimeout;
    case 'HOST_REQUIRED':
      return NOTICE.hostRequired;
    case 'HOST_INVALID':
      return NOTICE.hostInvalid;
    case 'ROUTE_NOT_FOUND':
      return servedPath ? NOTICE.getOnly : NOTICE.unknownApi;
    default:
      // what Node refuses in the URL: a byte above 0x7E or a control, or a space (the version then did not parse)
      return /[^\x21-\x7e]/.test(target) ? NOTICE.unencodedUrl : NOTICE.malformedRequest;
  }
}

/**
 * The UNI-PASS error form for a request to `target` (path and query, as sent) refused as `refusedAs`,
 * whose platform answer would have had `status`; null when `target` is not under `prefix` (the caller
 * answers it as any other).
 */
export function unipassRefusal(target: string, refusedAs: RefusedAs, status: number, prefix: string): UnipassRefusal | null {
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  if (!isUnderPrefix(path, prefix)) return null;
  const apiRoot = ROOT_BY_PATH.get(path.slice(prefix.length));
  const root = apiRoot ?? UNKNOWN_ROOT;
  const notice = noticeOf(refusedAs, target, apiRoot !== undefined);
  return { status: apiRoot !== undefined ? 200 : status, root, notice, body: renderXml(errorDoc(root, notice)) };
}

/** The method and target of the request line at the start of `head` (the target up to ` HTTP/1.x`, or to the line's end). */
function requestLineOf(head: Buffer): { method: string; target: string } | null {
  const end = head.indexOf(0x0a);
  const line = head.subarray(0, end < 0 ? Math.min(head.length, 65536) : end).toString('latin1').replace(/\r$/, '');
  const m = /^([A-Za-z]{1,20}) (\/.*)$/s.exec(line);
  if (!m) return null;
  const [, method, rest] = m;
  return { method: method!, target: rest!.replace(/ HTTP\/\d\.\d$/, '') };
}

/**
 * What to write on the socket for a request Node refused (`refusedAs` and `status`: what the platform
 * answers it otherwise), or null when it is not a request under `prefix` whose request line could be
 * read (the caller answers it as any other).
 */
export function unipassClientErrorAnswer(
  error: ParserError & { code?: string | undefined },
  socket: Duplex,
  o: { prefix: string; headers: Record<string, string>; refusedAs: RefusedAs; status: number },
): string | null {
  const requestHead = requestHeadOf(error, socket);
  if (!requestHead) return null;
  const request = requestLineOf(requestHead);
  if (request === null) return null;
  const refusal = unipassRefusal(request.target, o.refusedAs, o.status, o.prefix);
  if (refusal === null) return null;
  const body = Buffer.from(refusal.body, 'utf8');
  const headers: Record<string, string> = {
    ...o.headers,
    'content-type': 'application/xml;charset=UTF-8',
    'cache-control': 'no-store',
    'content-length': String(body.length),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${head}\r\n${request.method.toUpperCase() === 'HEAD' ? '' : body.toString('utf8')}`;
}
