// Risk-information exchange with partner customs administrations (협력 세관 정보 교환,
// docs/risk-exchange.md), in the officer workbench at /officer/risk/exchange: the messages
// partners sent (each turned into a rule draft on request, which an administrator publishes on
// the selection-rules page), the export of our signed seizure reports for a period as a JSON file,
// and the registered partners with their keys and our own public key (administrators register
// partners, add a partner's next key and revoke a key here).
import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { addDays } from '../../../src/domain/dates.ts';
import { todayInKorea } from '../format.ts';
import { fieldErrorsOf, sameNames } from '../field-errors.ts';
import { useI18n } from '../i18n.tsx';
import { OfficerSignInNeeded } from '../components/OfficerSignInNeeded.tsx';
import { PartnerRecipientField } from '../components/PartnerRecipientField.tsx';
import type { MessageKey } from '../messages.ts';
import { Dl, Empty, ErrorMessage, Field, Loading, PageHeader, QueryStatus, StatusMessage, TableScroll } from '../components/ui.tsx';
import type { ExchangeMessage, ExchangeParty, InboxKind, Offence, RiskyPartyNoticeBody, SeizureReportBody } from '../../../src/domain/risk-exchange/message.ts';
import type { ExchangePartner, ExchangePartners, IncomingMessage, IncomingState, NoticeWithdrawn, OutgoingMessage, OutgoingWithdrawal, PartnerKey, SeizureExport } from '../../../src/domain/risk-exchange/views.ts';
import { WITHDRAWAL_GROUNDS, type WithdrawalGrounds } from '../../../src/domain/risk-exchange/codes.ts';
import { OFFICER_KEY, officerValid, useStoredSession, type OfficerSession } from '../staff-session.ts';
import { useJsonDownload } from '../json-download.ts';
import type { Bilingual } from '../../../src/domain/bilingual.ts';

type Incoming = IncomingMessage;
type Partner = ExchangePartner;
interface DraftMade {
  draft: { id: number };
  proposal: { rule: { code: string; weight: number } };
}

const TABS = ['inbox', 'export', 'notices', 'partners'] as const;
type Tab = (typeof TABS)[number];
const STATES: IncomingState[] = ['verified', 'in_draft', 'applied'];
const KINDS: InboxKind[] = ['seizure_report', 'risky_party_notice'];
const STATE_TONE: Record<IncomingState, string> = { verified: 'badge-info', in_draft: 'badge-warning', applied: 'badge-success' };
const ROLE_KEY: Record<string, MessageKey> = { platform: 'party.platform', seller: 'party.seller', forwarder: 'party.forwarder', courier: 'party.courier' };


function partyText(p: ExchangeParty): string {
  return `${p.name}${p.code ? ` (${p.code})` : ''}${p.country ? ` · ${p.country}` : ''}`;
}

type ErrorField = 'code' | 'name' | 'country' | 'publicKey' | 'from' | 'to';

/** The form fields an API error is about, with the text to show beside each; empty when it names none of `fields` (then the page shows the error as a whole). */
function fieldErrors(error: unknown, fields: readonly ErrorField[], t: (k: MessageKey) => string, pick: (x: Bilingual) => string): Partial<Record<ErrorField, string>> {
  return fieldErrorsOf(error, {
    field: sameNames(fields),
    codes: { EXCHANGE_PARTNER_EXISTS: 'code', EXCHANGE_KEY_INVALID: 'publicKey' },
    text: (issue, field, e) => {
      // Schema errors: Ajv's own words are English only, so the field's text here.
      if (issue.kind === 'schema') return t(`exchange.error.${field}` as MessageKey);
      if (e.code === 'EXCHANGE_PARTNER_EXISTS' || e.code === 'EXCHANGE_KEY_INVALID') return pick(e);
      // The use cases' own checks: our own code or key (registration), a period (export).
      return issue.code === 'own_code_or_key' ? t('exchange.error.own') : t(`exchange.error.${field}` as MessageKey);
    },
  });
}

/** Before sign-in the page still has its heading (and so its title). */
function NeedSignIn() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('exchange.title')} />
      <OfficerSignInNeeded />
    </>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button secondary"
      aria-label={label}
      onClick={() => {
        navigator.clipboard?.writeText(value).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      <span aria-live="polite">{copied ? t('action.copied') : t('action.copy')}</span>
    </button>
  );
}

/** /officer/risk/exchange */
export function OfficerExchange() {
  const { t } = useI18n();
  const [session] = useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'inbox';
  const partners = useQuery({
    queryKey: ['exchange-partners'],
    enabled: !!session,
    queryFn: ({ signal }) => api<ExchangePartners>('/api/v1/officer/risk-exchange/partners', { token: session!.token, signal }),
  });
  if (!session) return <NeedSignIn />;
  const select = (x: Tab) => setParams(x === 'inbox' ? {} : { tab: x }, { replace: true });
  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern has it (Operator.tsx does the same).
  function onKey(e: KeyboardEvent) {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    select(next);
    requestAnimationFrame(() => document.getElementById(`exchange-tab-${next}`)?.focus());
  }
  return (
    <>
      <p className="back">
        <Link to="/officer">← {t('officer.backToQueue')}</Link>
      </p>
      <PageHeader title={t('exchange.title')} lead={t('exchange.lead')} />
      <div className="tabs" role="tablist" aria-label={t('exchange.title')}>
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            id={`exchange-tab-${x}`}
            aria-selected={tab === x}
            aria-controls={`exchange-panel-${x}`}
            tabIndex={tab === x ? 0 : -1}
            className={tab === x ? 'tab active' : 'tab'}
            onClick={() => select(x)}
            onKeyDown={onKey}
          >
            {t(`exchange.tab.${x}`)}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`exchange-panel-${tab}`} aria-labelledby={`exchange-tab-${tab}`} className="tab-panel">
        {tab === 'inbox' ? <Inbox token={session.token} partners={partners.data?.partners ?? []} /> : null}
        {tab === 'export' ? <Export token={session.token} partners={partners.data?.partners ?? []} /> : null}
        {tab === 'notices' ? <NoticesSent token={session.token} /> : null}
        {tab === 'partners' ? (
          partners.isPending ? (
            <Loading />
          ) : partners.error ? (
            <ErrorMessage error={partners.error} onRetry={() => partners.refetch()} />
          ) : (
            <Partners data={partners.data} session={session} />
          )
        ) : null}
      </section>
    </>
  );
}

function Inbox({ token, partners }: { token: string; partners: Partner[] }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<InboxKind | ''>('');
  const [state, setState] = useState<IncomingState | ''>('');
  // Withdrawn by the partner or not: a notice's withdrawal is not one of its states (a withdrawn notice may still be applied).
  const [withdrawn, setWithdrawn] = useState<'' | 'true' | 'false'>('');
  // A page at a time, older on request (before: the latest 200, the rest unsaid).
  const pages = useInfiniteQuery({
    queryKey: ['exchange-messages', kind, state, withdrawn],
    // Partners send at any time: opening the inbox always asks again, whatever is cached.
    refetchOnMount: 'always',
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api<{ messages: Incoming[]; next: number | null }>(
        `/api/v1/officer/risk-exchange/messages?limit=200${kind ? `&kind=${kind}` : ''}${state ? `&state=${state}` : ''}${withdrawn ? `&withdrawn=${withdrawn}` : ''}${pageParam ? `&after=${pageParam}` : ''}`,
        { token, signal },
      ),
    getNextPageParam: (last) => last.next,
  });
  const messages = { ...pages, data: pages.data ? { messages: pages.data.pages.flatMap((p) => p.messages) } : undefined };
  const byCode = useMemo(() => new Map(partners.map((p) => [p.code, p])), [partners]);
  return (
    <div className="card">
      <h2 className="card-title">{t('exchange.inbox')}</h2>
      <p className="small muted">{t('exchange.inboxLead')}</p>
      <div className="row exchange-filters">
        <Field label={t('exchange.filter.kind')}>
          {(p) => (
            <select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as InboxKind | '')}>
              <option value="">{t('exchange.filter.all')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`exchange.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('exchange.filter.state')}>
          {(p) => (
            <select {...p} name="state" value={state} onChange={(e) => setState(e.target.value as IncomingState | '')}>
              <option value="">{t('exchange.filter.all')}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`exchange.state.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('exchange.filter.withdrawal')}>
          {(p) => (
            <select {...p} name="withdrawn" value={withdrawn} onChange={(e) => setWithdrawn(e.target.value as '' | 'true' | 'false')}>
              <option value="">{t('exchange.filter.all')}</option>
              <option value="true">{t('exchange.filter.withdrawn')}</option>
              <option value="false">{t('exchange.filter.standing')}</option>
            </select>
          )}
        </Field>
        <p className="button-row">
          <button type="button" className="button secondary" onClick={() => messages.refetch()} disabled={messages.isFetching}>
            {t('action.refresh')}
          </button>
        </p>
      </div>
      {messages.isPending ? <Loading /> : null}
      {messages.error ? <ErrorMessage error={messages.error} onRetry={() => messages.refetch()} /> : null}
      {messages.data ? (
        messages.data.messages.length === 0 ? (
          <Empty>{kind || state || withdrawn ? t('exchange.inboxEmptyFiltered') : t('exchange.inboxEmpty')}</Empty>
        ) : (
          <ul className="exchange-list" data-testid="exchange-inbox">
            {messages.data.messages.map((m) => (
              <InboxItem key={m.id} m={m} partner={byCode.get(m.partner)} token={token} />
            ))}
          </ul>
        )
      ) : null}
      {pages.hasNextPage ? (
        <button type="button" className="button secondary" data-testid="inbox-more" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('exchange.inboxMore', { n: messages.data?.messages.length ?? 0 })}
        </button>
      ) : null}
      {pages.isFetchNextPageError ? <ErrorMessage error={pages.error} onRetry={() => void pages.fetchNextPage()} /> : null}
    </div>
  );
}

function Concerns({ m }: { m: Incoming }) {
  const { t, lang, num } = useI18n();
  const offence = (o: Offence | undefined) => (o ? t(`exchange.offence.${o}`) : null);
  if (m.message.kind === 'risky_party_notice') {
    const b = m.message.body as RiskyPartyNoticeBody;
    const words = lang === 'ko' ? (b.reason.text.ko ?? b.reason.text.en) : b.reason.text.en;
    return (
      <Dl
        rows={[
          [t('exchange.concerns'), <strong key="p">{`${t(ROLE_KEY[b.party.role] ?? 'party.seller')}: ${partyText(b.party)}`}</strong>],
          [t('exchange.reason'), `${offence(b.reason.offence) ?? b.reason.category} · “${words}” · ${t('exchange.evidence', { n: num(b.evidenceCount) })}`],
          [t('exchange.messageId'), <code key="i">{m.messageId}</code>],
        ]}
      />
    );
  }
  const b = m.message.body as SeizureReportBody;
  const shown = b.goods.slice(0, 2).map((g) => `${g.hsCode} ${g.description} × ${num(g.quantity)}`);
  const seller = b.parties.seller;
  return (
    <Dl
      rows={[
        [t('exchange.concerns'), <strong key="s">{seller ? `${t('party.seller')}: ${partyText(seller)}` : t('exchange.noSeller')}</strong>],
        [t('exchange.goods'), `${shown.join(', ')}${b.goods.length > 2 ? ` ${t('exchange.moreGoods', { n: b.goods.length - 2 })}` : ''}`],
        [t('exchange.reason'), `${offence(b.detection.offence) ?? b.detection.category} · ${t('exchange.route', { from: b.transport.departureCountry, to: b.transport.destinationCountry })}`],
        [t('exchange.messageId'), <code key="i">{m.messageId}</code>],
      ]}
    />
  );
}

function InboxItem({ m, partner, token }: { m: Incoming; partner: Partner | undefined; token: string }) {
  const { t, dateTime, date, pick } = useI18n();
  const qc = useQueryClient();
  const draft = useMutation({
    mutationFn: () => api<DraftMade>(`/api/v1/officer/risk-exchange/messages/${m.id}/draft`, { token, body: {} }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['exchange-messages'] });
      void qc.invalidateQueries({ queryKey: ['rules'] });
    },
  });
  const body = m.message.body as SeizureReportBody | RiskyPartyNoticeBody;
  const when = m.message.kind === 'seizure_report' ? t('exchange.seizureDate', { date: date((body as SeizureReportBody).seizureDate) }) : t('exchange.validUntil', { date: date((body as RiskyPartyNoticeBody).validUntil) });
  return (
    <li className="exchange-item" data-testid={`exchange-message-${m.messageId}`}>
      <p className="queue-meta">
        <span className={`badge ${m.kind === 'seizure_report' ? 'badge-danger' : 'badge-warning'}`}>{t(`exchange.kind.${m.kind}`)}</span>
        <span className={`badge ${STATE_TONE[m.state]}`} data-testid="exchange-state">
          {t(`exchange.state.${m.state}`)}
        </span>
        {m.withdrawal ? (
          <span className="badge badge-danger" data-testid="exchange-withdrawn-badge">
            {t('exchange.withdrawn')}
          </span>
        ) : null}
      </p>
      <p className="exchange-from">
        <strong>{partner?.name ?? m.partner}</strong> <span className="muted">({m.partner} · {body.reportingCountry})</span>
      </p>
      <p className="small muted">
        {when} · {t('exchange.received', { at: dateTime(m.receivedAt) })}
      </p>
      <Concerns m={m} />
      {m.signedWith.note ? (
        // The server judges it (revoked-key-source.ts): stands (routine rotation, or a compromise that came later) or may be forged.
        <div className={`alert ${m.signedWith.suspect ? 'alert-error' : 'alert-warning'}`} role="note" data-testid="exchange-key-revoked" data-suspect={m.signedWith.suspect}>
          <p>
            <span className={`badge ${m.signedWith.suspect ? 'badge-danger' : 'badge-info'}`}>{t(m.signedWith.suspect ? 'risk.hits.keySuspectBadge' : 'risk.hits.keyRevokedBadge')}</span>{' '}
            {pick(m.signedWith.note)}
          </p>
        </div>
      ) : null}
      {m.withdrawal ? <WithdrawnWarning m={m} /> : null}
      {m.drafts.length ? (
        <div className="small">
          <span className="muted">{t('exchange.drafts')}: </span>
          <ul className="chips exchange-drafts">
            {m.drafts.map((d) => (
              <li key={d.draftId}>
                <Link to={`/officer/risk/rules?draft=${d.draftId}`}>{t('exchange.draftLink', { id: d.draftId })}</Link>
                {d.publishedAs ? ` · ${t('exchange.draftPublished', { version: d.publishedAs })}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {draft.error ? <ErrorMessage error={draft.error} /> : null}
      <StatusMessage className="alert alert-success">
        {draft.data ? (
          <>
            <p>{t('exchange.draftMade', { id: draft.data.draft.id, code: draft.data.proposal.rule.code, weight: draft.data.proposal.rule.weight })}</p>
            <p>
              <Link to={`/officer/risk/rules?draft=${draft.data.draft.id}`} data-testid="exchange-open-draft">
                {t('exchange.openDraft', { id: draft.data.draft.id })}
              </Link>
            </p>
          </>
        ) : null}
      </StatusMessage>
      {m.signedWith.suspect || m.withdrawal ? null : (
        <p className="button-row">
          <button type="button" className="button primary" disabled={draft.isPending} onClick={() => draft.mutate()} aria-label={t('exchange.makeDraftFor', { id: m.messageId })} data-testid="exchange-make-draft">
            {draft.isPending ? t('exchange.makingDraft') : t('exchange.makeDraft')}
          </button>
        </p>
      )}
    </li>
  );
}

/** A notice the partner withdrew: what the officer must no longer rely on, and what was drafted or published from it (rules never change by themselves). */
function WithdrawnWarning({ m }: { m: Incoming }) {
  const { t, pick, dateTime } = useI18n();
  const w = m.withdrawal!;
  const reason = pick({ ko: w.reason.text.ko ?? w.reason.text.en ?? '', en: w.reason.text.en ?? w.reason.text.ko ?? '' });
  return (
    <div className="alert alert-warning" role="note" data-testid="exchange-withdrawn">
      <p>{t('exchange.inbox.withdrawn', { at: dateTime(w.receivedAt), grounds: t(`exchange.grounds.${w.reason.grounds}`), reason })}</p>
      {m.drafts.map((d) => (
        <p key={d.draftId} className="small">
          {d.publishedAs
            ? t('exchange.inbox.withdrawnPublished', { version: d.publishedAs, code: d.ruleCode ?? '' })
            : t('exchange.inbox.withdrawnDraft', { id: d.draftId, code: d.ruleCode ?? '' })}
        </p>
      ))}
    </div>
  );
}

type SentNotice = OutgoingMessage<ExchangeMessage & { body: RiskyPartyNoticeBody }>;

/** Our risky-party notices (issued from a party's profile, PartyNotice.tsx), each downloadable as signed. */
function NoticesSent({ token }: { token: string }) {
  const { t, pick, num, date, dateTime } = useI18n();
  // A page at a time, older on request: past the first page a notice still has to be reachable, to withdraw it.
  const pages = useInfiniteQuery({
    queryKey: ['party-notices'],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => api<{ notices: SentNotice[]; next: number | null }>(`/api/v1/officer/risk-exchange/party-notices${pageParam ? `?after=${pageParam}` : ''}`, { token, signal }),
    getNextPageParam: (last) => last.next,
  });
  const notices = { ...pages, data: pages.data ? { notices: pages.data.pages.flatMap((p) => p.notices) } : undefined };
  return (
    <div className="card">
      <h2 className="card-title">{t('exchange.tab.notices')}</h2>
      <p className="small muted">{t('exchange.notices.lead')}</p>
      <QueryStatus query={notices} rows={(d) => d.notices.length} empty={t('exchange.notices.empty')} />
      {notices.data?.notices.length ? (
        <ul className="exchange-list" data-testid="notices-sent">
          {notices.data.notices.map((n) => {
            const b = n.message.body;
            return (
              <li key={n.id} className="exchange-item" data-testid={`notice-sent-${n.messageId}`}>
                <p>
                  {n.withdrawal ? (
                    <>
                      <span className="badge badge-danger" data-testid="notice-withdrawn-badge">
                        {t('exchange.withdrawn')}
                      </span>{' '}
                    </>
                  ) : null}
                  <strong>
                    {t(ROLE_KEY[b.party.role] ?? 'party.seller')} {partyText(b.party)}
                  </strong>{' '}
                  <span className="badge badge-warning">{t(`exchange.category.${b.reason.category}` as MessageKey)}</span>
                  {b.reason.offence ? <> · {t(`exchange.offence.${b.reason.offence}` as MessageKey)}</> : null}
                </p>
                <p>{pick({ ko: b.reason.text.ko ?? b.reason.text.en, en: b.reason.text.en })}</p>
                <p className="small muted">
                  <code>{n.messageId}</code> · {t('exchange.evidence', { n: num(b.evidenceCount) })} · {t('exchange.validUntil', { date: date(b.validUntil) })} ·{' '}
                  {n.recipient ? t('exchange.notices.to', { code: n.recipient }) : t('exchange.notices.toNone')} · {t('exchange.notices.issued', { at: dateTime(n.createdAt), by: n.createdBy })}
                </p>
                <DownloadJson value={n.message} file={`${n.messageId}.json`} />
                {n.withdrawal ? <NoticeWithdrawal w={n.withdrawal} /> : <WithdrawNotice notice={n} token={token} />}
              </li>
            );
          })}
        </ul>
      ) : null}
      {pages.hasNextPage ? (
        <button type="button" className="button secondary" data-testid="notices-more" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('exchange.notices.more', { n: notices.data?.notices.length ?? 0 })}
        </button>
      ) : null}
      {pages.isFetchNextPageError ? <ErrorMessage error={pages.error} onRetry={() => void pages.fetchNextPage()} /> : null}
    </div>
  );
}

/** Our withdrawal of a notice: when, by whom, on what grounds and why, and the signed withdrawal to send. */
function NoticeWithdrawal({ w }: { w: OutgoingWithdrawal }) {
  const { t, pick, dateTime } = useI18n();
  const r = w.message.body.reason;
  return (
    <div className="alert alert-warning" role="note" data-testid="notice-withdrawal">
      <p>{t('exchange.notices.withdrawnInfo', { at: dateTime(w.createdAt), by: w.createdBy, grounds: t(`exchange.grounds.${r.grounds}`), reason: pick({ ko: r.text.ko ?? r.text.en ?? '', en: r.text.en ?? r.text.ko ?? '' }) })}</p>
      <p className="small">
        {t('exchange.notices.withdrawalId')} <code>{w.messageId}</code> · <DownloadJson value={w.message} file={`${w.messageId}.json`} label={t('exchange.notices.downloadWithdrawal')} />
      </p>
    </div>
  );
}

/** The withdraw action on a notice still standing: grounds, the reason in Korean (English optional), as the portal's other officer reasons. */
function WithdrawNotice({ notice, token }: { notice: SentNotice; token: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [grounds, setGrounds] = useState<WithdrawalGrounds>('issued_in_error');
  const [reason, setReason] = useState('');
  const [reasonEn, setReasonEn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: (body: { grounds: WithdrawalGrounds; reason: string; reasonEn?: string }) =>
      api<NoticeWithdrawn>(`/api/v1/officer/risk-exchange/party-notices/${encodeURIComponent(notice.messageId)}/withdraw`, { token, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['party-notices'] }),
  });
  if (!open)
    return (
      <p className="button-row">
        <button type="button" className="button secondary" onClick={() => setOpen(true)} aria-label={t('exchange.withdraw.openFor', { id: notice.messageId })} data-testid="notice-withdraw-open">
          {t('exchange.withdraw.open')}
        </button>
      </p>
    );
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('exchange.withdraw.reasonRequired'));
      document.querySelector<HTMLElement>(`[data-testid="notice-sent-${notice.messageId}"] [name="withdraw-reason"]`)?.focus();
      return;
    }
    setError(null);
    withdraw.mutate({ grounds, reason: reason.trim(), ...(reasonEn.trim() ? { reasonEn: reasonEn.trim() } : {}) });
  }
  return (
    <form className="form" noValidate onSubmit={submit} data-testid="notice-withdraw-form" aria-label={t('exchange.withdraw.openFor', { id: notice.messageId })}>
      <p className="small muted">{t('exchange.withdraw.lead')}</p>
      <Field label={t('exchange.withdraw.grounds')}>
        {(p) => (
          <select {...p} name="withdraw-grounds" value={grounds} onChange={(e) => setGrounds(e.target.value as WithdrawalGrounds)}>
            {WITHDRAWAL_GROUNDS.map((g) => (
              <option key={g} value={g}>
                {t(`exchange.grounds.${g}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('exchange.withdraw.reason')} error={error}>
        {(p) => <textarea {...p} name="withdraw-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label={t('exchange.withdraw.reasonEn')} hint={t('exchange.withdraw.reasonEnHint')} optional>
        {(p) => <textarea {...p} name="withdraw-reasonEn" rows={2} maxLength={500} value={reasonEn} onChange={(e) => setReasonEn(e.target.value)} />}
      </Field>
      {withdraw.error ? <ErrorMessage error={withdraw.error} /> : null}
      <StatusMessage className="alert alert-success">{withdraw.data ? t('exchange.withdraw.done', { notice: notice.messageId, id: withdraw.data.message.id }) : null}</StatusMessage>
      <button type="submit" className="button danger" disabled={withdraw.isPending} data-testid="notice-withdraw">
        {t('exchange.withdraw.confirm')}
      </button>{' '}
      <button type="button" className="button secondary" onClick={() => setOpen(false)}>
        {t('exchange.withdraw.cancel')}
      </button>
    </form>
  );
}

/** A link that downloads `value` as a JSON file made in the browser (the signed message as the API gave it). */
function DownloadJson({ value, file, label }: { value: unknown; file: string; label?: string }) {
  const { t } = useI18n();
  const url = useJsonDownload(value);
  return url ? (
    <a href={url} download={file} className="small">
      {label ?? t('exchange.export.download')}
    </a>
  ) : null;
}

function Export({ token, partners }: { token: string; partners: Partner[] }) {
  const { t, pick, num, date } = useI18n();
  const [from, setFrom] = useState(() => addDays(todayInKorea(), -29));
  const [to, setTo] = useState(todayInKorea);
  const [recipient, setRecipient] = useState('');
  const run = useMutation({
    mutationFn: (q: { from: string; to: string; recipient: string }) =>
      api<SeizureExport>('/api/v1/officer/risk-exchange/seizure-reports/export', { token, body: { from: q.from, to: q.to, ...(q.recipient ? { recipient: q.recipient } : {}) } }),
  });
  const data = run.data;
  const file = data ? `seizure-reports-${data.sender.code}-${data.period.from}_${data.period.to}${data.recipient ? `-${data.recipient}` : ''}.json` : '';
  const url = useJsonDownload(data);
  const errors = fieldErrors(run.error, ['from', 'to'], t, pick);
  function submit(e: FormEvent) {
    e.preventDefault();
    run.mutate({ from, to, recipient });
  }
  return (
    <div className="card">
      <h2 className="card-title">{t('exchange.export.title')}</h2>
      <p className="small muted">{t('exchange.export.lead')}</p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('exchange.export.title')}>
        <div className="row">
          <Field label={t('exchange.export.from')} hint={t('exchange.export.periodHint')} error={errors.from ?? null}>
            {(p) => <input {...p} type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} required />}
          </Field>
          <Field label={t('exchange.export.to')} error={errors.to ?? null}>
            {(p) => <input {...p} type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} required />}
          </Field>
        </div>
        <PartnerRecipientField partners={partners} value={recipient} onChange={setRecipient} />
        {run.error && !Object.keys(errors).length ? <ErrorMessage error={run.error} /> : null}
        <button type="submit" className="button primary" disabled={run.isPending} data-testid="exchange-export">
          {run.isPending ? t('state.loading') : t('exchange.export.button')}
        </button>
      </form>
      {data ? (
        <div className="result-stack exchange-export" data-testid="exchange-export-result" aria-live="polite">
          <p>
            <strong data-testid="exchange-export-count">{t('exchange.export.count', { n: num(data.messages.length), from: date(data.period.from), to: date(data.period.to) })}</strong>
            {data.recipient ? ` · ${t('exchange.export.to.recipient', { code: data.recipient })}` : ''}
          </p>
          <p className="alert alert-success">{t('exchange.export.privacy')}</p>
          {data.messages.length === 0 ? <Empty>{t('exchange.export.none')}</Empty> : null}
          {data.skipped.length ? <p className="alert alert-warning">{t('exchange.export.skipped', { n: num(data.skipped.length) })}</p> : null}
          {data.truncated ? <p className="alert alert-warning">{t('exchange.export.truncated')}</p> : null}
          <p className="small muted exchange-key">{t('exchange.export.signedBy', { sender: data.sender.code, keyId: data.signingKey.keyId })}</p>
          {url ? (
            <p>
              <a href={url} download={file} className="button primary" data-testid="exchange-download">
                {t('exchange.export.download')}
              </a>{' '}
              <span className="small muted exchange-key">{t('exchange.export.file', { file })}</span>
            </p>
          ) : null}
          {data.messages.length ? (
            <TableScroll label={t('exchange.export.reports', { n: Math.min(10, data.messages.length) })}>
              <table className="data-table">
                <caption>{t('exchange.export.reports', { n: Math.min(10, data.messages.length) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('exchange.export.reportId')}</th>
                    <th scope="col">{t('exchange.export.offence')}</th>
                    <th scope="col">{t('exchange.export.hs')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.messages.slice(0, 10).map((m) => {
                    const b = m.body as SeizureReportBody;
                    return (
                      <tr key={m.id}>
                        <td>
                          <code>{m.id}</code>
                          <br />
                          <span className="small muted">{date(b.seizureDate)}</span>
                        </td>
                        <td>{t(`exchange.offence.${b.detection.offence}`)}</td>
                        <td>{b.goods.map((g) => g.hsCode).join(', ')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Partners({ data, session }: { data: ExchangePartners; session: OfficerSession }) {
  const { t, date } = useI18n();
  return (
    <div className="detail-grid">
      <section className="card" aria-labelledby="exchange-partners-title">
        <h2 className="card-title" id="exchange-partners-title">
          {t('exchange.partners')}
        </h2>
        {data.partners.length === 0 ? (
          <Empty>{t('exchange.partnersEmpty')}</Empty>
        ) : (
          <ul className="exchange-list" data-testid="exchange-partners">
            {data.partners.map((p) => (
              <li key={p.code} className="exchange-item">
                <p className="exchange-from">
                  <strong>{p.name}</strong>
                </p>
                <Dl
                  rows={[
                    [t('exchange.partner.code'), <code key="c">{p.code}</code>],
                    [t('exchange.partner.country'), p.country],
                    [t('exchange.partner.registered'), `${date(p.registeredAt)} · ${p.registeredBy}`],
                  ]}
                />
                <PartnerKeys partner={p} token={session.token} admin={session.user.role === 'admin'} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <div>
        <section className="card" aria-labelledby="exchange-own-key">
          <h2 className="card-title" id="exchange-own-key">
            {t('exchange.ownKey')}
          </h2>
          <p className="small muted">{t('exchange.ownKeyLead')}</p>
          <Dl
            rows={[
              [t('exchange.sender'), <code key="s">{`${data.sender.code} (${data.sender.country})`}</code>],
              [t('exchange.partner.keyId'), <code key="k" className="exchange-key">{data.signingKey.keyId}</code>],
              [t('exchange.publicKey'), <code key="p" className="secret exchange-key" data-testid="exchange-own-public-key">{data.signingKey.publicKey}</code>],
            ]}
          />
          <CopyButton value={data.signingKey.publicKey} label={t('exchange.copyKey')} />
        </section>
        {session.user.role === 'admin' ? <RegisterPartner token={session.token} /> : <p className="small muted">{t('exchange.adminOnly')}</p>}
      </div>
    </div>
  );
}

/** A partner's keys, oldest first, each active or revoked; administrators add the next one and revoke one (with a reason; the last active key only when confirmed). */
function PartnerKeys({ partner, token, admin }: { partner: Partner; token: string; admin: boolean }) {
  const { t, date, dateTime } = useI18n();
  const active = partner.keys.filter((k) => k.state === 'active').length;
  return (
    <div data-testid={`exchange-keys-${partner.code}`}>
      <h3 className="small">{t('exchange.keys')}</h3>
      <ul className="exchange-keys">
        {partner.keys.map((k) => (
          <li key={k.keyId} data-testid="exchange-key" data-state={k.state}>
            <code className="exchange-key">{k.keyId}</code>{' '}
            <span className={`badge ${k.state === 'active' ? 'badge-success' : 'badge-danger'}`}>{t(`exchange.key.${k.state}`)}</span>
            <br />
            <span className="small muted">{t('exchange.key.addedInfo', { at: date(k.addedAt), by: k.addedBy })}</span>
            {k.state === 'revoked' ? (
              <>
                <br />
                <span className="small muted">{t('exchange.key.revokedInfo', { at: date(k.revokedAt ?? ''), by: k.revokedBy ?? '', reason: k.revokedReason ?? '' })}</span>
                {k.compromisedSince ? (
                  <>
                    {' '}
                    <span className="badge badge-danger" data-testid="exchange-key-compromised">
                      {t('exchange.key.compromisedInfo', { at: dateTime(k.compromisedSince) })}
                    </span>
                  </>
                ) : admin ? (
                  <StateCompromise partner={partner.code} keyId={k.keyId} addedAt={k.addedAt} revokedAt={k.revokedAt ?? ''} token={token} />
                ) : null}
              </>
            ) : admin ? (
              <RevokeKey partner={partner.code} keyId={k.keyId} addedAt={k.addedAt} last={active === 1} token={token} />
            ) : null}
          </li>
        ))}
      </ul>
      {admin ? <AddKey partner={partner.code} token={token} /> : null}
    </div>
  );
}

/** A compromise's start as officers enter it (datetime-local, Korean time, as they read times); empty: since the key was added. */
const compromisedSinceOf = (since: string, addedAt: string): string => (since ? new Date(`${since}:00+09:00`).toISOString() : addedAt);

type KeyAction = 'revoke' | 'compromise';
type KeyActionBody = { reason: string; lastKey?: boolean; compromisedSince?: string };
const KEY_ACTION_TEXT: Record<KeyAction, { open: MessageKey; confirm: MessageKey }> = {
  revoke: { open: 'exchange.key.revoke', confirm: 'exchange.key.revokeConfirm' },
  compromise: { open: 'exchange.key.stateCompromise', confirm: 'exchange.key.stateCompromiseConfirm' },
};

/**
 * An administrator's action on a partner's key, as a form behind the button that opens it: its
 * fields (children), the server's refusal, confirm and cancel. What it changes shows on the keys,
 * the inbox (which messages are suspect) and the rules, so all three are read again.
 */
function KeyActionForm(props: { action: KeyAction; partner: string; keyId: string; token: string; ready: boolean; body: () => KeyActionBody; children: ReactNode }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const { action, partner, keyId, token } = props;
  const send = useMutation({
    mutationFn: (body: KeyActionBody) => api<PartnerKey>(`/api/v1/officer/risk-exchange/partners/${encodeURIComponent(partner)}/keys/${encodeURIComponent(keyId)}/${action}`, { token, body }),
    onSuccess: () => {
      for (const key of ['exchange-partners', 'exchange-messages', 'rules']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
  if (!open)
    return (
      <div>
        <button type="button" className="button secondary" onClick={() => setOpen(true)} data-testid={`exchange-${action}-open`}>
          {t(KEY_ACTION_TEXT[action].open)}
        </button>
      </div>
    );
  return (
    <form
      className="form"
      noValidate
      data-testid={`exchange-${action}-form`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send.mutate(props.body());
      }}
    >
      {props.children}
      {send.error ? <ErrorMessage error={send.error} /> : null}
      <button type="submit" className="button danger" disabled={send.isPending || !props.ready} data-testid={`exchange-${action}`}>
        {t(KEY_ACTION_TEXT[action].confirm)}
      </button>{' '}
      <button type="button" className="button secondary" onClick={() => setOpen(false)}>
        {t('exchange.key.cancel')}
      </button>
    </form>
  );
}

function CompromisedSinceField({ name, value, onChange }: { name: string; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('exchange.key.compromisedSince')} hint={t('exchange.key.compromisedSinceHint')} error={null}>
      {(p) => <input {...p} type="datetime-local" name={name} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

function RevokeKey({ partner, keyId, addedAt, last, token }: { partner: string; keyId: string; addedAt: string; last: boolean; token: string }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [lastKey, setLastKey] = useState(false);
  // A compromise, and from when: messages received from then on are flagged as possibly forged.
  const [compromised, setCompromised] = useState(false);
  const [since, setSince] = useState('');
  return (
    <KeyActionForm
      action="revoke"
      partner={partner}
      keyId={keyId}
      token={token}
      ready={!!reason.trim() && (!last || lastKey)}
      body={() => ({ reason: reason.trim(), ...(last ? { lastKey } : {}), ...(compromised ? { compromisedSince: compromisedSinceOf(since, addedAt) } : {}) })}
    >
      <Field label={t('exchange.key.revokeReason')} error={null}>
        {(p) => <input {...p} name="revoke-reason" autoComplete="off" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" name="compromised" checked={compromised} onChange={(e) => setCompromised(e.target.checked)} /> {t('exchange.key.compromised')}
      </label>
      {compromised ? (
        <>
          <p className="small muted">{t('exchange.key.compromisedHint')}</p>
          <CompromisedSinceField name="compromised-since" value={since} onChange={setSince} />
        </>
      ) : null}
      {last ? (
        <label className="checkbox">
          <input type="checkbox" checked={lastKey} onChange={(e) => setLastKey(e.target.checked)} /> {t('exchange.key.lastKey')}
        </label>
      ) : null}
    </KeyActionForm>
  );
}

/**
 * A compromise found out after a routine revocation: stated once (never changed), from a time at or
 * before the revocation (the server refuses a later one). Messages the key verified that reached us
 * from then on become suspect everywhere.
 */
function StateCompromise({ partner, keyId, addedAt, revokedAt, token }: { partner: string; keyId: string; addedAt: string; revokedAt: string; token: string }) {
  const { t, dateTime } = useI18n();
  const [reason, setReason] = useState('');
  const [since, setSince] = useState('');
  return (
    <KeyActionForm action="compromise" partner={partner} keyId={keyId} token={token} ready={!!reason.trim()} body={() => ({ reason: reason.trim(), compromisedSince: compromisedSinceOf(since, addedAt) })}>
      <p className="small muted">{t('exchange.key.stateCompromiseHint', { at: dateTime(revokedAt) })}</p>
      <CompromisedSinceField name="late-compromised-since" value={since} onChange={setSince} />
      <Field label={t('exchange.key.stateCompromiseReason')} error={null}>
        {(p) => <input {...p} name="compromise-reason" autoComplete="off" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </KeyActionForm>
  );
}

function AddKey({ partner, token }: { partner: string; token: string }) {
  const { t, pick } = useI18n();
  const qc = useQueryClient();
  const [publicKey, setPublicKey] = useState('');
  const add = useMutation({
    mutationFn: (body: { publicKey: string }) => api<PartnerKey>(`/api/v1/officer/risk-exchange/partners/${encodeURIComponent(partner)}/keys`, { token, body }),
    onSuccess: () => {
      setPublicKey('');
      void qc.invalidateQueries({ queryKey: ['exchange-partners'] });
    },
  });
  const errors = fieldErrors(add.error, ['publicKey'], t, pick);
  const keyError = errors.publicKey ?? (add.error instanceof ApiError && add.error.code === 'EXCHANGE_KEY_EXISTS' ? pick(add.error) : null);
  return (
    <form
      className="form"
      noValidate
      data-testid="exchange-add-key-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        add.mutate({ publicKey: publicKey.trim() });
      }}
    >
      <Field label={t('exchange.key.add')} hint={t('exchange.key.addHint')} error={keyError}>
        {(p) => <input {...p} name="add-key-publicKey" className="exchange-key-input" autoComplete="off" spellCheck={false} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} />}
      </Field>
      {add.error && !keyError ? <ErrorMessage error={add.error} /> : null}
      <StatusMessage className="alert alert-success">{add.data ? t('exchange.key.addedOk', { keyId: add.data.keyId }) : null}</StatusMessage>
      <button type="submit" className="button secondary" disabled={add.isPending} data-testid="exchange-add-key">
        {t('exchange.key.addButton')}
      </button>
    </form>
  );
}

function RegisterPartner({ token }: { token: string }) {
  const { t, pick } = useI18n();
  const qc = useQueryClient();
  const empty = { code: '', name: '', country: '', publicKey: '' };
  const [form, setForm] = useState(empty);
  const register = useMutation({
    mutationFn: (body: typeof empty) => api<Partner & { keyId: string }>('/api/v1/officer/risk-exchange/partners', { token, body }),
    onSuccess: () => {
      setForm(empty);
      void qc.invalidateQueries({ queryKey: ['exchange-partners'] });
    },
  });
  const errors = fieldErrors(register.error, ['code', 'name', 'country', 'publicKey'], t, pick);
  useEffect(() => {
    // After a refusal, focus goes to the first field named in it, where its error is shown.
    const first = (['code', 'name', 'country', 'publicKey'] as const).find((f) => errors[f]);
    if (first) document.querySelector<HTMLElement>(`[name="partner-${first}"]`)?.focus();
  }, [register.error]);
  function submit(e: FormEvent) {
    e.preventDefault();
    // Codes and countries are upper case on the wire; a key is pasted as it is, less stray spaces.
    register.mutate({ code: form.code.trim().toUpperCase(), name: form.name.trim(), country: form.country.trim().toUpperCase(), publicKey: form.publicKey.trim() });
  }
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <section className="card" aria-labelledby="exchange-register">
      <h2 className="card-title" id="exchange-register">
        {t('exchange.register')}
      </h2>
      <p className="small muted">{t('exchange.registerLead')}</p>
      <form className="form" onSubmit={submit} noValidate data-testid="exchange-register-form">
        <Field label={t('exchange.field.code')} hint={t('exchange.field.codeHint')} error={errors.code ?? null}>
          {(p) => <input {...p} name="partner-code" autoCapitalize="characters" autoComplete="off" spellCheck={false} value={form.code} onChange={set('code')} />}
        </Field>
        <Field label={t('exchange.field.name')} error={errors.name ?? null}>
          {(p) => <input {...p} name="partner-name" autoComplete="off" value={form.name} onChange={set('name')} />}
        </Field>
        <Field label={t('exchange.field.country')} hint={t('exchange.field.countryHint')} error={errors.country ?? null}>
          {(p) => <input {...p} name="partner-country" autoCapitalize="characters" autoComplete="off" maxLength={2} value={form.country} onChange={set('country')} />}
        </Field>
        <Field label={t('exchange.field.publicKey')} hint={t('exchange.field.publicKeyHint')} error={errors.publicKey ?? null}>
          {(p) => <input {...p} name="partner-publicKey" className="exchange-key-input" autoComplete="off" spellCheck={false} value={form.publicKey} onChange={set('publicKey')} />}
        </Field>
        {register.error && !Object.keys(errors).length ? <ErrorMessage error={register.error} /> : null}
        <StatusMessage className="alert alert-success">{register.data ? t('exchange.registered', { code: register.data.code, keyId: register.data.keyId }) : null}</StatusMessage>
        <button type="submit" className="button primary" disabled={register.isPending} data-testid="exchange-register">
          {t('exchange.registerButton')}
        </button>
      </form>
    </section>
  );
}
