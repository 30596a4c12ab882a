// The work queue's status filter and page, kept in the address (/officer?status=held&offset=50) so
// that going back to the queue from a parcel (← 대기열로, or the browser's back) returns to the
// same filter and page, and a reload keeps them.

export interface QueueParams {
  status: string;
  offset: number;
}

/** The filter and page an address names; an unknown status or a bad offset gives the first page of all. */
export function queueParamsOf(search: URLSearchParams, filters: readonly string[], pageSize: number): QueueParams {
  const s = search.get('status') ?? '';
  const o = Number(search.get('offset') ?? '0');
  return {
    status: filters.includes(s) ? s : '',
    offset: Number.isSafeInteger(o) && o > 0 ? Math.floor(o / pageSize) * pageSize : 0,
  };
}

/** The address's query for a filter and page ('' for the first page of all). */
export function queueSearchOf(p: QueueParams): string {
  const q = new URLSearchParams();
  if (p.status) q.set('status', p.status);
  if (p.offset > 0) q.set('offset', String(p.offset));
  const s = q.toString();
  return s ? `?${s}` : '';
}
