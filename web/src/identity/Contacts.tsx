// /me/security: where the holder's security notices and usage alerts go (the registered mobile number and
// e-mail address, masked), and changing either: a one-time code goes to the NEW number or address and the
// change is made only when it is typed back (src/app/change-holder-contact.ts); the holder is told at the old
// one and the new, and the holder's other devices are signed out (the page says how many). With a passkey registered, only a passkey session may change them (the server says so).
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api.ts';
import { DemoCodeInbox } from '../components/DemoCodeInbox.tsx';
import { OneTimeCodeField } from '../components/OneTimeCodeField.tsx';
import { ErrorMessage, Field, StatusMessage } from '../components/ui.tsx';
import { fieldErrorsOf, sameNames } from '../field-errors.ts';
import type { OwnCodeView } from './identity-api.ts';
import { maskEmail } from '../../../src/domain/contact-masks.ts';
import { SHOPS_CHECK_BY_MOBILE } from '../../../src/domain/holder-contact.ts';
import { useText } from './text.ts';
import { useFocusBack } from '../focus-back.ts';

type ContactField = 'phone' | 'email';
interface Started {
  challengeId: string;
  field: ContactField;
  sentTo: string;
  expiresAt: string;
}

export function Contacts({ token, code, onChanged }: { token: string; code: OwnCodeView; onChanged: (v: OwnCodeView) => void }) {
  const { t } = useText();
  return (
    <section className="card" aria-labelledby="sec-contacts" data-testid="contacts">
      <h2 id="sec-contacts" className="card-title">
        {t('sec.contacts')}
      </h2>
      <p className="small">{t('sec.contactsLead')}</p>
      <dl className="dl">
        <div className="dl-row">
          <dt>{t('sec.contact.phone')}</dt>
          <dd data-testid="contact-phone">{code.phone}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('sec.contact.email')}</dt>
          <dd data-testid="contact-email">{code.email ? maskEmail(code.email) : t('sec.contact.none')}</dd>
        </div>
      </dl>
      <ContactForm field="phone" token={token} onChanged={onChanged} />
      <ContactForm field="email" token={token} onChanged={onChanged} />
    </section>
  );
}

function ContactForm({ field, token, onChanged }: { field: ContactField; token: string; onChanged: (v: OwnCodeView) => void }) {
  const { t, pick } = useText();
  const [value, setValue] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<Started | null>(null);
  // Changes confirmed here (a new one re-announces), and how many other devices the last one signed out.
  const [done, setDone] = useState({ n: 0, others: 0 });
  const start = useMutation({ mutationFn: () => api<Started>(`/api/v1/consumer/contacts/${field}`, { token, body: { [field]: value } }) });
  const confirm = useMutation({
    mutationFn: (c: Started) => api<OwnCodeView & { otherSessionsEnded: number }>(`/api/v1/consumer/contacts/${field}/confirm`, { token, body: { challengeId: c.challengeId, [field]: value, code: code.trim() } }),
  });
  // Disabled while their request runs, the buttons drop the focus; after a refusal they take it back.
  const sendButton = useFocusBack<HTMLButtonElement>(start.isPending);
  const confirmButton = useFocusBack<HTMLButtonElement>(confirm.isPending);
  const startErrors = fieldErrorsOf(start.error, { field: sameNames([field]), text: (i) => pick(i) });
  const confirmErrors = fieldErrorsOf(confirm.error, { field: sameNames([field, 'code'] as const), text: (i) => pick(i) });
  const label = t(field === 'phone' ? 'sec.contact.newPhone' : 'sec.contact.newEmail');

  function submitValue(e: FormEvent) {
    e.preventDefault();
    setDone((d) => ({ ...d, n: 0 }));
    start.mutate(undefined, { onSuccess: (c) => setChallenge(c) });
  }
  function submitCode(e: FormEvent) {
    e.preventDefault();
    if (!challenge) return;
    confirm.mutate(challenge, {
      onSuccess: ({ otherSessionsEnded, ...v }) => {
        onChanged(v);
        setChallenge(null);
        setCode('');
        setValue('');
        start.reset();
        setDone((d) => ({ n: d.n + 1, others: otherSessionsEnded ?? 0 }));
      },
    });
  }
  return (
    <div className="contact-change" data-testid={`contact-${field}-change`}>
      {!challenge ? (
        <form key="value" className="form" onSubmit={submitValue} noValidate>
          <Field label={label} hint={field === 'phone' ? t('sec.contact.phoneHint') : null} error={startErrors[field] ?? null}>
            {(p) =>
              field === 'phone' ? (
                <input {...p} name={field} type="tel" autoComplete="tel" inputMode="tel" value={value} onChange={(e) => setValue(e.target.value)} placeholder="010-1234-5678" />
              ) : (
                <input {...p} name={field} type="email" autoComplete="email" value={value} onChange={(e) => setValue(e.target.value)} placeholder="name@example.com" />
              )
            }
          </Field>
          {start.error && !startErrors[field] ? <ErrorMessage error={start.error} /> : null}
          <button type="submit" className="button secondary" data-testid={`contact-${field}-send`} ref={sendButton} disabled={start.isPending}>
            {start.isPending ? t('sec.contact.sending') : t('sec.contact.sendCode')}
          </button>
        </form>
      ) : (
        <form key="code" className="form" onSubmit={submitCode} noValidate>
          <p role="status">{t('sec.contact.codeSent', { to: challenge.sentTo })}</p>
          <DemoCodeInbox recipient={field === 'phone' ? value.replace(/\D/g, '') : value.trim()} label={t('sec.contact.demoInbox')} testId="demo-contact-code" challengeId={challenge.challengeId} />
          <OneTimeCodeField label={t('sec.contact.code')} error={confirmErrors.code ?? confirmErrors[field] ?? null} value={code} onChange={setCode} />
          {confirm.error && !confirmErrors.code && !confirmErrors[field] ? <ErrorMessage error={confirm.error} /> : null}
          <div className="button-row">
            <button type="submit" className="button primary" data-testid={`contact-${field}-confirm`} ref={confirmButton} disabled={confirm.isPending}>
              {t('sec.contact.confirm')}
            </button>
            <button
              type="button"
              className="button link"
              onClick={() => {
                setChallenge(null);
                setCode('');
                confirm.reset();
              }}
            >
              {t('sec.contact.cancel')}
            </button>
          </div>
        </form>
      )}
      <StatusMessage key={done.n} testId={`contact-${field}-changed`} takeFocus>
        {done.n > 0 ? (
          <>
            <p>{t(field === 'phone' ? 'sec.contact.phoneChanged' : 'sec.contact.emailChanged')}</p>
            {/* The shops' PCCC check (API028) is by name and mobile, against the registry's number now. */}
            {field === 'phone' ? <p data-testid="contact-phone-shops">{pick(SHOPS_CHECK_BY_MOBILE)}</p> : null}
            {done.others > 0 ? <p data-testid={`contact-${field}-signed-out`}>{done.others === 1 ? t('sec.contact.signedOutOne') : t('sec.contact.signedOut', { n: done.others })}</p> : null}
          </>
        ) : null}
      </StatusMessage>
    </div>
  );
}
