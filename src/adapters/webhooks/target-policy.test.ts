import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './http-deliverer.ts';
import { isPublicAddress, nonPublicHostOf } from './target-policy.ts';

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, shared, multicast and reserved addresses, IPv4 and IPv6, and IPv4-mapped IPv6 in either spelling', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:8.8.8.8', '64:ff9b::a00:1', '::7f00:1', '::127.0.0.1', '64:ff9b:1::a00:1', '2002:a00:1::1', '2002:7f00:1::', '100::1'])
      expect(isPublicAddress(ip), ip).toBe(false);
    for (const ip of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '203.0.114.1', '2001:4860:4860::8888']) expect(isPublicAddress(ip), ip).toBe(true);
    expect(isPublicAddress('example.com')).toBe(false); // not an address
  });

  it('names the host of a URL that is localhost or a non-public address; names are left to delivery', () => {
    expect(nonPublicHostOf(new URL('http://127.0.0.1:8080/hook'))).toBe('127.0.0.1');
    expect(nonPublicHostOf(new URL('http://[::1]/hook'))).toBe('::1');
    expect(nonPublicHostOf(new URL('http://[::ffff:127.0.0.1]/hook'))).toBe('::ffff:7f00:1'); // as the URL parser writes it
    expect(nonPublicHostOf(new URL('http://LOCALHOST/hook'))).toBe('localhost');
    expect(nonPublicHostOf(new URL('http://api.localhost/hook'))).toBe('api.localhost');
    expect(nonPublicHostOf(new URL('http://169.254.169.254/latest/meta-data'))).toBe('169.254.169.254');
    expect(nonPublicHostOf(new URL('https://hooks.example.com/tonggwan'))).toBeNull();
    expect(nonPublicHostOf(new URL('https://8.8.8.8/'))).toBeNull();
  });
});

describe('postWebhook', () => {
  let server: http.Server;
  let port = 0;
  let received = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received++;
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const send = (url: string, allowPrivate: boolean) => postWebhook({ url, secret: 'whsec_x', body: '{"id":"evt_1"}', eventId: 'evt_1', deliveryId: 1, attempt: 1, now: new Date(), allowPrivate });

  it('does not connect to a non-public address, by address or by a name resolving to one, unless allowed', async () => {
    const before = received;
    expect(await send(`http://127.0.0.1:${port}/hook`, false)).toMatchObject({ status: null, error: '127.0.0.1 is not a public address (WEBHOOK_ALLOW_PRIVATE)' });
    const byName = await send(`http://localhost:${port}/hook`, false);
    expect(byName.status).toBeNull();
    expect(byName.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address/);
    expect(received).toBe(before); // nothing reached the server
    expect(await send(`http://127.0.0.1:${port}/hook`, true)).toMatchObject({ status: 204, error: null });
    expect(received).toBe(before + 1);
  });
});
