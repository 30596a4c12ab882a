// Korean SMS lengths are counted in EUC-KR bytes, not characters: an SMS holds 90 bytes and an
// LMS 2,000 (its title 40), and the gateways accept only characters EUC-KR can encode (SOLAPI
// status 1029: "EUC-KR(완성형 한글) 범위 안에 있는 문자만"). In EUC-KR an ASCII character is one
// byte and every KS X 1001 character (the 2,350 완성형 Hangul syllables, Hanja, symbols) two.
//
// The repertoire is read once from the platform's own decoder (WHATWG euc-kr, in Node's ICU):
// every two-byte code with both bytes in 0xA1–0xFE is KS X 1001, so decoding them all gives
// exactly the characters a 완성형 gateway takes. No table is shipped.

export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2000;
export const LMS_SUBJECT_MAX_BYTES = 40;

let repertoire: Set<string> | null = null;

function twoByteCharacters(): Set<string> {
  if (repertoire) return repertoire;
  const decoder = new TextDecoder('euc-kr', { fatal: true });
  const set = new Set<string>();
  const pair = new Uint8Array(2);
  for (let lead = 0xa1; lead <= 0xfe; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      pair[0] = lead;
      pair[1] = trail;
      try {
        set.add(decoder.decode(pair));
      } catch {
        // an unassigned code point of KS X 1001
      }
    }
  }
  return (repertoire = set);
}

/** Bytes of one character in EUC-KR, or null when EUC-KR cannot encode it (e.g. 똠, emoji). */
export function eucKrCharBytes(ch: string): 1 | 2 | null {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return 1;
  return twoByteCharacters().has(ch) ? 2 : null;
}

/** The text's length in EUC-KR bytes; a character EUC-KR cannot encode is counted as the '?' that replaces it. */
export function eucKrBytes(text: string): number {
  let n = 0;
  for (const ch of text) n += eucKrCharBytes(ch) ?? 1;
  return n;
}

/** The text with every character EUC-KR cannot encode replaced by '?', and how many were replaced. */
export function toEucKrRepertoire(text: string): { text: string; replaced: number } {
  let out = '';
  let replaced = 0;
  for (const ch of text) {
    if (eucKrCharBytes(ch) === null) {
      out += '?';
      replaced++;
    } else out += ch;
  }
  return { text: out, replaced };
}

/** The longest prefix of the text within maxBytes, never splitting a character. */
export function truncateEucKr(text: string, maxBytes: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    const b = eucKrCharBytes(ch) ?? 1;
    if (n + b > maxBytes) break;
    n += b;
    out += ch;
  }
  return out;
}
