// Officer sign-in throttling behind a load balancer: two instances of the platform on one database
// (each with its own connection pool) count the same failures (migrations/075,
// src/adapters/db/sign-in-throttle-repository.ts). Counted in each process, as before, a guesser
// had twice the attempts here: 5 + 5 failures locked nothing, 10 + 10 slowed nothing.
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
// One fixed moment for both: every attempt at once, so the 1 s wait past 20 failures cannot run out between them.
const clock = { now: () => new Date('2026-12-04T09:00:00Z') };

beforeAll(async () => {
  t = await startTestPlatform({ secretKey }, { clock });
  secondPool = anotherPool(t.db, 8);
  const db = { pool: secondPool, connectionString: t.db.connectionString, kind: t.db.kind, close: () => secondPool.end() };
  second = await createPlatform(testConfig({ secretKey, riskWorker: false }), { db, clock, files: await referenceFiles() });
  for (const username of ['lb-pair', 'lb-spread'])
    await t.platform.deps.access.createUser({ username, displayName: username, role: 'officer', passwordHash: await t.platform.deps.secrets.hashPassword(`pw-${username}`) });
});
afterAll(async () => {
  await second?.close();
  await secondPool?.end();
  await t?.close();
});

const instances = () => [t.platform, second] as const;
const signIn = (instance: number, remoteAddress: string, username: string, password: string) =>
  instances()[instance]!.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password }, remoteAddress });

describe('two instances behind a load balancer share the sign-in throttle', () => {
  it('10 failures from one address, 5 on each instance, lock that address on both; another address signs in', async () => {
    const wrong: number[] = [];
    for (let i = 0; i < 10; i++) wrong.push((await signIn(i % 2, '198.51.100.77', 'lb-pair', `guess-${i}`)).statusCode);
    expect(wrong).toEqual(Array(10).fill(401));
    for (const instance of [0, 1]) {
      const right = await signIn(instance, '198.51.100.77', 'LB-PAIR', 'pw-lb-pair');
      expect(right.statusCode).toBe(429);
      expect(right.json().error.code).toBe('SIGN_IN_RATE_LIMITED');
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await signIn(1, '198.51.100.78', 'lb-pair', 'pw-lb-pair')).statusCode).toBe(200);
  });

  it('20 failures from 20 addresses, 10 on each instance, slow a stranger on both; the address the officer signed in from on one is known to the other', async () => {
    expect((await signIn(0, '198.51.100.90', 'lb-spread', 'pw-lb-spread')).statusCode).toBe(200); // the officer's desk, through the first instance
    const wrong: number[] = [];
    for (let i = 0; i < 20; i++) wrong.push((await signIn(i % 2, `203.0.113.${i}`, 'lb-spread', `guess-${i}`)).statusCode);
    expect(wrong).toEqual(Array(20).fill(401));
    for (const instance of [0, 1]) {
      const next = await signIn(instance, '203.0.113.200', 'lb-spread', 'pw-lb-spread');
      expect(next.statusCode).toBe(429);
      expect(next.json().error.code).toBe('SIGN_IN_SLOWED');
      expect(next.headers['retry-after']).toBe('1'); // 2^(20 − 20) s after the last failure
    }
    expect((await signIn(1, '198.51.100.90', 'lb-spread', 'pw-lb-spread')).statusCode).toBe(200); // the desk, through the second
  });
});
