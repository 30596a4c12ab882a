// /me/security: sign in (passkey, or the one-time code that also proves name + mobile + postcode
// for registering and recovering passkeys), the holder's passkeys, the code itself (suspend,
// resume, reissue, renew) and the usage ledger with "Not me" on each parcel.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { ErrorMessage, Field, Loading, PageHeader, StatusBadge } from '../components/ui.tsx';
import { loadConsumerSession, otpMethod, saveConsumerSession, type Challenge, type ConsumerSession, type Identity } from '../sign-in.ts';
import { passkeySignIn, registerPasskey, type LedgerEntry, type OwnCode, type PasskeyView } from './identity-api.ts';
import { useText } from './text.ts';

export function Security() {
  const { t } = useText();
  const [session, setSession] = useState<ConsumerSession | null>(() => loadConsumerSession());
  const signIn = (s: ConsumerSession) => {
    saveConsumerSession(s);
    setSession(s);
  };
  const signOut = () => {
    saveConsumerSession(null);
    setSession(null);
  };
  return (
    <>
      <PageHeader title={t('sec.title')} lead={t('sec.lead')} />
      {session ? <Signed session={session} onSignOut={signOut} /> : <SignIn onSignedIn={signIn} />}
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (s: ConsumerSession) => void }) {
  const { t } = useText();
  const [identity, setIdentity] = useState<Identity>({ pccc: '', name: '', phone: '', postcode: '' });
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const passkey = useMutation({ mutationFn: passkeySignIn, onSuccess: (s) => onSignedIn({ ...s, method: 'passkey' }) });
  const start = useMutation({ mutationFn: (i: Identity) => otpMethod.start(i), onSuccess: setChallenge });
  const complete = useMutation({ mutationFn: (c: Challenge) => otpMethod.complete(c, code), onSuccess: onSignedIn });
  const inbox = useQuery({
    queryKey: ['identity-demo-inbox', identity.phone, challenge?.challengeId],
    enabled: !!challenge,
    queryFn: () => api<{ notifications: { body: string }[] }>(`/api/v1/demo/notifications?recipient=${identity.phone.replace(/\D/g, '')}`).catch(() => null),
  });
  const set = (k: keyof Identity, v: string) => setIdentity((i) => ({ ...i, [k]: v }));
  const sms = inbox.data?.notifications.find((n) => n.body.includes('인증번호'))?.body;
  return (
    <div className="narrow">
      <section className="card" aria-labelledby="sec-signin">
        <h2 id="sec-signin" className="card-title">
          {t('sec.signIn')}
        </h2>
        <button type="button" className="button primary block" data-testid="passkey-sign-in" onClick={() => passkey.mutate()} disabled={passkey.isPending}>
          {t('sec.withPasskey')}
        </button>
        {passkey.error ? <ErrorMessage error={passkey.error} /> : null}
      </section>
      {!challenge ? (
        <form
          className="card form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            start.mutate(identity);
          }}
        >
          <p className="small muted">{t('sec.orCode')}</p>
          <Field label={t('sec.pccc')}>{(p) => <input {...p} name="pccc" value={identity.pccc} onChange={(e) => set('pccc', e.target.value)} autoComplete="off" />}</Field>
          <Field label={t('sec.name')}>{(p) => <input {...p} name="name" value={identity.name} onChange={(e) => set('name', e.target.value)} autoComplete="name" />}</Field>
          <Field label={t('sec.phone')}>{(p) => <input {...p} name="phone" type="tel" value={identity.phone} onChange={(e) => set('phone', e.target.value)} autoComplete="tel" />}</Field>
          <Field label={t('sec.postcode')}>{(p) => <input {...p} name="postcode" inputMode="numeric" maxLength={5} value={identity.postcode} onChange={(e) => set('postcode', e.target.value)} />}</Field>
          {start.error ? <ErrorMessage error={start.error} /> : null}
          <button type="submit" className="button secondary block" disabled={start.isPending}>
            {t('sec.sendCode')}
          </button>
        </form>
      ) : (
        <form
          className="card form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            complete.mutate(challenge);
          }}
        >
          {sms ? (
            <aside className="demo-inbox" aria-label={t('sec.demoSms')}>
              <p className="demo-tag">{t('sec.demoSms')}</p>
              <p className="demo-message" data-testid="demo-sms">
                {sms}
              </p>
            </aside>
          ) : null}
          <Field label={t('sec.code')}>{(p) => <input {...p} name="code" inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" />}</Field>
          {complete.error ? <ErrorMessage error={complete.error} /> : null}
          <button type="submit" className="button primary block" disabled={complete.isPending}>
            {t('sec.confirm')}
          </button>
        </form>
      )}
    </div>
  );
}

function Signed({ session, onSignOut }: { session: ConsumerSession; onSignOut: () => void }) {
  const { t, dateTime, pick } = useText();
  const qc = useQueryClient();
  const token = session.token;
  const [newCode, setNewCode] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ['passkeys', token], queryFn: () => api<{ passkeys: PasskeyView[] }>('/api/v1/consumer/passkeys', { token }) });
  const code = useQuery({ queryKey: ['own-code', token], queryFn: () => api<OwnCode>('/api/v1/consumer/pccc', { token }) });
  const ledger = useQuery({ queryKey: ['ledger', token], queryFn: () => api<{ declarations: LedgerEntry[] }>('/api/v1/consumer/ledger', { token }) });
  const refresh = () => qc.invalidateQueries({ predicate: (q) => ['passkeys', 'own-code', 'ledger'].includes(String(q.queryKey[0])) });
  const register = useMutation({ mutationFn: () => registerPasskey(token, navigator.platform || 'passkey'), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => api(`/api/v1/consumer/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE', token }), onSuccess: refresh });
  const change = useMutation({
    mutationFn: (action: 'suspend' | 'resume' | 'reissue' | 'renew') => api<OwnCode>(`/api/v1/consumer/pccc/${action}`, { method: 'POST', token, body: {} }),
    onSuccess: (v, action) => {
      if (action === 'reissue') setNewCode(v.pccc);
      refresh();
    },
  });
  const notMe = useMutation({ mutationFn: (cargoNo: string) => api(`/api/v1/consumer/declarations/${cargoNo}/not-me`, { method: 'POST', token, body: {} }), onSuccess: refresh });
  if (ledger.error instanceof ApiError && ledger.error.status === 401) {
    onSignOut();
    return null;
  }
  return (
    <>
      <div className="card session-bar">
        <p data-testid="signed-in">{t('sec.signedIn', { pccc: session.pccc, amr: session.method === 'passkey' ? 'passkey' : 'SMS' })}</p>
        <button type="button" className="button secondary" onClick={onSignOut}>
          {t('sec.signOut')}
        </button>
      </div>
      <section className="card" aria-labelledby="sec-keys">
        <h2 id="sec-keys" className="card-title">
          {t('sec.passkeys')}
        </h2>
        {keys.isPending ? <Loading /> : null}
        {keys.data && keys.data.passkeys.length === 0 ? <p>{t('sec.noPasskeys')}</p> : null}
        <ul className="plain-list" data-testid="passkey-list">
          {keys.data?.passkeys.map((k) => (
            <li key={k.id} className="row">
              <span>
                <strong>{k.label}</strong> <span className="small muted">{dateTime(k.createdAt)}</span>
                {Date.parse(k.usableFrom) > Date.now() ? <span className="small"> · {t('sec.usableFrom', { at: dateTime(k.usableFrom) })}</span> : null}
              </span>
              <button type="button" className="button link" onClick={() => remove.mutate(k.id)}>
                {t('sec.remove')}
              </button>
            </li>
          ))}
        </ul>
        {register.isSuccess ? <p role="status">{t('sec.registered')}</p> : null}
        {register.error ? <ErrorMessage error={register.error} /> : null}
        <button type="button" className="button primary" data-testid="register-passkey" onClick={() => register.mutate()} disabled={register.isPending}>
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
              <div className="dl-row">
                <dt>{t('sec.code.expires')}</dt>
                <dd>{code.data.expiresOn}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('sec.code.postcodes')}</dt>
                <dd>{code.data.postcodes.join(', ')}</dd>
              </div>
            </dl>
            <div className="button-row">
              {code.data.status === 'active' ? (
                <button type="button" className="button secondary" data-testid="suspend" onClick={() => change.mutate('suspend')}>
                  {t('sec.suspend')}
                </button>
              ) : null}
              {code.data.status === 'suspended' ? (
                <button type="button" className="button secondary" onClick={() => change.mutate('resume')}>
                  {t('sec.resume')}
                </button>
              ) : null}
              <button type="button" className="button secondary" data-testid="reissue" onClick={() => change.mutate('reissue')}>
                {t('sec.reissue')}
              </button>
              <button type="button" className="button link" onClick={() => change.mutate('renew')}>
                {t('sec.renew')}
              </button>
            </div>
            <p className="small muted">{t('sec.reissueLimit', { n: code.data.rules.reissuesPerYear })}</p>
            {newCode ? (
              <p role="status" data-testid="new-code">
                {t('sec.newCode', { pccc: newCode })}
              </p>
            ) : null}
            {change.error ? <ErrorMessage error={change.error} /> : null}
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="sec-ledger">
        <h2 id="sec-ledger" className="card-title">
          {t('sec.ledger')}
        </h2>
        {ledger.isPending ? <Loading /> : null}
        {ledger.data && ledger.data.declarations.length === 0 ? <p>{t('sec.ledgerNone')}</p> : null}
        {notMe.error ? <ErrorMessage error={notMe.error} /> : null}
        <ul className="plain-list" data-testid="ledger">
          {ledger.data?.declarations.map((d) => (
            <li key={d.cargoNo} className="ledger-entry" data-cargo={d.cargoNo} data-order={d.orderNo ?? ''}>
              <p>
                <strong>{d.platform ?? '—'}</strong> {d.goods.description} <span className="small muted">({d.orderNo ?? '—'})</span>
              </p>
              <p className="small">
                <StatusBadge status={d.status} text={d.statusText} /> <span data-testid="consent">{t(`sec.consent.${d.consent}`)}</span> · {d.cargoNo} · {d.declaredAt}
              </p>
              {d.reported ? (
                <p className="small" data-testid="reported">
                  {t('sec.reported', { id: d.reported.caseId, held: d.reported.held ? t('sec.heldNote') : '' })}
                </p>
              ) : d.holdable ? (
                <button type="button" className="button secondary" data-testid="not-me" onClick={() => notMe.mutate(d.cargoNo)} disabled={notMe.isPending}>
                  {t('sec.notMe')}
                </button>
              ) : null}
              <span className="visually-hidden">{pick(d.statusText)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
