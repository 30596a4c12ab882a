// The officer sign-in throttle (src/app/sign-in-officer.ts) over its PostgreSQL store, as every
// instance of the platform uses it: the worked examples of the policy, each attempt taken by one of
// two instances in turn (two pools on one database, no state in the process); attempts at once checked
// and counted one after the other (no more password checks than the lock allows); counts not lost
// when instances fail at once; expired rows deleted; no clear text stored.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anotherPool, startTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { signInOfficer, signInThrottle, SIGN_IN_FAILURES_MAX } from '../../app/sign-in-officer.ts';
import type { SignInThrottleStore } from '../../app/ports/sign-in-throttle-store.ts';
import { nodeSecrets } from '../crypto/node-secrets.ts';
import { PgAccessStore } from './access-repository.ts';
import { EXPIRED_PER_WRITE, PgSignInThrottleStore } from './sign-in-throttle-repository.ts';
import { storedKeyOf } from './stored-key.ts';

let db: TestDatabase;
let other: pg.Pool;
beforeAll(async () => {
  db = await startTestDatabase();
  other = anotherPool(db, 4);
});
afterAll(async () => {
  await other?.end();
  await db?.close();
});

/**
 * Two instances of the platform on one database: each call goes to the next one, so a count kept
 * in either process alone would be half the count. Each test its own usernames (one database).
 */
function sharedThrottle() {
  const instances = [signInThrottle(new PgSignInThrottleStore(db.pool)), signInThrottle(new PgSignInThrottleStore(other))];
  let turn = 0;
  const next = () => instances[turn++ % 2]!;
  /** An attempt let through (its password checked), then answered. */
  const attempted = async (u: string, a: string, now: Date) => {
    const attempt = await next().attempt(u, a, now);
    if (attempt.refusal) throw new Error(`refused: ${attempt.refusal.kind}`);
    return attempt;
  };
  return {
    refusal: (u: string, a: string, now: Date) => next().refusal(u, a, now),
    failed: async (u: string, a: string, now: Date) => (await attempted(u, a, now)).failed(),
    succeeded: async (u: string, a: string, now: Date) => (await attempted(u, a, now)).succeeded(),
  };
}

/** One failure counted at the store, as an attempt let through and failed does it. */
async function countFailure(store: SignInThrottleStore, u: string, a: string, now: Date, expiredFrom: { address: Date; username: Date }) {
  const r = await store.reserve<'refused'>(u, a, now, expiredFrom, () => null);
  expect(r.refused).toBeNull();
  await store.failed(expiredFrom);
}

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 9, 0) + seconds * 1000);
const min = (m: number) => at(m * 60);

describe('signInThrottle on PostgreSQL, shared by instances: the lock, per username and address', () => {
  it('refuses a username from one address after 10 failures there within 15 minutes, known or not, in any case; a success clears it; the window passes', async () => {
    const throttle = sharedThrottle();
    const A = '198.51.100.1';
    for (let i = 0; i < 9; i++) await throttle.failed('Officer1', A, min(i));
    expect(await throttle.refusal('officer1', A, min(9))).toBeNull(); // 9 failures
    await throttle.failed('OFFICER1', A, min(9));
    // the 10th, 9 minutes after the first: locked for the 15 − 10 = 5 minutes left of the window (300 s)
    expect(await throttle.refusal('officer1', A, min(10))).toEqual({ kind: 'locked', retryAfterSeconds: 300 });
    expect(await throttle.refusal('officer2', A, min(10))).toBeNull(); // others are not affected
    expect(await throttle.refusal('officer1', '198.51.100.2', min(10))).toBeNull(); // nor the same officer from another address: failing on purpose cannot lock them out
    expect(await throttle.refusal('officer1', A, min(15))).toBeNull(); // 15 minutes after the first failure: a new window
    for (let i = 0; i < 10; i++) await throttle.failed('nobody', A, min(20));
    expect((await throttle.refusal('nobody', A, min(20)))?.kind).toBe('locked'); // an unknown username is counted the same (the answer does not tell)
    for (let i = 0; i < 5; i++) await throttle.failed('admin', A, min(20));
    await throttle.succeeded('admin', A, min(20));
    for (let i = 0; i < 9; i++) await throttle.failed('admin', A, min(21));
    expect(await throttle.refusal('admin', A, min(21))).toBeNull(); // 5 + 9 would be 14: the success between them cleared the first 5
  });
});

describe('signInThrottle on PostgreSQL, shared by instances: guesses from many addresses are slowed per username', () => {
  it('past 20 failures in an hour, each attempt waits 1 s, 2 s, 4 s … after the last failure, at most 5 minutes; a known address is not slowed', async () => {
    const throttle = sharedThrottle();
    const bot = (i: number) => `203.0.113.${i}`;
    await throttle.succeeded('officer', '10.0.0.7', at(0)); // the officer's desk: signed in there before
    for (let i = 0; i < 20; i++) await throttle.failed('officer', bot(i), at(0)); // 20 addresses, one failure each (no address locked)
    expect(await throttle.refusal('officer', bot(20), at(0))).toEqual({ kind: 'slowed', retryAfterSeconds: 1 }); // 2^(20−20) = 1 s after the last failure
    expect(await throttle.refusal('officer', '10.0.0.7', at(0))).toBeNull(); // the known address signs in at once
    expect(await throttle.refusal('officer', bot(20), at(1))).toBeNull(); // 1 s later: one more attempt
    await throttle.failed('officer', bot(20), at(1)); // the 21st: 2^1 = 2 s
    expect(await throttle.refusal('officer', bot(21), at(2))).toEqual({ kind: 'slowed', retryAfterSeconds: 1 }); // until 1 + 2 = 3 s
    expect(await throttle.refusal('officer', bot(21), at(3))).toBeNull();
    let t = 3;
    for (let n = 21; n < 29; n++) {
      await throttle.failed('officer', bot(n), at(t)); // failure n+1 waits 2^(n+1−20) s: 4, 8, … 512 → capped at 300
      t += Math.min(300, 2 ** (n + 1 - 20));
    }
    // 29 failures, the last at 3 + 4 + 8 + 16 + 32 + 64 + 128 + 256 = 511 s: wait min(2^9, 300) = 300 s, to 811 s
    expect(t).toBe(811);
    expect(await throttle.refusal('officer', bot(40), at(511))).toEqual({ kind: 'slowed', retryAfterSeconds: 300 });
    expect(await throttle.refusal('officer', bot(40), at(810))).toEqual({ kind: 'slowed', retryAfterSeconds: 1 });
    expect(await throttle.refusal('officer', bot(40), at(811))).toBeNull();
    expect(await throttle.refusal('other', bot(40), at(600))).toBeNull(); // another username is not slowed
    expect(await throttle.refusal('officer', bot(40), min(60))).toBeNull(); // an hour after the first failure: a new window
  });

  it('a username known from one address is slowed from others; known for 30 days', async () => {
    const throttle = sharedThrottle();
    await throttle.succeeded('chief', '10.0.0.1', min(0));
    for (let i = 0; i < 20; i++) await throttle.failed('chief', `203.0.113.${i}`, min(1));
    expect((await throttle.refusal('chief', '10.0.0.2', min(1)))?.kind).toBe('slowed');
    expect(await throttle.refusal('chief', '10.0.0.1', min(1))).toBeNull();
    // 30 days later the address is a stranger again (and the hour's failures long gone: 20 more now)
    for (let i = 0; i < 20; i++) await throttle.failed('chief', `203.0.113.${i}`, min(30 * 24 * 60));
    expect((await throttle.refusal('chief', '10.0.0.1', min(30 * 24 * 60)))?.kind).toBe('slowed');
  });
});

describe('signInThrottle on PostgreSQL: a success is not a failure', () => {
  it('its count is taken back and the wait still runs from the last failure', async () => {
    const throttle = sharedThrottle();
    await throttle.succeeded('desk', '10.0.0.9', at(0));
    for (let i = 0; i < 20; i++) await throttle.failed('desk', `203.0.113.${i}`, at(0));
    await throttle.succeeded('desk', '10.0.0.9', at(5)); // the officer at their desk, during the attack (counted while its password was checked)
    // 20 failures, the last at 0 s: the 1 s wait is over (as the 21st failure, at 5 s, it would run to 7 s)
    expect(await throttle.refusal('desk', '203.0.113.99', at(5))).toBeNull();
    await throttle.failed('desk', '203.0.113.99', at(5));
    expect(await throttle.refusal('desk', '203.0.113.98', at(6))).toEqual({ kind: 'slowed', retryAfterSeconds: 1 }); // the 21st: 2 s after 5 s
  });
});

describe('signInOfficer on two instances: attempts at once are checked and counted one after the other', () => {
  const access = () => new PgAccessStore(db.pool);
  /** The platform's secrets, counting the password checks. */
  const countingSecrets = () => {
    const checks = { n: 0 };
    const secrets = { ...nodeSecrets, verifyPassword: (password: string, hash: string) => (checks.n++, nodeSecrets.verifyPassword(password, hash)) };
    return { checks, secrets };
  };
  const instances = () => [signInThrottle(new PgSignInThrottleStore(db.pool)), signInThrottle(new PgSignInThrottleStore(other))];
  const signInAtOnce = async (n: number, username: string, address: (i: number) => string, now: Date) => {
    const { checks, secrets } = countingSecrets();
    const throttles = instances();
    const clock = { now: () => now };
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => signInOfficer({ access: access(), secrets, clock, throttle: throttles[i % 2] }, { username, password: `guess-${i}`, address: address(i) })),
    );
    const codes: Record<string, number> = {};
    for (const r of answers) {
      const code = r.ok ? 'OK' : r.error.code;
      codes[code] = (codes[code] ?? 0) + 1;
    }
    return { checked: checks.n, codes };
  };

  it('40 wrong passwords at once under one username from one address: 10 checked, 30 locked unchecked; the pair kept as hashes', async () => {
    await access().createUser({ username: 'burst', displayName: 'Burst', role: 'officer', passwordHash: await nodeSecrets.hashPassword('right-password') });
    // Checked first and counted after, all 40 passed the check before the first was counted.
    const { checked, codes } = await signInAtOnce(40, 'Burst', () => '198.51.100.40', min(300));
    expect(checked).toBe(SIGN_IN_FAILURES_MAX);
    expect(codes).toEqual({ INVALID_CREDENTIALS: 10, SIGN_IN_RATE_LIMITED: 30 });
    const { rows } = await db.pool.query(`SELECT username, address, failures FROM sign_in_address_failures WHERE username IN ($1, $2)`, ['burst', storedKeyOf('burst')]);
    expect(rows).toEqual([{ username: storedKeyOf('burst'), address: storedKeyOf('198.51.100.40'), failures: 10 }]);
  });

  it('past 20 failures under one username, 20 attempts at once from 20 addresses: one checked, 19 slowed', async () => {
    const throttle = sharedThrottle();
    for (let i = 0; i < 20; i++) await throttle.failed('burst-spread', `203.0.113.${i}`, min(400));
    // 1 s after the last failure its wait is over: one attempt, then 2 s more.
    const { checked, codes } = await signInAtOnce(20, 'burst-spread', (i) => `192.0.2.${100 + i}`, new Date(min(400).getTime() + 1000));
    expect(checked).toBe(1);
    expect(codes).toEqual({ INVALID_CREDENTIALS: 1, SIGN_IN_SLOWED: 19 });
  });

  it('no clear text in the tables', async () => {
    const { rows } = await db.pool.query<{ v: string }>(
      `SELECT username AS v FROM sign_in_username_failures UNION ALL SELECT username FROM sign_in_address_failures UNION ALL SELECT address FROM sign_in_address_failures
       UNION ALL SELECT username FROM sign_in_known_addresses UNION ALL SELECT address FROM sign_in_known_addresses`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { v } of rows) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows.map((r) => r.v)).toContain(storedKeyOf('desk'));
  });
});

describe('PgSignInThrottleStore: the counts of several instances', () => {
  it('failures at the same moment on two instances are all counted (none lost to a race)', async () => {
    const one = new PgSignInThrottleStore(db.pool);
    const two = new PgSignInThrottleStore(other);
    const now = min(100);
    const expiredFrom = { address: min(85), username: min(40) };
    await Promise.all(Array.from({ length: 12 }, (_, i) => countFailure(i % 2 ? one : two, 'racer', `192.0.2.${i % 3}`, now, expiredFrom)));
    const state = await one.read('racer', '192.0.2.0');
    expect(state.address).toEqual({ failures: 4, since: now }); // 12 failures over 3 addresses
    expect(state.username).toEqual({ failures: 12, since: now, last: now });
    expect(state.knownSince).toBeNull();
  });

  it('expired rows are deleted by later writes, at most EXPIRED_PER_WRITE a write; live ones stay', async () => {
    await db.pool.query('TRUNCATE sign_in_address_failures, sign_in_username_failures, sign_in_known_addresses'); // the other tests' rows would take part of the 100
    const store = new PgSignInThrottleStore(db.pool);
    const day = (d: number) => min(d * 24 * 60);
    const old = day(200);
    const expiredAt = (now: Date) => ({ address: new Date(now.getTime() - 15 * 60_000), username: new Date(now.getTime() - 60 * 60_000) });
    for (let i = 0; i < EXPIRED_PER_WRITE + 5; i++) await countFailure(store, `gone${i}`, '192.0.2.9', old, expiredAt(old));
    const succeeded = async (u: string, a: string, now: Date, knownExpiredFrom: Date) => {
      const r = await store.reserve<'refused'>(u, a, now, expiredAt(now), () => null);
      if (r.refused === null) await store.succeeded(u, a, now, r.reservation, knownExpiredFrom);
    };
    await succeeded('gone0', '192.0.2.8', old, day(170));
    const rows = async () => {
      const r = await db.pool.query<{ a: number; u: number; k: number }>(
        `SELECT (SELECT count(*)::int FROM sign_in_address_failures) AS a,
                (SELECT count(*)::int FROM sign_in_username_failures) AS u,
                (SELECT count(*)::int FROM sign_in_known_addresses) AS k`,
      );
      return r.rows[0];
    };
    expect(await rows()).toEqual({ a: EXPIRED_PER_WRITE + 5, u: EXPIRED_PER_WRITE + 5, k: 1 });
    // Two hours later the failures' windows are over: one failure deletes 100 of each, the next the rest.
    const later = new Date(old.getTime() + 2 * 3600_000);
    await countFailure(store, 'gone-late', '192.0.2.9', later, expiredAt(later));
    expect(await rows()).toEqual({ a: 6, u: 6, k: 1 }); // 105 − 100 + the new one
    await countFailure(store, 'gone-late', '192.0.2.9', later, expiredAt(later));
    expect(await rows()).toEqual({ a: 1, u: 1, k: 1 }); // only the live count
    expect((await store.read('gone-late', '192.0.2.9')).address).toEqual({ failures: 2, since: later });
    // A known address is kept 30 days: a sign-in then deletes it.
    await succeeded('gone-late', '192.0.2.9', day(231), day(201));
    expect(await rows()).toEqual({ a: 0, u: 1, k: 1 }); // gone0's known address deleted, gone-late's new one kept; its address's failures forgiven (its username's row, at 0, stays to its window's end)
  });
});
