// What an administrator reads before and after an upload: every version of each reference
// dataset (data/*.json with the uploads merged), which one is in force on a date, and that
// date's exchange-rate week — the versions an assessment of that date records (dataVersions).
import { rateWeekStart } from '../domain/dates.ts';
import { isPlaceholderRate } from '../domain/valuation.ts';
import { VERSIONED_DATASETS, type Reference } from '../domain/reference/compile-reference.ts';
import type { Dataset } from '../domain/reference/types.ts';


export function listReferenceVersions(reference: Reference, date: string) {
  const asOf = reference.asOf(date);
  const weekStart = rateWeekStart(date) ?? '';
  const week = reference.fxWeek(weekStart);
  return {
    date,
    /** What an assessment declared on `date` records (dataVersions), or null when a dataset has no version then. */
    dataVersions: asOf ? { ...asOf.dataVersions } : null,
    exchangeRates: {
      version: reference.fxVersion,
      weekStart,
      week: week
        ? {
            rates: week.rates,
            units: Object.fromEntries(Object.keys(week.rates).map((c) => [c, reference.fxUnits(c)])),
            placeholder: week.placeholder,
            // Which rates are still approximations, as the engine decides FX_PLACEHOLDER (valuation.ts): a week loaded
            // in part is no longer a placeholder, yet the currencies the file left out still are (before, the page in
            // force showed them as loaded while their declarations said 임시 환율).
            placeholderCurrencies: Object.keys(week.rates).filter((c) => isPlaceholderRate(week, c)).sort(),
            source: week.source,
          }
        : null,
      weeks: reference.files.exchangeRates.weeks.length,
      firstWeek: reference.files.exchangeRates.weeks[0]?.weekStart ?? null,
      lastWeek: reference.files.exchangeRates.weeks.at(-1)?.weekStart ?? null,
    },
    datasets: VERSIONED_DATASETS.map((key) => {
      // The simplified rates are not among every assessment's versions (only the ones that say them record it).
      const inForce = (key === 'simplifiedRates' ? asOf?.simplified?.version : asOf?.versions[key]) ?? null;
      const dataset: Dataset<unknown> | undefined = reference.files[key]; // simplified-rates.json is optional
      return {
        dataset: key,
        inForce,
        versions: (dataset?.versions ?? []).map((v) => ({
          version: v.version,
          effectiveFrom: v.effectiveFrom,
          corrects: v.corrects ?? null,
          source: v.source,
          records: Array.isArray(v.records) ? v.records.length : null,
          inForce: v.version === inForce,
        })),
      };
    }),
  };
}
