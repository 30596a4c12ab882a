import { describe, expect, it } from 'vitest';
import { backoffMs } from './webhook-worker.ts';

describe('webhook backoff', () => {
  it('doubles from the base per attempt and is capped at 6 hours', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(1000, 40)).toBe(6 * 3600_000);
  });
});
