// Public lookup by house or master B/L number with its year (several results possible), from
// the stored read model (declaration_lookup).
import { normalizeBlNo } from './declaration-rows.ts';
import { fail, ok, type Result } from './errors.ts';
import type { DeclarationStore } from './ports.ts';

/** The lookup answers (each a LookupView, lookup-view.ts) as JSON texts. */
export async function findByBillOfLading(
  deps: { declarations: DeclarationStore },
  q: { hblNo?: string; mblNo?: string; blYear?: string },
): Promise<Result<string[]>> {
  const hblNo = normalizeBlNo(q.hblNo) ?? undefined;
  const mblNo = normalizeBlNo(q.mblNo) ?? undefined;
  if ((!hblNo && !mblNo) || !q.blYear || !/^\d{4}$/.test(q.blYear)) return fail('LOOKUP_QUERY_INVALID');
  return ok(await deps.declarations.lookupByBl({ ...(hblNo ? { hblNo } : {}), ...(mblNo ? { mblNo } : {}), blYear: q.blYear }));
}
