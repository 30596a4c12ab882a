// The answer to a UNI-PASS-compatible request Node's HTTP parser refused before the platform saw it.
//
// Node (llhttp, also with insecureHTTPParser) refuses a request line whose URL holds a byte above
// 0x7E, or a raw space ("Invalid char in url query", HPE_INVALID_URL; HPE_INVALID_CONSTANT for the
// space): Korean sent raw, as UTF-8 or EUC-KR bytes, never reaches Fastify, so it cannot be decoded
// or answered (README "Korean in the query string"). The platform's clientErrorHandler answered it
// with a JSON 400 that no UNI-PASS client reads; for a path of a served API it now answers the UNI-PASS
// error form under that API's root (HTTP 200, tCnt -1, ntceInfo saying to percent-encode as UTF-8), as
// the route itself answers a bad parameter, then closes the connection as before.
//
// What Node refused is read only from its error's rawPacket (the bytes of the chunk being parsed): a
// request line that did not arrive in that chunk from its start (sent in pieces, or behind another
// request on a kept-alive connection) is not recognised and keeps the JSON answer. No key is
// checked and nothing is counted: the answer is the same notice whatever was asked.

import { NOTICE } from './messages.ts';
import { PATH, ROOT, errorDoc } from './render.ts';
import { renderXml } from './xml.ts';

const ROOT_BY_PATH = new Map<string, string>(Object.entries(PATH).map(([api, path]) => [path, ROOT[api as keyof typeof ROOT]]));

/** `GET /ext/rest/<path>?<anything but CR/LF> HTTP/1.x`, on the first line of the packet. */
const REQUEST_LINE = /^(GET|HEAD) ([^?\r\n ]+)(\?[^\r\n]*)? HTTP\/1\.[01]\r?$/;

/**
 * What to write on the socket for a request Node refused, or null when it is not a UNI-PASS request
 * refused for an unencoded URL (the caller answers it as any other).
 */
export function unipassClientErrorAnswer(
  error: { code?: string | undefined; rawPacket?: Buffer | undefined },
  o: { prefix: string; headers: Record<string, string> },
): string | null {
  if (error.code !== 'HPE_INVALID_URL' && error.code !== 'HPE_INVALID_CONSTANT') return null;
  const packet = error.rawPacket;
  if (!packet) return null;
  const end = packet.indexOf(0x0a);
  const line = packet.subarray(0, end < 0 ? Math.min(packet.length, 8192) : end).toString('latin1');
  const m = REQUEST_LINE.exec(line);
  if (!m) return null;
  const [, method, path, query = ''] = m;
  if (!path!.startsWith(o.prefix)) return null;
  const root = ROOT_BY_PATH.get(path!.slice(o.prefix.length));
  // what Node refuses in the query: a byte above 0x7E or a control, or a space (the version then did not parse)
  if (root === undefined || !/[^\x21-\x7e]/.test(query)) return null;
  const body = Buffer.from(renderXml(errorDoc(root, NOTICE.unencodedUrl)), 'utf8');
  const headers: Record<string, string> = {
    ...o.headers,
    'content-type': 'application/xml;charset=UTF-8',
    'cache-control': 'no-store',
    'content-length': String(body.length),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `HTTP/1.1 200 OK\r\n${head}\r\n${method === 'HEAD' ? '' : body.toString('utf8')}`;
}
