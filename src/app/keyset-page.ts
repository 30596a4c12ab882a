// One page of a list walked by id, both ways, as the operator's lists page (declarations, tax
// notices): `after` continues past the `next` of a page, `before` goes back from the `prev` of a
// page. A page reads one row more than it shows, which says whether another follows (no `next` to
// an empty page); going back reads from the cursor outwards and shows the rows in list order.

/** Refused when a request sends both cursors. */
export const ONE_CURSOR = { ko: 'after와 before 중 하나만 보내세요.', en: 'Send after or before, not both.' };

export interface KeysetPage<T> {
  page: T[];
  /** Pass as `after` for the page after; null at the end. */
  next: number | null;
  /** Pass as `before` for the page before; null at the start. */
  prev: number | null;
}

/**
 * `read('forward', after, n)`: up to n rows past `after` in list order (from the start without it);
 * `read('back', before, n)`: up to n rows before `before`, nearest first.
 */
export async function keysetPage<T extends { id: number }>(
  limit: number,
  cursor: { after?: number | undefined; before?: number | undefined },
  read: (direction: 'forward' | 'back', from: number | undefined, n: number) => Promise<T[]>,
): Promise<KeysetPage<T>> {
  if (cursor.before !== undefined) {
    const scanned = await read('back', cursor.before, limit + 1);
    const page = scanned.slice(0, limit).reverse();
    // the rows after this page exist: the cursor's own
    return { page, prev: scanned.length > limit ? page[0]!.id : null, next: page.length > 0 ? page[page.length - 1]!.id : null };
  }
  const scanned = await read('forward', cursor.after, limit + 1);
  const page = scanned.slice(0, limit);
  // past the first page, the rows before it exist: the cursor's own
  return { page, next: scanned.length > limit ? page[page.length - 1]!.id : null, prev: cursor.after !== undefined && page.length > 0 ? page[0]!.id : null };
}
