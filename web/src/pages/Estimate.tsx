// Tax estimator (public): the consumer describes one purchase; the server runs the clearance
// engine (POST /api/v1/estimate) and the page shows the route, every tax with its formula,
// the reasons in plain language and what to do.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, type EstimateRequest, type EstimateResponse, type EstimatorOptions, type Reason, type UnitMeasure } from '../api.ts';
import { commaMisplaced, currencyMarked, numberOrUndefined } from '../amount.ts';
import { fieldErrorsOf, type FieldIssue } from '../field-errors.ts';
import { groupReasons } from '../reason-groups.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { plainCategoryName } from '../../../src/domain/category-name.ts';
import { ErrorMessage, Field, Loading, PageHeader, ReasonList, RouteBadge, TaxTable } from '../components/ui.tsx';
import type { Bilingual } from '../../../src/domain/bilingual.ts';

const COMMON_COUNTRIES = ['US', 'CN', 'JP', 'HK', 'DE', 'GB', 'FR', 'IT', 'VN', 'AU', 'CA'];
const COMMON_CURRENCIES = ['USD', 'CNY', 'JPY', 'EUR', 'GBP', 'HKD'];
const VOLUME_CATEGORIES = /^(perfume|liquor-)/;
const VOLUME_HS = /^(3303|220[3-8])/;

const FIELD_LABEL: Record<string, MessageKey> = {
  category: 'estimate.category',
  hsCode: 'estimate.hsCode',
  description: 'estimate.description',
  price: 'estimate.price',
  currency: 'estimate.currency',
  quantity: 'estimate.quantity',
  weightKg: 'estimate.weight',
  volumeMl: 'estimate.volume',
  weightG: 'estimate.unitWeight',
  alcoholPercent: 'estimate.alcohol',
  shipFrom: 'estimate.shipFrom',
  originCountry: 'estimate.origin',
  mode: 'estimate.mode',
};

interface FormState {
  by: 'category' | 'hs';
  category: string;
  hsCode: string;
  description: string;
  price: string;
  currency: string;
  quantity: string;
  shipFrom: string;
  originCountry: string;
  mode: 'express' | 'postal' | 'cargo';
  weightKg: string;
  volumeMl: string;
  weightG: string;
  alcoholPercent: string;
}

const INITIAL: FormState = {
  by: 'category',
  category: '',
  hsCode: '',
  description: '',
  price: '',
  currency: 'USD',
  quantity: '1',
  shipFrom: 'US',
  originCountry: '',
  mode: 'express',
  weightKg: '',
  volumeMl: '',
  weightG: '',
  alcoholPercent: '',
};


export function Estimate() {
  const { t, lang, pick, num } = useI18n();
  const options = useQuery({ queryKey: ['estimator-options'], queryFn: ({ signal }) => api<EstimatorOptions>('/api/v1/reference/estimator', { signal }), staleTime: 300_000 });
  const [form, setForm] = useState<FormState>(INITIAL);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const estimate = useMutation({ mutationFn: (body: EstimateRequest) => api<EstimateResponse>('/api/v1/estimate', { body }) });

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const categories = useMemo(() => {
    const list = options.data?.categories ?? [];
    return [...list].sort((a, b) => (lang === 'ko' ? a.ko.localeCompare(b.ko, 'ko') : a.en.localeCompare(b.en, 'en')));
  }, [options.data, lang]);
  const countries = useMemo(() => {
    const list = options.data?.countries ?? [];
    const name = (c: Bilingual) => (lang === 'ko' ? c.ko : c.en);
    const common = COMMON_COUNTRIES.map((code) => list.find((c) => c.code === code)).filter((c): c is NonNullable<typeof c> => !!c);
    const rest = list.filter((c) => !COMMON_COUNTRIES.includes(c.code)).sort((a, b) => name(a).localeCompare(name(b), lang));
    return { common, rest, name };
  }, [options.data, lang]);
  const currencies = useMemo(() => {
    const list = options.data?.currencies ?? [];
    const common = COMMON_CURRENCIES.map((code) => list.find((c) => c.code === code)).filter((c): c is NonNullable<typeof c> => !!c);
    return [...common, ...list.filter((c) => !COMMON_CURRENCIES.includes(c.code))];
  }, [options.data]);

  // The measures of one unit the item's self-use limits count (the server's data: ginseng by weight,
  // perfume by volume), and any the last estimate of this same item said it assumed (a keyword in
  // the description, 녹용): asked for where the engine would otherwise assume them.
  const hsDigits = form.hsCode.replace(/\D/g, '');
  const sameItem = form.by === 'category' ? estimate.variables?.category === form.category : !!hsDigits && estimate.variables?.hsCode === hsDigits;
  const assumed = new Set(sameItem ? (estimate.data?.assumptions.map((x) => x.field) ?? []) : []);
  const chosen = options.data?.categories.find((c) => c.code === form.category);
  const measured = (m: UnitMeasure) =>
    assumed.has(m) || (form.by === 'category' ? !!chosen?.measures.includes(m) : !!options.data?.measuredHs.some((h) => h.measure === m && hsDigits.startsWith(h.prefix)));
  const needsVolume = measured('volumeMl') || (form.by === 'category' ? VOLUME_CATEGORIES.test(form.category) : VOLUME_HS.test(hsDigits));
  const needsWeight = measured('weightG');
  const isLiquor = form.by === 'category' ? form.category.startsWith('liquor-') : /^220[3-8]/.test(form.hsCode.replace(/\D/g, ''));

  const serverErrors: Record<string, string> = {};
  if (estimate.data) for (const e of estimate.data.fieldErrors) serverErrors[e.field] ??= pick(e);
  // A refused request: each field error's text beside the field it names; a range in the form's
  // words, its limit with thousands separators ("1,000,000,000 이하"), not the schema's "(<= 1000000000)".
  const refusedText = (issue: FieldIssue) =>
    issue.code === 'value_out_of_range' && typeof issue.params?.limit === 'number' && String(issue.params.comparison).startsWith('<')
      ? t('estimate.error.max', { max: num(issue.params.limit) })
      : pick(issue);
  const refused = fieldErrorsOf(estimate.error, { field: (name) => name, text: refusedText });
  for (const [field, text] of Object.entries(refused)) if (text) serverErrors[field] ??= text;
  const errorOf = (field: string) => localErrors[field] ?? serverErrors[field] ?? null;

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const price = numberOrUndefined(form.price);
    const quantity = numberOrUndefined(form.quantity);
    const weightKg = numberOrUndefined(form.weightKg);
    const volumeMl = numberOrUndefined(form.volumeMl);
    const weightG = numberOrUndefined(form.weightG);
    const alcoholPercent = numberOrUndefined(form.alcoholPercent);
    if (form.by === 'category' && !form.category) errors.category = t('estimate.error.category');
    if (form.by === 'hs' && !/^\d{2,10}$/.test(form.hsCode.replace(/[.\-\s]/g, ''))) errors.hsCode = t('estimate.error.hs');
    // A decimal comma (420,00; 1,5 kg) is refused with its own words, not read as 42000 or 15 kg.
    const numberError = (typed: string, key: MessageKey) => (commaMisplaced(typed) ? t('estimate.error.comma') : t(key));
    // A price pasted from the order with its currency ($180, 180 USD) is told to leave the sign out: the currency has its own field.
    if (price === undefined || Number.isNaN(price) || price < 0) errors.price = currencyMarked(form.price) ? t('estimate.error.currencySign') : numberError(form.price, 'estimate.error.price');
    if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) errors.quantity = t('estimate.error.quantity');
    if (weightKg !== undefined && (Number.isNaN(weightKg) || weightKg <= 0)) errors.weightKg = numberError(form.weightKg, 'estimate.error.positive');
    if (volumeMl !== undefined && (Number.isNaN(volumeMl) || volumeMl <= 0)) errors.volumeMl = numberError(form.volumeMl, 'estimate.error.positive');
    if (needsWeight && weightG !== undefined && (Number.isNaN(weightG) || weightG <= 0)) errors.weightG = numberError(form.weightG, 'estimate.error.positive');
    if (alcoholPercent !== undefined && (Number.isNaN(alcoholPercent) || alcoholPercent < 0 || alcoholPercent > 100)) errors.alcoholPercent = numberError(form.alcoholPercent, 'estimate.error.percent');
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      const first = Object.keys(errors)[0]!;
      document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const body: EstimateRequest = { price: price!, currency: form.currency, quantity: quantity!, shipFrom: form.shipFrom, mode: form.mode };
    if (form.by === 'category') body.category = form.category;
    else body.hsCode = form.hsCode.replace(/[.\-\s]/g, '');
    if (form.description.trim()) body.description = form.description.trim();
    if (form.originCountry) body.originCountry = form.originCountry;
    if (weightKg !== undefined) body.weightKg = weightKg;
    if (needsVolume && volumeMl !== undefined) body.volumeMl = volumeMl;
    if (needsWeight && weightG !== undefined) body.weightG = weightG;
    if (isLiquor && alcoholPercent !== undefined) body.alcoholPercent = alcoholPercent;
    estimate.mutate(body, {
      // A refusal naming a field takes the focus there, as the form's own checks do.
      onError: (error) => {
        const first = Object.keys(fieldErrorsOf(error, { field: (name) => name, text: () => '' }))[0];
        if (first) document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      },
    });
  }

  const countryOptions = (
    <>
      <optgroup label={t('estimate.commonCountries')}>
        {countries.common.map((c) => (
          <option key={c.code} value={c.code}>
            {countries.name(c)} ({c.code})
          </option>
        ))}
      </optgroup>
      <optgroup label={t('estimate.allCountries')}>
        {countries.rest.map((c) => (
          <option key={c.code} value={c.code}>
            {countries.name(c)} ({c.code})
          </option>
        ))}
      </optgroup>
    </>
  );

  return (
    <>
      <PageHeader title={t('estimate.title')} lead={t('estimate.lead')} />
      {options.isPending ? <Loading /> : null}
      {options.error ? <ErrorMessage error={options.error} onRetry={() => options.refetch()} /> : null}
      {options.data ? (
        <div className="estimate-layout">
          <form className="card form" onSubmit={submit} noValidate aria-labelledby="estimate-form-title">
            <h2 id="estimate-form-title" className="card-title">
              {t('estimate.formTitle')}
            </h2>
            <fieldset className="segmented">
              <legend>{t('estimate.by')}</legend>
              <label>
                <input type="radio" name="by" value="category" checked={form.by === 'category'} onChange={() => set('by', 'category')} />
                <span>{t('estimate.byCategory')}</span>
              </label>
              <label>
                <input type="radio" name="by" value="hs" checked={form.by === 'hs'} onChange={() => set('by', 'hs')} />
                <span>{t('estimate.byHs')}</span>
              </label>
            </fieldset>
            {form.by === 'category' ? (
              <Field label={t('estimate.category')} error={errorOf('category')}>
                {(p) => (
                  <select {...p} name="category" value={form.category} onChange={(e) => set('category', e.target.value)} required>
                    <option value="">{t('estimate.choose')}</option>
                    {categories.map((c) => (
                      <option key={c.code} value={c.code}>
                        {lang === 'ko' ? c.ko : plainCategoryName(c.en)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <Field label={t('estimate.hsCode')} hint={t('estimate.hsHint')} error={errorOf('hsCode')}>
                {(p) => <input {...p} name="hsCode" inputMode="numeric" autoComplete="off" value={form.hsCode} onChange={(e) => set('hsCode', e.target.value)} placeholder="6404.19" />}
              </Field>
            )}
            <Field label={t('estimate.description')} hint={t('estimate.descriptionHint')} optional error={errorOf('description')}>
              {(p) => <input {...p} name="description" value={form.description} onChange={(e) => set('description', e.target.value)} maxLength={300} />}
            </Field>
            <div className="row">
              <Field label={t('estimate.price')} hint={t('estimate.priceHint')} error={errorOf('price')}>
                {(p) => <input {...p} name="price" inputMode="decimal" autoComplete="off" value={form.price} onChange={(e) => set('price', e.target.value)} required />}
              </Field>
              <Field label={t('estimate.currency')} error={errorOf('currency')}>
                {(p) => (
                  <select {...p} name="currency" value={form.currency} onChange={(e) => set('currency', e.target.value)}>
                    {currencies.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.code} · {lang === 'ko' ? c.ko : c.en}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div className="row">
              <Field label={t('estimate.quantity')} error={errorOf('quantity')}>
                {(p) => <input {...p} name="quantity" inputMode="numeric" value={form.quantity} onChange={(e) => set('quantity', e.target.value)} required />}
              </Field>
              <Field label={t('estimate.weight')} hint={t('estimate.weightHint')} optional error={errorOf('weightKg')}>
                {(p) => <input {...p} name="weightKg" inputMode="decimal" value={form.weightKg} onChange={(e) => set('weightKg', e.target.value)} />}
              </Field>
            </div>
            {needsVolume || needsWeight ? (
              <div className="row">
                {needsWeight ? (
                  <Field label={t('estimate.unitWeight')} hint={t('estimate.unitWeightHint')} optional error={errorOf('weightG')}>
                    {(p) => <input {...p} name="weightG" inputMode="decimal" value={form.weightG} onChange={(e) => set('weightG', e.target.value)} />}
                  </Field>
                ) : null}
                {needsVolume ? (
                  <Field label={t('estimate.volume')} hint={t('estimate.volumeHint')} optional error={errorOf('volumeMl')}>
                    {(p) => <input {...p} name="volumeMl" inputMode="decimal" value={form.volumeMl} onChange={(e) => set('volumeMl', e.target.value)} />}
                  </Field>
                ) : null}
                {isLiquor ? (
                  <Field label={t('estimate.alcohol')} optional error={errorOf('alcoholPercent')}>
                    {(p) => <input {...p} name="alcoholPercent" inputMode="decimal" value={form.alcoholPercent} onChange={(e) => set('alcoholPercent', e.target.value)} />}
                  </Field>
                ) : null}
              </div>
            ) : null}
            <Field label={t('estimate.shipFrom')} error={errorOf('shipFrom')}>
              {(p) => (
                <select {...p} name="shipFrom" value={form.shipFrom} onChange={(e) => set('shipFrom', e.target.value)}>
                  {countryOptions}
                </select>
              )}
            </Field>
            <fieldset className="segmented">
              <legend>{t('estimate.mode')}</legend>
              {(['express', 'postal', 'cargo'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name="mode" value={m} checked={form.mode === m} onChange={() => set('mode', m)} />
                  <span>{t(`mode.${m}`)}</span>
                </label>
              ))}
            </fieldset>
            <details className="more">
              <summary>{t('estimate.more')}</summary>
              <Field label={t('estimate.origin')} hint={t('estimate.originHint')} optional error={errorOf('originCountry')}>
                {(p) => (
                  <select {...p} name="originCountry" value={form.originCountry} onChange={(e) => set('originCountry', e.target.value)}>
                    <option value="">{t('estimate.sameAsShipFrom')}</option>
                    {countryOptions}
                  </select>
                )}
              </Field>
            </details>
            <button type="submit" className="button primary block" disabled={estimate.isPending}>
              {estimate.isPending ? t('state.calculating') : t('estimate.submit')}
            </button>
            <p className="muted small">
              {t('estimate.fxNote', { week: options.data.fxWeek ?? '—' })}
              {options.data.currencies.find((c) => c.code === form.currency)?.placeholder ? ` ${t('estimate.fxPlaceholder')}` : ''}
            </p>
          </form>
          <section className="estimate-result" aria-live="polite">
            {estimate.isPending ? <Loading label={t('state.calculating')} /> : null}
            {/* Said beside the fields it names; as a whole only when it names none ("request format invalid" told a buyer nothing). */}
            {estimate.error && !Object.keys(refused).length ? <ErrorMessage error={estimate.error} /> : null}
            {estimate.data ? <EstimateResult result={estimate.data} /> : null}
          </section>
        </div>
      ) : null}
    </>
  );
}

function EstimateResult({ result }: { result: EstimateResponse }) {
  const { t, krw, usd, num, pick } = useI18n();
  const a = result.assessment;
  // Focus moves to each new result once it is on the page (screen readers read it from there); a
  // frame requested at the mutation's success could run before React drew the result, leaving the
  // focus on the form.
  useEffect(() => document.getElementById('estimate-result')?.focus(), [result]);
  if (a.status === 'rejected') {
    return (
      <div id="estimate-result" tabIndex={-1} className="card">
        <h2 className="card-title">{t('estimate.rejectedTitle')}</h2>
        <ul className="error-list" role="alert">
          {result.fieldErrors.map((e, i) => (
            <li key={i}>
              <strong>{FIELD_LABEL[e.field] ? t(FIELD_LABEL[e.field]!) : e.field}</strong>: {pick(e)}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const taxes = a.taxes!;
  const grouped = groupReasons(a.reasons);
  const { outcome, calculation } = grouped;
  // The basis of the estimate: the general rates, and for a taxed postal parcel the 간이세율 the post office
  // may apply instead (POSTAL_SIMPLIFIED_RATE, unverified figures), said under the table rather than among the reasons why.
  const simplified = grouped.why.find((r) => r.code === 'POSTAL_SIMPLIFIED_RATE') ?? null;
  const why = simplified ? grouped.why.filter((r) => r !== simplified) : grouped.why;
  const next: Reason[] = result.nextSteps;
  const due = taxes.collected ? taxes.totalKrw : 0;
  const threshold = a.deMinimis.thresholdUsd;
  const without = a.taxesWithoutExemption;
  // The duty-free limit as the engine's reasons beside it write it ('USD 150', '미화 150달러'): without
  // cents unless it has them; amounts (the goods value, the headroom) keep theirs ('USD 32.50').
  const limitText = (x: number) => `USD ${num(x, 2)}`;

  return (
    <div id="estimate-result" tabIndex={-1} className="result-stack">
      <div className={`card summary summary-${a.route}`}>
        <p className="summary-label">{t('estimate.expected')}</p>
        <p className="summary-amount" data-testid="estimate-total">
          {krw(due)}
        </p>
        <p className="summary-route">
          <RouteBadge route={a.route} /> {a.deMinimis.exempt ? <span className="badge badge-success">{t('estimate.exempt')}</span> : null}
          {!taxes.collected && taxes.totalKrw > 0 ? <span className="badge badge-neutral">{t('estimate.notCollected')}</span> : null}
        </p>
        <p className="summary-value">
          {t('estimate.goodsValue')}: {a.goodsValueUsd !== null ? usd(a.goodsValueUsd) : '—'}
          {a.valuation ? ` · ${krw(a.valuation.goodsValueKrw)}` : ''}
          {threshold !== null ? ` · ${t('estimate.limit', { limit: limitText(threshold) })}` : ''}
        </p>
        {result.fxPlaceholder ? (
          <p className="small" data-testid="estimate-fx-placeholder">
            {t('estimate.fxPlaceholder')}
          </p>
        ) : null}
        <ReasonList reasons={outcome} showRef={false} />
      </div>

      <div className="card advice">
        <h2 className="card-title">{t('estimate.whatToDo')}</h2>
        <ul className="advice-list">
          {result.headroomUsd !== null && threshold !== null ? (
            result.headroomUsd >= 0 ? (
              <li data-testid="advice-headroom">
                {t('estimate.headroomUnder', { limit: limitText(threshold), headroom: usd(result.headroomUsd) })}
                {without && without.collected ? ` ${t('estimate.overWouldBe', { limit: limitText(threshold), amount: krw(without.totalKrw) })}` : ''}
              </li>
            ) : (
              <li data-testid="advice-headroom">{t('estimate.headroomOver', { limit: limitText(threshold), over: usd(-result.headroomUsd), amount: krw(due) })}</li>
            )
          ) : null}
          {next.map((r, i) => (
            <li key={i}>{pick(r)}</li>
          ))}
          <li>{t('estimate.combineWarning')}</li>
        </ul>
      </div>

      <div className="card">
        <h2 className="card-title">{t('estimate.taxes')}</h2>
        <TaxTable taxes={taxes} caption={a.deMinimis.exempt ? t('estimate.taxesExemptCaption') : t('estimate.taxesCaption')} />
        {a.deMinimis.exempt && without ? (
          <>
            <TaxTable taxes={without} caption={t('estimate.withoutExemptionCaption', { limit: threshold !== null ? limitText(threshold) : '' })} />
            {/* The reasons below give each tax to the won (VAT 30,006); this table, as a notice would, to 10 won (30,000).
                A taxed parcel's TAX_TOTAL reason says so; an exempt one's has nothing owed to say it of. */}
            <p className="small muted" data-testid="without-exemption-rounding">
              {t('estimate.withoutExemptionRounding')}
            </p>
          </>
        ) : null}
        {due > 0 || simplified ? (
          <div data-testid="estimate-basis">
            <p className="small">{t('estimate.basisGeneral')}</p>
            {simplified ? <p className="small">{pick(simplified)}</p> : null}
          </div>
        ) : null}
        <h3>{t('estimate.calculation')}</h3>
        <ReasonList reasons={calculation} />
      </div>

      {why.length ? (
        <div className="card">
          <h2 className="card-title">{t('estimate.why')}</h2>
          <ReasonList reasons={why} />
        </div>
      ) : null}

      {result.assumptions.length ? (
        <div className="card muted-card">
          <h2 className="card-title">{t('estimate.assumptions')}</h2>
          <ul>
            {result.assumptions.map((x) => (
              <li key={x.field}>{pick(x)}</li>
            ))}
          </ul>
          <p className="small muted">{t('estimate.disclaimer')}</p>
        </div>
      ) : null}
    </div>
  );
}
