// Tracking (public): by cargo management number (화물관리번호) or by house/master B/L + year.
// The query lives in the URL (?cargoNo=… or ?hblNo=…&blYear=…) so a result can be shared.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type LookupView } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Empty, ErrorMessage, Field, Loading, PageHeader } from '../components/ui.tsx';
import { consultLink, LookupCard, nextStepsOfView, payLink } from '../components/LookupCard.tsx';

type By = 'cargo' | 'bl';

export function Track() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const cargoNo = params.get('cargoNo') ?? '';
  const blNo = params.get('hblNo') ?? params.get('mblNo') ?? '';
  const blKind = params.get('mblNo') ? 'mbl' : 'hbl';
  const blYear = params.get('blYear') ?? '';
  const [by, setBy] = useState<By>(blNo ? 'bl' : 'cargo');
  const [draft, setDraft] = useState({ cargoNo, blNo, blKind, blYear: blYear || String(new Date().getFullYear()) });
  const [error, setError] = useState<Record<string, string>>({});

  const active = cargoNo ? 'cargo' : blNo && blYear ? 'bl' : null;
  const otherKind = blKind === 'mbl' ? 'hbl' : 'mbl';
  const result = useQuery({
    queryKey: ['lookup', active, cargoNo, blKind, blNo, blYear],
    enabled: active !== null,
    queryFn: async ({ signal }) => {
      if (active === 'cargo') return { results: [await api<LookupView>(`/api/v1/lookup/cargo/${encodeURIComponent(cargoNo)}`, { signal })], truncated: false };
      const q = new URLSearchParams({ [blKind === 'mbl' ? 'mblNo' : 'hblNo']: blNo, blYear });
      // A consolidated master B/L may hold more than the lookup answers (truncated): say so.
      return api<{ results: LookupView[]; truncated: boolean }>(`/api/v1/lookup/bl?${q}`, { signal });
    },
  });

  // An unknown number is an answer, not a failure: say what to check instead of offering a retry.
  const notFound = result.error instanceof ApiError && result.error.code === 'CARGO_NOT_FOUND';

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (by === 'cargo') {
      const v = draft.cargoNo.trim().replace(/[\s-]/g, '');
      // Nothing typed: where to find the number, not a rule about its length.
      if (!v) errs.cargoNo = t('track.error.cargoNoEmpty');
      else if (v.length < 15) errs.cargoNo = t('track.error.cargoNo');
      setError(errs);
      if (!Object.keys(errs).length) setParams({ cargoNo: v });
    } else {
      const v = draft.blNo.trim().replace(/\s/g, '');
      if (!v) errs.blNo = t('track.error.blNo');
      if (!/^\d{4}$/.test(draft.blYear)) errs.blYear = t('track.error.blYear');
      setError(errs);
      if (!Object.keys(errs).length) setParams({ [draft.blKind === 'mbl' ? 'mblNo' : 'hblNo']: v, blYear: draft.blYear });
    }
    if (Object.keys(errs).length) {
      // The result on screen answered the number asked before; beside an error about this one it reads as this one's answer.
      if (active) setParams({});
      document.querySelector<HTMLElement>(`[name="${Object.keys(errs)[0]}"]`)?.focus();
    }
  }

  return (
    <>
      <PageHeader title={t('track.title')} lead={t('track.lead')} />
      <form className="card form" onSubmit={submit} noValidate aria-label={t('track.formLabel')}>
        <fieldset className="segmented">
          <legend>{t('track.by')}</legend>
          <label>
            <input type="radio" name="by" checked={by === 'cargo'} onChange={() => setBy('cargo')} />
            <span>{t('track.byCargo')}</span>
          </label>
          <label>
            <input type="radio" name="by" checked={by === 'bl'} onChange={() => setBy('bl')} />
            <span>{t('track.byBl')}</span>
          </label>
        </fieldset>
        {by === 'cargo' ? (
          <Field label={t('track.cargoNo')} hint={t('track.cargoHint')} error={error.cargoNo ?? null}>
            {(p) => (
              <input {...p} name="cargoNo" autoComplete="off" autoCapitalize="characters" spellCheck={false} value={draft.cargoNo} onChange={(e) => setDraft({ ...draft, cargoNo: e.target.value })} />
            )}
          </Field>
        ) : (
          <>
            <fieldset className="segmented small-seg">
              <legend>{t('track.blKind')}</legend>
              <label>
                <input type="radio" name="blKind" checked={draft.blKind === 'hbl'} onChange={() => setDraft({ ...draft, blKind: 'hbl' })} />
                <span>{t('track.hbl')}</span>
              </label>
              <label>
                <input type="radio" name="blKind" checked={draft.blKind === 'mbl'} onChange={() => setDraft({ ...draft, blKind: 'mbl' })} />
                <span>{t('track.mbl')}</span>
              </label>
            </fieldset>
            <div className="row">
              <Field label={t('track.blNo')} hint={t('track.blHint')} error={error.blNo ?? null}>
                {(p) => <input {...p} name="blNo" autoComplete="off" autoCapitalize="characters" spellCheck={false} value={draft.blNo} onChange={(e) => setDraft({ ...draft, blNo: e.target.value })} />}
              </Field>
              <Field label={t('track.blYear')} hint={t('track.blYearHint')} error={error.blYear ?? null} width="narrow">
                {(p) => <input {...p} name="blYear" inputMode="numeric" maxLength={4} value={draft.blYear} onChange={(e) => setDraft({ ...draft, blYear: e.target.value })} />}
              </Field>
            </div>
          </>
        )}
        <button type="submit" className="button primary block">
          {t('track.submit')}
        </button>
      </form>
      <section aria-live="polite" className="result-stack">
        {result.isFetching ? <Loading /> : null}
        {notFound ? (
          <Empty>
            <span data-testid="track-none">{t('track.notFound')}</span>
          </Empty>
        ) : result.error ? (
          <ErrorMessage error={result.error} onRetry={() => result.refetch()} />
        ) : null}
        {result.data && !result.isFetching ? (
          result.data.results.length === 0 ? (
            <Empty>
              {active === 'bl' ? (
                // A number asked as the wrong kind of B/L (a master number as a house one) finds nothing: say which
                // kind was asked, and offer the other, whose number it may be.
                <>
                  <span data-testid="track-none">{t('track.noneAsKind', { kind: t(blKind === 'mbl' ? 'track.mbl' : 'track.hbl'), no: blNo, year: blYear, other: t(otherKind === 'mbl' ? 'track.mbl' : 'track.hbl') })}</span>{' '}
                  <button
                    type="button"
                    className="button secondary"
                    data-testid="track-other-kind"
                    onClick={() => {
                      setDraft({ ...draft, blNo, blYear, blKind: otherKind });
                      setParams({ [otherKind === 'mbl' ? 'mblNo' : 'hblNo']: blNo, blYear });
                    }}
                  >
                    {t('track.tryOther', { other: t(otherKind === 'mbl' ? 'track.mbl' : 'track.hbl') })}
                  </button>
                </>
              ) : (
                <span data-testid="track-none">{t('track.none')}</span>
              )}
            </Empty>
          ) : (
            result.data.results.map((v) => {
              // The steps the next action names, as /me offers them (nextStepsOfView): a taxed parcel
              // an officer held offers to pay and to ask about the hold, not only the latter.
              const steps = nextStepsOfView(v);
              return (
                <LookupCard
                  key={v.cargoNo}
                  view={v}
                  actions={
                    steps.length ? (
                      <>
                        {steps.includes('pay') ? (
                          // The next step says to pay: the way to pay (the consumer's own notices, after
                          // verifying), where before the page ended at "pay within 15 days".
                          <>
                            <Link to={payLink(v.cargoNo)} className="button primary" data-testid="pay-about">
                              {t('track.pay')}
                            </Link>
                            <p className="small muted">{t('track.payHint')}</p>
                          </>
                        ) : null}
                        {steps.includes('consult') ? (
                          <>
                            <Link to={consultLink(v.cargoNo, v.status)} className="button secondary" data-testid="consult-about">
                              {t('track.consult')}
                            </Link>
                            <p className="small muted">{t('track.consultHint')}</p>
                          </>
                        ) : null}
                      </>
                    ) : null
                  }
                />
              );
            })
          )
        ) : null}
        {result.data?.truncated && !result.isFetching ? (
          <p className="alert alert-warning" data-testid="track-truncated">
            {t('track.truncated', { n: result.data.results.length })}
          </p>
        ) : null}
      </section>
    </>
  );
}
