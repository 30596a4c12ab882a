// Deadlines that fall on a day off (관세법 제8조③). Pure: the listed holidays come from the
// reference data (data/holidays.json), compiled once into a HolidayCalendar.
//
// 관세법 제8조③ (paraphrased; the wording in force is on law.go.kr): when
// a deadline under the Act falls on
//   1. a Saturday or a Sunday,
//   2. a 공휴일 or 대체공휴일 under 「공휴일에 관한 법률」,
//   3. 근로자의 날 under 「근로자의 날 제정에 관한 법률」 (May 1), or
//   4. another day set by presidential decree,
// the deadline is the next day. Applied again while the next day is itself such a day (the law
// moves the deadline to a day on which it can be met). 시행령 제1조의4①: the days of item 4 are those
// on which the Commissioner of the KCS finds payment impossible because financial institutions (the
// Bank of Korea's 국고대리점·국고수납대리점) or post offices are closed, or for other unavoidable
// reasons. They are announced case by case and are not modelled; neither is 제8조④ (the deadline
// moving to the day after the KCS systems recover from an outage).
import type { Bilingual } from './bilingual.ts';
import type { Dataset, Holiday, HolidayCalendarRecords } from './reference/types.ts';
import { addDays, weekdayOf } from './dates.ts';

export interface HolidayCalendar {
  /** The listed holiday on `date` by the holidays version in force on that date, with that version. */
  holidayOn(date: string): { holiday: Holiday; version: string } | null;
}

/** A calendar listing no holiday: only Saturdays, Sundays and May 1 move deadlines. */
export const NO_LISTED_HOLIDAYS: HolidayCalendar = { holidayOn: () => null };

/** Compiles every version of the dataset; a date is looked up in the version in force on it. */
export function compileHolidayCalendar(dataset: Dataset<HolidayCalendarRecords> | undefined): HolidayCalendar {
  if (!dataset || dataset.versions.length === 0) return NO_LISTED_HOLIDAYS;
  const versions = [...dataset.versions]
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0))
    .map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, byDate: new Map(v.records.holidays.map((h) => [h.date, h])) }));
  return {
    holidayOn(date) {
      let chosen: (typeof versions)[number] | undefined;
      for (const v of versions) if (v.effectiveFrom <= date) chosen = v;
      const holiday = chosen?.byDate.get(date);
      return holiday && chosen ? { holiday, version: chosen.version } : null;
    },
  };
}

const WEEKDAY_KO = ['일', '월', '화', '수', '목', '금', '토'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "2026-10-03(토)" / "2026-10-03 (Sat)". */
export function dateWithWeekday(date: string): Bilingual {
  const w = weekdayOf(date);
  return { ko: `${date}(${WEEKDAY_KO[w]})`, en: `${date} (${WEEKDAY_EN[w]})` };
}

/** Why a deadline cannot fall on `date` (관세법 제8조③ 1–3), or null on a day it can. */
function dayOffReasonOf(date: string, calendar: HolidayCalendar): { ko: string[]; en: string[]; versions: string[] } | null {
  const ko: string[] = [];
  const en: string[] = [];
  const versions: string[] = [];
  const w = weekdayOf(date);
  if (w === 6) {
    ko.push('토요일');
    en.push('a Saturday');
  } else if (w === 0) {
    ko.push('일요일');
    en.push('a Sunday');
  }
  const listed = calendar.holidayOn(date);
  if (listed) {
    ko.push(listed.holiday.ko);
    en.push(listed.holiday.en);
    versions.push(listed.version);
  }
  // 제8조③ 3: 근로자의 날 (May 1), named by the Act itself, so not in the data file.
  if (date.slice(5) === '05-01' && !listed) {
    ko.push('근로자의 날');
    en.push("Workers' Day (May 1)");
  }
  return ko.length > 0 ? { ko, en, versions } : null;
}

export interface MovedDeadline {
  /** The deadline after 관세법 제8조③. */
  date: string;
  /** When it moved: the day it fell on and why that day does not count. */
  movedFrom: { date: string; ko: string[]; en: string[] } | null;
  /** The holidays versions consulted for a listed holiday (empty when none was hit). */
  holidayVersions: string[];
}

/** The deadline `date` moved, while it is a day off, to the next day (관세법 제8조③). */
export function deadlineOn(date: string, calendar: HolidayCalendar): MovedDeadline {
  const first = dayOffReasonOf(date, calendar);
  if (!first) return { date, movedFrom: null, holidayVersions: [] };
  const versions = new Set(first.versions);
  let next = addDays(date, 1);
  // A run of days off is short (the longest in 2022–2027: 7 days, 2025-10-03 … 10-09); the bound
  // only guards against a malformed calendar.
  for (let off = dayOffReasonOf(next, calendar), i = 0; off; off = dayOffReasonOf(next, calendar), i++) {
    if (i > 60) throw new Error(`holiday calendar: no working day within 60 days after ${date}`);
    for (const v of off.versions) versions.add(v);
    next = addDays(next, 1);
  }
  return { date: next, movedFrom: { date, ko: first.ko, en: first.en }, holidayVersions: [...versions] };
}
