// A trained GBDT risk model prepared for scoring one declaration at a time (the platform's
// scoring worker): the trees flattened into typed arrays (feature / threshold / missing side /
// left / right / value, node ids global across trees) and walked without allocation; the
// encoder's category tables turned into maps of precomputed (rate, log count); a feature row
// (values by column name, as riskFeatures gives them) encoded into a reused Float64Array.
// The arithmetic is the same, in the same order, as encode() + gbdtPredict() +
// gbdtContributions(), so scores and factors are identical to the column-wise path (tested).
import { parseNumber } from './dataset.ts';
import { interactionKey } from './encoder.ts';
import type { GbdtModel } from './gbdt.ts';
import { revenueIfFound, type RiskModel } from './model.ts';

export interface Forest {
  base: number;
  logistic: boolean;
  /** Root node id of each tree, in tree order. */
  roots: Int32Array;
  /** −1 for leaves. */
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** The same trees laid out for forestMargin (compileWalk). */
  walk: Walk;
}

/**
 * The trees re-laid breadth-first so that a node's children are adjacent (right = left + 1):
 * the walk picks a child by adding 0 or 1 instead of branching on the comparison, which a
 * branch predictor cannot guess on data like this (a third faster in a micro-benchmark on
 * the demo model and synthetic rows). Leaves keep their value in `split`.
 */
export interface Walk {
  roots: Int32Array;
  /** −1 for leaves. */
  feature: Int32Array;
  /** Threshold of a split, value of a leaf. */
  split: Float64Array;
  /** The left child (the right one is next to it). */
  child: Int32Array;
  /** 1 when a missing value goes right. */
  missingRight: Uint8Array;
}

function compileWalk(f: Omit<Forest, 'walk'>): Walk {
  const n = f.feature.length;
  const w: Walk = { roots: new Int32Array(f.roots.length), feature: new Int32Array(n), split: new Float64Array(n), child: new Int32Array(n), missingRight: new Uint8Array(n) };
  let next = 0;
  const queue: number[] = []; // pairs: node of f, its place in w
  for (let t = 0; t < f.roots.length; t++) {
    w.roots[t] = next;
    queue.push(f.roots[t]!, next++);
    for (let q = 0; q < queue.length; q += 2) {
      const from = queue[q]!;
      const to = queue[q + 1]!;
      if (f.feature[from]! < 0) {
        w.feature[to] = -1;
        w.split[to] = f.value[from]!;
        continue;
      }
      w.feature[to] = f.feature[from]!;
      w.split[to] = f.threshold[from]!;
      w.missingRight[to] = f.missingLeft[from] === 1 ? 0 : 1;
      w.child[to] = next;
      queue.push(f.left[from]!, next, f.right[from]!, next + 1);
      next += 2;
    }
    queue.length = 0;
  }
  return w;
}

export function compileForest(m: GbdtModel): Forest {
  let size = 0;
  for (const t of m.trees) size += t.feature.length;
  const f: Omit<Forest, 'walk'> = {
    base: m.baseScore,
    logistic: m.params.objective !== 'squared',
    roots: new Int32Array(m.trees.length),
    feature: new Int32Array(size),
    threshold: new Float64Array(size),
    missingLeft: new Uint8Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    value: new Float64Array(size),
  };
  let o = 0;
  m.trees.forEach((t, k) => {
    f.roots[k] = o;
    for (let j = 0; j < t.feature.length; j++) {
      f.feature[o + j] = t.feature[j]!;
      f.threshold[o + j] = t.threshold[j]!;
      f.missingLeft[o + j] = t.missingLeft[j]!;
      f.left[o + j] = t.left[j]! + o;
      f.right[o + j] = t.right[j]! + o;
      f.value[o + j] = t.value[j]!;
    }
    o += t.feature.length;
  });
  return { ...f, walk: compileWalk(f) };
}

/** base + Σ leaf values (log-odds for logistic forests), in tree order as gbdtPredict adds them. */
export function forestMargin(f: Forest, row: Float64Array): number {
  const { roots, feature, split, child, missingRight } = f.walk;
  let s = f.base;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    let feat = feature[node]!;
    while (feat >= 0) {
      const v = row[feat]!;
      // Right when v > threshold (not v <= threshold); NaN takes the learned side.
      node = child[node]! + (v !== v ? missingRight[node]! : +(v > split[node]!));
      feat = feature[node]!;
    }
    s += split[node]!;
  }
  return s;
}

export function forestPredict(f: Forest, row: Float64Array): number {
  const s = forestMargin(f, row);
  return f.logistic ? 1 / (1 + Math.exp(-s)) : s;
}

/** Path attributions (Saabas) added to `out`, exactly as gbdtContributions computes them. */
export function forestContributions(f: Forest, row: Float64Array, out: Float64Array): void {
  const { roots, feature, threshold, missingLeft, left, right, value } = f;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    let feat = feature[node]!;
    while (feat >= 0) {
      const v = row[feat]!;
      const next = (v !== v ? missingLeft[node] === 1 : v <= threshold[node]!) ? left[node]! : right[node]!;
      out[feat] = out[feat]! + value[next]! - value[node]!;
      node = next;
      feat = feature[node]!;
    }
  }
}

interface CompiledCategory {
  /** Positions of the source columns in spec.categorical (−1: not a categorical column of the spec). */
  columns: number[];
  /** Position of each seen value in rate and logCount (one hash look-up per value, not two). */
  index: Map<string, number>;
  rate: Float64Array;
  logCount: Float64Array;
  unseenRate: number;
}

export interface CompiledModel {
  model: RiskModel;
  numeric: string[];
  categoricalColumns: string[];
  categories: CompiledCategory[];
  width: number;
  forest: Forest;
  revenue: Forest | null;
  /** Scratch row (the last encoded row). */
  row: Float64Array;
  /** Scratch for contributions. */
  contributions: Float64Array;
}

const cache = new WeakMap<RiskModel, CompiledModel | null>();

/** The compiled form of a GBDT model (cached per model object); null for other kinds (they take the general path). */
export function compileRiskModel(model: RiskModel): CompiledModel | null {
  if (cache.has(model)) return cache.get(model)!;
  const l = model.learner;
  let out: CompiledModel | null = null;
  if (l.kind === 'gbdt' && model.encoder) {
    const spec = model.spec;
    const categories = model.encoder.categorical.map((stats): CompiledCategory => {
      const entries = Object.entries(stats.values);
      const index = new Map<string, number>();
      const rate = new Float64Array(entries.length);
      const logCount = new Float64Array(entries.length);
      entries.forEach(([value, s], k) => {
        const rows = s?.[0] ?? 0;
        const illicit = s?.[1] ?? 0;
        index.set(value, k);
        rate[k] = (illicit + stats.smoothing * stats.prior) / (rows + stats.smoothing);
        logCount[k] = Math.log1p(rows);
      });
      return { columns: stats.columns.map((c) => spec.categorical.indexOf(c)), index, rate, logCount, unseenRate: (0 + stats.smoothing * stats.prior) / (0 + stats.smoothing) };
    });
    const width = spec.numeric.length + 2 * categories.length;
    out = {
      model,
      numeric: [...spec.numeric],
      categoricalColumns: [...spec.categorical],
      categories,
      width,
      forest: compileForest(l),
      revenue: model.revenue ? compileForest(model.revenue) : null,
      row: new Float64Array(width),
      contributions: new Float64Array(width),
    };
  }
  cache.set(model, out);
  return out;
}

type FeatureValue = string | number | null | undefined;

/** A numeric value as rowsToData + encode read it (NaN = missing). */
export function numericValue(v: FeatureValue): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  return v === null ? Number.NaN : parseNumber(v);
}

/** A categorical value as rowsToData reads it ('' = missing). */
export function categoricalValue(v: FeatureValue): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** Encodes a feature row into c.row (and returns it). */
export function encodeFeatureRow(c: CompiledModel, features: Record<string, FeatureValue>): Float64Array {
  const row = c.row;
  const nNum = c.numeric.length;
  for (let k = 0; k < nNum; k++) row[k] = numericValue(features[c.numeric[k]!]);
  let o = nNum;
  for (const cat of c.categories) {
    let key: string;
    if (cat.columns.length === 1) key = categoricalValue(cat.columns[0]! >= 0 ? features[c.categoricalColumns[cat.columns[0]!]!] : undefined);
    else key = interactionKey(cat.columns.map((i) => categoricalValue(i >= 0 ? features[c.categoricalColumns[i]!] : undefined)));
    const k = cat.index.get(key);
    if (k === undefined) {
      row[o] = cat.unseenRate;
      row[o + 1] = 0; // Math.log1p(0)
    } else {
      row[o] = cat.rate[k]!;
      row[o + 1] = cat.logCount[k]!;
    }
    o += 2;
  }
  return row;
}

/** P(illicit) and the expected revenue (null without a revenue booster) of the row in c.row. */
export function scoreEncoded(c: CompiledModel): { score: number; expectedRevenue: number | null } {
  const score = forestPredict(c.forest, c.row);
  if (!c.revenue) return { score, expectedRevenue: null };
  return { score, expectedRevenue: score * revenueIfFound(c.model, forestPredict(c.revenue, c.row)) };
}

/** Per-feature contributions of the row in c.row (into c.contributions, zeroed first). */
export function contributionsOfEncoded(c: CompiledModel): Float64Array {
  c.contributions.fill(0);
  forestContributions(c.forest, c.row, c.contributions);
  return c.contributions;
}
