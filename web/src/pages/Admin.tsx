// Administration (/officer/admin, administrators only): the operators with their role, a new
// operator and its first API key (shown once), the declaration event stream's relay to NATS
// (position and lag), and the virtual accounts the platform could not close at Toss after every
// attempt (GET /api/v1/admin/account-closures), each with a retry: such an account may still take
// a deposit, and nobody else would see it. The holder's security notices given up (AdminHolderNotices.tsx),
// each sent again once the number or address is put right. Staff accounts (AdminStaff.tsx: listed, created, passwords
// reset, disabled and enabled). Each operator's API keys (AdminReference.tsx: listed without
// secrets, issued, revoked), reference data loads and versions, and the audit log.
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Dl, ErrorMessage, Field, Loading, PageHeader, StatusMessage } from '../components/ui.tsx';
import { QueryTable, RowAction } from '../components/DataTable.tsx';
import { OfficerSignInNeeded } from '../components/OfficerSignInNeeded.tsx';
import { bankOf } from '../../../src/domain/virtual-account.ts';
import { OFFICER_KEY, officerValid, useStoredSession, type OfficerSession } from '../staff-session.ts';
import type { EventStreamStatus } from '../../../src/domain/api-views.ts';
import { AuditLog, OperatorKeys, ReferenceData } from './AdminReference.tsx';
import { ShownOnceKey } from '../components/ShownOnceKey.tsx';
import { StaffAccounts } from './AdminStaff.tsx';
import { HolderNotices } from './AdminHolderNotices.tsx';

const ROLES = ['marketplace', 'seller', 'forwarder', 'courier', 'broker'] as const;
interface OperatorRow {
  id: number;
  code: string;
  name: string;
  role: (typeof ROLES)[number];
}

function EventStream({ token }: { token: string }) {
  const { t, num, dateTime } = useI18n();
  const status = useQuery({ queryKey: ['admin-event-stream', token], queryFn: ({ signal }) => api<EventStreamStatus>('/api/v1/admin/event-stream', { token, signal }), refetchInterval: 30_000 });
  const s = status.data;
  const when = (iso: string | null | undefined) => (iso ? dateTime(iso) : '—');
  return (
    <section className="card" aria-labelledby="admin-stream" data-testid="admin-event-stream">
      <h2 id="admin-stream" className="card-title">
        {t('admin.stream')}
      </h2>
      {status.isPending ? <Loading /> : null}
      {status.error ? <ErrorMessage error={status.error} onRetry={() => status.refetch()} /> : null}
      {s && !s.enabled ? <p className="muted">{t('admin.streamOff')}</p> : null}
      {s && s.enabled ? (
        <Dl
          rows={[
            [t('admin.streamState'), <span key="c" className={`badge ${s.connected ? 'badge-success' : 'badge-danger'}`}>{t(s.connected ? 'admin.streamConnected' : 'admin.streamDisconnected')}</span>],
            [t('admin.streamName'), <code key="n">{`${s.stream ?? '—'} · ${s.subjectPrefix ?? '—'}.*`}</code>],
            [t('admin.streamPublished'), t('admin.events', { n: num(s.published ?? 0) })],
            [t('admin.streamLastPublished'), when(s.lastPublishedAt)],
            [t('admin.streamPending'), t('admin.events', { n: num(s.pendingEvents ?? 0) })],
            [t('admin.streamOldestPending'), when(s.oldestPendingAt)],
            ...(s.lastError ? ([[t('admin.streamLastError'), <code key="e">{s.lastError}</code>]] as [string, ReactNode][]) : []),
          ]}
        />
      ) : null}
    </section>
  );
}

/** GET /api/v1/admin/account-closures (AccountClosureView, src/app/manage-account-closures.ts). */
interface AccountClosure {
  id: number;
  reason: string;
  why: { ko: string; en: string };
  status: 'pending' | 'closed' | 'deposited' | 'dead';
  attempts: number;
  lastError: string | null;
  /** Toss's code explained (src/app/toss-error-text.ts), with Toss's code and message as sent. */
  lastErrorExplained: { ko: string; en: string; providerCode: string | null; providerMessage: string | null } | null;
  queuedAt: string;
  doneAt: string | null;
  account: { declarationId: number; paymentNo: string; amountKrw: number; provider: string; orderId: string; providerTx: string; bankCode: string; accountNumber: string; dueAt: string };
}

/** The last failure in the page's language, then what Toss sent (its code and message) or our diagnostic, as detail. */
function LastError({ c }: { c: AccountClosure }) {
  const { t, lang } = useI18n();
  const e = c.lastErrorExplained;
  if (!e) return <>{c.lastError ?? '—'}</>;
  return (
    <>
      {e[lang]}
      <br />
      <span className="muted" data-testid="closure-provider-error">
        {e.providerCode ? (
          <>
            {t('admin.closureProviderAnswer')} <ProviderCode code={e.providerCode} />
            {e.providerMessage ? ` ${e.providerMessage}` : ''}
          </>
        ) : (
          <code>{c.lastError}</code>
        )}
      </span>
    </>
  );
}

/**
 * Toss's error code (NOT_FOUND_PAYMENT_SESSION) as words joined by underscores: on a narrow card it may wrap after an
 * underscore (<wbr>), never inside a word (styles.css .provider-code; the cell's overflow-wrap: anywhere broke it "FOUN/D_").
 */
function ProviderCode({ code }: { code: string }) {
  const words = code.split('_');
  return (
    <code className="provider-code">
      {words.map((w, i) => (
        <Fragment key={i}>
          {w}
          {i < words.length - 1 ? (
            <>
              _<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </code>
  );
}

function AccountClosures({ token }: { token: string }) {
  const { t, lang, krw, dateTime, num } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['admin-account-closures', token],
    queryFn: ({ signal }) => api<{ closures: AccountClosure[]; total: number; maxAttempts: number }>('/api/v1/admin/account-closures', { token, signal }),
  });
  const [done, setDone] = useState<{ text: string; ok: boolean } | null>(null);
  const retry = useMutation({
    mutationFn: (c: AccountClosure) => api<{ outcome: 'closed' | 'deposited' | 'retry'; closure: AccountClosure }>(`/api/v1/admin/account-closures/${c.id}/retry`, { token, method: 'POST' }),
    onSuccess: (r, c) => {
      const account = accountOf(c);
      setDone(
        r.outcome === 'retry'
          ? { ok: false, text: t('admin.closureFailed', { account, error: r.closure.lastErrorExplained?.[lang] ?? '—' }) }
          : { ok: true, text: t(r.outcome === 'closed' ? 'admin.closureClosed' : 'admin.closureDeposited', { account }) },
      );
      void queryClient.invalidateQueries({ queryKey: ['admin-account-closures'] });
    },
  });
  const accountOf = (c: AccountClosure) => `${bankOf(c.account.bankCode)[lang]} ${c.account.accountNumber}`;
  return (
    <section className="card" aria-labelledby="admin-closures" data-testid="admin-account-closures">
      <h2 id="admin-closures" className="card-title">
        {t('admin.closures')}
      </h2>
      <p className="small muted">{t('admin.closuresLead', { n: num(list.data?.maxAttempts ?? 12) })}</p>
      <StatusMessage className={done?.ok ? 'alert alert-success' : 'alert alert-warning'}>{done ? done.text : null}</StatusMessage>
      {retry.error ? <ErrorMessage error={retry.error} /> : null}
      <QueryTable
        query={list}
        rows={(d) => d.closures}
        empty={t('admin.noClosures')}
        above={(d) => <p className="small">{t('admin.closuresTotal', { n: num(d.total) })}</p>}
        label={t('admin.closures')}
        className="closure-table"
        testId="admin-closure-table"
        // On a phone each account is a card (the table of six columns scrolled 780 px sideways at 390 px).
        cards
        columns={[t('admin.closureAccount'), { text: t('admin.closureAmount'), num: true }, t('admin.closureWhy'), t('admin.closureGivenUp'), t('admin.closureLastError'), { text: t('admin.closureRetry'), hidden: true }]}
        row={(c) => (
          <tr key={c.id} role="row">
            <td role="cell" data-label={t('admin.closureAccount')}>
              {accountOf(c)}
              <br />
              <Link to={`/officer/declarations/${c.account.declarationId}`} className="small">
                {t('admin.closureDeclaration', { id: c.account.declarationId })}
              </Link>
              <br />
              <code className="small">{c.account.providerTx}</code>
            </td>
            <td role="cell" className="num" data-label={t('admin.closureAmount')}>
              {krw(c.account.amountKrw)}
            </td>
            <td role="cell" className="closure-text" data-label={t('admin.closureWhy')}>
              {c.why[lang]}
            </td>
            <td role="cell" data-label={t('admin.closureGivenUp')}>
              {c.doneAt ? dateTime(c.doneAt) : '—'}
            </td>
            <td role="cell" className="closure-text small" data-label={t('admin.closureLastError')}>
              <LastError c={c} />
            </td>
            <td role="cell" className="closure-action">
              <RowAction
                label={t('admin.closureRetryAccount', { account: accountOf(c) })}
                busy={retry.isPending}
                onAct={() => {
                  setDone(null);
                  retry.mutate(c);
                }}
              >
                {t('admin.closureRetry')}
              </RowAction>
            </td>
          </tr>
        )}
      />
    </section>
  );
}

function Operators({ token }: { token: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['admin-operators', token], queryFn: ({ signal }) => api<{ operators: OperatorRow[] }>('/api/v1/admin/operators', { token, signal }) });
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRow['role']>('marketplace');
  const [keysOf, setKeysOf] = useState<number | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ operator: OperatorRow; apiKey: string }>('/api/v1/admin/operators', { token, body: { code: code.trim().toUpperCase(), name: name.trim(), role } }),
    onSuccess: () => {
      setCode('');
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['admin-operators'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (code.trim() && name.trim()) create.mutate();
  }
  return (
    <div className="result-stack">
      <form className="card form" onSubmit={submit} aria-labelledby="admin-new-operator">
        <h2 id="admin-new-operator" className="card-title">
          {t('admin.newOperator')}
        </h2>
        <Field label={t('admin.code')} hint={t('admin.codeHint')}>
          {(p) => <input {...p} name="code" value={code} maxLength={20} spellCheck={false} autoComplete="off" onChange={(e) => setCode(e.target.value.toUpperCase())} required />}
        </Field>
        <Field label={t('admin.name')}>{(p) => <input {...p} name="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} required />}</Field>
        <Field label={t('admin.role')}>
          {(p) => (
            <select {...p} name="role" value={role} onChange={(e) => setRole(e.target.value as OperatorRow['role'])}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <button type="submit" className="button primary" disabled={create.isPending || !code.trim() || !name.trim()}>
          {t('admin.create')}
        </button>
        {create.data ? <ShownOnceKey label={t('admin.createdKey', { code: create.data.operator.code })} value={create.data.apiKey} testId="admin-new-key" /> : null}
      </form>
      <section className="card" aria-labelledby="admin-operators">
        <h2 id="admin-operators" className="card-title">
          {t('admin.operators')}
        </h2>
        <QueryTable
          query={list}
          rows={(d) => d.operators}
          empty={t('admin.noOperators')}
          label={t('admin.operators')}
          testId="admin-operator-table"
          // On a phone each operator is a card (the table scrolled 126 px sideways at 390 px, 138 px in English), its keys under it.
          cards
          columns={[t('admin.code'), t('admin.name'), t('admin.role'), t('admin.keys')]}
          row={(o) => (
            <Fragment key={o.id}>
              <tr role="row">
                <td role="cell" data-label={t('admin.code')}>
                  <code>{o.code}</code>
                </td>
                <td role="cell" data-label={t('admin.name')}>
                  {o.name}
                </td>
                <td role="cell" data-label={t('admin.role')}>
                  {t(`role.${o.role}` as MessageKey)}
                </td>
                <td role="cell">
                  <button type="button" className="button small" aria-expanded={keysOf === o.id} onClick={() => setKeysOf(keysOf === o.id ? null : o.id)}>
                    {t(keysOf === o.id ? 'admin.keysHide' : 'admin.keysShow', { code: o.code })}
                  </button>
                </td>
              </tr>
              {keysOf === o.id ? (
                <tr role="row">
                  <td role="cell" colSpan={4}>
                    <OperatorKeys token={token} operator={o} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          )}
        />
      </section>
    </div>
  );
}

export function OfficerAdmin() {
  const { t } = useI18n();
  const [session] = useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
  const me = useQuery({ queryKey: ['me', session?.token], enabled: !!session, queryFn: ({ signal }) => api<{ kind: string }>('/api/v1/me', { token: session!.token, signal }) });
  const unauthorized = me.error instanceof ApiError && me.error.status === 401;
  return (
    <>
      <p className="back">
        <Link to="/officer">← {t('officer.backToQueue')}</Link>
      </p>
      <PageHeader title={t('admin.title')} lead={t('admin.lead')} />
      {!session || unauthorized ? (
        <OfficerSignInNeeded />
      ) : session.user.role !== 'admin' ? (
        <div className="alert alert-warning" role="note">
          <p>{t('admin.onlyAdmins')}</p>
        </div>
      ) : (
        <>
          <EventStream token={session.token} />
          <AccountClosures token={session.token} />
          <HolderNotices token={session.token} />
          <StaffAccounts token={session.token} myUserId={session.user.id} />
          <Operators token={session.token} />
          <ReferenceData token={session.token} />
          <AuditLog token={session.token} />
        </>
      )}
    </>
  );
}
