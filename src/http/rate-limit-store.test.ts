// The store as @fastify/rate-limit 11 drives it: one count per route (its method and url) and key,
// the count and ttl making the headers and the 429; and what a failed count does, with and without
// skipOnError (src/http/app.ts sets it: failing open).
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { describe, expect, it } from 'vitest';
import type { RateLimitCounter } from '../app/ports/rate-limit-counter.ts';
import { sharedRateLimitStore } from './rate-limit-store.ts';

/** Counts in memory, as the port promises: a fixed window per route and key. */
function memoryCounter(): RateLimitCounter & { seen: string[] } {
  const counts = new Map<string, number>();
  const seen: string[] = [];
  return {
    seen,
    async hit(route, key, windowMs) {
      seen.push(`${route} | ${key} | ${windowMs}`);
      const count = (counts.get(`${route} ${key}`) ?? 0) + 1;
      counts.set(`${route} ${key}`, count);
      return { count, ttlMs: 42_500 };
    },
    async peek(route, key) {
      return { count: counts.get(`${route} ${key}`) ?? 0, ttlMs: 42_500 };
    },
  };
}

async function appWith(counter: RateLimitCounter, options: { skipOnError?: boolean } = {}) {
  const errors: unknown[] = [];
  const app = Fastify();
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore(counter, (e) => errors.push(e)), ...options });
  app.get('/a', { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => ({ ok: true }));
  app.post('/a', { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => ({ ok: true }));
  return { app, errors };
}

describe('sharedRateLimitStore', () => {
  it('counts per route and key with the window in milliseconds; past max: 429 with Retry-After from the ttl (42.5 s: 43)', async () => {
    const counter = memoryCounter();
    const { app } = await appWith(counter);
    const get = () => app.inject({ method: 'GET', url: '/a', remoteAddress: '198.51.100.1' });
    expect([(await get()).statusCode, (await get()).statusCode]).toEqual([200, 200]);
    const third = await get();
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('43');
    expect((await app.inject({ method: 'POST', url: '/a', remoteAddress: '198.51.100.1' })).statusCode).toBe(200); // another route
    expect(counter.seen.slice(0, 1)).toEqual(['GET /a | 198.51.100.1 | 60000']);
    expect(counter.seen.at(-1)).toBe('POST /a | 198.51.100.1 | 60000');
    await app.close();
  });

  it('a failed count: with skipOnError the request goes on uncounted and the error is reported; without it the request fails', async () => {
    const down: RateLimitCounter = { hit: () => Promise.reject(new Error('connection refused')), peek: () => Promise.reject(new Error('connection refused')) };
    const open = await appWith(down, { skipOnError: true });
    const answered = await open.app.inject({ method: 'GET', url: '/a' });
    expect(answered.statusCode).toBe(200);
    expect(open.errors.map((e) => (e as Error).message)).toEqual(['connection refused']);
    const closed = await appWith(down);
    expect((await closed.app.inject({ method: 'GET', url: '/a' })).statusCode).toBe(500);
    await open.app.close();
    await closed.app.close();
  });

  it('refuses the modes a fixed window cannot honour, rather than ignoring them', async () => {
    const { app } = await appWith(memoryCounter());
    expect(() => app.get('/b', { config: { rateLimit: { max: 2, timeWindow: 1000, continueExceeding: true } } }, async () => ({}))).toThrow(/continueExceeding/);
    await app.close();
  });
});
