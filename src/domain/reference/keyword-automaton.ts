// Aho–Corasick automaton: finds every keyword of a list in one pass over the text, however
// many keywords there are (a regex alternation of hundreds of keywords costs text × keywords).
// Latin keywords must start a word ("gin" does not fire inside "engine") and may carry a
// suffix ("vitamins"); Hangul keywords match anywhere, as Korean attaches particles to nouns.

interface Node {
  next: Map<string, number>;
  fail: number;
  outputs: string[]; // keywords ending here
}

export interface KeywordAutomaton {
  /** Keywords found in `text` (already lowercased), each once, in order of first appearance. */
  find(text: string): string[];
}

const isWordChar = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));

export function buildKeywordAutomaton(keywords: Iterable<string>): KeywordAutomaton {
  const nodes: Node[] = [{ next: new Map(), fail: 0, outputs: [] }];
  for (const k of keywords) {
    let s = 0;
    for (const ch of k) {
      let t = nodes[s]!.next.get(ch);
      if (t === undefined) {
        t = nodes.length;
        nodes.push({ next: new Map(), fail: 0, outputs: [] });
        nodes[s]!.next.set(ch, t);
      }
      s = t;
    }
    if (!nodes[s]!.outputs.includes(k)) nodes[s]!.outputs.push(k);
  }
  // Breadth-first: failure links and inherited outputs.
  const queue: number[] = [...nodes[0]!.next.values()];
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    for (const [ch, t] of nodes[s]!.next) {
      let f = nodes[s]!.fail;
      while (f !== 0 && !nodes[f]!.next.has(ch)) f = nodes[f]!.fail;
      const target = nodes[f]!.next.get(ch);
      nodes[t]!.fail = target !== undefined && target !== t ? target : 0;
      nodes[t]!.outputs.push(...nodes[nodes[t]!.fail]!.outputs.filter((o) => !nodes[t]!.outputs.includes(o)));
      queue.push(t);
    }
  }
  const empty = nodes.length === 1;
  return {
    find(text: string): string[] {
      if (empty) return [];
      let found: string[] | null = null;
      let s = 0;
      let i = 0;
      for (const ch of text) {
        while (s !== 0 && !nodes[s]!.next.has(ch)) s = nodes[s]!.fail;
        s = nodes[s]!.next.get(ch) ?? 0;
        const outs = nodes[s]!.outputs;
        // i is the UTF-16 index of ch; keywords are BMP text, so lengths are code units.
        for (const k of outs) {
          const start = i + ch.length - k.length;
          if (isWordChar(k[0]) && isWordChar(text[start - 1])) continue;
          found ??= [];
          if (!found.includes(k)) found.push(k);
        }
        i += ch.length;
      }
      return found ?? [];
    },
  };
}
