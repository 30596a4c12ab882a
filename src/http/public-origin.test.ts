// The origin of links handed out: PUBLIC_URL, else a loopback Host only (public-origin.ts).
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loopbackHostOf, publicOriginOf } from './public-origin.ts';

const request = (host: string | undefined, localPort?: number) =>
  ({ headers: host === undefined ? {} : { host }, protocol: 'http', socket: { localPort } }) as unknown as FastifyRequest;

describe('loopbackHostOf', () => {
  it('accepts localhost, *.localhost, 127.0.0.0/8 and [::1], with or without a port', () => {
    expect(loopbackHostOf('localhost:3000')).toBe('localhost:3000');
    expect(loopbackHostOf('LocalHost')).toBe('localhost');
    expect(loopbackHostOf('portal.localhost:5173')).toBe('portal.localhost:5173');
    expect(loopbackHostOf('127.0.0.1:3000')).toBe('127.0.0.1:3000');
    expect(loopbackHostOf('127.1.2.3')).toBe('127.1.2.3');
    expect(loopbackHostOf('[::1]:3000')).toBe('[::1]:3000');
  });

  it('refuses any other host and anything that is not a plain host[:port]', () => {
    for (const h of [
      undefined,
      '',
      'evil.example',
      'localhost.evil.example',
      'evillocalhost',
      '127.0.0.1.evil.example',
      '127.0.0.256',
      '128.0.0.1',
      '0.0.0.0:3000',
      '[::2]',
      '[::ffff:127.0.0.1]',
      'localhost:3000@evil.example',
      'localhost/evil',
      'localhost:99999',
      'localhost evil',
    ]) {
      expect(loopbackHostOf(h), String(h)).toBeNull();
    }
  });
});

describe('publicOriginOf', () => {
  it('prefers PUBLIC_URL (without a trailing slash)', () => {
    expect(publicOriginOf(request('evil.example'), 'https://tonggwan.example/')).toBe('https://tonggwan.example');
  });

  it('keeps a loopback Host, else falls back to http://localhost:<the port the request came in on>', () => {
    expect(publicOriginOf(request('localhost:3000', 3000), null)).toBe('http://localhost:3000');
    expect(publicOriginOf(request('evil.example', 3000), null)).toBe('http://localhost:3000');
    expect(publicOriginOf(request('evil.example:3000'), null)).toBe('http://localhost');
    expect(publicOriginOf(request(undefined, 8080), undefined)).toBe('http://localhost:8080');
  });
});
