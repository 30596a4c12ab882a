import { describe, expect, it } from 'vitest';
import { signInThrottle } from './sign-in-officer.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 9, 0) + seconds * 1000);
const min = (m: number) => at(m * 60);

describe('signInThrottle: the lock, per username and address', () => {
  it('refuses a username from one address after 10 failures there within 15 minutes, known or not, in any case; a success clears it; the window passes', () => {
    const throttle = signInThrottle();
    const A = '198.51.100.1';
    for (let i = 0; i < 9; i++) throttle.failed('Officer1', A, min(i));
    expect(throttle.refusal('officer1', A, min(9))).toBeNull(); // 9 failures
    throttle.failed('OFFICER1', A, min(9));
    // the 10th, 9 minutes after the first: locked for the 15 − 10 = 5 minutes left of the window (300 s)
    expect(throttle.refusal('officer1', A, min(10))).toEqual({ kind: 'locked', retryAfterSeconds: 300 });
    expect(throttle.refusal('officer2', A, min(10))).toBeNull(); // others are not affected
    expect(throttle.refusal('officer1', '198.51.100.2', min(10))).toBeNull(); // nor the same officer from another address: failing on purpose cannot lock them out
    expect(throttle.refusal('officer1', A, min(15))).toBeNull(); // 15 minutes after the first failure: a new window
    for (let i = 0; i < 10; i++) throttle.failed('nobody', A, min(20));
    expect(throttle.refusal('nobody', A, min(20))?.kind).toBe('locked'); // an unknown username is counted the same (the answer does not tell)
    for (let i = 0; i < 5; i++) throttle.failed('admin', A, min(20));
    throttle.succeeded('admin', A, min(20));
    for (let i = 0; i < 9; i++) throttle.failed('admin', A, min(21));
    expect(throttle.refusal('admin', A, min(21))).toBeNull(); // 5 + 9 would be 14: the success between them cleared the first 5
  });
});

describe('signInThrottle: guesses from many addresses are slowed per username', () => {
  it('past 20 failures in an hour, each attempt waits 1 s, 2 s, 4 s … after the last failure, at most 5 minutes; a known address is not slowed', () => {
    const throttle = signInThrottle();
    const bot = (i: number) => `203.0.113.${i}`;
    throttle.succeeded('officer', '10.0.0.7', at(0)); // the officer's desk: signed in there before
    for (let i = 0; i < 20; i++) throttle.failed('officer', bot(i), at(0)); // 20 addresses, one failure each (no address locked)
    expect(throttle.refusal('officer', bot(20), at(0))).toEqual({ kind: 'slowed', retryAfterSeconds: 1 }); // 2^(20−20) = 1 s after the last failure
    expect(throttle.refusal('officer', '10.0.0.7', at(0))).toBeNull(); // the known address signs in at once
    expect(throttle.refusal('officer', bot(20), at(1))).toBeNull(); // 1 s later: one more attempt
    throttle.failed('officer', bot(20), at(1)); // the 21st: 2^1 = 2 s
    expect(throttle.refusal('officer', bot(21), at(2))).toEqual({ kind: 'slowed', retryAfterSeconds: 1 }); // until 1 + 2 = 3 s
    expect(throttle.refusal('officer', bot(21), at(3))).toBeNull();
    let t = 3;
    for (let n = 21; n < 29; n++) {
      throttle.failed('officer', bot(n), at(t)); // failure n+1 waits 2^(n+1−20) s: 4, 8, … 512 → capped at 300
      t += Math.min(300, 2 ** (n + 1 - 20));
    }
    // 29 failures, the last at 3 + 4 + 8 + 16 + 32 + 64 + 128 + 256 = 511 s: wait min(2^9, 300) = 300 s, to 811 s
    expect(t).toBe(811);
    expect(throttle.refusal('officer', bot(40), at(511))).toEqual({ kind: 'slowed', retryAfterSeconds: 300 });
    expect(throttle.refusal('officer', bot(40), at(810))).toEqual({ kind: 'slowed', retryAfterSeconds: 1 });
    expect(throttle.refusal('officer', bot(40), at(811))).toBeNull();
    expect(throttle.refusal('other', bot(40), at(600))).toBeNull(); // another username is not slowed
    expect(throttle.refusal('officer', bot(40), min(60))).toBeNull(); // an hour after the first failure: a new window
  });

  it('a username known from one address is slowed from others; known for 30 days', () => {
    const throttle = signInThrottle();
    throttle.succeeded('admin', '10.0.0.1', min(0));
    for (let i = 0; i < 20; i++) throttle.failed('admin', `203.0.113.${i}`, min(1));
    expect(throttle.refusal('admin', '10.0.0.2', min(1))?.kind).toBe('slowed');
    expect(throttle.refusal('admin', '10.0.0.1', min(1))).toBeNull();
    // 30 days later the address is a stranger again (and the hour's failures long gone: 20 more now)
    for (let i = 0; i < 20; i++) throttle.failed('admin', `203.0.113.${i}`, min(30 * 24 * 60));
    expect(throttle.refusal('admin', '10.0.0.1', min(30 * 24 * 60))?.kind).toBe('slowed');
  });
});
