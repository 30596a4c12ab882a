// The month ticks of the statistics charts' time axis: every month, or every 2, 3, 6, 12… months,
// the fewest that leave room for each label at the chart's width, on calendar boundaries (a tick
// every 3 months falls on January, April, July and October), so the ticks are evenly spaced.
// Before, recharts dropped the labels that did not fit as it met them (its default interval,
// "preserveEnd"), which left uneven gaps between the months shown on a narrow chart.

/** Steps between two ticks, in months: each divides the next's calendar (12 = each January). */
export const MONTH_TICK_STEPS = [1, 2, 3, 6, 12, 24, 60, 120] as const;

/**
 * The room a tick's label needs, in px at the charts' 12 px text, a gap of at least 7 px included:
 * measured in Chromium, "26.03" is 29 to 31 px wide, "May ’26" 36 to 43, a year ("2026") 29.
 */
export const MONTH_TICK_ROOM_PX: Record<'ko' | 'en', number> = { ko: 40, en: 50 };

/** A month (YYYY-MM) as a count of months, so that steps align on the calendar. */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * The months to label on an axis of `months` (YYYY-MM, consecutive, one band each) drawn
 * `plotWidthPx` wide: those on the calendar boundaries of the smallest step whose ticks are at
 * least the labels' room apart (MONTH_TICK_ROOM_PX of `lang`). Never none: a period shorter than
 * its step keeps its first month.
 */
export function monthTicks(months: readonly string[], plotWidthPx: number, lang: 'ko' | 'en'): { ticks: string[]; step: number } {
  const roomPx = MONTH_TICK_ROOM_PX[lang];
  if (months.length === 0) return { ticks: [], step: 1 };
  const band = plotWidthPx / months.length; // each month's width on the axis
  const step = MONTH_TICK_STEPS.find((s) => s * band >= roomPx) ?? MONTH_TICK_STEPS[MONTH_TICK_STEPS.length - 1]!;
  const ticks = months.filter((m) => monthNumber(m) % step === 0);
  return { ticks: ticks.length ? ticks : [months[0]!], step };
}

const MONTH_NAME = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });

/**
 * A tick's label: the year alone when the ticks are a year or more apart ("2026"); else the
 * month, short: "26.03" in Korean (as Korean charts write it), "Mar ’26" in English.
 */
export function monthTickLabel(month: string, lang: 'ko' | 'en', step: number): string {
  const year = month.slice(0, 4);
  if (step >= 12) return year;
  const mm = month.slice(5, 7);
  if (lang === 'ko') return `${year.slice(2)}.${mm}`;
  return `${MONTH_NAME.format(Date.UTC(Number(year), Number(mm) - 1, 1))} \u2019${year.slice(2)}`;
}
