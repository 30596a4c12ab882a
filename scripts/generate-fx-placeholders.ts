// Writes data/exchange-rates.json: one customs import rate (과세환율, imexTp=2) per week and
// currency, for every week (Sunday to Saturday, 관세평가 운영에 관한 고시 제3조) from FIRST_WEEK
// to LAST_WEEK.
//
//   ./node_modules/.bin/node scripts/generate-fx-placeholders.ts
//
// Where the published rate of a week is known it is written as it is (KNOWN_WEEKS below, and any
// week already in the file with `placeholder: false`, e.g. loaded later from UNI-PASS API012 —
// those are kept untouched). Every other week is a PLACEHOLDER: a linear interpolation between
// approximate monthly averages of the market rate (anchored on the 15th of each month), rounded to
// 2 decimals, then held flat after the last anchor. The monthly figures are an engineer's
// approximation of the KRW market rate, NOT published customs rates: replace every placeholder week
// with the published UNI-PASS API012 / data.go.kr 15101230 rate before relying on a tax amount.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeRateFile, FxWeek } from '../src/domain/reference/types.ts';

const VERSION = 'fx-2026-11-22';
const FIRST_WEEK = '2022-01-02';
const LAST_WEEK = '2026-12-27';
const CURRENCIES = ['USD', 'EUR', 'JPY', 'CNY', 'GBP', 'HKD'] as const;
type Currency = (typeof CURRENCIES)[number];
type Anchored = Exclude<Currency, 'HKD'>;

/** HKD is pegged to USD (7.75–7.85): derived as USD / HKD_PER_USD. */
const HKD_PER_USD = 7.8;

const PLACEHOLDER_SOURCE =
  'placeholder: approximation of the market rate; replace with the published UNI-PASS API012 rate';

/** Approximate monthly average KRW market rates (KRW per 1 unit), January..December. */
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

/** Published weekly import rates known from a source (domain-rules §4.2). */
const KNOWN_WEEKS: { weekStart: string; rates: Record<Anchored, number>; source: string }[] = [
  {
    weekStart: '2026-02-01',
    rates: { USD: 1442.88, JPY: 9.4, CNY: 207.51, EUR: 1723.42, GBP: 1985.46 },
    source:
      'KCS weekly import rate 2026-02-01~2026-02-07 as shown by iporter.com/ko/guide/customs-rates (domain-rules §4.2): USD, JPY, CNY, EUR, GBP; HKD is a placeholder derived as USD/7.8',
  },
];

const DAY_MS = 86_400_000;
const toMs = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);
const toIso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const round2 = (x: number): number => Math.round(x * 100) / 100;

function anchorsFor(currency: Anchored): { t: number; v: number }[] {
  const points: { t: number; v: number }[] = [];
  for (const [year, months] of Object.entries(MONTHLY[currency])) {
    months.forEach((v, i) => {
      points.push({ t: Date.UTC(Number(year), i, 15), v });
    });
  }
  for (const known of KNOWN_WEEKS) points.push({ t: toMs(known.weekStart), v: known.rates[currency] });
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

export function buildExchangeRateFile(existing?: ExchangeRateFile): ExchangeRateFile {
  const anchors = Object.fromEntries(
    CURRENCIES.filter((c): c is Anchored => c !== 'HKD').map((c) => [c, anchorsFor(c)]),
  ) as Record<Anchored, { t: number; v: number }[]>;
  const keep = new Map((existing?.weeks ?? []).filter((w) => !w.placeholder).map((w) => [w.weekStart, w]));
  const known = new Map(KNOWN_WEEKS.map((k) => [k.weekStart, k]));

  const weeks: FxWeek[] = [];
  for (let t = toMs(FIRST_WEEK); t <= toMs(LAST_WEEK); t += 7 * DAY_MS) {
    const weekStart = toIso(t);
    const kept = keep.get(weekStart);
    if (kept) {
      weeks.push(kept);
      continue;
    }
    const k = known.get(weekStart);
    if (k) {
      weeks.push({
        weekStart,
        rates: Object.fromEntries(
          CURRENCIES.map((c) => [c, c === 'HKD' ? round2(k.rates.USD / HKD_PER_USD) : k.rates[c]]),
        ),
        placeholder: false,
        placeholderCurrencies: ['HKD'],
        source: k.source,
      });
      continue;
    }
    const rates: Record<string, number> = {};
    for (const c of CURRENCIES) {
      rates[c] = c === 'HKD' ? round2(interpolate(anchors.USD, t) / HKD_PER_USD) : round2(interpolate(anchors[c], t));
    }
    weeks.push({ weekStart, rates, placeholder: true, source: PLACEHOLDER_SOURCE });
  }

  return {
    dataset: 'exchange-rates',
    version: VERSION,
    description:
      'Weekly customs exchange rates for imports (과세환율, 수입; UNI-PASS API012 imexTp=2), KRW per `units[currency]` units of the currency. ' +
      'A week runs Sunday 00:00 to Saturday 24:00 (관세평가 운영에 관한 고시 제3조②); the rate is the average of the previous week’s first-quoted ' +
      '대고객 전신환매도율 (관세법 제18조) and is published on the Friday before. Weeks with placeholder=true are APPROXIMATIONS of the market rate ' +
      '(generated by scripts/generate-fx-placeholders.ts), not published customs rates; placeholderCurrencies lists approximate currencies inside an ' +
      'otherwise published week. Replace placeholders with the published rate (UNI-PASS API012 / data.go.kr 15101230) and set placeholder=false.',
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
