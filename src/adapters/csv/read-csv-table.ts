// Reads a CSV file with a header row into a table of strings (csv-parse): quoted fields,
// embedded commas/quotes/newlines, a UTF-8 byte-order mark, column names with spaces.
// Expected problems (missing file, malformed CSV, no header) come back as a one-line message, in
// Korean and English (the CLI prints the one asked for); csv-parse's own detail stays English.
// Each row keeps the line of the file it starts on, for messages about its cells.
import { isUtf8 } from 'node:buffer';
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { RawTable } from '../../domain/risk/dataset.ts';
import { fileErrorText } from '../file-error-text.ts';

export type CsvErrorCode = 'CSV_UNREADABLE' | 'CSV_NOT_UTF8' | 'CSV_MALFORMED' | 'CSV_NO_HEADER';

export type CsvResult = { ok: true; table: RawTable } | { ok: false; code: CsvErrorCode; ko: string; en: string };

export async function readCsvTable(path: string): Promise<CsvResult> {
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (e) {
    const why = fileErrorText(e);
    return { ok: false, code: 'CSV_UNREADABLE', ko: `${path}을(를) 읽을 수 없습니다: ${why.ko}`, en: `cannot read ${path}: ${why.en}` };
  }
  return parseCsvTable(text, path);
}

export function parseCsvTable(text: string | Buffer, name = 'CSV'): CsvResult {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  if (!isUtf8(bytes)) {
    // Excel on Korean Windows saves CSV as EUC-KR (CP949): read as UTF-8, different names would turn into the same U+FFFD runs and train as one category.
    const decoded = bytes.toString('utf8');
    const line = decoded.slice(0, decoded.indexOf('\uFFFD')).split(/\r\n|\r|\n/).length;
    return {
      ok: false,
      code: 'CSV_NOT_UTF8',
      ko: `${name}이(가) UTF-8 텍스트가 아닙니다 (${line}행; EUC-KR/CP949로 저장한 파일?): UTF-8로 저장하세요 (Excel: CSV UTF-8)`,
      en: `${name} is not UTF-8 text (line ${line}; a file saved as EUC-KR/CP949?): save it as UTF-8 (Excel: CSV UTF-8)`,
    };
  }
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(bytes, { bom: true, skip_empty_lines: true, relax_column_count: false, info: true }) as unknown as typeof records;
  } catch (e) {
    const detail = (e as Error).message.split('\n')[0];
    const line = (e as { lines?: unknown }).lines;
    const where = typeof line === 'number' ? ` ${line}행에서` : '';
    return { ok: false, code: 'CSV_MALFORMED', ko: `${name}이(가)${where} 올바른 CSV가 아닙니다 (csv-parse: ${detail})`, en: `${name} is not valid CSV: ${detail}` };
  }
  const [header, ...rows] = records;
  if (!header || header.record.length === 0) {
    return { ok: false, code: 'CSV_NO_HEADER', ko: `${name}이(가) 비어 있습니다: 머리글 행과 데이터 행이 필요합니다`, en: `${name} is empty: expected a header row, then data rows` };
  }
  return { ok: true, table: { header: header.record.map((h) => h.trim()), rows: rows.map((r) => r.record.map(unneutralised)), lines: startLines(bytes, records) } };
}

/**
 * The line each data row starts on (1-based, as an editor counts: CRLF, LF or CR ends a line), from
 * where csv-parse says each record ends (`info.bytes`, the delimiter included): blank lines it
 * skipped and line breaks inside quoted fields count, so a message points at the right line.
 */
function startLines(bytes: Buffer, records: readonly { info: { bytes: number } }[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  const step = (to: number) => {
    for (; at < to; at++) {
      const b = bytes[at];
      if (b === 0x0a || (b === 0x0d && bytes[at + 1] !== 0x0a)) line++;
    }
  };
  for (let k = 1; k < records.length; k++) {
    step(records[k - 1]!.info.bytes);
    // skipped blank lines before the record
    while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) step(at + 1);
    lines.push(line);
  }
  return lines;
}

// A cell a spreadsheet would run as a formula: one that starts with = + - @ tab or CR (OWASP "CSV
// injection"; a declaration's description "=HYPERLINK(…)" in the risk export opened in Excel).
// Written with a leading apostrophe, which spreadsheets show as text; numbers (-1.5) stay as they are.
// Apostrophes already before such a start get one more, so reading back removes exactly one.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** One CSV cell: a formula-like start neutralised (above), quoted when it holds a comma, quote, CR or LF (RFC 4180). */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A cell as csvCell wrote it: the apostrophe it put before a formula-like start taken off. */
const unneutralised = (cell: string): string => (cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell);

export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

export async function writeCsvTable(path: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<void> {
  await writeFile(path, formatCsv(header, rows), 'utf8');
}
