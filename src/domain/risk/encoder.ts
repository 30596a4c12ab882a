// Feature encoding: numeric columns pass through (NaN = missing); each categorical column
// (platform, seller, HS heading, …) becomes two numbers:
//   [rate]  the smoothed share of illicit rows with that value, (k + m·prior)/(n + m) — target
//           encoding with additive smoothing (Micci-Barreca 2001), so a seller seen twice does
//           not get a rate of 0 or 1;
//   [count] log(1 + rows with that value) — frequency encoding (new parties are rare values).
// Interaction pairs (e.g. seller × HS heading) are encoded the same way; DATE (Kim et al.,
// KDD 2020) found the importer × HS code interaction the strongest signal in customs data.
// On the training rows the rates are out-of-fold (K folds by a seeded hash of the row number):
// a row's own label never enters its own encoding, which would otherwise leak the target.
import { interactionValues, type ColumnSpec, type LabelledData } from './dataset.ts';
import type { Matrix } from './gbdt.ts';
import { hashString } from './random.ts';

export interface CategoryStats {
  /** The source: one column, or two for an interaction. */
  columns: string[];
  prior: number;
  smoothing: number;
  /** value → [rows, illicit rows]; values seen fewer than `minCount` times are left out (= unseen). */
  values: Record<string, [number, number]>;
}

export interface EncoderState {
  numeric: string[];
  categorical: CategoryStats[];
  featureNames: string[];
  /** For each feature, the source column(s) it was computed from (for explanations). */
  featureSources: string[][];
}

export interface EncoderOptions {
  smoothing: number;
  folds: number;
  minCount: number;
  seed: number;
}

export const DEFAULT_ENCODER_OPTIONS: EncoderOptions = { smoothing: 10, folds: 5, minCount: 2, seed: 1 };

const SEP = '\u241f';

function categoricalInputs(data: LabelledData, spec: ColumnSpec): { columns: string[]; values: string[] }[] {
  return [
    ...spec.categorical.map((c, k) => ({ columns: [c], values: data.categorical[k]! })),
    ...(spec.interactions ?? []).map((pair) => ({ columns: [...pair], values: interactionValues(data, spec, pair) })),
  ];
}

function featureLayout(spec: ColumnSpec, inputs: { columns: string[] }[]): Pick<EncoderState, 'featureNames' | 'featureSources'> {
  const featureNames = [...spec.numeric];
  const featureSources = spec.numeric.map((c) => [c]);
  for (const input of inputs) {
    const name = input.columns.join(' × ');
    featureNames.push(`${name} [rate]`, `${name} [count]`);
    featureSources.push(input.columns, input.columns);
  }
  return { featureNames, featureSources };
}

/** Fits the encoder on the training rows and returns it with the training matrix (out-of-fold rates). */
export function fitEncoder(data: LabelledData, spec: ColumnSpec, options: Partial<EncoderOptions> = {}): { encoder: EncoderState; matrix: Matrix } {
  const o: EncoderOptions = { ...DEFAULT_ENCODER_OPTIONS, ...options };
  const n = data.n;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += data.labels[i]!;
  const prior = n ? positives / n : 0;
  const fold = Uint8Array.from({ length: n }, (_, i) => hashString(`${o.seed}/${i}`) % Math.max(1, o.folds));
  const inputs = categoricalInputs(data, spec);
  const columns: Float64Array[] = data.numeric.map((c) => c.map((v) => (Number.isFinite(v) ? v : Number.NaN)));
  const categorical: CategoryStats[] = [];
  for (const input of inputs) {
    const total = new Map<string, number[]>(); // value → [rows, illicit, rows per fold…, illicit per fold…]
    for (let i = 0; i < n; i++) {
      const v = input.values[i]!;
      let s = total.get(v);
      if (!s) total.set(v, (s = new Array(2 + 2 * o.folds).fill(0)));
      s[0]!++;
      s[1]! += data.labels[i]!;
      s[2 + fold[i]!]!++;
      s[2 + o.folds + fold[i]!]! += data.labels[i]!;
    }
    const rate = new Float64Array(n);
    const count = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = total.get(input.values[i]!)!;
      const rows = s[0]! - s[2 + fold[i]!]!;
      const illicit = s[1]! - s[2 + o.folds + fold[i]!]!;
      rate[i] = o.folds > 1 ? (illicit + o.smoothing * prior) / (rows + o.smoothing) : (s[1]! + o.smoothing * prior) / (s[0]! + o.smoothing);
      count[i] = Math.log1p(s[0]! >= o.minCount ? s[0]! : 0);
    }
    columns.push(rate, count);
    const values: Record<string, [number, number]> = {};
    for (const [v, s] of [...total.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) if (s[0]! >= o.minCount) values[v] = [s[0]!, s[1]!];
    categorical.push({ columns: input.columns, prior, smoothing: o.smoothing, values });
  }
  return { encoder: { numeric: [...spec.numeric], categorical, ...featureLayout(spec, inputs) }, matrix: { columns, n } };
}

/** Encodes rows (validation, test, new declarations) with a fitted encoder. */
export function encode(encoder: EncoderState, data: LabelledData, spec: ColumnSpec): Matrix {
  const columns: Float64Array[] = data.numeric.map((c) => c.map((v) => (Number.isFinite(v) ? v : Number.NaN)));
  const inputs = categoricalInputs(data, spec);
  encoder.categorical.forEach((stats, k) => {
    const values = inputs[k]!.values;
    const rate = new Float64Array(data.n);
    const count = new Float64Array(data.n);
    for (let i = 0; i < data.n; i++) {
      const e = encodeCategory(stats, values[i]!);
      rate[i] = e.rate;
      count[i] = e.logCount;
    }
    columns.push(rate, count);
  });
  return { columns, n: data.n };
}

export function encodeCategory(stats: CategoryStats, value: string): { rate: number; logCount: number; rows: number; illicit: number } {
  const s = stats.values[value];
  const rows = s?.[0] ?? 0;
  const illicit = s?.[1] ?? 0;
  return { rate: (illicit + stats.smoothing * stats.prior) / (rows + stats.smoothing), logCount: Math.log1p(rows), rows, illicit };
}

export function interactionKey(values: string[]): string {
  return values.join(SEP);
}
