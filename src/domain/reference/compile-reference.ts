// Turns the reference files into look-up structures once, and selects for any date the
// version of each dataset in force on it (the last version whose effectiveFrom <= date).
import { rateWeekStart } from '../dates.ts';
import { compileReasons, type CompiledReasons } from '../explain.ts';
import { compileHolidayCalendar, type HolidayCalendar } from '../holidays.ts';
import { compileMatcher, sharedKeywordFinder, type CompiledMatcher } from './goods-matcher.ts';
import type {
  CategoryMapping,
  Dataset,
  ExciseRule,
  ExclusionRule,
  FreightTable,
  FtaAgreement,
  FxWeek,
  LiquorRule,
  ProhibitedRule,
  QuantityLimit,
  ReasonText,
  ReferenceFiles,
  SimplifiedRateRules,
  TariffLine,
  ThresholdRules,
  VatRules,
} from './types.ts';

export interface CompiledFreight {
  table: FreightTable;
  zoneOf: Map<string, string>;
  rowsByZone: Map<string, { maxKg: number; seaParcelKrw: number; expressKrw: number }[]>;
  extraByZone: Map<string, { seaParcelKrw: number; expressKrw: number }>;
}

export interface ReferenceAsOf {
  date: string;
  thresholds: ThresholdRules;
  freight: CompiledFreight;
  tariff: Map<string, TariffLine>;
  /**
   * A code shorter than 10 digits that names exactly one HSK 10-digit line, mapped to that line when the tariff
   * has a line for it longer than any line of the code itself ('22089040' → '2208904000', 소주 30%): rated as if
   * declared with its 10 digits, not on a heading that holds other goods (2208, 20%).
   */
  onlyChildTariff: Map<string, string>;
  categories: Map<string, CategoryMapping>;
  /** HS digits each category maps to. */
  categoryHs: Map<string, string>;
  exclusions: CompiledMatcher<ExclusionRule>;
  quantityLimits: { rules: QuantityLimit[]; matcher: CompiledMatcher<QuantityLimit> };
  prohibited: CompiledMatcher<ProhibitedRule>;
  excise: CompiledMatcher<ExciseRule>;
  liquor: CompiledMatcher<LiquorRule>;
  vat: { rules: VatRules; exempt: CompiledMatcher<VatRules['exempt'][number]> };
  fta: Map<string, FtaAgreement>;
  /** Keywords of all the lists above found in a lowercased text, in one pass. */
  findKeywords(text: string): string[];
  versions: Record<string, string>;
  /** The effectiveFrom of the tariff version in force (a correction's is that of the version it corrects). */
  tariffEffectiveFrom: string;
  /** The highest basic rate of the tariff version in force (513.6 %, green tea, in data/tariff.json): what a misclassification can reach (revenueCeilingKrw). */
  maxBasicDutyRate: number;
  /** What an assessment on this date records: the versions and the rate week (shared, frozen). */
  dataVersions: Readonly<Record<string, string>>;
  /**
   * The 간이세율 of postal parcels in force (data/simplified-rates.json, UNCERTAIN), null when none;
   * with the dataVersions an assessment that says them records (dataVersions and simplifiedRates), shared.
   */
  simplified: { rules: SimplifiedRateRules; version: string; dataVersions: Readonly<Record<string, string>> } | null;
}

export interface Reference {
  /** The datasets in force on `date` (YYYY-MM-DD), or null when a dataset has no version yet. */
  asOf(date: string): ReferenceAsOf | null;
  fxWeek(weekStart: string): FxWeek | undefined;
  fxUnits(currency: string): number;
  /** A currency's minor units (ISO 4217 exponent, data/currencies.json): the decimals its amounts are written with (JPY 0, USD 2). */
  minorUnits(currency: string): number;
  fxVersion: string;
  currencies: Set<string>;
  countries: Set<string>;
  hsCodes: Set<string> | null;
  reasons: Record<string, ReasonText>;
  /** The reason templates, compiled once (explain.ts). */
  reasonTemplates: CompiledReasons;
  /** Public holidays for deadlines (관세법 제8조③), each date looked up in the version in force on it. */
  holidays: HolidayCalendar;
  files: ReferenceFiles;
}

/** The version in force on `date`: the latest effectiveFrom on or before it; of versions with the
 * same effectiveFrom the one listed last, which is a correction of the others (`corrects`). */
/**
 * The datasets with versions by effective date, whose version in force an assessment records (dataVersions; the
 * exchange rates go by week): the administrator's list of versions and the corrections read them all. The postal
 * simplified rates (optional file) are recorded only by the assessments that say them (ReferenceAsOf.simplified).
 */
export const VERSIONED_DATASETS = ['thresholds', 'freight', 'tariff', 'categories', 'exclusions', 'quantityLimits', 'prohibited', 'excise', 'liquor', 'vat', 'fta', 'simplifiedRates'] as const;
export type VersionedDataset = (typeof VERSIONED_DATASETS)[number];

export function versionAt<T>(dataset: Dataset<T>, date: string) {
  let chosen: Dataset<T>['versions'][number] | null = null;
  for (const v of dataset.versions) if (v.effectiveFrom <= date && (!chosen || v.effectiveFrom >= chosen.effectiveFrom)) chosen = v;
  return chosen;
}

/**
 * The codes of 4, 6 or 8 digits that have exactly one HSK 10-digit line under them, where that line (or a prefix of
 * it longer than the code) has a tariff line and the code itself has none: code → the 10-digit line (onlyChildTariff).
 * Without the HSK nomenclature (hsCodes), none.
 */
function onlyChildLines(tariff: readonly TariffLine[], hsCodes: readonly string[] | undefined | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!hsCodes) return out;
  const keys = new Set(tariff.map((l) => l.hs.replace(/\D/g, '')));
  const children = new Map<string, { count: number; only: string }>(); // prefix (4, 6, 8 digits) → its 10-digit lines
  for (const code of hsCodes) {
    if (code.length !== 10) continue;
    for (const n of [4, 6, 8]) {
      const c = children.get(code.slice(0, n));
      if (c) c.count++;
      else children.set(code.slice(0, n), { count: 1, only: code });
    }
  }
  for (const key of keys) {
    if (key.length <= 4) continue;
    for (let n = key.length - 2; n >= 4; n -= 2) {
      const prefix = key.slice(0, n);
      if (keys.has(prefix)) break; // the code has its own line
      const c = children.get(prefix);
      if (!c || c.count !== 1 || !c.only.startsWith(key)) break;
      out.set(prefix, c.only);
    }
  }
  return out;
}

function compileFreight(table: FreightTable): CompiledFreight {
  const zoneOf = new Map<string, string>();
  for (const z of table.zones) for (const c of z.countries) zoneOf.set(c, z.zone);
  const rowsByZone = new Map<string, { maxKg: number; seaParcelKrw: number; expressKrw: number }[]>();
  for (const r of table.rows) {
    const list = rowsByZone.get(r.zone) ?? [];
    list.push(r);
    rowsByZone.set(r.zone, list);
  }
  for (const list of rowsByZone.values()) list.sort((a, b) => a.maxKg - b.maxKg);
  const extraByZone = new Map(table.extraPerKg.map((e) => [e.zone, e]));
  return { table, zoneOf, rowsByZone, extraByZone };
}

export function compileReference(files: ReferenceFiles): Reference {
  const cache = new Map<string, ReferenceAsOf | null>();
  const compiledByVersion = new Map<string, unknown>();
  // Compile each dataset version once, however many dates share it.
  const once = <T>(key: string, build: () => T): T => {
    let v = compiledByVersion.get(key) as T | undefined;
    if (v === undefined) {
      v = build();
      compiledByVersion.set(key, v);
    }
    return v;
  };
  const weeks = new Map(files.exchangeRates.weeks.map((w) => [w.weekStart, w]));
  const minorUnitsByCode = new Map(files.currencies.map((c) => [c.code, c.minorUnits]));
  // A currency the data does not list (validation refuses it) is written with two decimals, as before.
  const minorUnits = (currency: string) => minorUnitsByCode.get(currency) ?? 2;

  function build(date: string): ReferenceAsOf | null {
    const t = versionAt(files.thresholds, date);
    const fr = versionAt(files.freight, date);
    const ta = versionAt(files.tariff, date);
    const ca = versionAt(files.categories, date);
    const ex = versionAt(files.exclusions, date);
    const ql = versionAt(files.quantityLimits, date);
    const pr = versionAt(files.prohibited, date);
    const ec = versionAt(files.excise, date);
    const li = versionAt(files.liquor, date);
    const va = versionAt(files.vat, date);
    const ft = versionAt(files.fta, date);
    const sr = files.simplifiedRates ? versionAt(files.simplifiedRates, date) : null;
    if (!t || !fr || !ta || !ca || !ex || !ql || !pr || !ec || !li || !va || !ft) return null;
    const exclusions = once(`exclusions:${ex.version}`, () => compileMatcher(ex.records));
    const quantityLimits = once(`quantity:${ql.version}`, () => ({ rules: ql.records, matcher: compileMatcher(ql.records) }));
    const prohibited = once(`prohibited:${pr.version}`, () => compileMatcher(pr.records));
    const categories = once(`categories:${ca.version}`, () => new Map(ca.records.map((c) => [c.category, c])));
    const versions = {
      thresholds: t.version,
      exchangeRates: files.exchangeRates.version,
      freight: fr.version,
      tariff: ta.version,
      categories: ca.version,
      exclusions: ex.version,
      quantityLimits: ql.version,
      prohibited: pr.version,
      excise: ec.version,
      liquor: li.version,
      vat: va.version,
      fta: ft.version,
    };
    const findKeywords = once(`keywords:${ex.version}:${ql.version}:${pr.version}`, () =>
      sharedKeywordFinder([exclusions, quantityLimits.matcher, prohibited] as CompiledMatcher<unknown>[]),
    );
    return {
      date,
      thresholds: t.records,
      freight: once(`freight:${fr.version}`, () => compileFreight(fr.records)),
      tariff: once(`tariff:${ta.version}`, () => new Map(ta.records.map((l) => [l.hs.replace(/\D/g, ''), l]))),
      onlyChildTariff: once(`onlyChildTariff:${ta.version}`, () => onlyChildLines(ta.records, files.hsCodes)),
      categories,
      categoryHs: once(`categoryHs:${ca.version}`, () => new Map(ca.records.map((c) => [c.category, c.hs.replace(/\D/g, '')]))),
      exclusions,
      quantityLimits,
      prohibited,
      findKeywords,
      // Excise and liquor taxes follow the classification only: a keyword such as "wine"
      // in "wine glass" must not levy liquor tax.
      excise: once(`excise:${ec.version}`, () => compileMatcher(ec.records, { keywords: false })),
      liquor: once(`liquor:${li.version}`, () => compileMatcher(li.records, { keywords: false })),
      vat: once(`vat:${va.version}`, () => ({ rules: va.records, exempt: compileMatcher(va.records.exempt, { keywords: false }) })),
      fta: once(`fta:${ft.version}`, () => new Map(ft.records.map((a) => [a.code, a]))),
      versions,
      tariffEffectiveFrom: ta.effectiveFrom,
      maxBasicDutyRate: once(`maxBasicDutyRate:${ta.version}`, () => ta.records.reduce((max, l) => Math.max(max, l.basic), 0)),
      dataVersions: Object.freeze({ ...versions, exchangeRateWeek: rateWeekStart(date) ?? '' }),
      // Recorded only by the assessments that say the simplified rates (a postal parcel taxed): the others' dataVersions stay as they were.
      simplified: sr ? { rules: sr.records, version: sr.version, dataVersions: Object.freeze({ ...versions, exchangeRateWeek: rateWeekStart(date) ?? '', simplifiedRates: sr.version }) } : null,
    };
  }

  return {
    asOf(date) {
      let v = cache.get(date);
      if (v === undefined) {
        v = build(date);
        cache.set(date, v);
      }
      return v;
    },
    fxWeek: (weekStart) => weeks.get(weekStart),
    fxUnits: (currency) => files.exchangeRates.units[currency] ?? 1,
    minorUnits,
    fxVersion: files.exchangeRates.version,
    currencies: new Set(files.currencies.map((c) => c.code)),
    countries: new Set(files.countries.map((c) => c.code)),
    hsCodes: files.hsCodes ? new Set(files.hsCodes) : null,
    reasons: files.reasons,
    reasonTemplates: compileReasons(files.reasons, minorUnits),
    holidays: compileHolidayCalendar(files.holidays),
    files,
  };
}
