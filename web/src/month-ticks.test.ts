import { describe, expect, it } from 'vitest';
import { MONTH_TICK_ROOM_PX, monthTickLabel, monthTicks } from './month-ticks.ts';

/** The months from `from` on, `n` of them (YYYY-MM). */
function monthsFrom(from: string, n: number): string[] {
  const start = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1;
  return Array.from({ length: n }, (_, i) => `${Math.floor((start + i) / 12)}-${String(((start + i) % 12) + 1).padStart(2, '0')}`);
}
const monthNo = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
const gaps = (ticks: string[]) => ticks.slice(1).map((m, i) => monthNo(m) - monthNo(ticks[i]!));

describe('monthTicks', () => {
  it('labels every month when the chart is wide (a 1280 px page: about 1,000 px of plot for 12 months)', () => {
    const months = monthsFrom('2026-01', 12);
    expect(monthTicks(months, 1000, 'ko')).toEqual({ ticks: months, step: 1 });
    expect(monthTicks(months, 1000, 'en')).toEqual({ ticks: months, step: 1 });
  });

  it('on a 360 px phone (222 px of plot for 12 months) a tick every 3 months, on the quarters, in both languages', () => {
    for (const lang of ['ko', 'en'] as const) {
      const { ticks, step } = monthTicks(monthsFrom('2025-12', 12), 222, lang);
      expect(step).toBe(3);
      expect(ticks).toEqual(['2026-01', '2026-04', '2026-07', '2026-10']);
    }
  });

  it('chooses the smallest step that leaves each label its room, by the range, the width and the language', () => {
    expect(monthTicks(monthsFrom('2026-01', 12), 12 * 40, 'ko').step).toBe(1);
    expect(monthTicks(monthsFrom('2026-01', 12), 12 * 40 - 1, 'ko').step).toBe(2);
    expect(monthTicks(monthsFrom('2026-01', 12), 12 * 40, 'en').step).toBe(2); // "May ’26" is wider than "26.05"
    expect(monthTicks(monthsFrom('2026-01', 12), 12 * 50, 'en').step).toBe(1);
    expect(monthTicks(monthsFrom('2024-01', 36), 1000, 'en').step).toBe(2); // 27.8 px a month
    expect(monthTicks(monthsFrom('2024-01', 36), 222, 'ko').step).toBe(12); // 6.2 px a month
    const tenYears = monthTicks(monthsFrom('2017-01', 120), 300, 'en'); // 2.5 px a month
    expect(tenYears.step).toBe(24);
    expect(tenYears.ticks).toEqual(['2018-01', '2020-01', '2022-01', '2024-01', '2026-01']);
  });

  it('keeps the calendar whatever month the period starts in, every gap the same, each label its room', () => {
    for (const lang of ['ko', 'en'] as const) {
      for (let start = 1; start <= 12; start++) {
        for (const width of [150, 222, 480, 1000]) {
          for (const n of [2, 6, 12, 18, 24, 37, 61]) {
            const { ticks, step } = monthTicks(monthsFrom(`2025-${String(start).padStart(2, '0')}`, n), width, lang);
            expect(ticks.length).toBeGreaterThan(0);
            expect(new Set(gaps(ticks)).size).toBeLessThanOrEqual(1);
            if (ticks.length > 1) expect(gaps(ticks)[0]).toBe(step);
            expect(ticks.every((m) => (monthNo(m) - 1) % step === 0) || ticks.length === 1).toBe(true);
            expect((width / n) * step).toBeGreaterThanOrEqual(MONTH_TICK_ROOM_PX[lang]);
          }
        }
      }
    }
  });

  it('never leaves the axis bare: a period shorter than its step keeps its first month', () => {
    expect(monthTicks(['2026-02', '2026-03'], 20, 'ko')).toEqual({ ticks: ['2026-02'], step: 6 });
    expect(monthTicks([], 300, 'en')).toEqual({ ticks: [], step: 1 });
  });
});

describe('monthTickLabel', () => {
  it('writes the month short in each language, the year alone when the ticks are a year or more apart', () => {
    expect(monthTickLabel('2026-03', 'ko', 1)).toBe('26.03');
    expect(monthTickLabel('2026-03', 'en', 3)).toBe('Mar ’26');
    expect(monthTickLabel('2026-12', 'en', 1)).toBe('Dec ’26');
    expect(monthTickLabel('2026-01', 'ko', 12)).toBe('2026');
    expect(monthTickLabel('2024-01', 'en', 24)).toBe('2024');
  });
});
