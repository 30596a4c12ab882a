// The sign-in throttle's policy from stored counts (pure). Its worked examples over the shared
// PostgreSQL store: src/adapters/db/sign-in-throttle-repository.test.ts.
import { describe, expect, it } from 'vitest';
import { signInRefusal } from './sign-in-officer.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 9, 0) + seconds * 1000);
const min = (m: number) => at(m * 60);

describe('signInRefusal: the policy decides from the stored counts and now', () => {
  it('a count whose window is over refuses nothing, though its row is not deleted yet', () => {
    const state = { address: { failures: 10, since: min(0) }, username: { failures: 40, since: min(0), last: min(14) }, knownSince: null };
    expect(signInRefusal(state, min(14))).toEqual({ kind: 'locked', retryAfterSeconds: 60 });
    expect(signInRefusal(state, min(15))).toEqual({ kind: 'slowed', retryAfterSeconds: 240 }); // the lock's 15 minutes are over; 40 − 20 doublings cap the wait at 300 s after 14:00
    expect(signInRefusal(state, min(60))).toBeNull(); // and the username's hour
  });

  it('an address known in the last 30 days is not slowed, still locked', () => {
    const username = { failures: 25, since: min(0), last: min(1) };
    expect(signInRefusal({ address: null, username, knownSince: min(-30 * 24 * 60 + 2) }, min(1))).toBeNull();
    expect(signInRefusal({ address: null, username, knownSince: min(-30 * 24 * 60 + 1) }, min(1))?.kind).toBe('slowed'); // 30 days to the minute: a stranger again
    expect(signInRefusal({ address: { failures: 10, since: min(0) }, username, knownSince: min(0) }, min(1))?.kind).toBe('locked');
  });
});
