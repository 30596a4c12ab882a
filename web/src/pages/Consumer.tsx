// Consumer area (/me): sign in (passkey, or PCCC + name + mobile + postcode and a one-time code),
// then every declaration under the PCCC: what needs attention first (held parcels, taxes to pay),
// the tax notices, the consultations with customs, and the way to the code's protection
// (/me/security: passkeys, "not me", suspend and reissue).
import { useCallback, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ConsumerDeclaration, type PublishedReason, type TaxNotice } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Empty, ErrorMessage, Loading, PageHeader, ReasonList, UnitsPrice } from '../components/ui.tsx';
import { groupReasons } from '../reason-groups.ts';
import { LookupCard, consultLink, nextStepsOfView } from '../components/LookupCard.tsx';
import { ConsumerSignIn, SessionExpired, useConsumerSession } from '../components/ConsumerSignIn.tsx';
import { PayAction, TaxNotices, useTaxNotices } from './TaxPayment.tsx';
import { MyConsultations } from './Consult.tsx';
import { NOTICE_STATE_BADGE, noticeStateOf, unpaidKrw, type NoticeState } from '../tax-notices.ts';
import type { ConsumerSession } from '../sign-in.ts';

export function Consumer() {
  const { session, signIn, signOut } = useConsumerSession();
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('me.title')} lead={session ? undefined : t('me.lead')} />
      {session ? <MyDeclarations session={session} onSignOut={signOut} /> : <ConsumerSignIn onSignedIn={signIn} />}
    </>
  );
}


/** Held parcels first (they need the consumer), then the server's order (newest first). */
function attentionFirst(items: ConsumerDeclaration[]): ConsumerDeclaration[] {
  return [...items.filter((d) => d.status === 'held'), ...items.filter((d) => d.status !== 'held')];
}

/** Parcels shown at first and added by each "more": a buyer with a year of parcels got one page tens of thousands of pixels long. Held parcels are always all shown. */
const PARCELS_PAGE = 10;
/** Parcels read from the API at a time (newest first); the next page is read when the shown ones run out. */
const FETCH_PAGE = 50;

type OwnPage = { pccc: string; declarations: ConsumerDeclaration[]; next: number | null; total: number; held: number };

function MyDeclarations({ session, onSignOut }: { session: ConsumerSession; onSignOut: () => void }) {
  const { t, krw, dateTime } = useI18n();
  const queryClient = useQueryClient();
  // Every parcel, a page at a time (a buyer may have hundreds; before, the latest 200 and no word of the rest),
  // and every held one apart, however old: they are shown first.
  const list = useInfiniteQuery({
    queryKey: ['consumer-declarations', session.pccc],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => api<OwnPage>(`/api/v1/consumer/declarations?limit=${FETCH_PAGE}${pageParam ? `&after=${pageParam}` : ''}`, { token: session.token, signal }),
    getNextPageParam: (last) => last.next,
  });
  const heldList = useQuery({
    queryKey: ['consumer-declarations', session.pccc, 'held'],
    queryFn: ({ signal }) => api<OwnPage>('/api/v1/consumer/declarations?status=held', { token: session.token, signal }),
  });
  const notices = useTaxNotices(session);
  const [shown, setShown] = useState(PARCELS_PAGE);
  // The notices paid on this page, with their state before: each keeps its place in the notices
  // list, and its parcel's card keeps the pay part, so the receipt shows (and takes the focus) where
  // pay was pressed. On the card the part went as the notice turned paid: the message with it, the
  // focus to the page's body.
  const [paidHere, setPaidHere] = useState<ReadonlyMap<number, NoticeState>>(() => new Map());
  const notePaid = useCallback((id: number, before: NoticeState) => setPaidHere((m) => (m.has(id) ? m : new Map(m).set(id, before))), []);
  if (list.error instanceof ApiError && list.error.status === 401) return <SessionExpired onSignInAgain={onSignOut} />;
  const first = list.data?.pages[0];
  const heldItems = heldList.data?.declarations ?? [];
  const heldCargo = new Set(heldItems.map((d) => d.cargoNo));
  const items = [...heldItems, ...(list.data?.pages.flatMap((p) => p.declarations) ?? []).filter((d) => !heldCargo.has(d.cargoNo))];
  const total = first?.total ?? 0;
  const due = notices.data ? unpaidKrw(notices.data.notices) : null;
  const held = first?.held ?? 0;
  // Held parcels are always all shown (they need the consumer), whatever the page size.
  const visible = Math.max(shown, heldItems.length);
  const left = Math.max(total - Math.min(visible, items.length), 0);
  const showMore = () => {
    setShown(visible + PARCELS_PAGE);
    if (items.length < visible + PARCELS_PAGE && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  };
  return (
    <>
      <div className="card session-bar">
        <p>
          {t('me.signedInAs', { pccc: session.pccc })}
          <span className="small muted"> · {t('me.until', { until: dateTime(session.expiresAt) })}</span>
        </p>
        <div className="button-row">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              queryClient.invalidateQueries({ queryKey: ['consumer-declarations'] });
              setShown(PARCELS_PAGE);
              queryClient.invalidateQueries({ queryKey: ['tax-notices'] });
            }}
          >
            {t('action.refresh')}
          </button>
          <button type="button" className="button secondary" onClick={onSignOut}>
            {t('action.signOut')}
          </button>
        </div>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorMessage error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data ? (
        <>
          <section className="stats-row" aria-label={t('me.summary')}>
            <div className="stat">
              <p className="stat-label">{t('me.count')}</p>
              <p className="stat-value" data-testid="my-count">
                {total}
              </p>
            </div>
            <div className="stat">
              <p className="stat-label">{t('me.held')}</p>
              <p className="stat-value">{held}</p>
            </div>
            <div className="stat">
              <p className="stat-label">{t('me.due')}</p>
              <p className="stat-value" data-testid="my-due">
                {due === null ? '…' : krw(due)}
              </p>
            </div>
          </section>
          <section className="card protect" aria-labelledby="protect-title" data-testid="protect">
            <h2 id="protect-title" className="card-title">
              {t('me.protect.title')}
            </h2>
            <p className="small">{t('me.protect.text')}</p>
            <p className="small muted">{t('me.notMe')}</p>
            <Link to="/me/security" className="button secondary">
              {t('me.protect.link')}
            </Link>
          </section>
          <TaxNotices session={session} paidHere={paidHere} onPaid={notePaid} />
          <MyConsultations session={session} />
          <h2 className="section-title">{t('me.parcels')}</h2>
          {total === 0 ? <Empty>{t('me.none')}</Empty> : null}
          <div className="result-stack">
            {attentionFirst(items).slice(0, visible).map((d) => {
              // The parcel's own notice, however old the parcel (the notices above stop at the latest 500): its line is the next action.
              const notice = d.taxNotice;
              // The tracking page's steps (nextStepsOfView); paying is the notice's own form (payment, below).
              const actions: ReactNode =
                nextStepsOfView(d).includes('consult') ? (
                  <Link to={consultLink(d.cargoNo, d.status)} className="button secondary" data-testid="consult-about">
                    {t('track.consult')}
                  </Link>
                ) : null;
              return (
                <LookupCard
                  key={d.cargoNo}
                  view={d}
                  headingLevel={3}
                  collapseTimeline
                  actions={actions}
                  taxStatus={notice ? <span className={`badge ${NOTICE_STATE_BADGE[noticeStateOf(notice)]}`}>{t(`pay.status.${noticeStateOf(notice)}` as MessageKey)}</span> : null}
                  payment={
                    notice && (notice.status !== 'paid' || paidHere.has(notice.declarationId)) && !['rejected', 'withdrawn'].includes(d.status) ? (
                      <PayAction notice={notice} session={session} onPaid={notePaid} />
                    ) : null
                  }
                  explanation={<ParcelReasons cargoNo={d.cargoNo} reasons={d.reasons} />}
                  extra={[
                    // What was declared, to check against the order: the title says only '… 외 1건'.
                    [
                      t('me.items'),
                      <ul key="i" className="plain-list" data-testid="declared-items">
                        {d.items.map((it, i) => (
                          <li key={i}>
                            {it.description} × {it.quantity}
                            {it.unit && it.unit !== 'piece' && it.unit !== 'bottle' ? it.unit : ''} · <UnitsPrice quantity={it.quantity} unitPrice={it.price} currency={d.currency} />
                          </li>
                        ))}
                      </ul>,
                    ],
                    [t('party.platform'), d.platform ?? '—'],
                    [t('party.seller'), d.seller ?? '—'],
                    [t('party.courier'), d.courier ?? '—'],
                    [t('party.consignee'), d.consigneeName],
                  ]}
                />
              );
            })}
          </div>
          {left > 0 ? (
            <button type="button" className="button secondary block" data-testid="more-parcels" onClick={showMore} disabled={list.isFetchingNextPage}>
              {t('me.more', { n: Math.min(PARCELS_PAGE, left), left })}
            </button>
          ) : null}
          {list.isFetchNextPageError ? <ErrorMessage error={list.error} onRetry={() => void list.fetchNextPage()} /> : null}
        </>
      ) : null}
    </>
  );
}

/**
 * The engine's reasons for one parcel, grouped as the estimator groups them (reason-groups.ts):
 * the outcome, what to do next (none once held, refused or withdrawn: the API leaves them out),
 * how the taxes were worked out, and why; each with its law. Closed until opened: a page of parcels.
 */
function ParcelReasons({ cargoNo, reasons }: { cargoNo: string; reasons: PublishedReason[] }) {
  const { t } = useI18n();
  if (!reasons.length) return null;
  const { outcome, next, calculation, why } = groupReasons(reasons);
  const groups: [string, string, PublishedReason[]][] = [
    ['outcome', t('me.reasons.outcome'), outcome],
    ['next', t('estimate.whatToDo'), next],
    ['calculation', t('estimate.calculation'), calculation],
    ['why', t('estimate.why'), why],
  ];
  return (
    <details className="reason-details" data-testid="parcel-reasons">
      <summary>
        {t('me.reasons')}
        <span className="visually-hidden"> · {cargoNo}</span>
      </summary>
      {groups
        .filter(([, , rs]) => rs.length)
        .map(([key, title, rs]) => (
          <section key={key} data-testid={`parcel-reasons-${key}`}>
            <h4 className="reason-group-title">{title}</h4>
            <ReasonList reasons={rs} showCode={false} />
          </section>
        ))}
    </details>
  );
}
