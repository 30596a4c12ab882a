// PCCC misuse ("not me") reports as officers work them: the list (/officer/misuse-cases) and the
// report shown on the reported declaration's page. A report holds the parcel and opens a case
// "for officers"; before this page the cases were reachable through the API only, and the
// consignee's note was nowhere in the workbench.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { ErrorMessage, Field, PageHeader, QueryStatus, StatusMessage } from '../components/ui.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { OfficerSignInNeeded } from '../components/OfficerSignInNeeded.tsx';
import { OFFICER_KEY, officerValid, useStoredSession, type OfficerSession } from '../staff-session.ts';

interface MisuseCase {
  id: number;
  pccc: string;
  declarationId: number;
  cargoNo: string;
  operatorName: string;
  held: boolean;
  consent: string;
  note: string;
  status: 'open' | 'closed';
  reportedAt: string;
  /** Who closed it, when, and what the check found; null while open. */
  closed: { at: string | null; by: { userId: number; username: string; name: string } | null; note: string | null } | null;
}
type CasesPage = { cases: MisuseCase[]; next: number | null };

const CONSENTS = ['verified', 'missing', 'mismatch', 'unknown'];
const consentKey = (c: string) => `misuse.consent.${CONSENTS.includes(c) ? c : 'unknown'}` as MessageKey;
const FILTERS = ['open', 'closed', 'all'] as const;
const PAGE = 50;

/** Who closed a case and when, as one line (the audit log kept it before the case did). */
function ClosedBy({ closed }: { closed: NonNullable<MisuseCase['closed']> }) {
  const { t, dateTime } = useI18n();
  return <>{closed.at && closed.by ? t('misuse.closedBy', { at: dateTime(closed.at), name: closed.by.name, username: closed.by.username }) : t('misuse.closedUnrecorded')}</>;
}

/** On the declaration page: the consignee's report about this parcel, with their note, when there is one. */
export function MisuseReportNotice({ declarationId, token }: { declarationId: number; token: string }) {
  const { t, dateTime } = useI18n();
  const report = useQuery({
    queryKey: ['misuse-case', declarationId, token],
    queryFn: ({ signal }) => api<CasesPage>(`/api/v1/officer/misuse-cases?declarationId=${declarationId}&limit=1`, { token, signal }),
  });
  const [closedNow, setClosedNow] = useState(false);
  const c = report.data?.cases[0];
  if (!c) return null;
  return (
    <div className="alert alert-error" role="note" data-testid="misuse-report">
      <p>
        <strong>{t('misuse.onDeclaration', { id: c.id, at: dateTime(c.reportedAt) })}</strong> <span className="badge badge-info">{t(`misuse.status.${c.status}`)}</span>
      </p>
      <p>{c.note ? t('misuse.noteQuoted', { note: c.note }) : t('misuse.noNote')}</p>
      <p className="small">
        {t('misuse.consent')}: {t(consentKey(c.consent))} · {t('misuse.pccc')} <code>{c.pccc}</code>
      </p>
      {c.closed ? (
        <p className="small" data-testid="misuse-closed-by">
          <ClosedBy closed={c.closed} />
          {c.closed.note ? <> · {t('misuse.closeNoteQuoted', { note: c.closed.note })}</> : null}
        </p>
      ) : null}
      {c.status === 'open' ? <CloseReport declarationId={declarationId} token={token} onClosed={() => setClosedNow(true)} /> : null}
      {/* takes the focus: the closing form, and the focus with it, is gone once the report is closed */}
      <StatusMessage className="small" testId="misuse-closed" takeFocus>
        {closedNow ? t('misuse.closed') : null}
      </StatusMessage>
    </div>
  );
}

/** Closes the open report once checked, with what was found (the parcel's hold is the decision form's). */
function CloseReport({ declarationId, token, onClosed }: { declarationId: number; token: string; onClosed: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const close = useMutation({
    mutationFn: () => api(`/api/v1/officer/declarations/${declarationId}/misuse-case/close`, { token, body: { note: note.trim() } }),
    onSuccess: async () => {
      setNote('');
      onClosed();
      await qc.invalidateQueries({ queryKey: ['misuse-case', declarationId] });
      await qc.invalidateQueries({ queryKey: ['misuse-open'] });
      await qc.invalidateQueries({ queryKey: ['misuse-cases'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    close.mutate();
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('misuse.close')} data-testid="misuse-close">
      <Field label={t('misuse.closeNote')} hint={t('misuse.closeHint')} error={missing ? t('misuse.closeNoteMissing') : null}>
        {(p) => <input {...p} name="misuseNote" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {close.error ? <ErrorMessage error={close.error} /> : null}
      <button type="submit" className="button secondary" disabled={close.isPending}>
        {t('misuse.close')}
      </button>
    </form>
  );
}

/** /officer/misuse-cases */
export function OfficerMisuseCases() {
  const { t, dateTime } = useI18n();
  const [session] = useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('open');
  const cases = useInfiniteQuery({
    queryKey: ['misuse-cases', filter, session?.token],
    enabled: !!session,
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api<CasesPage>(`/api/v1/officer/misuse-cases?limit=${PAGE}${filter === 'all' ? '' : `&status=${filter}`}${pageParam ? `&after=${pageParam}` : ''}`, { token: session!.token, signal }),
    getNextPageParam: (last) => last.next,
  });
  const unauthorized = cases.error instanceof ApiError && cases.error.status === 401;
  const rows = cases.data?.pages.flatMap((p) => p.cases) ?? [];
  return (
    <>
      <p className="back">
        <Link to="/officer">← {t('officer.backToQueue')}</Link>
      </p>
      <PageHeader title={t('misuse.title')} lead={t('misuse.lead')} />
      {!session || unauthorized ? (
        <OfficerSignInNeeded />
      ) : (
        <section className="card">
          <div className="toolbar">
            <label htmlFor="misuse-filter">{t('misuse.filter')}</label>
            <select id="misuse-filter" value={filter} onChange={(e) => setFilter(e.target.value as (typeof FILTERS)[number])}>
              {FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`misuse.filter.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <QueryStatus query={cases} rows={() => rows.length} empty={t('misuse.empty')} showError={!unauthorized} />
          {rows.length ? (
            // On a phone each report is a card (DataTable's cards): the table scrolled 172 px sideways at 390 px, 302 px in English.
            <DataTable
              cards
              label={t('misuse.title')}
              testId="misuse-cases"
              columns={[t('misuse.reportedAt'), t('misuse.cargoNo'), t('misuse.operator'), t('misuse.held'), t('misuse.consent'), t('misuse.note'), ...(filter === 'open' ? [] : [t('misuse.closedCol')])]}
            >
                  {rows.map((c) => (
                    <tr role="row" key={c.id}>
                      <td role="cell" data-label={t('misuse.reportedAt')}>
                        {dateTime(c.reportedAt)}
                        {filter === 'all' ? <span className="small muted"> · {t(`misuse.status.${c.status}`)}</span> : null}
                      </td>
                      <td role="cell" data-label={t('misuse.cargoNo')}>
                        <Link to={`/officer/declarations/${c.declarationId}`}>
                          <code>{c.cargoNo}</code>
                        </Link>
                        <br />
                        <code className="small muted">{c.pccc}</code>
                      </td>
                      <td role="cell" data-label={t('misuse.operator')}>{c.operatorName}</td>
                      <td role="cell" data-label={t('misuse.held')}>{c.held ? t('misuse.heldYes') : <span className="badge badge-danger">{t('misuse.heldNo')}</span>}</td>
                      <td role="cell" data-label={t('misuse.consent')}>{t(consentKey(c.consent))}</td>
                      <td role="cell" data-label={t('misuse.note')}>{c.note || <span className="muted">{t('misuse.noNote')}</span>}</td>
                      {filter === 'open' ? null : (
                        <td role="cell" data-label={t('misuse.closedCol')} data-testid="misuse-closed-cell">
                          {c.closed ? (
                            <>
                              <ClosedBy closed={c.closed} />
                              {c.closed.note ? (
                                <>
                                  <br />
                                  <span className="small">{t('misuse.closeNoteQuoted', { note: c.closed.note })}</span>
                                </>
                              ) : null}
                            </>
                          ) : null}
                        </td>
                      )}
                    </tr>
                  ))}
            </DataTable>
          ) : null}
          {cases.hasNextPage ? (
            <button type="button" className="button secondary" disabled={cases.isFetchingNextPage} onClick={() => cases.fetchNextPage()}>
              {t('misuse.more')}
            </button>
          ) : null}
        </section>
      )}
    </>
  );
}
