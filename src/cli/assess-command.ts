// `tonggwan assess FILE|-`: reads {"declarations":[…]} (or a CSV of one row per item), prints {"assessments":[…]}, one per
// declaration in order, written as they are decided (memory holds the input, not the output).
// A summary for people goes to stderr. Exit 0 when the input was read and every declaration has
// its assessment on stdout, rejected ones included (the engine's contract: a rejection is a result,
// as in the API's answer, not a failure of the command); 2 with a one-line message when nothing was assessed.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { REF_TWICE } from '../app/submit-declarations.ts';
import { declarationTextError } from '../domain/unusable-text.ts';
import { assessEach, rejectedAssessment } from '../domain/assess.ts';
import type { Assessment, FieldError } from '../domain/assessment.ts';
import { publishedAssessment } from '../domain/published-reasons.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { declarationsFromCsv } from '../adapters/csv/declarations-from-table.ts';
import { fileErrorText } from '../adapters/file-error-text.ts';
import { argsErrorText, commandLang, type Lang } from './lang.ts';

export interface CommandIo {
  /** Standard input, as bytes (checked to be UTF-8) or as text. */
  readStdin(): Promise<Uint8Array | string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves once standard output has taken what was written: a slow reader (`| jq`) holds the writer back instead of the output piling up in memory. */
  drained?(): Promise<void>;
  /** The language of messages without --lang (main.ts: from the environment); Korean when absent. */
  lang?: Lang;
}

interface Messages {
  usage: string;
  argsError(detail: string): string;
  oneFile(names: string[]): string;
  standardInput: string;
  cannotRead(name: string, why: string): string;
  notUtf8(line: number): string;
  tooLarge(mb: number): string;
  empty(name: string): string;
  /** JSON.parse's own words (V8's, in English) in `detail`, after where it stopped. */
  notJson(name: string, place: JsonErrorPlace, detail: string): string;
  jsonLines: string;
  expected(name: string, found: string): string;
  /** A CSV file that cannot be read as declarations: its first problem, and how many more. */
  notDeclarationsCsv(name: string, first: { line: number; column: string; text: string }, more: number): string;
  shape: {
    null: string;
    array: string;
    scalar(type: string): string;
    withoutDeclarations(keys: string[]): string;
    /** An object that is one declaration itself (it has `items` or `ref`), not the envelope around it. */
    oneDeclaration: string;
    /** kind: "null", "object" or a typeof. */
    declarationsAs(kind: string): string;
  };
  summary(count: number, assessed: number, routes: Summary['routes'], rejected: number): string;
  approximate(n: number): string;
  more(n: number): string;
  moreErrors(n: number): string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** The Korean particle after `word`: by its last syllable's final consonant when it is Hangul ("표준 입력이", not "표준 입력이(가)"); both forms after a file name. */
const josa = (word: string, afterConsonant: string, afterVowel: string) => {
  const c = word.charCodeAt(word.length - 1) - 0xac00;
  if (c < 0 || c > 0xd7a3 - 0xac00) return `${word}${afterConsonant}(${afterVowel})`;
  return `${word}${c % 28 ? afterConsonant : afterVowel}`;
};
const typeKo: Record<string, string> = { string: '문자열', number: '숫자', boolean: '참/거짓 값', object: '객체', null: 'null' };

/** The command's own messages; the assessments on standard output carry both languages already. */
const MESSAGES: Record<Lang, Messages> = {
  ko: {
    usage: `사용법: tonggwan assess FILE   (표준 입력은 -)
  FILE에는 UTF-8 JSON 객체 {"declarations":[…]} 하나가 들어 있습니다 (필드 이름: README, "The clearance engine").
  이름이 .csv로 끝나는 FILE(또는 --csv와 함께 -)은 물품마다 한 행인 CSV입니다: 열 이름은 신고 항목의 경로
  (ref, declaredAt, shipment.mode, consignee.pccc, items.price …), 같은 ref의 행들이 한 신고입니다.
  표준 출력에 {"assessments":[…]}를 씁니다: 신고마다 같은 순서로 하나씩, 상태, 통관 경로, 세금, 사유(한국어와
  영어, 법령 근거 포함)를 담습니다. 한 파일의 신고들은 플랫폼에서처럼 합산과세를 위해 합쳐 봅니다: 파일은 한 번에
  하나씩 주세요. 오프라인에서는 이미 기록된 신고를 모릅니다 (플랫폼은 그 신고와도 합산합니다).
  플랫폼의 접수와 같이 NUL 문자나 짝이 없는 서로게이트가 든 문자열, 너무 깊이 중첩된 신고는 거부합니다.
  요약은 표준 오류로 갑니다: 경로별 건수, 임시 환율로 계산한 건수, 거부된 신고마다 위치, 참조번호, 필드 오류.
  종료 코드 0: 입력을 읽어 신고마다 판정을 출력함 (거부된 신고도 결과입니다: 그 "errors"와 요약에 이유);
  2: 판정한 것이 없음 (잘못된 인수, 또는 입력이 그 형태의 UTF-8 JSON이 아님).
  --csv          입력이 CSV입니다 (표준 입력에; 이름이 .csv인 파일은 없어도 됩니다)
  --lang ko|en   메시지 언어 (기본: TONGGWAN_LANG, 없으면 LC_ALL/LC_MESSAGES/LANG이 en이면 영어, 아니면 한국어)
  -h, --help     이 도움말
`,
    argsError: (d) => `${d} (옵션은 tonggwan assess --help 참고)`,
    oneFile: (names) =>
      `파일은 한 번에 하나만 줍니다 (${names.length}개: ${names.join(', ')}); ` +
      '합산과세는 한 파일 안에서 보므로, 함께 판정할 신고는 한 {"declarations":[…]}에 넣으세요',
    standardInput: '표준 입력',
    cannotRead: (name, why) => `${josa(name, '을', '를')} 읽을 수 없습니다: ${why}`,
    notUtf8: (line) => `UTF-8 텍스트가 아닙니다 (${line}행; EUC-KR/CP949로 저장한 파일?): UTF-8로 저장하세요`,
    tooLarge: (mb) => `한 번에 읽기에 너무 큽니다 (${mb} MB): 300 MB 미만의 파일로 나누되, 수하인마다 신고를 한 파일에 두세요 (합산과세는 파일 안에서 봅니다)`,
    empty: (name) => `${josa(name, '이', '가')} 비어 있습니다: JSON 객체 {"declarations":[…]}가 필요합니다`,
    notJson: (name, p, detail) =>
      `${josa(name, '이', '가')} 올바른 JSON이 아닙니다: ${
        p.kind === 'at' ? `${p.line}행 ${p.column}열(위치 ${p.position})에서 읽기를 멈췄습니다` : p.kind === 'end' ? `JSON 값이 끝나기 전에 텍스트가 끝납니다 (${p.line}행)` : 'JSON에 올 수 없는 문자가 있습니다'
      } (JSON.parse: ${detail})`,
    jsonLines: ' (JSON 값이 둘 이상: JSON Lines는 읽지 않습니다; 신고를 한 {"declarations":[…]}에 넣으세요)',
    expected: (name, found) => `${name}에 JSON 객체 {"declarations":[…]}가 필요한데 ${found}`,
    notDeclarationsCsv: (name, f, more) => `${josa(name, '을', '를')} 신고로 읽을 수 없습니다: ${f.line ? `${f.line}행${f.column ? ` ${f.column} 열` : ''}: ` : ''}${f.text}${more ? ` (그 밖에 ${more}건)` : ''}`,
    shape: {
      null: 'null이 있습니다',
      array: '배열이 있습니다 (감싸세요: {"declarations": […]})',
      scalar: (type) => `${typeKo[type] ?? type} 값이 있습니다`,
      withoutDeclarations: (keys) => `"declarations" 없는 객체가 있습니다${keys.length ? ` (키: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''})` : ''}`,
      oneDeclaration: '신고 하나가 그대로 있습니다 (감싸세요: {"declarations": [ 그 신고 ]})',
      declarationsAs: (kind) => `"declarations"가 배열이 아니라 ${typeKo[kind] ?? kind}입니다`,
    },
    summary: (count, assessed, r, rejected) => `tonggwan assess: 신고 ${count}건: ${assessed}건 판정 (목록통관 ${r.list}, 일반수입신고 ${r.general}, 보류 ${r.hold}), ${rejected}건 거부\n`,
    approximate: (n) => `  그중 ${n}건은 임시 환율로 계산 (사유 FX_PLACEHOLDER): 관세청 고시 환율로 금액이 달라질 수 있습니다\n`,
    more: (n) => `  … 그 밖에 ${n}건 거부 (출력의 "errors" 참고)\n`,
    moreErrors: (n) => `    … 그 밖에 오류 ${n}건 (출력의 "errors" 참고)\n`,
  },
  en: {
    usage: `usage: tonggwan assess FILE   (or - for standard input)
  FILE holds one JSON object {"declarations":[…]} in UTF-8 (field names: README, "The clearance engine").
  A FILE whose name ends in .csv (or - with --csv) is CSV, one row per item: its columns are the
  declaration's field paths (ref, declaredAt, shipment.mode, consignee.pccc, items.price, …), and the
  rows of one ref are one declaration.
  Prints {"assessments":[…]} on standard output, one per declaration in the same order, each with its
  status, route, taxes and reasons (Korean and English, with the legal reference). The declarations of
  one file are combined for combined taxation (합산과세) as on the platform: give one file at a time.
  Offline it does not know the declarations already on record, which the platform also combines with.
  Like the platform's intake, it refuses strings holding a NUL character or an unpaired surrogate, and
  declarations nested too deep.
  A summary goes to standard error: the count by route, how many used an approximate exchange rate,
  and each rejected declaration with its position, ref and field errors.
  Exit 0: the input was read and every declaration's assessment printed (a rejected declaration is a
  result too: its "errors" and the summary say why); 2: nothing assessed (bad arguments, or the input
  is not UTF-8 JSON of that shape).
  --csv          the input is CSV (for standard input; a file named .csv needs no flag)
  --lang ko|en   language of these messages (default: TONGGWAN_LANG, else English when LC_ALL/LC_MESSAGES/LANG
                 starts with en, else Korean)
  -h, --help     print this text
`,
    argsError: (d) => `${d} (tonggwan assess --help lists the options)`,
    oneFile: (names) =>
      `one file at a time (got ${names.length}: ${names.join(', ')}); ` +
      'declarations are combined for taxation within one file, so put those to assess together in one {"declarations":[…]}',
    standardInput: 'standard input',
    cannotRead: (name, why) => `cannot read ${name}: ${why}`,
    notUtf8: (line) => `not UTF-8 text (line ${line}; a file saved as EUC-KR/CP949?): save it as UTF-8`,
    tooLarge: (mb) => `too large to read at once (${mb} MB): split it into files of under 300 MB, each consignee's declarations in one file (combined taxation looks within a file)`,
    empty: (name) => `${name} is empty: expected a JSON object {"declarations":[…]}`,
    notJson: (name, p, detail) =>
      `${name} is not valid JSON: ${
        p.kind === 'at' ? `reading stopped at line ${p.line}, column ${p.column} (position ${p.position})` : p.kind === 'end' ? `the text ends (line ${p.line}) before the JSON value does` : 'it holds a character JSON does not allow'
      } (JSON.parse: ${detail})`,
    jsonLines: ' (more than one JSON value: JSON Lines is not read; put the declarations in one {"declarations":[…]})',
    expected: (name, found) => `expected a JSON object {"declarations":[…]} in ${name}, found ${found}`,
    notDeclarationsCsv: (name, f, more) => `cannot read ${name} as declarations: ${f.line ? `line ${f.line}${f.column ? `, column ${f.column}` : ''}: ` : ''}${f.text}${more ? ` (and ${more} more)` : ''}`,
    shape: {
      null: 'null',
      array: 'an array (wrap it: {"declarations": […]})',
      scalar: (type) => `a ${type}`,
      withoutDeclarations: (keys) => `an object without "declarations"${keys.length ? ` (its keys: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''})` : ''}`,
      oneDeclaration: 'one declaration on its own (wrap it: {"declarations": [ the declaration ]})',
      declarationsAs: (kind) => `"declarations" as ${kind === 'null' ? 'null' : kind === 'object' ? 'an object' : `a ${kind}`}, not an array`,
    },
    summary: (count, assessed, r, rejected) =>
      `tonggwan assess: ${plural(count, 'declaration')}: ${assessed} assessed (list ${r.list}, general ${r.general}, hold ${r.hold}), ${rejected} rejected\n`,
    approximate: (n) => `  ${n} of them at an approximate exchange rate (reason FX_PLACEHOLDER): the published customs rate may change their amounts\n`,
    more: (n) => `  … and ${n} more rejected (see "errors" in the output)\n`,
    moreErrors: (n) => `    … and ${n} more error${n === 1 ? '' : 's'} (see "errors" in the output)\n`,
  },
};

/** Rejected declarations listed in the summary; the rest are counted. */
const LISTED_REJECTIONS = 20;
/** Field errors listed per rejected declaration, one a line; the rest are counted. */
const LISTED_ERRORS = 10;

export async function assessCommand(rawArgs: string[], loadReference: () => Promise<Reference>, io: CommandIo): Promise<number> {
  const picked = commandLang('tonggwan assess', rawArgs, io);
  if (!picked) return 2;
  const m = MESSAGES[picked.lang];
  const fail = (message: string) => {
    io.stderr(`tonggwan assess: ${message}\n`);
    return 2;
  };
  let parsed: { values: { help?: boolean; csv?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: picked.args, options: { help: { type: 'boolean', short: 'h' }, csv: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    return fail(m.argsError(argsErrorText(e, picked.lang)));
  }
  if (parsed.values.help) {
    io.stdout(m.usage);
    return 0;
  }
  const [source, ...extra] = parsed.positionals;
  if (!source) {
    io.stderr(m.usage);
    return 2;
  }
  if (extra.length) return fail(m.oneFile(parsed.positionals));
  const name = source === '-' ? m.standardInput : source;
  const read = await readText(source, io, m, picked.lang);
  if (!read.ok) return fail(m.cannotRead(name, read.message));
  const text = read.text;
  if (!text.trim()) return fail(m.empty(name));
  if (parsed.values.csv || /\.csv$/i.test(source)) {
    const csv = declarationsFromCsv(text, name);
    if (!csv.ok) {
      const [first, ...rest] = csv.problems;
      return fail(m.notDeclarationsCsv(name, { line: first!.line, column: first!.column, text: first![picked.lang] }, rest.length));
    }
    const summary = await writeAssessments(csv.declarations, await loadReference(), io);
    io.stderr(summaryText(summary, picked.lang, csv.lines));
    return 0;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    // JSON.parse's own words (V8's) are in English: kept, after a sentence in the language asked for.
    return fail(`${m.notJson(name, jsonErrorPlace(text, e as Error), (e as Error).message.split('\n')[0]!)}${jsonLinesHint(text, e as Error, m)}`);
  }
  const declarations = (input as { declarations?: unknown } | null)?.declarations;
  if (!Array.isArray(declarations)) return fail(m.expected(name, shapeOf(input, m)));
  const reference = await loadReference();
  const summary = await writeAssessments(declarations, reference, io);
  io.stderr(summaryText(summary, picked.lang));
  return 0;
}

type ReadResult = { ok: true; text: string } | { ok: false; message: string };

async function readText(source: string, io: CommandIo, m: Messages, lang: Lang): Promise<ReadResult> {
  let bytes: Uint8Array | string;
  try {
    bytes = source === '-' ? await io.readStdin() : await readFile(source);
  } catch (e) {
    return { ok: false, message: fileErrorText(e)[lang] };
  }
  if (typeof bytes === 'string') return { ok: true, text: stripBom(bytes) };
  if (!isUtf8(bytes)) {
    // Korean Windows tools save EUC-KR (CP949) by default: decoded as UTF-8 the names would silently turn to U+FFFD.
    const before = Buffer.from(bytes).toString('utf8');
    const line = before.slice(0, before.indexOf('\uFFFD')).split('\n').length;
    return { ok: false, message: m.notUtf8(line) };
  }
  try {
    return { ok: true, text: stripBom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) };
  } catch {
    // V8's longest string is 512 MiB; about 6 times the file's size is needed to assess it anyway.
    return { ok: false, message: m.tooLarge(Math.round(bytes.byteLength / 2 ** 20)) };
  }
}

/** A byte order mark (Windows Notepad, Excel) is allowed before JSON text (RFC 8259 §8.1). */
const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Where JSON.parse stopped: V8 names a position ("… in JSON at position 15"), or the end of the text; not the place of an unexpected token ("Unexpected token 'x', …"). */
type JsonErrorPlace = { kind: 'at'; position: number; line: number; column: number } | { kind: 'end'; line: number } | { kind: 'unknown' };

/** Line and column (1-based, in UTF-16 units as V8 counts) worked out here from the position, whatever V8 adds after it. */
function jsonErrorPlace(text: string, e: Error): JsonErrorPlace {
  const at = /at position (\d+)/.exec(e.message);
  const position = at ? Number(at[1]) : null;
  const end = text.trimEnd().length;
  // A value cut short: V8 names the position of the end, or none ("Unexpected end of JSON input").
  if ((position !== null && position >= end) || (position === null && /Unexpected end of JSON input/.test(e.message))) {
    return { kind: 'end', line: text.slice(0, end).split('\n').length };
  }
  if (position === null) return { kind: 'unknown' };
  const before = text.slice(0, position);
  return { kind: 'at', position, line: before.split('\n').length, column: position - before.lastIndexOf('\n') };
}

/** JSON Lines (one declaration per line) fails as "… after JSON at position …": say what assess reads instead. */
function jsonLinesHint(text: string, e: Error, m: Messages): string {
  if (!/after JSON/.test(e.message)) return '';
  const first = text.trimStart().split('\n', 1)[0]!;
  try {
    JSON.parse(first);
  } catch {
    return '';
  }
  return m.jsonLines;
}

function shapeOf(input: unknown, m: Messages): string {
  if (input === null) return m.shape.null;
  if (Array.isArray(input)) return m.shape.array;
  if (typeof input !== 'object') return m.shape.scalar(typeof input);
  const d = (input as { declarations?: unknown }).declarations;
  if (d === undefined) return 'items' in input || 'ref' in input ? m.shape.oneDeclaration : m.shape.withoutDeclarations(Object.keys(input));
  return m.shape.declarationsAs(d === null ? 'null' : typeof d);
}

interface Summary {
  count: number;
  routes: { list: number; general: number; hold: number };
  rejected: { index: number; ref: string; errors: Assessment['errors'] }[];
  /** Assessed at a week's approximate exchange rate (reason FX_PLACEHOLDER): their amounts may change. */
  approximateRate: number;
}

/**
 * Prints exactly what `JSON.stringify({ assessments }, null, 2)` would (each reason with refEn, as
 * the API gives it: published-reasons.ts), in pieces of a few
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
  // As on the platform's intake, a declaration is refused on its own, and kept out of the engine's batch, when it
  // holds text PostgreSQL cannot store or nests too deep (the same check: domain/unusable-text.ts), or when its ref
  // was seen earlier in the batch (it would combine with itself).
  const seen = new Set<string>();
  const refused = declarations.map((d): FieldError | null => {
    const unusable = declarationTextError(d);
    if (unusable) return unusable;
    const ref = (d as { ref?: unknown } | null)?.ref;
    if (typeof ref !== 'string' || !ref) return null;
    if (seen.has(ref)) return REF_TWICE;
    seen.add(ref);
    return null;
  });
  seen.clear();
  const assessed = assessEach(refused.some((e) => e !== null) ? declarations.filter((_, k) => !refused[k]) : declarations, reference);
  let piece = '{\n  "assessments": [';
  for (let i = 0; i < declarations.length; ) {
    const error = refused[i];
    const a = error ? rejectedAssessment((declarations[i] as { ref?: unknown } | null)?.ref, [error]) : assessed.next().value!;
    summary.count++;
    if (a.status === 'rejected') summary.rejected.push({ index: i, ref: a.ref, errors: summary.rejected.length < LISTED_REJECTIONS ? a.errors : [] });
    else if (a.route) summary.routes[a.route]++;
    if (a.signals.includes('FX_PLACEHOLDER')) summary.approximateRate++;
    piece += `${i > 0 ? ',' : ''}\n    ${JSON.stringify(publishedAssessment(a), null, 2).replaceAll('\n', '\n    ')}`;
    if (++i % perPiece === 0) {
      io.stdout(piece);
      piece = '';
      await io.drained?.();
    }
  }
  io.stdout(`${piece}\n  ]\n}\n`);
  return summary;
}

/** `lines` (a CSV input): the lines of the file each declaration came from, named beside its position. */
function summaryText(s: Summary, lang: Lang, lines?: readonly (readonly number[])[]): string {
  const m = MESSAGES[lang];
  let text = m.summary(s.count, s.count - s.rejected.length, s.routes, s.rejected.length);
  if (s.approximateRate) text += m.approximate(s.approximateRate);
  for (const r of s.rejected.slice(0, LISTED_REJECTIONS)) {
    // The engine's field errors carry both languages: the one asked for. The first on the declaration's line, each
    // other on its own (they were joined on one line: a declaration with 21 errors made a line of 3,000 characters).
    const errors = r.errors.slice(0, LISTED_ERRORS).map((e) => `${e.path ? `${e.path}: ` : ''}${e.code} — ${e[lang]}`);
    const from = lines?.[r.index]?.length ? ` (${lang === 'ko' ? `${lines[r.index]!.join(', ')}행` : `line${lines[r.index]!.length > 1 ? 's' : ''} ${lines[r.index]!.join(', ')}`})` : '';
    text += `  declarations[${r.index}]${r.ref ? ` ref ${JSON.stringify(r.ref)}` : ''}${from}: ${errors.join('\n    ')}\n`;
    if (r.errors.length > LISTED_ERRORS) text += m.moreErrors(r.errors.length - LISTED_ERRORS);
  }
  if (s.rejected.length > LISTED_REJECTIONS) text += m.more(s.rejected.length - LISTED_REJECTIONS);
  return text;
}
