// A staff member's change of their own password (POST /api/v1/me/password), behind a button beside
// the signed-in name: the current password proves it is them; the server's rules (12 to 200
// characters, not the username nor the current one) answer beside the field they are about. Their
// other sessions end; this one goes on. The wrong password that starts the sign-in throttle's wait ends
// this session too (details.signedOut): the page is told (onSignedOut) and shows the sign-in with the
// answer's text, as it does when the session has ended otherwise (401).
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorMessage, Field, StatusMessage } from './ui.tsx';

/** The error's text when it names this body field (details.path), else null. */
function fieldError(error: unknown, field: string, lang: 'ko' | 'en'): string | null {
  if (!(error instanceof ApiError)) return null;
  const path = (error.details as { path?: unknown } | null | undefined)?.path;
  return path === `body.${field}` ? error[lang] : null;
}

/** Whether the answer ended the session that asked: signed out for too many wrong passwords, or already ended (401). */
export function endedSession(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 401 || (error.details as { signedOut?: unknown } | null | undefined)?.signedOut === true);
}

export function OwnPassword({ token, onSignedOut }: { token: string; onSignedOut?: (why: ApiError) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: () => api<void>('/api/v1/me/password', { token, body: { currentPassword: current, newPassword: next } }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setAgain('');
      setOpen(false);
      setDone(true);
    },
    onError: (error) => {
      if (endedSession(error)) onSignedOut?.(error);
    },
  });
  const mismatch = again !== '' && again !== next;
  const onField = fieldError(change.error, 'currentPassword', lang) ?? fieldError(change.error, 'newPassword', lang);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!mismatch && current && next) change.mutate();
  }
  return (
    <div className="own-password">
      <StatusMessage className="alert alert-success">{done ? t('password.done') : null}</StatusMessage>
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          setDone(false);
          change.reset();
        }}
      >
        {t('password.change')}
      </button>
      {open ? (
        <form className="form narrow" onSubmit={submit} aria-label={t('password.title')} data-testid="own-password-form">
          <Field label={t('password.current')} error={fieldError(change.error, 'currentPassword', lang)}>
            {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />}
          </Field>
          <Field label={t('password.new')} hint={t('password.newHint')} error={fieldError(change.error, 'newPassword', lang)}>
            {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />}
          </Field>
          <Field label={t('password.again')} error={mismatch ? t('password.mismatch') : null}>
            {(p) => <input {...p} name="newPasswordAgain" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />}
          </Field>
          {change.error && !onField ? <ErrorMessage error={change.error} /> : null}
          <button type="submit" className="button primary" disabled={change.isPending || !current || !next || again !== next}>
            {change.isPending ? t('state.checking') : t('password.submit')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
