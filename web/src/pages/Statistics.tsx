// Public statistics: monthly declarations, goods value and taxes by origin country, HS chapter
// or route — charts (recharts) and the same numbers as tables, CSV download, and the time the
// database took for the aggregate.
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type StatisticsCell, type StatisticsDimension, type StatisticsRow, type StatisticsView } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Empty, ErrorMessage, Loading, PageHeader, TableScroll } from '../components/ui.tsx';
import { koreanDateOf } from '../../../src/domain/dates.ts';
import { monthTickLabel, monthTicks } from '../month-ticks.ts';
import { MAX_MONTHS, periodProblem } from '../stats-period.ts';

const TOP = 6;
// Colour-blind-safe palette (Okabe–Ito hues), each at least 3:1 against the card's white (WCAG
// 1.4.11, non-text contrast): Okabe–Ito's sky blue #56B4E9 (2.3:1) and orange #E69F00 (2.3:1)
// are darkened to #2B8FC9 (3.6:1) and #B07A00 (3.7:1). The stacked segments are parted by a white
// line, so each one borders white rather than a neighbour of similar lightness.
// Each chart is one image with a text alternative (role="img" and its label) and the same figures
// in the tables below; recharts' own keyboard layer (a focusable svg) is off: it would be an
// unnamed tab stop inside the image. Legend texts are in the text colour (recharts paints them in
// the series colour, which is too light for text).
const CHART_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#2B8FC9', '#B07A00', '#7a7a7a'];
const OTHER = '__other';

/**
 * A tick of the taxes axis (KRW, the unit in the chart's title), short enough for the axis: in
 * Korean by 억 and 만 (220만), in English in the compact notation (2.2M, 550K: en-US's; en-GB's says 2.2m).
 */
function wonTick(v: number, lang: 'ko' | 'en'): string {
  if (lang === 'en') return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
  const ko = (x: number, digits: number) => new Intl.NumberFormat('ko-KR', { maximumFractionDigits: digits }).format(x);
  if (v >= 1e8) return `${ko(v / 1e8, 1)}억`;
  if (v >= 1e4) return `${ko(v / 1e4, 0)}만`;
  return ko(v, 0);
}

/** The last n months up to Korea's current month (declaration dates are Korean dates, whatever the browser's zone). */
function monthsBack(n: number): { from: string; to: string } {
  const today = koreanDateOf(new Date().toISOString());
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
  const to = new Date(Date.UTC(year, month, 1));
  const from = new Date(Date.UTC(year, month - (n - 1), 1));
  const ym = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return { from: ym(from), to: ym(to) };
}

const CHART_MARGIN = { top: 8, right: 8, bottom: 8, left: 0 };
const COUNT_Y_WIDTH = 56;
const TAXES_Y_WIDTH = 64;

/**
 * The month ticks of both charts' x axis (the same months on both): evenly spaced, as many as the
 * narrower plot (the taxes chart's, its y axis being wider) has room for (month-ticks.ts).
 */
function useMonthAxis(months: readonly string[], chartWidth: number, lang: 'ko' | 'en') {
  return useMemo(() => {
    const { ticks, step } = monthTicks(months, chartWidth - Math.max(COUNT_Y_WIDTH, TAXES_Y_WIDTH) - CHART_MARGIN.right - CHART_MARGIN.left, lang);
    // interval 0: every tick given is drawn (recharts would otherwise drop some of them again).
    return { ticks, interval: 0, tickFormatter: (m: string) => monthTickLabel(m, lang, step) } as const;
  }, [months, chartWidth, lang]);
}

export function Statistics() {
  const { t, lang, num, krw, usd } = useI18n();
  const [dimension, setDimension] = useState<StatisticsDimension>('origin');
  const [period, setPeriod] = useState(() => monthsBack(12));
  // A period the server would refuse is said beside the months and not asked for (nor offered as CSV);
  // the figures of the period before are not left beside it.
  const problem = periodProblem(period.from, period.to);
  const stats = useQuery({
    queryKey: ['statistics', dimension, period.from, period.to],
    queryFn: ({ signal }) => api<StatisticsView>(`/api/v1/statistics/monthly?dimension=${dimension}&from=${period.from}&to=${period.to}`, { signal }),
    placeholderData: (prev) => prev,
    enabled: !problem,
  });
  const data = problem ? undefined : stats.data;
  const periodError = !problem ? null : problem.kind === 'order' ? t('stats.error.order') : t('stats.error.span', { max: MAX_MONTHS, months: problem.months });
  const periodInput = periodError ? ({ 'aria-invalid': true, 'aria-describedby': 'stats-period-error' } as const) : {};

  const view = useMemo(() => {
    if (!data) return null;
    // Totals by key add the published cells only: a withheld cell (small-cell suppression) has no figures.
    const byKey = new Map<string, { key: string; count: number; valueUsd: number; valueKrw: number; taxesKrw: number; withheld: StatisticsRow[] }>();
    for (const r of data.rows) {
      const k = byKey.get(r.key) ?? { key: r.key, count: 0, valueUsd: 0, valueKrw: 0, taxesKrw: 0, withheld: [] };
      if (r.suppressed) k.withheld.push(r);
      else {
        k.count += r.count ?? 0;
        k.valueUsd += r.valueUsd ?? 0;
        k.valueKrw += r.valueKrw ?? 0;
        k.taxesKrw += r.taxesKrw ?? 0;
      }
      byKey.set(r.key, k);
    }
    const ranked = [...byKey.values()].sort((a, b) => b.count - a.count || a.withheld.length - b.withheld.length);
    const top = ranked.slice(0, TOP).map((r) => r.key);
    const label = (key: string) => (key === OTHER ? t('stats.other') : data.labels[key] ? data.labels[key][lang] : key || t('stats.unknown'));
    const months = data.totals.map((m) => {
      const row: Record<string, number | string | null> = { month: m.month, taxes: m.taxesKrw, total: m.count };
      for (const k of [...top, OTHER]) row[k] = 0;
      for (const r of data.rows.filter((x) => x.month === m.month)) {
        const k = top.includes(r.key) ? r.key : OTHER;
        row[k] = (row[k] as number) + (r.count ?? 0);
      }
      return row;
    });
    const hasOther = ranked.length > TOP;
    const anyWithheld = data.period.suppressed || data.rows.some((r) => r.suppressed) || data.totals.some((m) => m.suppressed);
    return { ranked, top, label, months, anyWithheld, series: hasOther ? [...top, OTHER] : top };
  }, [data, lang, t]);

  const [chartWidth, setChartWidth] = useState(0); // as laid out, from the chart's own container (onResize)
  const monthList = useMemo(() => data?.totals.map((m) => m.month) ?? [], [data]);
  const monthAxis = useMonthAxis(monthList, chartWidth, lang);

  const min = data?.disclosure.minCount ?? 0;
  /** How a withheld cell reads: "<3" when it is small itself, "withheld" when it protects one. */
  const hidden = (c: StatisticsCell) => (c.belowMin ? `<${min}` : t('stats.withheld'));
  const shown = (c: StatisticsCell, value: number | null, format: (v: number) => string) => (c.suppressed || value === null ? hidden(c) : format(value));

  const csvHref = `/api/v1/statistics/monthly.csv?dimension=${dimension}&from=${period.from}&to=${period.to}&lang=${lang}`;
  const dims: StatisticsDimension[] = ['origin', 'category', 'route'];

  return (
    <>
      <PageHeader title={t('stats.title')} lead={t('stats.lead')} />
      <div className="card form stats-controls">
        <fieldset className="segmented">
          <legend>{t('stats.dimension')}</legend>
          {dims.map((d) => (
            <label key={d}>
              <input type="radio" name="dimension" value={d} checked={dimension === d} onChange={() => setDimension(d)} />
              <span>{t(`stats.dim.${d}` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
        {/* Each month on its own line on a phone: half a phone's width cuts the year off (December 202). */}
        <div className="row">
          <div className={`field field-wide${periodError ? ' field-error' : ''}`}>
            <label htmlFor="stats-from">{t('stats.from')}</label>
            <input id="stats-from" type="month" value={period.from} max={period.to} {...periodInput} onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })} />
          </div>
          <div className={`field field-wide${periodError ? ' field-error' : ''}`}>
            <label htmlFor="stats-to">{t('stats.to')}</label>
            <input id="stats-to" type="month" value={period.to} min={period.from} {...periodInput} onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })} />
          </div>
        </div>
        {periodError ? (
          <p className="error-text" id="stats-period-error" role="alert">
            {periodError}
          </p>
        ) : (
          <div className="button-row">
            <a className="button secondary" href={csvHref} download>
              {t('stats.csv')}
            </a>
          </div>
        )}
      </div>

      {!problem && stats.isPending ? <Loading /> : null}
      {!problem && stats.error ? <ErrorMessage error={stats.error} onRetry={() => stats.refetch()} /> : null}
      {data && view ? (
        <div className={`result-stack${stats.isFetching ? ' refreshing' : ''}`} aria-busy={stats.isFetching}>
          <section className="stats-row" aria-label={t('stats.summary')}>
            <div className="stat">
              <p className="stat-label">{t('stats.declarations')}</p>
              <p className="stat-value" data-testid="stats-count">
                {shown(data.period, data.period.count, num)}
              </p>
            </div>
            <div className="stat">
              <p className="stat-label">{t('stats.valueUsd')}</p>
              <p className="stat-value">{shown(data.period, data.period.valueUsd, usd)}</p>
            </div>
            <div className="stat">
              <p className="stat-label">{t('stats.taxes')}</p>
              <p className="stat-value">{shown(data.period, data.period.taxesKrw, krw)}</p>
            </div>
          </section>
          <p className="small muted" data-testid="query-time">
            {t('stats.queryTime', { ms: num(data.queryMs, 1), from: data.from, to: data.to })}
          </p>

          {view.anyWithheld ? (
            <p className="small muted" data-testid="stats-suppressed-note">
              {t('stats.suppressedNote', { min: num(min), dim: t(`stats.dim.${dimension}` as MessageKey) })}
            </p>
          ) : null}

          {/* A period without declarations says so once: no empty charts (the taxes axis read 0 to 4 won) nor tables of zeros. */}
          {data.rows.length === 0 ? <Empty>{t('stats.none')}</Empty> : null}

          {data.rows.length > 0 ? (
            <>
              <section className="card" aria-labelledby="chart-count">
                <h2 id="chart-count" className="card-title">
                  {t('stats.chartCount', { dim: t(`stats.dim.${dimension}` as MessageKey) })}
                </h2>
                <div className="chart" role="img" aria-label={t('stats.chartCountAlt')}>
                  <ResponsiveContainer width="100%" height={280} onResize={(width) => setChartWidth(width)}>
                    <BarChart accessibilityLayer={false} data={view.months} margin={CHART_MARGIN}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#d8dee6" />
                      <XAxis dataKey="month" tick={{ fontSize: 12 }} {...monthAxis} />
                      <YAxis tick={{ fontSize: 12 }} width={COUNT_Y_WIDTH} tickFormatter={(v: number) => num(v)} />
                      <Tooltip formatter={(v, name) => [num(Number(v)), view.label(String(name))]} />
                      {/* In the series' order (largest first, as the table): recharts sorts by key otherwise (CN, FR, JP, US), which read 중국 프랑스 일본 미국. */}
                      <Legend
                        formatter={(value) => <span className="chart-legend-text">{view.label(String(value))}</span>}
                        itemSorter={(item) => view.series.indexOf(String(item.dataKey))}
                        wrapperStyle={{ fontSize: 12 }}
                      />
                      {view.series.map((k, i) => (
                        <Bar key={k} dataKey={k} stackId="a" fill={CHART_COLORS[i % CHART_COLORS.length]} stroke="#ffffff" strokeWidth={1} isAnimationActive={false} />
                      ))}
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </section>

              <section className="card" aria-labelledby="chart-taxes">
                <h2 id="chart-taxes" className="card-title">
                  {t('stats.chartTaxes')}
                </h2>
                <div className="chart" role="img" aria-label={t('stats.chartTaxesAlt')}>
                  <ResponsiveContainer width="100%" height={220}>
                    <LineChart accessibilityLayer={false} data={view.months} margin={CHART_MARGIN}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#d8dee6" />
                      {/* Months as bands, as in the chart above: each point in the middle of its month, the first and last
                          month's labels inside the chart (on a point scale they sat on its edges and the last one was cut: '26.1' for 26.12). */}
                      <XAxis dataKey="month" scale="band" tick={{ fontSize: 12 }} {...monthAxis} />
                      <YAxis tick={{ fontSize: 12 }} width={TAXES_Y_WIDTH} tickFormatter={(v: number) => wonTick(v, lang)} />
                      <Tooltip formatter={(v) => [krw(Number(v)), t('stats.taxes')]} />
                      <Line type="linear" dataKey="taxes" stroke="#0b4f8a" strokeWidth={2} dot={false} isAnimationActive={false} />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              </section>

              <section className="card" aria-labelledby="table-keys">
                <h2 id="table-keys" className="card-title">
                  {t('stats.tableByKey', { dim: t(`stats.dim.${dimension}` as MessageKey) })}
                </h2>
                <TableScroll label={t('stats.tableByKey', { dim: t(`stats.dim.${dimension}` as MessageKey) })}>
                  <table className="data-table figures-table" data-testid="stats-table">
                    <thead>
                      <tr>
                        <th scope="col">{t(`stats.dim.${dimension}` as MessageKey)}</th>
                        <th scope="col" className="num">
                          {t('stats.declarations')}
                        </th>
                        <th scope="col" className="num">
                          {t('stats.share')}
                        </th>
                        <th scope="col" className="num">
                          {t('stats.valueUsd')}
                        </th>
                        <th scope="col" className="num">
                          {t('stats.taxes')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.ranked.map((r) => (
                        <tr key={r.key}>
                          <th scope="row">
                            {/* A country's code beside its name; a chapter's label starts with its number already ('85류 전기기기', not '… (85)' again). */}
                            {view.label(r.key)} {dimension === 'origin' && r.key ? <span className="muted small">({r.key})</span> : null}
                          </th>
                          {r.count === 0 && r.withheld.length > 0 ? (
                            <>
                              {/* nothing published: one small cell reads "<3", several (or a protecting one) "withheld" */}
                              <td className="num">{r.withheld.length === 1 ? hidden(r.withheld[0]!) : t('stats.withheld')}</td>
                              <td className="num">—</td>
                              <td className="num">{r.withheld.length === 1 ? hidden(r.withheld[0]!) : t('stats.withheld')}</td>
                              <td className="num">{r.withheld.length === 1 ? hidden(r.withheld[0]!) : t('stats.withheld')}</td>
                            </>
                          ) : (
                            <>
                              <td className="num">
                                {num(r.count)}
                                {r.withheld.length ? '+' : ''}
                              </td>
                              {/* one decimal always, so the column lines up (4.0%, not 4% under 67.3%) */}
                              <td className="num">{data.declarations && !r.withheld.length ? `${((r.count / data.declarations) * 100).toFixed(1)}%` : '—'}</td>
                              <td className="num">
                                {usd(r.valueUsd)}
                                {r.withheld.length ? '+' : ''}
                              </td>
                              <td className="num">
                                {krw(r.taxesKrw)}
                                {r.withheld.length ? '+' : ''}
                              </td>
                            </>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </section>

              <section className="card" aria-labelledby="table-months">
                <h2 id="table-months" className="card-title">
                  {t('stats.tableByMonth')}
                </h2>
                <TableScroll label={t('stats.tableByMonth')}>
                  <table className="data-table figures-table" data-testid="stats-months">
                    <thead>
                      <tr>
                        <th scope="col">{t('stats.month')}</th>
                        <th scope="col" className="num">
                          {t('stats.declarations')}
                        </th>
                        <th scope="col" className="num">
                          {t('stats.valueKrw')}
                        </th>
                        <th scope="col" className="num">
                          {t('stats.taxes')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.totals.map((m) => (
                        <tr key={m.month}>
                          <th scope="row" className="month">
                            {m.month.slice(0, 7)}
                          </th>
                          <td className="num">{shown(m, m.count, num)}</td>
                          <td className="num">{shown(m, m.valueKrw, krw)}</td>
                          <td className="num">{shown(m, m.taxesKrw, krw)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </section>
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
