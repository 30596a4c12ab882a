// A verified consumer's own declarations (by the PCCC bound to the session), newest first, a page
// at a time: a buyer with hundreds of parcels reads them all (before, the latest 200 and nothing
// said of the rest), with how many there are and how many are held.
import { ok, type Result } from './errors.ts';
import { lookupViewOf, type LookupView } from './lookup-view.ts';
import type { ConsumerPrincipal, DeclarationStore } from './ports.ts';

/** The default stays the old fixed count, so a client that never pages gets the page it got. */
export const OWN_DECLARATIONS_PAGE = { default: 200, max: 200 };

export type OwnDeclaration = LookupView & { platform: string | null; seller: string | null; consigneeName: string };

export async function findByPccc(
  deps: { declarations: DeclarationStore },
  consumer: ConsumerPrincipal,
  page: { limit?: number | undefined; after?: number | undefined; status?: string | undefined } = {},
): Promise<Result<{ declarations: OwnDeclaration[]; next: number | null; total: number; held: number }>> {
  const limit = page.limit ?? OWN_DECLARATIONS_PAGE.default;
  // One row more than the page says whether another follows.
  const [scanned, counts] = await Promise.all([
    deps.declarations.pageByPcccs([consumer.pccc], {
      limit: limit + 1,
      ...(page.after !== undefined ? { beforeId: page.after } : {}),
      ...(page.status !== undefined ? { status: page.status } : {}),
    }),
    deps.declarations.countByPccc(consumer.pccc),
  ]);
  const found = scanned.slice(0, limit);
  const next = scanned.length > limit ? found[found.length - 1]!.id : null;
  const events = await deps.declarations.eventsOfMany(found.map((d) => d.id)); // one read, not one per parcel
  const out: OwnDeclaration[] = [];
  for (const d of found) {
    out.push({
      ...lookupViewOf(d, events.get(d.id) ?? []),
      platform: d.declaration.parties?.platform?.name ?? null,
      seller: d.declaration.parties?.seller?.name ?? null,
      consigneeName: d.declaration.consignee.name,
    });
  }
  return ok({ declarations: out, next, total: counts.total, held: counts.held });
}
