// /me/security "보안 활동 / Security activity": the registry's events of the signed-in holder (GET
// /api/v1/consumer/pccc/events), newest first, by Korean day, each in a sentence (activityText, the one
// mapping of kinds to words, shared with the API), older ones a page at a time by the cursor.
import { Fragment, useEffect, useRef, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { ErrorMessage, Loading } from '../components/ui.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { activityText, type SecurityActivity as Activity } from '../../../src/domain/security-activity.ts';
import { useText } from './text.ts';

/** The code's security activity, a page at a time (newest first); the page waits for its first page before showing its cards (Security.tsx). */
export function useActivity(token: string) {
  return useInfiniteQuery({
    queryKey: ['activity', token],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => api<{ events: Activity[]; next: number | null }>(`/api/v1/consumer/pccc/events${pageParam ? `?before=${pageParam}` : ''}`, { token }),
    getNextPageParam: (last) => last.next,
  });
}

export function SecurityActivity({ token }: { token: string }) {
  const { t, lang } = useText();
  const activity = useActivity(token);
  const events = activity.data?.pages.flatMap((p) => p.events);
  // "Show older" goes when the last page is read: the focus goes to the first event it added, not to <body> (WCAG 2.4.3).
  const list = useRef<HTMLElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  useEffect(() => {
    if (focusFrom === null || !events || events.length <= focusFrom) return;
    list.current?.querySelector<HTMLElement>(`[data-activity-index="${focusFrom}"]`)?.focus();
    setFocusFrom(null);
  }, [focusFrom, events]);
  // By Korean day: a heading a day, its events under it (a day split across two pages is one group).
  const days: { day: string; items: { e: Activity; index: number }[] }[] = [];
  events?.forEach((e, index) => {
    const day = formatDate(lang, e.at);
    const last = days[days.length - 1];
    if (last?.day === day) last.items.push({ e, index });
    else days.push({ day, items: [{ e, index }] });
  });
  return (
    <section className="card" aria-labelledby="sec-activity" data-testid="security-activity" ref={list}>
      <h2 id="sec-activity" className="card-title">
        {t('sec.activity')}
      </h2>
      <p className="small muted">{t('sec.activityLead')}</p>
      {activity.isPending ? <Loading /> : null}
      {events && events.length === 0 ? <p>{t('sec.activityNone')}</p> : null}
      {days.map(({ day, items }) => (
        <Fragment key={day}>
          <h3 className="timeline-title" id={`sec-activity-${day}`}>
            {day}
          </h3>
          <ul className="plain-list" aria-labelledby={`sec-activity-${day}`} data-testid="activity-day">
            {items.map(({ e, index }) => (
              <li key={e.id} data-kind={e.kind} data-activity-index={index} tabIndex={-1}>
                <span>{activityText(e)[lang]}</span> <time className="small muted" dateTime={e.at}>{formatDateTime(lang, e.at, true).slice(day.length + 1)}</time>
              </li>
            ))}
          </ul>
        </Fragment>
      ))}
      {activity.hasNextPage ? (
        <button
          type="button"
          className="button secondary"
          data-testid="activity-more"
          onClick={() => {
            setFocusFrom(events?.length ?? 0);
            void activity.fetchNextPage();
          }}
          disabled={activity.isFetchingNextPage}
        >
          {t('sec.activityMore')}
        </button>
      ) : null}
      {activity.error ? <ErrorMessage error={activity.error} /> : null}
    </section>
  );
}
