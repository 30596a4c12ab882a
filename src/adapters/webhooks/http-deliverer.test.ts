// What the delivery log says of an attempt (GET /api/v1/webhooks/:id/deliveries, `error`): an operator reads it to fix its receiver.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook } from './http-deliverer.ts';

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

const listen = async (handler: http.RequestListener): Promise<string> => {
  server = http.createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
};
const send = (url: string, timeoutMs?: number) =>
  postWebhook({ url, secret: 'whsec_x', body: '{"id":"evt_1"}', eventId: 'evt_1', deliveryId: 1, attempt: 1, now: new Date(), allowPrivate: true, ...(timeoutMs ? { timeoutMs } : {}) });

describe('postWebhook', () => {
  it('says a receiver that did not answer in time timed out, and after how long (it said "The operation was aborted")', async () => {
    const url = await listen(() => {
      /* never answers */
    });
    const r = await send(url, 300);
    expect(r.status).toBeNull();
    expect(r.error).toBe('timed out: no answer within 0.3 s');
  });

  it('names the status of a refusal, and none for a 2xx', async () => {
    const down = await listen((_req, res) => res.writeHead(503).end());
    expect(await send(down)).toMatchObject({ status: 503, error: 'HTTP 503' });
    server!.close();
    const up = await listen((_req, res) => res.writeHead(204).end());
    expect(await send(up)).toMatchObject({ status: 204, error: null });
  });
});
