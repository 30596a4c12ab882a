// The per-route rate limits behind a load balancer: two instances of the platform on one database
// (each with its own connection pool) count the same requests (migrations/076,
// src/http/rate-limit-store.ts). Counted in each process, as before, an address had twice each limit
// here: 2 + 2 lookups left both instances 2 more, 15 + 15 sign-ins both 15 more.
import crypto from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/main.ts';
import { startTestPlatform, testConfig, type TestPlatform } from '../support/test-platform.ts';
import { referenceFiles } from '../support/reference.ts';
import { anotherPool } from '../support/test-database.ts';

let t: TestPlatform;
let second: Platform;
let secondPool: pg.Pool;
// One key for both instances (each opens the platform keys the other sealed).
const secretKey = crypto.randomBytes(32).toString('base64');
const LOOKUPS_PER_MINUTE = 4;

beforeAll(async () => {
  t = await startTestPlatform({ secretKey, lookupRateLimit: LOOKUPS_PER_MINUTE });
  secondPool = anotherPool(t.db, 8);
  const db = { pool: secondPool, connectionString: t.db.connectionString, kind: t.db.kind, close: () => secondPool.end() };
  second = await createPlatform(testConfig({ secretKey, lookupRateLimit: LOOKUPS_PER_MINUTE, riskWorker: false }), { db, files: await referenceFiles() });
});
afterAll(async () => {
  await second?.close();
  await secondPool?.end();
  await t?.close();
});

const instances = () => [t.platform, second] as const;
const CARGO = '/api/v1/lookup/cargo/TGW2612039999999';
const lookup = (instance: number, remoteAddress: string) => instances()[instance]!.app.inject({ method: 'GET', url: CARGO, remoteAddress });
const signIn = (instance: number, remoteAddress: string, username: string) =>
  instances()[instance]!.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password: 'not-it' }, remoteAddress });

describe('two instances behind a load balancer share the per-route rate limits', () => {
  it(`${LOOKUPS_PER_MINUTE} public lookups a minute from one address, 2 on each instance: the next answers 429 with Retry-After on both; another address goes on`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) statuses.push((await lookup(i % 2, '198.51.100.60')).statusCode);
    expect(statuses).toEqual(Array(LOOKUPS_PER_MINUTE).fill(404)); // an unknown number: answered, and counted
    for (const instance of [0, 1]) {
      const next = await lookup(instance, '198.51.100.60');
      expect(next.statusCode).toBe(429);
      expect(next.json().error.code).toBe('RATE_LIMITED');
      expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(next.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect((await lookup(1, '198.51.100.61')).statusCode).toBe(404);
  });

  it('30 sign-ins a minute from one address, 15 on each instance: the 31st answers 429 RATE_LIMITED on both (not the failures throttle: every username differs)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn(i % 2, '198.51.100.62', `nobody-${i}`)).statusCode);
    expect(statuses).toEqual(Array(30).fill(401));
    for (const instance of [0, 1]) {
      const next = await signIn(instance, '198.51.100.62', `nobody-${30 + instance}`);
      expect(next.statusCode).toBe(429);
      expect(next.json().error.code).toBe('RATE_LIMITED');
      expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The lookups' count from the address limited above is the lookups' own.
    expect((await signIn(0, '198.51.100.60', 'nobody-else')).statusCode).toBe(401);
  });
});
