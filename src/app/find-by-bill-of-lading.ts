// Public lookup by house or master B/L number with its year (several results possible), from
// the stored read model (declaration_lookup).
import { normalizeBlNo } from './declaration-rows.ts';
import { fail, ok, type Result } from './errors.ts';
import { requestFieldError, type RequestFieldError } from './field-errors.ts';
import type { DeclarationStore } from './ports.ts';

/** The most answers one lookup gives: a consolidated master B/L can carry thousands of parcels. */
export const BL_LOOKUP_MAX = 100;

/**
 * The lookup answers (each a LookupView, lookup-view.ts) as JSON texts, the first BL_LOOKUP_MAX in
 * declaration order; `truncated` says there are more (it was silent: a client took 100 for all).
 */
export async function findByBillOfLading(
  deps: { declarations: DeclarationStore },
  q: { hblNo?: string; mblNo?: string; blYear?: string },
): Promise<Result<{ results: string[]; truncated: boolean }>> {
  const hblNo = normalizeBlNo(q.hblNo) ?? undefined;
  const mblNo = normalizeBlNo(q.mblNo) ?? undefined;
  // named as a refused request's fields are (docs/api.md, "Bad requests"); a B/L number of only spaces and hyphens is none
  const missing: RequestFieldError[] = [];
  if (!hblNo && !mblNo) missing.push(requestFieldError('querystring.hblNo', 'one_of_required', { fields: 'hblNo, mblNo' }));
  const blYear = q.blYear && /^\d{4}$/.test(q.blYear) ? q.blYear : null;
  if (!blYear) missing.push(requestFieldError('querystring.blYear', 'bad_format', { format: 'YYYY' }));
  if (missing.length || !blYear) return fail('LOOKUP_QUERY_INVALID', missing);
  const rows = await deps.declarations.lookupByBl({ ...(hblNo ? { hblNo } : {}), ...(mblNo ? { mblNo } : {}), blYear, limit: BL_LOOKUP_MAX + 1 });
  return ok({ results: rows.slice(0, BL_LOOKUP_MAX), truncated: rows.length > BL_LOOKUP_MAX });
}
