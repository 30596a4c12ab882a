// Aho–Corasick automaton: finds every keyword of a list in one pass over the text, however
// many keywords there are (a regex alternation of hundreds of keywords costs text × keywords).
// Latin keywords must start a word ("gin" does not fire inside "engine") and may carry a
// suffix ("vitamins"); Hangul keywords match anywhere, as Korean attaches particles to nouns.

interface Node {
  next: Map<number, number>; // char code -> node
  fail: number;
  outputs: string[]; // keywords ending here
}

export interface KeywordAutomaton {
  /** Keywords found in `text` (already lowercased), each once, in order of first appearance. */
  find(text: string): string[];
}

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57); // a-z, 0-9 (text is lowercased)

export function buildKeywordAutomaton(keywords: Iterable<string>): KeywordAutomaton {
  const nodes: Node[] = [{ next: new Map(), fail: 0, outputs: [] }];
  for (const k of keywords) {
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const ch = k.charCodeAt(i);
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
  // Most characters of a description start no keyword and occur in none: a dense table for the
  // root and a "no keyword has this character" test keep the scan off the maps (Map per node
  // remains for the deeper, rarer states).
  const rootNext = new Int32Array(65536); // char code -> node (0: stay at the root)
  for (const [ch, t] of nodes[0]!.next) rootNext[ch] = t;
  const inAlphabet = new Uint8Array(65536);
  for (const n of nodes) for (const ch of n.next.keys()) inAlphabet[ch] = 1;
  return {
    find(text: string): string[] {
      if (empty) return NONE;
      let found: string[] | null = null;
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (inAlphabet[ch] === 0) {
          s = 0; // no keyword goes on with this character, and the root has no outputs
          continue;
        }
        let t = s === 0 ? rootNext[ch]! : nodes[s]!.next.get(ch);
        while (t === undefined) {
          s = nodes[s]!.fail;
          t = s === 0 ? rootNext[ch]! : nodes[s]!.next.get(ch);
        }
        s = t;
        const outs = nodes[s]!.outputs;
        for (let o = 0; o < outs.length; o++) {
          const k = outs[o]!;
          const start = i + 1 - k.length;
          if (start > 0 && isWordCode(k.charCodeAt(0)) && isWordCode(text.charCodeAt(start - 1))) continue;
          found ??= [];
          if (!found.includes(k)) found.push(k);
        }
      }
      return found ?? NONE;
    },
  };
}

const NONE: string[] = [];
