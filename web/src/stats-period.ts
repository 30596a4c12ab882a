// The statistics page's period, checked before asking: the server refuses a period that ends
// before it starts or spans more than MAX_MONTHS (src/app/compute-statistics.ts, 400
// VALIDATION_FAILED), which the page could only show as an error below the form, naming no field.

/** The longest period the statistics answer, in months (the server's MAX_MONTHS). */
export const MAX_MONTHS = 60;

/** Months from `from` to `to` (YYYY-MM), both counted: 2026-01..2026-12 is 12. */
export function monthsIn(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return index(to) - index(from) + 1;
}

export type PeriodProblem = { kind: 'order' } | { kind: 'span'; months: number };

/** Why the server would refuse this period, or null. */
export function periodProblem(from: string, to: string): PeriodProblem | null {
  const months = monthsIn(from, to);
  if (months < 1) return { kind: 'order' };
  if (months > MAX_MONTHS) return { kind: 'span', months };
  return null;
}
