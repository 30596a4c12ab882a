// A verified consumer's own declarations (under any code the holder has had: the principal's pcccs), newest first, a page
// at a time: a buyer with hundreds of parcels reads them all (before, the latest 200 and nothing
// said of the rest), with how many there are and how many are held.
import { ok, type Result } from './errors.ts';
import { lookupViewOf, type LookupView } from './lookup-view.ts';
import { keysetPage } from './keyset-page.ts';
import { noticesOf, type ListDeps, type ListedTaxNotice } from './list-tax-notices.ts';
import type { TaxNotice } from '../domain/tax-notice.ts';
import { reasonsAtStatus } from '../domain/lifecycle.ts';
import { publishedReason, type PublishedReason } from '../domain/published-reasons.ts';
import { bilingualWithCargoNos, reasonsWithCargoNos, refsOfDetail, textWithCargoNos } from '../domain/combined-refs-view.ts';
import type { TimelineEntry } from '../domain/api-views.ts';
import type { ConsumerPrincipal, DeclarationRecord, DeclarationStore, EventRecord } from './ports.ts';

/** The default stays the old fixed count, so a client that never pages gets the page it got. */
export const OWN_DECLARATIONS_PAGE = { default: 200, max: 200 };

/** An item as declared: what the consumer checks against the order (a hold for quantity or for undervaluation is about these). */
export type OwnItem = { description: string; quantity: number; unit: string | null; price: number };
export type OwnDeclaration = LookupView & { platform: string | null; seller: string | null; courier: string | null; consigneeName: string; currency: string; items: OwnItem[] };
/**
 * A parcel as the consumer's list gives it: with its tax notice (null: nothing owed or paid), whose
 * line is its next action, and the engine's reasons (why this route, each tax and how it was worked
 * out, the law), as the API prints them (with refEn). Past where the engine's NEXT_* advice applies
 * (held, refused, withdrawn: reasonsAtStatus), it is left out: the next action says what holds now.
 */
export type OwnParcel = OwnDeclaration & { taxNotice: ListedTaxNotice | null; reasons: PublishedReason[] };

export async function findByPccc(
  deps: { declarations: DeclarationStore; notices: ListDeps | null },
  consumer: ConsumerPrincipal,
  page: { limit?: number | undefined; after?: number | undefined; status?: string | undefined } = {},
): Promise<Result<{ declarations: OwnParcel[]; next: number | null; total: number; held: number }>> {
  const [{ page: found, next }, counts] = await Promise.all([
    keysetPage(page.limit ?? OWN_DECLARATIONS_PAGE.default, { after: page.after }, (_forward, from, n) =>
      deps.declarations.pageByPcccs(consumer.pcccs, { limit: n, ...(from !== undefined ? { beforeId: from } : {}), ...(page.status !== undefined ? { status: page.status } : {}) }),
    ),
    deps.declarations.countByPcccs(consumer.pcccs),
  ]);
  const events = await deps.declarations.eventsOfMany(found.map((d) => d.id)); // one read, not one per parcel
  // Each parcel's own notice, however old (the notices list stops at the latest 500 taxed parcels):
  // the page says paid, due by when or overdue on the parcel, not the public lookup's "if not paid yet".
  const notices = deps.notices ? new Map((await noticesOf(deps.notices, found, events)).map((n) => [n.declarationId, n])) : new Map<number, ListedTaxNotice>();
  const cargoNoOf = await cargoNosOfMembers(deps.declarations, consumer.pcccs, found, events);
  return ok({
    declarations: found.map((d) => {
      const notice = notices.get(d.id) ?? null;
      const own = ownDeclarationOf(d, events.get(d.id) ?? [], notice);
      const refs = [...d.assessment.combinedWith, ...own.timeline.flatMap((e) => refsOfDetail(e.detail))];
      return {
        ...own,
        nextAction: bilingualWithCargoNos(own.nextAction, refs, cargoNoOf),
        timeline: own.timeline.map((e) => timelineEntryWithCargoNos(e, refsOfDetail(e.detail), cargoNoOf)),
        taxNotice: notice,
        reasons: reasonsWithCargoNos(reasonsAtStatus(d.assessment.reasons, d.status), d.assessment.combinedWith, cargoNoOf).map(publishedReason),
      };
    }),
    next,
    total: counts.total,
    held: counts.held,
  });
}

/** A consumer's view of one own declaration: the public lookup's (the next action from its tax notice, when given), with the parties and the consignee as declared. */
export function ownDeclarationOf(d: DeclarationRecord, events: readonly EventRecord[], notice: TaxNotice | null = null): OwnDeclaration {
  return {
    ...lookupViewOf(d, events, notice),
    platform: d.declaration.parties?.platform?.name ?? null,
    seller: d.declaration.parties?.seller?.name ?? null,
    // A hold's next step sends the consignee to "the courier handling the clearance": which one.
    courier: d.declaration.parties?.courier?.name ?? null,
    consigneeName: d.declaration.consignee.name,
    // The items as declared (the public lookup says '… 외 1건' only): a consumer held for the self-use
    // quantity or for undervaluation could not see what was declared, nor check it against the order.
    currency: d.declaration.order.currency.toUpperCase(),
    items: (d.declaration.items ?? []).map((i) => ({ description: i.description, quantity: i.quantity, unit: i.unit ?? null, price: i.price })),
  };
}

/**
 * The cargo number of each member of the page's combined groups that is the consumer's own (the
 * engine and its redecisions name members by the operator's ref, which the consumer has never seen:
 * combined-refs-view.ts textWithCargoNos). One read for the page; a ref two of their declarations bear
 * names neither.
 */
async function cargoNosOfMembers(
  declarations: DeclarationStore,
  pcccs: readonly string[],
  found: readonly DeclarationRecord[],
  events: ReadonlyMap<number, readonly EventRecord[]>,
): Promise<(ref: string) => string | undefined> {
  const refs = new Set<string>();
  for (const d of found) {
    for (const r of d.assessment.combinedWith) refs.add(r);
    for (const e of events.get(d.id) ?? []) for (const r of refsOfDetail(e.detail)) refs.add(r);
  }
  if (refs.size === 0) return () => undefined;
  const byRef = await declarations.cargoNosOfRefs(pcccs, [...refs]);
  return (ref) => {
    const nos = byRef.get(ref);
    return nos?.length === 1 ? nos[0] : undefined;
  };
}

/** A timeline entry whose reason (Korean) and detail's reasonEn name members of its group by their refs. */
function timelineEntryWithCargoNos(e: TimelineEntry, refs: readonly string[], cargoNoOf: (ref: string) => string | undefined): TimelineEntry {
  if (refs.length === 0) return e;
  const reason = e.reason === null ? null : textWithCargoNos(e.reason, refs, cargoNoOf);
  const detail = e.detail && typeof e.detail.reasonEn === 'string' ? { ...e.detail, reasonEn: textWithCargoNos(e.detail.reasonEn, refs, cargoNoOf) } : e.detail;
  return reason === e.reason && detail === e.detail ? e : { ...e, reason, detail };
}
