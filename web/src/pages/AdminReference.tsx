// Administration, continued: reference data (exchange rates and tariff lines loaded from CSV, each
// fault named by line and column; the versions in force on a date; the loads with who and the file's
// hash), an operator's API keys (listed without secrets, a further key shown once, revoked at once),
// and the audit log (who did what, each action in Korean and English).
import { Fragment, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { ErrorMessage, Field, Loading } from '../components/ui.tsx';
import { DataTable, QueryTable, RowAction } from '../components/DataTable.tsx';
import { PageTurns, usePagesBefore } from '../components/PageTurns.tsx';
import { ShownOnceKey } from '../components/ShownOnceKey.tsx';
import { koreanDateOf } from '../../../src/domain/dates.ts';
import type { CorrectionRedecisionSummary, UploadResult } from '../../../src/domain/api-views.ts';
import { DATASET_NAMES } from '../../../src/domain/reference/dataset-names.ts';
import { AUDIT_ACTIONS } from '../../../src/domain/audit-actions.ts';
import type { Bilingual } from '../../../src/domain/bilingual.ts';

interface LineError {
  line: number;
  column?: string;
  ko: string;
  en: string;
}
interface Upload {
  id: number;
  kind: 'exchange-rates' | 'tariff';
  uploadedByName: string;
  uploadedAt: string;
  rowCount: number;
  sha256: string;
}
interface Versions {
  date: string;
  exchangeRates: { version: string; weekStart: string; week: { rates: Record<string, number>; placeholder: boolean; placeholderCurrencies?: string[]; source: string } | null };
  datasets: { dataset: string; inForce: string | null; versions: { version: string; effectiveFrom: string; source: string; inForce: boolean }[] }[];
}

/** The counts of a correction's row, in the order the table shows them. */
const CORRECTION_COUNTS = ['queued', 'reassessed', 'noted', 'unchanged', 'pending'] as const;

export function ReferenceData({ token }: { token: string }) {
  const { t, pick, num, dateTime } = useI18n();
  // The dataset's name as the events of a correction give it (dataset-names.ts), capitalised for the table.
  const datasetName = (dataset: string) => {
    const name = pick(DATASET_NAMES[dataset as keyof typeof DATASET_NAMES]);
    return name ? name[0]!.toUpperCase() + name.slice(1) : dataset;
  };
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Upload['kind']>('exchange-rates');
  const [file, setFile] = useState<File | null>(null);
  const [date, setDate] = useState(() => koreanDateOf(new Date().toISOString()));
  const uploads = useQuery({ queryKey: ['admin-reference-uploads', token], queryFn: ({ signal }) => api<{ uploads: Upload[] }>('/api/v1/admin/reference/uploads', { token, signal }) });
  const versions = useQuery({
    queryKey: ['admin-reference-versions', token, date],
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
    queryFn: ({ signal }) => api<Versions>(`/api/v1/admin/reference/versions?date=${date}`, { token, signal }),
  });
  const corrections = useQuery({
    queryKey: ['admin-reference-corrections', token],
    queryFn: ({ signal }) => api<{ corrections: CorrectionRedecisionSummary[] }>('/api/v1/admin/reference/corrections', { token, signal }),
  });
  const upload = useMutation({
    mutationFn: async () => api<UploadResult>(`/api/v1/admin/reference/${kind}`, { token, text: { type: 'text/csv', content: await file!.text() } }),
    // The loads, the versions in force and the audit log all change with a load.
    onSuccess: () => void Promise.all(['admin-reference-uploads', 'admin-reference-versions', 'admin-audit'].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
  const lineErrors = upload.error instanceof ApiError && upload.error.code === 'CSV_INVALID' ? ((upload.error.details as { errors?: LineError[] })?.errors ?? []) : [];
  function submit(e: FormEvent) {
    e.preventDefault();
    if (file) upload.mutate();
  }
  const tariff = versions.data?.datasets.find((d) => d.dataset === 'tariff');
  const week = versions.data?.exchangeRates;
  return (
    <div className="result-stack">
      <form className="card form" onSubmit={submit} aria-labelledby="admin-reference">
        <h2 id="admin-reference" className="card-title">
          {t('admin.reference')}
        </h2>
        <p className="small muted">{t('admin.referenceLead')}</p>
        <Field label={t('admin.referenceKind')} hint={t(kind === 'tariff' ? 'admin.referenceTariffHint' : 'admin.referenceFxHint')}>
          {(p) => (
            <select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as Upload['kind'])}>
              <option value="exchange-rates">{t('admin.referenceFx')}</option>
              <option value="tariff">{t('admin.referenceTariff')}</option>
            </select>
          )}
        </Field>
        <Field label={t('admin.referenceFile')}>{(p) => <input {...p} type="file" name="file" accept=".csv,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />}</Field>
        {upload.error ? <ErrorMessage error={upload.error} /> : null}
        {lineErrors.length > 0 ? (
          <DataTable
            label={t('admin.referenceErrors')}
            caption={t('admin.referenceErrors')}
            testId="admin-reference-errors"
            cards
            columns={[t('admin.referenceLine'), t('admin.referenceColumn'), t('admin.referenceProblem')]}
          >
            {lineErrors.map((e, i) => (
              <tr key={i} role="row">
                <td role="cell" className="num" data-label={t('admin.referenceLine')}>
                  {num(e.line)}
                </td>
                <td role="cell" data-label={t('admin.referenceColumn')}>
                  {e.column ? <code>{e.column}</code> : '—'}
                </td>
                <td role="cell" data-label={t('admin.referenceProblem')}>
                  {pick(e)}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        <button type="submit" className="button primary" disabled={upload.isPending || !file}>
          {t('admin.referenceUpload')}
        </button>
        {upload.data ? (
          <div className="alert alert-success" role="status" data-testid="admin-reference-stored">
            <p>{t('admin.referenceStored', { rows: num(upload.data.rows), version: upload.data.version, dates: upload.data.dates.join(', ') })}</p>
            {upload.data.decidedWithPlaceholder?.map((w) => (
              <p key={w.weekStart} data-testid="admin-reference-kept">
                {t('admin.referenceKept', { week: w.weekStart, n: num(w.declarations) })}
              </p>
            ))}
          </div>
        ) : null}
      </form>
      <section className="card" aria-labelledby="admin-reference-versions">
        <h2 id="admin-reference-versions" className="card-title">
          {t('admin.referenceInForce')}
        </h2>
        <Field label={t('admin.referenceOnDate')}>{(p) => <input {...p} type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} />}</Field>
        {versions.isPending && versions.fetchStatus !== 'idle' ? <Loading /> : null}
        {versions.error ? <ErrorMessage error={versions.error} /> : null}
        {versions.data ? (
          <DataTable
            label={t('admin.referenceInForce')}
            testId="admin-reference-in-force"
            // On a phone each dataset is a card (the table scrolled 105 px sideways at 390 px, 150 px in English).
            cards
            columns={[t('admin.referenceDataset'), t('admin.referenceVersion'), t('admin.referenceFrom')]}
          >
            {week ? (
              <tr role="row">
                <td role="cell" data-label={t('admin.referenceDataset')}>
                  {t('admin.referenceFx')}
                </td>
                <td role="cell" data-label={t('admin.referenceVersion')}>
                  <code>{week.version}</code>
                  {week.week ? (
                    <>
                      <div className="small">
                        {Object.entries(week.week.rates)
                          .map(([c, r]) => `${c} ${num(r, 4)}`)
                          .join(' · ')}
                        {week.week.placeholder ? ` (${t('admin.referencePlaceholder')})` : ''}
                      </div>
                      {/* A week loaded in part: the currencies the file left out are still approximations (FX_PLACEHOLDER on their declarations). */}
                      {!week.week.placeholder && week.week.placeholderCurrencies?.length ? (
                        <div className="small" data-testid="admin-reference-fx-placeholders">
                          {t('admin.referencePlaceholderSome', { currencies: week.week.placeholderCurrencies.join(', ') })}
                        </div>
                      ) : null}
                    </>
                  ) : (
                    <div className="small">{t('admin.referenceNoWeek')}</div>
                  )}
                </td>
                <td role="cell" data-label={t('admin.referenceFrom')}>
                  {t('admin.referenceWeekOf', { date: week.weekStart })}
                </td>
              </tr>
            ) : null}
            {tariff ? (
              <tr role="row">
                <td role="cell" data-label={t('admin.referenceDataset')}>
                  {datasetName('tariff')}
                </td>
                <td role="cell" data-label={t('admin.referenceVersion')}>
                  <code>{tariff.inForce ?? '—'}</code>
                </td>
                <td role="cell" data-label={t('admin.referenceFrom')}>
                  {tariff.versions.find((v) => v.inForce)?.effectiveFrom ?? '—'}</td>
              </tr>
            ) : null}
            {versions.data.datasets
              .filter((d) => d.dataset !== 'tariff')
              .map((d) => (
                <tr key={d.dataset} role="row">
                  <td role="cell" data-label={t('admin.referenceDataset')}>
                    {datasetName(d.dataset)} <span className="small muted">({d.dataset})</span>
                  </td>
                  <td role="cell" data-label={t('admin.referenceVersion')}>
                    <code>{d.inForce ?? '—'}</code>
                  </td>
                  <td role="cell" data-label={t('admin.referenceFrom')}>
                    {d.versions.find((v) => v.inForce)?.effectiveFrom ?? '—'}</td>
                </tr>
              ))}
          </DataTable>
        ) : null}
      </section>
      <section className="card" aria-labelledby="admin-reference-corrections">
        <h2 id="admin-reference-corrections" className="card-title">
          {t('admin.corrections')}
        </h2>
        <p className="small muted">{t('admin.correctionsHint')}</p>
        <QueryTable
          query={corrections}
          rows={(d) => d.corrections}
          empty={t('admin.correctionsNone')}
          label={t('admin.corrections')}
          testId="admin-reference-corrections"
          // On a phone each correction is a card (the table of eight columns scrolled 346 px sideways at 390 px, 537 px in English).
          cards
          columns={[t('admin.referenceDataset'), t('admin.correctionsVersions'), t('admin.correctionsWhen'), ...CORRECTION_COUNTS.map((k) => ({ text: t(`admin.corrections.${k}` as MessageKey), num: true }))]}
          row={(c) => (
            <tr key={`${c.dataset} ${c.version} ${c.correctedBy}`} role="row">
              <td role="cell" data-label={t('admin.referenceDataset')}>
                {datasetName(c.dataset)}
              </td>
              <td role="cell" data-label={t('admin.correctionsVersions')}>
                <code>{c.version}</code> → <code>{c.correctedBy}</code>
              </td>
              <td role="cell" data-label={t('admin.correctionsWhen')}>
                {dateTime(c.scannedAt)}
              </td>
              {CORRECTION_COUNTS.map((k) => (
                <td role="cell" className="num" key={k} data-label={t(`admin.corrections.${k}` as MessageKey)}>
                  {num(c[k])}
                </td>
              ))}
            </tr>
          )}
        />
      </section>
      <section className="card" aria-labelledby="admin-reference-uploads">
        <h2 id="admin-reference-uploads" className="card-title">
          {t('admin.referenceUploads')}
        </h2>
        <QueryTable
          query={uploads}
          rows={(d) => d.uploads}
          empty={t('admin.referenceNoUploads')}
          label={t('admin.referenceUploads')}
          testId="admin-reference-uploads"
          // On a phone each upload is a card (six columns, the SHA-256 among them).
          cards
          columns={['#', t('admin.referenceKind'), t('admin.auditWho'), t('admin.auditWhen'), { text: t('admin.referenceRows'), num: true }, 'SHA-256']}
          row={(u) => (
            <tr key={u.id} role="row">
              <td role="cell" className="num" data-label="#">
                {u.id}
              </td>
              <td role="cell" data-label={t('admin.referenceKind')}>
                {t(u.kind === 'tariff' ? 'admin.referenceTariff' : 'admin.referenceFx')}
              </td>
              <td role="cell" data-label={t('admin.auditWho')}>
                {u.uploadedByName}
              </td>
              <td role="cell" data-label={t('admin.auditWhen')}>
                {dateTime(u.uploadedAt)}
              </td>
              <td role="cell" className="num" data-label={t('admin.referenceRows')}>
                {num(u.rowCount)}
              </td>
              <td role="cell" data-label="SHA-256">
                <code title={u.sha256}>{u.sha256.slice(0, 16)}…</code>
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  );
}


interface KeyRow {
  id: number;
  prefix: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function OperatorKeys({ token, operator }: { token: string; operator: { id: number; code: string } }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const path = `/api/v1/admin/operators/${operator.id}/api-keys`;
  const keys = useQuery({ queryKey: ['admin-operator-keys', token, operator.id], queryFn: ({ signal }) => api<{ apiKeys: KeyRow[] }>(path, { token, signal }) });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['admin-operator-keys', token, operator.id] }), queryClient.invalidateQueries({ queryKey: ['admin-audit'] })]);
  const issue = useMutation({ mutationFn: () => api<KeyRow & { key: string }>(path, { token, body: { label: label.trim() } }), onSuccess: () => (setLabel(''), void refresh()) });
  const revoke = useMutation({ mutationFn: (k: KeyRow) => api<void>(`${path}/${k.id}`, { token, method: 'DELETE' }), onSuccess: () => void refresh() });
  return (
    <div className="result-stack" data-testid={`admin-keys-${operator.code}`}>
      {keys.isPending ? <Loading /> : null}
      {keys.error ? <ErrorMessage error={keys.error} onRetry={() => keys.refetch()} /> : null}
      {keys.data ? (
        <DataTable
          label={t('admin.keysOf', { code: operator.code })}
          // On a phone each key is a card, within its operator's card.
          cards
          columns={[t('admin.keyPrefix'), t('admin.keyLabel'), t('admin.keyCreated'), t('admin.keyLastUsed'), t('admin.keyState')]}
        >
          {keys.data.apiKeys.map((k) => (
            <tr key={k.id} role="row">
              <td role="cell" data-label={t('admin.keyPrefix')}>
                <code>{k.prefix}…</code>
              </td>
              <td role="cell" data-label={t('admin.keyLabel')}>
                {k.label || '—'}
              </td>
              <td role="cell" data-label={t('admin.keyCreated')}>
                {dateTime(k.createdAt)}
              </td>
              <td role="cell" data-label={t('admin.keyLastUsed')}>
                {k.lastUsedAt ? dateTime(k.lastUsedAt) : t('admin.keyNeverUsed')}
              </td>
              <td role="cell" data-label={t('admin.keyState')}>
                {k.revokedAt ? (
                  t('admin.keyRevokedAt', { at: dateTime(k.revokedAt) })
                ) : (
                  <>
                    {/* its state in words, not the button alone (the column is "State") */}
                    <span className="badge badge-success">{t('admin.keyActive')}</span>{' '}
                    <RowAction
                      className="button small"
                      label={t('admin.keyRevokeNamed', { prefix: k.prefix })}
                      busy={revoke.isPending}
                      confirm={t('admin.keyRevokeConfirm', { prefix: k.prefix, code: operator.code })}
                      onAct={() => revoke.mutate(k)}
                    >
                      {t('admin.keyRevoke')}
                    </RowAction>
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
      <form
        className="form inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate();
        }}
      >
        <Field label={t('admin.keyLabel')} optional>
          {(p) => <input {...p} name="label" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={issue.isPending}>
          {t('admin.keyIssue')}
        </button>
      </form>
      {issue.error ? <ErrorMessage error={issue.error} /> : null}
      {issue.data ? <ShownOnceKey label={t('admin.keyIssued', { code: operator.code })} value={issue.data.key} testId="admin-issued-key" /> : null}
    </div>
  );
}

interface AuditRow {
  id: number;
  at: string;
  actorKindText: { ko: string; en: string };
  actorName: string | null;
  action: string;
  actionText: { ko: string; en: string };
  subject: string;
  subjectName: string | null;
  detail: unknown;
}

/** What the log's search offers: every action, then each family of two or more by its prefix ('api-key.'), named by its actions. */
const AUDIT_SEARCH: [string, Bilingual[]][] = (() => {
  const families = new Map<string, Bilingual[]>();
  for (const [code, name] of Object.entries(AUDIT_ACTIONS)) {
    const dot = code.indexOf('.');
    if (dot > 0) families.set(code.slice(0, dot + 1), [...(families.get(code.slice(0, dot + 1)) ?? []), name]);
  }
  return [...Object.entries(AUDIT_ACTIONS).map(([code, name]): [string, Bilingual[]] => [code, [name]]), ...[...families].filter(([, names]) => names.length > 1)];
})();

/** An entry's detail as its fields, one a line (name, then value), not as a line of JSON with its braces and quotes. */
function AuditDetail({ detail }: { detail: unknown }) {
  if (detail === null || detail === undefined) return <>—</>;
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (typeof detail !== 'object' || Array.isArray(detail)) return <code style={{ overflowWrap: 'anywhere', wordBreak: 'break-all' }}>{text(detail)}</code>;
  const fields = Object.entries(detail as Record<string, unknown>);
  if (fields.length === 0) return <>—</>;
  return (
    <span>
      {fields.map(([name, value], i) => (
        <Fragment key={name}>
          {i > 0 ? <br /> : null}
          <span className="muted">{name}</span> <code style={{ overflowWrap: 'anywhere', wordBreak: 'break-all' }}>{text(value)}</code>
        </Fragment>
      ))}
    </span>
  );
}

export function AuditLog({ token }: { token: string }) {
  const { t, pick, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState({ actor: '', action: '' });
  const pages = usePagesBefore();
  const params = new URLSearchParams({ limit: '25', ...(filter.actor ? { actor: filter.actor } : {}), ...(filter.action ? { action: filter.action } : {}), ...(pages.before ? { before: String(pages.before) } : {}) });
  const log = useQuery({ queryKey: ['admin-audit', token, params.toString()], queryFn: ({ signal }) => api<{ entries: AuditRow[]; nextBefore: number | null }>(`/api/v1/admin/audit?${params}`, { token, signal }) });
  return (
    <section className="card" aria-labelledby="admin-audit" {...pages.card}>
      <h2 id="admin-audit" className="card-title">
        {t('admin.audit')}
      </h2>
      <form
        className="form inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          pages.first();
          setFilter({ actor: actor.trim(), action: action.trim() });
          // the same search again reads the log again: it grows while the page is open
          void queryClient.invalidateQueries({ queryKey: ['admin-audit'] });
        }}
      >
        <Field label={t('admin.auditWho')} hint={t('admin.auditWhoHint')} optional>
          {(p) => <input {...p} name="actor" value={actor} onChange={(e) => setActor(e.target.value)} spellCheck={false} />}
        </Field>
        <Field label={t('admin.auditWhat')} hint={t('admin.auditWhatHint')} optional>
          {(p) => <input {...p} name="action" list="admin-audit-actions" value={action} onChange={(e) => setAction(e.target.value)} spellCheck={false} autoComplete="off" />}
        </Field>
        {/* The actions by name (before: the codes had to be known): each, and each family of two or more as its prefix. */}
        <datalist id="admin-audit-actions" data-testid="admin-audit-actions">
          {AUDIT_SEARCH.map(([code, names]) => (
            <option key={code} value={code} label={names.map((n) => pick(n)).join(' · ')} />
          ))}
        </datalist>
        <button type="submit" className="button">
          {t('admin.auditSearch')}
        </button>
      </form>
      <QueryTable
        query={log}
        rows={(d) => d.entries}
        empty={t('admin.auditNone')}
        label={t('admin.audit')}
        testId="admin-audit-table"
        // On a phone each entry is a card (the table of five columns scrolled 661 px sideways at 390 px, 673 px in English).
        cards
        columns={[t('admin.auditWhen'), t('admin.auditWho'), t('admin.auditWhat'), t('admin.auditSubject'), t('admin.auditDetail')]}
        row={(e) => (
          <tr key={e.id} role="row">
            <td role="cell" data-label={t('admin.auditWhen')}>
              {dateTime(e.at)}
            </td>
            <td role="cell" data-label={t('admin.auditWho')}>
              {pick(e.actorKindText)} {e.actorName ? <code>{e.actorName}</code> : null}
            </td>
            <td role="cell" data-label={t('admin.auditWhat')}>
              {pick(e.actionText)} <span className="small muted">({e.action})</span>
            </td>
            <td role="cell" data-label={t('admin.auditSubject')}>
              <code>{e.subject}</code>
              {e.subjectName ? <> ({e.subjectName})</> : null}
            </td>
            <td role="cell" className="small" data-label={t('admin.auditDetail')}>
              <AuditDetail detail={e.detail} />
            </td>
          </tr>
        )}
      />
      <PageTurns pages={pages} nextBefore={log.data?.nextBefore} />
    </section>
  );
}
