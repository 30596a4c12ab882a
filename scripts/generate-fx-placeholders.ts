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
//  - between two published weeks: linear interpolation between the nearest published weeks;
//  - after the last published week: that week's rate held flat;
//  - before the first published week (no published week on that side): linear interpolation of
//    approximate monthly market averages (MONTHLY, anchored on the 15th) into the first published
//    week. MONTHLY is an engineer's approximation of the KRW market rate, NOT published customs
//    rates.
// Replace placeholder weeks with the published UNI-PASS API012 / data.go.kr 15101230 rate (add them
// to the sources file) before relying on a tax amount.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeRateFile, FxWeek } from '../src/domain/reference/types.ts';

const VERSION = 'fx-2026-12-03-2027';
const FIRST_WEEK = '2022-01-02';
const LAST_WEEK = '2027-12-26'; // a year past the published range, so the platform and its demo run through 2027 (placeholders, flagged)
const CURRENCIES = ['USD', 'EUR', 'JPY', 'CNY', 'GBP', 'HKD'] as const;
type Currency = (typeof CURRENCIES)[number];
type Anchored = Exclude<Currency, 'HKD'>;

/** HKD is pegged to USD (7.75–7.85): derived as USD / HKD_PER_USD. */
const HKD_PER_USD = 7.8;

/** `source` of a placeholder week, by how it was filled (see the header). */
const PLACEHOLDER_SOURCE = {
  before:
    'placeholder: approximation of the market rate (monthly averages interpolated into the first published week); replace with the published UNI-PASS API012 rate',
  between: 'placeholder: linear interpolation between the nearest published weeks; replace with the published UNI-PASS API012 rate',
  after: 'placeholder: the last published week held flat; replace with the published UNI-PASS API012 rate',
} as const;

/** Approximate monthly average KRW market rates (KRW per 1 unit), January..December. Used only
 *  for weeks before the first published week (see the header). */
const MONTHLY: Record<Anchored, Record<number, number[]>> = {
  USD: {
    2022: [1194.0, 1200.2, 1220.6, 1235.3, 1268.4, 1283.4, 1307.0, 1319.8, 1391.6, 1426.7, 1364.1, 1296.2],
    2023: [1242.6, 1271.5, 1305.7, 1320.0, 1327.9, 1296.7, 1286.3, 1318.4, 1328.6, 1350.7, 1310.4, 1303.9],
    2024: [1323.6, 1331.7, 1330.7, 1367.8, 1365.4, 1380.0, 1383.6, 1354.2, 1334.8, 1361.0, 1393.4, 1436.6],
    2025: [1455.8, 1445.6, 1456.9, 1444.3, 1394.5, 1365.0, 1376.0, 1389.7, 1392.4, 1424.9, 1460.0, 1470.0],
    2026: [1455.0],
  },
  EUR: {
    2022: [1351, 1360, 1344, 1334, 1339, 1356, 1329, 1323, 1383, 1399, 1393, 1375],
    2023: [1344, 1365, 1398, 1451, 1448, 1407, 1418, 1438, 1420, 1428, 1417, 1422],
    2024: [1446, 1437, 1447, 1470, 1476, 1487, 1506, 1491, 1484, 1486, 1470, 1499],
    2025: [1510, 1508, 1579, 1609, 1566, 1575, 1605, 1620, 1632, 1658, 1690, 1720],
    2026: [1705],
  },
  JPY: {
    2022: [10.39, 10.4, 10.22, 9.79, 9.87, 9.62, 9.56, 9.74, 9.77, 9.7, 9.64, 9.61],
    2023: [9.61, 9.58, 9.77, 9.89, 9.69, 9.2, 9.07, 9.11, 8.99, 9.05, 8.83, 9.06],
    2024: [9.04, 8.92, 8.9, 8.94, 8.75, 8.8, 8.72, 9.2, 9.35, 9.17, 9.07, 9.37],
    2025: [9.31, 9.57, 9.81, 9.95, 9.64, 9.46, 9.35, 9.4, 9.42, 9.42, 9.45, 9.45],
    2026: [9.35],
  },
  CNY: {
    2022: [187.8, 189.0, 192.1, 193.5, 190.3, 191.8, 194.6, 194.3, 199.8, 197.6, 189.8, 185.8],
    2023: [183.3, 185.6, 189.2, 191.6, 189.6, 181.4, 178.9, 181.5, 182.1, 184.7, 182.1, 183.1],
    2024: [185.0, 185.0, 185.0, 189.1, 188.8, 190.0, 190.5, 188.5, 188.3, 191.4, 193.1, 196.8],
    2025: [199.0, 198.3, 200.6, 197.8, 192.9, 190.0, 191.8, 193.4, 195.3, 200.0, 205.2, 208.0],
    2026: [206.5],
  },
  GBP: {
    2022: [1620, 1623, 1609, 1596, 1576, 1582, 1568, 1580, 1582, 1608, 1595, 1583],
    2023: [1528, 1542, 1587, 1643, 1653, 1645, 1661, 1680, 1659, 1641, 1625, 1650],
    2024: [1681, 1681, 1693, 1708, 1723, 1757, 1790, 1756, 1767, 1779, 1771, 1815],
    2025: [1802, 1812, 1885, 1893, 1855, 1851, 1865, 1875, 1880, 1895, 1920, 1965],
    2026: [1965],
  },
};

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

export interface PublishedWeeksFile {
  dataset: 'fx-published-weeks';
  description: string;
  currencies: Anchored[];
  weeks: PublishedWeek[];
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

/** Interpolation anchors of a currency: every published week, and the monthly approximations
 *  dated before the first published week (nothing published bounds those weeks from below). */
function anchorsFor(currency: Anchored, real: FxWeek[]): { t: number; v: number }[] {
  const points = real
    .filter((w) => w.rates[currency] !== undefined && !(w.placeholderCurrencies ?? []).includes(currency))
    .map((w) => ({ t: toMs(w.weekStart), v: w.rates[currency]! }));
  const firstReal = Math.min(...points.map((p) => p.t));
  for (const [year, months] of Object.entries(MONTHLY[currency])) {
    months.forEach((v, i) => {
      const t = Date.UTC(Number(year), i, 15);
      if (t < firstReal) points.push({ t, v });
    });
  }
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

export function buildExchangeRateFile(existing?: ExchangeRateFile, published: PublishedWeeksFile = readPublishedWeeks()): ExchangeRateFile {
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
  const anchors = Object.fromEntries(
    CURRENCIES.filter((c): c is Anchored => c !== 'HKD').map((c) => [c, anchorsFor(c, realWeeks)]),
  ) as Record<Anchored, { t: number; v: number }[]>;

  const realTimes = realWeeks.map((w) => toMs(w.weekStart));
  const firstReal = Math.min(...realTimes);
  const lastReal = Math.max(...realTimes);

  const weeks: FxWeek[] = [];
  for (let t = toMs(FIRST_WEEK); t <= toMs(LAST_WEEK); t += 7 * DAY_MS) {
    const weekStart = toIso(t);
    const r = real.get(weekStart);
    if (r) {
      weeks.push(r);
      continue;
    }
    const rates: Record<string, number> = {};
    for (const c of CURRENCIES) {
      rates[c] = c === 'HKD' ? round2(interpolate(anchors.USD, t) / HKD_PER_USD) : round2(interpolate(anchors[c], t));
    }
    const how = t < firstReal ? 'before' : t > lastReal ? 'after' : 'between';
    weeks.push({ weekStart, rates, placeholder: true, source: PLACEHOLDER_SOURCE[how] });
  }

  return {
    dataset: 'exchange-rates',
    version: VERSION,
    description:
      'Weekly customs exchange rates for imports (과세환율, 수입; UNI-PASS API012 imexTp=2), KRW per `units[currency]` units of the currency. ' +
      'A week runs Sunday 00:00 to Saturday 24:00 (관세평가 운영에 관한 고시 제3조②); the rate is the average of the previous week’s first-quoted ' +
      '대고객 전신환매도율 (관세법 제18조) and is published on the Friday before. Weeks with placeholder=false are published rates, each `source` naming ' +
      'the page it was read from (collected in data/sources/fx-published-weeks.json). Weeks with placeholder=true are APPROXIMATIONS, not published ' +
      'customs rates (generated by scripts/generate-fx-placeholders.ts): interpolated between the nearest published weeks, held flat after the last ' +
      'one, and before the first one interpolated from approximate monthly market averages; `source` says which. placeholderCurrencies lists ' +
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
