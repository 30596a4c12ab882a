// A labelled table for the risk model, read from named columns of a plain table of strings (a
// CSV file, or rows built from declarations). Expected problems (a missing column, a label
// that is empty or not 0/1/true/false/yes/no, a feature or revenue cell that is not a number) come back as
// values with a one-line message in Korean and English, naming the line and the column.

export interface RawTable {
  header: string[];
  rows: string[][];
  /** The line of the file each row starts on (a CSV file: blank lines and quoted line breaks counted); else row i is line i + 2, after the header. */
  lines?: number[];
}

export interface ColumnSpec {
  id: string;
  label: string;
  numeric: string[];
  categorical: string[];
  revenue?: string;
  /** Pairs of categorical columns encoded together (e.g. seller × HS heading, as in DATE). */
  interactions?: [string, string][];
  /** Column with the engine's signals, separated by ';' (rules baseline). */
  signals?: string;
  /** Column with the goods description (keyword rules). */
  text?: string;
}

export interface LabelledData {
  n: number;
  ids: string[];
  labels: Uint8Array;
  revenue: Float64Array | null;
  /** Per spec.numeric column; NaN = missing. */
  numeric: Float64Array[];
  /** Per spec.categorical column; '' = missing. */
  categorical: string[][];
  signals: string[][] | null;
  text: string[] | null;
}

export type DataResult =
  | { ok: true; data: LabelledData }
  | { ok: false; code: 'INTERACTION_NOT_CATEGORICAL' | 'COLUMN_NOT_FOUND' | 'LABEL_AS_FEATURE' | 'LABEL_MISSING' | 'LABEL_INVALID' | 'NUMBER_INVALID'; ko: string; en: string };

const TRUE = new Set(['1', 'true', 'yes', 'y', 't', 'illicit']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'f', 'licit']);
const MISSING = new Set(['', 'na', 'nan', 'null', 'none', '-']);

/**
 * 1 (illicit), 0 (licit) or null: not a label. An empty cell is no label: a parcel never inspected,
 * or a result not recorded, is not one found clean (read as 0 until 2026-12-05, it trained as clean
 * and counted against precision as a miss of the ranking).
 */
export function parseLabel(value: string): 0 | 1 | null {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (TRUE.has(v)) return 1;
  if (FALSE.has(v)) return 0;
  // 1.0 and 0.0 (a spreadsheet's or pandas' float column) are 1 and 0; any other number (2, -1, 0.5)
  // is not a label: read as x > 0 it trained a count of findings or a -1/1 coding without a word.
  const x = Number(v);
  return x === 1 ? 1 : x === 0 ? 0 : null;
}

/** A cell that is neither missing (empty, NA, null, -) nor a number: a typo, or a text column given as numeric. */
export function notANumber(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim();
  return !MISSING.has(v.toLowerCase()) && Number.isNaN(Number(v.replace(/,/g, '')));
}

export function parseNumber(value: string | undefined): number {
  if (value === undefined) return Number.NaN;
  const v = value.trim();
  if (MISSING.has(v.toLowerCase())) return Number.NaN;
  const x = Number(v.replace(/,/g, ''));
  return Number.isFinite(x) ? x : Number.NaN;
}

export function labelledData(table: RawTable, spec: ColumnSpec): DataResult {
  const index = new Map<string, number>();
  table.header.forEach((h, i) => {
    if (!index.has(h.trim())) index.set(h.trim(), i);
  });
  const need = [spec.id, spec.label, ...spec.numeric, ...spec.categorical, ...(spec.revenue ? [spec.revenue] : []), ...(spec.signals ? [spec.signals] : []), ...(spec.text ? [spec.text] : [])];
  for (const [a, b] of spec.interactions ?? []) need.push(a, b);
  const missing = need.filter((c) => !index.has(c.trim()));
  const notCategorical = (spec.interactions ?? []).flat().filter((c) => !spec.categorical.includes(c));
  const names = (cs: string[]) => cs.map((c) => JSON.stringify(c)).join(', ');
  if (notCategorical.length) {
    return { ok: false, code: 'INTERACTION_NOT_CATEGORICAL', ko: `상호작용 열은 범주형 열이기도 해야 합니다: ${names(notCategorical)}`, en: `interaction columns must also be categorical: ${names(notCategorical)}` };
  }
  if (missing.length) {
    // the columns there are, so that a typo shows (at most 30: a wide export stays one readable line)
    const there = `${names(table.header.slice(0, 30))}${table.header.length > 30 ? ', …' : ''}`;
    return {
      ok: false,
      code: 'COLUMN_NOT_FOUND',
      ko: `열이 없습니다: ${names(missing)} (머리글의 열: ${there})`,
      en: `column${missing.length > 1 ? 's' : ''} not found: ${names(missing)} (the header has: ${there})`,
    };
  }
  const col = (name: string) => index.get(name.trim())!;
  const n = table.rows.length;
  const lineOf = (i: number) => table.lines?.[i] ?? i + 2;
  const labels = new Uint8Array(n);
  const labelCol = col(spec.label);
  // Rows without a label: refused with the first one's line and how many there are (a cell missing
  // at the end of a short row is empty too). Neither train nor eval can use them: unlabelled, a test
  // row is neither a find nor a miss at any budget.
  let firstEmpty = -1;
  let empty = 0;
  for (let i = 0; i < n; i++) {
    if ((table.rows[i]![labelCol] ?? '').trim() !== '') continue;
    if (firstEmpty < 0) firstEmpty = i;
    empty++;
  }
  if (firstEmpty >= 0) {
    const label = JSON.stringify(spec.label);
    return {
      ok: false,
      code: 'LABEL_MISSING',
      ko: `${lineOf(firstEmpty)}행: 레이블 ${label}이(가) 비어 있습니다 (이 열의 ${n}행 중 ${empty}행): 행마다 1/0, true/false, yes/no 중 하나가 있어야 합니다. 레이블이 없는 행(검사하지 않은 화물)은 학습에도 정밀도 계산에도 쓸 수 없으니 파일에서 빼세요`,
      en: `line ${lineOf(firstEmpty)}: label ${label} is empty (${empty} of ${n} rows in this column): every row needs 1/0, true/false or yes/no. A row without a label (a parcel never inspected) can be neither learned from nor counted in precision: leave it out of the file`,
    };
  }
  for (let i = 0; i < n; i++) {
    const raw = table.rows[i]![labelCol] ?? '';
    const l = parseLabel(raw);
    if (l === null) {
      const [label, value] = [JSON.stringify(spec.label), JSON.stringify(raw)];
      return {
        ok: false,
        code: 'LABEL_INVALID',
        ko: `${lineOf(i)}행: 레이블 ${label}의 값 ${value}은(는) 1/0, true/false, yes/no 중 하나여야 합니다`,
        en: `line ${lineOf(i)}: label ${label} is ${value}, expected 1/0, true/false or yes/no`,
      };
    }
    labels[i] = l;
  }
  // The label as a feature learns the answer it is measured on (a perfect, meaningless score); the id names each row.
  // After the labels' check: a --label naming a feature column by mistake is said as a label that is not one.
  for (const [which, column, ko, en] of [
    ['label', spec.label, '모델이 평가받는 답을 보고 배우게 됩니다', 'the model would learn the answer it is measured on'],
    ['id', spec.id, '행마다 다른 이름이라 시험 파일의 행은 학습에 없습니다', 'it names each row, and a row of the test file is never one of training'],
  ] as const) {
    const flag = spec.numeric.some((c) => c.trim() === column.trim()) ? '--numeric' : spec.categorical.some((c) => c.trim() === column.trim()) ? '--categorical' : null;
    if (flag) {
      const name = JSON.stringify(column);
      return { ok: false, code: 'LABEL_AS_FEATURE', ko: `${which === 'label' ? '레이블' : 'id'} 열 ${name}은(는) 특성(${flag})이 될 수 없습니다: ${ko}`, en: `the ${which} column ${name} cannot also be a feature (${flag}): ${en}` };
    }
  }
  // A cell that is not a number would silently train as missing: a whole text column given as --numeric, or a typo.
  for (const name of [...spec.numeric, ...(spec.revenue ? [spec.revenue] : [])]) {
    const c = col(name);
    let first = -1;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      if (!notANumber(table.rows[i]![c])) continue;
      if (first < 0) first = i;
      bad++;
    }
    if (first < 0) continue;
    const [column, value] = [JSON.stringify(name), JSON.stringify(table.rows[first]![c])];
    return {
      ok: false,
      code: 'NUMBER_INVALID',
      ko: `${lineOf(first)}행, 열 ${column}: ${value}은(는) 숫자가 아닙니다 (이 열의 ${n}행 중 ${bad}행; 빈 칸, NA, null, -는 값 없음으로 읽습니다)`,
      en: `line ${lineOf(first)}, column ${column}: ${value} is not a number (${bad} of ${n} rows in this column; empty, NA, null and - are read as missing)`,
    };
  }
  const numericOf = (name: string) => {
    const c = col(name);
    return Float64Array.from(table.rows, (r) => parseNumber(r[c]));
  };
  const stringsOf = (name: string) => {
    const c = col(name);
    return table.rows.map((r) => (r[c] ?? '').trim());
  };
  const idCol = col(spec.id);
  return {
    ok: true,
    data: {
      n,
      ids: table.rows.map((r) => r[idCol] ?? ''),
      labels,
      revenue: spec.revenue ? numericOf(spec.revenue).map((v) => (Number.isNaN(v) ? 0 : v)) : null,
      numeric: spec.numeric.map(numericOf),
      categorical: spec.categorical.map(stringsOf),
      signals: spec.signals ? stringsOf(spec.signals).map((s) => s.split(/[;|]/).map((x) => x.trim()).filter(Boolean)) : null,
      text: spec.text ? stringsOf(spec.text) : null,
    },
  };
}

/** The categorical values of an interaction pair, joined. */
export function interactionValues(data: LabelledData, spec: ColumnSpec, pair: [string, string]): string[] {
  const va = data.categorical[spec.categorical.indexOf(pair[0])]!;
  const vb = data.categorical[spec.categorical.indexOf(pair[1])]!;
  return Array.from({ length: data.n }, (_, i) => `${va[i]}\u241f${vb[i]}`);
}

/**
 * How a test file's ids meet the files the model learned from: rows that are also in the training
 * (or validation) file are measured on what the model was fitted to, so precision and AUC come out
 * better than the model is; ids repeated within the test file count one parcel more than once.
 * `first`: the first such id in test-file order, to find it by.
 */
export function idOverlap(testIds: readonly string[], learnedIds: readonly string[]): { shared: number; firstShared: string | null; repeated: number; firstRepeated: string | null } {
  const learned = new Set(learnedIds.map((id) => id.trim()).filter((id) => id !== ''));
  const seen = new Set<string>();
  let shared = 0;
  let repeated = 0;
  let firstShared: string | null = null;
  let firstRepeated: string | null = null;
  for (const raw of testIds) {
    const id = raw.trim();
    if (id === '') continue;
    if (seen.has(id)) {
      repeated++;
      firstRepeated ??= id;
      continue;
    }
    seen.add(id);
    if (learned.has(id)) {
      shared++;
      firstShared ??= id;
    }
  }
  return { shared, firstShared, repeated, firstRepeated };
}
