// The query string of a UNI-PASS-compatible request, decoded strictly as UTF-8 (README "Korean in
// the query string").
//
// Fastify's parser (fast-querystring) keeps a value whose percent-encoding does not decode as
// UTF-8 as it came: `pltxNm=%B1%E8%B9%CE%C1%F6` (김민지 in EUC-KR) reached API028 as the name
// "%B1%E8%B9%CE%C1%F6", which answered tCnt 0 "성명과 일치하지 않습니다": a false statement about a
// person, where the request was simply unreadable. Here such a value is marked undecodable, and the
// route answers the UNI-PASS error form naming the parameter (index.ts).
//
// EUC-KR is not guessed. A value that decodes as UTF-8 is UTF-8 (RFC 3986 §2.5, WHATWG URL), and
// some EUC-KR values are valid UTF-8 too: 홍창호 in EUC-KR is %C8%AB%C3%A2%C8%A3, which is UTF-8
// for "ȫâȣ", and 치킨 is %C4%A1%C5%B2, UTF-8 for "ġŲ" (217 of the 2,350 KS X 1001 syllables are
// such a pair); 김민지 (%B1%E8%B9%CE%C1%F6) is not UTF-8. With an EUC-KR fallback a client sending
// EUC-KR would have most values read and some misread in silence (홍창호 an API028 name mismatch,
// 치킨 no HS code), which no answer could tell from a real mismatch. Refused every time it cannot
// be read, its developer sees the notice on the first Korean value and switches to UTF-8, after
// which nothing is misread.
//
// Rules otherwise as URLSearchParams and fast-querystring: pairs split on `&`, a pair's key and
// value at its first `=`, `+` is a space, a `%` not followed by two hex digits is itself.

export interface DecodedQuery {
  /** As Fastify's parser gives it: a string, or the strings of a repeated parameter in order. */
  query: Record<string, string | string[]>;
  /** Parameters one of whose values (or whose name) is not UTF-8; their raw text is in `query`. */
  undecodable: ReadonlySet<string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const HEX = /^[0-9A-Fa-f]{2}$/;

/** `text` percent-decoded (and `+` as a space), or null when the bytes are not UTF-8. */
export function decodeComponent(text: string): string | null {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced; // nothing to decode (literal non-ASCII, from inject, is already text)
  const bytes: number[] = [];
  for (let i = 0; i < spaced.length; ) {
    const c = spaced.charCodeAt(i);
    if (c === 0x25 && HEX.test(spaced.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(spaced.slice(i + 1, i + 3), 16));
      i += 3;
    } else if (c < 0x80) {
      bytes.push(c);
      i += 1;
    } else {
      const cp = spaced.codePointAt(i)!;
      bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
      i += cp > 0xffff ? 2 : 1;
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

/** The query string of `url` (after its first `?`), decoded as UTF-8. */
export function decodeQuery(url: string): DecodedQuery {
  const query: Record<string, string | string[]> = Object.create(null);
  const undecodable = new Set<string>();
  const at = url.indexOf('?');
  if (at < 0) return { query, undecodable };
  for (const pair of url.slice(at + 1).split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const decodedKey = decodeComponent(rawKey);
    const key = decodedKey ?? rawKey;
    const decodedValue = decodeComponent(rawValue);
    if (decodedKey === null || decodedValue === null) undecodable.add(key);
    const value = decodedValue ?? rawValue;
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return { query, undecodable };
}
