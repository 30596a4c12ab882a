// On a party's profile (/officer/parties/:role/:key): an officer tells partner administrations that
// this platform, seller, forwarder or courier is risky (docs/risk-exchange.md, our risky-party
// notices). The notice rests on the findings our records count for the party; the server builds,
// signs, stores and audits it, and the officer downloads the signed JSON to hand over.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { addDays } from '../../../src/domain/dates.ts';
import { todayInKorea } from '../format.ts';
import { fieldErrorsOf } from '../field-errors.ts';
import { useI18n } from '../i18n.tsx';
import { PartnerRecipientField } from '../components/PartnerRecipientField.tsx';
import type { MessageKey } from '../messages.ts';
import { ErrorMessage, Field } from '../components/ui.tsx';
import { useJsonDownload } from '../json-download.ts';
import { dominantOffence } from '../../../src/domain/risk-exchange/build-party-notice.ts';
import { EXCHANGE_PARTY_ROLES, OFFENCE_CATEGORIES, OFFENCES, type Offence, type OffenceCategory } from '../../../src/domain/risk-exchange/codes.ts';
import type { ExchangeMessage, RiskyPartyNoticeBody } from '../../../src/domain/risk-exchange/message.ts';
import type { ExchangePartners } from '../../../src/domain/risk-exchange/views.ts';

interface Issued {
  message: ExchangeMessage & { kind: 'risky_party_notice'; body: RiskyPartyNoticeBody };
  signingKey: { keyId: string };
}

type NoticeField = 'textEn' | 'validUntil' | 'country';


/** The form field showing a request field the API names (text.en and text.ko at the English text, which the notice needs). */
function noticeFieldOf(name: string): NoticeField | null {
  return name.startsWith('text') ? 'textEn' : name === 'validUntil' || name === 'country' ? name : null;
}

export function PartyNotice({ role, partyKey, found, outcomes, token }: { role: string; partyKey: string; found: number; outcomes: Record<string, number>; token: string }) {
  const { t, pick, num, date } = useI18n();
  const queryClient = useQueryClient();
  const suggested = dominantOffence(outcomes);
  const [category, setCategory] = useState<OffenceCategory>(suggested?.category ?? 'other');
  const [offence, setOffence] = useState<Offence | ''>(suggested?.offence ?? '');
  const [textEn, setTextEn] = useState('');
  const [textKo, setTextKo] = useState('');
  const [validUntil, setValidUntil] = useState(() => addDays(todayInKorea(), 180));
  const [country, setCountry] = useState('');
  const [recipient, setRecipient] = useState('');
  const partners = useQuery({
    queryKey: ['exchange-partners'],
    queryFn: ({ signal }) => api<ExchangePartners>('/api/v1/officer/risk-exchange/partners', { token, signal }),
  });
  const issue = useMutation({
    mutationFn: () =>
      api<Issued>('/api/v1/officer/risk-exchange/party-notices', {
        token,
        body: {
          role,
          key: partyKey,
          category,
          ...(offence ? { offence } : {}),
          text: { en: textEn, ...(textKo.trim() ? { ko: textKo } : {}) },
          validUntil,
          ...(country ? { country } : {}),
          ...(recipient ? { recipient } : {}),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['party-notices'] }),
  });
  const issued = issue.data;
  const maxDays = partners.data?.noticeMaxValidDays;
  const url = useJsonDownload(issued?.message);

  if (!(EXCHANGE_PARTY_ROLES as readonly string[]).includes(role)) return null; // consignees and brokers are never named to partners
  const title = <h2 className="card-title">{t('notice.title')}</h2>;
  if (found < 1)
    return (
      <section className="card" aria-label={t('notice.title')}>
        {title}
        <p className="small muted" data-testid="notice-no-findings">
          {t('notice.noFindings')}
        </p>
      </section>
    );
  // A check of the use case says why in its field error's own text; a schema error, in the form's words for the field.
  const errors = fieldErrorsOf(issue.error, { field: noticeFieldOf, text: (x, f) => (x.kind === 'check' ? pick(x) : t(`notice.error.${f}` as MessageKey)) });
  const errorOf = (f: NoticeField) => errors[f] ?? null;
  function submit(e: FormEvent) {
    e.preventDefault();
    issue.mutate();
  }
  return (
    <section className="card" aria-label={t('notice.title')}>
      {title}
      <p className="small muted">{t('notice.lead', { n: num(found) })}</p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('notice.title')}>
        <div className="row">
          <Field label={t('notice.category')}>
            {(p) => (
              <select {...p} name="category" value={category} onChange={(e) => setCategory(e.target.value as OffenceCategory)}>
                {OFFENCE_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`exchange.category.${c}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('notice.offence')} optional>
            {(p) => (
              <select {...p} name="offence" value={offence} onChange={(e) => setOffence(e.target.value as Offence | '')}>
                <option value="">{t('notice.offenceNone')}</option>
                {OFFENCES.map((o) => (
                  <option key={o} value={o}>
                    {t(`exchange.offence.${o}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('notice.textEn')} hint={t('notice.textEnHint')} error={errorOf('textEn')}>
          {(p) => <textarea {...p} name="textEn" rows={2} maxLength={500} value={textEn} onChange={(e) => setTextEn(e.target.value)} lang="en" required />}
        </Field>
        <Field label={t('notice.textKo')} optional>
          {(p) => <textarea {...p} name="textKo" rows={2} maxLength={500} value={textKo} onChange={(e) => setTextKo(e.target.value)} lang="ko" />}
        </Field>
        <div className="row">
          <Field label={t('notice.validUntil')} hint={maxDays ? t('notice.validUntilHint', { last: date(addDays(todayInKorea(), maxDays)), days: num(maxDays) }) : null} error={errorOf('validUntil')}>
            {(p) => <input {...p} type="date" name="validUntil" min={todayInKorea()} {...(maxDays ? { max: addDays(todayInKorea(), maxDays) } : {})} value={validUntil} onChange={(e) => setValidUntil(e.target.value)} required />}
          </Field>
          <Field label={t('notice.country')} hint={t('notice.countryHint')} error={errorOf('country')} optional>
            {(p) => <input {...p} name="country" value={country} maxLength={2} autoComplete="off" onChange={(e) => setCountry(e.target.value.toUpperCase())} />}
          </Field>
        </div>
        <PartnerRecipientField partners={partners.data?.partners ?? []} value={recipient} onChange={setRecipient} />
        {issue.error && !Object.keys(errors).length ? <ErrorMessage error={issue.error} /> : null}
        <button type="submit" className="button primary" disabled={issue.isPending} data-testid="notice-issue">
          {issue.isPending ? t('state.loading') : t('notice.button')}
        </button>
      </form>
      {issued ? (
        <div className="result-stack" aria-live="polite" data-testid="notice-issued">
          <p className="alert alert-success">{t('notice.made', { id: issued.message.id, n: num(issued.message.body.evidenceCount), date: date(issued.message.body.validUntil) })}</p>
          <p className="small muted exchange-key">{t('exchange.export.signedBy', { sender: issued.message.from, keyId: issued.signingKey.keyId })}</p>
          <p>
            {url ? (
              <a href={url} download={`${issued.message.id}.json`} className="button primary" data-testid="notice-download">
                {t('notice.download')}
              </a>
            ) : null}{' '}
            <Link to="/officer/risk/exchange?tab=notices">{t('notice.sent')}</Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
