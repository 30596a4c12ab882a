// Operator console, tab 신고 내역 / Declarations: the operator's own declarations by status (held
// first: the ones waiting on someone), found by cargo number, ref or B/L; one opened shows where it
// stands, why it is held and what to do, its history, and corrects (PATCH /api/v1/declarations/:id)
// or withdraws it (POST …/withdraw) with a reason. Before, the console had no way to see a
// declaration after it was accepted: a held parcel, its reason and the corrections were API only.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type DeclarationDetail, type FieldError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { jsonErrorText, jsonSyntaxError } from '../json-error.ts';
import type { MessageKey } from '../messages.ts';
import { Dl, Empty, ErrorMessage, Field, Loading, ReasonList, RouteBadge, StatusBadge, StatusMessage, TableScroll, Timeline } from '../components/ui.tsx';
import type { OperatorSession } from '../staff-session.ts';
import { holdViewOf } from '../hold-view.ts';
import { fieldPathInWords, FIRST_SEARCH_PAGE, mergeSearchPage, searchRequests, type SearchCursor, type SearchKind } from '../operator-console.ts';

/**
 * A declaration's field errors: the field in words ("3번 물품 품명"), its path as the JSON and the CSV
 * name it, and the text in the page's language; with `itemLines` (a CSV file's), an item's error names
 * the line it was read from too ("items[2].description (5행)"). The stable code is kept for machines
 * (data-code), not shown: it said `description_uninformative` beside the sentence that says it.
 */
export function FieldErrorList({ errors, itemLines }: { errors: readonly FieldError[]; itemLines?: readonly number[] }) {
  const { t, pick } = useI18n();
  const lineOf = (path: string) => {
    const m = /^items\[(\d+)\]/.exec(path);
    return m && itemLines ? (itemLines[Number(m[1])] ?? null) : null;
  };
  return (
    <ul className="field-errors">
      {errors.map((e, i) => {
        const line = lineOf(e.path);
        const words = fieldPathInWords(e.path);
        return (
          <li key={i} data-code={e.code}>
            {words ? <strong>{pick(words)}</strong> : null} <code>{e.path || '(root)'}</code>
            {line !== null ? ` (${t('operator.csvItemLine', { line })})` : null} — {pick(e)}
          </li>
        );
      })}
    </ul>
  );
}

interface Listed {
  id: number;
  ref: string;
  cargoNo: string;
  status: string;
  route: string | null;
  version: number;
  updatedAt: string;
  /** Why it is held; null unless held. */
  hold: { ko: string; en: string } | null;
}

// Held first: what waits on the operator. Then every status, as the lifecycle goes.
const FILTERS = ['held', '', 'declared', 'arrival_reported', 'arrived', 'unloaded', 'in_warehouse', 'list_submitted', 'import_declared', 'under_review', 'cleared', 'released', 'rejected', 'withdrawn'] as const;
const PAGE = 50;

/** The declaration opened is the console's address (`open`, changed by `onOpen`): a tax notice's row links to it. */
export function Declarations({ session, open, onOpen }: { session: OperatorSession; open: number | null; onOpen: (id: number | null) => void }) {
  const { t, dateTime, pick } = useI18n();
  const [status, setStatus] = useState<string>('held');
  // Pages already passed, for "previous": the `after` cursor of each (0: the first page, in either order).
  const [cursors, setCursors] = useState<number[]>([0]);
  // The same for a search: each page's cursor of its three lookups.
  const [searchCursors, setSearchCursors] = useState<SearchCursor[]>([FIRST_SEARCH_PAGE]);
  const [search, setSearch] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const setOpen = onOpen;
  const after = cursors[cursors.length - 1]!;
  const searchAt = searchCursors[searchCursors.length - 1]!;
  const list = useQuery({
    queryKey: ['operator-declarations', session.apiKey, status, after, searched, searchAt],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<{ declarations: Listed[]; next: number | null; searchNext?: SearchCursor | null }> => {
      if (searched !== null) {
        // One box for any number: the cargo number (in any case), the operator's own ref (exact), or a
        // house or master B/L (in any case, spaces and hyphens ignored; a master B/L finds all its parcels),
        // each paged by its own cursor: a master B/L of 120 parcels is three pages, not the first 50 alone.
        const answers = await Promise.all(
          searchRequests(searched, searchAt, PAGE).map(async (r) => ({ kind: r.kind as SearchKind, ...(await api<{ declarations: Listed[]; next: number | null }>(r.path, { token: session.apiKey, signal })) })),
        );
        const page = mergeSearchPage(answers);
        return { declarations: page.declarations, next: null, searchNext: page.next };
      }
      const q = new URLSearchParams({ limit: String(PAGE), after: String(after) });
      // A status oldest first (held: the longest waiting on top); all of them newest first, so
      // today's declarations are on the first page. `after` follows the order (the `next` of the page before).
      if (status) q.set('status', status);
      else q.set('order', 'desc');
      return api<{ declarations: Listed[]; next: number | null }>(`/api/v1/declarations?${q}`, { token: session.apiKey, signal });
    },
  });
  function find(e: FormEvent) {
    e.preventDefault();
    const s = search.trim();
    setSearched(s || null);
    setCursors([0]);
    setSearchCursors([FIRST_SEARCH_PAGE]);
    setOpen(null);
  }
  const rows = list.data?.declarations ?? [];
  // Why each is held, on the list: which parcels wait on what, without opening each one.
  const anyHeld = rows.some((d) => d.hold);
  return (
    <div className="result-stack">
      {open !== null ? <DeclarationPanel id={open} session={session} onClose={() => setOpen(null)} /> : null}
      <div className="card" data-testid="operator-declarations">
        <h2 className="card-title">{t('operator.decl.title')}</h2>
        <p className="small muted">{t('operator.decl.lead')}</p>
        <form className="toolbar find-cargo" role="search" aria-label={t('operator.decl.find')} onSubmit={find}>
          <label htmlFor="decl-find">{t('operator.decl.find')}</label>
          <input id="decl-find" name="find" value={search} maxLength={100} spellCheck={false} autoComplete="off" placeholder="26TGW0000000001" onChange={(e) => setSearch(e.target.value)} />
          <button type="submit" className="button secondary">
            {t('officer.findCargoButton')}
          </button>
        </form>
        {searched === null ? (
          <div className="toolbar">
            <label htmlFor="decl-status">{t('operator.decl.status')}</label>
            <select
              id="decl-status"
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                setCursors([0]);
              }}
            >
              {FILTERS.map((s) => (
                <option key={s} value={s}>
                  {s ? t(`status.${s}` as MessageKey) : t('operator.decl.all')}
                </option>
              ))}
            </select>
            <button type="button" className="button secondary" onClick={() => list.refetch()}>
              {t('action.refresh')}
            </button>
          </div>
        ) : (
          <p className="toolbar">
            <span>{t('operator.decl.searched', { q: searched })}</span>
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                setSearched(null);
                setSearch('');
                setSearchCursors([FIRST_SEARCH_PAGE]);
              }}
            >
              {t('operator.decl.clearSearch')}
            </button>
          </p>
        )}
        {list.isPending ? <Loading /> : null}
        {list.error ? <ErrorMessage error={list.error} onRetry={() => list.refetch()} /> : null}
        <StatusMessage className="empty">
          {list.data && rows.length === 0
            ? searched !== null
              ? t('operator.decl.noneFound', { q: searched })
              : status
                ? t('operator.decl.noneStatus', { status: t(`status.${status}` as MessageKey) })
                : t('operator.decl.none')
            : null}
        </StatusMessage>
        {rows.length ? (
          <TableScroll label={t('operator.decl.title')}>
            <table className="data-table decl-table">
              <thead>
                <tr>
                  {/* the status next to the number: on a phone the columns after it are scrolled to */}
                  <th scope="col">{t('pay.cargoNo')}</th>
                  <th scope="col">{t('operator.state')}</th>
                  {anyHeld ? <th scope="col">{t('track.holdReason')}</th> : null}
                  <th scope="col">{t('operator.csvRoute')}</th>
                  <th scope="col">{t('officer.ref')}</th>
                  <th scope="col">{t('operator.decl.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id} aria-current={open === d.id ? 'true' : undefined}>
                    <td>
                      <button type="button" className="button link" aria-label={t('operator.decl.openOf', { cargoNo: d.cargoNo })} aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                        <code>{d.cargoNo}</code>
                      </button>
                    </td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                    {anyHeld ? (
                      <td className="small decl-hold" data-testid={`decl-hold-${d.cargoNo}`}>
                        {d.hold ? pick(d.hold) : ''}
                      </td>
                    ) : null}
                    <td>
                      <RouteBadge route={d.route} status={d.status} />
                    </td>
                    <td>
                      <code>{d.ref}</code>
                    </td>
                    <td>{dateTime(d.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {searched === null ? (
          <Pager cursors={cursors} setCursors={setCursors} next={list.data?.next} busy={list.isPlaceholderData} />
        ) : (
          <Pager cursors={searchCursors} setCursors={setSearchCursors} next={list.data?.searchNext} busy={list.isPlaceholderData} testId="search-pages" />
        )}
      </div>
    </div>
  );
}

/** Where the declaration stands, why, what to do next, its history; corrected or withdrawn from here. */
function DeclarationPanel({ id, session, onClose }: { id: number; session: OperatorSession; onClose: () => void }) {
  const { t, pick, krw, usd } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // Said here, not in the withdrawal form: that form goes once the declaration is withdrawn.
  const [withdrawn, setWithdrawn] = useState(false);
  const detail = useQuery({
    queryKey: ['operator-declaration', id, session.apiKey],
    queryFn: ({ signal }) => api<DeclarationDetail>(`/api/v1/declarations/${id}`, { token: session.apiKey, signal }),
  });
  // Opened from the list below: the reader is taken to it (a phone shows it above the list, off screen otherwise).
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [id, detail.isSuccess]);
  const d = detail.data;
  // An engine hold: its hold reasons and its own next step, not the whole explanation (hold-view.ts).
  const hold = d ? holdViewOf(d) : null;
  const stages = d?.stages;
  const amendable = !!stages && ['declared', 'held'].includes(stages.clearance);
  const withdrawable = !!stages && ['declared', 'list_submitted', 'import_declared', 'under_review', 'held'].includes(stages.clearance) && stages.cargo !== 'released';
  return (
    <section className="card" aria-labelledby="decl-panel-title" data-testid="operator-declaration">
      <div className="decl-panel-head">
        <h2 id="decl-panel-title" className="card-title" tabIndex={-1} ref={heading}>
          {d ? (
            <>
              <code>{d.cargoNo}</code> {d.declaration.items[0]?.description ?? ''}
            </>
          ) : (
            t('operator.decl.declaration')
          )}
        </h2>
        <button type="button" className="button secondary small" onClick={onClose}>
          {t('operator.decl.close')}
        </button>
      </div>
      {detail.isPending ? <Loading /> : null}
      {detail.error ? <ErrorMessage error={detail.error} onRetry={() => detail.refetch()} /> : null}
      <StatusMessage className="alert alert-success" testId="withdraw-done" takeFocus>
        {withdrawn && d ? t('operator.decl.withdrawn', { cargoNo: d.cargoNo }) : null}
      </StatusMessage>
      {d ? (
        <>
          <p className="queue-meta">
            <StatusBadge status={d.status} /> <RouteBadge route={d.route} status={d.status} besideStatus /> <span className="small muted">{t('operator.decl.version', { n: d.version })}</span>
          </p>
          {hold?.reason ? (
            <div className="alert alert-warning" role="note" data-testid="operator-hold-reason">
              <p>
                <strong>{t('track.holdReason')}</strong>
              </p>
              <p>{pick(hold.reason)}</p>
            </div>
          ) : null}
          <div className="alert alert-info" role="note" data-testid="operator-next-step">
            <p>
              <strong>{t('operator.decl.next')}</strong> {pick(hold!.next)}
            </p>
            {d.status === 'held' ? <p className="small">{t('operator.decl.heldHelp')}</p> : null}
            {!amendable && !withdrawable ? <p className="small">{t('operator.decl.final')}</p> : null}
          </div>
          <Dl
            rows={[
              [t('officer.ref'), <code key="r">{d.ref}</code>],
              [t('estimate.goodsValue'), d.assessment.goodsValueUsd !== null ? usd(d.assessment.goodsValueUsd) : '—'],
              [t('operator.csvTaxes'), d.assessment.taxes ? krw(d.assessment.taxes.totalKrw) : '—'],
              [t('operator.decl.consignee'), d.declaration.consignee.name],
            ]}
          />
          <details>
            <summary>{t('operator.decl.why')}</summary>
            <ReasonList reasons={d.assessment.reasons} />
          </details>
          <h3>{t('operator.decl.history')}</h3>
          <Timeline entries={d.timeline} />
          {amendable ? <AmendForm detail={d} session={session} /> : null}
          {withdrawable ? <WithdrawForm detail={d} session={session} onWithdrawn={() => setWithdrawn(true)} /> : null}
        </>
      ) : null}
    </section>
  );
}

/** The whole corrected declaration (as JSON, the API's shape) and the reason; re-assessed, the old version kept. */
function AmendForm({ detail, session }: { detail: DeclarationDetail; session: OperatorSession }) {
  const { t, pick } = useI18n();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(detail.declaration, null, 2));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<{ field: 'declaration' | 'reason'; text: string } | null>(null);
  // `fromVersion`: the version on screen when sent. The API answers a correction identical to the version
  // on record with that version (a retry: nothing recorded), which read "Corrected: version 1".
  const amend = useMutation({
    mutationFn: ({ fromVersion: _, ...x }: { declaration: unknown; reason: string; fromVersion: number }) =>
      api<{ version: number; status: string; route: string | null }>(`/api/v1/declarations/${detail.id}`, { method: 'PATCH', token: session.apiKey, body: x }),
    onSuccess: () => {
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['operator-declaration', detail.id] });
      void queryClient.invalidateQueries({ queryKey: ['operator-declarations'] });
    },
  });
  const unchanged = amend.data !== undefined && amend.data.version === amend.variables?.fromVersion;
  const fieldErrors = amend.error instanceof ApiError ? ((amend.error.details as { errors?: FieldError[] } | undefined)?.errors ?? []) : [];
  function submit(e: FormEvent) {
    e.preventDefault();
    // Where the JSON breaks, in the page's language (JSON.parse's message is the browser's English); the cursor goes there.
    const broken = jsonSyntaxError(text);
    if (broken) {
      amend.reset(); // the earlier answer is about another text: the slip is shown alone
      setProblem({ field: 'declaration', text: pick(jsonErrorText(text, broken)) });
      const area = document.querySelector<HTMLTextAreaElement>('textarea[name="declaration"]');
      area?.focus();
      area?.setSelectionRange(broken.offset, broken.offset);
      return;
    }
    const declaration: unknown = JSON.parse(text);
    if (!reason.trim()) {
      amend.reset();
      setProblem({ field: 'reason', text: t('officer.error.reason') });
      document.querySelector<HTMLElement>('#amend-form [name="reason"]')?.focus();
      return;
    }
    setProblem(null);
    amend.mutate({ declaration, reason: reason.trim(), fromVersion: detail.version });
  }
  return (
    <details className="decl-action">
      <summary>{t('operator.decl.amend')}</summary>
      <form id="amend-form" className="form" onSubmit={submit} noValidate aria-label={t('operator.decl.amend')}>
        <p className="small muted">{t('operator.decl.amendLead')}</p>
        <Field label={t('operator.decl.document')} error={problem?.field === 'declaration' ? problem.text : null}>
          {(p) => <textarea {...p} name="declaration" rows={14} className="mono" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Field label={t('operator.decl.reason')} hint={t('operator.decl.reasonHint')} error={problem?.field === 'reason' ? problem.text : null}>
          {(p) => <textarea {...p} name="reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {/* Refused for its fields (422 DECLARATION_INVALID): what is wrong, field by field in words, in one
            alert; the raw code is the API's, not the reader's. Any other refusal: the error as a whole. */}
        {fieldErrors.length ? (
          <div className="alert alert-error" role="alert" data-testid="amend-errors">
            <p>
              <strong>{t('state.error')}</strong> {pick(amend.error as ApiError)} {t('operator.decl.amendFix', { n: fieldErrors.length })}
            </p>
            <FieldErrorList errors={fieldErrors} />
          </div>
        ) : amend.error ? (
          <ErrorMessage error={amend.error} />
        ) : null}
        <StatusMessage className={unchanged ? 'alert alert-info' : 'alert alert-success'} testId="amend-done">
          {unchanged
            ? t('operator.decl.unchanged', { version: amend.data.version })
            : amend.data
            ? t('operator.decl.amended', {
                version: amend.data.version,
                status: t(`status.${amend.data.status}` as MessageKey),
                route: amend.data.route ? t(`route.${amend.data.route}` as MessageKey) : '—',
              })
            : null}
        </StatusMessage>
        <button type="submit" className="button primary" disabled={amend.isPending}>
          {amend.isPending ? t('state.checking') : t('operator.decl.amendButton')}
        </button>
      </form>
    </details>
  );
}

/** 신고취하: with a reason, asked once more (nothing follows a withdrawal). */
function WithdrawForm({ detail, session, onWithdrawn }: { detail: DeclarationDetail; session: OperatorSession; onWithdrawn: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: (r: string) => api<{ status: string }>(`/api/v1/declarations/${detail.id}/withdraw`, { token: session.apiKey, body: { reason: r } }),
    onSuccess: () => {
      onWithdrawn();
      void queryClient.invalidateQueries({ queryKey: ['operator-declaration', detail.id] });
      void queryClient.invalidateQueries({ queryKey: ['operator-declarations'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('officer.error.reason'));
      document.querySelector<HTMLElement>('#withdraw-form [name="reason"]')?.focus();
      return;
    }
    setError(null);
    if (!window.confirm(t('operator.decl.confirmWithdraw', { cargoNo: detail.cargoNo }))) return;
    withdraw.mutate(reason.trim());
  }
  return (
    <details className="decl-action">
      <summary>{t('operator.decl.withdraw')}</summary>
      <form id="withdraw-form" className="form" onSubmit={submit} noValidate aria-label={t('operator.decl.withdraw')}>
        <p className="small muted">{t('operator.decl.withdrawLead')}</p>
        <Field label={t('operator.decl.reason')} hint={t('operator.decl.reasonHint')} error={error}>
          {(p) => <textarea {...p} name="reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {withdraw.error ? <ErrorMessage error={withdraw.error} /> : null}
        <button type="submit" className="button danger" disabled={withdraw.isPending}>
          {t('operator.decl.withdrawButton')}
        </button>
      </form>
    </details>
  );
}

/** Previous and next page by cursor: `cursors` is the stack of pages opened (the first is the start), `next` the page after the last. */
function Pager<C>({ cursors, setCursors, next, busy, testId }: { cursors: C[]; setCursors: (c: C[]) => void; next: C | null | undefined; busy: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <div className="button-row" data-testid={testId}>
      {cursors.length > 1 ? (
        <button type="button" className="button secondary" disabled={busy} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('operator.prevPage')}
        </button>
      ) : null}
      {next ? (
        <button type="button" className="button secondary" disabled={busy} onClick={() => setCursors([...cursors, next])}>
          {t('operator.nextPage')}
        </button>
      ) : null}
    </div>
  );
}
