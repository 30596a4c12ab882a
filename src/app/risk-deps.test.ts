import { describe, expect, it } from 'vitest';
import { todayOf } from './risk-deps.ts';

describe('todayOf', () => {
  const at = (iso: string) => todayOf({ now: () => new Date(iso) });
  it('is the date in Korea: 16:30 UTC on 12-03 is 01:30 on 12-04 in Seoul (UTC+9)', () => {
    expect(at('2026-12-03T16:30:00Z')).toBe('2026-12-04');
    // 14:59 UTC is 23:59 in Seoul, still the 3rd; 15:00 UTC is midnight, the 4th.
    expect(at('2026-12-03T14:59:59Z')).toBe('2026-12-03');
    expect(at('2026-12-03T15:00:00Z')).toBe('2026-12-04');
  });
});
