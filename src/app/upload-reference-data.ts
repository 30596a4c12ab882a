// Administrators upload customs exchange rates (weekStart,currency,rate) and tariff lines
// (effectiveFrom,hs,basic,ko,en) as CSV. Stored, audited (who, when, the file's SHA-256), and used
// by later assessments. A file is taken whole or not at all; each fault names its line and column
// in Korean and English. Never does an upload change the data a declaration on record was decided
// with: a week, or a tariff date, that declarations on record were declared in (or after) is
// refused, since a correction or a combined-taxation redecision of them would read the new figures
// (data in force on the declaration date, 관세법 제17조·제18조; corrections of published data are
// data-file versions with `corrects`, data/README.md).
import { parse } from 'csv-parse/sync';
import { addDays, rateWeekStart, isRealDate } from '../domain/dates.ts';
import { isPlaceholderRate } from '../domain/valuation.ts';
import { koreanDateTimeOf } from '../domain/virtual-account.ts';
import type { UploadResult } from '../domain/api-views.ts';
import { fail, ok, type Result } from './errors.ts';
import type { AccessStore, FxUploadRow, OfficerPrincipal, ReferenceSource, ReferenceStore, Secrets, TariffUploadRow } from './ports.ts';

type Deps = { referenceStore: ReferenceStore; reference: ReferenceSource; access: AccessStore; secrets: Secrets };

/** One fault of a file: line 1 is the header; column the header's name (absent when the whole line or file is at fault). */
export interface LineError {
  line: number;
  column?: string;
  ko: string;
  en: string;
  /** = en (the field clients read before ko/en were given). */
  message: string;
}

/** A larger file is refused whole: a year of weeks for every published currency, or a full HSK tariff, fits well under it. */
export const MAX_UPLOAD_ROWS = 20_000;
/** The faults a refusal lists; the count says how many there were. */
const MAX_LISTED_ERRORS = 100;
/** A rate this far from the week before's (either way) is refused: the unit is wrong (KRW per 100 JPY, not per 1) or a digit slipped. */
const MAX_WEEK_TO_WEEK_FACTOR = 1.5;

function lineError(line: number, column: string | undefined, ko: string, en: string): LineError {
  return { line, ...(column ? { column } : {}), ko, en, message: en };
}

interface ParseFault extends Error {
  code?: string;
  lines?: number;
  record?: unknown[];
}

function fieldCountError(line: number, got: number, columns: number): LineError {
  return lineError(
    line,
    undefined,
    `이 행은 ${got}칸인데 머리글은 ${columns}칸입니다. 숫자에 쉼표(1,385)를 넣지 말고, 쉼표가 든 품명은 큰따옴표로 감싸세요.`,
    `This line has ${got} fields and the header ${columns}. Write numbers without commas (1385, not 1,385) and put names with a comma in double quotes.`,
  );
}

/** csv-parse's faults in the administrator's words (its own message is English only and names its options). */
function parseError(e: ParseFault, columns: number): LineError {
  const line = e.lines ?? 0;
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return fieldCountError(line, e.record?.length ?? 0, columns);
    case 'CSV_QUOTE_NOT_CLOSED':
      return lineError(line, undefined, '이 행에서 연 큰따옴표가 닫히지 않았습니다.', 'A double quote opened on this line is never closed.');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return lineError(line, undefined, '닫는 큰따옴표 바로 뒤에는 쉼표나 줄바꿈이 와야 합니다.', 'A closing double quote must be followed by a comma or the end of the line.');
    default:
      return lineError(line, undefined, `CSV 형식이 올바르지 않습니다(${e.code ?? 'CSV'}).`, `Not a well-formed CSV: ${e.message}`);
  }
}

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number; error?: ParseFault };
  raw: string;
}

/**
 * The line a record starts on, as an editor numbers the file's lines: csv-parse counts to the record's
 * last line, and its raw text holds the blank lines skipped before it and any line breaks quoted within it.
 */
function startLine(r: ParsedRecord): number {
  const own = r.raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  return r.info.lines - (own.match(/\n/g)?.length ?? 0);
}

/**
 * The file's rows with the line each starts on (rows[i] on lines[i]). A row of too few or too many
 * fields is a fault of its own line; the other rows are still read, so one refusal names every fault
 * (before: the first such row refused the file alone, and each further fault took another upload).
 */
function records(csv: string, required: string[]): { rows: Record<string, string>[]; lines: number[]; errors: LineError[] } {
  let parsed: ParsedRecord[];
  let header: string[] | null = null;
  try {
    parsed = parse(csv, {
      columns: (h: string[]) => (header = h.map((x) => x.trim())),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
    }) as ParsedRecord[];
  } catch (e) {
    return { rows: [], lines: [], errors: [parseError(e as ParseFault, required.length)] };
  }
  // The header as read (set in columns, which TypeScript does not follow), or its first line's names when the file has no other.
  const names = (header as string[] | null) ?? (csv.split(/\r?\n/, 1)[0] ?? '').split(',').map((x) => x.replace(/^\uFEFF/, '').trim()).filter(Boolean);
  const missing = required.filter((c) => !names.includes(c));
  const unknown = names.filter((c) => !required.includes(c));
  const errors: LineError[] = [];
  const expected = required.join(',');
  if (missing.length)
    errors.push(
      lineError(
        1,
        undefined,
        `첫 줄(머리글)에 ${missing.join(', ')} 열이 없습니다. 머리글은 ${expected} 입니다.`,
        `The first line (header) lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header is ${expected}.`,
      ),
    );
  if (unknown.length)
    errors.push(
      lineError(1, unknown[0], `머리글에 알 수 없는 열이 있습니다: ${unknown.join(', ')}. 머리글은 ${expected} 입니다.`, `The header has unknown columns: ${unknown.join(', ')}; the header is ${expected}.`),
    );
  if (errors.length) return { rows: [], lines: [], errors };
  if (parsed.length === 0) return { rows: [], lines: [], errors: [lineError(2, undefined, '머리글 다음에 자료 행이 없습니다.', 'No data rows after the header.')] };
  if (parsed.length > MAX_UPLOAD_ROWS)
    return {
      rows: [],
      lines: [],
      errors: [
        lineError(
          MAX_UPLOAD_ROWS + 2,
          undefined,
          `행이 너무 많습니다(${parsed.length.toLocaleString('en-US')}행). 한 파일에 ${MAX_UPLOAD_ROWS.toLocaleString('en-US')}행까지 올릴 수 있으니 나누어 올리세요.`,
          `Too many rows (${parsed.length.toLocaleString('en-US')}): a file may hold up to ${MAX_UPLOAD_ROWS.toLocaleString('en-US')}; split it.`,
        ),
      ],
    };
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (const r of parsed) {
    if (r.info.error?.code === 'CSV_RECORD_INCONSISTENT_COLUMNS') errors.push(fieldCountError(startLine(r), r.info.error.record?.length ?? 0, names.length));
    else {
      rows.push(r.record);
      lines.push(startLine(r));
    }
  }
  return { rows, lines, errors };
}

/** A decimal number as written in a CSV cell (no thousands separators, no units): Number('') is 0 and Number('0x10') 16, so the text is checked first. */
function decimal(text: string | undefined): number | null {
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

function refused(errors: LineError[]) {
  const first = errors[0]!;
  const where = (lang: 'ko' | 'en') => (lang === 'ko' ? `${first.line}행${first.column ? ` ${first.column} 열` : ''}` : `line ${first.line}${first.column ? `, column ${first.column}` : ''}`);
  const more = errors.length - 1;
  return fail('CSV_INVALID', { errors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: errors.length }, {
    ko: `CSV 파일을 반영하지 않았습니다. ${where('ko')}: ${first.ko}${more ? ` (그 밖에 ${more}건)` : ''}`,
    en: `The CSV file was not loaded. At ${where('en')}: ${first.en}${more ? ` (and ${more} more)` : ''}`,
  });
}

/** The same file sent again (a double click, a retry) is refused, naming the load it repeats: it would only make another version of the same figures. */
async function loadedBefore(deps: Deps, kind: 'exchange-rates' | 'tariff', sha256: string) {
  const earlier = (await deps.referenceStore.uploads(100)).find((u) => u.kind === kind && u.sha256 === sha256);
  if (!earlier) return null;
  // When, in Korean time as the portal shows times (before: the stored UTC instant, 2026-12-07T16:37:13.866Z).
  const at = koreanDateTimeOf(earlier.uploadedAt);
  return fail<never>('REFERENCE_ALREADY_LOADED', { uploadId: earlier.id, uploadedAt: earlier.uploadedAt, uploadedBy: earlier.uploadedByName }, {
    ko: `같은 파일을 이미 올렸습니다(#${earlier.id}, ${earlier.uploadedByName}, ${at}). 다시 반영하지 않았습니다.`,
    en: `This file was loaded already (#${earlier.id}, by ${earlier.uploadedByName}, ${at} KST); it was not loaded again.`,
  });
}

export type { UploadResult };

export async function uploadExchangeRates(deps: Deps, officer: OfficerPrincipal, csv: string): Promise<Result<UploadResult>> {
  const { rows, lines, errors } = records(csv, ['weekStart', 'currency', 'rate']);
  const reference = deps.reference.current();
  const parsed: FxUploadRow[] = [];
  const firstLineOf = new Map<string, number>();
  const weekLine = new Map<string, number>();
  /** Per week, the first line that changes a rate that is not a placeholder. */
  const changesPublished = new Map<string, { line: number; currency: string; current: number }>();
  rows.forEach((r, i) => {
    const line = lines[i]!;
    const weekStart = r.weekStart ?? '';
    const currency = (r.currency ?? '').toUpperCase();
    const rate = decimal(r.rate);
    if (!isRealDate(weekStart) || rateWeekStart(weekStart) !== weekStart) {
      errors.push(lineError(line, 'weekStart', `주의 첫날인 일요일 날짜(YYYY-MM-DD)여야 합니다: '${weekStart}'.`, `Must be the Sunday that starts the week (YYYY-MM-DD): '${weekStart}'.`));
      return;
    }
    if (!reference.currencies.has(currency)) {
      errors.push(lineError(line, 'currency', `알 수 없는 통화 코드입니다(ISO 4217): '${r.currency ?? ''}'.`, `Unknown currency code (ISO 4217): '${r.currency ?? ''}'.`));
      return;
    }
    if (rate === null || rate <= 0) {
      errors.push(lineError(line, 'rate', `양의 숫자여야 합니다(쉼표·단위 없이, 예: 1385.2): '${r.rate ?? ''}'.`, `Must be a positive number (no commas or units, e.g. 1385.2): '${r.rate ?? ''}'.`));
      return;
    }
    const key = `${weekStart} ${currency}`;
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      errors.push(lineError(line, 'currency', `${weekStart} 주의 ${currency} 환율이 ${earlier}행에도 있습니다. 한 번만 적으세요.`, `${weekStart}'s ${currency} rate is also on line ${earlier}; give it once.`));
      return;
    }
    firstLineOf.set(key, line);
    const unit = reference.fxUnits(currency);
    const before = reference.fxWeek(addDays(weekStart, -7))?.rates[currency];
    if (before && (rate / before > MAX_WEEK_TO_WEEK_FACTOR || before / rate > MAX_WEEK_TO_WEEK_FACTOR)) {
      errors.push(
        lineError(
          line,
          'rate',
          `전주(${addDays(weekStart, -7)}) 환율 ${before}와 너무 다릅니다: ${rate}. 환율은 ${currency} ${unit}단위당 원화입니다. 단위와 자릿수를 확인하세요.`,
          `Too far from the week before's (${addDays(weekStart, -7)}) ${before}: ${rate}. Rates are KRW per ${unit} ${currency}; check the unit and the digits.`,
        ),
      );
      return;
    }
    if (!weekLine.has(weekStart)) weekLine.set(weekStart, line);
    // A rate that replaces a placeholder (data/exchange-rates.json: approximations "loadable from a file
    // later", issue 2) is what loading is for; one that changes a published or loaded rate is a correction.
    const week = reference.fxWeek(weekStart);
    const current = week?.rates[currency];
    const placeholder = !week || isPlaceholderRate(week, currency);
    if (current !== undefined && !placeholder && current !== rate && !changesPublished.has(weekStart)) changesPublished.set(weekStart, { line, currency, current });
    parsed.push({ weekStart, currency, rate });
  });
  // A published (or loaded) rate changed under declarations decided with it: refused, a correction is a
  // corrected version of data/exchange-rates.json. A placeholder replaced: loaded; the declarations decided
  // with it keep their decision (each records the version it used) and are named in the answer.
  const decidedWithPlaceholder: { weekStart: string; declarations: number }[] = [];
  for (const [weekStart] of weekLine) {
    const decided = await deps.referenceStore.declarationsDeclaredBetween(weekStart, addDays(weekStart, 7));
    if (decided === 0) continue;
    const changed = changesPublished.get(weekStart);
    if (!changed) {
      decidedWithPlaceholder.push({ weekStart, declarations: decided });
      continue;
    }
    errors.push(
      lineError(
        changed.line,
        'rate',
        `${weekStart} 주의 ${changed.currency} 환율 ${changed.current}은(는) 임시값이 아니며, 그 주에 신고된 신고 ${decided.toLocaleString('en-US')}건이 이 환율로 결정되었습니다. 지난 결정을 바꾸는 환율은 올릴 수 없습니다(정정은 data/exchange-rates.json의 정정 버전으로).`,
        `${weekStart}'s ${changed.currency} rate ${changed.current} is not a placeholder, and ${decided.toLocaleString('en-US')} declaration${decided === 1 ? ' was' : 's were'} declared in that week and decided with it; an upload may not change decisions on record (a correction is a corrected version of data/exchange-rates.json).`,
      ),
    );
  }
  if (errors.length) return refused(errors.sort((a, b) => a.line - b.line));
  const sha256 = deps.secrets.sha256(csv);
  const again = await loadedBefore(deps, 'exchange-rates', sha256);
  if (again) return again;
  const uploadId = await deps.referenceStore.recordFxUpload({ userId: officer.userId, sha256, rows: parsed, note: '' });
  await deps.reference.reload();
  const version = deps.reference.current().fxVersion;
  const dates = [...weekLine.keys()].sort();
  await deps.access.audit({
    actorKind: 'officer',
    actorId: officer.userId,
    action: 'reference.exchange-rates.upload',
    subject: `upload:${uploadId}`,
    detail: { rows: parsed.length, sha256, bytes: new TextEncoder().encode(csv).length, weeks: dates, currencies: [...new Set(parsed.map((r) => r.currency))].sort(), version },
  });
  return ok({ uploadId, rows: parsed.length, sha256, version, dates, ...(decidedWithPlaceholder.length ? { decidedWithPlaceholder } : {}) });
}

export async function uploadTariff(deps: Deps, officer: OfficerPrincipal, csv: string): Promise<Result<UploadResult>> {
  const { rows, lines, errors } = records(csv, ['effectiveFrom', 'hs', 'basic', 'ko', 'en']);
  const parsed: TariffUploadRow[] = [];
  const firstLineOf = new Map<string, number>();
  const dateLine = new Map<string, number>();
  rows.forEach((r, i) => {
    const line = lines[i]!;
    const effectiveFrom = r.effectiveFrom ?? '';
    const hs = (r.hs ?? '').replace(/[.\-\s]/g, '');
    const basic = decimal(r.basic);
    if (!isRealDate(effectiveFrom)) {
      errors.push(lineError(line, 'effectiveFrom', `시행일은 YYYY-MM-DD 형식의 실제 날짜여야 합니다: '${effectiveFrom}'.`, `Must be a real date, YYYY-MM-DD: '${effectiveFrom}'.`));
      return;
    }
    if (!/^(\d{2}|\d{4}|\d{6}|\d{10})$/.test(hs)) {
      errors.push(lineError(line, 'hs', `HS 부호는 2, 4, 6 또는 10자리 숫자여야 합니다: '${r.hs ?? ''}'.`, `An HS code has 2, 4, 6 or 10 digits: '${r.hs ?? ''}'.`));
      return;
    }
    if (basic === null || basic > 10) {
      errors.push(lineError(line, 'basic', `세율은 소수로 적습니다(8%는 0.08): '${r.basic ?? ''}'.`, `The rate is a fraction (0.08 for 8%): '${r.basic ?? ''}'.`));
      return;
    }
    if (!r.ko || !r.en) {
      const column = !r.ko ? 'ko' : 'en';
      errors.push(lineError(line, column, `품명(한국어 ko, 영어 en)을 모두 적으세요: ${column} 열이 비었습니다.`, `Give the name in Korean (ko) and English (en): ${column} is empty.`));
      return;
    }
    const key = `${effectiveFrom} ${hs}`;
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      errors.push(lineError(line, 'hs', `${effectiveFrom} 시행 ${hs}의 세율이 ${earlier}행에도 있습니다. 한 번만 적으세요.`, `The ${hs} line from ${effectiveFrom} is also on line ${earlier}; give it once.`));
      return;
    }
    firstLineOf.set(key, line);
    if (!dateLine.has(effectiveFrom)) dateLine.set(effectiveFrom, line);
    parsed.push({ effectiveFrom, hs, basic, ko: r.ko, en: r.en });
  });
  for (const [effectiveFrom, line] of dateLine) {
    // A tariff version is in force from its date until the next one: every declaration declared on or after it could be decided with it.
    const decided = await deps.referenceStore.declarationsDeclaredBetween(effectiveFrom, null);
    if (decided > 0)
      errors.push(
        lineError(
          line,
          'effectiveFrom',
          `${effectiveFrom} 이후에 신고된 신고 ${decided.toLocaleString('en-US')}건이 이미 결정되었습니다. 시행일은 기록된 마지막 신고일보다 뒤여야 합니다.`,
          `${decided.toLocaleString('en-US')} declaration${decided === 1 ? ' was' : 's were'} declared on or after ${effectiveFrom} and decided already; the effective date must come after the last declaration on record.`,
        ),
      );
  }
  if (errors.length) return refused(errors.sort((a, b) => a.line - b.line));
  const sha256 = deps.secrets.sha256(csv);
  const again = await loadedBefore(deps, 'tariff', sha256);
  if (again) return again;
  const uploadId = await deps.referenceStore.recordTariffUpload({ userId: officer.userId, sha256, rows: parsed, note: '' });
  await deps.reference.reload();
  const dates = [...dateLine.keys()].sort();
  const version = deps.reference.current().asOf(dates[0]!)?.versions.tariff ?? '';
  await deps.access.audit({
    actorKind: 'officer',
    actorId: officer.userId,
    action: 'reference.tariff.upload',
    subject: `upload:${uploadId}`,
    detail: { rows: parsed.length, sha256, bytes: new TextEncoder().encode(csv).length, effectiveFrom: dates, version },
  });
  return ok({ uploadId, rows: parsed.length, sha256, version, dates });
}
