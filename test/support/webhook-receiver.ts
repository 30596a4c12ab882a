import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook delivery as the receiver got it: the path it was posted to, its JSON body, the raw text and its signature header (to verify). */
export interface ReceivedWebhook {
  path: string;
  body: any;
  raw: string;
  signature: string;
}

/** A local HTTP server that keeps every JSON body posted to it and answers 204, for the webhooks' tests. */
export async function startWebhookReceiver(): Promise<{ base: string; received: ReceivedWebhook[]; close: () => Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body), raw: body, signature: String(req.headers['tonggwan-signature']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
