// `tonggwan assess FILE|-`: reads {"declarations":[…]}, prints {"assessments":[…]}, one per
// declaration in order, written as they are decided (memory holds the input, not the output).
// A summary for people goes to stderr. Exit 0 when every declaration was assessed, 1 when the
// output is complete but some were rejected, 2 with a one-line message when nothing was assessed.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { REF_TWICE } from '../app/submit-declarations.ts';
import { assessEach, rejectedAssessment } from '../domain/assess.ts';
import type { Assessment } from '../domain/assessment.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';

export interface CommandIo {
  /** Standard input, as bytes (checked to be UTF-8) or as text. */
  readStdin(): Promise<Uint8Array | string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves once standard output has taken what was written: a slow reader (`| jq`) holds the writer back instead of the output piling up in memory. */
  drained?(): Promise<void>;
}

const USAGE = `usage: tonggwan assess FILE   (or - for standard input)
  FILE holds one JSON object {"declarations":[…]} in UTF-8 (field names: README, "The clearance engine").
  Prints {"assessments":[…]} on standard output, one per declaration in the same order, each with its
  status, route, taxes and reasons (Korean and English, with the legal reference). The declarations of
  one file are combined for combined taxation (합산과세) as on the platform: give one file at a time.
  Offline it does not know the declarations already on record, which the platform also combines with.
  A summary goes to standard error: the count by route, how many used an approximate exchange rate,
  and each rejected declaration with its position, ref and field errors.
  Exit 0: all assessed; 1: all printed, but some declarations were rejected (their "errors" say why);
  2: nothing assessed (bad arguments, or the input is not UTF-8 JSON of that shape).
  -h, --help   print this text
`;

/** Rejected declarations listed one per line in the summary; the rest are counted. */
const LISTED_REJECTIONS = 20;

export async function assessCommand(args: string[], loadReference: () => Promise<Reference>, io: CommandIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`tonggwan assess: ${message}\n`);
    return 2;
  };
  let parsed: { values: { help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    return fail(`${(e as Error).message.split('.')[0]} (tonggwan assess --help lists the options)`);
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [source, ...extra] = parsed.positionals;
  if (!source) {
    io.stderr(USAGE);
    return 2;
  }
  if (extra.length) {
    return fail(
      `one file at a time (got ${parsed.positionals.length}: ${parsed.positionals.join(', ')}); ` +
        'declarations are combined for taxation within one file, so put those to assess together in one {"declarations":[…]}',
    );
  }
  const name = source === '-' ? 'standard input' : source;
  const read = await readText(source, io);
  if (!read.ok) return fail(`cannot read ${name}: ${read.message}`);
  const text = read.text;
  if (!text.trim()) return fail(`${name} is empty: expected a JSON object {"declarations":[…]}`);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return fail(`${name} is not valid JSON: ${(e as Error).message.split('\n')[0]}${jsonLinesHint(text, e as Error)}`);
  }
  const declarations = (input as { declarations?: unknown } | null)?.declarations;
  if (!Array.isArray(declarations)) return fail(`expected a JSON object {"declarations":[…]} in ${name}, found ${shapeOf(input)}`);
  const reference = await loadReference();
  const summary = await writeAssessments(declarations, reference, io);
  io.stderr(summaryText(summary));
  return summary.rejected.length ? 1 : 0;
}

type ReadResult = { ok: true; text: string } | { ok: false; message: string };

async function readText(source: string, io: CommandIo): Promise<ReadResult> {
  let bytes: Uint8Array | string;
  try {
    bytes = source === '-' ? await io.readStdin() : await readFile(source);
  } catch (e) {
    return { ok: false, message: readErrorText(e as NodeJS.ErrnoException) };
  }
  if (typeof bytes === 'string') return { ok: true, text: stripBom(bytes) };
  if (!isUtf8(bytes)) {
    // Korean Windows tools save EUC-KR (CP949) by default: decoded as UTF-8 the names would silently turn to U+FFFD.
    const before = Buffer.from(bytes).toString('utf8');
    const line = before.slice(0, before.indexOf('\uFFFD')).split('\n').length;
    return { ok: false, message: `not UTF-8 text (line ${line}; a file saved as EUC-KR/CP949?): save it as UTF-8` };
  }
  try {
    return { ok: true, text: stripBom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) };
  } catch {
    // V8's longest string is 512 MiB; about 6 times the file's size is needed to assess it anyway.
    return {
      ok: false,
      message: `too large to read at once (${Math.round(bytes.byteLength / 2 ** 20)} MB): split it into files of under 300 MB, each consignee's declarations in one file (combined taxation looks within a file)`,
    };
  }
}

/** A byte order mark (Windows Notepad, Excel) is allowed before JSON text (RFC 8259 §8.1). */
const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function readErrorText(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file (ENOENT)';
    case 'EISDIR':
      return 'it is a directory, not a file (EISDIR)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${e.code})`;
    default:
      return e.code ?? e.message;
  }
}

/** JSON Lines (one declaration per line) fails as "… after JSON at position …": say what assess reads instead. */
function jsonLinesHint(text: string, e: Error): string {
  if (!/after JSON/.test(e.message)) return '';
  const first = text.trimStart().split('\n', 1)[0]!;
  try {
    JSON.parse(first);
  } catch {
    return '';
  }
  return ' (more than one JSON value: JSON Lines is not read; put the declarations in one {"declarations":[…]})';
}

function shapeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array (wrap it: {"declarations": […]})';
  if (typeof input !== 'object') return `a ${typeof input}`;
  const d = (input as { declarations?: unknown }).declarations;
  if (d === undefined) {
    const keys = Object.keys(input);
    return `an object without "declarations"${keys.length ? ` (its keys: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''})` : ''}`;
  }
  return `"declarations" as ${d === null ? 'null' : typeof d === 'object' ? 'an object' : `a ${typeof d}`}, not an array`;
}

interface Summary {
  count: number;
  routes: { list: number; general: number; hold: number };
  rejected: { index: number; ref: string; errors: Assessment['errors'] }[];
  /** Assessed at a week's approximate exchange rate (reason FX_PLACEHOLDER): their amounts may change. */
  approximateRate: number;
}

/**
 * Prints exactly what `JSON.stringify({ assessments }, null, 2)` would, in pieces of a few
 * hundred assessments written as they are decided, each once the reader has taken the one
 * before: the batch's assessments (about 10 times the input) are never held at once, neither
 * here nor in a pipe's buffer, and no string nears V8's limit.
 */
async function writeAssessments(declarations: readonly unknown[], reference: Reference, io: CommandIo, perPiece = 500): Promise<Summary> {
  const summary: Summary = { count: 0, routes: { list: 0, general: 0, hold: 0 }, rejected: [], approximateRate: 0 };
  if (declarations.length === 0) {
    io.stdout('{\n  "assessments": []\n}\n');
    return summary;
  }
  // As on the platform: a ref seen earlier in the batch is refused, and kept out of combined taxation (it would combine with itself).
  const seen = new Set<string>();
  const repeated = declarations.map((d) => {
    const ref = (d as { ref?: unknown } | null)?.ref;
    if (typeof ref !== 'string' || !ref) return false;
    if (seen.has(ref)) return true;
    seen.add(ref);
    return false;
  });
  seen.clear();
  const assessed = assessEach(repeated.includes(true) ? declarations.filter((_, k) => !repeated[k]) : declarations, reference);
  let piece = '{\n  "assessments": [';
  for (let i = 0; i < declarations.length; ) {
    const a = repeated[i] ? rejectedAssessment((declarations[i] as { ref: string }).ref, [REF_TWICE]) : assessed.next().value!;
    summary.count++;
    if (a.status === 'rejected') summary.rejected.push({ index: i, ref: a.ref, errors: summary.rejected.length < LISTED_REJECTIONS ? a.errors : [] });
    else if (a.route) summary.routes[a.route]++;
    if (a.signals.includes('FX_PLACEHOLDER')) summary.approximateRate++;
    piece += `${i > 0 ? ',' : ''}\n    ${JSON.stringify(a, null, 2).replaceAll('\n', '\n    ')}`;
    if (++i % perPiece === 0) {
      io.stdout(piece);
      piece = '';
      await io.drained?.();
    }
  }
  io.stdout(`${piece}\n  ]\n}\n`);
  return summary;
}

function summaryText(s: Summary): string {
  const assessed = s.count - s.rejected.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let text = `tonggwan assess: ${plural(s.count, 'declaration')}: ${assessed} assessed (list ${s.routes.list}, general ${s.routes.general}, hold ${s.routes.hold}), ${s.rejected.length} rejected\n`;
  if (s.approximateRate) text += `  ${s.approximateRate} of them at an approximate exchange rate (reason FX_PLACEHOLDER): the published customs rate may change their amounts\n`;
  for (const r of s.rejected.slice(0, LISTED_REJECTIONS)) {
    const errors = r.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.code} — ${e.en}`).join('; ');
    text += `  declarations[${r.index}]${r.ref ? ` ref ${JSON.stringify(r.ref)}` : ''}: ${errors}\n`;
  }
  if (s.rejected.length > LISTED_REJECTIONS) text += `  … and ${s.rejected.length - LISTED_REJECTIONS} more rejected (see "errors" in the output)\n`;
  return text;
}
