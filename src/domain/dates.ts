// Calendar dates as YYYY-MM-DD strings, computed in UTC so no time zone can shift a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const dayCache = new Map<string, number | null>();

/** Day number (days since 1970-01-01) of a real calendar date, or null for an impossible one. */
export function dayNumber(date: string): number | null {
  let v = dayCache.get(date);
  if (v === undefined) {
    v = computeDayNumber(date);
    if (dayCache.size > 50_000) dayCache.clear(); // dates repeat; keep the cache bounded
    dayCache.set(date, v);
  }
  return v;
}

function computeDayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null; // 2026-02-30
  return ms / DAY_MS;
}

export function isRealDate(date: string): boolean {
  return dayNumber(date) !== null;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (day + 4) % 7;
}

/** Day of the week of a YYYY-MM-DD date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const day = dayNumber(date);
  if (day === null) throw new Error(`not a date: ${date}`);
  return weekdayOfDay(day);
}

/**
 * Sunday of the customs exchange-rate week holding `date`: the rate applies from
 * Sunday 00:00 to Saturday 24:00 (관세평가 운영에 관한 고시 제3조②).
 */
const weekCache = new Map<string, string | null>();

export function rateWeekStart(date: string): string | null {
  let v = weekCache.get(date);
  if (v === undefined) {
    const day = dayNumber(date);
    v = day === null ? null : dateOfDayNumber(day - weekdayOfDay(day));
    if (weekCache.size > 50_000) weekCache.clear();
    weekCache.set(date, v);
  }
  return v;
}

export function addDays(date: string, days: number): string {
  const day = dayNumber(date);
  if (day === null) throw new Error(`not a date: ${date}`);
  return dateOfDayNumber(day + days);
}

/** Korea's offset from UTC: nine hours, no daylight saving (KST). */
export const KST_OFFSET_MS = 9 * 3_600_000;

/** Korea's wall clock (UTC+9, no daylight saving) at an ISO timestamp: `YYYY-MM-DDTHH:mm`. */
export function koreanClockOf(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 16);
}

/** The calendar date in Korea (UTC+9, no daylight saving) of an ISO timestamp: `YYYY-MM-DD`. */
export function koreanDateOf(iso: string): string {
  return koreanClockOf(iso).slice(0, 10);
}
