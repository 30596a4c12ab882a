// Risk management in the officer workbench (issue 5): the risk panel of a declaration (score of
// the active model with its factors, rule and detector hits, order data reconciliation, the
// inspection form and results), the profile of a party, the rule editor (draft → dry run →
// publish) and the weekly selection performance. Texts are given in Korean and English inline.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Dl, Empty, ErrorMessage, Field, Loading, PageHeader, StatusMessage } from '../components/ui.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { OfficerSignInNeeded } from '../components/OfficerSignInNeeded.tsx';
import { formatMoney } from '../format.ts';
import { fieldErrorsOf, sameNames } from '../field-errors.ts';
import { jsonErrorText, jsonSyntaxError } from '../json-error.ts';
import { dryRunFiguresOf, dryRunSummary, NOT_TRIED, publishTriedText, type RuleAuditEntry } from '../rule-dry-run.ts';
import { ordersShownText } from '../orders-count.ts';
import { inspectionBody } from '../inspection-body.ts';
import { OFFICER_KEY, officerValid, useStoredSession, type OfficerSession } from '../staff-session.ts';
import { PartyNotice } from './PartyNotice.tsx';
import { PartyParcels } from './PartyParcels.tsx';
import type { RuleSourceMessage } from '../../../src/domain/risk-exchange/views.ts';
import type { DryRun, RevokedKeyEntry, SelectionCounts, WeeklyPerformance, WithdrawnEntry } from '../../../src/domain/api-views.ts';

interface Hit {
  code: string;
  ko: string;
  en: string;
  weight: number;
  ref: string;
  /** What a detector's hit counted (who used the PCCC, the parcels a split is with). */
  detail?: { ko: string; en: string };
  /** A watch-list entry drafted from a partner's message: that message, and its withdrawal if the partner took it back. */
  sourceMessage?: RuleSourceMessage;
}
interface Factor {
  feature: string;
  ko: string;
  en: string;
  direction: 'raises' | 'lowers';
}
interface Inspection {
  id: number;
  outcome: string;
  inspectedAt: string;
  revenueKrw: number;
  correctedValueKrw: number | null;
  correctedHs: string | null;
  note: string;
  modelVersion: string | null;
  score: number | null;
  selectedBy: string | null;
}
interface DeclarationRisk {
  activeModelVersion: string | null;
  score: {
    modelVersion: string;
    ruleSetVersion: string | null;
    score: number;
    expectedRevenueKrw: number | null;
    /** expectedRevenueKrw ÷ score as the API bounds it (never above revenueCeilingKrw). */
    revenueIfFoundKrw: number | null;
    revenueCeilingKrw: number | null;
    ruleScore: number;
    priority: number;
    safetyValuePerFindKrw: number;
    factors: Factor[];
    ruleHits: Hit[];
    scoredAt: string;
  } | null;
  orders: { orderNo: string; platform: string; amountPaid: number; currency: string; findings: Hit[] }[];
  orderMissing: boolean;
  inspections: Inspection[];
  parties: { role: string; key: string; name: string | null }[];
}
interface Profile {
  role: string;
  key: string;
  name: string | null;
  parcels: number;
  valueUsd: number;
  firstSeen: string;
  lastSeen: string;
  inspected: number;
  found: number;
  undervalued: number;
  revenueFoundKrw: number;
  outcomes: Record<string, number>;
  held: number;
  rejected: number;
  holdRate: number;
  rejectionRate: number;
  findRate: number | null;
  dataQuality: number;
  orderDataShare: number;
  compliance: number;
  fastLane: boolean;
  reasons: { code: string; ko: string; en: string; met: boolean }[];
  /** Parcels naming the party still waiting for their first scoring: not in the counts yet. */
  unscored: number;
  unscoredNote: { ko: string; en: string } | null;
}

const OUTCOMES: [string, string, string][] = [
  ['clean', '이상 없음', 'Clean'],
  ['undervalued', '저가신고', 'Undervalued'],
  ['misclassified', '품목분류 오류', 'Misclassified'],
  ['prohibited', '반입금지 물품', 'Prohibited goods'],
  ['ip_infringement', '지식재산권 침해', 'IP infringement'],
  ['pccc_misuse', '개인통관고유부호 도용', 'PCCC misuse'],
];
/** Why a parcel was inspected (INSPECTION_SELECTIONS): only the queue's inspections measure the selection's precision. */
const SELECTIONS: [string, string, string][] = [
  ['queue', '심사 대기열에서 선별', 'Selected from the work queue'],
  ['random', '무작위 표본', 'Random sample'],
  ['audit', '사후 점검 표본', 'Audit sample'],
  ['other', '기타(첩보 등)', 'Other (a tip …)'],
];
const ROLE: Record<string, [string, string]> = {
  platform: ['플랫폼', 'Platform'],
  seller: ['판매자', 'Seller'],
  forwarder: ['배송대행업자', 'Forwarder'],
  courier: ['특송업체', 'Courier'],
  broker: ['관세사', 'Broker'],
  consignee: ['수하인', 'Consignee'], // as the workbench (party.consignee) and the law (관세법 제241조) call the consignee
};


/** The rule audit's actions (risk_rule_audit.action) as an officer reads them; an unknown one as it is. */
const AUDIT_ACTIONS: Record<string, [string, string]> = {
  draft_created: ['초안 작성', 'draft created'],
  draft_updated: ['초안 수정', 'draft edited'],
  dry_run: ['모의 적용', 'dry run'],
  published: ['게시', 'published'],
  publish_refused: ['게시 거절', 'publication refused'], // details.code: why (manage-risk-rules.ts publishRuleDraft)
};
/** Who published or changed a rule set: an officer's user name, or 'system' (the rules loaded from data/risk-rules.json at start) in the reader's words. */
function actorText(actor: string, tx: (ko: string, en: string) => string): string {
  return actor === 'system' ? tx('시스템', 'system') : actor;
}

/** A dry run's entry says what it found, as the page said when it was run (dryRunSummary). */
function dryRunLine(a: RuleAuditEntry, pick: (t: { ko: string; en: string }) => string): string {
  const figures = dryRunFiguresOf(a);
  return figures ? ` · ${pick(dryRunSummary(figures))}` : '';
}

function auditActionText(action: string, tx: (ko: string, en: string) => string): string {
  const t = AUDIT_ACTIONS[action];
  return t ? tx(t[0], t[1]) : action;
}

function useText() {
  const i = useI18n();
  return { ...i, tx: (ko: string, en: string) => (i.lang === 'ko' ? ko : en) };
}
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const outcomeText = (o: string, tx: (ko: string, en: string) => string) => {
  const x = OUTCOMES.find((v) => v[0] === o);
  return x ? tx(x[1], x[2]) : o;
};
const selectionText = (o: string, tx: (ko: string, en: string) => string) => {
  const x = SELECTIONS.find((v) => v[0] === o);
  return x ? tx(x[1], x[2]) : o;
};

/** Before sign-in the page still has its heading (and so its title): a screen reader user knows where they are. */
function NeedSignIn({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <OfficerSignInNeeded />
    </>
  );
}

function HitList({ hits }: { hits: Hit[] }) {
  const { pick } = useText();
  return (
    <ul className="reasons">
      {hits.map((h, i) => (
        <li key={`${h.code}-${i}`} data-code={h.code}>
          <strong>{pick(h)}</strong> <span className="small muted">+{h.weight} · {h.code}</span>
          {h.detail ? (
            <p className="small" data-testid="hit-detail">
              {pick(h.detail)}
            </p>
          ) : null}
          {h.sourceMessage ? <HitSource source={h.sourceMessage} /> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The partner's message a hit rests on and, once withdrawn, when and why (docs/risk-exchange.md,
 * "What reacts"); once its signing key is revoked, whether the message still stands or may be
 * forged (the server decides and words it: src/domain/risk-exchange/revoked-key-source.ts).
 */
function HitSource({ source }: { source: RuleSourceMessage }) {
  const { t, dateTime, pick } = useText();
  const w = source.withdrawal;
  const words = w ? pick({ ko: w.reason.text.ko ?? w.reason.text.en ?? '', en: w.reason.text.en ?? w.reason.text.ko ?? '' }) : '';
  const key = source.signedWith.revocation;
  return (
    <>
      <br />
      <span className="small" data-testid="risk-hit-source">
        {t(source.kind === 'risky_party_notice' ? 'risk.hits.sourceNotice' : 'risk.hits.sourceReport', { partner: source.partner, messageId: source.messageId })}
      </span>
      {w ? (
        <>
          {' '}
          <span className="badge badge-danger" data-testid="risk-hit-withdrawn-badge">
            {t('risk.hits.withdrawnBadge')}
          </span>{' '}
          <span className="small" data-testid="risk-hit-withdrawn">
            {t('risk.hits.withdrawn', { at: dateTime(w.receivedAt), grounds: t(`exchange.grounds.${w.reason.grounds}`), reason: words })}
          </span>
        </>
      ) : null}
      {key ? (
        <>
          {' '}
          <span className={`badge ${key.suspect ? 'badge-danger' : 'badge-info'}`} data-testid="risk-hit-key-badge" data-suspect={key.suspect}>
            {t(key.suspect ? 'risk.hits.keySuspectBadge' : 'risk.hits.keyRevokedBadge')}
          </span>{' '}
          <span className="small" data-testid="risk-hit-key">
            {pick(key.warning)}
          </span>
        </>
      ) : null}
    </>
  );
}

/** The hits whose source is gone (withdrawn) or in doubt (signed with a key compromised before we received it). */
const withdrawnCodes = (hits: Hit[]) => [...new Set(hits.filter((h) => h.sourceMessage?.withdrawal).map((h) => h.code))];
const suspectCodes = (hits: Hit[]) => [...new Set(hits.filter((h) => h.sourceMessage?.signedWith.revocation?.suspect).map((h) => h.code))];

/** Above the hits: some rest on notices a partner withdrew, or on messages that may be forged; the score still counts them (rules never change by themselves). */
function WithdrawnHitsWarning({ hits }: { hits: Hit[] }) {
  const { t } = useText();
  const withdrawn = withdrawnCodes(hits);
  const suspect = suspectCodes(hits);
  if (!withdrawn.length && !suspect.length) return null;
  return (
    <div className="alert alert-warning" role="note" data-testid="risk-withdrawn-warning">
      {withdrawn.length ? <p>{t('risk.hits.withdrawnWarning', { codes: withdrawn.join(', ') })}</p> : null}
      {suspect.length ? <p data-testid="risk-suspect-warning">{t('risk.hits.suspectWarning', { codes: suspect.join(', ') })}</p> : null}
      <p className="small">
        <Link to="/officer/risk/rules">{t('risk.hits.openRules')}</Link>
      </p>
    </div>
  );
}


/**
 * On the hold (or refusal) form of the declaration page: the same warnings as the risk panel, each
 * worded in full, where the officer decides (the panel may be far down the page). Reads the panel's
 * query (one request for both).
 */
export function HoldSourceWarnings({ id, token }: { id: number; token: string }) {
  const { t, pick } = useText();
  const risk = useQuery({ queryKey: ['risk', id], queryFn: ({ signal }) => api<DeclarationRisk>(`/api/v1/officer/declarations/${id}/risk`, { token, signal }) });
  const texts = (risk.data?.score?.ruleHits ?? []).flatMap((h) => {
    const s = h.sourceMessage;
    if (!s) return [];
    return [...(s.withdrawal ? [{ key: `${h.code}-w`, text: pick(s.withdrawal.warning) }] : []), ...(s.signedWith.revocation?.suspect ? [{ key: `${h.code}-k`, text: pick(s.signedWith.revocation.warning) }] : [])];
  });
  if (!texts.length) return null;
  return (
    <div className="alert alert-warning" role="note" data-testid="hold-source-warning">
      <p>
        <strong>{t('risk.hold.sourcesTitle')}</strong> {t('risk.hold.sourcesLead')}
      </p>
      <ul>
        {texts.map((x) => (
          <li key={x.key} className="small">
            {x.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The risk panel on the officer's declaration page; `canDecide`: the parcel can still be held or refused (the decision form above). */
/** The inspection form's fields the API may refuse, each said at its field. */
const FIELDS = ['revenueKrw', 'correctedValueKrw', 'correctedHs', 'note'] as const;

export function RiskPanel({ id, token, canDecide = false }: { id: number; token: string; canDecide?: boolean }) {
  const { tx, pick, krw, dateTime, lang } = useText();
  const qc = useQueryClient();
  const risk = useQuery({ queryKey: ['risk', id], queryFn: ({ signal }) => api<DeclarationRisk>(`/api/v1/officer/declarations/${id}/risk`, { token, signal }) });
  const [outcome, setOutcome] = useState('clean');
  const [revenue, setRevenue] = useState('');
  const [noRevenue, setNoRevenue] = useState(false);
  const [revenueMissing, setRevenueMissing] = useState(false);
  const [corrected, setCorrected] = useState('');
  const [correctedHs, setCorrectedHs] = useState('');
  const [note, setNote] = useState('');
  // Only an inspection of a parcel opened from the work queue defaults to 'selected from the work
  // queue': the selection's precision counts those alone, and a parcel opened from a misuse report,
  // the cargo search or a profile was not selected by the queue.
  const fromQueue = (useLocation().state as { from?: unknown } | null)?.from === 'queue';
  const [selectedBy, setSelectedBy] = useState(fromQueue ? 'queue' : '');
  const [selectedByMissing, setSelectedByMissing] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const find = outcome !== 'clean';
  const record = useMutation({
    mutationFn: () =>
      api<Inspection>(`/api/v1/officer/declarations/${id}/inspection`, {
        token,
        // The amounts only with a find, the corrected HS code only with a misclassification (inspection-body.ts).
        body: inspectionBody({ outcome, selectedBy, revenue, noRevenue, corrected, correctedHs, note }),
      }),
    onSuccess: () => {
      setNote('');
      setRevenue('');
      setNoRevenue(false);
      setCorrected('');
      setCorrectedHs('');
      void qc.invalidateQueries({ queryKey: ['risk', id] });
      void qc.invalidateQueries({ queryKey: ['profile'] });
      void qc.invalidateQueries({ queryKey: ['performance'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    // The API takes an inspection without why (it then counts in the find rate only); the form asks, so that none is left out of the precision by accident.
    const noSelection = selectedBy === '';
    setSelectedByMissing(noSelection);
    // The API accepts a find without revenue (seizures recover none); the form asks for one or
    // for the explicit "none", so an amount is not silently missing from the training data.
    const noRevenueGiven = find && !noRevenue && revenue === '';
    setRevenueMissing(noRevenueGiven);
    if (noSelection || noRevenueGiven) {
      record.reset();
      // The officer is taken to what is missing (the focus was left on the button).
      (form.current?.querySelector<HTMLElement>(noSelection ? '[name="selectedBy"]' : '[name="revenueKrw"]'))?.focus();
      return;
    }
    record.mutate(undefined, {
      // A field the API refused (a corrected value not above the declared one) takes the focus: the
      // button was disabled while sending, which dropped the focus to the page's start.
      onError: (err) => {
        const names = Object.keys(fieldErrorsOf(err, { field: sameNames(FIELDS), text: (x) => pick(x) }));
        if (names[0]) form.current?.querySelector<HTMLElement>(`[name="${names[0]}"]`)?.focus();
      },
    });
  }
  // A refused amount, code or note is said at its field (e.g. 추징 세액 out of range), not as a bare VALIDATION_FAILED.
  const fieldErrors = fieldErrorsOf(record.error, { field: sameNames(FIELDS), text: (x) => pick(x) });
  if (risk.isPending) return <Loading />;
  if (risk.error) return <ErrorMessage error={risk.error} onRetry={() => risk.refetch()} />;
  const r = risk.data;
  const s = r.score;
  return (
    <div className="risk-panel" data-testid="risk-panel">
      {s ? (
        <>
          <Dl
            rows={[
              [tx('위험도(모델)', 'Risk score (model)'), <strong key="s" data-testid="risk-score">{pct(s.score)}</strong>],
              [
                tx('기대 세수', 'Expected revenue'),
                s.expectedRevenueKrw !== null ? (
                  <span key="e" data-testid="risk-expected-revenue">
                    {krw(s.expectedRevenueKrw)}
                    {s.revenueIfFoundKrw !== null ? (
                      <span className="small muted">
                        {' '}
                        = {tx('위험도', 'risk score')} {pct(s.score)} × {tx('적발 시 추징 예상', 'revenue if found')} <span data-testid="risk-revenue-if-found">{krw(s.revenueIfFoundKrw)}</span>
                      </span>
                    ) : null}
                  </span>
                ) : (
                  '—'
                ),
              ],
              [
                tx('추징 가능 상한', 'Most an inspection can recover'),
                <span key="c" data-testid="risk-revenue-ceiling">
                  {s.revenueCeilingKrw !== null ? krw(s.revenueCeilingKrw) : '—'}
                  <span className="small muted">
                    {' '}
                    {tx(
                      '(신고 과세가격이 실제의 15 %일 때의 관세·부가세, 면세 대상이 아니면 최고 관세율로 본 관세·부가세 중 큰 것 − 부과된 세액; 적발 시 추징 예상은 모델의 추정이며 이를 넘지 않습니다)',
                      '(duty and VAT if the declared value were 15 % of the real one, or, when not exempt, at the highest duty rate, whichever is larger, less the taxes assessed; the revenue if found is the model’s estimate, never above it)',
                    )}
                  </span>
                </span>,
              ],
              [tx('규칙 점수', 'Rule score'), pct(s.ruleScore)],
              [
                tx('검사 기대가치', 'Expected value of inspection'),
                <span key="p" data-testid="risk-priority">
                  {krw(Math.round(s.priority))}
                  <span className="small muted">
                    {' '}
                    = {tx('기대 세수', 'expected revenue')} + {krw(s.safetyValuePerFindKrw)} × {tx('모델·규칙의 적발 확률(적발 1건의 안전 가치)', 'P(find by the model or the rules) (the value of one find)')}
                  </span>
                </span>,
              ],
              [tx('모델 버전', 'Model version'), <code key="m">{s.modelVersion}</code>],
              [tx('규칙 버전', 'Rule set'), <code key="r">{s.ruleSetVersion ?? '—'}</code>],
            ]}
          />
          <h3>{tx('주요 요인', 'Top factors')}</h3>
          <ul className="reasons">
            {s.factors.map((f) => (
              <li key={f.feature}>{pick(f)}</li>
            ))}
          </ul>
          {s.ruleHits.length ? (
            <>
              <h3>{tx('규칙·탐지 결과', 'Rule and detector hits')}</h3>
              <WithdrawnHitsWarning hits={s.ruleHits} />
              <HitList hits={s.ruleHits} />
            </>
          ) : null}
        </>
      ) : (
        <p className="muted">{tx('아직 위험도가 산출되지 않았습니다.', 'Not scored yet.')}</p>
      )}
      <h3>{tx('주문정보 대사', 'Order data')}</h3>
      {r.orderMissing ? (
        <p className="small muted">{tx('플랫폼 주문정보 없음', 'No order data from the platform')}</p>
      ) : (
        r.orders.map((o) => (
          <div key={o.orderNo}>
            <p className="small">
              {o.platform} · {o.orderNo} · {tx('결제', 'paid')} <span data-testid="order-paid">{formatMoney(lang, o.currency, o.amountPaid)}</span>
            </p>
            {o.findings.length ? <HitList hits={o.findings} /> : <p className="small">{tx('신고 내용과 일치', 'matches the declaration')}</p>}
          </div>
        ))
      )}
      <h3>{tx('거래 당사자 프로필', 'Party profiles')}</h3>
      <ul className="chips">
        {r.parties.map((p) => (
          <li key={p.role} className="chip">
            <Link to={`/officer/parties/${p.role}/${encodeURIComponent(p.key)}`} data-testid={`profile-link-${p.role}`}>
              {tx(ROLE[p.role]?.[0] ?? p.role, ROLE[p.role]?.[1] ?? p.role)}: {p.name ?? p.key}
            </Link>
          </li>
        ))}
      </ul>
      <h3>{tx('검사 결과', 'Inspection results')}</h3>
      {r.inspections.length ? (
        <ul className="audit" data-testid="inspections">
          {r.inspections.map((i) => (
            <li key={i.id}>
              <strong>{outcomeText(i.outcome, tx)}</strong> · {dateTime(i.inspectedAt)}
              {i.revenueKrw ? ` · ${tx('추징', 'revenue')} ${krw(i.revenueKrw)}` : ''}
              {i.correctedValueKrw !== null ? ` · ${tx('정정 과세가격', 'corrected value')} ${krw(i.correctedValueKrw)}` : ''}
              {i.correctedHs ? ` · ${tx('정정 HS', 'corrected HS')} ${i.correctedHs}` : ''} {i.note ? `“${i.note}”` : ''}
              <span className="small muted">
                {' '}
                ({i.selectedBy ? `${selectionText(i.selectedBy, tx)} · ` : ''}
                {tx('검사 당시 위험도', 'score when inspected')} {pct(i.score)} · {i.modelVersion ?? '—'})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{tx('검사 기록 없음', 'No inspection recorded')}</p>
      )}
      <form ref={form} className="form" onSubmit={submit} aria-label={tx('검사 결과 기록', 'Record an inspection result')}>
        <Field label={tx('검사 계기', 'Why inspected')} error={selectedByMissing ? tx('검사 계기를 선택하세요.', 'Choose why the parcel was inspected.') : null}>
          {(p) => (
            <select
              {...p}
              name="selectedBy"
              value={selectedBy}
              onChange={(e) => {
                setSelectedBy(e.target.value);
                setSelectedByMissing(false);
              }}
            >
              <option value="" disabled>
                {tx('선택하세요', 'Choose')}
              </option>
              {SELECTIONS.map(([v, ko, en]) => (
                <option key={v} value={v}>
                  {tx(ko, en)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={tx('검사 결과', 'Outcome')}>
          {(p) => (
            <select {...p} name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              {OUTCOMES.map(([v, ko, en]) => (
                <option key={v} value={v}>
                  {tx(ko, en)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {find ? (
          <>
            <Field label={tx('추징 세액(원)', 'Revenue recovered (KRW)')} error={revenueMissing ? tx('추징 세액을 입력하거나 ‘추징 세액 없음’을 선택하세요.', 'Enter the revenue recovered, or tick “No revenue recovered”.') : (fieldErrors.revenueKrw ?? null)}>
              {(p) => (
                <input
                  {...p}
                  name="revenueKrw"
                  inputMode="numeric"
                  disabled={noRevenue}
                  value={noRevenue ? '' : revenue}
                  onChange={(e) => {
                    setRevenue(e.target.value.replace(/\D/g, ''));
                    setRevenueMissing(false);
                  }}
                />
              )}
            </Field>
            <label className="checkbox">
              <input
                type="checkbox"
                name="noRevenue"
                checked={noRevenue}
                onChange={(e) => {
                  setNoRevenue(e.target.checked);
                  setRevenueMissing(false);
                }}
              />{' '}
              {tx('추징 세액 없음 (예: 몰수·폐기)', 'No revenue recovered (e.g. seized goods)')}
            </label>
            <Field label={tx('정정 과세가격(원)', 'Corrected value (KRW)')} error={fieldErrors.correctedValueKrw ?? null}>{(p) => <input {...p} name="correctedValueKrw" inputMode="numeric" value={corrected} onChange={(e) => setCorrected(e.target.value.replace(/\D/g, ''))} />}</Field>
            {outcome === 'misclassified' ? (
              <Field label={tx('정정 HS 부호', 'Corrected HS code')} hint={tx('4~10자리 (예: 6109.10-0000)', '4 to 10 digits (e.g. 6109.10-0000)')} error={fieldErrors.correctedHs ?? null}>
                {(p) => <input {...p} name="correctedHs" inputMode="numeric" maxLength={16} autoComplete="off" value={correctedHs} onChange={(e) => setCorrectedHs(e.target.value.replace(/[^\d.\- ]/g, ''))} />}
              </Field>
            ) : null}
          </>
        ) : null}
        <Field label={tx('메모', 'Note')} error={fieldErrors.note ?? null}>{(p) => <input {...p} name="note" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
        {record.error && !Object.keys(fieldErrors).length ? <ErrorMessage error={record.error} /> : null}
        <StatusMessage className="alert alert-success" testId="inspection-recorded" takeFocus>
          {record.isSuccess ? tx(`검사 결과(${outcomeText(record.data.outcome, tx)})를 기록했습니다.`, `Inspection result recorded (${outcomeText(record.data.outcome, tx)}).`) : null}
          {/* A find is recorded here, the parcel's hold or refusal up in the decision form: the next step, not a dead end. */}
          {record.isSuccess && record.data.outcome !== 'clean' && canDecide ? (
            <>
              {' '}
              {tx('적발에 따른 보류·통관 불허는 처리에서 기록합니다.', 'Hold or refuse the parcel for this find in the decision form.')}{' '}
              <a href="#sec-decision" data-testid="inspection-next">
                {tx('처리로 이동', 'Go to the decision')}
              </a>
            </>
          ) : null}
        </StatusMessage>
        <button type="submit" className="button primary" disabled={record.isPending} data-testid="record-inspection">
          {tx('검사 결과 기록', 'Record result')}
        </button>
      </form>
    </div>
  );
}

/** /officer/parties/:role/:key */
export function OfficerParty() {
  const { tx, pick, usd, krw } = useText();
  const { role = '', key = '' } = useParams();
  const [session] = useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
  const profile = useQuery({
    queryKey: ['profile', role, key],
    enabled: !!session,
    queryFn: ({ signal }) => api<Profile>(`/api/v1/officer/parties/${role}/${encodeURIComponent(key)}`, { token: session!.token, signal }),
  });
  const title = `${tx(ROLE[role]?.[0] ?? role, ROLE[role]?.[1] ?? role)} ${profile.data?.name ?? key}`;
  if (!session) return <NeedSignIn title={tx('공급망 당사자 프로필', 'Supply-chain party profile')} />;
  const p = profile.data;
  return (
    <>
      <p className="back">
        <Link to="/officer">← {tx('심사 대기열', 'Work queue')}</Link>
      </p>
      <PageHeader title={title} lead={tx('공급망 당사자 프로필', 'Supply-chain party profile')} />
      {profile.isPending ? <Loading /> : null}
      {profile.error ? <ErrorMessage error={profile.error} onRetry={() => profile.refetch()} /> : null}
      {p?.unscoredNote ? (
        <p className="alert alert-info" data-testid="profile-unscored">
          {pick(p.unscoredNote)}
        </p>
      ) : null}
      {p ? (
        <div className="detail-grid">
          <section className="card" aria-label={tx('실적', 'Record')}>
            <Dl
              rows={[
                [tx('처리 건수', 'Parcels'), <span key="p" data-testid="profile-parcels">{p.parcels}</span>],
                [tx('신고가격 합계', 'Declared value'), usd(p.valueUsd)],
                [tx('기간', 'Seen'), `${p.firstSeen} – ${p.lastSeen}`],
                [tx('보류율 / 불허율', 'Hold / refusal rate'), `${pct(p.holdRate)} / ${pct(p.rejectionRate)}`],
                [tx('검사 / 적발', 'Inspected / found'), <span key="i" data-testid="profile-inspected">{`${p.inspected} / ${p.found}`}</span>],
                [tx('적발률', 'Find rate'), pct(p.findRate)],
                [tx('저가신고 적발', 'Undervaluation found'), <span key="u" data-testid="profile-undervalued">{p.undervalued}</span>],
                // Every find's revenue (a misclassification recovers duty too), not only undervaluation's.
                [tx('추징 세액(전체 적발)', 'Revenue found (all finds)'), <span key="r" data-testid="profile-revenue">{krw(p.revenueFoundKrw)}</span>],
                [tx('신고 정보 품질', 'Data quality'), pct(p.dataQuality)],
                [tx('주문정보 제공률', 'Order data sent'), pct(p.orderDataShare)],
                [tx('성실도(시간 감쇠)', 'Compliance (decaying)'), <strong key="c" data-testid="profile-compliance">{pct(p.compliance)}</strong>],
              ]}
            />
            {Object.keys(p.outcomes).length ? (
              <p className="small">
                {Object.entries(p.outcomes)
                  .map(([o, n]) => `${outcomeText(o, tx)} ${n}`)
                  .join(' · ')}
              </p>
            ) : null}
          </section>
          <section className="card" aria-label={tx('신속통관', 'Fast lane')}>
            <h2 className="card-title">
              {tx('신속통관', 'Fast lane')}{' '}
              <span className={`badge ${p.fastLane ? 'badge-success' : 'badge-info'}`} data-testid="fast-lane">
                {p.fastLane ? tx('적용', 'yes') : tx('미적용', 'no')}
              </span>
            </h2>
            <ul className="reasons">
              {p.reasons.map((r) => (
                <li key={r.code}>
                  {r.met ? '✓' : '✗'} {pick(r)}
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
      {p ? <PartyParcels role={role} partyKey={key} total={p.parcels} token={session.token} outcomeText={(o) => outcomeText(o, tx)} /> : null}
      {p ? <PartyNotice role={role} partyKey={key} found={p.found} outcomes={p.outcomes} token={session.token} /> : null}
    </>
  );
}

interface RulesList {
  published: { version: string; rules: unknown; publishedBy: string; publishedAt: string; note: string; withdrawnEntries: WithdrawnEntry[]; revokedKeyEntries: RevokedKeyEntry[] }[];
  drafts: { id: number; basedOn: string | null; rules: unknown; note: string; createdBy: string; updatedAt: string; publishedAs: string | null; withdrawnEntries: WithdrawnEntry[]; revokedKeyEntries: RevokedKeyEntry[] }[];
  /** detail: what the entry records; a publication, how many open parcels it queued for rescoring. */
  audit: RuleAuditEntry[];
}
function WithdrawnEntries({ entries, testId, lead }: { entries: WithdrawnEntry[] | undefined; testId: string; lead: string }) {
  const { t, dateTime } = useI18n();
  if (!entries?.length) return null;
  return (
    <div className="alert alert-warning" role="note" data-testid={testId}>
      <p>{lead}</p>
      {entries.map((e) => (
        <p key={e.code} className="small">
          {t('rules.withdrawn.entry', { code: e.code, partner: e.partner, messageId: e.messageId, at: dateTime(e.withdrawnAt), grounds: t(`exchange.grounds.${e.grounds}`) })}
        </p>
      ))}
    </div>
  );
}

/** Entries resting on messages signed with a key revoked since: suspect ones first, as an error; standing ones as a note. */
function RevokedKeyEntries({ entries, testId, lead }: { entries: RevokedKeyEntry[] | undefined; testId: string; lead: string }) {
  const { t, pick } = useText();
  if (!entries?.length) return null;
  const suspect = entries.some((e) => e.suspect);
  const ordered = [...entries.filter((e) => e.suspect), ...entries.filter((e) => !e.suspect)];
  return (
    <div className={`alert ${suspect ? 'alert-error' : 'alert-warning'}`} role="note" data-testid={testId} data-suspect={suspect}>
      <p>{lead}</p>
      {ordered.map((e) => (
        <p key={e.code} className="small" data-testid="rules-key-entry" data-suspect={e.suspect}>
          <span className={`badge ${e.suspect ? 'badge-danger' : 'badge-info'}`}>{t(e.suspect ? 'risk.hits.keySuspectBadge' : 'risk.hits.keyRevokedBadge')}</span> {pick(e.warning)}
        </p>
      ))}
    </div>
  );
}

/** What GET /api/v1/officer/risk/rules returns at most (risk-repository listRules): versions and drafts, audit entries. */
const RULES_LIST_SHOWN = 50;
const RULES_AUDIT_SHOWN = 100;

/** A list cut at the API's limit says so: older entries are not shown (the list has no paging). */
function ShownLatest({ n, cap }: { n: number; cap: number }) {
  const { tx } = useText();
  if (n < cap) return null;
  return <p className="small muted">{tx(`최근 ${cap}건만 표시합니다.`, `Only the latest ${cap} are shown.`)}</p>;
}

/** /officer/risk/rules */
export function OfficerRules() {
  const { tx, pick, dateTime, t, num } = useText();
  const [session] = useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['rules'], enabled: !!session, queryFn: ({ signal }) => api<RulesList>('/api/v1/officer/risk/rules', { token: session!.token, signal }) });
  const [draftId, setDraftId] = useState<number | null>(null);
  const [text, setText] = useState('');
  // The text as the server holds it: dry run and publish act on the stored draft, so an edited
  // text is saved first (they ran the old rules and published them while the editor showed others).
  const [savedText, setSavedText] = useState('');
  // Where the editor's text stops being JSON (worded when shown, in the page's language as it is then).
  const [jsonError, setJsonError] = useState<{ ko: string; en: string } | null>(null);
  const [dry, setDry] = useState<DryRun | null>(null);
  const token = session?.token ?? '';
  const isAdmin = session?.user.role === 'admin';
  const openDraft = (id: number, rules: unknown) => {
    const t = JSON.stringify(rules, null, 2);
    setDraftId(id);
    setText(t);
    setSavedText(t);
    setJsonError(null);
    setDry(null);
  };
  /** Saves the editor's text when it differs from the stored draft; false when it is not JSON. */
  async function saveIfEdited(): Promise<boolean> {
    if (text === savedText) return true;
    // Where the JSON breaks, said in the page's language (JSON.parse's message is the browser's
    // English); the cursor is put there.
    const broken = jsonSyntaxError(text);
    if (broken) {
      setJsonError(jsonErrorText(text, broken));
      const area = document.querySelector<HTMLTextAreaElement>('textarea[name="rules"]');
      area?.focus();
      area?.setSelectionRange(broken.offset, broken.offset);
      return false;
    }
    const rules: unknown = JSON.parse(text);
    setJsonError(null);
    const sent = text;
    await api(`/api/v1/officer/risk/rules/drafts/${draftId}`, { token, method: 'PATCH', body: { rules } });
    setSavedText(sent);
    void qc.invalidateQueries({ queryKey: ['rules'] });
    return true;
  }
  // No body: a draft of the latest version. A rollback: a draft holding an earlier version's rules
  // (a version is immutable; going back is publishing them again, after a dry run shows the change).
  const create = useMutation({
    mutationFn: (from?: { rules: unknown; note: string }) => api<{ id: number; rules: unknown }>('/api/v1/officer/risk/rules/drafts', { token, body: from ?? {} }),
    onSuccess: (d) => {
      openDraft(d.id, d.rules);
      void qc.invalidateQueries({ queryKey: ['rules'] });
    },
  });
  const save = useMutation({ mutationFn: saveIfEdited });
  const run = useMutation({
    mutationFn: async () => ((await saveIfEdited()) ? api<DryRun>(`/api/v1/officer/risk/rules/drafts/${draftId}/dry-run`, { token, method: 'POST' }) : null),
    onSuccess: (d) => d && setDry(d),
  });
  const publish = useMutation({
    mutationFn: async () => ((await saveIfEdited()) ? api<{ version: string; queuedForRescoring: number }>(`/api/v1/officer/risk/rules/drafts/${draftId}/publish`, { token, body: {} }) : null),
    onSuccess: (d) => {
      if (d === null) return;
      setDraftId(null);
      void qc.invalidateQueries({ queryKey: ['rules'] });
    },
  });
  /**
   * Publishing changes the live selection at once and cannot be undone (a version is immutable):
   * asked once more, with what the dry run of these very rules found, or that none was run.
   */
  function confirmPublish() {
    // Without a dry run in this page, the one the audit records for the draft as saved (an officer tried it,
    // an administrator publishes it); before, "not tried" of a draft the audit beside showed tried.
    const fromAudit = !edited && draftId !== null && list.data ? publishTriedText(list.data.audit, draftId, dateTime) : NOT_TRIED;
    const tried = dry ? tx(`모의 적용 결과: ${dryRunSummary(dry).ko}.`, `Dry run: ${dryRunSummary(dry).en}.`) : tx(fromAudit.ko, fromAudit.en);
    const ask = t('rules.publishConfirm', { draft: draftId ?? '', tried });
    if (window.confirm(ask)) publish.mutate();
  }
  const edited = draftId !== null && text !== savedText;
  // ?draft=ID (linked from the partner-exchange inbox) opens that draft once the list is here.
  const [params] = useSearchParams();
  const wanted = Number(params.get('draft')) || null;
  const opened = useRef<number | null>(null);
  useEffect(() => {
    if (!wanted || !list.data || opened.current === wanted) return;
    const d = list.data.drafts.find((x) => x.id === wanted && !x.publishedAs);
    if (!d) return;
    opened.current = wanted;
    openDraft(d.id, d.rules);
  }, [wanted, list.data]);
  if (!session) return <NeedSignIn title={tx('위험 선별 규칙', 'Selection rules')} />;
  const editorError = save.error ?? run.error ?? publish.error;
  return (
    <>
      <PageHeader title={tx('위험 선별 규칙', 'Selection rules')} lead={tx('초안 작성 → 과거 신고로 모의 적용 → 게시(관리자)', 'Draft → dry run on past parcels → publish (administrator)')} />
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorMessage error={list.error} onRetry={() => list.refetch()} /> : null}
      <StatusMessage className="alert alert-success" testId="rules-published">
        {publish.data && draftId === null ? t('rules.published', { version: publish.data.version, count: num(publish.data.queuedForRescoring) }) : null}
      </StatusMessage>
      {list.data ? (
        <div className="detail-grid">
          <section className="card" aria-label={tx('게시된 규칙', 'Published')}>
            <h2 className="card-title">{tx('게시된 버전', 'Published versions')}</h2>
            <ShownLatest n={list.data.published.length} cap={RULES_LIST_SHOWN} />
            {list.data.published[0] ? (
              <>
                <WithdrawnEntries entries={list.data.published[0].withdrawnEntries} testId="rules-withdrawn-published" lead={t('rules.withdrawn.published', { version: list.data.published[0].version })} />
                <RevokedKeyEntries entries={list.data.published[0].revokedKeyEntries} testId="rules-key-published" lead={t('rules.keyRevoked.published', { version: list.data.published[0].version })} />
              </>
            ) : null}
            <ul className="audit">
              {list.data.published.map((p, i) => (
                <li key={p.version} data-testid={`rule-version-${p.version}`}>
                  <code>{p.version}</code> · {actorText(p.publishedBy, tx)} · {dateTime(p.publishedAt)} {p.note ? `“${p.note}”` : ''}
                  {i > 0 ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button link"
                        disabled={create.isPending}
                        onClick={() => create.mutate({ rules: p.rules, note: tx(`${p.version}(으)로 되돌리기`, `Roll back to ${p.version}`) })}
                      >
                        {tx('이 버전으로 되돌리는 초안', 'Draft a rollback to this version')}
                      </button>
                    </>
                  ) : (
                    <>
                      {' '}
                      <span className="badge badge-success">{tx('적용 중', 'In force')}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <button type="button" className="button secondary" onClick={() => create.mutate(undefined)} disabled={create.isPending}>
              {tx('최신 버전으로 초안 만들기', 'New draft from the latest version')}
            </button>
            <h3>{tx('초안', 'Drafts')}</h3>
            <ShownLatest n={list.data.drafts.length} cap={RULES_LIST_SHOWN} />
            {list.data.drafts.length === 0 ? <p className="small muted">{tx('초안이 없습니다.', 'No drafts yet.')}</p> : null}
            <ul className="audit">
              {list.data.drafts.map((d) => (
                <li key={d.id} data-testid={`rule-draft-${d.id}`} aria-current={d.id === draftId ? 'true' : undefined}>
                  <button
                    type="button"
                    className="button link"
                    onClick={() => openDraft(d.id, d.rules)}
                    disabled={!!d.publishedAs}
                  >
                    #{d.id}
                  </button>{' '}
                  {actorText(d.createdBy, tx)} · {dateTime(d.updatedAt)} {d.publishedAs ? `→ ${d.publishedAs}` : ''}
                  {!d.publishedAs && d.withdrawnEntries.length ? (
                    <>
                      {' '}
                      <span className="badge badge-danger" data-testid="rule-draft-withdrawn">
                        {t('rules.withdrawn.badge')}
                      </span>
                    </>
                  ) : null}
                  {!d.publishedAs && d.revokedKeyEntries.some((e) => e.suspect) ? (
                    <>
                      {' '}
                      <span className="badge badge-danger" data-testid="rule-draft-key-suspect">
                        {t('risk.hits.keySuspectBadge')}
                      </span>
                    </>
                  ) : null}
                  {d.note ? <p className="small muted">{d.note}</p> : null}
                </li>
              ))}
            </ul>
          </section>
          {draftId !== null ? (
            <section className="card" aria-label={tx('초안 편집', 'Edit draft')} data-testid="rule-draft-editor">
              <h2 className="card-title">
                {tx('초안', 'Draft')} #{draftId}
              </h2>
              <p className="small muted">
                {tx(
                  'keywords(용어 목록), signals(엔진 신호), routes(적출국·원산지), valuePerKg(HS별 kg당 가격), watchlists(감시 당사자). 가중치는 0 이상 1 미만.',
                  'keywords (terms), signals (engine signals), routes (ship-from/origin), valuePerKg (by HS heading), watchlists (parties). Weights in [0, 1).',
                )}
              </p>
              <WithdrawnEntries entries={list.data.drafts.find((d) => d.id === draftId)?.withdrawnEntries} testId="rule-draft-withdrawn-warning" lead={t('rules.withdrawn.draft')} />
              <RevokedKeyEntries entries={list.data.drafts.find((d) => d.id === draftId)?.revokedKeyEntries} testId="rule-draft-key-note" lead={t('rules.keyRevoked.draft')} />
              <Field label={tx('규칙(JSON)', 'Rules (JSON)')} error={jsonError ? tx(jsonError.ko, jsonError.en) : null} hint={edited ? tx('저장되지 않은 변경이 있습니다. 모의 적용·게시 전에 먼저 저장합니다.', 'Unsaved changes: a dry run or publishing saves them first.') : null}>
                {(p) => (
                  <textarea
                    {...p}
                    name="rules"
                    rows={18}
                    value={text}
                    onChange={(e) => {
                      setText(e.target.value);
                      setDry(null); // the results were for the rules before this edit
                    }}
                    className="mono"
                  />
                )}
              </Field>
              <p>
                <button type="button" className="button secondary" onClick={() => save.mutate()} disabled={save.isPending || !edited}>
                  {tx('저장', 'Save')}
                </button>{' '}
                <button type="button" className="button secondary" onClick={() => run.mutate()} disabled={run.isPending}>
                  {tx('모의 적용', 'Dry run')}
                </button>{' '}
                {isAdmin ? (
                  <button type="button" className="button primary" onClick={confirmPublish} disabled={publish.isPending}>
                    {tx('게시', 'Publish')}
                  </button>
                ) : (
                  <span className="small muted">{tx('게시는 관리자가 합니다.', 'An administrator publishes drafts.')}</span>
                )}
              </p>
              {editorError ? <ErrorMessage error={editorError} /> : null}
              {dry ? (
                <div data-testid="dry-run">
                  <p>
                    {tx(dryRunSummary(dry).ko, dryRunSummary(dry).en)}
                  </p>
                  <p className="small muted" data-testid="dry-run-changed">
                    {tx(
                      `바뀐 규칙(${dry.changed.rules.length}개)에 걸린 신고 ${dry.changed.parcels}건, 그중 선별 ${dry.changed.flagged}건; 검사 ${dry.changed.inspected}건 중 ${dry.changed.foundBad}건 적발. 게시된 규칙의 선별: ${dry.flaggedBefore}건.`,
                      `Parcels hit by the changed rules (${dry.changed.rules.length}): ${dry.changed.parcels}, ${dry.changed.flagged} of them flagged; ${dry.changed.foundBad} of the ${dry.changed.inspected} inspected found bad. Flagged by the published rules: ${dry.flaggedBefore}.`,
                    )}
                  </p>
                  {/* What "신규" counts against: the version live now (a dry run does not say it otherwise). */}
                  <p className="small muted" data-testid="dry-run-against">
                    {dry.against
                      ? tx(`신규: 게시된 ${dry.against}에서는 이 규칙에 걸리지 않았던 건수`, `New: parcels this rule did not hit under the published ${dry.against}`)
                      : tx('신규: 게시된 규칙이 없어 이 규칙에 걸린 건수 전부', 'New: no rules published yet, so every parcel this rule hits')}
                  </p>
                  <p className="small muted" data-testid="dry-run-legend">
                    {tx(`해당: 규칙에 걸린 건수 · 선별: 그중 규칙 점수가 ${dry.threshold} 이상인 건수`, `Hit: parcels the rule hits · Flagged: of those, rule score ≥ ${dry.threshold}`)}
                  </p>
                  {/* On a phone each rule is a card (DataTable's cards), nothing to scroll sideways. */}
                  <DataTable
                    label={tx('모의 적용 결과', 'Dry run results')}
                    cards
                    columns={[tx('규칙', 'Rule'), { text: tx('해당', 'Hit'), num: true }, { text: tx('신규', 'New'), num: true }, { text: tx('선별', 'Flagged'), num: true }, { text: tx('검사', 'Inspected'), num: true }, { text: tx('적발', 'Found bad'), num: true }]}
                  >
                    {dry.rules.map((r) => (
                      <tr role="row" key={r.code}>
                        <td role="cell" data-label={tx('규칙', 'Rule')}>{pick(r)}</td>
                        <td role="cell" data-label={tx('해당', 'Hit')} className="num">{r.hit}</td>
                        <td role="cell" data-label={tx('신규', 'New')} className="num">{r.newlyFlagged}</td>
                        <td role="cell" data-label={tx('선별', 'Flagged')} className="num">{r.flagged}</td>
                        <td role="cell" data-label={tx('검사', 'Inspected')} className="num">{r.inspected}</td>
                        <td role="cell" data-label={tx('적발', 'Found bad')} className="num">{r.foundBad}</td>
                      </tr>
                    ))}
                  </DataTable>
                </div>
              ) : null}
            </section>
          ) : null}
          <section className="card" aria-label={tx('변경 이력', 'Audit')}>
            <h2 className="card-title">{tx('변경 이력', 'Audit log')}</h2>
            <ShownLatest n={list.data.audit.length} cap={RULES_AUDIT_SHOWN} />
            <ul className="audit">
              {list.data.audit.map((a, i) => (
                <li key={i}>
                  {dateTime(a.at)} · {actorText(a.actor, tx)} · {auditActionText(a.action, tx)} {a.draftId ? tx(`초안 #${a.draftId}`, `draft #${a.draftId}`) : ''} {a.version ?? ''}
                  {typeof a.detail?.queuedForRescoring === 'number' ? ` · ${t('rules.audit.rescored', { count: num(a.detail.queuedForRescoring) })}` : ''}
                  {dryRunLine(a, pick)}
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </>
  );
}

interface StoredModel {
  version: string;
  kind: string;
  active: boolean;
  training: { rows?: number; illicit?: number; validRows?: number } | null;
  metrics: { validation?: { metric?: string; best?: number } | null } | null;
  activatedBy: string | null;
  activatedAt: string | null;
}

/**
 * The stored risk models with their training figures; administrators make another one active
 * (asked once more: the open declarations are rescored with it). Before, this was API only.
 */
function RiskModels({ session }: { session: OfficerSession }) {
  const { tx, num, dateTime } = useText();
  const qc = useQueryClient();
  const models = useQuery({
    queryKey: ['risk-models'],
    queryFn: ({ signal }) => api<{ activeModelVersion: string | null; models: StoredModel[] }>('/api/v1/officer/risk/models', { token: session.token, signal }),
  });
  const activate = useMutation({
    mutationFn: (version: string) => api<{ version: string; previous: string | null; queuedForRescoring: number }>(`/api/v1/officer/risk/models/${version}/activate`, { token: session.token, body: {} }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['risk-models'] });
      void qc.invalidateQueries({ queryKey: ['performance'] });
      void qc.invalidateQueries({ queryKey: ['work-queue'] });
    },
  });
  const isAdmin = session.user.role === 'admin';
  // Uploading a model file (tonggwan risk train's JSON) was API only: an administrator had to use curl.
  const [file, setFile] = useState<File | null>(null);
  const [activateToo, setActivateToo] = useState(false);
  const [fileFault, setFileFault] = useState<{ ko: string; en: string } | null>(null);
  const upload = useMutation({
    mutationFn: (body: unknown) =>
      api<{ model: StoredModel; created: boolean; activated: boolean }>(`/api/v1/officer/risk/models${activateToo ? '?activate=true' : ''}`, { token: session.token, body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['risk-models'] });
      void qc.invalidateQueries({ queryKey: ['performance'] });
    },
  });
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    const text = await file.text();
    const fault = jsonSyntaxError(text);
    setFileFault(fault ? jsonErrorText(text, fault) : null);
    if (fault) return;
    if (activateToo && !window.confirm(tx('올린 모델을 바로 활성화하면 처리 중인 신고 전체를 다시 채점하고, 심사 대기열의 순위가 바뀝니다. 계속할까요?', 'Activating the uploaded model at once rescores every open declaration and changes the work queue\'s order. Go on?'))) return;
    upload.mutate(JSON.parse(text));
  }
  function ask(m: StoredModel) {
    const text = tx(
      `모델 ${m.version}을(를) 활성화하면 처리 중인 신고 전체를 이 모델로 다시 채점하고, 심사 대기열의 순위가 바뀝니다. 활성화할까요?`,
      `Activating ${m.version} rescores every open declaration with it and changes the work queue's order. Activate?`,
    );
    if (window.confirm(text)) activate.mutate(m.version);
  }
  return (
    <section className="card" aria-labelledby="risk-models-title" data-testid="risk-models">
      <h2 id="risk-models-title" className="card-title">
        {tx('위험 모델', 'Risk models')}
      </h2>
      {models.isPending ? <Loading /> : null}
      {models.error ? <ErrorMessage error={models.error} onRetry={() => models.refetch()} /> : null}
      <StatusMessage className="alert alert-success" testId="model-activated">
        {activate.data
          ? tx(
              `모델 ${activate.data.version}을(를) 활성화했습니다. 처리 중인 신고 ${num(activate.data.queuedForRescoring)}건을 다시 채점합니다.`,
              `Model ${activate.data.version} is active; ${num(activate.data.queuedForRescoring)} open declarations are being rescored.`,
            )
          : null}
      </StatusMessage>
      {activate.error ? <ErrorMessage error={activate.error} /> : null}
      {isAdmin ? (
        <form className="form" onSubmit={(e) => void send(e)} aria-label={tx('모델 파일 올리기', 'Upload a model file')} data-testid="model-upload">
          <Field label={tx('모델 파일 (tonggwan risk train이 만든 JSON)', 'Model file (the JSON tonggwan risk train writes)')}>
            {(p) => <input {...p} type="file" name="model" accept=".json,application/json" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setFileFault(null), upload.reset())} />}
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={activateToo} onChange={(e) => setActivateToo(e.target.checked)} /> {tx('올린 뒤 바로 활성화', 'Activate it once uploaded')}
          </label>
          {fileFault ? (
            <div className="alert alert-error" role="alert">
              <p>{tx(fileFault.ko, fileFault.en)}</p>
            </div>
          ) : null}
          {upload.error ? <ErrorMessage error={upload.error} /> : null}
          <StatusMessage className="alert alert-success" testId="model-uploaded">
            {upload.data
              ? upload.data.created
                ? tx(`모델 ${upload.data.model.version}을(를) 저장했습니다${upload.data.activated ? '. 활성화했습니다' : ''}.`, `Model ${upload.data.model.version} stored${upload.data.activated ? ' and activated' : ''}.`)
                : tx(`모델 ${upload.data.model.version}은(는) 이미 저장되어 있습니다${upload.data.activated ? '. 활성화했습니다' : ''}.`, `Model ${upload.data.model.version} was stored already${upload.data.activated ? '; it is active' : ''}.`)
              : null}
          </StatusMessage>
          <button type="submit" className="button secondary" disabled={!file || upload.isPending}>
            {tx('모델 올리기', 'Upload the model')}
          </button>
        </form>
      ) : null}
      {models.data ? (
        models.data.models.length === 0 ? (
          <Empty>{tx('저장된 모델이 없습니다. 규칙 기반 신호로 순위를 정합니다.', 'No model stored: the queue is ranked by the rule-based signals.')}</Empty>
        ) : (
          // On a phone each model is a card (DataTable's cards): the table scrolled 354 px sideways at 390 px, 432 px in English.
          <DataTable
            label={tx('위험 모델', 'Risk models')}
            cards
            className="models-table"
            columns={[tx('모델 버전', 'Version'), { text: tx('학습 건수', 'Training rows'), num: true }, { text: tx('적발 건수', 'Illicit'), num: true }, { text: tx('검증 손실', 'Validation loss'), num: true }, tx('상태', 'Status')]}
          >
            {models.data.models.map((m) => (
              <tr role="row" key={m.version} data-testid={`model-${m.version}`}>
                <td role="cell" data-label={tx('모델 버전', 'Version')}>
                  <code>{m.version}</code>
                </td>
                <td role="cell" data-label={tx('학습 건수', 'Training rows')} className="num">{m.training?.rows !== undefined ? num(m.training.rows) : '—'}</td>
                <td role="cell" data-label={tx('적발 건수', 'Illicit')} className="num">{m.training?.illicit !== undefined ? num(m.training.illicit) : '—'}</td>
                <td role="cell" data-label={tx('검증 손실', 'Validation loss')} className="num">{typeof m.metrics?.validation?.best === 'number' ? `${m.metrics.validation.best.toFixed(4)} (${m.metrics.validation.metric ?? ''})` : '—'}</td>
                <td role="cell" data-label={tx('상태', 'Status')}>
                  {m.active ? (
                    <>
                      <span className="badge badge-success">{tx('활성', 'Active')}</span>{' '}
                      <span className="small muted">
                        {m.activatedBy === 'system' ? tx('시스템', 'system') : m.activatedBy} · {m.activatedAt ? dateTime(m.activatedAt) : ''}
                      </span>
                    </>
                  ) : isAdmin ? (
                    <button type="button" className="button secondary" disabled={activate.isPending} onClick={() => ask(m)}>
                      {tx('활성화', 'Activate')}
                    </button>
                  ) : (
                    <span className="small muted">{tx('비활성 (활성화는 관리자가 합니다)', 'Inactive (an administrator activates)')}</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
    </section>
  );
}

interface OrderWithoutDeclaration {
  id: number;
  orderNo: string;
  platform: string;
  seller?: string | null;
  buyerPccc: string;
  currency: string;
  amountPaid: number;
  orderedAt?: string | null;
  receivedAt: string;
}
/** What the page asks for (the API's default). */
const ORDERS_SHOWN = 100;

/**
 * Orders a platform sent that no declaration carries after the grace period (goods that may have
 * come in another way): the order-data reconciliation's other half, until now API only.
 */
function OrdersWithoutDeclaration({ token }: { token: string }) {
  const { tx, lang, date, num, pick } = useText();
  const orders = useQuery({
    queryKey: ['orders-without-declaration'],
    queryFn: ({ signal }) => api<{ orders: OrderWithoutDeclaration[] }>(`/api/v1/officer/orders/without-declaration?limit=${ORDERS_SHOWN}`, { token, signal }),
  });
  return (
    <section className="card" aria-labelledby="orders-missing-title" data-testid="orders-without-declaration">
      <h2 id="orders-missing-title" className="card-title">
        {tx('신고 없는 주문', 'Orders without a declaration')}
      </h2>
      <p className="small muted">{tx('플랫폼이 보낸 주문정보 중 유예 기간이 지나도 이를 담은 신고가 없는 주문입니다(다른 경로 반입 의심).', 'Orders a platform sent that no declaration carries after the grace period (possibly brought in another way).')}</p>
      {orders.isPending ? <Loading /> : null}
      {orders.error ? <ErrorMessage error={orders.error} onRetry={() => orders.refetch()} /> : null}
      {orders.data ? (
        orders.data.orders.length === 0 ? (
          <Empty>{tx('해당 주문이 없습니다.', 'None.')}</Empty>
        ) : (
          <>
            <ShownLatest n={orders.data.orders.length} cap={ORDERS_SHOWN} />
            {/* On a phone each order is a card (DataTable's cards), nothing to scroll sideways. */}
            <DataTable
              label={tx('신고 없는 주문', 'Orders without a declaration')}
              cards
              className="models-table"
              columns={[tx('주문번호', 'Order no.'), tx('플랫폼', 'Platform'), tx('판매자', 'Seller'), tx('구매자 개인통관고유부호', 'Buyer PCCC'), { text: tx('결제금액', 'Amount paid'), num: true }, tx('주문일', 'Ordered')]}
            >
              {orders.data.orders.map((o) => (
                <tr role="row" key={o.id}>
                  <td role="cell" data-label={tx('주문번호', 'Order no.')}>
                    <code>{o.orderNo}</code>
                  </td>
                  <td role="cell" data-label={tx('플랫폼', 'Platform')}>{o.platform}</td>
                  <td role="cell" data-label={tx('판매자', 'Seller')}>{o.seller ?? '—'}</td>
                  <td role="cell" data-label={tx('구매자 개인통관고유부호', 'Buyer PCCC')}>
                    <code>{o.buyerPccc}</code>
                  </td>
                  <td role="cell" data-label={tx('결제금액', 'Amount paid')} className="num">{formatMoney(lang, o.currency, o.amountPaid)}</td>
                  <td role="cell" data-label={tx('주문일', 'Ordered')}>{o.orderedAt ?? date(o.receivedAt)}</td>
                </tr>
              ))}
            </DataTable>
            <p className="small muted">{pick(ordersShownText(orders.data.orders.length, ORDERS_SHOWN, num))}</p>
          </>
        )
      ) : null}
    </section>
  );
}

type PerformanceCounts = Omit<WeeklyPerformance, 'week' | 'modelVersion'>;
/** found / inspected of one kind of selection, with its counts ('—' without inspections). */
const rateOf = (c: SelectionCounts) => (c.inspected ? `${pct(c.findRate)} (${c.found}/${c.inspected})` : '—');

/** Weeks the performance page covers (its totals say so). */
const PERFORMANCE_WEEKS = 26;

/** /officer/risk/performance */
export function OfficerPerformance() {
  const { tx, krw } = useText();
  const [session] = useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
  const perf = useQuery({
    queryKey: ['performance'],
    enabled: !!session,
    queryFn: ({ signal }) =>
      api<{ activeModelVersion: string | null; weeks: WeeklyPerformance[]; totals: PerformanceCounts }>(
        `/api/v1/officer/risk/performance?weeks=${PERFORMANCE_WEEKS}`,
        { token: session!.token, signal },
      ),
  });
  if (!session) return <NeedSignIn title={tx('선별 성과', 'Selection performance')} />;
  return (
    <>
      <PageHeader title={tx('선별 성과', 'Selection performance')} lead={tx('주별 검사 건수, 검사 적발률, 추징 세액', 'Inspections, find rate and revenue found per week')} />
      {perf.isPending ? <Loading /> : null}
      {perf.error ? <ErrorMessage error={perf.error} onRetry={() => perf.refetch()} /> : null}
      {perf.data ? (
        <section className="card">
          <p>
            {tx('활성 모델', 'Active model')}: <code>{perf.data.activeModelVersion ?? '—'}</code>
          </p>
          <p data-testid="performance-totals">
            {tx(`최근 ${PERFORMANCE_WEEKS}주 합계`, `Last ${PERFORMANCE_WEEKS} weeks`)}
            {/* Each row is a week named by its Monday: the last one runs past its date. */}
            {perf.data.weeks.length ? tx(` (${perf.data.weeks[perf.data.weeks.length - 1]!.week} 주 ~ ${perf.data.weeks[0]!.week} 주)`, ` (weeks of ${perf.data.weeks[perf.data.weeks.length - 1]!.week} to ${perf.data.weeks[0]!.week})`) : ''}: {tx('적발', 'found')} {perf.data.totals.found} / {tx('검사', 'inspected')} {perf.data.totals.inspected} ({tx('검사 적발률', 'find rate')} {pct(perf.data.totals.precision)}) · {tx('선별 정밀도', 'selection precision')} {rateOf(perf.data.totals.queue)} · {tx('무작위 표본 적발률', 'random sample find rate')} {rateOf(perf.data.totals.random)} · {tx('추징 세액', 'revenue found')} {krw(perf.data.totals.revenueKrw)}
          </p>
          <p className="small muted" data-testid="performance-find-rate-note">
            {tx(
              '검사 적발률 = 적발 ÷ 검사, 그 주의 모든 검사(심사 대기열에서 선별한 검사와 무작위·사후 점검 표본을 함께)를 센 것입니다. 선별 정밀도는 검사 계기가 ‘심사 대기열에서 선별’인 검사만의 적발률(모델·규칙 선별의 정밀도), 무작위 표본 적발률은 선별이 놓치는 것의 추정입니다. 표본은 적발이 드물어, 섞인 검사 적발률은 선별 정밀도보다 낮게 나옵니다. 검사 계기 없이 기록된 검사는 검사 적발률에만 들어갑니다. 모델 열은 검사 당시 그 화물의 위험도를 낸 모델입니다.',
              'Find rate = found ÷ inspected, over every inspection of the week (those selected from the work queue and the random and audit samples alike). Selection precision is the find rate of the inspections recorded as selected from the work queue (the precision of the model’s and the rules’ selection); the random sample’s find rate estimates what selection misses. Samples find little, so the mixed find rate is below the selection’s precision. Inspections recorded without why count in the find rate only. The model column is the model that scored the parcel when it was inspected.',
            )}
          </p>
          {perf.data.weeks.length ? (
            // On a phone each week is a card (DataTable's cards): the table of eight columns scrolled 444 px sideways at 390 px, 661 px in English.
            <DataTable
              label={tx('주별 선별 성과', 'Selection performance by week')}
              cards
              testId="performance-weeks"
              columns={[tx('주(월요일 시작)', 'Week (from Monday)'), tx('모델', 'Model'), { text: tx('검사', 'Inspected'), num: true }, { text: tx('적발', 'Found'), num: true }, { text: tx('검사 적발률', 'Find rate'), num: true }, { text: tx('선별 정밀도', 'Selection precision'), num: true }, { text: tx('무작위 표본 적발률', 'Random sample find rate'), num: true }, { text: tx('추징 세액', 'Revenue'), num: true }]}
            >
              {perf.data.weeks.map((w) => (
                <tr role="row" key={`${w.week}-${w.modelVersion}`}>
                  <td role="cell" data-label={tx('주(월요일 시작)', 'Week (from Monday)')}>{w.week}</td>
                  <td role="cell" data-label={tx('모델', 'Model')}>
                    <code>{w.modelVersion ?? '—'}</code>
                  </td>
                  <td role="cell" data-label={tx('검사', 'Inspected')} className="num">{w.inspected}</td>
                  <td role="cell" data-label={tx('적발', 'Found')} className="num">{w.found}</td>
                  <td role="cell" data-label={tx('검사 적발률', 'Find rate')} className="num">{pct(w.precision)}</td>
                  <td role="cell" data-label={tx('선별 정밀도', 'Selection precision')} className="num" data-testid="week-queue-precision">{rateOf(w.queue)}</td>
                  <td role="cell" data-label={tx('무작위 표본 적발률', 'Random sample find rate')} className="num">{rateOf(w.random)}</td>
                  <td role="cell" data-label={tx('추징 세액', 'Revenue')} className="num">{krw(w.revenueKrw)}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <Empty>{tx('검사 기록이 없습니다.', 'No inspections recorded yet.')}</Empty>
          )}
        </section>
      ) : null}
      <RiskModels session={session} />
      <OrdersWithoutDeclaration token={session.token} />
    </>
  );
}

