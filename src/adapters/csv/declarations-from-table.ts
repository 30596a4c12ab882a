// Declarations from a spreadsheet: one row per item, the declaration's own columns repeated (or left
// empty) on its other rows, rows of one `ref` forming one declaration (in the order each ref first
// appears; its items in row order). Column names are the JSON paths of the declaration model
// (`shipment.hblNo`, `consignee.pccc`, `items.price`), so the same field errors name the same fields;
// a header may also name a column for people, by its Korean or English label (`품명`, `Unit price`),
// or both, `품명 (items.description)`, as the template does.
// Cells stay what the engine's validation judges: an empty cell is a missing field, a number column
// holding text keeps the text (validation then says `items[1].price` must be a number), so a bad
// cell rejects its declaration, not the file. The file itself is refused (CSV_INVALID, each problem
// with its line and column) only when it cannot be read as declarations: an unknown column, no `ref`
// column, or two rows of one ref that disagree on a declaration field (which one would be meant?).
import type { TSchema } from '@sinclair/typebox';
import { closestCode } from '../../domain/closest-code.ts';
import { DeclarationSchema } from '../../domain/declaration-schema.ts';
import { foldFieldName, synonymsOf } from '../../domain/field-suggestion.ts';
import type { RawTable } from '../../domain/risk/dataset.ts';
import { parseCsvTable } from './read-csv-table.ts';
import { DECLARATION_FIELD_LABELS as LABELS } from '../../domain/declaration-field-labels.ts';

/** A leaf field of the declaration schema: its dotted path and its JSON type. */
interface Leaf {
  path: string;
  type: string;
}

/** The leaves below a TypeBox object schema, in its order (`items.` for the fields of one item). */
function leavesOf(schema: TSchema, prefix: string): Leaf[] {
  const properties = (schema as { properties?: Record<string, TSchema> }).properties;
  if (!properties) return [];
  return Object.entries(properties).flatMap(([key, child]) => {
    const path = `${prefix}${key}`;
    if (child.type === 'array') return leavesOf((child as unknown as { items: TSchema }).items, `${path}.`);
    if (child.type === 'object') return leavesOf(child, `${path}.`);
    return [{ path, type: String(child.type ?? 'string') }];
  });
}

// The columns are the schema's fields, so a field added to the model is a column at once.
const LEAVES = leavesOf(DeclarationSchema, '');
const TYPE_OF = new Map(LEAVES.map((l) => [l.path, l.type]));

/** Every column a declarations CSV may have, in the schema's order (a template's header). */
export const DECLARATION_CSV_COLUMNS: readonly string[] = LEAVES.map((l) => l.path);


/** The template's header: each column as "label (path)" in the language asked, or the bare paths. */
export function declarationCsvHeader(lang: 'ko' | 'en' | null): string[] {
  return DECLARATION_CSV_COLUMNS.map((c) => (lang && LABELS[c] ? `${LABELS[c][lang === 'ko' ? 0 : 1]} (${c})` : c));
}

const foldLabel = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
/** Each label, Korean or English (all distinct), to its path: a spreadsheet's header may name the columns only so. */
const PATH_OF_LABEL = new Map(Object.entries(LABELS).flatMap(([path, [ko, en]]) => [[foldLabel(ko), path] as const, [foldLabel(en), path] as const]));

/** A header cell as its column: "참조번호 (ref)" is `ref` (the path in the last brackets), "품명" or "Unit price" the labelled path, any other cell itself. */
function columnOf(cell: string): string {
  const m = /\(([A-Za-z.]+)\)\s*$/.exec(cell);
  if (m && TYPE_OF.has(m[1]!)) return m[1]!;
  return PATH_OF_LABEL.get(foldLabel(cell)) ?? cell;
}

/** What is wrong, for machines (the texts say it for people). */
export type CsvProblemCode = 'not_csv' | 'unknown_column' | 'column_repeated' | 'ref_column_missing' | 'ref_missing' | 'rows_disagree' | 'no_rows' | 'too_many_declarations';

export interface CsvProblem {
  line: number; // as an editor counts (the header is line 1); 0: the file as a whole (not CSV at all)
  column: string;
  code: CsvProblemCode;
  ko: string;
  en: string;
}

export type DeclarationsFromTable =
  /** `lines`: every row of each declaration; `itemLines`: the row of each of its items, in order (items[i] from itemLines[i]; a row of declaration fields only adds no item). */
  | { ok: true; declarations: Record<string, unknown>[]; lines: number[][]; itemLines: number[][] }
  | { ok: false; problems: CsvProblem[] };

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;

function numberCell(cell: string): number | string {
  return NUMBER.test(cell) && /\d/.test(cell) ? Number(cell.replace(/,/g, '')) : cell;
}

const TRUE = new Set(['true', '1', 'y', 'yes', '예']);
const FALSE = new Set(['false', '0', 'n', 'no', '아니오']);
function booleanCell(cell: string): boolean | string {
  const v = cell.toLowerCase();
  return TRUE.has(v) ? true : FALSE.has(v) ? false : cell;
}

function cellValue(column: string, cell: string): unknown {
  const type = TYPE_OF.get(column);
  if (type === 'number' || type === 'integer') return numberCell(cell);
  if (type === 'boolean') return booleanCell(cell);
  return cell;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = at[key];
    if (typeof next === 'object' && next !== null) at = next as Record<string, unknown>;
    else at = at[key] = {} as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

/**
 * The column an unknown one most likely meant: the one path whose last name is its last name or
 * means the same (`pccc`, `price`, `weight`, `unitPrice` → `consignee.pccc`, `items.price`,
 * `shipment.grossWeightKg`, `items.price`), else the one path within a small edit (`items.prise`).
 * None when several fit (`name`: a party's or the consignee's?): a wrong hint is worse than none.
 */
export function columnMeant(column: string): string | null {
  const leaf = column.split('.').pop()!;
  const names = new Set(synonymsOf(leaf).map(foldFieldName));
  const byLeaf = DECLARATION_CSV_COLUMNS.filter((c) => names.has(foldFieldName(c.split('.').pop()!)));
  if (byLeaf.length === 1) return byLeaf[0]!;
  if (byLeaf.length > 1) return null;
  return closestCode(column, DECLARATION_CSV_COLUMNS.map((code) => ({ code, names: [] })))?.code ?? null;
}

function unknownColumn(column: string): CsvProblem {
  const near = columnMeant(column);
  return {
    line: 1,
    column,
    code: 'unknown_column',
    ko: `알 수 없는 열입니다: ${column}.${near ? ` 혹시 '${near}'인가요?` : ''} 열 이름은 신고 항목의 경로입니다(예: consignee.pccc, items.price).`,
    en: `Unknown column: ${column}.${near ? ` Did you mean '${near}'?` : ''} Columns are the declaration's field paths (e.g. consignee.pccc, items.price).`,
  };
}

/** The declarations a table holds, with the lines each came from; or why the file cannot be read so. */
export function declarationsFromTable(table: RawTable): DeclarationsFromTable {
  const problems: CsvProblem[] = [];
  const header = table.header.map(columnOf);
  header.forEach((column, i) => {
    if (!TYPE_OF.has(column)) problems.push(unknownColumn(column));
    else if (header.indexOf(column) !== i) problems.push({ line: 1, column, code: 'column_repeated', ko: `같은 열이 두 번 있습니다: ${column}`, en: `The column ${column} appears twice` });
  });
  const refAt = header.indexOf('ref');
  if (refAt < 0) problems.push({ line: 1, column: 'ref', code: 'ref_column_missing', ko: 'ref 열이 없습니다: 같은 ref의 행이 한 신고입니다.', en: 'No ref column: the rows of one ref make one declaration.' });
  if (problems.length) return { ok: false, problems };

  const lineOf = (r: number) => table.lines?.[r] ?? r + 2;
  const byRef = new Map<string, { declaration: Record<string, unknown>; lines: number[]; itemLines: number[]; first: Map<string, { value: string; line: number }> }>();
  const itemColumns = header.flatMap((column, i) => (column.startsWith('items.') ? [{ i, column, field: column.slice('items.'.length) }] : []));
  const ownColumns = header.flatMap((column, i) => (column.startsWith('items.') || column === 'ref' ? [] : [{ i, column, path: column.split('.') }]));
  table.rows.forEach((row, r) => {
    const line = lineOf(r);
    const ref = (row[refAt] ?? '').trim();
    if (!ref) {
      // A row without its ref cannot be placed; a blank row (every cell empty) is no item.
      if (row.some((c) => c.trim())) problems.push({ line, column: 'ref', code: 'ref_missing', ko: 'ref가 비어 있습니다: 어느 신고의 물품인지 알 수 없습니다.', en: 'The ref is empty: the row belongs to no declaration.' });
      return;
    }
    let entry = byRef.get(ref);
    if (!entry) byRef.set(ref, (entry = { declaration: { ref, items: [] }, lines: [], itemLines: [], first: new Map() }));
    entry.lines.push(line);
    for (const { i, column, path } of ownColumns) {
      const cell = (row[i] ?? '').trim();
      if (!cell) continue;
      const seen = entry.first.get(column);
      if (!seen) {
        entry.first.set(column, { value: cell, line });
        setPath(entry.declaration, path, cellValue(column, cell));
      } else if (seen.value !== cell) {
        problems.push({
          line,
          column,
          code: 'rows_disagree',
          ko: `ref ${ref}의 ${column}이(가) ${seen.line}행("${seen.value}")과 다릅니다("${cell}"): 한 신고의 행은 신고 항목이 같거나 비어 있어야 합니다.`,
          en: `${column} of ref ${ref} differs from line ${seen.line} ("${seen.value}" against "${cell}"): the rows of one declaration repeat its fields or leave them empty.`,
        });
      }
    }
    const item: Record<string, unknown> = {};
    for (const { i, column, field } of itemColumns) {
      const cell = (row[i] ?? '').trim();
      if (cell) item[field] = cellValue(column, cell);
    }
    // A row of declaration fields only (no item cell) adds no item: the declaration's own line.
    if (Object.keys(item).length) {
      (entry.declaration.items as unknown[]).push(item);
      entry.itemLines.push(line);
    }
  });
  if (problems.length) return { ok: false, problems };
  if (byRef.size === 0) return { ok: false, problems: [{ line: 2, column: 'ref', code: 'no_rows', ko: '신고 행이 없습니다.', en: 'No declaration rows.' }] };
  const entries = [...byRef.values()];
  return { ok: true, declarations: entries.map((e) => e.declaration), lines: entries.map((e) => e.lines), itemLines: entries.map((e) => e.itemLines) };
}

/** The declarations of a CSV text (UTF-8), or why it cannot be read as declarations. */
export function declarationsFromCsv(text: string, name = 'CSV'): DeclarationsFromTable {
  const table = parseCsvTable(text, name);
  if (!table.ok) return { ok: false, problems: [{ line: 0, column: '', code: 'not_csv', ko: table.ko, en: table.en }] };
  return declarationsFromTable(table.table);
}
