// An operator's own declarations (GET /api/v1/declarations), oldest first (the default, as API
// clients have always read them) or newest first (`order=desc`: the console's "all", to see today's
// declarations first), keyset-paged by id in list order, both ways, as the tax notices page:
// `after` continues past the `next` of a page, `before` goes back from the `prev` of a page.
// The cursor is an id, never an offset, so a declaration that arrives meanwhile neither repeats a row
// nor pushes one out of the walk: newest first it shows on a fresh first page (its id is above every
// page's), oldest first on the last one.
import { normalizeBlNo } from './declaration-rows.ts';
import { ok, type Result } from './errors.ts';
import { keysetPage, ONE_CURSOR } from './keyset-page.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { DeclarationRecord, DeclarationStore, OperatorPrincipal } from './ports.ts';

export type ListOrder = 'asc' | 'desc';

export interface OperatorDeclarationsQuery {
  status?: string;
  ref?: string;
  /** As stored (upper case). */
  cargoNo?: string;
  /** A house or master B/L number, in any case, spaces and hyphens ignored (read as stored: normalizeBlNo). */
  blNo?: string;
  updatedSince?: string;
  limit: number;
  /** `asc` (default): oldest first; `desc`: newest first. */
  order?: ListOrder;
  /** The declarations after this id in list order (the `next` of the page before); 0 or absent: from the start. */
  after?: number;
  /** The declarations before this id in list order, the nearest ones (the `prev` of the page after). */
  before?: number;
}

export async function listOperatorDeclarations(
  deps: { declarations: Pick<DeclarationStore, 'listForOperator'> },
  operator: OperatorPrincipal,
  q: OperatorDeclarationsQuery,
): Promise<Result<{ declarations: DeclarationRecord[]; next: number | null; prev: number | null }>> {
  const after = q.after || undefined; // 0: the first page, in either order
  if (after !== undefined && q.before !== undefined) return invalidRequest(requestFieldError('querystring.before', 'not_allowed_with', { other: 'after' }, ONE_CURSOR));
  const desc = q.order === 'desc';
  const filters = {
    ...(q.status !== undefined ? { status: q.status } : {}),
    ...(q.ref !== undefined ? { ref: q.ref } : {}),
    ...(q.cargoNo !== undefined ? { cargoNo: q.cargoNo } : {}),
    // as stored; a number of only spaces and hyphens matches nothing (not every declaration)
    ...(q.blNo !== undefined ? { blNo: normalizeBlNo(q.blNo) ?? '' } : {}),
    ...(q.updatedSince !== undefined ? { updatedSince: q.updatedSince } : {}),
  };
  // Newest first, "forward" is down the ids and "back" up them.
  const { page, next, prev } = await keysetPage(q.limit, { after, before: q.before }, (direction, from, limit) => {
    const up = (direction === 'forward') !== desc;
    const bound = from === undefined ? {} : up ? { afterId: from } : { beforeId: from };
    return deps.declarations.listForOperator(operator.operatorId, { ...filters, limit, ...bound, descending: !up });
  });
  return ok({ declarations: page, next, prev });
}
