// Requests under /ext/rest refused before any UNI-PASS route read them, over a real connection to the
// running platform (node:net: fetch cannot send a raw space, a control character or a bad version).
// Each answered the platform's JSON error body, which a UNI-PASS client cannot parse; now each answers
// the UNI-PASS error form (client-error.ts): on a served API's path its root and HTTP 200, as that API
// answers any error; elsewhere under /ext/rest `unipassRtnVo` with the platform's status. /api keeps JSON.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../main.ts';
import { referenceFiles } from '../../../test/support/reference.ts';
import { startTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { startTestPlatform, testConfig, type TestPlatform } from '../../../test/support/test-platform.ts';
import { AWAIT_ANSWER, rawPieces, rawRequest, requestLine, type RawAnswer } from '../../../test/support/raw-http.ts';
import { NOTICE } from './messages.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const API030 = '/ext/rest/trrtQry/retrieveTrrt';
const send = (method: string, target: Buffer | string, version?: string) => rawRequest(t.base, requestLine(method, target, version));
const errorForm = (root: string, notice: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${root}><ntceInfo>${notice}</ntceInfo><tCnt>-1</tCnt></${root}>`;
/** The UNI-PASS error form, whole as announced, with the headers of every UNI-PASS answer. */
function expectXml(a: RawAnswer, status: number, root: string, notice: string): void {
  expect(a.status).toBe(status);
  expect(a.headers['content-type']).toBe('application/xml;charset=UTF-8');
  expect(a.headers['cache-control']).toBe('no-store');
  expect(a.headers['x-content-type-options']).toBe('nosniff');
  expect(a.body).toBe(errorForm(root, notice));
  expect(Buffer.byteLength(a.body)).toBe(Number(a.headers['content-length']));
}

describe('refused by Node’s HTTP parser', () => {
  // 16 KB is Node's --max-http-header-size: the request line counts in it. 20,000 digits of hsSgn are over it.
  const longQuery = `?crkyCn=TONGGWAN-DEMO-API030&hsSgn=${'1'.repeat(20_000)}`;

  it('a URL over 16 KB to API030: its root, 200, the notice that the request is too long (was JSON 431 HEADERS_TOO_LARGE)', async () => {
    expectXml(await send('GET', API030 + longQuery), 200, 'trrtQryRtnVo', NOTICE.requestTooLarge);
    // to /api: the platform's JSON as before
    const api = await send('GET', `/api/v1/estimate${longQuery}`);
    expect([api.status, JSON.parse(api.body).error.code]).toEqual([431, 'HEADERS_TOO_LARGE']);
  });

  it('a raw space or a control character (0x01) in the path: the path names no API, so unipassRtnVo and 400 (was JSON MALFORMED_REQUEST)', async () => {
    expectXml(await send('GET', '/ext/rest/trrtQry/retrieve Trrt?crkyCn=x'), 400, 'unipassRtnVo', NOTICE.unencodedUrl);
    expectXml(await send('GET', Buffer.from('/ext/rest/trrtQry/retrieve\x01Trrt?crkyCn=x', 'latin1')), 400, 'unipassRtnVo', NOTICE.unencodedUrl);
    const api = await send('GET', '/api/v1/esti mate');
    expect([api.status, JSON.parse(api.body).error.code]).toEqual([400, 'MALFORMED_REQUEST']);
  });

  it('a control character (0x01) in API030’s query: its root, 200 (as Korean or a space sent raw were already)', async () => {
    expectXml(await send('GET', Buffer.from(`${API030}?crkyCn=x&hsSgn=61\x0109`, 'latin1')), 200, 'trrtQryRtnVo', NOTICE.unencodedUrl);
  });

  it('a version Node does not speak (HTTP/9.9) or a lower-case method: the malformed-request notice under API030’s root, 200; HEAD gets no body', async () => {
    expectXml(await send('GET', `${API030}?crkyCn=x`, 'HTTP/9.9'), 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
    expectXml(await send('get', `${API030}?crkyCn=x`), 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
    const head = await send('HEAD', `${API030}?crkyCn=x`, 'HTTP/9.9');
    expect([head.status, head.headers['content-type'], head.body]).toEqual([200, 'application/xml;charset=UTF-8', '']);
  });
});

describe('refused by Fastify’s router or without a route', () => {
  it('a bad percent-escape in the path (%zz, and %E0%A4%A: 3 bytes of UTF-8 cut short): unipassRtnVo, 400 (was JSON MALFORMED_URL); /api keeps JSON', async () => {
    expectXml(await send('GET', `${API030}%zz?crkyCn=x`), 400, 'unipassRtnVo', NOTICE.malformedUrl);
    expectXml(await send('GET', `${API030}%E0%A4%A?crkyCn=x`), 400, 'unipassRtnVo', NOTICE.malformedUrl);
    const api = await send('GET', '/api/v1/declarations/%zz');
    expect([api.status, JSON.parse(api.body).error.code]).toEqual([400, 'MALFORMED_URL']);
  });

  it('a path not served under /ext/rest: 404 with the notice naming the APIs served (was JSON ROUTE_NOT_FOUND); POST to API030: its root, 200, GET only', async () => {
    expectXml(await send('GET', '/ext/rest/expDclrNoPrExpFfmnBrkdQry/retrieveExpDclrNoPrExpFfmnBrkd?crkyCn=x'), 404, 'unipassRtnVo', NOTICE.unknownApi);
    expectXml(await send('GET', '/ext/rest'), 404, 'unipassRtnVo', NOTICE.unknownApi);
    expectXml(await rawRequest(t.base, Buffer.from(`POST ${API030}?crkyCn=x HTTP/1.1\r\nContent-Length: 0`)), 200, 'trrtQryRtnVo', NOTICE.getOnly);
    // not under the prefix (/ext/restx) and /api: JSON as before
    for (const target of ['/ext/restx', '/api/v1/nothing']) {
      const a = await send('GET', target);
      expect([a.status, JSON.parse(a.body).error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    }
  });
});

describe('a refused request whose request line does not start the chunk Node parsed (request-head.ts)', () => {
  const B = (text: string) => Buffer.from(text, 'latin1');
  const host = () => `Host: ${new URL(t.base).host}\r\n`;
  const longQuery = `?crkyCn=x&hsSgn=${'1'.repeat(20_000)}`; // over Node's 16 KB, as above
  const jsonCode = (a: RawAnswer | undefined) => [a?.status, a && JSON.parse(a.body).error.code];

  it('a request line sent in two pieces ("GET /ext/re", then "st/…" over 16 KB): API030’s root, 200, too long (was JSON 431: only the second piece was read)', async () => {
    const answers = await rawPieces(t.base, [B('GET /ext/re'), B(`st/trrtQry/retrieveTrrt${longQuery} HTTP/1.1\r\n${host()}\r\n`)]);
    expect(answers).toHaveLength(1);
    expectXml(answers[0]!, 200, 'trrtQryRtnVo', NOTICE.requestTooLarge);
    // /api in pieces: JSON as before
    expect(jsonCode((await rawPieces(t.base, [B('GET /api/v1/esti'), B(`mate${longQuery} HTTP/1.1\r\n${host()}\r\n`)]))[0])).toEqual([431, 'HEADERS_TOO_LARGE']);
  });

  it('the request line in one piece, a malformed header in the next: API030’s root, 200, malformed (was JSON 400)', async () => {
    const answers = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}`), B('Bad Header: x\r\n\r\n')]);
    expectXml(answers.at(-1)!, 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
  });

  it('kept alive: after a good request to /api, a request to API030 sent in pieces with a header over 16 KB: XML (was JSON 431)', async () => {
    const answers = await rawPieces(t.base, [
      B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\n`),
      AWAIT_ANSWER,
      B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}`),
      B(`X-Long: ${'a'.repeat(20_000)}\r\n\r\n`),
    ]);
    expect(answers).toHaveLength(2);
    expect([answers[0]!.status, answers[0]!.headers.connection]).toEqual([404, 'keep-alive']);
    expectXml(answers[1]!, 200, 'trrtQryRtnVo', NOTICE.requestTooLarge);
  });

  it('kept alive, both requests in one packet: the refused one is the second, whatever the first asked (was read from the first request line)', async () => {
    // /api then API030 with a malformed header: XML (was JSON), after the first one's answer (answers in request order: unipass-connection-edges.test.ts)
    const toUnipass = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)]);
    expectXml(toUnipass.at(-1)!, 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
    // API030 then /api with a malformed header: JSON (was XML)
    const toApi = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}\r\nGET /api/v1/nothing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)]);
    expect(jsonCode(toApi.at(-1))).toEqual([400, 'MALFORMED_REQUEST']);
  });
});

describe('another method than GET with a body the platform’s parsers refuse (read before the not-found answer)', () => {
  const post = (target: string, contentType: string, body: string) => fetch(`${t.base}${target}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const xmlOf = async (r: Response) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.text() });

  it('POST to API030 with a malformed JSON body, a text/plain body or a JSON body over 1 MB: its root, 200, GET only or body too large (was JSON 400 MALFORMED_JSON, 415, 413)', async () => {
    for (const [type, body] of [['application/json', '{bad'], ['text/plain', 'hsSgn=6109101000']]) {
      expect(await xmlOf(await post(`${API030}?crkyCn=x`, type!, body!))).toEqual({ status: 200, type: 'application/xml;charset=UTF-8', body: errorForm('trrtQryRtnVo', NOTICE.getOnly) });
    }
    const big = await post(`${API030}?crkyCn=x`, 'application/json', `"${'a'.repeat(1_100_000)}"`);
    expect([big.headers.get('connection'), await xmlOf(big)]).toEqual(['close', { status: 200, type: 'application/xml;charset=UTF-8', body: errorForm('trrtQryRtnVo', NOTICE.bodyTooLarge) }]);
    // a path not served: unipassRtnVo with the platform's status; /api keeps JSON
    expect(await xmlOf(await post('/ext/rest/unknownQry/retrieveUnknown', 'application/json', '{bad'))).toEqual({ status: 404, type: 'application/xml;charset=UTF-8', body: errorForm('unipassRtnVo', NOTICE.unknownApi) });
    const api = await post('/api/v1/nothing', 'application/json', '{bad');
    expect([api.status, (await api.json()).error.code]).toEqual([400, 'MALFORMED_JSON']);
  });
});

describe('a body announced too large (Expect: 100-continue, over the 64 MB any route takes)', () => {
  const ask = (target: string) =>
    rawRequest(t.base, Buffer.from(`POST ${target} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\nExpect: 100-continue`));

  it('to API030: its root, 200, the body-too-large notice, no 100 Continue (was JSON 413); a path not served: unipassRtnVo, 413; /api keeps JSON', async () => {
    const served = await ask(`${API030}?crkyCn=x`);
    expectXml(served, 200, 'trrtQryRtnVo', NOTICE.bodyTooLarge);
    expect(served.headers.connection).toBe('close');
    expectXml(await ask('/ext/rest/unknownQry/retrieveUnknown'), 413, 'unipassRtnVo', NOTICE.bodyTooLarge);
    const api = await ask('/api/v1/declarations');
    expect([api.status, JSON.parse(api.body).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});

describe('a refused request after another request or a body in the same chunk, its head continued in a later chunk (request-head.ts)', () => {
  const B = (text: string) => Buffer.from(text, 'latin1');
  const host = () => `Host: ${new URL(t.base).host}\r\n`;
  const jsonCode = (a: RawAnswer | undefined) => [a?.status, a && JSON.parse(a.body).error.code];

  it('pipelined, cut inside the second request line ("…\\r\\n\\r\\nGET /ext/re", then "st/…" with a malformed header): API030’s root, 200 (was JSON 400: the head begun after the first request was not kept)', async () => {
    const answers = await rawPieces(t.base, [
      B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET /ext/re`),
      B(`st/trrtQry/retrieveTrrt?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`),
    ]);
    expectXml(answers.at(-1)!, 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
    // the same to /api: JSON
    const api = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}\r\nGET /api/v1/no`), B(`thing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)]);
    expect(jsonCode(api.at(-1))).toEqual([400, 'MALFORMED_REQUEST']);
  });

  it('after a Content-Length body in the same chunk, the body holding a blank line ("{\\r\\n\\r\\n}", 6 bytes): API030’s root, 200 (was JSON: read from after the body’s blank line, "}GET /ext/rest/…")', async () => {
    // Content-Length 6 = '{' (1) + CR LF CR LF (4) + '}' (1); API030's request line follows the '}' directly. The bodies here are
    // application/octet-stream, which the not-found route leaves unread (404, kept alive): a text/plain one is refused 415 and the
    // connection closed, and the refusal after it, answered in request order, is then not written at all.
    const answers = await rawPieces(t.base, [
      B(`POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/octet-stream\r\nContent-Length: 6\r\n\r\n{\r\n\r\n}GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`),
    ]);
    expectXml(answers.at(-1)!, 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
    // the same after a chunked body (one chunk of 6 bytes, the same '{' CR LF CR LF '}', then the last chunk) in front of it: its framing walked
    const chunked = await rawPieces(t.base, [
      B(
        `POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\r\n\r\n}\r\n0\r\n\r\n` +
          `POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/json\r\nContent-Length: 6\r\n\r\n{\r\n\r\n}GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`,
      ),
    ]);
    expectXml(chunked.at(-1)!, 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
  });

  it('a body that reads like a request to /ext/rest, then a malformed request to /api: JSON (was XML, read from the body)', async () => {
    // CR LF CR LF (4) + 'GET ' (4) + API030 (30) + '?crkyCn=x' (9) + ' HTTP/1.1' (9) + CR LF (2) = 58 bytes
    const body = `\r\n\r\nGET ${API030}?crkyCn=x HTTP/1.1\r\n`;
    expect(Buffer.byteLength(body)).toBe(58);
    const answers = await rawPieces(t.base, [
      B(`POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/octet-stream\r\nContent-Length: 58\r\n\r\n${body}GET /api/v1/nothing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`),
    ]);
    expect(jsonCode(answers.at(-1))).toEqual([400, 'MALFORMED_REQUEST']);
  });

  it('a Content-Length body over two chunks (3 bytes, then the other 7 and a request): the request after it is read where the body ends', async () => {
    // Content-Length 10 = '{"a' (3) in the first chunk + '":' (2), CR LF CR LF (4), '}' (1) in the second; API030's request line right after (was JSON: read from "}GET")
    const answers = await rawPieces(t.base, [
      B(`POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/octet-stream\r\nContent-Length: 10\r\n\r\n{"a`),
      B(`":\r\n\r\n}GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`),
    ]);
    expectXml(answers.at(-1)!, 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
  });
});

describe('the JSON answer to a request Node refused outside /ext/rest', () => {
  it('carries the security headers of every other answer (was without them) and its machine-readable code', async () => {
    const normal = await fetch(`${t.base}/api/v1/nothing`);
    await normal.arrayBuffer();
    const refused = await send('GET', '/api/v1/esti mate');
    expect([refused.status, JSON.parse(refused.body).error.code]).toEqual([400, 'MALFORMED_REQUEST']);
    const names = ['x-content-type-options', 'referrer-policy', 'x-frame-options', 'content-security-policy'];
    for (const name of names) expect(normal.headers.get(name), name).toBeTruthy();
    expect(Object.fromEntries(names.map((n) => [n, refused.headers[n]]))).toEqual(Object.fromEntries(names.map((n) => [n, normal.headers.get(n)])));
  });
});

describe('a request that does not arrive in time (Node’s headersTimeout: 408)', () => {
  // A platform of its own whose server gives a head 300 ms and looks every 50 ms (Node's defaults: 60 s, every 30 s).
  let slow: Platform;
  let db: TestDatabase;
  let base = '';
  beforeAll(async () => {
    db = await startTestDatabase();
    slow = await createPlatform(testConfig(), { db, files: await referenceFiles(), listen: false });
    const server = slow.app.server as Server & { connectionsCheckingInterval: number };
    server.headersTimeout = 300;
    server.connectionsCheckingInterval = 50; // read when the server starts listening
    base = await slow.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await slow?.close();
    await db?.close();
  });
  const B = (text: string) => Buffer.from(text, 'latin1');
  const host = () => `Host: ${new URL(base).host}\r\n`;

  it('a head to API030 left open: its root, 200, the timeout notice (was JSON 408 REQUEST_TIMEOUT)', async () => {
    const [answer, ...more] = await rawPieces(base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}`)]);
    expect(more).toEqual([]);
    expectXml(answer!, 200, 'trrtQryRtnVo', NOTICE.requestTimeout);
  });

  it('a request line cut short under /ext/rest, on a path no API serves: unipassRtnVo, 408', async () => {
    const [answer] = await rawPieces(base, [B('GET /ext/rest/unknownQry/retrieveUnknown?crkyCn=x HTTP/1.')]);
    expectXml(answer!, 408, 'unipassRtnVo', NOTICE.requestTimeout);
  });

  it('kept alive, after an answered request, a second head to API030 left open in the same chunk: XML', async () => {
    const answers = await rawPieces(base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET ${API030}?crkyCn=x HTTP/1.1\r\n`)]);
    expect(answers.map((a) => a.status)).toEqual([404, 200]);
    expectXml(answers[1]!, 200, 'trrtQryRtnVo', NOTICE.requestTimeout);
  });

  it('to /api: JSON 408 REQUEST_TIMEOUT, with the security headers', async () => {
    const [answer] = await rawPieces(base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}`)]);
    expect([answer!.status, JSON.parse(answer!.body).error.code, answer!.headers['x-content-type-options']]).toEqual([408, 'REQUEST_TIMEOUT', 'nosniff']);
  });

  it('a HEAD to /api left open: 408 and its headers, no body (was the JSON body: HEAD was read from the chunk Node hands with the error, which a timeout has none of)', async () => {
    const [answer] = await rawPieces(base, [B(`HEAD /api/v1/nothing HTTP/1.1\r\n${host()}`)]);
    expect([answer!.status, answer!.headers['content-type'], answer!.body]).toEqual([408, 'application/json; charset=utf-8', '']);
  });
});
