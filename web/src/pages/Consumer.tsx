// Consumer area: verify (PCCC + name + mobile + postcode, then a one-time code), then every
// declaration under the PCCC with its taxes. In the demo the code the notification adapter
// stored is shown on screen (GET /api/v1/demo/notifications answers only in demo mode).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ConsumerDeclaration } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Empty, ErrorMessage, Field, Loading, PageHeader } from '../components/ui.tsx';
import { LookupCard } from '../components/LookupCard.tsx';
import { TaxNotices, unpaidKrw, useTaxNotices } from './TaxPayment.tsx';
import { MyConsultations } from './Consult.tsx';
import {
  browserHasPasskeys,
  loadConsumerSession,
  otpMethod,
  saveConsumerSession,
  SIGN_IN_METHODS,
  type Challenge,
  type ConsumerSession,
  type Identity,
} from '../sign-in.ts';

export function Consumer() {
  const [session, setSession] = useState<ConsumerSession | null>(() => loadConsumerSession());
  const { t } = useI18n();
  const signIn = (s: ConsumerSession) => {
    saveConsumerSession(s);
    setSession(s);
  };
  const signOut = () => {
    if (session) api('/api/v1/auth/sign-out', { method: 'POST', token: session.token }).catch(() => undefined);
    saveConsumerSession(null);
    setSession(null);
  };
  return (
    <>
      <PageHeader title={t('me.title')} lead={session ? undefined : t('me.lead')} />
      {session ? <MyDeclarations session={session} onSignOut={signOut} /> : <VerifyForm onSignedIn={signIn} />}
    </>
  );
}

function DemoInbox({ phone }: { phone: string }) {
  const { t, dateTime } = useI18n();
  const digits = phone.replace(/\D/g, '');
  const inbox = useQuery({
    queryKey: ['demo-inbox', digits],
    queryFn: ({ signal }) =>
      api<{ notifications: { id: number; recipient: string; body: string; createdAt: string }[] }>(`/api/v1/demo/notifications?recipient=${digits}`, { signal }).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null; // not a demo server
        throw e;
      }),
    retry: false,
    staleTime: 0,
  });
  const latest = inbox.data?.notifications[0];
  if (!latest) return null;
  return (
    <aside className="demo-inbox" aria-label={t('me.demoInbox')}>
      <p className="demo-tag">{t('me.demoInbox')}</p>
      <p className="demo-message" data-testid="demo-sms">
        {latest.body}
      </p>
      <p className="small muted">
        {latest.recipient} · {dateTime(latest.createdAt)}
      </p>
    </aside>
  );
}

function VerifyForm({ onSignedIn }: { onSignedIn: (s: ConsumerSession) => void }) {
  const { t, dateTime } = useI18n();
  const [identity, setIdentity] = useState<Identity>({ pccc: '', name: '', phone: '', postcode: '' });
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const start = useMutation({ mutationFn: (i: Identity) => otpMethod.start(i) });
  const complete = useMutation({ mutationFn: (x: { challenge: Challenge; code: string }) => otpMethod.complete(x.challenge, x.code) });
  const passkeys = browserHasPasskeys();

  function submitIdentity(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!/^[Pp]\d{12}$/.test(identity.pccc.trim())) errs.pccc = t('me.error.pccc');
    if (!identity.name.trim()) errs.name = t('me.error.name');
    if (!/^\d{9,12}$/.test(identity.phone.replace(/[\s\-+()]/g, ''))) errs.phone = t('me.error.phone');
    if (!/^\d{5}$/.test(identity.postcode.trim())) errs.postcode = t('me.error.postcode');
    setErrors(errs);
    if (Object.keys(errs).length) {
      document.querySelector<HTMLElement>(`[name="${Object.keys(errs)[0]}"]`)?.focus();
      return;
    }
    start.mutate(identity, { onSuccess: (c) => setChallenge(c) });
  }

  function submitCode(e: FormEvent) {
    e.preventDefault();
    if (!challenge) return;
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ code: t('me.error.code') });
      document.querySelector<HTMLElement>('[name="code"]')?.focus();
      return;
    }
    setErrors({});
    complete.mutate({ challenge, code }, { onSuccess: onSignedIn });
  }

  const set = (k: keyof Identity, v: string) => setIdentity((i) => ({ ...i, [k]: v }));

  return (
    <div className="narrow">
      <section className="card" aria-labelledby="methods-title">
        <h2 id="methods-title" className="card-title">
          {t('signin.methods')}
        </h2>
        <ul className="methods">
          {SIGN_IN_METHODS.map((m) => (
            <li key={m.id} className={m.available() ? 'method method-on' : 'method method-off'}>
              <strong>{t(m.label)}</strong>
              <span className="small muted">
                {t(m.description)}
                {m.id === 'passkey' ? ` ${passkeys ? t('signin.passkeySupported') : t('signin.passkeyUnsupported')}` : ''}
              </span>
              {!m.available() ? <span className="badge badge-neutral">{t('signin.soon')}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      {!challenge ? (
        <form className="card form" onSubmit={submitIdentity} noValidate aria-labelledby="verify-title">
          <h2 id="verify-title" className="card-title">
            {t('me.verifyTitle')}
          </h2>
          <Field label={t('me.pccc')} hint={t('me.pcccHint')} error={errors.pccc ?? null}>
            {(p) => <input {...p} name="pccc" autoComplete="off" autoCapitalize="characters" spellCheck={false} value={identity.pccc} onChange={(e) => set('pccc', e.target.value)} placeholder="P123456789012" />}
          </Field>
          <Field label={t('me.name')} error={errors.name ?? null}>
            {(p) => <input {...p} name="name" autoComplete="name" value={identity.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <div className="row">
            <Field label={t('me.phone')} error={errors.phone ?? null}>
              {(p) => <input {...p} name="phone" type="tel" autoComplete="tel" inputMode="tel" value={identity.phone} onChange={(e) => set('phone', e.target.value)} placeholder="010-1234-5678" />}
            </Field>
            <Field label={t('me.postcode')} error={errors.postcode ?? null}>
              {(p) => <input {...p} name="postcode" autoComplete="postal-code" inputMode="numeric" maxLength={5} value={identity.postcode} onChange={(e) => set('postcode', e.target.value)} />}
            </Field>
          </div>
          {start.error ? <ErrorMessage error={start.error} /> : null}
          <button type="submit" className="button primary block" disabled={start.isPending}>
            {start.isPending ? t('state.sending') : t('me.sendCode')}
          </button>
          <p className="small muted">{t('me.privacy')}</p>
        </form>
      ) : (
        <form className="card form" onSubmit={submitCode} noValidate aria-labelledby="code-title">
          <h2 id="code-title" className="card-title">
            {t('me.codeTitle')}
          </h2>
          <p role="status">{t('me.codeSent', { to: challenge.sentTo ?? '', until: dateTime(challenge.expiresAt) })}</p>
          <DemoInbox phone={identity.phone} />
          <Field label={t('me.code')} error={errors.code ?? null}>
            {(p) => (
              <input {...p} name="code" autoFocus autoComplete="one-time-code" inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} className="code-input" />
            )}
          </Field>
          {complete.error ? <ErrorMessage error={complete.error} /> : null}
          <button type="submit" className="button primary block" disabled={complete.isPending}>
            {complete.isPending ? t('state.checking') : t('me.confirm')}
          </button>
          <button
            type="button"
            className="button link"
            onClick={() => {
              setChallenge(null);
              setCode('');
              start.reset();
              complete.reset();
            }}
          >
            {t('me.startOver')}
          </button>
        </form>
      )}
    </div>
  );
}

function MyDeclarations({ session, onSignOut }: { session: ConsumerSession; onSignOut: () => void }) {
  const { t, krw, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['consumer-declarations', session.pccc],
    queryFn: ({ signal }) => api<{ pccc: string; declarations: ConsumerDeclaration[] }>('/api/v1/consumer/declarations', { token: session.token, signal }),
  });
  const notices = useTaxNotices(session);
  if (list.error instanceof ApiError && list.error.status === 401) {
    return (
      <div className="card">
        <p role="alert">{t('me.expired')}</p>
        <button type="button" className="button primary" onClick={onSignOut}>
          {t('me.signInAgain')}
        </button>
      </div>
    );
  }
  const items = list.data?.declarations ?? [];
  const due = notices.data ? unpaidKrw(notices.data.notices) : null;
  const held = items.filter((d) => d.status === 'held').length;
  return (
    <>
      <div className="card session-bar">
        <p>
          {t('me.signedInAs', { pccc: session.pccc })}
          <span className="small muted"> · {t('me.until', { until: dateTime(session.expiresAt) })}</span>
        </p>
        <div className="button-row">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              queryClient.invalidateQueries({ queryKey: ['consumer-declarations'] });
              queryClient.invalidateQueries({ queryKey: ['tax-notices'] });
            }}
          >
            {t('action.refresh')}
          </button>
          <button type="button" className="button secondary" onClick={onSignOut}>
            {t('action.signOut')}
          </button>
        </div>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorMessage error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data ? (
        <>
          <section className="stats-row" aria-label={t('me.summary')}>
            <div className="stat">
              <p className="stat-label">{t('me.count')}</p>
              <p className="stat-value" data-testid="my-count">
                {items.length}
              </p>
            </div>
            <div className="stat">
              <p className="stat-label">{t('me.held')}</p>
              <p className="stat-value">{held}</p>
            </div>
            <div className="stat">
              <p className="stat-label">{t('me.due')}</p>
              <p className="stat-value" data-testid="my-due">
                {due === null ? '…' : krw(due)}
              </p>
            </div>
          </section>
          <TaxNotices session={session} />
          <MyConsultations session={session} />
          <p className="small muted">{t('me.notMe')}</p>
          {items.length === 0 ? <Empty>{t('me.none')}</Empty> : null}
          <div className="result-stack">
            {items.map((d) => (
              <LookupCard
                key={d.cargoNo}
                view={d}
                collapseTimeline
                extra={[
                  [t('party.platform'), d.platform ?? '—'],
                  [t('party.seller'), d.seller ?? '—'],
                  [t('party.consignee'), d.consigneeName],
                ]}
              />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
