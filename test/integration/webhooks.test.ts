// Webhooks: signed deliveries to a local receiver, retries with backoff after failures,
// the delivery log, and replay.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/adapters/webhooks/signature.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}

let t: TestPlatform;
let receiver: http.Server;
let url: string;
const received: Received[] = [];
let failuresLeft = 0;

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end('try later');
        return;
      }
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  t = await startTestPlatform({ webhookBackoffBaseMs: 20, webhookMaxAttempts: 6, webhookPollMs: 20 });
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => receiver.close(r));
});

describe('webhooks', () => {
  it('delivers signed status events, retries failures with backoff, logs attempts and replays on request', async () => {
    const op = await t.operator('HOOKED');
    const reg = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url } });
    expect(reg.status).toBe(201);
    const secret = reg.body.secret as string;
    expect(secret).toMatch(/^whsec_/);

    failuresLeft = 2; // the first two attempts fail (503)
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('WH-1')] } });
    const declarationId = r.body.results[0].declarationId;
    const got = await until(() => received.find((x) => JSON.parse(x.body).declaration.id === declarationId), 'the delivery');
    const payload = JSON.parse(got.body);
    expect(payload).toMatchObject({ type: 'declaration.event', eventType: 'SUBMITTED', nameKo: '신고접수', status: 'declared', declaration: { ref: 'WH-1' } });
    const sig = String(got.headers['tonggwan-signature']);
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, got.body, sig, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', got.body, sig, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifyWebhookSignature(secret, got.body.replace('WH-1', 'WH-2'), sig, Math.floor(Date.now() / 1000))).toBe(false);
    expect(got.headers['tonggwan-delivery-attempt']).toBe('3');

    const log = await until(async () => {
      const l = await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key });
      const d = l.body.deliveries[0];
      return d?.status === 'delivered' ? d : undefined;
    }, 'the delivery log');
    expect(log.attempts).toBe(3);
    expect(log.log.map((x: { responseStatus: number }) => x.responseStatus)).toEqual([503, 503, 204]);

    // another operator cannot read or replay it
    const other = await t.operator('OTHER');
    expect((await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: other.key })).status).toBe(404);
    expect((await api(t.base, 'POST', `/api/v1/webhooks/deliveries/${log.outboxId}/replay`, { token: other.key })).status).toBe(404);

    const before = received.length;
    expect((await api(t.base, 'POST', `/api/v1/webhooks/deliveries/${log.outboxId}/replay`, { token: op.key })).status).toBe(202);
    const again = await until(() => (received.length > before ? received[received.length - 1] : undefined), 'the replay');
    expect(JSON.parse(again.body).id).toBe(payload.id); // same event id: receivers de-duplicate on it

    // later lifecycle events are delivered too (at least once)
    await api(t.base, 'POST', `/api/v1/declarations/${declarationId}/withdraw`, { token: op.key, body: { reason: '주문 취소' } });
    const withdrawn = await until(() => received.find((x) => JSON.parse(x.body).eventType === 'WITHDRAWN'), 'the withdrawal event');
    expect(JSON.parse(withdrawn.body)).toMatchObject({ status: 'withdrawn', reason: '주문 취소' });
  });

  it('gives up after the maximum attempts (dead) and a replay sends it again', async () => {
    const op = await t.operator('DEAD');
    const reg = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url: 'http://127.0.0.1:9/unreachable' } });
    await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('WH-DEAD')] } });
    const dead = await until(async () => {
      const l = await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key });
      const d = l.body.deliveries[0];
      return d?.status === 'dead' ? d : undefined;
    }, 'the delivery to be given up');
    expect(dead.attempts).toBe(6);
    expect(dead.lastError).toBeTruthy();
    await api(t.base, 'POST', `/api/v1/webhooks/deliveries/${dead.outboxId}/replay`, { token: op.key });
    const retried = await until(async () => {
      const l = await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key });
      const d = l.body.deliveries[0];
      return d.attempts > 6 ? d : undefined;
    }, 'the replayed attempt');
    expect(retried.log.length).toBeGreaterThan(6);
  });
});
