// The retry loop the outboxes of messages share (refund alerts, notices of changes to a PCCC): when a failed
// delivery is tried again, and how a pass settles what it claimed.
import { describe, expect, it } from 'vitest';
import { deliverClaimed, isPermanentFailure, retryAt, type OutboxSettlement } from './outbox-pass.ts';

type Job = { id: number; attempts: number; key: string };

const POLICY = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 10 };
const AT = new Date('2026-12-07T00:00:00Z');
const minutesAfter = (d: Date | null) => (d === null ? null : (d.getTime() - AT.getTime()) / 60_000);

describe('retryAt', () => {
  it('1 min × 2^(attempt−1), at most 1 h apart, given up after the 10th attempt', () => {
    // attempt 1 → 1 × 2^0 = 1 min; 2 → 2; 3 → 4; 6 → 2^5 = 32; 7 → 64 > 60: 60; 9 → 256: 60; 10: the last, given up.
    expect([1, 2, 3, 6, 7, 9, 10, 11].map((n) => minutesAfter(retryAt(POLICY, AT, n)))).toEqual([1, 2, 4, 32, 60, 60, null, null]);
  });
});

describe('deliverClaimed', () => {
  it('settles a group delivered with what deliver answered, a group that failed for retry (each job alike), and counts only the settled', async () => {
    const jobs: Job[] = [
      { id: 1, attempts: 0, key: 'a' },
      { id: 2, attempts: 0, key: 'a' },
      { id: 3, attempts: 3, key: 'b' }, // its 4th attempt fails: tried again 2^3 = 8 min later
      { id: 4, attempts: 9, key: 'c' }, // its 10th, the last: given up
      { id: 5, attempts: 0, key: 'd' },
    ];
    const settled: [number, OutboxSettlement<'sent' | 'nobody'>][] = [];
    const failures: [string, number[], number | null][] = [];
    const n = await deliverClaimed<Job, 'sent' | 'nobody'>({
      jobs,
      groupsOf: (js) => [...new Set(js.map((j) => j.key))].map((k) => js.filter((j) => j.key === k)),
      retry: POLICY,
      clock: { now: () => AT },
      settle: async (id, s) => void settled.push([id, s]),
      onFailure: (e, group, next) => failures.push([(e as Error).message, group.map((j) => j.id), minutesAfter(next)]),
      deliver: async (group) => {
        if (group[0]!.key === 'd') return 'nobody';
        if (group[0]!.key !== 'a') throw new Error(`down (${group[0]!.key})`);
        return 'sent';
      },
    });
    expect(n).toBe(3); // 5 claimed − 2 failed
    expect(settled).toEqual([
      [1, { status: 'sent' }],
      [2, { status: 'sent' }],
      [3, { status: 'retry', nextAttemptAt: new Date(AT.getTime() + 8 * 60_000), error: 'down (b)' }],
      [4, { status: 'retry', nextAttemptAt: null, error: 'down (c)' }],
      [5, { status: 'nobody' }],
    ]);
    expect(failures).toEqual([
      ['down (b)', [3], 8],
      ['down (c)', [4], null],
    ]);
  });
});

describe('a permanent failure', () => {
  /** As the SMS adapter throws a refusal of the number or the sender (SmsRejectedError, permanent). */
  const refused = (code: string) => Object.assign(new Error(`sms to 010-****-5678: refused by SOLAPI (status ${code}); not retried`), { code, permanent: true });

  it('is an error that says permanent: true; anything else (a 503, a timeout, a plain error, not an error) is not', () => {
    expect(isPermanentFailure(refused('1062'))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error('HTTP 403 SignatureDoesNotMatch'), { permanent: false }))).toBe(false);
    expect(isPermanentFailure(new Error('HTTP 503'))).toBe(false);
    expect(isPermanentFailure({ permanent: 'yes' })).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });

  it('is given up at its first attempt, with its error, not tried again; a transient one beside it still is', async () => {
    const jobs: Job[] = [
      { id: 1, attempts: 0, key: 'refused' }, // 1st attempt, refused for good: given up now (not 1 min later, 9 more times)
      { id: 2, attempts: 0, key: 'down' }, // 1st attempt, gateway down: tried again 1 × 2^0 = 1 min later
      { id: 3, attempts: 4, key: 'refused' }, // 5th attempt (4 transient failures before), now refused: given up at once
    ];
    const settled: [number, OutboxSettlement<'sent'>][] = [];
    const failures: [number[], number | null][] = [];
    const n = await deliverClaimed<Job, 'sent'>({
      jobs,
      retry: POLICY,
      clock: { now: () => AT },
      settle: async (id, s) => void settled.push([id, s]),
      onFailure: (_e, group, next) => failures.push([group.map((j) => j.id), minutesAfter(next)]),
      deliver: async ([job]) => {
        throw job!.key === 'refused' ? refused('1062') : new Error('HTTP 503');
      },
    });
    expect(n).toBe(0);
    expect(settled).toEqual([
      [1, { status: 'retry', nextAttemptAt: null, error: 'sms to 010-****-5678: refused by SOLAPI (status 1062); not retried' }],
      [2, { status: 'retry', nextAttemptAt: new Date(AT.getTime() + 60_000), error: 'HTTP 503' }],
      [3, { status: 'retry', nextAttemptAt: null, error: 'sms to 010-****-5678: refused by SOLAPI (status 1062); not retried' }],
    ]);
    expect(failures).toEqual([
      [[1], null],
      [[2], 1],
      [[3], null],
    ]);
  });
});
