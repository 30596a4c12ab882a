// Text of a PDF written by pdfkit (tests only): pdfkit writes glyph ids of the embedded (subset)
// fonts, so the text is read back through each font's ToUnicode CMap; Flate streams are inflated.
import { inflateSync } from 'node:zlib';

/** The objects of a pdfkit PDF by number, their streams inflated (latin1 text). */
function objectsOf(pdf: Buffer): Map<string, string> {
  const objects = new Map<string, string>();
  for (const m of pdf.toString('latin1').matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    let body = m[2]!;
    const s = /^([\s\S]*?)\nstream\n([\s\S]*)\nendstream$/.exec(body);
    if (s && s[1]!.includes('/FlateDecode')) body = `${s[1]}\nstream\n${inflateSync(Buffer.from(s[2]!, 'latin1')).toString('latin1')}\nendstream`;
    objects.set(m[1]!, body);
  }
  return objects;
}

/** The text shown by a pdfkit PDF, one line per text-showing operation (TJ). */
export function textOf(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const all = [...objects.values()].join('\n');
  const unicodeOf = new Map<string, Map<number, string>>(); // font resource name → glyph → text
  for (const m of all.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(m[2]!) ?? '')?.[1];
    if (!cmapRef) continue;
    const map = new Map<number, string>();
    for (const r of (objects.get(cmapRef) ?? '').matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      [...r[2]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => map.set(parseInt(r[1]!, 16) + i, String.fromCodePoint(parseInt(u[1]!, 16))));
    }
    unicodeOf.set(m[1]!, map);
  }
  let font = new Map<number, string>();
  const lines: string[] = [];
  for (const op of all.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (op[1]) font = unicodeOf.get(op[1]) ?? new Map();
    else lines.push([...op[2]!.matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1]!.match(/.{4}/g)!.map((g) => font.get(parseInt(g, 16)) ?? '\uFFFD').join('')).join(''));
  }
  return lines.join('\n');
}
