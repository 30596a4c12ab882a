// The HTTP edge cases of a connection that the refusals of unipass-refused-requests.test.ts did not
// cover, over a real connection to the running platform (node:net: fetch always sends Host and never
// pipelines): a request without Host, a chunked body arriving over several TCP chunks in front of a
// refused request, and the order of the answers when a refused request follows others in one chunk.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/test-platform.ts';
import { parseAnswers, rawPieces, type RawAnswer } from '../../../test/support/raw-http.ts';
import { NOTICE } from './messages.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const API030 = '/ext/rest/trrtQry/retrieveTrrt';
const B = (text: string) => Buffer.from(text, 'latin1');
const host = () => `Host: ${new URL(t.base).host}\r\n`;
const errorForm = (root: string, notice: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${root}><ntceInfo>${notice}</ntceInfo><tCnt>-1</tCnt></${root}>`;
const jsonCode = (a: RawAnswer | undefined) => [a?.status, a && JSON.parse(a.body).error.code];
/** The UNI-PASS error form, whole as announced, with the headers of every UNI-PASS answer. */
function expectXml(a: RawAnswer | undefined, status: number, root: string, notice: string): void {
  expect(a?.status).toBe(status);
  expect(a?.headers['content-type']).toBe('application/xml;charset=UTF-8');
  expect(a?.headers['cache-control']).toBe('no-store');
  expect(a?.headers['x-content-type-options']).toBe('nosniff');
  expect(a?.body).toBe(errorForm(root, notice));
  expect(Buffer.byteLength(a?.body ?? '')).toBe(Number(a?.headers['content-length']));
}

describe('an HTTP/1.1 request without Host (RFC 9112 §3.2: 400), refused by Node before the app saw it', () => {
  it('to API030: its root, 200, the notice that Host is missing (was Node’s empty 400); a path no API serves: unipassRtnVo, 400', async () => {
    const answers = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n\r\n`)]);
    expect(answers).toHaveLength(1);
    expectXml(answers[0], 200, 'trrtQryRtnVo', NOTICE.hostRequired);
    expect(answers[0]!.headers.connection).toBe('close');
    expectXml((await rawPieces(t.base, [B('GET /ext/rest/unknownQry/retrieveUnknown?crkyCn=x HTTP/1.1\r\n\r\n')]))[0], 400, 'unipassRtnVo', NOTICE.hostRequired);
  });

  it('to /api: JSON 400 HOST_REQUIRED in Korean and English, with the security headers of every answer (was an empty 400 without them)', async () => {
    const [answer, ...more] = await rawPieces(t.base, [B('GET /api/v1/nothing HTTP/1.1\r\n\r\n')]);
    expect(more).toEqual([]);
    const body = JSON.parse(answer!.body);
    expect([answer!.status, body.error.code, answer!.headers.connection]).toEqual([400, 'HOST_REQUIRED', 'close']);
    expect(body.error.ko).toMatch(/Host/);
    expect(body.error.en).toMatch(/Host/);
    for (const name of ['x-content-type-options', 'referrer-policy', 'x-frame-options', 'content-security-policy']) expect(answer!.headers[name], name).toBeTruthy();
  });

  it('HEAD without Host: the same status and headers, no body', async () => {
    const [answer] = await rawPieces(t.base, [B(`HEAD ${API030}?crkyCn=x HTTP/1.1\r\n\r\n`)]);
    expect([answer!.status, answer!.headers['content-type'], answer!.body]).toEqual([200, 'application/xml;charset=UTF-8', '']);
  });

  it('kept alive after an answered request, the next one without Host: the first answered, then the refusal', async () => {
    const answers = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET /api/v1/nothing HTTP/1.1\r\n\r\n`)]);
    expect(answers.map((a) => [a.status, JSON.parse(a.body).error.code])).toEqual([
      [404, 'ROUTE_NOT_FOUND'],
      [400, 'HOST_REQUIRED'],
    ]);
  });

  it('HTTP/1.0 needs no Host: answered as any request (pinned)', async () => {
    const [answer] = await rawPieces(t.base, [B('GET /api/v1/nothing HTTP/1.0\r\n\r\n')]);
    expect(jsonCode(answer)).toEqual([404, 'ROUTE_NOT_FOUND']);
    const [xml] = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.0\r\n\r\n`)]);
    expect(xml!.body).toBe(errorForm('trrtQryRtnVo', NOTICE.invalidKey));
  });
});

describe('a chunked body over several TCP chunks, then a refused request (request-head.ts follows its framing)', () => {
  const chunkedHead = () => `POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
  // a Content-Length body whose last bytes are not a blank line: '{' (1) + CR LF CR LF (4) + '}' (1) = 6
  const lengthRequest = () => `POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/octet-stream\r\nContent-Length: 6\r\n\r\n{\r\n\r\n}`;
  const badTo = (target: string) => `GET ${target} HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`;

  it('the chunked body ends in the second chunk, a Content-Length body and a malformed request to API030 follow: XML (was JSON 400: read from "}GET …", after the last blank line)', async () => {
    // chunk 1: the head and '6' CR LF '{' CR LF of the chunk of 6 bytes; chunk 2: the other 3 ('CR LF }'), CR LF, the last chunk (0 CR LF CR LF), the rest
    const answers = await rawPieces(t.base, [B(`${chunkedHead()}6\r\n{\r\n`), B(`\r\n}\r\n0\r\n\r\n${lengthRequest()}${badTo(`${API030}?crkyCn=x`)}`)]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 200]);
    expectXml(answers[2], 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
  });

  it('the same whose refused head is cut and ends in a third chunk ("…}GET /ext/re", then "st/…"): XML (was JSON 400)', async () => {
    const answers = await rawPieces(t.base, [B(`${chunkedHead()}6\r\n{\r\n`), B(`\r\n}\r\n0\r\n\r\n${lengthRequest()}GET /ext/re`), B(`st/trrtQry/retrieveTrrt?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)]);
    expectXml(answers.at(-1), 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
  });

  it('framing cut everywhere (a size line, the data, the CR LF after it, the last chunk and its blank line), then a body that reads like a request to /ext/rest and a malformed request to /api: JSON (was XML, read from the body)', async () => {
    // chunk sizes in hex: 'a' = 10 bytes, '{"a":"b"}' (9) + LF (1)
    const body = `\r\n\r\nGET ${API030}?crkyCn=x HTTP/1.1\r\n`; // 58 bytes, as in unipass-refused-requests.test.ts
    expect(Buffer.byteLength(body)).toBe(58);
    const answers = await rawPieces(t.base, [
      B(`${chunkedHead()}`),
      B('a'),
      B(';ext=1\r\n{"a":'),
      B('"b"}\n\r'),
      B('\n0\r\n'),
      B('\r'),
      B(`\nPOST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/octet-stream\r\nContent-Length: 58\r\n\r\n${body}${badTo('/api/v1/nothing')}`),
    ]);
    expect(jsonCode(answers.at(-1))).toEqual([400, 'MALFORMED_REQUEST']);
  });

  it('a chunked body with a trailer field, over three chunks, then a malformed request to API030: XML (was JSON 400)', async () => {
    const answers = await rawPieces(t.base, [B(`${chunkedHead()}2\r\n{}\r\n`), B('0\r\nX-Trailer: 1'), B(`\r\n\r\n${lengthRequest()}${badTo(`${API030}?crkyCn=x`)}`)]);
    expectXml(answers.at(-1), 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
  });
});

describe('answers in request order (RFC 9112 §9.3.2): a refusal waits for the answers of the requests before it', () => {
  it('/api then a malformed request to API030 in one chunk: the 404, then the XML (pinned: the not-found answer is written while Node still parses the chunk, before the refusal; the cases below are not)', async () => {
    const answers = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)]);
    expect(answers).toHaveLength(2);
    expect(jsonCode(answers[0])).toEqual([404, 'ROUTE_NOT_FOUND']);
    expectXml(answers[1], 200, 'trrtQryRtnVo', NOTICE.malformedRequest);
  });

  it('two answered requests (API030, whose key is looked up, and /api) then a malformed one to /api: both answers, then the JSON 400 (was the 400 alone: written ahead of them, the connection closed and their answers lost)', async () => {
    const answers = await rawPieces(t.base, [
      B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}\r\nGET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET /api/v1/nothing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 400]);
    expect(answers[0]!.body).toBe(errorForm('trrtQryRtnVo', NOTICE.invalidKey));
    expect(jsonCode(answers[2])).toEqual([400, 'MALFORMED_REQUEST']);
  });

  it('an earlier answer that ends the connection (415 to a text/plain body: Fastify closes after a body it refused): it is the last answer, the malformed request after it gets none (was the XML alone, the 415 lost)', async () => {
    const answers = await rawPieces(t.base, [
      B(`POST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`),
    ]);
    expect(answers.map((a) => [a.status, a.headers.connection])).toEqual([[415, 'close']]);
  });

  it('an answered request, then a request whose chunked body is malformed (its own refusal): the 404, then the 400 (pinned)', async () => {
    const answers = await rawPieces(t.base, [
      B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nPOST /api/v1/nothing HTTP/1.1\r\n${host()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`),
    ]);
    expect(answers.map((a) => [a.status, JSON.parse(a.body).error.code])).toEqual([
      [404, 'ROUTE_NOT_FOUND'],
      [400, 'MALFORMED_REQUEST'],
    ]);
  });
});

/** `bytes` written on one connection at once (one chunk); everything the server sent, read to the connection's end. */
function rawAll(bytes: Buffer): Promise<Buffer> {
  const { hostname, port } = new URL(t.base);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

describe('more than one Host, or a Host whose value is not host[:port] (RFC 9112 §3.2: 400, as a missing one)', () => {
  // Node keeps the first Host in request.headers and drops the others (rawHeaders has them all); it lets an empty
  // value or one with spaces or non-ASCII through. RFC 9110 §7.2: Host = uri-host [ ":" port ]; an origin-form
  // target has no authority of its own, so the Host is the authority, and an "http" URI with an empty host is
  // invalid (RFC 9110 §4.2.1): an empty Host is refused too. Each request asks Connection: close, so one answered
  // (before the fix, or a valid Host) ends its connection as a refused one does.
  const good = () => new URL(t.base).host;

  it('two Host lines (even equal) to /api: JSON 400 HOST_INVALID in Korean and English, the security headers, the connection closed (was answered: 404)', async () => {
    for (const twice of [`Host: ${good()}\r\nHost: ${good()}\r\n`, `Host: ${good()}\r\nhOsT: other.example\r\n`]) {
      const [answer, ...more] = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${twice}Connection: close\r\n\r\n`)]);
      expect(more).toEqual([]);
      const body = JSON.parse(answer!.body);
      expect([answer!.status, body.error.code, answer!.headers.connection]).toEqual([400, 'HOST_INVALID', 'close']);
      expect(body.error.ko).toMatch(/Host/);
      expect(body.error.en).toMatch(/Host/);
      for (const name of ['x-content-type-options', 'referrer-policy', 'x-frame-options', 'content-security-policy']) expect(answer!.headers[name], name).toBeTruthy();
    }
  });

  it('two Host lines to API030: its root, 200, the notice; a path no API serves: unipassRtnVo, 400 (was the invalid-key notice, and the 404 notice)', async () => {
    const [answer] = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\n${host()}${host()}Connection: close\r\n\r\n`)]);
    expectXml(answer, 200, 'trrtQryRtnVo', NOTICE.hostInvalid);
    expect(answer!.headers.connection).toBe('close');
    expectXml((await rawPieces(t.base, [B(`GET /ext/rest/unknownQry/retrieveUnknown?crkyCn=x HTTP/1.1\r\n${host()}${host()}Connection: close\r\n\r\n`)]))[0], 400, 'unipassRtnVo', NOTICE.hostInvalid);
  });

  it('an empty Host, or a value that is not host[:port]: 400 HOST_INVALID under /api, the notice under API030', async () => {
    const invalid = ['', 'a b', 'exa\tmple.com', '한국.kr', 'host:80:81', 'host:8o', '[::1', '[::1]x', ':8080', 'user@host', 'host/path', 'ho%2', 'ho%zz', 'host:65536', '127.0.0.1:99999'];
    for (const value of invalid) {
      const [api] = await rawPieces(t.base, [Buffer.from(`GET /api/v1/nothing HTTP/1.1\r\nHost: ${value}\r\nConnection: close\r\n\r\n`, 'utf8')]);
      expect(jsonCode(api), JSON.stringify(value)).toEqual([400, 'HOST_INVALID']);
    }
    const [xml] = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n`)]);
    expectXml(xml, 200, 'trrtQryRtnVo', NOTICE.hostInvalid);
    // a port past 65535 (RFC 3986 §3.2.3: 16 bits): the notice under API030, unipassRtnVo 400 on a path no API serves
    const [port] = await rawPieces(t.base, [B(`GET ${API030}?crkyCn=x HTTP/1.1\r\nHost: 127.0.0.1:65536\r\nConnection: close\r\n\r\n`)]);
    expectXml(port, 200, 'trrtQryRtnVo', NOTICE.hostInvalid);
    expectXml((await rawPieces(t.base, [B('GET /ext/rest/unknownQry/retrieveUnknown?crkyCn=x HTTP/1.1\r\nHost: localhost:70000\r\nConnection: close\r\n\r\n')]))[0], 400, 'unipassRtnVo', NOTICE.hostInvalid);
  });

  it('valid values are answered as before (pinned): a name, an IPv4 or IPv6 literal, a port or an empty one, sub-delims and escapes of a reg-name', async () => {
    const valid = ['localhost', good(), '127.0.0.1', '[::1]:8080', '[v1.fe80::a+en1]', 'example.com:', 'xn--3e0b707e.kr', 'a_b~c!$&\'()*+,;=d', 'ex%41mple.com', 'localhost:65535', 'localhost:0'];
    for (const value of valid) {
      const [api] = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.1\r\nHost: ${value}\r\nConnection: close\r\n\r\n`)]);
      expect(jsonCode(api), value).toEqual([404, 'ROUTE_NOT_FOUND']);
    }
  });

  it('HTTP/1.0 needs no Host, but one with two is refused ("any request message"): 400', async () => {
    const [answer] = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.0\r\n${host()}${host()}\r\n`)]);
    expect(jsonCode(answer)).toEqual([400, 'HOST_INVALID']);
  });

  it('HEAD with two Host lines: the status and headers, no body', async () => {
    const all = await rawAll(B(`HEAD /api/v1/nothing HTTP/1.1\r\n${host()}${host()}Connection: close\r\n\r\n`));
    const answers = parseAnswers(all, 1);
    expect(answers.map((a) => [a.status, a.headers['content-type'], a.body])).toEqual([[400, 'application/json; charset=utf-8', '']]);
    expect(all.subarray(all.indexOf('\r\n\r\n') + 4).length).toBe(0);
  });

  it('kept alive, an answered request then one with two Host lines in the same chunk: the 404, then the 400', async () => {
    const answers = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET /api/v1/nothing HTTP/1.1\r\n${host()}${host()}Connection: close\r\n\r\n`)]);
    expect(answers.map(jsonCode)).toEqual([
      [404, 'ROUTE_NOT_FOUND'],
      [400, 'HOST_INVALID'],
    ]);
  });
});

describe('a refused HEAD pipelined behind another request in one chunk: no body (RFC 9110 §9.3.2), judged by the refused request, not the chunk’s first', () => {
  it('GET then a malformed HEAD to /api: the 404 with its body, then the 400 without one (was the JSON body after it)', async () => {
    const all = await rawAll(B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nHEAD /api/v1/nothing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`));
    const answers = parseAnswers(all);
    expect(answers.map((a) => a.status)).toEqual([404, 400]);
    expect(JSON.parse(answers[0]!.body).error.code).toBe('ROUTE_NOT_FOUND');
    // the refusal's head ends the bytes: nothing after its blank line
    const last = all.lastIndexOf('HTTP/1.1 400');
    expect(all.indexOf('\r\n\r\n', last) + 4).toBe(all.length);
  });

  it('HEAD then a malformed GET to /api: the 404 without a body, then the 400 with its JSON (was none: read as HEAD from the chunk’s start)', async () => {
    const answers = parseAnswers(await rawAll(B(`HEAD /api/v1/nothing HTTP/1.1\r\n${host()}\r\nGET /api/v1/nothing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)), 1);
    expect(answers.map((a) => a.status)).toEqual([404, 400]);
    expect(answers[0]!.body).toBe('');
    expect(JSON.parse(answers[1]!.body).error.code).toBe('MALFORMED_REQUEST');
    expect(Buffer.byteLength(answers[1]!.body)).toBe(Number(answers[1]!.headers['content-length']));
  });

  it('the head of the malformed HEAD cut over two chunks, behind a GET: no body', async () => {
    const answers = await rawPieces(t.base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nHEA`), B(`D /api/v1/nothing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)]);
    expect(answers.map((a) => [a.status, a.body === ''])).toEqual([
      [404, false],
      [400, true],
    ]);
  });
});
