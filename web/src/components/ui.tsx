// Small shared pieces: page heading (also sets the document title), form field with label,
// hint and error, loading and error states, status badge, reasons, taxes, timeline, a wide table's
// scroll box.
import { Children, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError, type Reason, type Taxes, type TimelineEntry } from '../api.ts';
import { lawRefInEnglish } from '../../../src/domain/law-refs.ts';
import { useI18n } from '../i18n.tsx';
import { formatMoney } from '../format.ts';
import type { MessageKey } from '../messages.ts';
import type { Bilingual } from '../../../src/domain/bilingual.ts';

export function PageHeader({ title, lead, children }: { title: string; lead?: string; children?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </header>
  );
}

export function Field({
  label,
  hint,
  error,
  children,
  optional,
  width,
}: {
  label: string;
  hint?: string | null;
  error?: string | null;
  optional?: boolean;
  /** In a `.row`: `narrow` for a short value (a year), `wide` for a long one that takes its own line on a phone. */
  width?: 'narrow' | 'wide';
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${width ? ` field-${width}` : ''}${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> ({t('form.optional')})</span> : null}
      </label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-text" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Whether the browser says it has a connection, following its online and offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' || typeof navigator.onLine !== 'boolean' ? true : navigator.onLine));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * Waiting for an answer. Offline nothing is asked (react-query holds the request until the
 * connection is back, then asks by itself): no spinner turning for ever, but what happens.
 */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  const online = useOnline();
  if (!online)
    return (
      <p className="loading" role="status" aria-live="polite" data-testid="loading-offline">
        {t('state.offlineWaiting')}
      </p>
    );
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </p>
  );
}

/**
 * A failure in words: the server's (ko/en) for a refusal, the portal's own for no answer. The
 * server's stable code is kept for support in small print, said as what it is (a bare
 * "PASSKEY_INVALID" under the message read as part of it); none for "no connection" (no server code).
 */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, pick } = useI18n();
  const text = error instanceof ApiError ? pick(error) : error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError && error.status > 0 && error.code ? error.code : null;
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{t('state.error')}</strong> {text}
      </p>
      {code ? (
        <p className="muted small error-code" data-testid="error-code">
          {t('state.errorCode')}: <code>{code}</code>
        </p>
      ) : null}
      {onRetry && retryable(error) ? (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('action.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Trying again helps after a network or server failure, or a rate limit; a refusal (4xx) would only come back. */
function retryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
}

/**
 * A status message (a result, a confirmation; WCAG 4.1.3). The live region is always in the page
 * and is filled when there is something to say: a region inserted together with its text is often
 * not announced by screen readers. `takeFocus`: when the message replaces the control that was
 * used (a form that closes, buttons that go), it takes the focus, which would otherwise fall to
 * the top of the page.
 */
export function StatusMessage({ className, children, testId, takeFocus = false }: { className?: string; children?: ReactNode; testId?: string; takeFocus?: boolean }) {
  // Empty when every child is null, undefined or false: a list of conditional parts ({a ? … : null}{b ? … : null}) is an array, never null itself.
  const shown = Children.toArray(children).length > 0;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown && takeFocus) box.current?.focus();
  }, [shown, takeFocus]);
  return (
    <div ref={box} role="status" className={shown ? className : undefined} data-testid={shown ? testId : undefined} {...(takeFocus ? { tabIndex: -1 } : {})}>
      {shown ? children : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

const STATUS_TONE: Record<string, string> = {
  held: 'danger',
  rejected: 'danger',
  withdrawn: 'neutral',
  cleared: 'success',
  released: 'success',
  list_submitted: 'info',
  import_declared: 'info',
  under_review: 'warning',
};

/** The part of a query (TanStack Query's result) that QueryStatus reads. */
export interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * A list query's states, said the same on every page: loading, a failure with a retry, and `empty`
 * when what came back holds no rows (`rows` counts them). The page renders the rows itself.
 * `showError={false}` where the page explains a refusal its own way (a staff page asking to sign in).
 */
export function QueryStatus<T>({ query, rows, empty, showError = true }: { query: QueryLike<T>; rows: (data: T) => number; empty: ReactNode; showError?: boolean }) {
  return (
    <>
      {query.isPending ? <Loading /> : null}
      {query.error && showError ? <ErrorMessage error={query.error} onRetry={() => query.refetch()} /> : null}
      {query.data !== undefined && rows(query.data) === 0 ? <Empty>{empty}</Empty> : null}
    </>
  );
}

export function StatusBadge({ status, text }: { status: string; text?: Bilingual }) {
  const { t, pick } = useI18n();
  const label = text ? pick(text) : t(`status.${status}` as MessageKey);
  return <span className={`badge badge-${STATUS_TONE[status] ?? 'neutral'}`}>{label || status}</span>;
}

/**
 * The route the engine gave. With the parcel's status: one on the hold route released or refused since
 * reads 접수 시 보류, not 통관보류; `besideStatus` (its status badge next to it) leaves a held one's to the
 * status badge, which says 통관보류 already.
 */
export function RouteBadge({ route, status, besideStatus = false }: { route: string | null; status?: string; besideStatus?: boolean }) {
  const { t } = useI18n();
  if (!route) return null;
  if (route === 'hold' && status !== undefined && status !== 'held') return <span className="badge badge-neutral">{t('route.heldAtIntake')}</span>;
  if (route === 'hold' && status === 'held' && besideStatus) return null;
  const tone = route === 'hold' ? 'danger' : route === 'general' ? 'warning' : 'success';
  return <span className={`badge badge-${tone}`}>{t(`route.${route}` as MessageKey)}</span>;
}

/** A reason as the API sends it: with `refEn` (published-reasons.ts) where the answer has one. */
type ShownReason = Reason & { refEn?: string };

/**
 * A decision's reasons, each with its law. `showCode`: the engine's code after the law (ROUTE_GENERAL), for
 * officers and operators who look rules up by it; a buyer's page (/me) reads the sentence and the law only.
 */
export function ReasonList({ reasons, showRef = true, showCode = true }: { reasons: ShownReason[]; showRef?: boolean; showCode?: boolean }) {
  const { pick, t } = useI18n();
  if (!reasons.length) return null;
  return (
    <ol className="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} className={`reason reason-${reasonTone(r.code)}`}>
          <p>{pick(r)}</p>
          {showRef && r.ref ? (
            <p className="ref">
              <span className="visually-hidden">{t('reason.ref')}: </span>
              <LawRef text={r.ref} en={r.refEn} />
              {showCode ? (
                <>
                  {' · '}
                  <code>{r.code}</code>
                </>
              ) : null}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * A legal basis (a reason's or a notice's `ref`, Korean): as it is for a Korean reader; in English
 * for an English reader, with the Korean in the title, the name to look the law up by on law.go.kr.
 * The English is the API's (`refEn` of a reason) when the answer carries it, so the portal says
 * what the API and the CLI say; else (a tax notice, an older answer) it is read here the same way.
 */
export function LawRef({ text, en: given }: { text: string; en?: string | undefined }) {
  const { lang } = useI18n();
  const en = lang === 'en' ? given || lawRefInEnglish(text) : text;
  if (en === text) return <>{text}</>;
  return (
    <span className="law-ref" title={text}>
      {en}
    </span>
  );
}

function reasonTone(code: string): string {
  if (code.startsWith('HOLD') || code === 'ROUTE_HOLD') return 'danger';
  if (code.startsWith('NEXT_')) return 'next';
  if (code.startsWith('GENERAL') || code.includes('EXCEEDED') || code.includes('LOST') || code === 'COMBINED_OVER_DE_MINIMIS' || code === 'COMBINED_HISTORY_CAPPED') return 'warning';
  return 'plain';
}

type TaxKey = 'dutyKrw' | 'exciseKrw' | 'educationKrw' | 'liquorKrw' | 'vatKrw';
const TAX_ROWS: { key: TaxKey; label: MessageKey }[] = [
  { key: 'dutyKrw', label: 'tax.duty' },
  { key: 'exciseKrw', label: 'tax.excise' },
  { key: 'educationKrw', label: 'tax.education' },
  { key: 'liquorKrw', label: 'tax.liquor' },
  { key: 'vatKrw', label: 'tax.vat' },
];

export function TaxTable({ taxes, caption }: { taxes: Pick<Taxes, TaxKey | 'totalKrw'>; caption: string }) {
  const { t, krw } = useI18n();
  return (
    <table className="tax-table">
      <caption>{caption}</caption>
      <tbody>
        {TAX_ROWS.filter((r) => r.key === 'dutyKrw' || r.key === 'vatKrw' || taxes[r.key] > 0).map((r) => (
          <tr key={r.key}>
            <th scope="row">{t(r.label)}</th>
            <td className="num">{krw(taxes[r.key])}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('tax.total')}</th>
          <td className="num">
            <strong>{krw(taxes.totalKrw)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { lang, dateTime } = useI18n();
  if (!entries.length) return null;
  return (
    <ol className="timeline">
      {[...entries].reverse().map((e, i) => (
        <li key={`${e.type}-${e.occurredAt}-${i}`} className={`timeline-item${e.type === 'HOLD' || e.type === 'REJECTED' ? ' timeline-danger' : ''}`}>
          <p className="timeline-name">{lang === 'ko' ? e.nameKo : e.nameEn}</p>
          <p className="timeline-time">
            <time dateTime={e.occurredAt}>{dateTime(e.occurredAt)}</time>
          </p>
          {e.reason ? <EventReason entry={e} className="timeline-reason" /> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * An event's reason in the reader's language: officers and "not me" reports give the English text
 * in the detail. A reason written in Korean only (an officer who left the English empty) is marked
 * lang="ko" on an English page, so that a screen reader reads it as Korean.
 */
export function EventReason({ entry, className }: { entry: TimelineEntry; className?: string }) {
  const { lang } = useI18n();
  const en = (entry.detail as { reasonEn?: unknown } | null)?.reasonEn;
  if (lang === 'en' && typeof en === 'string' && en) return <p className={className}>{en}</p>;
  return (
    <p className={className} lang={lang === 'en' ? 'ko' : undefined}>
      {entry.reason}
    </p>
  );
}

export function Dl({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="dl">
      {rows.map(([k, v]) => (
        <div key={k} className="dl-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A wide table's scroll box. When the table is wider than the box (a phone), the box is a named
 * region in the tab order, so that a keyboard user can scroll it too (WCAG 2.1.1; axe's
 * scrollable-region-focusable), named apart from the section around it (which often has the same
 * heading); when it fits, it is a plain box and adds no tab stop.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(check);
    watch.observe(el);
    if (el.firstElementChild) watch.observe(el.firstElementChild);
    return () => watch.disconnect();
  }, []);
  return (
    // Scrolling, it also says so on screen (data-scroll-hint, drawn by the stylesheet above the table): a
    // column wholly past the edge (the statistics' taxes by route on a phone) left nothing to show it was there.
    <div ref={box} className="table-scroll" {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': t('a11y.scrollTable', { name: label }), 'data-scroll-hint': t('a11y.scrollHint') } : {})}>
      {children}
    </div>
  );
}

/**
 * An item's price as declared or ordered, which is the price of one unit: of several units it says
 * so and gives the line's total ("단가 USD 78.55 · 합계 USD 157.10"). Bare beside "× 2" it read as
 * the line's amount: 2 × USD 78.55 taxed as over USD 150 while the card showed USD 78.55.
 */
export function UnitsPrice({ quantity, unitPrice, currency }: { quantity: number; unitPrice: number; currency: string }) {
  const { t, lang } = useI18n();
  const each = formatMoney(lang, currency, unitPrice);
  if (!(quantity > 1)) return <>{each}</>;
  // Rounded to formatMoney's 4 decimals: 3 × 4.2 is 12.6, not 12.600000000000001.
  return <>{t('item.unitsPrice', { each, total: formatMoney(lang, currency, Math.round(quantity * unitPrice * 10_000) / 10_000) })}</>;
}
