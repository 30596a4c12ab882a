// Tax estimator (public): the consumer describes a purchase — one item, or an order of several
// shipped in one parcel — and the server runs the clearance engine (POST /api/v1/estimate); the
// page shows the route, every tax with its formula, each item's duty line, the reasons in plain
// language and what to do.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, type EstimateItem, type EstimateRequest, type EstimateResponse, type EstimatorOptions, type Reason, type UnitMeasure } from '../api.ts';
import { commaMisplaced, currencyMarked, numberOrUndefined } from '../amount.ts';
import { fieldIssuesOf, type FieldIssue } from '../field-errors.ts';
import { groupReasons } from '../reason-groups.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { plainCategoryName } from '../../../src/domain/category-name.ts';
import { ErrorMessage, Field, Loading, PageHeader, ReasonList, RouteBadge, TableScroll, TaxTable } from '../components/ui.tsx';
import type { Bilingual } from '../../../src/domain/bilingual.ts';

const COMMON_COUNTRIES = ['US', 'CN', 'JP', 'HK', 'DE', 'GB', 'FR', 'IT', 'VN', 'AU', 'CA'];
// The won after the dollar: Korean-facing sites (AliExpress, Coupang's overseas goods) charge in KRW.
const COMMON_CURRENCIES = ['USD', 'KRW', 'CNY', 'JPY', 'EUR', 'GBP', 'HKD'];
const VOLUME_CATEGORIES = /^(perfume|liquor-)/;
const VOLUME_HS = /^(3303|220[3-8])/;
/** As many items as the API takes in one estimate (src/http/routes/estimate.ts MAX_ESTIMATE_ITEMS). */
const MAX_ITEMS = 20;

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

/** One row of the form: one item of the order. */
interface ItemState {
  /** The row's own key: rows come and go, their positions shift. */
  id: number;
  by: 'category' | 'hs';
  category: string;
  hsCode: string;
  description: string;
  price: string;
  quantity: string;
  volumeMl: string;
  weightG: string;
  alcoholPercent: string;
}

/** What the parcel's items share: the shop's currency, where it ships from, how, the box's weight. */
interface ParcelState {
  currency: string;
  shipFrom: string;
  originCountry: string;
  mode: 'express' | 'postal' | 'cargo';
  weightKg: string;
}

let nextItemId = 1;
const newItem = (): ItemState => ({ id: nextItemId++, by: 'category', category: '', hsCode: '', description: '', price: '', quantity: '1', volumeMl: '', weightG: '', alcoholPercent: '' });

const INITIAL_PARCEL: ParcelState = { currency: 'USD', shipFrom: 'US', originCountry: '', mode: 'express', weightKg: '' };

/** A request field's words: "가격", or of an item of several "품목 2의 가격". */
function useFieldLabel() {
  const { t } = useI18n();
  return (field: string) => {
    const row = /^items\[(\d+)\]\.(\w+)$/.exec(field);
    const key = FIELD_LABEL[row ? row[2]! : field];
    if (!key) return field;
    return row ? t('estimate.itemField', { n: Number(row[1]) + 1, field: t(key) }) : t(key);
  };
}

export function Estimate() {
  const { t, lang, pick, num } = useI18n();
  const options = useQuery({ queryKey: ['estimator-options'], queryFn: ({ signal }) => api<EstimatorOptions>('/api/v1/reference/estimator', { signal }), staleTime: 300_000 });
  const [items, setItems] = useState<ItemState[]>(() => [newItem()]);
  const [parcel, setParcel] = useState<ParcelState>(INITIAL_PARCEL);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const estimate = useMutation({ mutationFn: (body: EstimateRequest) => api<EstimateResponse>('/api/v1/estimate', { body }) });
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfterAdd = useRef<number | null>(null);

  // One item: the flat form, its fields named as today (price); several: each row's as the API names them (items[1].price).
  const several = items.length > 1;
  const nameOf = (i: number, field: string) => (several ? `items[${i}].${field}` : field);
  const setItem = <K extends keyof ItemState>(i: number, key: K, value: ItemState[K]) => setItems((list) => list.map((it, k) => (k === i ? { ...it, [key]: value } : it)));
  const setP = <K extends keyof ParcelState>(key: K, value: ParcelState[K]) => setParcel((p) => ({ ...p, [key]: value }));

  // A new row takes the focus at its first control, once it is on the page.
  useEffect(() => {
    if (focusAfterAdd.current === null) return;
    const i = focusAfterAdd.current;
    focusAfterAdd.current = null;
    document.querySelector<HTMLElement>(`[name="items[${i}].by"]:checked`)?.focus();
  }, [items.length]);

  function addItem() {
    if (items.length >= MAX_ITEMS) return;
    focusAfterAdd.current = items.length;
    setItems((list) => [...list, newItem()]);
    setLocalErrors({});
  }
  function removeItem(i: number) {
    setItems((list) => list.filter((_, k) => k !== i));
    setLocalErrors({});
    // Errors of the last estimate name rows by position: after a removal they would point at the wrong row.
    if (estimate.error || estimate.data?.fieldErrors.length) estimate.reset();
    requestAnimationFrame(() => addButton.current?.focus());
  }

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

  // The measures of one unit a row's self-use limits count (the server's data: ginseng by weight,
  // perfume by volume), and any the last estimate of this same item said it assumed (a keyword in
  // the description, 녹용): asked for where the engine would otherwise assume them.
  const sent = estimate.variables;
  const sentItem = (i: number): Partial<EstimateItem> | undefined => (sent?.items ? sent.items[i] : i === 0 ? sent : undefined);
  function needsOf(item: ItemState, i: number) {
    const hsDigits = item.hsCode.replace(/\D/g, '');
    const before = sentItem(i);
    const sameItem = item.by === 'category' ? before?.category === item.category : !!hsDigits && before?.hsCode === hsDigits;
    const prefix = sent?.items ? `items[${i}].` : '';
    const assumed = new Set(sameItem ? (estimate.data?.assumptions.map((x) => x.field) ?? []) : []);
    const chosen = options.data?.categories.find((c) => c.code === item.category);
    const measured = (m: UnitMeasure) =>
      assumed.has(prefix + m) || (item.by === 'category' ? !!chosen?.measures.includes(m) : !!options.data?.measuredHs.some((h) => h.measure === m && hsDigits.startsWith(h.prefix)));
    return {
      volume: measured('volumeMl') || (item.by === 'category' ? VOLUME_CATEGORIES.test(item.category) : VOLUME_HS.test(hsDigits)),
      weight: measured('weightG'),
      liquor: item.by === 'category' ? item.category.startsWith('liquor-') : /^220[3-8]/.test(hsDigits),
    };
  }

  const serverErrors: Record<string, string> = {};
  if (estimate.data) for (const e of estimate.data.fieldErrors) serverErrors[e.field] ??= pick(e);
  // A refused request: each field error's text beside the field it names (price, or a row's items[1].price);
  // a range in the form's words, its limit with thousands separators ("1,000,000,000 이하"), not the schema's "(<= 1000000000)".
  const refusedText = (issue: FieldIssue) =>
    issue.code === 'value_out_of_range' && typeof issue.params?.limit === 'number' && String(issue.params.comparison).startsWith('<')
      ? t('estimate.error.max', { max: num(issue.params.limit) })
      : pick(issue);
  const refused: Record<string, string> = {};
  for (const issue of fieldIssuesOf(estimate.error)) refused[issue.path] ??= refusedText(issue);
  for (const [field, text] of Object.entries(refused)) serverErrors[field] ??= text;
  const errorOf = (field: string) => localErrors[field] ?? serverErrors[field] ?? null;
  const focusField = (name: string) => document.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    // A decimal comma (420,00; 1,5 kg) is refused with its own words, not read as 42000 or 15 kg.
    const numberError = (typed: string, key: MessageKey) => (commaMisplaced(typed) ? t('estimate.error.comma') : t(key));
    const weightKg = numberOrUndefined(parcel.weightKg);
    const bodies = items.map((item, i): EstimateItem => {
      const name = (field: string) => nameOf(i, field);
      const needs = needsOf(item, i);
      const price = numberOrUndefined(item.price);
      const quantity = numberOrUndefined(item.quantity);
      const volumeMl = numberOrUndefined(item.volumeMl);
      const weightG = numberOrUndefined(item.weightG);
      const alcoholPercent = numberOrUndefined(item.alcoholPercent);
      if (item.by === 'category' && !item.category) errors[name('category')] = t('estimate.error.category');
      if (item.by === 'hs' && !/^\d{2,10}$/.test(item.hsCode.replace(/[.\-\s]/g, ''))) errors[name('hsCode')] = t('estimate.error.hs');
      // A price pasted from the order with its currency ($180, 180 USD) is told to leave the sign out: the currency has its own field.
      if (price === undefined || Number.isNaN(price) || price < 0) errors[name('price')] = currencyMarked(item.price) ? t('estimate.error.currencySign') : numberError(item.price, 'estimate.error.price');
      if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) errors[name('quantity')] = t('estimate.error.quantity');
      if (volumeMl !== undefined && (Number.isNaN(volumeMl) || volumeMl <= 0)) errors[name('volumeMl')] = numberError(item.volumeMl, 'estimate.error.positive');
      if (needs.weight && weightG !== undefined && (Number.isNaN(weightG) || weightG <= 0)) errors[name('weightG')] = numberError(item.weightG, 'estimate.error.positive');
      if (alcoholPercent !== undefined && (Number.isNaN(alcoholPercent) || alcoholPercent < 0 || alcoholPercent > 100)) errors[name('alcoholPercent')] = numberError(item.alcoholPercent, 'estimate.error.percent');
      const body: EstimateItem = { price: price!, quantity: quantity! };
      if (item.by === 'category') body.category = item.category;
      else body.hsCode = item.hsCode.replace(/[.\-\s]/g, '');
      if (item.description.trim()) body.description = item.description.trim();
      if (parcel.originCountry) body.originCountry = parcel.originCountry;
      if (needs.volume && volumeMl !== undefined) body.volumeMl = volumeMl;
      if (needs.weight && weightG !== undefined) body.weightG = weightG;
      if (needs.liquor && alcoholPercent !== undefined) body.alcoholPercent = alcoholPercent;
      return body;
    });
    if (weightKg !== undefined && (Number.isNaN(weightKg) || weightKg <= 0)) errors.weightKg = numberError(parcel.weightKg, 'estimate.error.positive');
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      focusField(Object.keys(errors)[0]!);
      return;
    }
    const parcelBody = { currency: parcel.currency, shipFrom: parcel.shipFrom, mode: parcel.mode, ...(weightKg !== undefined ? { weightKg } : {}) };
    // One item goes as the flat form (the API's first form); several as items[].
    const body: EstimateRequest = several ? { ...parcelBody, items: bodies } : { ...bodies[0]!, ...parcelBody };
    estimate.mutate(body, {
      // A refusal naming a field takes the focus there, as the form's own checks do.
      onError: (error) => {
        const first = fieldIssuesOf(error)[0]?.path;
        if (first) focusField(first);
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

  const currencyField = (
    <Field label={t('estimate.currency')} error={errorOf('currency')}>
      {(p) => (
        <select {...p} name="currency" value={parcel.currency} onChange={(e) => setP('currency', e.target.value)}>
          {currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} · {lang === 'ko' ? c.ko : c.en}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const weightField = (
    <Field label={t('estimate.weight')} hint={t('estimate.weightHint')} optional error={errorOf('weightKg')}>
      {(p) => <input {...p} name="weightKg" inputMode="decimal" value={parcel.weightKg} onChange={(e) => setP('weightKg', e.target.value)} />}
    </Field>
  );

  /** One item's fields; of several, each control named for its row ("품목 2의 가격") and the hints on the first row only. */
  function itemFields(item: ItemState, i: number) {
    const name = (field: string) => nameOf(i, field);
    const named = (key: MessageKey) => (several ? { 'aria-label': t('estimate.itemField', { n: i + 1, field: t(key) }) } : {});
    const hint = (key: MessageKey) => (several && i > 0 ? null : t(key));
    const needs = needsOf(item, i);
    return (
      <>
        <fieldset className="segmented">
          {/* Of several rows, a screen reader hears the row too ("품목 2의 품목 입력 방법"); the eye sees it in the row's heading. */}
          <legend>
            {several ? <span className="visually-hidden">{t('estimate.itemOf', { n: i + 1 })} </span> : null}
            {t('estimate.by')}
          </legend>
          <label>
            <input type="radio" name={name('by')} value="category" checked={item.by === 'category'} onChange={() => setItem(i, 'by', 'category')} />
            <span>{t('estimate.byCategory')}</span>
          </label>
          <label>
            <input type="radio" name={name('by')} value="hs" checked={item.by === 'hs'} onChange={() => setItem(i, 'by', 'hs')} />
            <span>{t('estimate.byHs')}</span>
          </label>
        </fieldset>
        {item.by === 'category' ? (
          <Field label={t('estimate.category')} error={errorOf(name('category'))}>
            {(p) => (
              <select {...p} {...named('estimate.category')} name={name('category')} value={item.category} onChange={(e) => setItem(i, 'category', e.target.value)} required>
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
          <Field label={t('estimate.hsCode')} hint={hint('estimate.hsHint')} error={errorOf(name('hsCode'))}>
            {(p) => <input {...p} {...named('estimate.hsCode')} name={name('hsCode')} inputMode="numeric" autoComplete="off" value={item.hsCode} onChange={(e) => setItem(i, 'hsCode', e.target.value)} placeholder="6404.19" />}
          </Field>
        )}
        <Field label={t('estimate.description')} hint={hint('estimate.descriptionHint')} optional error={errorOf(name('description'))}>
          {(p) => <input {...p} {...named('estimate.description')} name={name('description')} value={item.description} onChange={(e) => setItem(i, 'description', e.target.value)} maxLength={300} />}
        </Field>
        <div className="row">
          <Field label={t('estimate.price')} hint={hint('estimate.priceHint')} error={errorOf(name('price'))}>
            {(p) => <input {...p} {...named('estimate.price')} name={name('price')} inputMode="decimal" autoComplete="off" value={item.price} onChange={(e) => setItem(i, 'price', e.target.value)} required />}
          </Field>
          {several ? (
            <Field label={t('estimate.quantity')} error={errorOf(name('quantity'))}>
              {(p) => <input {...p} {...named('estimate.quantity')} name={name('quantity')} inputMode="numeric" value={item.quantity} onChange={(e) => setItem(i, 'quantity', e.target.value)} required />}
            </Field>
          ) : (
            currencyField
          )}
        </div>
        {several ? null : (
          <div className="row">
            <Field label={t('estimate.quantity')} error={errorOf('quantity')}>
              {(p) => <input {...p} name="quantity" inputMode="numeric" value={item.quantity} onChange={(e) => setItem(i, 'quantity', e.target.value)} required />}
            </Field>
            {weightField}
          </div>
        )}
        {needs.volume || needs.weight ? (
          <div className="row">
            {needs.weight ? (
              <Field label={t('estimate.unitWeight')} hint={hint('estimate.unitWeightHint')} optional error={errorOf(name('weightG'))}>
                {(p) => <input {...p} {...named('estimate.unitWeight')} name={name('weightG')} inputMode="decimal" value={item.weightG} onChange={(e) => setItem(i, 'weightG', e.target.value)} />}
              </Field>
            ) : null}
            {needs.volume ? (
              <Field label={t('estimate.volume')} hint={hint('estimate.volumeHint')} optional error={errorOf(name('volumeMl'))}>
                {(p) => <input {...p} {...named('estimate.volume')} name={name('volumeMl')} inputMode="decimal" value={item.volumeMl} onChange={(e) => setItem(i, 'volumeMl', e.target.value)} />}
              </Field>
            ) : null}
            {needs.liquor ? (
              <Field label={t('estimate.alcohol')} optional error={errorOf(name('alcoholPercent'))}>
                {(p) => <input {...p} {...named('estimate.alcohol')} name={name('alcoholPercent')} inputMode="decimal" value={item.alcoholPercent} onChange={(e) => setItem(i, 'alcoholPercent', e.target.value)} />}
              </Field>
            ) : null}
          </div>
        ) : null}
      </>
    );
  }

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
            {several
              ? items.map((item, i) => (
                  <div key={item.id} className="form notice" role="group" aria-labelledby={`estimate-item-${item.id}`} data-testid="estimate-item">
                    <div className="notice-head">
                      <h3 id={`estimate-item-${item.id}`} className="card-title">
                        {t('estimate.item', { n: i + 1 })}
                      </h3>
                      <button type="button" className="button small secondary" aria-label={t('estimate.removeItemLabel', { n: i + 1 })} onClick={() => removeItem(i)}>
                        {t('estimate.removeItem')}
                      </button>
                    </div>
                    {itemFields(item, i)}
                  </div>
                ))
              : itemFields(items[0]!, 0)}
            <div>
              <button type="button" ref={addButton} className="button secondary" onClick={addItem} disabled={items.length >= MAX_ITEMS} aria-describedby="estimate-items-hint">
                + {t('estimate.addItem')}
              </button>
              <p className="hint" id="estimate-items-hint">
                {items.length >= MAX_ITEMS ? t('estimate.maxItems', { max: MAX_ITEMS }) : t('estimate.itemsHint')}
              </p>
            </div>
            {several ? (
              <>
                <h3 className="card-title">{t('estimate.parcel')}</h3>
                <div className="row">
                  {currencyField}
                  {weightField}
                </div>
              </>
            ) : null}
            <Field label={t('estimate.shipFrom')} error={errorOf('shipFrom')}>
              {(p) => (
                <select {...p} name="shipFrom" value={parcel.shipFrom} onChange={(e) => setP('shipFrom', e.target.value)}>
                  {countryOptions}
                </select>
              )}
            </Field>
            <fieldset className="segmented">
              <legend>{t('estimate.mode')}</legend>
              {(['express', 'postal', 'cargo'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name="mode" value={m} checked={parcel.mode === m} onChange={() => setP('mode', m)} />
                  <span>{t(`mode.${m}`)}</span>
                </label>
              ))}
            </fieldset>
            <details className="more">
              <summary>{t('estimate.more')}</summary>
              <Field label={t('estimate.origin')} hint={t('estimate.originHint')} optional error={errorOf('originCountry')}>
                {(p) => (
                  <select {...p} name="originCountry" value={parcel.originCountry} onChange={(e) => setP('originCountry', e.target.value)}>
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
              {options.data.currencies.find((c) => c.code === parcel.currency)?.placeholder ? ` ${t('estimate.fxPlaceholder')}` : ''}
            </p>
          </form>
          <section className="estimate-result" aria-live="polite">
            {estimate.isPending ? <Loading label={t('state.calculating')} /> : null}
            {/* Said beside the fields it names; as a whole only when it names none ("request format invalid" told a buyer nothing). */}
            {estimate.error && !Object.keys(refused).length ? <ErrorMessage error={estimate.error} /> : null}
            {estimate.data && sent ? <EstimateResult result={estimate.data} sent={sent} categories={options.data.categories} /> : null}
          </section>
        </div>
      ) : null}
    </>
  );
}

function EstimateResult({ result, sent, categories }: { result: EstimateResponse; sent: EstimateRequest; categories: EstimatorOptions['categories'] }) {
  const { t, krw, usd, num, pick, lang } = useI18n();
  const fieldLabel = useFieldLabel();
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
              <strong>{fieldLabel(e.field)}</strong>: {pick(e)}
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
        {a.lines.length > 1 ? <DutyLines lines={a.lines} exempt={a.deMinimis.exempt} nameOf={(i) => itemName(sent.items?.[i] ?? sent, categories, lang)} /> : null}
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

/** An item as the buyer knows it: the name typed, else its category's name, else its HS code. */
function itemName(item: Partial<EstimateItem>, categories: EstimatorOptions['categories'], lang: string): string {
  if (item.description) return item.description;
  const c = item.category ? categories.find((x) => x.code === item.category) : undefined;
  if (c) return lang === 'ko' ? c.ko : plainCategoryName(c.en);
  return item.hsCode ? `HS ${item.hsCode}` : '';
}

/** Each item's duty line as the engine gives it (assessment.lines): its HS code, duty rate and duty. */
function DutyLines({ lines, exempt, nameOf }: { lines: EstimateResponse['assessment']['lines']; exempt: boolean; nameOf: (index: number) => string }) {
  const { t, krw, num } = useI18n();
  return (
    <>
      <h3>{t('estimate.lines')}</h3>
      <TableScroll label={t('estimate.lines')}>
        <table className="data-table" data-testid="estimate-lines">
          <caption className="visually-hidden">{t('estimate.linesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('estimate.lineItem')}</th>
              <th scope="col">{t('estimate.lineHsRate')}</th>
              <th scope="col" className="num">
                {t('estimate.lineDuty')}
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.index}>
                <th scope="row">
                  {t('estimate.item', { n: l.index + 1 })} · {nameOf(l.index)}
                </th>
                {/* HS code and rate in one column: four did not fit a phone's width. */}
                <td>
                  {l.hsCode} · {num(l.dutyRate * 100, 2)}%{l.rateType === 'fta' ? ` (${t('estimate.rateFta')})` : ''}
                </td>
                <td className="num">{krw(l.dutyKrw)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {exempt ? <p className="small muted">{t('estimate.linesExempt')}</p> : null}
    </>
  );
}
