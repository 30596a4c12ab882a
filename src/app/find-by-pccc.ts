// A verified consumer's own declarations (by the PCCC bound to the session).
import { ok, type Result } from './errors.ts';
import { lookupViewOf, type LookupView } from './lookup-view.ts';
import type { ConsumerPrincipal, DeclarationStore } from './ports.ts';

export async function findByPccc(
  deps: { declarations: DeclarationStore },
  consumer: ConsumerPrincipal,
): Promise<Result<(LookupView & { platform: string | null; seller: string | null; consigneeName: string })[]>> {
  const found = await deps.declarations.findByPccc(consumer.pccc, 200);
  const events = await deps.declarations.eventsOfMany(found.map((d) => d.id)); // one read, not one per parcel
  const out = [];
  for (const d of found) {
    out.push({
      ...lookupViewOf(d, events.get(d.id) ?? []),
      platform: d.declaration.parties?.platform?.name ?? null,
      seller: d.declaration.parties?.seller?.name ?? null,
      consigneeName: d.declaration.consignee.name,
    });
  }
  return ok(out);
}
