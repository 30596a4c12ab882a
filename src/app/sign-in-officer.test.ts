import { describe, expect, it } from 'vitest';
import { signInThrottle } from './sign-in-officer.ts';

describe('signInThrottle', () => {
  it('refuses a username after 10 failures within 15 minutes, known or not, in any case; a success clears it; the window passes', () => {
    const throttle = signInThrottle();
    const at = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 9, 0) + minutes * 60_000);
    for (let i = 0; i < 9; i++) throttle.failed('Officer1', at(i));
    expect(throttle.blocked('officer1', at(9))).toBe(false); // 9 failures
    throttle.failed('OFFICER1', at(9));
    expect(throttle.blocked('officer1', at(10))).toBe(true); // the 10th, 9 minutes after the first
    expect(throttle.blocked('officer2', at(10))).toBe(false); // others are not affected
    expect(throttle.blocked('officer1', at(15))).toBe(false); // 15 minutes after the first failure: a new window
    for (let i = 0; i < 10; i++) throttle.failed('nobody', at(20));
    expect(throttle.blocked('nobody', at(20))).toBe(true); // an unknown username is counted the same (the answer does not tell)
    for (let i = 0; i < 5; i++) throttle.failed('admin', at(20));
    throttle.succeeded('admin');
    for (let i = 0; i < 9; i++) throttle.failed('admin', at(21));
    expect(throttle.blocked('admin', at(21))).toBe(false); // 5 + 9 would be 14: the success between them cleared the first 5
  });
});
