// Officer workbench: sign-in, the queue ranked by risk, and a declaration page with the
// assessment, its reasons, the parties and their history, the timeline (the audit trail:
// every decision is an event with the officer and the reason), and hold / release / reject /
// clear with a reason.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { combinedMembersText } from '../combined-members.ts';
import { api, ApiError, type DeclarationDetail, type PartyHistory, type QueueEntry } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { formatMoney, todayInKorea } from '../format.ts';
import { queueParamsOf, queueSearchOf, type QueueParams } from '../queue-params.ts';
import type { MessageKey } from '../messages.ts';
import { Dl, Empty, ErrorMessage, Field, LawRef, Loading, PageHeader, ReasonList, RouteBadge, StatusBadge, StatusMessage, TaxTable } from '../components/ui.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { OFFICER_KEY, officerValid, useStoredSession, type OfficerSession } from '../staff-session.ts';
import { nextStepsSuperseded as superseded, reasonsAtStatus } from '../../../src/domain/lifecycle.ts';
import { holdViewOf } from '../hold-view.ts';
import { HoldSourceWarnings, RiskPanel } from './Risk.tsx';
import { MisuseReportNotice } from './MisuseCases.tsx';
import type { RefundDueView } from '../../../src/domain/api-views.ts';
import { outcomesFor, type RefundOutcome } from '../../../src/domain/refund-due.ts';
import { OwnPassword } from '../components/OwnPassword.tsx';
import { OfficerTaxNotice } from './OfficerTaxNotice.tsx';
import { nextNowOf, officerNextActionOf, refusalOf, TAXES_LABEL } from '../officer-next-action.ts';
import type { OfficerTaxNoticeView } from '../../../src/domain/officer-tax-notice-view.ts';
import { returnPath } from '../return-to.ts';
import { refundEndedText, systemResolutionText } from '../refund-ended.ts';
import { queueValueText } from '../queue-value.ts';

function useOfficer() {
  return useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
}

/** `notice`: why the last session ended, shown above the form (signed out for too many wrong passwords: OwnPassword). */
function SignIn({ onSignedIn, notice = null }: { onSignedIn: (s: OfficerSession) => void; notice?: ApiError | null }) {
  const { t, pick } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({ mutationFn: () => api<OfficerSession>('/api/v1/auth/sign-in', { body: { username, password } }) });
  function submit(e: FormEvent) {
    e.preventDefault();
    signIn.mutate(undefined, { onSuccess: onSignedIn });
  }
  return (
    <form className="card form narrow" onSubmit={submit} aria-labelledby="officer-signin">
      <h2 id="officer-signin" className="card-title">
        {t('officer.signIn')}
      </h2>
      {notice ? (
        <div className="alert alert-error" role="alert" data-testid="signed-out-notice">
          <p>{pick(notice)}</p>
        </div>
      ) : null}
      <Field label={t('officer.username')}>
        {(p) => <input {...p} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />}
      </Field>
      <Field label={t('officer.password')}>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
      </Field>
      {signIn.error ? <ErrorMessage error={signIn.error} /> : null}
      <button type="submit" className="button primary block" disabled={signIn.isPending || !username || !password}>
        {signIn.isPending ? t('state.checking') : t('officer.signInButton')}
      </button>
      <p className="small muted">{t('officer.roles')}</p>
    </form>
  );
}

function SessionBar({ session, onSignOut, onSignedOut }: { session: OfficerSession; onSignOut: () => void; onSignedOut: (why: ApiError) => void }) {
  const { t } = useI18n();
  return (
    <div className="card session-bar">
      <p>
        {t('officer.signedInAs', { name: session.user.displayName, username: session.user.username })}{' '}
        <span className="badge badge-info">{t(`role.${session.user.role}` as MessageKey)}</span>
      </p>
      <OwnPassword token={session.token} onSignedOut={onSignedOut} />
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          api('/api/v1/auth/sign-out', { method: 'POST', token: session.token }).catch(() => undefined);
          onSignOut();
        }}
      >
        {t('action.signOut')}
      </button>
    </div>
  );
}

// Every status the queue holds (OPEN_STATUSES, src/app/list-work-queue.ts), latest stage first: with
// one missing, its parcels counted in the total but no filter showed them (821 open, 787 in the list).
const QUEUE_FILTERS = ['', 'held', 'under_review', 'import_declared', 'list_submitted', 'in_warehouse', 'unloaded', 'arrived', 'arrival_reported', 'declared'] as const;
const QUEUE_PAGE = 50;

/** Previous / next through the ranking, with the ranks shown. */
function QueuePager({ offset, shown, total, busy, onOffset, end = false }: { offset: number; shown: number; total: number; busy: boolean; onOffset: (offset: number) => void; end?: boolean }) {
  const { t, num } = useI18n();
  if (total <= QUEUE_PAGE && offset === 0) return null;
  // Two pagers, above and below the list: each landmark has its own name, and only the first says the new range.
  return (
    <nav className="pager" aria-label={t(end ? 'officer.pagesEnd' : 'officer.pages')}>
      {/* Not disabled while the next page loads (aria-disabled): a disabled button drops the focus to the page's start. */}
      <button type="button" className="button secondary" disabled={offset === 0} aria-disabled={busy || undefined} onClick={() => busy || onOffset(Math.max(0, offset - QUEUE_PAGE))}>
        {t('action.previous')}
      </button>
      <span className="small muted" aria-live={end ? undefined : 'polite'}>
        {t('officer.pageRange', { from: num(shown ? offset + 1 : 0), to: num(offset + shown), total: num(total) })}
      </span>
      <button type="button" className="button secondary" disabled={offset + shown >= total} aria-disabled={busy || undefined} onClick={() => busy || onOffset(offset + QUEUE_PAGE)}>
        {t('action.next')}
      </button>
    </nav>
  );
}

/** For administrators: the open refunds due (second charges that could not be voided, charges of unknown outcome, deposits after payment, overpayments), when there are any, each recorded as refunded (or not refunded) here; and, on demand, the resolved ones. */
function RefundsDue({ token }: { token: string }) {
  const { t, krw, pick } = useI18n();
  const [showResolved, setShowResolved] = useState(false);
  // The oldest first, page by page (keyset: each page after the last one listed), "more" asking the next. Once one is
  // recorded, the pages shown are asked again from the first: the next after a cursor recorded since still follow it.
  const due = useInfiniteQuery({
    queryKey: ['tax-refunds-due', token],
    initialPageParam: null as number | null,
    queryFn: ({ signal, pageParam }) =>
      api<{ refunds: RefundDueView[]; total: number; nextAfter: number | null }>(`/api/v1/officer/tax-refunds-due${pageParam === null ? '' : `?after=${pageParam}`}`, { token, signal }),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const refunds = due.data?.pages.flatMap((p) => p.refunds) ?? [];
  const total = due.data?.pages[0]?.total ?? 0;
  return (
    <>
      {refunds.length > 0 ? (
        <div className="alert alert-error" role="status">
          <p>{t('refunds.due', { count: total })}</p>
          {total > refunds.length ? <p className="small" data-testid="refunds-shown">{t('refunds.shown', { n: refunds.length })}</p> : null}
          <ul className="small">
            {refunds.map((r) => (
              <li key={r.refundNo}>
                {/* The declaration named by its cargo number (화물관리번호), as everywhere else; the payer, who gets the refund. */}
                {r.refundNo} · <Link to={`/officer/declarations/${r.declarationId}`}>{r.cargoNo}</Link> ·{' '}
                {t('refunds.row', { amount: krw(r.amountKrw), payer: t(r.payerKind === 'operator' ? 'refunds.payer.operator' : 'refunds.payer.consumer'), refundBy: r.refundBy })}
                {r.reason === 'charge_outcome_unknown' ? <p>{t('refunds.unknown', { order: r.providerTx.replace(/^order:/, '') })}</p> : null}
                {r.reason === 'deposit_after_paid' ? <p>{t('refunds.deposit', { tx: r.providerTx })}</p> : null}
                {r.reason === 'deposit_while_held' ? <p>{t('refunds.depositWhileHeld', { tx: r.providerTx })}</p> : null}
                {r.reason === 'charge_while_held' ? <p>{t('refunds.chargeWhileHeld', { tx: r.providerTx })}</p> : null}
                {/* Not a refund to make: a deposit paid back twice (refunded here, then reversed by the bank), its why and what to do from the API (ko/en). */}
                {r.alert ? (
                  <p data-testid="refund-alert">
                    <strong>{pick(r.alert)}</strong>
                  </p>
                ) : null}
                {r.reason === 'reassessed_lower' ? <p>{t(refundEndedText(r.providerTx), { tx: r.providerTx.replace(/^reassessed:v[^:]*:/, '') })}</p> : null}
                <CancelRetries refund={r} />
                <ResolveRefund refund={r} token={token} />
              </li>
            ))}
          </ul>
          {due.hasNextPage ? (
            <button type="button" className="button secondary" data-testid="refunds-due-more" disabled={due.isFetchingNextPage} onClick={() => void due.fetchNextPage()}>
              {t('refunds.dueMore')}
            </button>
          ) : null}
        </div>
      ) : null}
      <p className="small">
        <button type="button" className="button secondary" aria-expanded={showResolved} aria-controls="refunds-resolved" onClick={() => setShowResolved((v) => !v)}>
          {t(showResolved ? 'refunds.resolvedHide' : 'refunds.resolvedShow')}
        </button>
      </p>
      {showResolved ? <ResolvedRefunds token={token} /> : null}
    </>
  );
}

/** For administrators: the refunds due already resolved, the latest first: refunded (the provider's reference) or not (the note), by whom (an administrator, or the system: superseded, no longer due, reversed) and when. */
function ResolvedRefunds({ token }: { token: string }) {
  const { t, krw, dateTime } = useI18n();
  // Page by page (keyset: each page after the last one listed), the "more" button asking the next.
  const resolved = useInfiniteQuery({
    queryKey: ['tax-refunds-due', 'resolved', token],
    initialPageParam: null as number | null,
    queryFn: ({ signal, pageParam }) =>
      api<{ refunds: RefundDueView[]; total: number; nextAfter: number | null }>(`/api/v1/officer/tax-refunds-due?status=resolved${pageParam === null ? '' : `&after=${pageParam}`}`, { token, signal }),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  if (resolved.isPending) return <Loading />;
  if (resolved.isError) return <ErrorMessage error={resolved.error} />;
  const refunds = resolved.data.pages.flatMap((p) => p.refunds);
  const total = resolved.data.pages[0]?.total ?? 0;
  return (
    <section id="refunds-resolved" aria-labelledby="refunds-resolved-title" data-testid="refunds-resolved">
      <h2 id="refunds-resolved-title">{t('refunds.resolvedTitle', { count: total })}</h2>
      {total > refunds.length ? <p className="small">{t('refunds.resolvedShown', { n: refunds.length })}</p> : null}
      {refunds.length === 0 ? (
        <Empty>{t('refunds.resolvedNone')}</Empty>
      ) : (
        <ul className="small">
          {refunds.map((r) => (
            <li key={r.refundNo}>
              {r.refundNo} · <Link to={`/officer/declarations/${r.declarationId}`}>{r.cargoNo}</Link> · {krw(r.amountKrw)} ·{' '}
              <strong>
                {r.outcome === 'refunded'
                  ? t('refunds.resolvedRefunded', { ref: r.providerRefundRef ?? '—' })
                  : t(r.outcome === 'recovered' ? 'refunds.resolvedRecovered' : r.outcome === 'written_off' ? 'refunds.resolvedWrittenOff' : 'refunds.resolvedNotRefunded')}
              </strong>
              {(() => {
                // Why the system resolved it, in the page's language (the note is the system's English).
                const why = r.resolvedBy === 'system' ? systemResolutionText(r.resolution) : null;
                return why ? <span data-testid="refund-resolved-why"> · {t(why)}</span> : null;
              })()}
              {r.resolution ? <p>{t('refunds.resolvedNote', { note: r.resolution })}</p> : null}
              <CancelRetries refund={r} />
              <p className="muted">
                {t('refunds.resolvedBy', { by: r.resolvedBy === 'system' ? t('refunds.resolvedBySystem') : (r.resolvedBy ?? '—'), at: r.resolvedAt ? dateTime(r.resolvedAt) : '—' })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {resolved.hasNextPage ? (
        <button type="button" className="button secondary" data-testid="refunds-resolved-more" disabled={resolved.isFetchingNextPage} onClick={() => void resolved.fetchNextPage()}>
          {t('refunds.resolvedMore')}
        </button>
      ) : null}
    </section>
  );
}

/** For administrators: virtual accounts Toss would not close after every attempt (they may still take a deposit), when there are any; handled on the administration page. */
function UnclosedAccounts({ token }: { token: string }) {
  const { t, num } = useI18n();
  const closures = useQuery({
    queryKey: ['admin-account-closures', 'count', token],
    queryFn: ({ signal }) => api<{ total: number }>('/api/v1/admin/account-closures?limit=1', { token, signal }),
  });
  const total = closures.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <div className="alert alert-warning" role="status" data-testid="unclosed-accounts">
      <p>
        {t('admin.closuresOnQueue', { n: num(total) })} <Link to="/officer/admin">{t('admin.closuresOpen')}</Link>
      </p>
    </div>
  );
}

/**
 * A card charge's cancel retries at the provider (charge-cancel-retries.ts): attempts made of the most, given up (to
 * refund by hand) or cancelled by a later attempt, and the provider's last error, which wraps within the item
 * (a long code or message pushed the item's buttons out of a phone's screen).
 */
function CancelRetries({ refund }: { refund: RefundDueView }) {
  const { t, num } = useI18n();
  const c = refund.cancelRetries;
  if (!c) return null;
  const key = c.state === 'cancelled' ? 'refunds.cancelCancelled' : c.state === 'given_up' ? 'refunds.cancelGivenUp' : 'refunds.cancelRetrying';
  return (
    <p className="retry-error" data-testid="refund-cancel-retries">
      {t(key, { attempts: num(c.attempts), max: num(c.maxAttempts) })}
      {c.lastError ? (
        <>
          <br />
          <span className="muted">
            {t('refunds.cancelLastError')} <code>{c.lastError}</code>
          </span>
        </>
      ) : null}
    </p>
  );
}

/** The outcomes' labels in the resolve form (refund-due.ts outcomesFor: which of them a record's reason takes). */
const OUTCOME_LABEL: Record<RefundOutcome, MessageKey> = {
  refunded: 'refunds.outcomeRefunded',
  not_refunded: 'refunds.outcomeNotRefunded',
  recovered: 'refunds.outcomeRecovered',
  written_off: 'refunds.outcomeWrittenOff',
};

/**
 * Records how a refund due was resolved: refunded at the payment provider (its refund reference,
 * required), or not refunded (not due, kept as credit, a duplicate record), with a note; a deposit
 * paid back twice, recovered from the payer or written off. Only "refunded" counts as money
 * returned: the payer's notice shows it and later reassessments net it.
 */
function ResolveRefund({ refund, token }: { refund: RefundDueView; token: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<'' | RefundOutcome>('');
  const [providerRefundRef, setProviderRefundRef] = useState('');
  const [resolution, setResolution] = useState('');
  const resolve = useMutation({
    mutationFn: () =>
      api<RefundDueView>(`/api/v1/officer/tax-refunds-due/${refund.id}/resolve`, {
        body: { outcome, ...(outcome === 'refunded' ? { providerRefundRef: providerRefundRef.trim() } : {}), resolution: resolution.trim() },
        token,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tax-refunds-due'] }),
  });
  const ready = outcome !== '' && resolution.trim() !== '' && (outcome !== 'refunded' || providerRefundRef.trim() !== '');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (ready) resolve.mutate();
  }
  return (
    <form className="row" onSubmit={submit}>
      <Field label={t('refunds.outcome', { refundNo: refund.refundNo })}>
        {(props) => (
          <select {...props} name="outcome" value={outcome} required onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
            <option value="">{t('refunds.outcomeChoose')}</option>
            {/* Only what can be done for its reason: a deposit paid back twice (owed to nobody) is recovered or written off, never refunded. */}
            {outcomesFor(refund.reason).map((o) => (
              <option key={o} value={o}>
                {t(OUTCOME_LABEL[o])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {outcome === 'refunded' ? (
        <Field label={t('refunds.providerRef')}>
          {(props) => <input {...props} name="providerRefundRef" value={providerRefundRef} maxLength={100} required onChange={(e) => setProviderRefundRef(e.target.value)} />}
        </Field>
      ) : null}
      {/* wide: a sentence to write; on a phone it takes its own line (beside the button, 150 px at 390). */}
      <Field label={t('refunds.resolution', { refundNo: refund.refundNo })} width="wide">
        {(props) => <input {...props} name="resolution" value={resolution} maxLength={500} required onChange={(e) => setResolution(e.target.value)} />}
      </Field>
      <button type="submit" className="button secondary" disabled={resolve.isPending || !ready}>
        {t('refunds.resolve')}
      </button>
      {resolve.isError ? <ErrorMessage error={resolve.error} /> : null}
    </form>
  );
}

/** Opens a declaration by its cargo number, whatever its status (the queue holds open ones only). */
type FindBy = 'cargoNo' | 'hblNo' | 'mblNo';
interface FindQuery {
  by: FindBy;
  no: string;
  blYear: string;
}
interface Found {
  declarations: { id: number; cargoNo: string; ref: string; status: string }[];
  truncated: boolean;
}

/**
 * Finds a parcel in any status by its cargo number, or by its house or master B/L number and B/L
 * year (the caller often has only the B/L; before, the workbench took a cargo number only). One
 * found: its page opens; several (a master B/L): listed, each linked.
 */
function FindByCargoNo({ token }: { token: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [by, setBy] = useState<FindBy>('cargoNo');
  const [no, setNo] = useState('');
  const [blYear, setBlYear] = useState(() => todayInKorea().slice(0, 4));
  const find = useMutation({
    mutationFn: (q: FindQuery) =>
      api<Found>(`/api/v1/officer/declarations?${new URLSearchParams(q.by === 'cargoNo' ? { cargoNo: q.no } : { [q.by]: q.no, blYear: q.blYear }).toString()}`, { token }),
    onSuccess: (r) => {
      if (r.declarations.length === 1) navigate(`/officer/declarations/${r.declarations[0]!.id}`);
    },
  });
  const q = find.variables;
  const kind = q ? t(`officer.findBy.${q.by}`) : '';
  const found = find.isSuccess ? find.data.declarations : [];
  const bl = by !== 'cargoNo';
  function submit(e: FormEvent) {
    e.preventDefault();
    if (no.trim()) find.mutate({ by, no: no.trim(), blYear: blYear.trim() });
  }
  return (
    <form className="toolbar find-cargo" onSubmit={submit} role="search" aria-label={t('officer.findCargo')}>
      <label htmlFor="find-by">{t('officer.findCargo')}</label>
      <select id="find-by" name="findBy" value={by} onChange={(e) => setBy(e.target.value as FindBy)}>
        {(['cargoNo', 'hblNo', 'mblNo'] as const).map((k) => (
          <option key={k} value={k}>
            {t(`officer.findBy.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor="find-cargo" className="visually-hidden">
        {t(`officer.findBy.${by}`)}
      </label>
      <input id="find-cargo" name="cargoNo" value={no} maxLength={40} spellCheck={false} autoComplete="off" placeholder={bl ? 'CJ1234567890' : '26TGW0000000001'} onChange={(e) => setNo(e.target.value)} />
      {bl ? (
        <>
          <label htmlFor="find-bl-year">{t('officer.findBlYear')}</label>
          <input id="find-bl-year" name="blYear" className="find-bl-year" inputMode="numeric" maxLength={4} value={blYear} onChange={(e) => setBlYear(e.target.value.replace(/\D/g, ''))} />
        </>
      ) : null}
      <button type="submit" className="button secondary" disabled={find.isPending || !no.trim()}>
        {t('officer.findCargoButton')}
      </button>
      <StatusMessage className="small find-cargo-none">
        {find.isSuccess && q && found.length === 0
          ? q.by === 'cargoNo'
            ? t('officer.findCargoNone', { cargoNo: q.no })
            : t('officer.findBlNone', { kind, no: q.no, year: q.blYear })
          : null}
        {find.isSuccess && q && found.length > 1 ? t('officer.findBlFound', { kind, no: q.no, year: q.blYear, n: found.length }) : null}
      </StatusMessage>
      {found.length > 1 ? (
        <ul className="plain-list find-cargo-found" data-testid="find-found">
          {found.map((d) => (
            <li key={d.id}>
              <Link to={`/officer/declarations/${d.id}`}>
                <code>{d.cargoNo}</code>
              </Link>{' '}
              <StatusBadge status={d.status} /> <span className="small muted">{d.ref}</span>
            </li>
          ))}
          {find.data?.truncated ? <li className="small">{t('officer.findBlTruncated', { n: found.length })}</li> : null}
        </ul>
      ) : null}
      {find.error ? <ErrorMessage error={find.error} /> : null}
    </form>
  );
}

/** A count beside a workbench link (consultations awaiting a reply, open misuse reports); nothing when none. */
function WaitingBadge({ n, text, testId }: { n: string | null; text: 'officer.consultWaiting' | 'officer.misuseOpen'; testId: string }) {
  const { t } = useI18n();
  if (!n) return null;
  return (
    <>
      {' '}
      <span className="badge badge-warning" data-testid={testId}>
        {t(text, { n })}
      </span>
    </>
  );
}

/**
 * What waits elsewhere for an officer: consultations awaiting a reply and open "not me" reports.
 * The queue said nothing of them: a consumer's question or a misuse report was seen only by
 * opening those pages.
 */
function useWaiting(token: string | undefined): { consultations: string | null; misuse: string | null } {
  const { num } = useI18n();
  const consultations = useQuery({
    queryKey: ['consultations', 'waiting', token],
    enabled: !!token,
    queryFn: ({ signal }) => api<{ counts: { open: number } }>('/api/v1/officer/consultations?status=open&limit=1', { token: token!, signal }),
  });
  const misuse = useQuery({
    queryKey: ['misuse-open', token],
    enabled: !!token,
    queryFn: ({ signal }) => api<{ cases: unknown[]; next: number | null }>(`/api/v1/officer/misuse-cases?status=open&limit=${MISUSE_COUNTED}`, { token: token!, signal }),
  });
  const open = consultations.data?.counts.open ?? 0;
  const reports = misuse.data?.cases.length ?? 0;
  return {
    consultations: open > 0 ? num(open) : null,
    // The list answers pages, not a total: past the first page, "100+".
    misuse: reports > 0 ? `${num(reports)}${misuse.data?.next ? '+' : ''}` : null,
  };
}
const MISUSE_COUNTED = 100;

export function OfficerQueue() {
  const { t, pick, usd, dateTime, lang } = useI18n();
  const [session, setSession] = useOfficer();
  const navigate = useNavigate();
  // the page the sign-in link came from (same-origin paths only: return-to.ts)
  const [search, setSearch] = useSearchParams();
  const next = returnPath(search.get('next'));
  // why the session ended, when the server ended it (signed out for too many wrong passwords)
  const [endedBecause, setEndedBecause] = useState<ApiError | null>(null);
  const waiting = useWaiting(session?.token);
  // The filter and page are in the address (queue-params.ts): back from a parcel, the officer is on the same page of the same filter.
  const { status, offset } = queueParamsOf(search, QUEUE_FILTERS, QUEUE_PAGE);
  const showQueue = (p: QueueParams) => setSearch(new URLSearchParams(queueSearchOf(p)));
  const setOffset = (o: number) => showQueue({ status, offset: o });
  const queue = useQuery({
    queryKey: ['work-queue', status, offset, session?.token],
    enabled: !!session,
    placeholderData: keepPreviousData, // the page stays while the next one loads
    queryFn: ({ signal }) =>
      api<{ counts: Record<string, number>; total: number; offset: number; modelVersion: string | null; declarations: QueueEntry[] }>(
        `/api/v1/officer/work-queue?limit=${QUEUE_PAGE}&offset=${offset}${status ? `&status=${status}` : ''}`,
        { token: session!.token, signal },
      ),
  });
  const unauthorized = queue.error instanceof ApiError && queue.error.status === 401;

  return (
    <>
      <PageHeader title={t('officer.title')} lead={t('officer.lead')} />
      {!session || unauthorized ? (
        <SignIn
          notice={endedBecause}
          onSignedIn={(s) => {
            setEndedBecause(null);
            setSession(s);
            // signed in from another officer page's link (/officer?next=/officer/admin): back to it
            if (next) navigate(next, { replace: true });
          }}
        />
      ) : (
        <>
          <SessionBar
            session={session}
            onSignOut={() => setSession(null)}
            onSignedOut={(why) => {
              setEndedBecause(why);
              setSession(null);
            }}
          />
          <p className="toolbar">
            <Link to="/officer/risk/rules">{lang === 'ko' ? '위험 선별 규칙' : 'Selection rules'}</Link> ·{' '}
            <Link to="/officer/risk/performance">{lang === 'ko' ? '선별 성과' : 'Selection performance'}</Link>
            {' · '}<Link to="/officer/consultations">{t('consult.officerLink')}<WaitingBadge n={waiting.consultations} text="officer.consultWaiting" testId="consult-waiting" /></Link>
            {' · '}<Link to="/officer/misuse-cases">{t('misuse.officerLink')}<WaitingBadge n={waiting.misuse} text="officer.misuseOpen" testId="misuse-open" /></Link>
            {' · '}<Link to="/officer/risk/exchange">{t('exchange.officerLink')}</Link>
            {session.user.role === 'admin' ? (
              <>
                {' · '}
                <Link to="/officer/admin">{t('admin.title')}</Link>
              </>
            ) : null}
          </p>
          {session.user.role === 'admin' ? <RefundsDue token={session.token} /> : null}
          {session.user.role === 'admin' ? <UnclosedAccounts token={session.token} /> : null}
          <FindByCargoNo token={session.token} />
          <div className="toolbar">
            <label htmlFor="queue-filter">{t('officer.filter')}</label>
            <select
              id="queue-filter"
              value={status}
              onChange={(e) => showQueue({ status: e.target.value, offset: 0 })}
            >
              {QUEUE_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {s ? `${t(`status.${s}` as MessageKey)}${queue.data ? ` (${queue.data.counts[s] ?? 0})` : ''}` : t('officer.allOpen')}
                </option>
              ))}
            </select>
            <button type="button" className="button secondary" onClick={() => queue.refetch()}>
              {t('action.refresh')}
            </button>
          </div>
          <p className="small muted">{queue.data?.modelVersion ? t('officer.rankingNoteModel', { model: queue.data.modelVersion }) : t('officer.rankingNote')}</p>
          {queue.isPending ? <Loading /> : null}
          {queue.error && !unauthorized ? <ErrorMessage error={queue.error} onRetry={() => queue.refetch()} /> : null}
          {queue.data ? (
            queue.data.declarations.length === 0 && offset === 0 ? (
              <Empty>{t('officer.empty')}</Empty>
            ) : (
              <>
                <QueuePager offset={queue.data.offset} shown={queue.data.declarations.length} total={queue.data.total} busy={queue.isPlaceholderData} onOffset={setOffset} />
                <ol className="queue" start={queue.data.offset + 1} aria-label={t('officer.queue')}>
                  {queue.data.declarations.map((d, i) => (
                    <li key={d.id} className="card queue-item">
                      {/* A plain div cannot carry a name (aria-label): the rank and what the number is are said in text. */}
                      <div className="queue-rank">
                        <span className="visually-hidden">{t('officer.rank', { n: queue.data.offset + i + 1 })}, {t('officer.score')} </span>
                        {/* One decimal always (130.0, not 130): the numbers line up and the boxes keep one width. */}
                        <span className="risk-score" title={t('officer.score')}>
                          {d.riskScore.toFixed(1)}
                        </span>
                      </div>
                      <div className="queue-body">
                        <p className="queue-title">
                          <Link to={`/officer/declarations/${d.id}`} state={{ from: 'queue', queue: queueSearchOf({ status, offset }) }}>
                            {d.description || d.ref}
                          </Link>
                        </p>
                        <p className="queue-meta">
                          <StatusBadge status={d.status} /> <RouteBadge route={d.route} status={d.status} besideStatus /> <code>{d.cargoNo}</code>
                        </p>
                        <p className="small muted">
                          {/* When it was declared and when it last changed, each said (before: the last change alone, unlabelled, read as the declaration's date). */}
                          {d.operatorName} · {d.shipFrom} · {usd(d.goodsValueUsd)} · {d.declaredAt ? `${t('officer.queueDeclared', { date: d.declaredAt })} · ` : ''}
                          {t('officer.queueUpdated', { at: dateTime(d.updatedAt) })}
                        </p>
                        {d.risk ? (
                          <p className="small" data-testid="queue-value">
                            {pick(queueValueText(d.risk))}
                          </p>
                        ) : null}
                        {d.hold ? (
                          <p className="small queue-why" data-testid="queue-hold">
                            <strong>{t('track.holdReason')}:</strong> {pick(d.hold)}
                          </p>
                        ) : null}
                        {d.risk?.reasons.length ? (
                          <ul className="small queue-why" aria-label={t('officer.scoreReasons')} data-testid="queue-reasons">
                            {d.risk.reasons.map((r, k) => (
                              <li key={k}>{pick(r)}</li>
                            ))}
                          </ul>
                        ) : null}
                        {d.signals.length ? (
                          <ul className="chips" aria-label={t('officer.signals')}>
                            {d.signals.map((s) => (
                              <li key={s} className="chip" title={s}>
                                {t(`signal.${s}` as MessageKey)}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </div>
                    </li>
                  ))}
                </ol>
                <QueuePager
                  end
                  offset={queue.data.offset}
                  shown={queue.data.declarations.length}
                  total={queue.data.total}
                  busy={queue.isPlaceholderData}
                  onOffset={(o) => {
                    setOffset(o);
                    window.scrollTo({ top: 0 });
                  }}
                />
              </>
            )
          ) : null}
        </>
      )}
    </>
  );
}

type Action = 'hold' | 'release' | 'reject' | 'clear';

/**
 * The next action, where the officer decides: what the consignee and operator are told to do now (as the
 * lookups say it; once the assessment's own next step is superseded, held, refused or withdrawn, the
 * assessment's card says it in its place, not twice), and where the taxes stand (officer-next-action.ts:
 * paid, payable, overdue, held, refunded, not collected), read from the tax notice the section below shows
 * (the same query).
 */
function NextAction({ detail, token }: { detail: DeclarationDetail; token: string }) {
  const { t, pick } = useI18n();
  const view = useQuery({
    queryKey: ['officer-tax-notice', detail.id, token],
    queryFn: ({ signal }) => api<OfficerTaxNoticeView>(`/api/v1/officer/declarations/${detail.id}/tax-notice`, { token, signal }),
  });
  // Not read (yet, or failed: the section below says why): the taxes left out, not said to be none.
  const next = officerNextActionOf(detail, view.data ? view.data.notice : undefined);
  if (superseded(detail.status) && !next.taxes) return null;
  return (
    <div className="next-action" data-testid="officer-next-action">
      {superseded(detail.status) ? null : (
        <p>
          <strong>{t('officer.nextNow')}</strong> {pick(next.now)}
        </p>
      )}
      {next.taxes ? (
        <p data-testid="officer-next-taxes" data-code={next.taxes.code}>
          <strong>{pick(TAXES_LABEL)}</strong> {pick(next.taxes)}
          {next.taxes.ref ? (
            <>
              {' '}
              <span className="small muted">
                (<LawRef text={next.taxes.ref} />)
              </span>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

function allowedActions(status: string): Action[] {
  if (['rejected', 'withdrawn', 'released'].includes(status)) return [];
  if (status === 'cleared') return [];
  const out: Action[] = [];
  if (status === 'held') out.push('release');
  else out.push('hold');
  if (['list_submitted', 'import_declared', 'under_review'].includes(status)) out.push('clear');
  out.push('reject');
  return out;
}

function DecisionForm({ detail, token }: { detail: DeclarationDetail; token: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const actions = allowedActions(detail.status);
  const [action, setAction] = useState<Action | null>(actions[0] ?? null);
  const [reason, setReason] = useState('');
  const [reasonEn, setReasonEn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (x: { action: Action; reason: string; reasonEn: string }) =>
      api<{ status: string }>(`/api/v1/officer/declarations/${detail.id}/${x.action}`, { body: { reason: x.reason, ...(x.reasonEn ? { reasonEn: x.reasonEn } : {}) }, token }),
    onSuccess: async () => {
      setReason('');
      setReasonEn('');
      await queryClient.invalidateQueries({ queryKey: ['declaration', detail.id] });
      // 수리 fixes the due date (15 days from it); a hold or its release makes the taxes payable or not.
      await queryClient.invalidateQueries({ queryKey: ['officer-tax-notice', detail.id] });
      await queryClient.invalidateQueries({ queryKey: ['work-queue'] });
      // A hold or refusal changes the parties' counts (their history here, their profiles' rates).
      await queryClient.invalidateQueries({ queryKey: ['parties', detail.id] });
      await queryClient.invalidateQueries({ queryKey: ['profile'] });
    },
  });
  // The confirmation takes the focus: the button, disabled while sending (and gone with the form
  // after a refusal or clearance), had dropped it to the page's start, so a keyboard user began again
  // from the top of a long page.
  const recorded = (
    <StatusMessage className="alert alert-success" testId="decision-recorded" takeFocus>
      {decide.isSuccess ? t('officer.recorded', { status: t(`status.${decide.data.status}` as MessageKey) }) : null}
    </StatusMessage>
  );
  if (!actions.length) {
    return (
      <>
        {recorded}
        <p className="muted">{t('officer.noActions')}</p>
      </>
    );
  }
  const current = action && actions.includes(action) ? action : actions[0]!;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('officer.error.reason'));
      document.querySelector<HTMLElement>('[name="reason"]')?.focus();
      return;
    }
    setError(null);
    // A refusal or clearance ends the declaration (no action follows it): asked once more.
    if ((current === 'reject' || current === 'clear') && !window.confirm(t(current === 'reject' ? 'officer.confirmReject' : 'officer.confirmClear', { cargoNo: detail.cargoNo }))) return;
    decide.mutate({ action: current, reason: reason.trim(), reasonEn: reasonEn.trim() });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="decision-title">
      <h3 id="decision-title">{t('officer.decision')}</h3>
      <fieldset className="segmented">
        <legend>{t('officer.action')}</legend>
        {actions.map((a) => (
          <label key={a}>
            <input type="radio" name="action" value={a} checked={current === a} onChange={() => setAction(a)} />
            <span>{t(`action.${a}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
      {current === 'hold' || current === 'reject' ? <HoldSourceWarnings id={detail.id} token={token} /> : null}
      <Field label={t('officer.reason')} hint={t('officer.reasonHint')} error={error}>
        {(p) => <textarea {...p} name="reason" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label={t('officer.reasonEn')} hint={t('officer.reasonEnHint')} optional>
        {(p) => <textarea {...p} name="reasonEn" rows={2} maxLength={1000} value={reasonEn} onChange={(e) => setReasonEn(e.target.value)} />}
      </Field>
      {decide.error ? <ErrorMessage error={decide.error} /> : null}
      {recorded}
      <button type="submit" className={`button ${current === 'reject' || current === 'hold' ? 'danger' : 'primary'}`} disabled={decide.isPending}>
        {t(`action.${current}` as MessageKey)}
      </button>
    </form>
  );
}

function Parties({ id, token }: { id: number; token: string }) {
  const { t, usd, date } = useI18n();
  const parties = useQuery({
    queryKey: ['parties', id],
    queryFn: ({ signal }) => api<{ parties: PartyHistory[] }>(`/api/v1/officer/declarations/${id}/parties`, { token, signal }),
  });
  if (parties.isPending) return <Loading />;
  if (parties.error) return <ErrorMessage error={parties.error} onRetry={() => parties.refetch()} />;
  return (
    <ul className="parties">
      {parties.data.parties.map((p) => (
        <li key={p.role} className="party">
          <p className="party-role">{t(`party.${p.role}` as MessageKey)}</p>
          <p className="party-name">{p.name ?? <span className="muted">{t('officer.notDeclared')}</span>}</p>
          {p.name || p.key ? (
            <>
              <p className="small">
                {t('officer.partyStats', { total: p.total, held: p.held, rejected: p.rejected, released: p.released })} · {usd(p.valueUsd)}
                {p.firstSeen ? ` · ${t('officer.firstSeen', { date: date(p.firstSeen) })}` : ''}
              </p>
              {p.held + p.rejected > 0 ? <span className="badge badge-danger">{t('officer.partyFlag')}</span> : null}
              {p.recent.length ? (
                <details>
                  <summary>{t('officer.recent', { n: p.recent.length })}</summary>
                  <ul className="recent">
                    {p.recent.map((r) => (
                      <li key={r.id}>
                        <Link to={`/officer/declarations/${r.id}`}>
                          <code>{r.cargoNo}</code>
                        </Link>{' '}
                        <StatusBadge status={r.status} /> {r.declaredAt} · {usd(r.goodsValueUsd)}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function OfficerDeclaration() {
  const { t, pick, usd, krw, num, dateTime, lang } = useI18n();
  const { id } = useParams();
  const [session, setSession] = useOfficer();
  // Opened from the queue: back to its filter and page (the queue row passes them).
  const queueState = (useLocation().state as { queue?: unknown } | null)?.queue;
  const backToQueue = typeof queueState === 'string' && queueState.startsWith('?') ? queueState : '';
  const declId = Number(id);
  // A path that names no declaration (/officer/declarations/abc) said "loading" for ever: the query never ran.
  const validId = Number.isSafeInteger(declId) && declId > 0;
  const detail = useQuery({
    queryKey: ['declaration', declId],
    enabled: !!session && validId,
    queryFn: ({ signal }) => api<DeclarationDetail>(`/api/v1/declarations/${declId}`, { token: session!.token, signal }),
  });
  const unauthorized = detail.error instanceof ApiError && detail.error.status === 401;
  if (!session || unauthorized) {
    return (
      <>
        <PageHeader title={t('officer.title')} />
        <SignIn onSignedIn={setSession} />
      </>
    );
  }
  const d = detail.data;
  const a = d?.assessment;
  // The hold's own reasons, as the operator's page and the lookups give them (hold-view.ts): an engine hold stores its whole explanation with it.
  const hold = d ? holdViewOf(d).reason : null;
  // A refused parcel: why, by whom and when, where the hold reason was (before: only "no action is possible").
  const refusal = d ? refusalOf(d) : null;
  return (
    <>
      <p className="back">
        <Link to={`/officer${backToQueue}`}>← {t('officer.backToQueue')}</Link>
      </p>
      <PageHeader title={d ? d.declaration.items[0]?.description ?? d.ref : t('officer.declaration')}>
        {d ? (
          <p className="queue-meta">
            <StatusBadge status={d.status} /> <RouteBadge route={d.route} status={d.status} besideStatus /> <code>{d.cargoNo}</code>
          </p>
        ) : null}
      </PageHeader>
      {!validId ? (
        <div className="alert alert-error" role="alert" data-testid="declaration-bad-id">
          <p>{t('officer.badId', { id: id ?? '' })}</p>
        </div>
      ) : null}
      {validId && detail.isPending ? <Loading /> : null}
      {detail.error && !unauthorized ? <ErrorMessage error={detail.error} onRetry={() => detail.refetch()} /> : null}
      {d && a ? (
        <div className="detail-grid">
          <section className="card" aria-labelledby="sec-decision">
            <h2 id="sec-decision" className="card-title">
              {t('officer.status')}
            </h2>
            {hold ? (
              <div className="alert alert-warning" role="note">
                <p>
                  <strong>{t('track.holdReason')}</strong>
                </p>
                <p data-testid="officer-hold-reason">{pick(hold)}</p>
              </div>
            ) : null}
            {refusal ? (
              <div className="alert alert-error" role="note" data-testid="officer-refusal">
                <p>
                  <strong>{t('officer.refusalReason')}</strong>
                </p>
                <p>{pick(refusal)}</p>
                <p className="small">
                  {refusal.officer ? `${t('officer.by', { name: refusal.officer })} · ` : ''}
                  <time dateTime={refusal.at}>{dateTime(refusal.at)}</time>
                </p>
              </div>
            ) : null}
            <MisuseReportNotice declarationId={d.id} token={session.token} />
            <NextAction detail={d} token={session.token} />
            <DecisionForm detail={d} token={session.token} />
          </section>
          <section className="card" aria-labelledby="sec-assessment">
            <h2 id="sec-assessment" className="card-title">
              {t('officer.assessment')}
            </h2>
            <Dl
              rows={[
                [t('officer.ref'), <code key="r">{d.ref}</code>],
                [t('estimate.goodsValue'), a.goodsValueUsd !== null ? `${usd(a.goodsValueUsd)}${a.valuation ? ` · ${krw(a.valuation.goodsValueKrw)}` : ''}` : '—'],
                [t('officer.deMinimis'), a.deMinimis.thresholdUsd !== null ? `USD ${num(a.deMinimis.thresholdUsd, 2)} · ${a.deMinimis.exempt ? t('estimate.exempt') : t('officer.notExempt')}` : '—'],
                [t('officer.shipment'), `${d.declaration.shipment.shipFrom} · ${t(`mode.${d.declaration.shipment.mode}` as MessageKey)} · ${d.declaration.shipment.grossWeightKg} kg`],
                [t('officer.combinedWith'), a.combinedWith.length ? combinedMembersText(a.combinedWith, d.combinedCargoNos) : '—'],
              ]}
            />
            {a.taxes ? <TaxTable taxes={a.taxes} caption={t('estimate.taxesCaption')} /> : null}
            {a.signals.length ? (
              <>
                <h3>{t('officer.signals')}</h3>
                <ul className="chips">
                  {a.signals.map((s) => (
                    <li key={s} className="chip" title={s}>
                      {t(`signal.${s}` as MessageKey)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>{t('estimate.why')}</h3>
            {superseded(d.status) ? (
              <div className="alert alert-warning" role="note" data-testid="assessment-superseded">
                <p>{t('officer.assessedBefore', { status: t(`status.${d.status}` as MessageKey) })}</p>
                <p>
                  <strong>{t('officer.nextNow')}</strong> {pick(nextNowOf(d))}
                </p>
              </div>
            ) : null}
            <ReasonList reasons={reasonsAtStatus(a.reasons, d.status)} />
          </section>
          {/* Whether and how the taxes were paid or refunded, read-only (a "세금·납부" consultation is answered from it). */}
          <section className="card" aria-labelledby="sec-tax-notice">
            <h2 id="sec-tax-notice" className="card-title">
              {lang === 'ko' ? '세금 · 납부' : 'Taxes and payment'}
            </h2>
            <OfficerTaxNotice declarationId={d.id} token={session.token} />
          </section>
          <section className="card" aria-labelledby="sec-items">
            <h2 id="sec-items" className="card-title">
              {t('officer.items')}
            </h2>
            {/* On a phone each item is a card (DataTable's cards): the table of six columns scrolled 66 px sideways at 390 px,
                170 px in English. */}
            <DataTable
              label={t('officer.items')}
              cards
              testId="officer-items"
              columns={['#', t('estimate.description'), 'HS', { text: t('estimate.quantity'), num: true }, { text: t('estimate.price'), num: true }, { text: t('tax.duty'), num: true }]}
            >
              {d.declaration.items.map((it, i) => {
                const line = a.lines.find((l) => l.index === i);
                return (
                  <tr key={i} role="row">
                    <td role="cell" data-label="#">
                      {i + 1}
                    </td>
                    <td role="cell" data-label={t('estimate.description')}>
                      {it.description}
                    </td>
                    <td role="cell" data-label="HS">
                      <code>{line?.hsCode ?? it.hsCode ?? it.category ?? '—'}</code>
                    </td>
                    <td role="cell" className="num" data-label={t('estimate.quantity')}>
                      {it.quantity}
                    </td>
                    <td role="cell" className="num" data-label={t('estimate.price')}>
                      {formatMoney(lang, d.declaration.order.currency, it.price)}
                    </td>
                    <td role="cell" className="num" data-label={t('tax.duty')}>
                      {line ? `${krw(line.dutyKrw)} (${(line.dutyRate * 100).toFixed(1)}%)` : '—'}</td>
                  </tr>
                );
              })}
            </DataTable>
          </section>
          <section className="card" aria-labelledby="sec-risk">
            <h2 id="sec-risk" className="card-title">
              {lang === 'ko' ? '위험 분석 · 검사' : 'Risk and inspection'}
            </h2>
            <RiskPanel id={d.id} token={session.token} canDecide={allowedActions(d.status).some((a) => a === 'hold' || a === 'reject')} />
          </section>
          <section className="card" aria-labelledby="sec-parties">
            <h2 id="sec-parties" className="card-title">
              {t('officer.parties')}
            </h2>
            <Parties id={d.id} token={session.token} />
          </section>
          <section className="card" aria-labelledby="sec-audit">
            <h2 id="sec-audit" className="card-title">
              {t('officer.audit')}
            </h2>
            <ol className="audit">
              {[...d.timeline].reverse().map((e, i) => (
                <li key={i}>
                  <p>
                    <strong>{lang === 'ko' ? e.nameKo : e.nameEn}</strong> · <time dateTime={e.occurredAt}>{dateTime(e.occurredAt)}</time>
                  </p>
                  {e.detail && typeof e.detail.officer === 'string' ? <p className="small">{t('officer.by', { name: e.detail.officer })}</p> : null}
                  {/* the officer's reason in English too when one was given (HOLD's detail.reasonEn) */}
                  {e.reason ? <p className="small">“{pick({ ko: e.reason, en: typeof e.detail?.reasonEn === 'string' && e.detail.reasonEn ? e.detail.reasonEn : e.reason })}”</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>
      ) : null}
    </>
  );
}
