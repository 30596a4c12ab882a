// /me/security: sign in (passkey, or the one-time code that also proves name + mobile + postcode
// for registering and recovering passkeys; the same sign-in as /me), the holder's passkeys, the
// code itself (suspend, resume, reissue, renew: confirmed first), usage alerts on this device (Web
// Push), the security activity (the registry's events in words), the recent order approvals and the usage
// ledger with "Not me" on each parcel.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { ErrorMessage, Loading, PageHeader, StatusBadge, StatusMessage } from '../components/ui.tsx';
import { ConsumerSignIn, SessionExpired, useConsumerSession } from '../components/ConsumerSignIn.tsx';
import type { ConsumerSession } from '../sign-in.ts';
import { money, passkeyError, pushState, registerPasskey, subscribePush, thisDeviceEndpoint, turnOffPushEverywhere, type LedgerApproval, type LedgerEntry, type OwnCodeView, type PasskeyView } from './identity-api.ts';
import { deviceLabel } from './device-label.ts';
import { Contacts } from './Contacts.tsx';
import { SecurityActivity, useActivity } from './SecurityActivity.tsx';
import { useText } from './text.ts';
import { reportedNote } from './reported-note.ts';
import { useFocusBack } from '../focus-back.ts';

export function Security() {
  const { t } = useText();
  const { session, signIn, signOut } = useConsumerSession();
  // Signing in replaces the form that had the focus: the session line takes it (not the top of the page).
  const [justSignedIn, setJustSignedIn] = useState(false);
  const signedIn = (s: ConsumerSession) => {
    setJustSignedIn(true);
    signIn(s);
  };
  // Signing out removes the button used: the focus goes to the page's start (as after a route change, Layout.tsx), not <body>.
  const signedOut = () => {
    setJustSignedIn(false);
    signOut();
    document.getElementById('main')?.focus();
  };
  return (
    <>
      <PageHeader title={t('sec.title')} lead={t('sec.lead')} />
      {session ? (
        <Signed session={session} onSignOut={signedOut} takeFocus={justSignedIn} onCodeChanged={(pccc) => signIn({ ...session, pccc })} />
      ) : (
        <ConsumerSignIn onSignedIn={signedIn} />
      )}
    </>
  );
}

function Signed({ session, onSignOut, takeFocus, onCodeChanged }: { session: ConsumerSession; onSignOut: () => void; takeFocus: boolean; onCodeChanged: (pccc: string) => void }) {
  const { t, dateTime, pick, lang } = useText();
  const signedLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (takeFocus) signedLine.current?.focus();
  }, [takeFocus]);
  const qc = useQueryClient();
  const token = session.token;
  const [newCode, setNewCode] = useState<string | null>(null);
  // What the last suspend/resume/renew did, said where its button was (the button itself goes: focus would fall to <body>).
  // A suspend says other devices were signed out only when it ended some (otherSessionsEnded).
  const [changed, setChanged] = useState<{ n: number; action: 'suspend' | 'resume' | 'renew'; until: string; others: number } | null>(null);
  const [reportedNow, setReportedNow] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ['passkeys', token], queryFn: () => api<{ passkeys: PasskeyView[] }>('/api/v1/consumer/passkeys', { token }) });
  const code = useQuery({ queryKey: ['own-code', token], queryFn: () => api<OwnCodeView>('/api/v1/consumer/pccc', { token }) });
  // A page of parcels at a time (newest first), more on request: a code used hundreds of times still shows every use.
  const ledger = useInfiniteQuery({
    queryKey: ['ledger', token],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => api<{ declarations: LedgerEntry[]; next: number | null; approvals: LedgerApproval[] }>(`/api/v1/consumer/ledger${pageParam ? `?after=${pageParam}` : ''}`, { token }),
    getNextPageParam: (last) => last.next,
  });
  // After a reissue (here, on another device or by an officer) the server's session follows the holder
  // to the new code: the tab's stored session does too, so the line above the code card never names
  // the cancelled code as "mine" beside the new one (nor do /me and the tax pages ask by it).
  const current = code.data?.pccc;
  useEffect(() => {
    if (current && current !== session.pccc) onCodeChanged(current);
  }, [current, session.pccc, onCodeChanged]);
  const activity = useActivity(token);
  const approvals = ledger.data?.pages[0]?.approvals;
  const declarations = ledger.data?.pages.flatMap((p) => p.declarations);
  const refresh = () => qc.invalidateQueries({ predicate: (q) => ['passkeys', 'own-code', 'ledger', 'activity'].includes(String(q.queryKey[0])) });
  const [removed, setRemoved] = useState<{ n: number; id: string; index: number; label: string } | null>(null);
  // Each of the passkeys' status lines says the last change only (a removal after a registration, or the other way).
  const register = useMutation({ mutationFn: () => registerPasskey(token, deviceLabel(navigator.userAgent)), onMutate: () => setRemoved(null), onSuccess: refresh });
  // Disabled during the ceremony, the button drops the focus: on success the result takes it, after a cancelled prompt or a refusal the button.
  const registerButton = useFocusBack<HTMLButtonElement>(register.isPending);
  // The passkey removed takes its button with it: the focus goes to the button of the one now in
  // its place (or the last), or to the list's heading when none is left, not to <body> (WCAG 2.4.3);
  // the status line says what was removed.
  const removals = useRef(0);
  const focusedAfter = useRef(0);
  const keyList = useRef<HTMLUListElement>(null);
  const keysHeading = useRef<HTMLHeadingElement>(null);
  const remove = useMutation({
    mutationFn: (k: { id: string; index: number; label: string }) => api(`/api/v1/consumer/passkeys/${encodeURIComponent(k.id)}`, { method: 'DELETE', token }),
    onSuccess: (_, k) => {
      qc.setQueryData<{ passkeys: PasskeyView[] }>(['passkeys', token], (d) => d && { passkeys: d.passkeys.filter((p) => p.id !== k.id) });
      setRemoved({ n: ++removals.current, ...k });
      register.reset();
      return refresh();
    },
    // Refused (say removed meanwhile on another device): the list is read again, so it shows what is left.
    onError: () => refresh(),
  });
  const listed = keys.data?.passkeys;
  useEffect(() => {
    // Once the list no longer shows the passkey removed (the cache is updated apart from this state).
    if (!removed || focusedAfter.current === removed.n || !listed || listed.some((k) => k.id === removed.id)) return;
    focusedAfter.current = removed.n;
    const buttons = keyList.current?.querySelectorAll<HTMLButtonElement>('[data-testid="remove-passkey"]');
    const next = buttons && buttons.length > 0 ? buttons[Math.min(removed.index, buttons.length - 1)] : null;
    (next ?? keysHeading.current)?.focus();
  }, [removed, listed]);
  const change = useMutation({
    mutationFn: (action: 'suspend' | 'resume' | 'reissue' | 'renew') => api<OwnCodeView & { otherSessionsEnded?: number }>(`/api/v1/consumer/pccc/${action}`, { method: 'POST', token, body: {} }),
    onSuccess: ({ otherSessionsEnded, ...v }, action) => {
      if (action === 'reissue') setNewCode(v.pccc);
      else setChanged((c) => ({ n: (c?.n ?? 0) + 1, action, until: v.expiresOn, others: otherSessionsEnded ?? 0 }));
      // The answer is the code as it is now: shown at once, so the page never says the new code
      // above the old one still marked in use while the refetch is on its way.
      qc.setQueryData(['own-code', token], v);
      refresh();
    },
  });
  const notMe = useMutation({
    mutationFn: (cargoNo: string) => api(`/api/v1/consumer/declarations/${cargoNo}/not-me`, { method: 'POST', token, body: {} }),
    onSuccess: (_, cargoNo) => {
      setReportedNow(cargoNo);
      return refresh();
    },
  });
  if ([keys.error, code.error, ledger.error].some((e) => e instanceof ApiError && e.status === 401)) return <SessionExpired onSignInAgain={onSignOut} />;
  // Irreversible or disruptive: the consumer confirms, knowing what follows.
  const confirmed = (text: string) => window.confirm(text);
  // Suspended by customs ex officio: only customs lifts it; the registry refuses the holder's resume and reissue (PCCC_NOT_ACTIVE).
  const byCustoms = code.data?.status === 'suspended' && code.data.suspendedBy === 'officer';
  const sessionBar = (
      <div className="card session-bar">
        <p data-testid="signed-in" ref={signedLine} tabIndex={-1}>{t('sec.signedIn', { pccc: session.pccc, amr: t(session.method === 'passkey' ? 'sec.amr.passkey' : 'sec.amr.otp') })}</p>
        <div className="button-row">
          <Link to="/me" className="button secondary" data-testid="to-my-parcels">
            {t('sec.myParcels')}
          </Link>
          <button type="button" className="button secondary" onClick={onSignOut}>
            {t('sec.signOut')}
          </button>
        </div>
      </div>
  );
  // One wait for the cards, not one per card: each showed "loading" and then grew, pushing the cards
  // below it down as the reader began to read them (the code's card 80 → 350 px; layout shift 0.29 on
  // a phone, 0.47 on a desktop). The ledger's later pages, and what changes after, load in place.
  if ([keys, code, activity, ledger].some((q) => q.isPending))
    return (
      <>
        {sessionBar}
        <Loading />
      </>
    );
  return (
    <>
      {sessionBar}
      <section className="card" aria-labelledby="sec-keys">
        <h2 id="sec-keys" className="card-title" ref={keysHeading} tabIndex={-1}>
          {t('sec.passkeys')}
        </h2>
        {keys.isPending ? <Loading /> : null}
        {keys.data && keys.data.passkeys.length === 0 ? <p>{t('sec.noPasskeys')}</p> : null}
        <ul className="plain-list" data-testid="passkey-list" ref={keyList}>
          {keys.data?.passkeys.map((k, index) => (
            <li key={k.id} className="row">
              <span>
                <strong>{k.label}</strong> <span className="small muted time-whole">{dateTime(k.createdAt)}</span>
                {Date.parse(k.usableFrom) > Date.now() ? <span className="small"> · {t('sec.usableFrom', { at: dateTime(k.usableFrom) })}</span> : null}
              </span>
              <button
                type="button"
                className="button link"
                data-testid="remove-passkey"
                aria-label={t('sec.removeNamed', { label: k.label })}
                onClick={() => confirmed(t('sec.confirmRemove', { label: k.label })) && remove.mutate({ id: k.id, index, label: k.label })}
              >
                {t('sec.remove')}
              </button>
            </li>
          ))}
        </ul>
        <StatusMessage testId="passkey-removed">{removed ? t('sec.removed', { label: removed.label }) : null}</StatusMessage>
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
        {/* The button is disabled during the ceremony and so loses the focus: the result takes it. */}
        <StatusMessage testId="passkey-registered" takeFocus>
          {register.isSuccess ? t('sec.registered') : null}
        </StatusMessage>
        {register.error ? <ErrorMessage error={passkeyError(register.error, t('sec.passkeyCancelled'), t('sec.passkeyAlreadyHere'))} /> : null}
        <button type="button" className="button primary" data-testid="register-passkey" ref={registerButton} onClick={() => register.mutate()} disabled={register.isPending}>
          {t('sec.addPasskey')}
        </button>
      </section>
      <section className="card" aria-labelledby="sec-code">
        <h2 id="sec-code" className="card-title">
          {t('sec.code.title')}
        </h2>
        {code.data ? (
          <>
            <dl className="dl">
              <div className="dl-row">
                <dt>{t('sec.pccc')}</dt>
                <dd data-testid="own-pccc">{code.data.pccc}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('sec.code.status')}</dt>
                <dd data-testid="own-status">{t(`status.${code.data.status}`)}</dd>
              </div>
              {/* Why it is suspended: an officer's reason (a holder signed out by customs' suspend signs in again to read it), or the holder's own request, in the reader's language (the stored '본인 요청 (consumer request)' is both). */}
              {code.data.status === 'suspended' && code.data.statusReason ? (
                <div className="dl-row">
                  <dt>{t('sec.code.reason')}</dt>
                  <dd data-testid="own-status-reason">{byCustoms ? code.data.statusReason : t('sec.code.reasonOwn')}</dd>
                </div>
              ) : null}
              <div className="dl-row">
                <dt>{t('sec.code.expires')}</dt>
                <dd>{code.data.expiresOn}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('sec.code.postcodes')}</dt>
                <dd>{code.data.postcodes.join(', ')}</dd>
              </div>
            </dl>
            {byCustoms ? (
              <p className="alert alert-warning" role="note" data-testid="suspended-by-customs">
                {t('sec.suspendedByCustoms')}
              </p>
            ) : null}
            <div className="button-row">
              {code.data.status === 'active' ? (
                <button type="button" className="button secondary" data-testid="suspend" onClick={() => confirmed(t('sec.confirmSuspend')) && change.mutate('suspend')}>
                  {t('sec.suspend')}
                </button>
              ) : null}
              {code.data.status === 'suspended' && !byCustoms ? (
                <button type="button" className="button secondary" onClick={() => change.mutate('resume')}>
                  {t('sec.resume')}
                </button>
              ) : null}
              {byCustoms ? null : (
                <button type="button" className="button secondary" data-testid="reissue" onClick={() => confirmed(t('sec.confirmReissue', { pccc: code.data!.pccc })) && change.mutate('reissue')}>
                  {t('sec.reissue')}
                </button>
              )}
              {code.data.renewal.open ? (
                <button type="button" className="button link" data-testid="renew" onClick={() => change.mutate('renew')}>
                  {t('sec.renew')}
                </button>
              ) : null}
            </div>
            <RenewalNote code={code.data} />
            <p className="small muted">{t('sec.reissueLimit', { n: code.data.rules.reissuesPerYear })}</p>
            {/* Keyed: each change is a new message that takes the focus again (suspend, then resume). */}
            <StatusMessage key={changed?.n ?? 0} testId="code-changed" takeFocus>
              {changed ? t(changed.action === 'suspend' ? (changed.others > 0 ? 'sec.suspended' : 'sec.suspendedAlone') : changed.action === 'resume' ? 'sec.resumed' : 'sec.renewed', { until: changed.until }) : null}
            </StatusMessage>
            <StatusMessage testId="new-code">{newCode ? t('sec.newCode', { pccc: newCode }) : null}</StatusMessage>
            {change.error ? <ErrorMessage error={change.error} /> : null}
          </>
        ) : null}
      </section>
      {code.data ? (
        <Contacts
          token={token}
          code={code.data}
          onChanged={(v) => {
            qc.setQueryData(['own-code', token], v);
            // The change is an event: the activity below lists it.
            void qc.invalidateQueries({ queryKey: ['activity', token] });
          }}
        />
      ) : null}
      <SecurityActivity token={token} />
      <UsageAlerts token={token} />
      <section className="card" aria-labelledby="sec-approvals" data-testid="approvals">
        <h2 id="sec-approvals" className="card-title">
          {t('sec.approvals')}
        </h2>
        {approvals && approvals.length === 0 ? <p>{t('sec.approvalsNone')}</p> : null}
        <ul className="plain-list">
          {approvals?.map((a) => (
            <li key={a.id}>
              <strong>{a.platform}</strong> {a.orderNo} · {money(lang, a.total, a.currency)} · <span className="badge badge-neutral">{t(`sec.approval.${a.status}`)}</span>{' '}
              <span className="small muted time-whole">{dateTime(a.createdAt)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="sec-ledger">
        <h2 id="sec-ledger" className="card-title">
          {t('sec.ledger')}
        </h2>
        {ledger.isPending ? <Loading /> : null}
        {declarations && declarations.length === 0 ? <p>{t('sec.ledgerNone')}</p> : null}
        {notMe.error ? <ErrorMessage error={notMe.error} /> : null}
        <ul className="plain-list" data-testid="ledger">
          {declarations?.map((d) => (
            <li key={d.cargoNo} className="ledger-entry" data-cargo={d.cargoNo} data-order={d.orderNo ?? ''}>
              <p>
                <strong>{d.platform ?? '—'}</strong> {d.goods.description} <span className="small muted">({d.orderNo ?? '—'})</span>
              </p>
              <p className="small">
                <StatusBadge status={d.status} text={d.statusText} /> <span data-testid="consent">{t(`sec.consent.${d.consent}`)}</span> · {d.cargoNo} · {d.declaredAt}
              </p>
              {d.reported ? (
                <ReportedNote takeFocus={d.cargoNo === reportedNow}>{reportedNote(d.reported, t, lang)}</ReportedNote>
              ) : d.holdable ? (
                <button
                  type="button"
                  className="button secondary"
                  data-testid="not-me"
                  onClick={() => confirmed(t('sec.confirmNotMe', { cargo: d.cargoNo, goods: d.goods.description })) && notMe.mutate(d.cargoNo)}
                  disabled={notMe.isPending}
                >
                  {t('sec.notMe')}
                </button>
              ) : null}
              <span className="visually-hidden">{pick(d.statusText)}</span>
            </li>
          ))}
        </ul>
        {ledger.hasNextPage ? (
          <button type="button" className="button secondary" data-testid="ledger-more" onClick={() => void ledger.fetchNextPage()} disabled={ledger.isFetchingNextPage}>
            {t('sec.ledgerMore', { n: declarations?.length ?? 0 })}
          </button>
        ) : null}
        {ledger.isFetchNextPageError ? <ErrorMessage error={ledger.error} /> : null}
      </section>
    </>
  );
}

/** A parcel reported as "not me": the note replaces the button just used, so it takes the focus then. */
function ReportedNote({ takeFocus, children }: { takeFocus: boolean; children: string }) {
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (takeFocus) note.current?.focus();
  }, [takeFocus]);
  return (
    <p className="small" data-testid="reported" ref={note} tabIndex={-1}>
      {children}
    </p>
  );
}

/** Where the code stands with its renewal window (고시 2025-06-18: renewable 30 days either side of expiry, cancelled after). */
function RenewalNote({ code }: { code: OwnCodeView }) {
  const { t } = useText();
  const r = code.renewal;
  const at = { expires: code.expiresOn, opens: r.opensOn, closes: r.closesOn, next: r.renewsUntil };
  if (code.status !== 'active') return null;
  if (r.open && r.expired)
    return (
      <p className="alert alert-warning" role="alert" data-testid="renewal-note">
        {t('sec.renewExpired', at)}
      </p>
    );
  return (
    <p className="small muted" data-testid="renewal-note">
      {t(r.open ? 'sec.renewSoon' : 'sec.renewLater', at)}
    </p>
  );
}

/** Usage alerts: SMS always; this device too once the consumer turns Web Push on. */
function UsageAlerts({ token }: { token: string }) {
  const { t } = useText();
  const qc = useQueryClient();
  const state = useQuery({ queryKey: ['push-state'], queryFn: pushState, staleTime: 0 });
  // The holder's installed apps getting the alerts, wherever they are: a lost phone's among them until turned off here.
  const devices = useQuery({
    queryKey: ['push-devices', token],
    queryFn: async () => {
      const endpoint = await thisDeviceEndpoint().catch(() => null);
      return api<{ devices: number; thisDevice: boolean }>(`/api/v1/consumer/push-subscriptions${endpoint ? `?endpoint=${encodeURIComponent(endpoint)}` : ''}`, { token });
    },
  });
  const subscribe = useMutation({
    mutationFn: () => subscribePush(token),
    onSuccess: (s) => {
      qc.setQueryData(['push-state'], s);
      // This browser is now one of the holder's (at once, so the button does not come back while the count is read again).
      if (s === 'on') qc.setQueryData<{ devices: number; thisDevice: boolean }>(['push-devices', token], (d) => d && (d.thisDevice ? d : { devices: d.devices + 1, thisDevice: true }));
      offAll.reset();
      void devices.refetch();
    },
  });
  const offAll = useMutation({
    mutationFn: () => turnOffPushEverywhere(token),
    onSuccess: () => {
      qc.setQueryData(['push-state'], 'off');
      void devices.refetch();
    },
  });
  // This browser subscribed, but not for this holder (a shared tablet: another holder's; or turned off
  // from another device): it does not get this holder's alerts, so it is offered to turn them on (the
  // subscription then moves to this holder), never said to get them.
  const s = state.data === 'on' && devices.data && !devices.data.thisDevice ? 'off' : state.data;
  const n = devices.data?.devices ?? 0;
  return (
    <section className="card" aria-labelledby="sec-alerts" data-testid="usage-alerts" data-state={s ?? ''}>
      <h2 id="sec-alerts" className="card-title">
        {t('sec.alerts')}
      </h2>
      <p className="small">{t('sec.alertsLead')}</p>
      <StatusMessage>{s === 'on' ? t('sec.alertsOn') : null}</StatusMessage>
      {s === 'denied' ? <p className="small muted">{t('sec.alertsDenied')}</p> : null}
      {s === 'unsupported' ? <p className="small muted">{t('sec.alertsUnsupported')}</p> : null}
      {n > 0 ? (
        <p className="small" data-testid="alert-devices">
          {t('sec.alertsDevices', { n })}
        </p>
      ) : null}
      <div className="button-row">
        {s === 'off' ? (
          <button type="button" className="button secondary" data-testid="alerts-on" onClick={() => subscribe.mutate()} disabled={subscribe.isPending}>
            {t('sec.alertsTurnOn')}
          </button>
        ) : null}
        {n > 0 ? (
          <button type="button" className="button link" data-testid="alerts-off-all" disabled={offAll.isPending} onClick={() => window.confirm(t('sec.confirmAlertsOffAll', { n })) && offAll.mutate()}>
            {t('sec.alertsOffAll')}
          </button>
        ) : null}
      </div>
      {subscribe.error ? (
        <p className="small" role="alert">
          {t('sec.alertsFailed')}
        </p>
      ) : null}
      <StatusMessage testId="alerts-off-done" takeFocus>
        {offAll.isSuccess ? t('sec.alertsOffDone', { n: offAll.data }) : null}
      </StatusMessage>
      {offAll.error ? <ErrorMessage error={offAll.error} /> : null}
    </section>
  );
}
