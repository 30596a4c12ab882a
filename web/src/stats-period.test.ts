import { describe, expect, it } from 'vitest';
import { MAX_MONTHS, monthsIn, periodProblem } from './stats-period.ts';

describe('periodProblem', () => {
  it('counts both months: 2026-01..2026-12 is 12, one month is 1, across a year 2025-11..2026-02 is 4', () => {
    expect(monthsIn('2026-01', '2026-12')).toBe(12);
    expect(monthsIn('2026-05', '2026-05')).toBe(1);
    expect(monthsIn('2025-11', '2026-02')).toBe(4);
  });

  it('refuses what the server refuses: the end before the start, over 60 months', () => {
    expect(MAX_MONTHS).toBe(60);
    expect(periodProblem('2026-12', '2026-01')).toEqual({ kind: 'order' });
    // 2021-12..2026-12: 5 years and a month = 61 months; 2022-01..2026-12 = 60.
    expect(periodProblem('2021-12', '2026-12')).toEqual({ kind: 'span', months: 61 });
    expect(periodProblem('2022-01', '2026-12')).toBeNull();
    expect(periodProblem('2026-12', '2026-12')).toBeNull();
  });
});
