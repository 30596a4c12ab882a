// The operator's own scorecard (GET /api/v1/operator/scorecard): the fast-lane decision with its
// criteria as a checklist, the figures of the window, the weekly trend (recharts, as Statistics.tsx,
// with the same numbers as a table) and what to do next for each criterion not met.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api.ts';
import type { OperatorScorecard } from '../../../src/domain/risk/operator-scorecard.ts';
import { OUTCOME_TEXT } from '../../../src/domain/risk/operator-scorecard.ts';
import { INSPECTION_OUTCOMES } from '../../../src/domain/risk/platform-risk.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorMessage, Loading, TableScroll } from '../components/ui.tsx';
import type { OperatorSession } from '../staff-session.ts';

const PERIODS = [30, 90, 180, 365] as const;

export function Scorecard({ session }: { session: OperatorSession }) {
  const { t, num, krw, pick } = useI18n();
  const [days, setDays] = useState<number>(90);
  const card = useQuery({
    queryKey: ['operator-scorecard', session.apiKey, days],
    queryFn: ({ signal }) => api<OperatorScorecard>(`/api/v1/operator/scorecard?days=${days}`, { token: session.apiKey, signal }),
    placeholderData: (prev) => prev,
  });
  // One decimal always, as the server's criteria texts write rates (25.0%).
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const s = card.data;
  const trend = s?.weeks.map((w) => ({
    week: w.week.slice(5),
    quality: w.dataQuality === null ? null : Math.round(w.dataQuality * 1000) / 10,
    intake: w.intakeRejectionRate === null ? null : Math.round(w.intakeRejectionRate * 1000) / 10,
  }));
  return (
    <div className={`result-stack${card.isFetching ? ' refreshing' : ''}`} aria-busy={card.isFetching} data-testid="operator-scorecard">
      <div className="card">
        <h2 className="card-title">{t('scorecard.title')}</h2>
        <p className="small muted">{t('scorecard.lead')}</p>
        <div className="toolbar">
          <label htmlFor="scorecard-days">{t('scorecard.period')}</label>
          <select id="scorecard-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {t('scorecard.days', { n: d })}
              </option>
            ))}
          </select>
        </div>
        {s ? <p className="small">{pick(s.window.basis)}</p> : null}
      </div>
      {card.isPending ? <Loading /> : null}
      {card.error ? <ErrorMessage error={card.error} onRetry={() => card.refetch()} /> : null}
      {s && trend ? (
        <>
          <section className="card" aria-labelledby="fast-lane-title">
            <h3 id="fast-lane-title" className="card-title">
              {t('scorecard.fastLane')}{' '}
              <span className={`badge ${s.fastLane.eligible ? 'badge-success' : 'badge-warning'}`} data-testid="fast-lane-status">
                {s.fastLane.eligible ? t('scorecard.eligible') : t('scorecard.notEligible')}
              </span>
            </h3>
            <ul className="checklist" aria-label={t('scorecard.criteria')}>
              {s.fastLane.criteria.map((c) => (
                <li key={c.code} className={c.met ? 'met' : 'unmet'} data-testid={`criterion-${c.code}`}>
                  <span aria-hidden="true" className="check-mark">
                    {c.met ? '✓' : '✗'}
                  </span>
                  <span className="visually-hidden">{c.met ? t('scorecard.met') : t('scorecard.unmet')}: </span>
                  {pick(c)}
                </li>
              ))}
            </ul>
          </section>

          {s.nextSteps.length ? (
            <section className="card" aria-labelledby="next-steps-title">
              <h3 id="next-steps-title" className="card-title">
                {t('scorecard.nextSteps')}
              </h3>
              <ol className="next-steps" data-testid="next-steps">
                {s.nextSteps.map((n) => (
                  <li key={n.code}>
                    {pick(n)} <code className="small">{n.ref}</code>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}

          <section className="stats-row" aria-label={t('scorecard.figures')}>
            <Stat label={t('scorecard.declarations')} value={num(s.volumes.declarations)} testId="sc-declarations" />
            <Stat label={t('scorecard.dataQuality')} value={pct(s.dataQuality.score)} testId="sc-quality" />
            <Stat label={t('scorecard.intakeRejection')} value={pct(s.intake.rejectionRate)} hint={t('scorecard.ofReceived', { n: num(s.intake.rejected), of: num(s.intake.received) })} />
            <Stat label={t('scorecard.holdRate')} value={pct(s.volumes.holdRate)} hint={t('scorecard.count', { n: num(s.volumes.held) })} />
            <Stat label={t('scorecard.officerRejections')} value={num(s.volumes.officerRejected)} hint={pct(s.volumes.officerRejectionRate)} />
            <Stat label={t('scorecard.inspections')} value={num(s.inspections.inspected)} hint={t('scorecard.found', { n: num(s.inspections.found) })} />
            <Stat label={t('scorecard.compliance')} value={pct(s.compliance)} testId="sc-compliance" />
          </section>

          {/* The compliance figure is smoothed (82.2% for 11 clean of 14): how, from what, and why, as the server computed it. */}
          <section className="card" aria-labelledby="compliance-how-title">
            <h3 id="compliance-how-title" className="card-title">
              {t('scorecard.complianceHow')}
            </h3>
            <p className="small" data-testid="compliance-basis">
              {pick(s.complianceBasis)}
            </p>
          </section>

          <section className="card" aria-labelledby="quality-title">
            <h3 id="quality-title" className="card-title">
              {t('scorecard.qualityParts')}
            </h3>
            <TableScroll label={t('scorecard.qualityParts')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('scorecard.qualityParts')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('scorecard.part')}</th>
                    <th scope="col" className="num">
                      {t('scorecard.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {(
                    [
                      ['scorecard.part.description', s.dataQuality.descriptionShare],
                      ['scorecard.part.hs', s.dataQuality.hsCode6Share],
                      ['scorecard.part.order', s.dataQuality.orderDataShare],
                      ['scorecard.part.consent', s.dataQuality.consentShare],
                    ] as const
                  ).map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{t(k)}</th>
                      <td className="num">{pct(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>

          <section className="card" aria-labelledby="inspections-title">
            <h3 id="inspections-title" className="card-title">
              {t('scorecard.inspectionOutcomes')}
            </h3>
            <TableScroll label={t('scorecard.inspectionOutcomes')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('scorecard.inspectionOutcomes')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('scorecard.outcome')}</th>
                    <th scope="col" className="num">
                      {t('scorecard.inspections')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {INSPECTION_OUTCOMES.map((o) => (
                    <tr key={o}>
                      <th scope="row">{pick(OUTCOME_TEXT[o])}</th>
                      <td className="num">{num(s.inspections.outcomes[o])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p className="small muted">{t('scorecard.revenueFound', { amount: krw(s.inspections.revenueFoundKrw) })}</p>
          </section>

          <section className="card" aria-labelledby="trend-title">
            <h3 id="trend-title" className="card-title">
              {t('scorecard.trend')}
            </h3>
            <div className="chart" role="img" aria-label={t('scorecard.trendAlt')}>
              <ResponsiveContainer width="100%" height={240}>
                <LineChart accessibilityLayer={false} data={trend} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#d8dee6" />
                  <XAxis dataKey="week" tick={{ fontSize: 12 }} />
                  <YAxis tick={{ fontSize: 12 }} width={44} domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
                  <Tooltip formatter={(v, name) => [`${num(Number(v), 1)}%`, name === 'quality' ? t('scorecard.dataQuality') : t('scorecard.intakeRejection')]} />
                  <Legend formatter={(v) => <span className="chart-legend-text">{v === 'quality' ? t('scorecard.dataQuality') : t('scorecard.intakeRejection')}</span>} wrapperStyle={{ fontSize: 12 }} />
                  <Line type="linear" dataKey="quality" stroke="#0072B2" strokeWidth={2} connectNulls isAnimationActive={false} />
                  <Line type="linear" dataKey="intake" stroke="#D55E00" strokeWidth={2} strokeDasharray="5 3" connectNulls isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <TableScroll label={t('scorecard.trend')}>
              <table className="data-table scorecard-weeks" data-testid="scorecard-weeks">
                <caption className="visually-hidden">{t('scorecard.trend')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('scorecard.week')}</th>
                    <th scope="col" className="num">
                      {t('scorecard.declarations')}
                    </th>
                    <th scope="col" className="num">
                      {t('scorecard.dataQuality')}
                    </th>
                    <th scope="col" className="num">
                      {t('scorecard.intakeRejection')}
                    </th>
                    <th scope="col" className="num">
                      {t('scorecard.held')}
                    </th>
                    <th scope="col" className="num">
                      {t('scorecard.officerRejections')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.weeks
                    .filter((w) => w.declarations > 0 || w.intakeReceived > 0)
                    .map((w) => (
                      <tr key={w.week}>
                        <th scope="row">{t('scorecard.weekOf', { date: w.week })}</th>
                        <td className="num">{num(w.declarations)}</td>
                        <td className="num">{pct(w.dataQuality)}</td>
                        <td className="num">{w.intakeReceived ? `${pct(w.intakeRejectionRate)} (${num(w.intakeRejected)}/${num(w.intakeReceived)})` : '—'}</td>
                        <td className="num">{num(w.held)}</td>
                        <td className="num">{num(w.officerRejected)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      ) : null}
    </div>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="stat">
      <p className="stat-label">{label}</p>
      <p className="stat-value" data-testid={testId}>
        {value}
      </p>
      {hint ? <p className="stat-label">{hint}</p> : null}
    </div>
  );
}
