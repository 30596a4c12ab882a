// A refused HEAD gets no body (RFC 9110 §9.3.2) whatever the configuration: over a real connection to
// an app built without the UNI-PASS API (node:net: fetch neither pipelines nor leaves a head open).
// Whether the refused request is HEAD is read from its own head (request-head.ts), which a timeout
// hands no bytes of and a head cut over chunks only partly: the tracker was installed only with the
// UNI-PASS API on.
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/test-platform.ts';
import { rawPieces } from '../../test/support/raw-http.ts';

let t: TestPlatform;
let app: FastifyInstance;
let base = '';
beforeAll(async () => {
  t = await startTestPlatform();
  app = await buildApp({ ...t.platform.deps, unipass: null });
  // a head given 300 ms, looked at every 50 ms (Node's defaults: 60 s, every 30 s)
  const server = app.server as Server & { connectionsCheckingInterval: number };
  server.headersTimeout = 300;
  server.connectionsCheckingInterval = 50; // read when the server starts listening
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const B = (text: string) => Buffer.from(text, 'latin1');
const host = () => `Host: ${new URL(base).host}\r\n`;

describe('without the UNI-PASS API: a refused HEAD, no body', () => {
  it('a HEAD to /api left open: 408 and its headers, no body (was the JSON body: no bytes of the request come with a timeout)', async () => {
    const [answer, ...more] = await rawPieces(base, [B(`HEAD /api/v1/nothing HTTP/1.1\r\n${host()}`)]);
    expect(more).toEqual([]);
    expect([answer!.status, answer!.headers['content-type'], answer!.body]).toEqual([408, 'application/json; charset=utf-8', '']);
  });

  it('a GET left open: 408 with its JSON body (pinned)', async () => {
    const [answer] = await rawPieces(base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}`)]);
    expect([answer!.status, JSON.parse(answer!.body).error.code]).toEqual([408, 'REQUEST_TIMEOUT']);
  });

  it('the head of a malformed HEAD cut over two chunks, behind a GET: the 404 with its body, then the 400 without one (was the JSON body: the second chunk begins mid-line)', async () => {
    const answers = await rawPieces(base, [B(`GET /api/v1/nothing HTTP/1.1\r\n${host()}\r\nHEA`), B(`D /api/v1/nothing HTTP/1.1\r\n${host()}Bad Header: x\r\n\r\n`)]);
    expect(answers.map((a) => [a.status, a.body === ''])).toEqual([
      [404, false],
      [400, true],
    ]);
  });
});
