import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVapidKeys, nonPublicPushHostOf, webPushSender } from './web-push-sender.ts';

describe('Web Push endpoints (server-side request forgery)', () => {
  it('names an endpoint on localhost or a non-public address, read by the WHATWG and the legacy URL parser alike', () => {
    expect(nonPublicPushHostOf('https://127.0.0.1:5432/x')).toBe('127.0.0.1');
    expect(nonPublicPushHostOf('http://169.254.169.254/latest/meta-data/')).toBe('169.254.169.254');
    expect(nonPublicPushHostOf('https://[::1]/x')).toBe('::1');
    expect(nonPublicPushHostOf('https://localhost/x')).toBe('localhost');
    expect(nonPublicPushHostOf('https://10.0.0.7/x')).toBe('10.0.0.7');
    // Short and numeric spellings of 127.0.0.1: the WHATWG parser writes the address (Node's legacy url.parse, which web-push uses, keeps the spelling: checked by the lookup when sending).
    expect(nonPublicPushHostOf('https://2130706433/x')).toBe('127.0.0.1');
    expect(nonPublicPushHostOf('https://127.1/x')).toBe('127.0.0.1');
    expect(nonPublicPushHostOf('https://[::ffff:127.0.0.1]/x')).toBe('::ffff:127.0.0.1');
    expect(nonPublicPushHostOf('https://fcm.googleapis.com/fcm/send/abc')).toBeNull();
    expect(nonPublicPushHostOf('https://updates.push.services.mozilla.com/wpush/v2/x')).toBeNull();
  });

  describe('send', () => {
    let server: net.Server;
    let port = 0;
    let connections = 0;
    beforeAll(async () => {
      server = net.createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));
    const subscription = (endpoint: string) => ({ endpoint, p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' });

    it('does not connect to a non-public address, by address or by a name resolving to one, unless allowed', async () => {
      const keys = generateVapidKeys();
      const strict = webPushSender({ keys, subject: 'mailto:t@example.com' });
      expect(await strict.send(subscription(`https://127.0.0.1:${port}/push`), { title: 't' })).toBe('failed');
      expect(await strict.send(subscription(`https://localhost:${port}/push`), { title: 't' })).toBe('failed');
      expect(await strict.send(subscription(`https://2130706433:${port}/push`), { title: 't' })).toBe('failed'); // web-push reads the host as the name "2130706433", resolved to 127.0.0.1
      expect(connections).toBe(0); // nothing reached the listener
      const open = webPushSender({ keys, subject: 'mailto:t@example.com', allowPrivate: true });
      expect(await open.send(subscription(`https://127.0.0.1:${port}/push`), { title: 't' })).toBe('failed'); // not a push service: the TLS handshake fails
      expect(connections).toBe(1); // but it was reached
    });
  });
});
