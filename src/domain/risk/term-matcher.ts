// Substring matching of many terms at once: the terms are indexed by their first UTF-16 unit,
// so one pass over a text finds which of them occur in it (one map look-up per character, and
// a startsWith where a term can begin) instead of one indexOf over the text per term. Each term
// carries a tag (a group, a rule); the answers are the same as `text.includes(term)` per term.

export interface TermIndex {
  /** Terms by their first code unit, each list in increasing tag order. */
  byFirst: Map<number, { term: string; tag: number }[]>;
  /** Tags of empty terms (they occur in every text), increasing. */
  empty: number[];
}

export function termIndex(terms: readonly { term: string; tag: number }[]): TermIndex {
  const byFirst = new Map<number, { term: string; tag: number }[]>();
  const empty: number[] = [];
  for (const t of [...terms].sort((a, b) => a.tag - b.tag)) {
    if (t.term === '') {
      empty.push(t.tag);
      continue;
    }
    const c = t.term.charCodeAt(0);
    const list = byFirst.get(c);
    if (list) list.push(t);
    else byFirst.set(c, [t]);
  }
  return { byFirst, empty };
}

/** The smallest tag below `below` of a term occurring in `text` (`below` when none does). */
export function firstTag(ix: TermIndex, text: string, below = Number.POSITIVE_INFINITY): number {
  let best = below;
  if (ix.empty.length > 0 && ix.empty[0]! < best) best = ix.empty[0]!;
  for (let i = 0; i < text.length; i++) {
    const list = ix.byFirst.get(text.charCodeAt(i));
    if (!list) continue;
    for (const { term, tag } of list) {
      if (tag >= best) break;
      if (text.startsWith(term, i)) best = tag;
    }
  }
  return best;
}

/** Sets hit[tag] = 1 for the tag of every term occurring in `text`. */
export function markTags(ix: TermIndex, text: string, hit: Uint8Array): void {
  for (const tag of ix.empty) hit[tag] = 1;
  for (let i = 0; i < text.length; i++) {
    const list = ix.byFirst.get(text.charCodeAt(i));
    if (!list) continue;
    for (const { term, tag } of list) if (hit[tag] === 0 && text.startsWith(term, i)) hit[tag] = 1;
  }
}
