// Public statistics: monthly counts, goods values and taxes by origin country, HS chapter
// (category) or route. The aggregation runs in the database (StatisticsStore); this use case
// checks the period, names the keys in Korean and English and reports the query time.
import { fail, ok, type Result } from './errors.ts';
import type { Clock, ReferenceSource } from './ports.ts';
import type { StatisticsAggregateRow, StatisticsDimension, StatisticsStore } from './ports/portal-stores.ts';

export const STATISTICS_DIMENSIONS: StatisticsDimension[] = ['origin', 'category', 'route'];
export const MAX_MONTHS = 60;

export interface StatisticsView {
  dimension: StatisticsDimension;
  from: string; // YYYY-MM
  to: string; // YYYY-MM (inclusive)
  rows: StatisticsAggregateRow[];
  totals: { month: string; count: number; valueUsd: number; valueKrw: number; taxesKrw: number }[];
  labels: Record<string, { ko: string; en: string }>;
  declarations: number;
  queryMs: number;
}

const ROUTE_LABELS: Record<string, { ko: string; en: string }> = {
  list: { ko: '목록통관', en: 'List clearance' },
  general: { ko: '일반통관', en: 'General clearance' },
  hold: { ko: '통관보류', en: 'Held' },
};

function monthIndex(ym: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function labelsOf(dimension: StatisticsDimension, keys: string[], reference: ReferenceSource): Record<string, { ko: string; en: string }> {
  const out: Record<string, { ko: string; en: string }> = {};
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
  const chapters = new Map<string, { ko: string; en: string }>();
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
  deps: { statistics: StatisticsStore; reference: ReferenceSource; clock: Clock },
  q: { dimension: StatisticsDimension; from?: string; to?: string },
): Promise<Result<StatisticsView>> {
  const now = deps.clock.now();
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const to = q.to ? monthIndex(q.to) : current;
  const from = q.from ? monthIndex(q.from) : (to ?? current) - 11;
  if (to === null || from === null) return fail('VALIDATION_FAILED', [{ path: q.to && monthIndex(q.to) === null ? 'querystring.to' : 'querystring.from', message: 'YYYY-MM' }]);
  if (from > to || to - from + 1 > MAX_MONTHS) {
    return fail('VALIDATION_FAILED', [{ path: 'querystring.from', message: `from <= to, at most ${MAX_MONTHS} months` }], {
      ko: `기간은 시작월이 종료월보다 앞서야 하며 최대 ${MAX_MONTHS}개월입니다.`,
      en: `The period must start before it ends and span at most ${MAX_MONTHS} months.`,
    });
  }
  const { rows, elapsedMs } = await deps.statistics.monthly({ dimension: q.dimension, from: `${monthOf(from)}-01`, to: `${monthOf(to + 1)}-01` });
  const totalsByMonth = new Map<string, StatisticsView['totals'][number]>();
  for (let i = from; i <= to; i++) totalsByMonth.set(`${monthOf(i)}-01`, { month: `${monthOf(i)}-01`, count: 0, valueUsd: 0, valueKrw: 0, taxesKrw: 0 });
  for (const r of rows) {
    const t = totalsByMonth.get(r.month);
    if (!t) continue;
    t.count += r.count;
    t.valueUsd += r.valueUsd;
    t.valueKrw += r.valueKrw;
    t.taxesKrw += r.taxesKrw;
  }
  const totals = [...totalsByMonth.values()].map((t) => ({ ...t, valueUsd: Math.round(t.valueUsd * 100) / 100 }));
  return ok({
    dimension: q.dimension,
    from: monthOf(from),
    to: monthOf(to),
    rows,
    totals,
    labels: labelsOf(q.dimension, [...new Set(rows.map((r) => r.key))], deps.reference),
    declarations: totals.reduce((s, t) => s + t.count, 0),
    queryMs: Math.round(elapsedMs * 10) / 10,
  });
}

/** The view as CSV (UTF-8 with BOM so spreadsheet programs read Korean correctly). */
export function statisticsCsv(view: StatisticsView, lang: 'ko' | 'en'): string {
  const head = lang === 'ko' ? ['월', '구분코드', '구분', '건수', '물품가격(USD)', '물품가격(원)', '세액(원)'] : ['month', 'key', 'label', 'count', 'goods_value_usd', 'goods_value_krw', 'taxes_krw'];
  const esc = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [head.join(',')];
  for (const r of view.rows) {
    const label = view.labels[r.key];
    lines.push([r.month.slice(0, 7), r.key, label ? label[lang] : r.key, r.count, r.valueUsd.toFixed(2), r.valueKrw, r.taxesKrw].map(esc).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
