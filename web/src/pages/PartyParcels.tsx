// On a party's profile (/officer/parties/:role/:key): the parcels behind its counts, newest first, a
// page at a time (GET /api/v1/officer/parties/:role/:key/declarations). A seller with a 30 % hold
// rate: which parcels, their route, status now, score (model and rule-set version) and inspection
// result, each opening the parcel's officer view. Parcels not scored yet are listed too (미채점 /
// not scored yet): the profile's counts (`total`) begin with a parcel's first scoring, so the lead
// adds them and says how many.
import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryStatus, RouteBadge, StatusBadge } from '../components/ui.tsx';
import { DataTable } from '../components/DataTable.tsx';

interface PartyParcel {
  id: number;
  cargoNo: string;
  declaredAt: string;
  route: string;
  status: string;
  score: { score: number; modelVersion: string; ruleSetVersion: string | null } | null;
  inspection: { outcome: string; inspectedAt: string } | null;
}
interface PartyParcelsPage {
  declarations: PartyParcel[];
  next: number | null;
  /** The party's parcels not scored yet, on every page. */
  unscored: number;
}

const PAGE = 20;

/** `outcomeText`: an inspection outcome in the page's language (the profile's own words for them). */
export function PartyParcels({ role, partyKey, total, token, outcomeText }: { role: string; partyKey: string; total: number; token: string; outcomeText: (outcome: string) => string }) {
  const { t, num, date } = useI18n();
  const parcels = useInfiniteQuery({
    // Under the profile's key: what refreshes the profile (an inspection recorded) refreshes its parcels.
    queryKey: ['profile', role, partyKey, 'parcels', token],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api<PartyParcelsPage>(`/api/v1/officer/parties/${role}/${encodeURIComponent(partyKey)}/declarations?limit=${PAGE}${pageParam ? `&after=${pageParam}` : ''}`, { token, signal }),
    getNextPageParam: (last) => last.next,
  });
  const rows = parcels.data?.pages.flatMap((p) => p.declarations) ?? [];
  const unscored = parcels.data?.pages[0]?.unscored ?? 0;
  return (
    <section className="card" aria-labelledby="party-parcels-title" data-testid="party-parcels">
      <h2 className="card-title" id="party-parcels-title">
        {t('party.parcels.title')}
      </h2>
      <p className="small muted">
        {t('party.parcels.lead', { shown: num(rows.length), total: num(total + unscored) })}
        {unscored > 0 ? <span data-testid="party-parcels-unscored">{` ${t('party.parcels.unscored', { n: num(unscored) })}`}</span> : null}
      </p>
      <QueryStatus query={parcels} rows={() => rows.length} empty={t('party.parcels.empty')} />
      {rows.length ? (
        // On a phone each parcel is a card (DataTable's cards): the table scrolled 287 px sideways at 390 px, 426 px in English.
        <DataTable
          cards
          label={t('party.parcels.title')}
          testId="party-parcels-table"
          columns={[t('party.parcels.cargoNo'), t('party.parcels.declaredAt'), t('party.parcels.route'), t('party.parcels.status'), t('party.parcels.score'), t('party.parcels.inspection')]}
        >
              {rows.map((d) => (
                <tr role="row" key={d.id} data-testid="party-parcel">
                  <td role="cell" data-label={t('party.parcels.cargoNo')}>
                    <Link to={`/officer/declarations/${d.id}`}>
                      <code>{d.cargoNo}</code>
                    </Link>
                  </td>
                  <td role="cell" data-label={t('party.parcels.declaredAt')}>{date(d.declaredAt)}</td>
                  <td role="cell" data-label={t('party.parcels.route')}>
                    <RouteBadge route={d.route} status={d.status} />
                  </td>
                  <td role="cell" data-label={t('party.parcels.status')}>
                    <StatusBadge status={d.status} />
                  </td>
                  <td role="cell" data-label={t('party.parcels.score')} data-testid="party-parcel-score">
                    {d.score ? (
                      <>
                        {`${(d.score.score * 100).toFixed(1)}%`}
                        <br />
                        <span className="small muted">{t('party.parcels.versions', { model: d.score.modelVersion, rules: d.score.ruleSetVersion ?? t('party.parcels.noRules') })}</span>
                      </>
                    ) : (
                      <span className="muted">{t('party.parcels.notScored')}</span>
                    )}
                  </td>
                  <td role="cell" data-label={t('party.parcels.inspection')} data-testid="party-parcel-inspection">
                    {d.inspection ? (
                      <>
                        {outcomeText(d.inspection.outcome)}
                        <br />
                        <span className="small muted">{date(d.inspection.inspectedAt)}</span>
                      </>
                    ) : (
                      <span className="muted">{t('party.parcels.notInspected')}</span>
                    )}
                  </td>
                </tr>
              ))}
        </DataTable>
      ) : null}
      {parcels.hasNextPage ? (
        <button type="button" className="button secondary" disabled={parcels.isFetchingNextPage} onClick={() => parcels.fetchNextPage()} data-testid="party-parcels-more">
          {t('party.parcels.more')}
        </button>
      ) : null}
    </section>
  );
}
