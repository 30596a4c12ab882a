// Real-time consultation (실시간 민원상담): in the consumer area the consumer's consultations, a
// form to open one (topic, optionally one of their parcels, a message) and the thread with a
// reply box; at /officer/consultations the officers' inbox with the thread, reply and close.
// A thread follows new messages and status changes live over Server-Sent Events
// (GET /api/v1/consultations/:id/events). EventSource cannot send headers, so the session token
// goes in `?access_token=` (that route only); a reconnect resumes after the last message id.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Dl, ErrorMessage, Field, Loading, PageHeader, QueryStatus, StatusBadge } from '../components/ui.tsx';
import { OfficerSignInNeeded } from '../components/OfficerSignInNeeded.tsx';
import { CONSULTATION_TOPICS, MESSAGE_MAX_LENGTH, normalizeMessage, type ConsultationStatus, type ConsultationTopic } from '../../../src/domain/consultation.ts';
import type { ConsumerSession } from '../sign-in.ts';
import { OFFICER_KEY, officerValid, useStoredSession, type OfficerSession } from '../staff-session.ts';

interface Consultation {
  id: number;
  topic: ConsultationTopic;
  status: ConsultationStatus;
  declarationId: number | null;
  cargoNo: string | null;
  declarationStatus: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedByName: string | null;
  closeNote: string | null;
  messageCount: number;
  lastMessage: { authorKind: 'consumer' | 'officer'; excerpt: string; createdAt: string } | null;
  pccc?: string;
}

interface Message {
  id: number;
  authorKind: 'consumer' | 'officer';
  authorName: string | null;
  body: string;
  createdAt: string;
}

type Thread = { consultation: Consultation; messages: Message[] };
type Side = 'consumer' | 'officer';

const badgeOf = (s: ConsultationStatus) => (s === 'open' ? 'badge-warning' : s === 'answered' ? 'badge-success' : 'badge-neutral');

function StatusTag({ status }: { status: ConsultationStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${badgeOf(status)}`}>{t(`consult.status.${status}` as MessageKey)}</span>;
}

/** Keeps the cached thread up to date from the SSE stream: 'live' while connected, 'ended' once the server says the session ended. */
function useLiveThread(id: number, token: string, key: QueryKey, ready: boolean, onChange: () => void): 'live' | 'connecting' | 'ended' {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const [ended, setEnded] = useState(false);
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    if (!ready || typeof EventSource === 'undefined') return;
    const last = queryClient.getQueryData<Thread>(key)?.messages.at(-1)?.id ?? 0;
    const source = new EventSource(`/api/v1/consultations/${id}/events?access_token=${encodeURIComponent(token)}&after=${last}`);
    source.addEventListener('ready', () => setLive(true));
    source.addEventListener('message', (e) => {
      const m = JSON.parse((e as MessageEvent<string>).data) as Message;
      queryClient.setQueryData<Thread>(key, (old) => (old && !old.messages.some((x) => x.id === m.id) ? { ...old, messages: [...old.messages, m] } : old));
      changed.current();
    });
    source.addEventListener('status', (e) => {
      const c = JSON.parse((e as MessageEvent<string>).data) as Consultation;
      queryClient.setQueryData<Thread>(key, (old) => (old ? { ...old, consultation: c } : old));
      changed.current();
    });
    source.addEventListener('session_ended', () => {
      source.close(); // signing in again opens a new stream
      setLive(false);
      setEnded(true);
    });
    source.onerror = () => setLive(false);
    return () => {
      source.close();
      setLive(false);
    };
    // One stream per thread and token (the query key and the callback are read through refs).
  }, [id, token, ready]);
  return ended ? 'ended' : live ? 'live' : 'connecting';
}

function MessageBox({
  label,
  onSend,
  pending,
  error,
  testId,
  initialText = '',
}: {
  label: string;
  onSend: (text: string, done: () => void) => void;
  pending: boolean;
  error: unknown;
  testId: string;
  /** What the box starts with (keyed by the caller to start again). */
  initialText?: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(initialText);
  const [invalid, setInvalid] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const m = normalizeMessage(text);
    setInvalid(!m.ok);
    // Sent, the box is emptied and takes the focus again for the next message: the send button,
    // disabled while sending, had dropped the focus to the page's start.
    if (m.ok)
      onSend(m.text, () => {
        setText('');
        area.current?.focus();
      });
    else area.current?.focus();
  }
  return (
    <form className="form consult-reply" onSubmit={submit} noValidate>
      <Field label={label} hint={t('consult.messageHint')} error={invalid ? t('consult.error.message') : null}>
        {(p) => <textarea {...p} ref={area} name="message" rows={3} maxLength={MESSAGE_MAX_LENGTH} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button primary" disabled={pending} data-testid={testId}>
        {pending ? t('state.sending') : t('consult.send')}
      </button>
    </form>
  );
}

function ThreadView({ id, token, side, onBack }: { id: number; token: string; side: Side; onBack: () => void }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const key = ['consultation', side, id];
  const base = side === 'consumer' ? '/api/v1/consumer/consultations' : '/api/v1/officer/consultations';
  const thread = useQuery({ queryKey: key, queryFn: ({ signal }) => api<Thread>(`${base}/${id}`, { token, signal }) });
  const refreshList = () => queryClient.invalidateQueries({ queryKey: ['consultations', side] });
  const live = useLiveThread(id, token, key, thread.isSuccess, refreshList);
  const addMessage = (m: Message) => queryClient.setQueryData<Thread>(key, (old) => (old && !old.messages.some((x) => x.id === m.id) ? { ...old, messages: [...old.messages, m] } : old));
  const send = useMutation({
    mutationFn: (message: string) => api<{ message: Message; consultation?: Consultation }>(`${base}/${id}/messages`, { token, body: { message } }),
    onSuccess: (r) => {
      addMessage(r.message);
      if (r.consultation) queryClient.setQueryData<Thread>(key, (old) => (old ? { ...old, consultation: r.consultation! } : old));
      refreshList();
    },
  });
  const [note, setNote] = useState('');
  const [justClosed, setJustClosed] = useState(false);
  const close = useMutation({
    mutationFn: () => api<{ consultation: Consultation }>(`/api/v1/officer/consultations/${id}/close`, { token, body: { note } }),
    onSuccess: (r) => {
      queryClient.setQueryData<Thread>(key, (old) => (old ? { ...old, consultation: r.consultation } : old));
      refreshList();
      setJustClosed(true);
    },
  });
  const c = thread.data?.consultation;
  // Closed here, the note that says so takes the focus: the closing form, and the focus with it, is gone.
  const closedNote = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (justClosed && c?.status === 'closed') closedNote.current?.focus();
  }, [justClosed, c?.status]);
  // Opened from the list, the thread takes the focus (its heading) and so comes into view: on a
  // phone the officer's thread is below the whole inbox, and a tap on a row changed nothing on the
  // screen (the focus left on the row); the consumer's replaces the list, the focus lost with the row.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card consult-thread" aria-labelledby="consult-thread-title" data-testid="consult-thread">
      <div className="consult-thread-head">
        <h3 id="consult-thread-title" className="card-title" ref={heading} tabIndex={-1}>
          {c ? t(`consult.topic.${c.topic}` as MessageKey) : t('consult.thread')}
        </h3>
        <span className="small muted" role="status" data-testid="consult-live">
          {t(live === 'live' ? 'consult.live' : live === 'ended' ? 'consult.sessionEnded' : 'consult.connecting')}
        </span>
      </div>
      <button type="button" className="button link" onClick={onBack}>
        {t('consult.back')}
      </button>
      {thread.isPending ? <Loading /> : null}
      {thread.error ? <ErrorMessage error={thread.error} onRetry={() => thread.refetch()} /> : null}
      {c ? (
        <>
          <Dl
            rows={[
              [t('consult.filter'), <StatusTag key="s" status={c.status} />],
              ...(c.pccc ? ([[t('consult.pccc'), <code key="p">{c.pccc}</code>]] as [string, ReactNode][]) : []),
              ...(c.cargoNo
                ? ([
                    [
                      t('consult.cargo'),
                      // An officer answering opens the parcel itself (its hold, assessment and timeline).
                      side === 'officer' && c.declarationId !== null ? (
                        <Link key="c" to={`/officer/declarations/${c.declarationId}`}>
                          <code>{c.cargoNo}</code>
                        </Link>
                      ) : (
                        <code key="c">{c.cargoNo}</code>
                      ),
                    ],
                  ] as [string, ReactNode][])
                : []),
              ...(c.declarationStatus ? ([[t('consult.declStatus'), <StatusBadge key="d" status={c.declarationStatus} />]] as [string, ReactNode][]) : []),
            ]}
          />
          <ol className="chat-list" aria-live="polite" aria-label={t('consult.thread')} data-testid="consult-messages">
            {thread.data!.messages.map((m) => {
              const mine = m.authorKind === side;
              const who = m.authorKind === 'officer' ? `${t('consult.officer')}${m.authorName ? ` ${m.authorName}` : ''}` : side === 'consumer' ? t('consult.you') : t('consult.consumer');
              return (
                <li key={m.id} className={`chat-message ${mine ? 'chat-mine' : 'chat-theirs'}`} data-author={m.authorKind}>
                  <p className="chat-meta small">
                    <strong>{who}</strong> · <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time>
                  </p>
                  <p className="chat-body">{m.body}</p>
                </li>
              );
            })}
          </ol>
          {c.status === 'closed' ? (
            <div className="alert" role="note" ref={closedNote} tabIndex={-1} data-testid="consult-closed">
              <p>{t('consult.closed', { note: c.closeNote ?? '' })}</p>
              {side === 'consumer' ? <p className="small muted">{t('consult.closedHint')}</p> : null}
            </div>
          ) : (
            <>
              <MessageBox label={t('consult.reply')} pending={send.isPending} error={send.error} testId="consult-send" onSend={(text, done) => send.mutate(text, { onSuccess: done })} />
              {side === 'officer' ? (
                <form
                  className="form consult-close"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (note.trim()) close.mutate();
                  }}
                >
                  <Field label={t('consult.closeNote')}>
                    {(p) => <input {...p} name="note" maxLength={MESSAGE_MAX_LENGTH} value={note} onChange={(e) => setNote(e.target.value)} required />}
                  </Field>
                  {close.error ? <ErrorMessage error={close.error} /> : null}
                  <button type="submit" className="button secondary" disabled={close.isPending || !note.trim()}>
                    {t('consult.closeButton')}
                  </button>
                </form>
              ) : null}
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

function ConsultationList({ items, onOpen, side }: { items: Consultation[]; onOpen: (id: number) => void; side: Side }) {
  const { t, dateTime } = useI18n();
  return (
    <ul className="consult-list">
      {items.map((c) => (
        <li key={c.id}>
          <button type="button" className="consult-row" onClick={() => onOpen(c.id)} data-testid={`consultation-${c.id}`}>
            <span className="consult-row-head">
              <strong>{t(`consult.topic.${c.topic}` as MessageKey)}</strong>
              <StatusTag status={c.status} />
            </span>
            {side === 'officer' && c.pccc ? <code className="small">{c.pccc}</code> : null}
            {c.cargoNo ? <code className="small">{c.cargoNo}</code> : null}
            {c.lastMessage ? <span className="consult-excerpt">{c.lastMessage.excerpt}</span> : null}
            <span className="small muted">
              {t('consult.messages', { count: c.messageCount })} · {dateTime(c.updatedAt)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A parcel the consultation should be about, from a link (?consult=<cargo no.>&topic=…): a held parcel's "ask customs". */
/** Consultations read at a time into the officer's inbox. */
const INBOX_PAGE = 100;
type InboxPage = { counts: Record<ConsultationStatus, number>; total: number; next: string | null; limit: number; consultations: Consultation[] };

type ParcelOption = { declarationId: number; cargoNo: string; description: string };

interface About {
  cargoNo: string;
  topic: ConsultationTopic;
}

function OpenForm({ session, onOpened, about, onAboutApplied }: { session: ConsumerSession; onOpened: (id: number) => void; about: About | null; onAboutApplied: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [topic, setTopic] = useState<ConsultationTopic>('clearance_status');
  const [parcel, setParcel] = useState('');
  const parcels = useQuery({
    queryKey: ['consult-parcels', session.pccc],
    queryFn: ({ signal }) => api<{ parcels: ParcelOption[]; truncated: boolean }>('/api/v1/consumer/consultations/parcels', { token: session.token, signal }),
  });
  // A parcel older than the latest listed, asked about from its card: fetched by its number and offered too.
  const [older, setOlder] = useState<ParcelOption | null>(null);
  // Asked about from a lookup, a parcel not under this code cannot be linked: said, and its number
  // put in the question (before: the form opened on "no parcel", the number silently dropped).
  const [notOwn, setNotOwn] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  // The question box, once the form is set: after the render, as the box starts again with the parcel's number in it (the caret after it).
  const [focusAsk, setFocusAsk] = useState(0);
  useEffect(() => {
    if (!focusAsk) return;
    const message = box.current?.querySelector<HTMLTextAreaElement>('textarea[name=message]');
    message?.scrollIntoView({ block: 'center' });
    message?.focus();
    message?.setSelectionRange(message.value.length, message.value.length);
  }, [focusAsk]);
  useEffect(() => {
    if (!about || !parcels.data) return;
    let cancelled = false;
    const apply = (own: ParcelOption | undefined) => {
      setTopic(about.topic);
      if (own) setParcel(String(own.declarationId));
      setNotOwn(own ? null : about.cargoNo);
      onAboutApplied();
      setFocusAsk((n) => n + 1);
    };
    const listed = parcels.data.parcels.find((x) => x.cargoNo === about.cargoNo); // another PCCC's parcel is not offered
    if (listed || !parcels.data.truncated) {
      apply(listed);
      return;
    }
    api<{ parcels: ParcelOption[] }>(`/api/v1/consumer/consultations/parcels?cargoNo=${encodeURIComponent(about.cargoNo)}`, { token: session.token }).then(
      (r) => {
        if (cancelled) return;
        if (r.parcels[0]) setOlder(r.parcels[0]);
        apply(r.parcels[0]);
      },
      () => {
        if (!cancelled) apply(undefined);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [about, parcels.data, onAboutApplied, session.token]);
  const options = [...(parcels.data?.parcels ?? []), ...(older && !parcels.data?.parcels.some((x) => x.cargoNo === older.cargoNo) ? [older] : [])];
  const open = useMutation({
    mutationFn: (message: string) =>
      api<{ consultation: Consultation }>('/api/v1/consumer/consultations', { token: session.token, body: { topic, message, ...(parcel ? { declarationId: Number(parcel) } : {}) } }),
    onSuccess: (r) => {
      queryClient.invalidateQueries({ queryKey: ['consultations', 'consumer'] });
      onOpened(r.consultation.id);
    },
  });
  return (
    <div className="consult-open" ref={box}>
      <h3 className="card-title">{t('consult.new')}</h3>
      <div className="row">
        <Field label={t('consult.topic')}>
          {(p) => (
            <select {...p} name="topic" value={topic} onChange={(e) => setTopic(e.target.value as ConsultationTopic)}>
              {CONSULTATION_TOPICS.map((x) => (
                <option key={x} value={x}>
                  {t(`consult.topic.${x}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('consult.parcel')} optional width="wide">
          {(p) => (
            <select {...p} name="parcel" value={parcel} onChange={(e) => setParcel(e.target.value)}>
              <option value="">{t('consult.parcelNone')}</option>
              {options.map((x) => (
                <option key={x.declarationId} value={x.declarationId}>
                  {x.cargoNo} · {x.description}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {parcels.data?.truncated ? (
        <p className="small muted" data-testid="consult-parcels-truncated">
          {t('consult.parcelsTruncated', { n: parcels.data.parcels.length })}
        </p>
      ) : null}
      {notOwn ? (
        <p className="alert alert-warning" role="status" data-testid="consult-not-own">
          {t('consult.notOwn', { cargoNo: notOwn })}
        </p>
      ) : null}
      <MessageBox
        key={notOwn ?? ''}
        label={t('consult.message')}
        initialText={notOwn ? t('consult.aboutPrefix', { cargoNo: notOwn }) : ''}
        pending={open.isPending}
        error={open.error}
        testId="consult-start"
        onSend={(text, done) => open.mutate(text, { onSuccess: done })}
      />
    </div>
  );
}

/** The consumer's consultations, inside the consumer area (/me). */
export function MyConsultations({ session }: { session: ConsumerSession }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<number | null>(null);
  const [params, setParams] = useSearchParams();
  const aboutCargo = params.get('consult');
  const aboutTopic = params.get('topic');
  const about = useMemo<About | null>(
    () => (aboutCargo ? { cargoNo: aboutCargo, topic: (CONSULTATION_TOPICS as readonly string[]).includes(aboutTopic ?? '') ? (aboutTopic as ConsultationTopic) : 'clearance_status' } : null),
    [aboutCargo, aboutTopic],
  );
  useEffect(() => {
    if (about) setSelected(null); // the form, not an open thread
  }, [about]);
  // Once the form is set, the link has done its work: a second "ask customs" on the same parcel works again.
  const aboutApplied = useCallback(() => setParams({}, { replace: true }), [setParams]);
  const list = useQuery({
    queryKey: ['consultations', 'consumer', session.pccc],
    queryFn: ({ signal }) => api<{ consultations: Consultation[]; truncated: boolean }>('/api/v1/consumer/consultations', { token: session.token, signal }),
  });
  return (
    <section className="card" aria-labelledby="consult-title" data-testid="my-consultations">
      <h2 id="consult-title" className="card-title">
        {t('consult.title')}
      </h2>
      <p className="small muted">{t('consult.lead')}</p>
      {selected !== null ? (
        <ThreadView key={selected} id={selected} token={session.token} side="consumer" onBack={() => setSelected(null)} />
      ) : (
        <>
          <QueryStatus query={list} rows={(d) => d.consultations.length} empty={t('consult.none')} />
          {list.data && list.data.consultations.length > 0 ? <ConsultationList items={list.data.consultations} onOpen={setSelected} side="consumer" /> : null}
          {list.data?.truncated ? (
            <p className="small muted" data-testid="consultations-truncated">
              {t('consult.ownTruncated', { n: list.data.consultations.length })}
            </p>
          ) : null}
          <OpenForm session={session} onOpened={setSelected} about={about} onAboutApplied={aboutApplied} />
        </>
      )}
    </section>
  );
}

/** /officer/consultations: the inbox (unanswered first), the thread, reply and close. */
export function OfficerConsultations() {
  const { t } = useI18n();
  const [session] = useStoredSession<OfficerSession>(OFFICER_KEY, officerValid);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const selected = Number(params.get('id')) || null;
  const set = (next: { status?: string; id?: number | null }) => {
    const p = new URLSearchParams(params);
    if (next.status !== undefined) (next.status ? p.set('status', next.status) : p.delete('status'));
    if (next.id !== undefined) (next.id ? p.set('id', String(next.id)) : p.delete('id'));
    setParams(p);
  };
  // A page at a time, more on request: an inbox of hundreds stopped at 200 before, the oldest open ones out of reach.
  // "More" continues by the page's `next`, in the order the inbox had at the first page: threads that
  // move meanwhile (a new message, an answer) are neither skipped nor shown twice (by offset, both).
  // The 30 s refresh reads the first page anew and the pages after it from there.
  const inbox = useInfiniteQuery({
    queryKey: ['consultations', 'officer', status],
    enabled: !!session,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<InboxPage>(`/api/v1/officer/consultations?limit=${INBOX_PAGE}${pageParam ? `&after=${encodeURIComponent(pageParam)}` : ''}${status ? `&status=${status}` : ''}`, { token: session!.token, signal }),
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: 30_000,
  });
  const counts = inbox.data?.pages[0]?.counts;
  const total = inbox.data?.pages[inbox.data.pages.length - 1]?.total ?? 0;
  const items = inbox.data ? inbox.data.pages.flatMap((p) => p.consultations) : [];
  const unauthorized = inbox.error instanceof ApiError && inbox.error.status === 401;
  return (
    <>
      <PageHeader title={t('consult.inbox')} lead={t('consult.inboxLead')} />
      {!session || unauthorized ? (
        <OfficerSignInNeeded />
      ) : (
        <div className="consult-desk">
          <section className="card" aria-labelledby="inbox-title">
            <h2 id="inbox-title" className="card-title">
              {t('consult.inbox')}
            </h2>
            <div className="toolbar">
              <label htmlFor="consult-filter">{t('consult.filter')}</label>
              <select id="consult-filter" value={status} onChange={(e) => set({ status: e.target.value })}>
                <option value="">{t('consult.filter.active')}</option>
                {(['open', 'answered', 'closed'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`consult.status.${s}` as MessageKey)}
                    {counts ? ` (${counts[s]})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <QueryStatus query={inbox} rows={() => items.length} empty={t('consult.none')} />
            {inbox.data ? <ConsultationList items={items} onOpen={(id) => set({ id })} side="officer" /> : null}
            {inbox.hasNextPage ? (
              <button type="button" className="button secondary block" data-testid="inbox-more" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
                {t('consult.inboxMore', { n: items.length, total })}
              </button>
            ) : null}
            {inbox.isFetchNextPageError ? <ErrorMessage error={inbox.error} onRetry={() => void inbox.fetchNextPage()} /> : null}
          </section>
          {selected ? (
            <ThreadView key={selected} id={selected} token={session.token} side="officer" onBack={() => set({ id: null })} />
          ) : items.length > 0 ? (
            // "Select one" only when there is one to select: beside an empty inbox it asked for the impossible.
            <p className="muted consult-hint">{t('consult.select')}</p>
          ) : null}
        </div>
      )}
    </>
  );
}
