// Operator console: sign in with an API key; API keys (create — shown once — and revoke),
// declarations sent as a CSV file and submissions with the rejected declarations and their field errors,
// the own declarations (held ones first, why, correct or withdraw: OperatorDeclarations.tsx), webhooks with their
// delivery log and replay, the taxes of the own declarations to pay on the consumer's behalf, and
// the own data-quality and compliance scorecard (OperatorScorecard.tsx).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ApiKeyRecord, type CsvIntakeResponse, type CsvProblem, type FieldError, type DeliveryRecord, type OperatorListedTaxNotice, type SubmissionRecord, type TaxNotice, type TaxReceipt, type TransferOutcome, type VirtualAccountView, type WebhookRecord } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Empty, ErrorMessage, Field, Loading, PageHeader, QueryStatus, StatusBadge, StatusMessage } from '../components/ui.tsx';
import { DataTable, RowAction } from '../components/DataTable.tsx';
import { ShownOnceKey } from '../components/ShownOnceKey.tsx';
import { VirtualAccountPanel } from '../components/VirtualAccountPanel.tsx';
import { amountToPayKrw, TAX_NOTICE_STATUSES } from '../../../src/domain/tax-notice.ts';
import { NOTICE_STATE_BADGE, noticeStateOf, paidReasonShown } from '../tax-notices.ts';
import { OPERATOR_KEY, useStoredSession, type OperatorSession } from '../staff-session.ts';
import { Scorecard } from './OperatorScorecard.tsx';
import { Declarations, FieldErrorList } from './OperatorDeclarations.tsx';
import { csvResultHeaders, declarationHref, operatorViewOf, type OperatorTab as Tab } from '../operator-console.ts';

function SignIn({ onSignedIn, revokedPrefix }: { onSignedIn: (s: OperatorSession) => void; revokedPrefix: string | null }) {
  const { t } = useI18n();
  const [apiKey, setApiKey] = useState('');
  const check = useMutation({
    mutationFn: async (key: string) => {
      const me = await api<{ kind: string; operatorId: number; operatorCode: string; operatorName: string; role: string }>('/api/v1/me', { token: key });
      if (me.kind !== 'operator') throw new ApiError(403, 'FORBIDDEN', '운영자 API 키가 아닙니다.', 'This is not an operator API key.');
      return { apiKey: key, operator: { operatorId: me.operatorId, operatorCode: me.operatorCode, operatorName: me.operatorName, role: me.role } };
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    check.mutate(apiKey.trim(), { onSuccess: onSignedIn });
  }
  return (
    <form className="card form narrow" onSubmit={submit} aria-labelledby="operator-signin">
      <h2 id="operator-signin" className="card-title">
        {t('operator.signIn')}
      </h2>
      {/* Signed out by revoking the key in use (a key rotated): why the form is back, and with which key to come in. */}
      <StatusMessage className="alert alert-info" testId="operator-revoked-own" takeFocus>
        {revokedPrefix ? t('operator.revokedOwn', { prefix: revokedPrefix }) : null}
      </StatusMessage>
      <Field label={t('operator.apiKey')} hint={t('operator.apiKeyHint')}>
        {(p) => <input {...p} name="apiKey" type="password" autoComplete="off" spellCheck={false} value={apiKey} onChange={(e) => setApiKey(e.target.value)} required />}
      </Field>
      {check.error ? <ErrorMessage error={check.error} /> : null}
      <button type="submit" className="button primary block" disabled={check.isPending || !apiKey.trim()}>
        {check.isPending ? t('state.checking') : t('operator.signInButton')}
      </button>
    </form>
  );
}

export function Operator() {
  const { t } = useI18n();
  const [session, setSession] = useStoredSession<OperatorSession>(OPERATOR_KEY);
  // The tab and the declaration opened are the page's address: a tax notice's row links to its declaration
  // (/operator?tab=declarations&declaration=2873), and the browser's back returns to the list it came from.
  const [params, setParams] = useSearchParams();
  const { tab, declaration } = operatorViewOf(params);
  const setTab = (id: Tab) => setParams({ tab: id });
  const openDeclaration = (id: number | null) => setParams(id === null ? { tab: 'declarations' } : { tab: 'declarations', declaration: String(id) });
  // The prefix of the key in use, revoked here: the sign-in form says so.
  const [revokedPrefix, setRevokedPrefix] = useState<string | null>(null);
  const tabs: { id: Tab; label: MessageKey }[] = [
    { id: 'keys', label: 'operator.tab.keys' },
    { id: 'submissions', label: 'operator.tab.submissions' },
    { id: 'declarations', label: 'operator.tab.declarations' },
    { id: 'webhooks', label: 'operator.tab.webhooks' },
    { id: 'taxes', label: 'operator.tab.taxes' },
    { id: 'scorecard', label: 'operator.tab.scorecard' },
  ];
  return (
    <>
      <PageHeader title={t('operator.title')} lead={t('operator.lead')} />
      {!session ? (
        <SignIn
          revokedPrefix={revokedPrefix}
          onSignedIn={(s) => {
            setRevokedPrefix(null);
            setSession(s);
          }}
        />
      ) : (
        <>
          <div className="card session-bar">
            <p>
              <span data-testid="operator-signed-in-as">{t('operator.signedInAs', { name: session.operator.operatorName ?? session.operator.operatorCode, code: session.operator.operatorCode })}</span> <span className="badge badge-info">{t(`role.${session.operator.role}` as MessageKey)}</span>
            </p>
            <button type="button" className="button secondary" onClick={() => setSession(null)}>
              {t('action.signOut')}
            </button>
          </div>
          <div className="tabs" role="tablist" aria-label={t('operator.title')}>
            {tabs.map((x) => (
              <button
                key={x.id}
                type="button"
                role="tab"
                id={`tab-${x.id}`}
                aria-selected={tab === x.id}
                aria-controls={`panel-${x.id}`}
                tabIndex={tab === x.id ? 0 : -1}
                className={tab === x.id ? 'tab active' : 'tab'}
                onClick={() => setTab(x.id)}
                onKeyDown={(e) => {
                  const i = tabs.findIndex((y) => y.id === tab);
                  const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
                  if (next) {
                    setTab(next.id);
                    requestAnimationFrame(() => document.getElementById(`tab-${next.id}`)?.focus());
                  }
                }}
              >
                {t(x.label)}
              </button>
            ))}
          </div>
          <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'keys' ? (
              <ApiKeys
                session={session}
                onRevokedOwn={(prefix) => {
                  setRevokedPrefix(prefix);
                  setSession(null);
                }}
              />
            ) : null}
            {tab === 'submissions' ? (
              <>
                <CsvUpload session={session} />
                <Submissions session={session} />
              </>
            ) : null}
            {tab === 'declarations' ? <Declarations session={session} open={declaration} onOpen={openDeclaration} /> : null}
            {tab === 'webhooks' ? <Webhooks session={session} /> : null}
            {tab === 'taxes' ? <TaxesOnBehalf session={session} /> : null}
            {tab === 'scorecard' ? <Scorecard session={session} /> : null}
          </section>
        </>
      )}
    </>
  );
}

function ApiKeys({ session, onRevokedOwn }: { session: OperatorSession; onRevokedOwn: (prefix: string) => void }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ['api-keys', session.apiKey], queryFn: ({ signal }) => api<{ apiKeys: ApiKeyRecord[] }>('/api/v1/api-keys', { token: session.apiKey, signal }) });
  const create = useMutation({
    mutationFn: () => api<ApiKeyRecord & { key: string }>('/api/v1/api-keys', { body: { label: label.trim() }, token: session.apiKey }),
    onSuccess: (r) => {
      setCreated(r.key);
      setLabel('');
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (k: ApiKeyRecord) => api(`/api/v1/api-keys/${k.id}`, { method: 'DELETE', token: session.apiKey }),
    onSuccess: (_r, k) => {
      if (session.apiKey.startsWith(k.prefix)) onRevokedOwn(k.prefix);
      else void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  return (
    <div className="result-stack">
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
        aria-labelledby="new-key-title"
      >
        <h2 id="new-key-title" className="card-title">
          {t('operator.newKey')}
        </h2>
        <Field label={t('operator.keyLabel')} optional>
          {(p) => <input {...p} name="label" maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <button type="submit" className="button primary" disabled={create.isPending}>
          {t('operator.createKey')}
        </button>
        {created ? <ShownOnceKey label={t('operator.newKeyIs')} value={created} /> : null}
      </form>
      <div className="card">
        <h2 className="card-title">{t('operator.keys')}</h2>
        {keys.isPending ? <Loading /> : null}
        {keys.error ? <ErrorMessage error={keys.error} onRetry={() => keys.refetch()} /> : null}
        {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
        {keys.data ? (
          <DataTable label={t('operator.keys')} columns={[t('operator.prefix'), t('operator.keyLabel'), t('operator.created'), t('operator.lastUsed'), t('operator.state')]}>
            {keys.data.apiKeys.map((k) => (
              <tr key={k.id}>
                <td>
                  <code>{k.prefix}…</code>
                  {session.apiKey.startsWith(k.prefix) ? <span className="badge badge-info">{t('operator.thisKey')}</span> : null}
                </td>
                <td>{k.label || '—'}</td>
                <td>{dateTime(k.createdAt)}</td>
                <td>{k.lastUsedAt ? dateTime(k.lastUsedAt) : '—'}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="badge badge-neutral">{t('operator.revoked')}</span>
                  ) : (
                    <RowAction
                      className="button danger small"
                      label={t('operator.revokeKey', { prefix: k.prefix })}
                      busy={revoke.isPending}
                      // The key this console is signed in with: revoking it signs out (the new key must be kept first).
                      confirm={t(session.apiKey.startsWith(k.prefix) ? 'operator.confirmRevokeOwn' : 'operator.confirmRevoke', { prefix: k.prefix })}
                      onAct={() => revoke.mutate(k)}
                    >
                      {t('operator.revoke')}
                    </RowAction>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </div>
    </div>
  );
}

/** Declarations as CSV (POST /api/v1/declarations/csv): for an operator without an API integration. */
function CsvUpload({ session }: { session: OperatorSession }) {
  const { t, pick, krw, lang } = useI18n();
  const queryClient = useQueryClient();
  const headers = csvResultHeaders(lang);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) =>
      api<CsvIntakeResponse>('/api/v1/declarations/csv', { token: session.apiKey, text: { content: await f.text(), type: 'text/csv; charset=utf-8' }, headers: { prefer: 'return=minimal' } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['submissions'] }),
  });
  const template = useMutation({
    mutationFn: async () => {
      // Each column named for people in the page's language, "참조번호 (ref)": the intake reads the path in the brackets.
      const res = await fetch(`/api/v1/declarations/csv-template?lang=${lang}`, { headers: { authorization: `Bearer ${session.apiKey}` } });
      if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, `양식을 받지 못했습니다 (HTTP ${res.status}).`, `The template could not be fetched (HTTP ${res.status}).`);
      // A BOM so that Excel opens the Korean of a filled-in copy as UTF-8.
      const url = URL.createObjectURL(new Blob(['\uFEFF', await res.text()], { type: 'text/csv' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: 'declarations-template.csv' });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const problems = upload.error instanceof ApiError && upload.error.code === 'CSV_INVALID' ? ((upload.error.details as { errors?: CsvProblem[] } | undefined)?.errors ?? []) : [];
  function submit(e: FormEvent) {
    e.preventDefault();
    if (file) upload.mutate(file);
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="csv-title">
      <h2 id="csv-title" className="card-title">
        {t('operator.csvTitle')}
      </h2>
      <p className="muted">{t('operator.csvLead')}</p>
      <p className="muted">
        {t('operator.csvColumnsExample')} <code>ref, declaredAt, shipment.mode, consignee.pccc, order.currency, items.description, items.quantity, items.price</code>
      </p>
      <Field label={t('operator.csvFile')}>
        {(p) => <input {...p} name="csv" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />}
      </Field>
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={!file || upload.isPending}>
          {upload.isPending ? t('operator.csvSending') : t('operator.csvSend')}
        </button>
        <button type="button" className="button secondary" onClick={() => template.mutate()} disabled={template.isPending}>
          {t('operator.csvTemplate')}
        </button>
      </div>
      {template.error ? <ErrorMessage error={template.error} /> : null}
      {upload.error ? <ErrorMessage error={upload.error} /> : null}
      {problems.length ? (
        <div data-testid="csv-problems">
          <p>{t('operator.csvProblems')}</p>
          <ul className="field-errors">
            {problems.map((x, i) => (
              <li key={i}>
                {/* line 0: the file as a whole (not CSV at all) */}
                {x.line ? (
                  <>
                    <code>{t('operator.csvProblem', { line: x.line, column: x.column })}</code> —{' '}
                  </>
                ) : null}
                {pick(x)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {upload.data ? (
        <div data-testid="csv-result">
          <StatusMessage>{t('operator.csvResult', upload.data.summary)}</StatusMessage>
          <DataTable label={t('operator.csvTitle')} columns={headers}>
            {/* A rejected declaration's errors on a row of their own under it, the table's full width:
                in a sixth column they sat off the screen of a phone, to the right of a scrolled table. */}
            {upload.data.results.flatMap((r) => [
              <tr key={r.index} className={r.errors.length ? 'has-errors' : undefined}>
                <td>
                  <code>{r.ref ?? '—'}</code>
                  {r.cargoNo ? <div className="muted">{r.cargoNo}</div> : null}
                </td>
                <td>{r.lines.join(', ')}</td>
                <td>
                  <span className={`badge ${r.status === 'accepted' ? 'badge-success' : 'badge-danger'}`}>{t(r.status === 'accepted' ? 'operator.csvAccepted' : 'operator.csvRejected')}</span>
                </td>
                <td>{r.route ? t(`route.${r.route}` as MessageKey) : '—'}</td>
                <td>{r.taxesDueKrw === null ? '—' : krw(r.taxesDueKrw)}</td>
              </tr>,
              ...(r.errors.length
                ? [
                    <tr key={`${r.index}-errors`} className="row-errors" data-testid={`csv-errors-${r.index}`}>
                      <td colSpan={5}>
                        <p className="small">
                          <strong>{t('operator.csvErrors')}</strong> · {t('operator.declarationAt', { n: r.index + 1, index: r.index })}
                        </p>
                        <FieldErrorList errors={r.errors} itemLines={r.itemLines} />
                      </td>
                    </tr>,
                  ]
                : []),
            ])}
          </DataTable>
        </div>
      ) : null}
    </form>
  );
}

function Submissions({ session }: { session: OperatorSession }) {
  const { t, dateTime } = useI18n();
  const [rejectedOnly, setRejectedOnly] = useState(false);
  const list = useQuery({
    queryKey: ['submissions', session.apiKey, rejectedOnly],
    queryFn: ({ signal }) => api<{ submissions: SubmissionRecord[] }>(`/api/v1/submissions?limit=50&rejectedOnly=${rejectedOnly}`, { token: session.apiKey, signal }),
  });
  return (
    <div className="card">
      <h2 className="card-title">{t('operator.submissions')}</h2>
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={rejectedOnly} onChange={(e) => setRejectedOnly(e.target.checked)} /> {t('operator.rejectedOnly')}
        </label>
        <button type="button" className="button secondary" onClick={() => list.refetch()}>
          {t('action.refresh')}
        </button>
      </div>
      <QueryStatus query={list} rows={(d) => d.submissions.length} empty={t('operator.noSubmissions')} />
      <ul className="submissions">
        {list.data?.submissions.map((s) => (
          <li key={s.id} className="submission">
            <p>
              <strong>#{s.id}</strong> · {dateTime(s.receivedAt)}
            </p>
            <p className="submission-counts">
              <span className="badge badge-neutral">{t('operator.received', { n: s.received })}</span>{' '}
              <span className="badge badge-success">{t('operator.accepted', { n: s.accepted })}</span>{' '}
              <span className={`badge ${s.rejected ? 'badge-danger' : 'badge-neutral'}`}>{t('operator.rejected', { n: s.rejected })}</span>
              {s.replayed ? <span className="badge badge-neutral"> {t('operator.replayed', { n: s.replayed })}</span> : null}
            </p>
            {s.rejections.length ? (
              <details open={s.rejections.length <= 3}>
                <summary>{t('operator.showRejections', { n: s.rejections.length })}</summary>
                <ul className="rejections">
                  {s.rejections.map((r) => (
                    <li key={r.index}>
                      <p>
                        {t('operator.declarationAt', { n: r.index + 1, index: r.index })} {r.ref ? <code>{r.ref}</code> : null}
                      </p>
                      <FieldErrorList errors={r.errors} />
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Deliveries({ session, webhook }: { session: OperatorSession; webhook: WebhookRecord }) {
  const { t, dateTime, pick } = useI18n();
  // The event's name in the page's language; none for a type the platform has no name for.
  const eventNameOf = (d: DeliveryRecord) => (d.nameKo !== null ? pick({ ko: d.nameKo, en: d.nameEn ?? d.nameKo }) : null);
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['deliveries', webhook.id],
    queryFn: ({ signal }) => api<{ deliveries: DeliveryRecord[] }>(`/api/v1/webhooks/${webhook.id}/deliveries?limit=50`, { token: session.apiKey, signal }),
    // A delivery still to be sent (a replay, a retry): read again until it is sent or given up, so
    // "was it delivered?" is answered here, not by closing and opening the log.
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === 'pending') ? 3_000 : false),
  });
  const replay = useMutation({
    mutationFn: (outboxId: number) => api(`/api/v1/webhooks/deliveries/${outboxId}/replay`, { method: 'POST', token: session.apiKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deliveries', webhook.id] }),
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorMessage error={list.error} onRetry={() => list.refetch()} />;
  if (!list.data.deliveries.length) return <Empty>{t('operator.noDeliveries')}</Empty>;
  return (
    <>
      {replay.error ? <ErrorMessage error={replay.error} /> : null}
      <StatusMessage className="alert alert-success">{replay.isSuccess ? t('operator.replayQueued') : null}</StatusMessage>
      <DataTable label={t('operator.deliveries')} columns={[t('operator.event'), t('operator.state'), { text: t('operator.attempts'), num: true }, t('operator.lastResult'), { text: t('operator.replay'), hidden: true }]}>
        {list.data.deliveries.map((d) => (
          <tr key={d.outboxId}>
            <td>
              {/* what happened (신고접수, 제세 납부, …); under it the event's id and its type as subscribed to */}
              <div className="delivery-event">{eventNameOf(d) ?? d.eventType}</div>
              {/* the parcel it is about, as the operator finds it: cargo number and own ref */}
              {d.cargoNo ? (
                <div className="small" data-testid={`delivery-parcel-${d.outboxId}`}>
                  <code>{d.cargoNo}</code>
                  {d.ref ? <> · <code>{d.ref}</code></> : null}
                </div>
              ) : null}
              <div className="small muted">
                <code>{d.eventId === null ? d.payloadId : `#${d.eventId}`}</code> · <code>{d.eventType}</code>
              </div>
            </td>
            <td>
              <StatusBadge status={`delivery_${d.status}`} />
            </td>
            <td className="num">{d.attempts}</td>
            <td className="small">
              {/* the receiver's status once: a failed attempt's error is often that same "HTTP 500" */}
              {d.lastStatus ? `HTTP ${d.lastStatus}` : ''} {d.lastError && d.lastError !== `HTTP ${d.lastStatus}` ? d.lastError : ''}{' '}
              {/* pending again (a replay): when it goes, not when it was delivered before */}
              {d.nextAttemptAt ? t('operator.nextAttempt', { at: dateTime(d.nextAttemptAt) }) : d.deliveredAt ? dateTime(d.deliveredAt) : ''}
              {/* every attempt: when, the receiver's answer (or the error), how long it took */}
              {d.log.length ? (
                <details className="attempt-log" data-testid={`delivery-log-${d.outboxId}`}>
                  <summary>
                    {t('operator.attemptLog')} ({d.log.length})
                  </summary>
                  <ul>
                    {d.log.map((a) => (
                      <li key={a.attempt}>
                        {t('operator.attemptNo', { n: a.attempt })} · {dateTime(a.requestedAt)} · {a.responseStatus !== null ? `HTTP ${a.responseStatus}` : ''}
                        {a.error && a.error !== `HTTP ${a.responseStatus}` ? ` ${a.error}` : ''} · {a.durationMs} ms
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </td>
            <td>
              {/* a disabled webhook sends nothing more, a replay neither (404) */}
              {webhook.active ? (
                <RowAction
                  className="button secondary small"
                  label={t('operator.replayEvent', { id: `${eventNameOf(d) ?? d.eventType} (${d.payloadId})` })}
                  busy={replay.isPending}
                  onAct={() => replay.mutate(d.outboxId)}
                >
                  {t('operator.replay')}
                </RowAction>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function Webhooks({ session }: { session: OperatorSession }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['webhooks', session.apiKey], queryFn: ({ signal }) => api<{ webhooks: WebhookRecord[] }>('/api/v1/webhooks', { token: session.apiKey, signal }) });
  const create = useMutation({
    mutationFn: () => api<WebhookRecord & { secret: string }>('/api/v1/webhooks', { body: { url: url.trim() }, token: session.apiKey }),
    onSuccess: (r) => {
      setSecret(r.secret);
      setUrl('');
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  // DELETE /api/v1/webhooks/:id disables it: nothing more is sent there; its deliveries stay readable.
  const disable = useMutation({
    mutationFn: (w: WebhookRecord) => api(`/api/v1/webhooks/${w.id}`, { method: 'DELETE', token: session.apiKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  return (
    <div className="result-stack">
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
        aria-labelledby="new-webhook-title"
      >
        <h2 id="new-webhook-title" className="card-title">
          {t('operator.newWebhook')}
        </h2>
        <Field label={t('operator.webhookUrl')} hint={t('operator.webhookHint')}>
          {(p) => <input {...p} name="url" type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks/tonggwan" />}
        </Field>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <button type="submit" className="button primary" disabled={create.isPending || !url.trim()}>
          {t('operator.register')}
        </button>
        {secret ? <ShownOnceKey label={t('operator.secretIs')} value={secret} /> : null}
      </form>
      <div className="card">
        <h2 className="card-title">{t('operator.webhooks')}</h2>
        <QueryStatus query={list} rows={(d) => d.webhooks.length} empty={t('operator.noWebhooks')} />
        {disable.error ? <ErrorMessage error={disable.error} /> : null}
        <ul className="webhooks">
          {list.data?.webhooks.map((w) => (
            <li key={w.id} className="webhook">
              <p className="webhook-url">
                <code>{w.url}</code> {w.active ? <span className="badge badge-success">{t('operator.active')}</span> : <span className="badge badge-neutral">{t('operator.inactive')}</span>}
              </p>
              <p className="small muted">
                {t('operator.events')}: {w.eventTypes?.join(', ') ?? t('operator.allEvents')} · {dateTime(w.createdAt)}
              </p>
              <div className="button-row">
                <button type="button" className="button secondary small" aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)}>
                  {open === w.id ? t('operator.hideDeliveries') : t('operator.showDeliveries')}
                </button>
                {w.active ? (
                  <button
                    type="button"
                    className="button danger small"
                    disabled={disable.isPending}
                    aria-label={t('operator.disableWebhookOf', { url: w.url })}
                    onClick={() => {
                      if (window.confirm(t('operator.confirmDisableWebhook', { url: w.url }))) disable.mutate(w);
                    }}
                  >
                    {t('operator.disableWebhook')}
                  </button>
                ) : null}
              </div>
              {open === w.id ? <Deliveries session={session} webhook={w} /> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

type NoticeStatus = TaxNotice['status'];
const TAX_PAGE = 20;

/** The taxes of the operator's own declarations, paid on the consumer's behalf by transfer. */
function TaxesOnBehalf({ session }: { session: OperatorSession }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<NoticeStatus | ''>('');
  // The page shown: the first, older than a notice (after: forward), or newer than one (before: back).
  const [cursor, setCursor] = useState<{ after: number } | { before: number } | null>(null);
  const [paid, setPaid] = useState<{ cargoNo: string; receiptNo: string } | null>(null);
  const list = useQuery({
    queryKey: ['operator-tax-notices', session.apiKey, status, cursor],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ limit: String(TAX_PAGE) });
      if (status) q.set('status', status);
      if (cursor && 'after' in cursor) q.set('after', String(cursor.after));
      if (cursor && 'before' in cursor) q.set('before', String(cursor.before));
      return api<{ notices: OperatorListedTaxNotice[]; next: number | null; prev: number | null }>(`/api/v1/tax-notices?${q}`, { token: session.apiKey, signal });
    },
  });
  const next = list.data?.next ?? null;
  const prev = list.data?.prev ?? null;
  return (
    <div className="card" data-testid="operator-taxes">
      <h2 className="card-title">{t('operator.taxes')}</h2>
      <p className="small muted">{t('operator.taxesLead')}</p>
      <div className="toolbar">
        <label htmlFor="tax-status">{t('operator.taxStatus')}</label>
        <select
          id="tax-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as NoticeStatus | '');
            setCursor(null);
          }}
        >
          <option value="">{t('operator.taxStatusAll')}</option>
          {/* held: the engine held the parcel, nothing payable; not among due, yet findable. */}
          {TAX_NOTICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`pay.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="button" className="button secondary" onClick={() => list.refetch()}>
          {t('action.refresh')}
        </button>
      </div>
      <StatusMessage className="alert alert-success">
        {paid ? (
          <>
            {t('operator.paidOnBehalf', { cargoNo: paid.cargoNo })} <Link to={`/receipts/${paid.receiptNo}`}>{paid.receiptNo}</Link>
          </>
        ) : null}
      </StatusMessage>
      <QueryStatus query={list} rows={(d) => d.notices.length} empty={t('operator.noTaxes')} />
      {list.data && list.data.notices.length > 0 ? (
        // On a phone each notice is a card of label–value lines (DataTable's cards), the pay button in reach: as a
        // table of seven columns the button sat at x ≈ 583 px of a 390 px screen.
        <DataTable
          label={t('operator.taxes')}
          cards
          className="behalf-table"
          columns={[t('pay.cargoNo'), t('operator.decl.consignee'), t('operator.item'), { text: t('pay.amount'), num: true }, t('pay.dueDate'), t('operator.state'), { text: t('operator.payOnBehalf'), hidden: true }]}
        >
          {list.data.notices.map((n) => (
            <NoticeRow key={n.declarationId} notice={n} session={session} onPaid={(r) => setPaid({ cargoNo: n.cargoNo, receiptNo: r.receiptNo })} />
          ))}
        </DataTable>
      ) : null}
      <div className="button-row">
        {cursor !== null && prev !== null ? (
          <button type="button" className="button secondary" onClick={() => setCursor(null)}>
            {t('operator.firstPage')}
          </button>
        ) : null}
        {prev !== null ? (
          <button type="button" className="button secondary" onClick={() => setCursor({ before: prev })}>
            {t('operator.prevPage')}
          </button>
        ) : null}
        {next !== null ? (
          <button type="button" className="button secondary" onClick={() => setCursor({ after: next })}>
            {t('operator.nextPage')}
          </button>
        ) : null}
      </div>
      <p className="small muted">{t('pay.emulatorNote')}</p>
    </div>
  );
}

function NoticeRow({ notice, session, onPaid }: { notice: OperatorListedTaxNotice; session: OperatorSession; onPaid: (r: TaxReceipt) => void }) {
  const { t, krw, lang } = useI18n();
  const queryClient = useQueryClient();
  // One key per notice action: a retry after a lost answer cannot pay twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  // The virtual account the operator deposits into from its settlement account (입금 대기): issued
  // just now, or, on a later visit, the one the notice says still waits.
  const [issued, setAccount] = useState<VirtualAccountView | null>(null);
  const account = issued ?? notice.virtualAccount;
  // Paid, then assessed again higher (관세법 제38조의2): the shortfall is paid on the same notice, under a key of its own.
  const dueKrw = amountToPayKrw(notice);
  const part = notice.payment ? `shortfall-${notice.shortfallPayments.length + 1}` : 'notice';
  const pay = useMutation({
    mutationFn: () =>
      api<{ notice: TaxNotice; receipt: TaxReceipt } | TransferOutcome>(`/api/v1/declarations/${notice.declarationId}/tax-payments`, {
        token: session.apiKey,
        headers: { 'idempotency-key': `${idempotencyKey}:${part}` },
        body: { method: 'transfer', amountKrw: dueKrw },
      }),
    onSuccess: (r) => {
      if ('virtualAccount' in r) return setAccount(r.virtualAccount);
      onPaid(r.receipt);
      void queryClient.invalidateQueries({ queryKey: ['operator-tax-notices'] });
    },
  });
  const deposited = (r: TaxReceipt) => {
    setAccount(null);
    onPaid(r);
    void queryClient.invalidateQueries({ queryKey: ['operator-tax-notices'] });
  };
  const amount = krw(notice.amountKrw);
  const due = krw(dueKrw);
  return (
    <tr role="row" data-testid={`operator-notice-${notice.cargoNo}`}>
      <td role="cell" data-label={t('pay.cargoNo')}>
        {/* The declaration's own page in the console: where it stands, its history, correct or withdraw. */}
        <Link to={declarationHref(notice.declarationId)} aria-label={t('operator.decl.openOf', { cargoNo: notice.cargoNo })}>
          <code>{notice.cargoNo}</code>
        </Link>
      </td>
      <td role="cell" data-label={t('operator.decl.consignee')} data-testid={`consignee-of-${notice.cargoNo}`}>
        {notice.consigneeName}
      </td>
      <td role="cell" className="behalf-item" data-label={t('operator.item')}>
        {notice.description}
      </td>
      <td role="cell" className="num" data-label={t('pay.amount')}>
        {/* Paid: what was paid; the taxes as assessed again since, when they differ (the notice's reason says what to do). */}
        {notice.payment ? krw(notice.payment.amountKrw) : amount}
        {notice.payment && notice.payment.amountKrw !== notice.amountKrw ? (
          <span className="small">
            <br />
            {t('pay.amountNow')} {amount}
          </span>
        ) : null}
      </td>
      <td role="cell" data-label={t('pay.dueDate')}>
        {/* Held by the engine: the term runs from 수리 (관세법 제9조), no date to pay by yet. */}
        {notice.payable ? notice.dueDate : t('pay.dueOnHold')}
      </td>
      <td role="cell" data-label={t('operator.state')}>
        {/* Held by the engine (payable false): 'on hold', not '납부 대기'. */}
        <span className={`badge ${NOTICE_STATE_BADGE[noticeStateOf(notice)]}`}>{t(`pay.status.${noticeStateOf(notice)}` as MessageKey)}</span>
      </td>
      <td role="cell" className="behalf-action">
        {/* The notice's payment undone (a reversed deposit) while a shortfall stands: its receipt and the reason (what is left to pay). */}
        {!notice.payment && notice.shortfallPayments.length > 0 ? (
          <>
            {notice.shortfallPayments.map((p, i) => (
              <span key={p.receiptNo}>
                {i > 0 ? <br /> : null}
                <Link to={`/receipts/${p.receiptNo}`}>{p.receiptNo}</Link>
              </span>
            ))}
            <p className="small behalf-reason">{lang === 'ko' ? notice.reason.ko : notice.reason.en}</p>
          </>
        ) : null}
        {notice.payment ? (
          <>
            {[notice.payment, ...notice.shortfallPayments].map((p, i) => (
              <span key={p.receiptNo}>
                {i > 0 ? <br /> : null}
                <Link to={`/receipts/${p.receiptNo}`}>{p.receiptNo}</Link>
              </span>
            ))}
            {paidReasonShown(notice) ? <p className="small behalf-reason">{lang === 'ko' ? notice.reason.ko : notice.reason.en}</p> : null}
          </>
        ) : null}
        {(notice.payment || notice.shortfallPayments.length > 0) && dueKrw === 0 ? null : !notice.payable ? (
          // Held by the engine: the taxes it would owe, the reason and what to do; nothing to pay until the hold is resolved (관세법 제9조).
          <p className="small behalf-reason" data-testid={`not-payable-${notice.cargoNo}`}>
            {lang === 'ko' ? notice.reason.ko : notice.reason.en}
          </p>
        ) : account ? (
          <VirtualAccountPanel account={account} declarationId={notice.declarationId} token={session.apiKey} onPaid={deposited} takeFocus={issued !== null} />
        ) : (
          <>
            <button
              type="button"
              className="button primary small"
              disabled={pay.isPending}
              aria-label={t('operator.payOnBehalfOf', { cargoNo: notice.cargoNo, amount: due })}
              onClick={() => {
                if (window.confirm(t('operator.confirmPayOnBehalf', { cargoNo: notice.cargoNo, amount: due }))) pay.mutate();
              }}
            >
              {pay.isPending ? t('state.checking') : t('operator.payOnBehalf')}
            </button>
            {pay.error ? <ErrorMessage error={pay.error} /> : null}
          </>
        )}
      </td>
    </tr>
  );
}
