// Gradient-boosted decision trees for binary classification (logistic loss), histogram-based,
// in the manner of XGBoost's "hist" method and LightGBM (Chen & Guestrin, KDD 2016; Ke et al.,
// NeurIPS 2017):
//   - each feature is cut into at most `maxBins` quantile bins once, on the training rows;
//     bin 0 holds missing values (NaN), and each split learns which side missing values go;
//   - trees grow depth-wise to `maxDepth`; a node's gradient/hessian histogram is built for the
//     smaller child only, the larger child's is the parent's minus the smaller's;
//   - split gain ½·[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] − γ, leaf weight −G/(H+λ)·η;
//   - row subsampling (Bernoulli, per round) and column subsampling (per tree);
//   - early stopping on a validation set: keep the round with the best validation log loss
//     (or AUC) and stop after `earlyStoppingRounds` rounds without improvement.
// Deterministic given `seed`. A trained model is plain data (arrays of numbers): it serialises
// to JSON and predicts from raw feature values (thresholds, not bins).
import { logLoss, rocAuc } from './metrics.ts';
import { seededRandom } from './random.ts';

export interface GbdtParams {
  /** logistic: binary labels, scores are probabilities; squared: real targets (e.g. log revenue). */
  objective: 'logistic' | 'squared';
  rounds: number;
  learningRate: number;
  maxDepth: number;
  /** Minimum number of training rows in a leaf. */
  minLeaf: number;
  /** Minimum hessian sum in a leaf (xgboost's min_child_weight). */
  minChildWeight: number;
  /** L2 regularisation of leaf weights. */
  lambda: number;
  /** Minimum loss reduction to split. */
  gamma: number;
  subsample: number;
  colsample: number;
  maxBins: number;
  earlyStoppingRounds: number;
  earlyStoppingMetric: 'logloss' | 'auc';
  /** Weight of positive (illicit) rows in the loss. */
  scalePosWeight: number;
  seed: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  objective: 'logistic',
  rounds: 400,
  learningRate: 0.08,
  maxDepth: 6,
  minLeaf: 20,
  minChildWeight: 1,
  lambda: 1,
  gamma: 0,
  subsample: 0.8,
  colsample: 0.5,
  maxBins: 128,
  earlyStoppingRounds: 40,
  earlyStoppingMetric: 'logloss',
  scalePosWeight: 1,
  seed: 1,
};

/**
 * One tree as parallel arrays indexed by node; node 0 is the root. A leaf has feature −1.
 * `value` is the (learning-rate-scaled) weight the node would have as a leaf: for leaves the
 * prediction, for inner nodes the basis of path attributions (explain-score.ts).
 */
export interface Tree {
  feature: number[];
  threshold: number[];
  /** 1 when missing values (NaN) go left. */
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  /** Hessian sum of the training rows that reached the node. */
  cover: number[];
  /** Loss reduction of the split (0 for leaves). */
  gain: number[];
}

export interface GbdtModel {
  kind: 'gbdt';
  featureNames: string[];
  /** Log-odds every score starts from (the training prior); for `squared`, the training mean. */
  baseScore: number;
  trees: Tree[];
  params: GbdtParams;
  /** Rounds kept (the best validation round) and the validation metric there. */
  bestRound: number;
  validation: { metric: GbdtParams['earlyStoppingMetric'] | 'mse'; best: number | null; history: number[] };
}

export interface Matrix {
  /** Column-major feature values; NaN = missing. */
  columns: Float64Array[];
  n: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

// ---------------------------------------------------------------------------------------------
// Binning

/** Cut points of one feature: value v falls in bin 1 + #{t < v}; NaN in bin 0. */
export function binThresholds(column: Float64Array, maxBins: number): Float64Array {
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i]!)) values.push(column[i]!);
  const sorted = Float64Array.from(values).sort();
  const unique: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique.push(sorted[i]!);
  const valueBins = maxBins - 1; // bin 0 is for missing values
  if (unique.length <= valueBins) {
    const cuts = new Float64Array(Math.max(0, unique.length - 1));
    for (let i = 0; i + 1 < unique.length; i++) cuts[i] = (unique[i]! + unique[i + 1]!) / 2;
    return cuts;
  }
  const cuts: number[] = [];
  for (let q = 1; q < valueBins; q++) {
    const v = sorted[Math.floor((q * sorted.length) / valueBins)]!;
    // Cut between v and the next distinct value so that v itself stays on the left.
    const next = upperValue(sorted, v);
    if (next === null) break;
    const cut = (v + next) / 2;
    if (!cuts.length || cut > cuts[cuts.length - 1]!) cuts.push(cut);
  }
  return Float64Array.from(cuts);
}

function upperValue(sorted: Float64Array, v: number): number | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo]! : null;
}

export function applyBins(column: Float64Array, cuts: Float64Array): Uint8Array {
  const bins = new Uint8Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i]!;
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cuts[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    bins[i] = 1 + lo;
  }
  return bins;
}

// ---------------------------------------------------------------------------------------------
// Training

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
}

interface TreeBuilder {
  tree: Tree;
  splitBin: number[];
}

export function trainGbdt(train: Matrix, labels: ArrayLike<number>, featureNames: string[], valid: { x: Matrix; labels: ArrayLike<number> } | null, options: Partial<GbdtParams> = {}): GbdtModel {
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...options };
  if (p.maxBins < 2 || p.maxBins > 256) throw new Error('maxBins must be in 2..256');
  const nFeat = train.columns.length;
  const n = train.n;
  const cuts = train.columns.map((c) => binThresholds(c, p.maxBins));
  const bins = train.columns.map((c, f) => applyBins(c, cuts[f]!));
  const nBins = cuts.map((c) => c.length + 2);
  const B = Math.max(2, ...nBins);
  const validBins = valid ? valid.x.columns.map((c, f) => applyBins(c, cuts[f]!)) : null;

  const squared = p.objective === 'squared';
  const y = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    y[i] = squared ? labels[i]! : labels[i] ? 1 : 0;
    positives += y[i]!;
  }
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, (positives * p.scalePosWeight) / (positives * p.scalePosWeight + (n - positives))));
  const baseScore = squared ? positives / Math.max(1, n) : Math.log(prior / (1 - prior));
  const F = new Float64Array(n).fill(baseScore);
  const nValid = valid ? valid.x.n : 0;
  const FV = new Float64Array(nValid).fill(baseScore);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const rand = seededRandom(p.seed);

  const rows = new Uint32Array(n);
  const scratch = new Uint32Array(n);
  const histSize = nFeat * B;
  const pool: Float64Array[] = [];
  const takeHist = () => pool.pop()?.fill(0) ?? new Float64Array(3 * histSize);

  const trees: Tree[] = [];
  const history: number[] = [];
  let best = Number.NaN;
  let bestRound = 0;
  const higherIsBetter = p.earlyStoppingMetric === 'auc' && p.objective === 'logistic';
  let roundFeatures: number[] = []; // the column subsample of the tree being grown
  let builder: TreeBuilder = { tree: { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [], cover: [], gain: [] }, splitBin: [] };
  const minLeaf = Math.max(1, p.minLeaf);

  for (let round = 0; round < p.rounds; round++) {
    for (let i = 0; i < n; i++) {
      if (squared) {
        g[i] = F[i]! - y[i]!;
        h[i] = 1;
        continue;
      }
      const prob = sigmoid(F[i]!);
      const w = y[i] ? p.scalePosWeight : 1;
      g[i] = (prob - y[i]!) * w;
      h[i] = Math.max(prob * (1 - prob), 1e-16) * w;
    }
    let m = 0;
    for (let i = 0; i < n; i++) if (p.subsample >= 1 || rand() < p.subsample) rows[m++] = i;
    roundFeatures = [];
    for (let f = 0; f < nFeat; f++) if (p.colsample >= 1 || rand() < p.colsample) roundFeatures.push(f);
    if (!roundFeatures.length && nFeat > 0) roundFeatures.push(Math.floor(rand() * nFeat));

    builder = { tree: { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [], cover: [], gain: [] }, splitBin: [] };
    const rootHist = takeHist();
    buildHistogram(rootHist, rows, 0, m, roundFeatures, bins, g, h, B);
    let G = 0;
    let H = 0;
    for (let k = 0; k < m; k++) {
      G += g[rows[k]!]!;
      H += h[rows[k]!]!;
    }
    grow(0, m, 0, G, H, rootHist);
    trees.push(builder.tree);

    // Update scores of every training row (sampled or not) and of the validation rows.
    for (let i = 0; i < n; i++) F[i] = F[i]! + leafByBins(builder, bins, i);
    if (valid && validBins) {
      for (let i = 0; i < nValid; i++) FV[i] = FV[i]! + leafByBins(builder, validBins, i);
      const metric = squared ? meanSquaredError(FV, valid.labels) : higherIsBetter ? (rocAuc(FV, valid.labels) ?? 0.5) : logLoss(FV.map(sigmoid), valid.labels);
      history.push(metric);
      if (Number.isNaN(best) || (higherIsBetter ? metric > best + 1e-12 : metric < best - 1e-12)) {
        best = metric;
        bestRound = round + 1;
      } else if (round + 1 - bestRound >= p.earlyStoppingRounds) break;
    } else bestRound = round + 1;
  }

  return {
    kind: 'gbdt',
    featureNames: [...featureNames],
    baseScore,
    trees: trees.slice(0, bestRound),
    params: p,
    bestRound,
    validation: { metric: squared ? 'mse' : p.earlyStoppingMetric, best: Number.isNaN(best) ? null : best, history },
  };

  // Grows the subtree of rows[start, end) and returns its node id. `hist` is released here.
  function grow(start: number, end: number, depth: number, G: number, H: number, hist: Float64Array): number {
    const { tree, splitBin } = builder;
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    // + 0: no −0 (G = 0 when every residual is 0, e.g. one revenue for all finds); JSON has no −0, so a file read back would differ.
    tree.value.push((-G / (H + p.lambda)) * p.learningRate + 0);
    tree.cover.push(H);
    tree.gain.push(0);
    splitBin.push(0);
    const split = depth < p.maxDepth && end - start >= 2 * minLeaf ? bestSplit(hist, roundFeatures, G, H, end - start) : null;
    if (!split) {
      pool.push(hist);
      return id;
    }
    // Stable partition of rows[start, end): left rows first.
    const col = bins[split.feature]!;
    let l = start;
    let r = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k]!;
      const b = col[row]!;
      if (b === 0 ? split.missingLeft : b <= split.bin) rows[l++] = row;
      else scratch[r++] = row;
    }
    rows.set(scratch.subarray(0, r), l);
    const mid = l;
    let GL = 0;
    let HL = 0;
    for (let k = start; k < mid; k++) {
      GL += g[rows[k]!]!;
      HL += h[rows[k]!]!;
    }
    // Histogram of the smaller child by scanning, the larger by subtraction.
    const small = takeHist();
    const leftSmaller = mid - start <= end - mid;
    if (leftSmaller) buildHistogram(small, rows, start, mid, roundFeatures, bins, g, h, B);
    else buildHistogram(small, rows, mid, end, roundFeatures, bins, g, h, B);
    for (const f of roundFeatures) {
      const o = f * B;
      for (let b = 0; b < B; b++) {
        hist[o + b] = hist[o + b]! - small[o + b]!;
        hist[histSize + o + b] = hist[histSize + o + b]! - small[histSize + o + b]!;
        hist[2 * histSize + o + b] = hist[2 * histSize + o + b]! - small[2 * histSize + o + b]!;
      }
    }
    const leftHist = leftSmaller ? small : hist;
    const rightHist = leftSmaller ? hist : small;
    tree.feature[id] = split.feature;
    tree.threshold[id] = split.bin - 1 < cuts[split.feature]!.length ? cuts[split.feature]![split.bin - 1]! : Number.MAX_VALUE;
    tree.missingLeft[id] = split.missingLeft ? 1 : 0;
    tree.gain[id] = split.gain;
    splitBin[id] = split.bin;
    const leftId = grow(start, mid, depth + 1, GL, HL, leftHist);
    const rightId = grow(mid, end, depth + 1, G - GL, H - HL, rightHist);
    tree.left[id] = leftId;
    tree.right[id] = rightId;
    return id;
  }

  function bestSplit(hist: Float64Array, feats: number[], G: number, H: number, count: number): Split | null {
    const parentScore = (G * G) / (H + p.lambda);
    let bestSplit: Split | null = null;
    for (const f of feats) {
      const o = f * B;
      const nb = nBins[f]!;
      const gm = hist[o]!;
      const hm = hist[histSize + o]!;
      const cm = hist[2 * histSize + o]!;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 1; b < nb; b++) {
        gl += hist[o + b]!;
        hl += hist[histSize + o + b]!;
        cl += hist[2 * histSize + o + b]!;
        if (cl === 0) continue;
        for (let variant = 0; variant < 2; variant++) {
          const missingLeft = variant === 1;
          if (missingLeft && cm === 0) continue;
          const GL = missingLeft ? gl + gm : gl;
          const HL = missingLeft ? hl + hm : hl;
          const CL = missingLeft ? cl + cm : cl;
          const CR = count - CL;
          const HR = H - HL;
          if (CL < minLeaf || CR < minLeaf || HL < p.minChildWeight || HR < p.minChildWeight) continue;
          const GR = G - GL;
          const gain = 0.5 * ((GL * GL) / (HL + p.lambda) + (GR * GR) / (HR + p.lambda) - parentScore) - p.gamma;
          if (gain > 1e-12 && (!bestSplit || gain > bestSplit.gain)) bestSplit = { feature: f, bin: b, missingLeft, gain };
        }
      }
    }
    return bestSplit;
  }
}

function buildHistogram(hist: Float64Array, rows: Uint32Array, start: number, end: number, features: number[], bins: Uint8Array[], g: Float64Array, h: Float64Array, B: number): void {
  const size = hist.length / 3;
  for (const f of features) {
    const col = bins[f]!;
    const o = f * B;
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const b = o + col[r]!;
      hist[b] = hist[b]! + g[r]!;
      hist[size + b] = hist[size + b]! + h[r]!;
      hist[2 * size + b] = hist[2 * size + b]! + 1;
    }
  }
}

function leafByBins(builder: TreeBuilder, bins: Uint8Array[], row: number): number {
  const t = builder.tree;
  let node = 0;
  while (t.feature[node]! >= 0) {
    const b = bins[t.feature[node]!]![row]!;
    const goLeft = b === 0 ? t.missingLeft[node] === 1 : b <= builder.splitBin[node]!;
    node = goLeft ? t.left[node]! : t.right[node]!;
  }
  return t.value[node]!;
}

// ---------------------------------------------------------------------------------------------
// Prediction

/** The leaf a row of raw values reaches. */
export function leafOf(tree: Tree, value: (feature: number) => number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const v = value(tree.feature[node]!);
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}

/** Log-odds of one row (values by feature index, NaN = missing). */
export function gbdtMargin(model: GbdtModel, row: ArrayLike<number>): number {
  let s = model.baseScore;
  const value = (f: number) => row[f]!;
  for (const t of model.trees) s += t.value[leafOf(t, value)]!;
  return s;
}

/** Predictions for all rows of a column-major matrix: probabilities (logistic) or values (squared). */
export function gbdtPredict(model: GbdtModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.n).fill(model.baseScore);
  for (const t of model.trees) {
    for (let i = 0; i < x.n; i++) out[i] = out[i]! + t.value[leafOf(t, (f) => x.columns[f]![i]!)]!;
  }
  if (model.params.objective !== 'squared') for (let i = 0; i < x.n; i++) out[i] = sigmoid(out[i]!);
  return out;
}

function meanSquaredError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (predicted[i]! - actual[i]!) ** 2;
  return actual.length ? s / actual.length : 0;
}

/**
 * Path attribution (Saabas): along the path of a row through each tree, the change in node
 * value at each split is credited to the split's feature. bias + Σ contributions = log-odds.
 * Cheaper than exact TreeSHAP and, for officers, the same story: which facts moved the score.
 */
export function gbdtContributions(model: GbdtModel, row: ArrayLike<number>): { bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(model.featureNames.length);
  let bias = model.baseScore;
  for (const t of model.trees) {
    let node = 0;
    bias += t.value[0]!;
    while (t.feature[node]! >= 0) {
      const f = t.feature[node]!;
      const v = row[f]!;
      const goLeft = Number.isNaN(v) ? t.missingLeft[node] === 1 : v <= t.threshold[node]!;
      const next = goLeft ? t.left[node]! : t.right[node]!;
      contributions[f] = contributions[f]! + t.value[next]! - t.value[node]!;
      node = next;
    }
  }
  return { bias, contributions };
}

/** Total split gain per feature (a global importance), normalised to sum 1. */
export function gbdtImportance(model: GbdtModel): Float64Array {
  const gain = new Float64Array(model.featureNames.length);
  for (const t of model.trees) for (let k = 0; k < t.feature.length; k++) if (t.feature[k]! >= 0) gain[t.feature[k]!] = gain[t.feature[k]!]! + t.gain[k]!;
  const total = gain.reduce((a, b) => a + b, 0);
  return total > 0 ? gain.map((v) => v / total) : gain;
}
