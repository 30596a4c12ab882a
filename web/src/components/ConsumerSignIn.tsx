// The consumer's sign-in, the same on /me and /me/security: a passkey (usernameless WebAuthn) when
// the browser has them, or the one-time code sent when PCCC + name + mobile + postcode match the
// holder (this also proves the details that registering or recovering a passkey needs). In the demo
// the code the notification adapter stored is shown on screen (GET /api/v1/demo/notifications
// answers only in demo mode). Both give the same session, kept per tab (sign-in.ts).
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { fillNodes, useI18n } from '../i18n.tsx';
import { formatDateTime } from '../format.ts';
import { browserHasPasskeys, loadConsumerSession, otpMethod, saveConsumerSession, type Challenge, type ConsumerSession, type Identity } from '../sign-in.ts';
import { passkeyError, passkeySignIn, passkeySignInNext } from '../identity/identity-api.ts';
import { OneTimeCodeField } from './OneTimeCodeField.tsx';
import { ErrorMessage, Field } from './ui.tsx';
import { DemoCodeInbox } from './DemoCodeInbox.tsx';
import { useFocusBack } from '../focus-back.ts';

/** The tab's consumer session, shared by the consumer pages; signing out ends it on the server too. */
export function useConsumerSession(): { session: ConsumerSession | null; signIn: (s: ConsumerSession) => void; signOut: () => void } {
  const [session, setSession] = useState<ConsumerSession | null>(() => loadConsumerSession());
  const signIn = useCallback((s: ConsumerSession) => {
    saveConsumerSession(s);
    setSession(s);
  }, []);
  const signOut = useCallback(() => {
    if (session) api('/api/v1/auth/sign-out', { method: 'POST', token: session.token }).catch(() => undefined);
    saveConsumerSession(null);
    setSession(null);
  }, [session]);
  return { session, signIn, signOut };
}

/** Shown when the server no longer accepts the session (30 minutes, or signed out elsewhere). */
export function SessionExpired({ onSignInAgain }: { onSignInAgain: () => void }) {
  const { t } = useI18n();
  return (
    <div className="card" data-testid="session-expired">
      <p role="alert">{t('me.expired')}</p>
      <button type="button" className="button primary" onClick={onSignInAgain}>
        {t('me.signInAgain')}
      </button>
    </div>
  );
}

function PasskeySignIn({ onSignedIn }: { onSignedIn: (s: ConsumerSession) => void }) {
  const { t } = useI18n();
  const supported = browserHasPasskeys();
  const passkey = useMutation({ mutationFn: passkeySignIn, onSuccess: (s) => onSignedIn({ ...s, method: 'passkey' }) });
  const passkeyButton = useFocusBack<HTMLButtonElement>(passkey.isPending);
  return (
    <section className="card" aria-labelledby="passkey-title">
      <h2 id="passkey-title" className="card-title">
        {t('signin.passkeyTitle')}
      </h2>
      <p className="small muted">{supported ? t('signin.passkeyDescription') : t('signin.passkeyUnsupported')}</p>
      {supported ? (
        <button type="button" className="button primary block" data-testid="passkey-sign-in" ref={passkeyButton} onClick={() => passkey.mutate()} disabled={passkey.isPending}>
          {passkey.isPending ? t('state.checking') : t('signin.passkeyButton')}
        </button>
      ) : null}
      {passkey.error ? <ErrorMessage error={passkeyError(passkey.error, t('signin.passkeyCancelled'))} /> : null}
      {passkeySignInNext(passkey.error) ? (
        <p className="small" data-testid="passkey-invalid-next">
          {t(passkeySignInNext(passkey.error)!)}
        </p>
      ) : null}
    </section>
  );
}

export function ConsumerSignIn({ onSignedIn }: { onSignedIn: (s: ConsumerSession) => void }) {
  const { t, lang } = useI18n();
  // The code's deadline is read against the phone's clock, which abroad is not Korea's: KST named in Korean too.
  const dateTime = (iso: string) => formatDateTime(lang, iso, true);
  const [identity, setIdentity] = useState<Identity>({ pccc: '', name: '', phone: '', postcode: '' });
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const start = useMutation({ mutationFn: (i: Identity) => otpMethod.start(i) });
  const complete = useMutation({ mutationFn: (x: { challenge: Challenge; code: string }) => otpMethod.complete(x.challenge, x.code) });
  // Each form's button is disabled while its request is under way, and a focused button that is disabled drops the focus
  // to the page's body: after a refusal, Tab went on from the top of the page. The button takes it back (where the holder was).
  const sendButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (start.error) sendButton.current?.focus();
  }, [start.error]);
  useEffect(() => {
    if (complete.error) confirmButton.current?.focus();
  }, [complete.error]);

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
      <PasskeySignIn onSignedIn={onSignedIn} />
      {!challenge ? (
        // Keyed: the code form is a new form (its field mounts and takes focus), not the details form updated in place.
        <form key="identity" className="card form" onSubmit={submitIdentity} noValidate aria-labelledby="verify-title">
          <h2 id="verify-title" className="card-title">
            {t('me.verifyTitle')}
          </h2>
          <p className="small muted">{t('signin.otpDescription')}</p>
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
          {start.error instanceof ApiError && start.error.code === 'VERIFICATION_FAILED' ? (
            <p className="small" data-testid="verify-failed-next">
              {t('me.verifyFailedNext')}
            </p>
          ) : null}
          <button type="submit" className="button primary block" ref={sendButton} disabled={start.isPending}>
            {start.isPending ? t('state.sending') : t('me.sendCode')}
          </button>
          <p className="small muted">{t('me.privacy')}</p>
        </form>
      ) : (
        <form key="code" className="card form" onSubmit={submitCode} noValidate aria-labelledby="code-title">
          <h2 id="code-title" className="card-title">
            {t('me.codeTitle')}
          </h2>
          <p role="status">{fillNodes(t('me.codeSent'), { to: challenge.sentTo ?? '', until: <span className="time-whole">{dateTime(challenge.expiresAt)}</span> })}</p>
          <DemoCodeInbox recipient={identity.phone.replace(/\D/g, '')} label={t('me.demoInbox')} testId="demo-sms" challengeId={challenge.challengeId} />
          <OneTimeCodeField label={t('me.code')} error={errors.code ?? null} value={code} onChange={setCode} />
          {complete.error ? <ErrorMessage error={complete.error} /> : null}
          {complete.error instanceof ApiError && complete.error.code === 'CHALLENGE_INVALID' ? <p className="small">{t('me.codeInvalidNext')}</p> : null}
          <button type="submit" className="button primary block" ref={confirmButton} disabled={complete.isPending}>
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
