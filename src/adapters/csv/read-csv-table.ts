// Reads a CSV file with a header row into a table of strings (csv-parse): quoted fields,
// embedded commas/quotes/newlines, a UTF-8 byte-order mark, column names with spaces.
// Expected problems (missing file, malformed CSV, no header) come back as a one-line message.
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { RawTable } from '../../domain/risk/dataset.ts';

export type CsvResult = { ok: true; table: RawTable } | { ok: false; message: string };

export async function readCsvTable(path: string): Promise<CsvResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return parseCsvTable(text, path);
}

export function parseCsvTable(text: string, name = 'CSV'): CsvResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    return { ok: false, message: `${name} is not valid CSV: ${(e as Error).message.split('\n')[0]}` };
  }
  const [header, ...rows] = records;
  if (!header || header.length === 0) return { ok: false, message: `${name} has no header row` };
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
