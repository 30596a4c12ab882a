// One parcel as the lookups show it: status, hold reason, next action, taxes due, timeline.
// Shared by the tracking page and the consumer area.
import type { ReactNode } from 'react';
import type { LookupView } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Dl, EventReason, RouteBadge, StatusBadge, Timeline } from './ui.tsx';
import { nextStepsOf, type DeclarationStatus, type NextStep } from '../../../src/domain/lifecycle.ts';

/** The consumer area with the consultation form set on this parcel (after sign-in when the reader is not signed in yet). */
export function consultLink(cargoNo: string, status: string): string {
  return `/me?${new URLSearchParams({ consult: cargoNo, topic: status === 'held' ? 'hold' : 'clearance_status' })}`;
}

/** The consumer area with this parcel's tax notice brought into view (after sign-in when the reader is not signed in yet). */
export function payLink(cargoNo: string): string {
  return `/me?${new URLSearchParams({ pay: cargoNo })}`;
}

/**
 * What the reader can do about the parcel (pay its taxes, ask customs): the lookups' one rule
 * (nextStepsOf, the same as the next action's text), for the tracking page and /me alike. A taxed
 * parcel an officer held offers both (the tracking page offered only to consult). The public lookup
 * cannot say whether the taxes are paid: the pay link leads to the consumer's own notice, which can.
 */
export function nextStepsOfView(view: LookupView): NextStep[] {
  return nextStepsOf({ status: view.status as DeclarationStatus, route: view.route, taxes: view.taxes, hold: view.hold });
}

export function LookupCard({
  view,
  extra,
  headingLevel = 2,
  collapseTimeline = false,
  actions,
  taxStatus,
  payment,
  explanation,
}: {
  view: LookupView;
  extra?: [string, ReactNode][];
  headingLevel?: 2 | 3;
  /** In a list of many parcels the timeline opens on demand. */
  collapseTimeline?: boolean;
  /** What the reader can do about the parcel (after the next step). */
  actions?: ReactNode;
  /** Whether the taxes are paid, when the reader may know (the consumer's own notices). */
  taxStatus?: ReactNode;
  /** How to pay the taxes the next action says are due (the consumer's own parcels), under it. */
  payment?: ReactNode;
  /** Why the parcel took its route and how its taxes were worked out (the consumer's own parcels), above the timeline. */
  explanation?: ReactNode;
}) {
  const { t, pick, krw, date } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const H4 = headingLevel === 2 ? 'h3' : 'h4'; // the level below the card's title
  const taxes = view.taxes;
  // A refused parcel has no hold reason: why it was refused is the refusal event's reason, said as
  // plainly as a hold's (not only down in the timeline).
  const refusal = view.status === 'rejected' ? view.timeline.findLast((e) => e.type === 'REJECTED' && e.reason) : undefined;
  // Refused or withdrawn, the parcel is not imported: the API says nothing is due (dueKrw 0) for
  // taxes the engine would collect; the page says so and why rather than show an amount owed.
  const notDue = taxes && taxes.collected && (view.status === 'rejected' || view.status === 'withdrawn') ? view.status : null;
  return (
    <article className="card lookup-card" aria-labelledby={`cargo-${view.cargoNo}`}>
      <header className="lookup-head">
        <H id={`cargo-${view.cargoNo}`} className="card-title">
          {view.goods.description || t('track.parcel')}
          {view.goods.itemCount > 1 ? <span className="muted"> {t('track.moreItems', { n: view.goods.itemCount - 1 })}</span> : null}
        </H>
        <p className="lookup-status">
          <StatusBadge status={view.status} text={view.statusText} /> <RouteBadge route={view.route} status={view.status} besideStatus />
        </p>
      </header>
      {view.hold ? (
        <div className="alert alert-warning" role="note">
          <p>
            <strong>{t('track.holdReason')}</strong>
          </p>
          <p>{pick(view.hold)}</p>
        </div>
      ) : null}
      {refusal ? (
        <div className="alert alert-error" role="note" data-testid="refusal-reason">
          <p>
            <strong>{t('track.refusalReason')}</strong>
          </p>
          <EventReason entry={refusal} />
        </div>
      ) : null}
      <div className="next-action" data-testid="next-action">
        <p className="next-label">{t('track.nextAction')}</p>
        <p>{pick(view.nextAction)}</p>
      </div>
      {payment ? <div className="lookup-pay">{payment}</div> : null}
      {actions ? <div className="button-row lookup-actions">{actions}</div> : null}
      <Dl
        rows={[
          [t('track.cargoNo'), <code key="c">{view.cargoNo}</code>],
          ...(view.hblNo ? ([[t('track.hbl'), <code key="h">{view.hblNo}</code>]] as [string, ReactNode][]) : []),
          ...(view.mblNo ? ([[t('track.mbl'), <code key="m">{view.mblNo}</code>]] as [string, ReactNode][]) : []),
          [t('track.declaredAt'), date(view.declaredAt)],
          [
            t('track.taxesDue'),
            taxes ? (
              notDue ? (
                <span key="t" data-testid="tax-not-due">
                  <strong>{t('track.taxNotDue')}</strong>
                  <br />
                  <span className="small muted">{t(notDue === 'rejected' ? 'track.taxNotDueRefused' : 'track.taxNotDueWithdrawn')}</span>
                </span>
              ) : taxes.collected ? (
                <span key="t" className="tax-amount">
                  <strong>{krw(taxes.dueKrw)}</strong>
                  {taxStatus ? <> {taxStatus}</> : null}
                </span>
              ) : (
                t('track.noTax')
              )
            ) : (
              '—'
            ),
          ],
          ...(extra ?? []),
        ]}
      />
      {taxes && taxes.collected && !notDue ? (
        <p className="small muted">
          {t('tax.duty')} {krw(taxes.dutyKrw)} · {t('tax.vat')} {krw(taxes.vatKrw)}
          {taxes.exciseKrw ? ` · ${t('tax.excise')} ${krw(taxes.exciseKrw)}` : ''}
          {taxes.educationKrw ? ` · ${t('tax.education')} ${krw(taxes.educationKrw)}` : ''}
          {taxes.liquorKrw ? ` · ${t('tax.liquor')} ${krw(taxes.liquorKrw)}` : ''}
        </p>
      ) : null}
      {explanation ?? null}
      {collapseTimeline ? (
        <details className="timeline-details">
          <summary>
            {/* The parcel's number, for screen readers: a page of parcels has one of these per card. */}
            {t('track.timeline')} ({view.timeline.length})<span className="visually-hidden"> · {view.cargoNo}</span>
          </summary>
          <Timeline entries={view.timeline} />
        </details>
      ) : (
        <>
          <H4 className="timeline-title">{t('track.timeline')}</H4>
          <Timeline entries={view.timeline} />
        </>
      )}
    </article>
  );
}
