// Public lookup by house or master B/L number with its year (several results possible).
import { normalizeBlNo } from './declaration-rows.ts';
import { fail, ok, type Result } from './errors.ts';
import { lookupViewOf, type LookupView } from './lookup-view.ts';
import type { DeclarationStore } from './ports.ts';

export async function findByBillOfLading(
  deps: { declarations: DeclarationStore },
  q: { hblNo?: string; mblNo?: string; blYear?: string },
): Promise<Result<LookupView[]>> {
  const hblNo = normalizeBlNo(q.hblNo) ?? undefined;
  const mblNo = normalizeBlNo(q.mblNo) ?? undefined;
  if ((!hblNo && !mblNo) || !q.blYear || !/^\d{4}$/.test(q.blYear)) return fail('LOOKUP_QUERY_INVALID');
  const found = await deps.declarations.findByBl({ ...(hblNo ? { hblNo } : {}), ...(mblNo ? { mblNo } : {}), blYear: q.blYear });
  const views: LookupView[] = [];
  for (const d of found) views.push(lookupViewOf(d, await deps.declarations.eventsOf(d.id)));
  return ok(views);
}
