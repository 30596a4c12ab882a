// Reads a CSV file with a header row into a table of strings (csv-parse): quoted fields,
// embedded commas/quotes/newlines, a UTF-8 byte-order mark, column names with spaces.
// Expected problems (missing file, malformed CSV, no header) come back as a one-line message, in
// Korean and English (the CLI prints the one asked for); csv-parse's own detail stays English.
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { RawTable } from '../../domain/risk/dataset.ts';
import { fileErrorText } from '../file-error-text.ts';

export type CsvErrorCode = 'CSV_UNREADABLE' | 'CSV_MALFORMED' | 'CSV_NO_HEADER';

export type CsvResult = { ok: true; table: RawTable } | { ok: false; code: CsvErrorCode; ko: string; en: string };

export async function readCsvTable(path: string): Promise<CsvResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const why = fileErrorText(e);
    return { ok: false, code: 'CSV_UNREADABLE', ko: `${path}을(를) 읽을 수 없습니다: ${why.ko}`, en: `cannot read ${path}: ${why.en}` };
  }
  return parseCsvTable(text, path);
}

export function parseCsvTable(text: string, name = 'CSV'): CsvResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    const detail = (e as Error).message.split('\n')[0];
    const line = (e as { lines?: unknown }).lines;
    const where = typeof line === 'number' ? ` ${line}행에서` : '';
    return { ok: false, code: 'CSV_MALFORMED', ko: `${name}이(가)${where} 올바른 CSV가 아닙니다 (csv-parse: ${detail})`, en: `${name} is not valid CSV: ${detail}` };
  }
  const [header, ...rows] = records;
  if (!header || header.length === 0) return { ok: false, code: 'CSV_NO_HEADER', ko: `${name}에 머리글 행이 없습니다`, en: `${name} has no header row` };
  return { ok: true, table: { header: header.map((h) => h.trim()), rows } };
}

/** One CSV cell: quoted when it holds a comma, quote, CR or LF (RFC 4180). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

export async function writeCsvTable(path: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<void> {
  await writeFile(path, formatCsv(header, rows), 'utf8');
}
