// Public statistics: monthly counts, goods values and taxes by origin country, HS chapter
// (category) or route. The aggregation runs in the database (StatisticsStore); this use case
// checks the period, withholds the cells that would reveal a few people's purchases
// (domain/statistics-disclosure.ts, threshold in data/statistics.json), names the keys in Korean
// and English and reports the query time.
import type { Bilingual } from '../domain/bilingual.ts';
import { koreanDateOf } from '../domain/dates.ts';
import { totalWithheld, withheldCells, type StatisticsCell, type StatisticsDisclosure, type Withheld } from '../domain/statistics-disclosure.ts';
import { ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { Clock, ReferenceSource } from './ports.ts';
import type { StatisticsAggregateRow, StatisticsDimension, StatisticsStore } from './ports/portal-stores.ts';
import type { StatisticsView } from '../domain/api-views.ts';
export type { StatisticsView };

export const STATISTICS_DIMENSIONS: StatisticsDimension[] = ['origin', 'category', 'route'];
export const MAX_MONTHS = 60;


interface Figures {
  count: number;
  valueUsd: number;
  valueKrw: number;
  taxesKrw: number;
}

function published(f: Figures, withheld: Withheld): StatisticsCell {
  if (withheld) return { suppressed: true, belowMin: withheld === 'small', count: null, valueUsd: null, valueKrw: null, taxesKrw: null };
  return { suppressed: false, belowMin: false, count: f.count, valueUsd: Math.round(f.valueUsd * 100) / 100, valueKrw: f.valueKrw, taxesKrw: f.taxesKrw };
}

const ROUTE_LABELS: Record<string, Bilingual> = {
  list: { ko: '목록통관', en: 'List clearance' },
  general: { ko: '일반통관', en: 'General clearance' },
  hold: { ko: '통관보류', en: 'Held' },
};

/** 0001-01: PostgreSQL has no year 0 (a period in the year 0000 answered 500). */
const FIRST_MONTH = 12;

/** A month given as YYYY-MM; YYYY-MM-01 (the form of the response's months until 2026-12) is taken too. */
function monthIndex(ym: string): number | null {
  const m = /^(\d{4})-(\d{2})(?:-01)?$/.exec(ym);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const index = Number(m[1]) * 12 + month - 1;
  return index >= FIRST_MONTH ? index : null;
}

/** YYYY-MM, the year in 4 digits (0999-01, not 999-01). */
function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function labelsOf(dimension: StatisticsDimension, keys: string[], reference: ReferenceSource): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  const ref = reference.current();
  if (dimension === 'route') {
    for (const k of keys) out[k] = ROUTE_LABELS[k] ?? { ko: k, en: k };
    return out;
  }
  if (dimension === 'origin') {
    const names = new Map(ref.files.countries.map((c) => [c.code, c]));
    for (const k of keys) {
      const c = names.get(k);
      out[k] = c ? { ko: c.ko, en: c.en } : { ko: k || '미상', en: k || 'Unknown' };
    }
    return out;
  }
  // HS chapters: the chapter line of the tariff when there is one, else a category mapped to the chapter.
  const chapters = new Map<string, Bilingual>();
  const latest = ref.files.tariff.versions[ref.files.tariff.versions.length - 1];
  for (const line of latest?.records ?? []) if (line.hs.length === 2) chapters.set(line.hs, { ko: line.ko, en: line.en });
  const cats = ref.files.categories.versions[ref.files.categories.versions.length - 1];
  for (const c of cats?.records ?? []) {
    const ch = c.hs.slice(0, 2);
    if (!chapters.has(ch)) chapters.set(ch, { ko: c.ko, en: c.en.replace(/\s*\(.*\)$/, '') });
  }
  for (const k of keys) {
    const name = chapters.get(k);
    out[k] = name ? { ko: `${k}류 ${name.ko}`, en: `Ch. ${k} ${name.en}` } : { ko: k ? `${k}류` : '미분류', en: k ? `Ch. ${k}` : 'Unclassified' };
  }
  return out;
}

export async function computeStatistics(
  deps: { statistics: StatisticsStore; reference: ReferenceSource; clock: Clock; disclosure: StatisticsDisclosure },
  q: { dimension: StatisticsDimension; from?: string; to?: string },
): Promise<Result<StatisticsView>> {
  // The current month is Korea's (declaration dates are Korean dates): for 9 hours at the start of a month the UTC one lags.
  const today = koreanDateOf(deps.clock.now().toISOString());
  const current = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const to = q.to ? monthIndex(q.to) : current;
  const from = q.from ? monthIndex(q.from) : Math.max(FIRST_MONTH, (to ?? current) - 11);
  if (to === null || from === null) return invalidRequest(requestFieldError(q.to && monthIndex(q.to) === null ? 'querystring.to' : 'querystring.from', 'bad_format', { format: 'YYYY-MM' }));
  if (from > to || to - from + 1 > MAX_MONTHS) {
    return invalidRequest(requestFieldError('querystring.from', 'period_invalid', { limit: MAX_MONTHS, unitKo: '개월', unitEn: 'months' }), {
      ko: `기간은 시작월이 종료월보다 앞서야 하며 최대 ${MAX_MONTHS}개월입니다.`,
      en: `The period must start before it ends and span at most ${MAX_MONTHS} months.`,
    });
  }
  const { rows, elapsedMs } = await deps.statistics.monthly({ dimension: q.dimension, from: `${monthOf(from)}-01`, to: `${monthOf(to + 1)}-01` });
  const min = deps.disclosure.minCount;
  const byMonth = new Map<string, { figures: Figures; rows: StatisticsAggregateRow[] }>();
  for (let i = from; i <= to; i++) byMonth.set(monthOf(i), { figures: { count: 0, valueUsd: 0, valueKrw: 0, taxesKrw: 0 }, rows: [] });
  for (const r of rows) {
    const m = byMonth.get(r.month.slice(0, 7)); // the store's month is its first day
    if (!m) continue;
    m.rows.push(r);
    m.figures.count += r.count;
    m.figures.valueUsd += r.valueUsd;
    m.figures.valueKrw += r.valueKrw;
    m.figures.taxesKrw += r.taxesKrw;
  }
  const months = [...byMonth.entries()];
  // Cells within each month (the month total is published), then months within the period.
  const outRows: StatisticsView['rows'] = [];
  for (const [, m] of months) {
    const w = withheldCells(m.rows.map((r) => ({ count: r.count, empty: false })), min);
    m.rows.forEach((r, i) => outRows.push({ month: r.month.slice(0, 7), key: r.key, ...published(r, w[i] ?? null) }));
  }
  const monthCells = months.map(([, m]) => ({ count: m.figures.count, empty: m.rows.length === 0 }));
  const monthWithheld = withheldCells(monthCells, min);
  const totals = months.map(([month, m], i) => ({ month, ...published(m.figures, monthWithheld[i] ?? null) }));
  const sum: Figures = { count: 0, valueUsd: 0, valueKrw: 0, taxesKrw: 0 };
  for (const [, m] of months) {
    sum.count += m.figures.count;
    sum.valueUsd += m.figures.valueUsd;
    sum.valueKrw += m.figures.valueKrw;
    sum.taxesKrw += m.figures.taxesKrw;
  }
  const period = published(sum, totalWithheld({ count: sum.count, empty: rows.length === 0 }, min) ? 'small' : null);
  return ok({
    dimension: q.dimension,
    from: monthOf(from),
    to: monthOf(to),
    rows: outRows,
    totals,
    period,
    labels: labelsOf(q.dimension, [...new Set(rows.map((r) => r.key))], deps.reference),
    declarations: period.count,
    disclosure: { minCount: min },
    queryMs: Math.round(elapsedMs * 10) / 10,
  });
}

/** The view as CSV (UTF-8 with BOM so spreadsheet programs read Korean correctly); a withheld cell has empty figures and says why. */
export function statisticsCsv(view: StatisticsView, lang: 'ko' | 'en'): string {
  const head =
    lang === 'ko'
      ? ['월', '구분코드', '구분', '건수', '물품가격(USD)', '물품가격(원)', '세액(원)', '비공개']
      : ['month', 'key', 'label', 'count', 'goods_value_usd', 'goods_value_krw', 'taxes_krw', 'suppressed'];
  const min = view.disclosure.minCount;
  const why = (r: StatisticsCell) =>
    !r.suppressed ? '' : r.belowMin ? (lang === 'ko' ? `${min}건 미만` : `fewer than ${min}`) : lang === 'ko' ? '다른 칸 보호' : 'protects another cell';
  const esc = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [head.join(',')];
  for (const r of view.rows) {
    const label = view.labels[r.key];
    lines.push([r.month, r.key, label ? label[lang] : r.key, r.count, r.valueUsd === null ? null : r.valueUsd.toFixed(2), r.valueKrw, r.taxesKrw, why(r)].map(esc).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
