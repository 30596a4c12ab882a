// The plain baseline: logistic regression on standardised features with L2 regularisation,
// fitted by full-batch gradient descent with Nesterov momentum; early stopping on the
// validation log loss. Missing values are imputed with the training mean (0 after scaling).
import type { Matrix } from './gbdt.ts';
import { logLoss } from './metrics.ts';

export interface LogisticParams {
  iterations: number;
  learningRate: number;
  momentum: number;
  /** L2 penalty on the weights (not the intercept), per row: loss + l2/2·|w|². */
  l2: number;
  earlyStoppingRounds: number;
}

export const DEFAULT_LOGISTIC_PARAMS: LogisticParams = { iterations: 500, learningRate: 0.5, momentum: 0.9, l2: 1e-3, earlyStoppingRounds: 50 };

/** The validation loss is checked every few iterations (it costs a pass over the validation rows). */
const CHECK_EVERY = 5;

export interface LogisticModel {
  kind: 'logistic';
  featureNames: string[];
  means: number[];
  scales: number[];
  weights: number[];
  intercept: number;
  params: LogisticParams;
  bestIteration: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function standardise(x: Matrix, means: number[], scales: number[]): Float64Array[] {
  return x.columns.map((col, f) => {
    const out = new Float64Array(x.n);
    const m = means[f]!;
    const s = scales[f]!;
    for (let i = 0; i < x.n; i++) out[i] = Number.isNaN(col[i]!) ? 0 : (col[i]! - m) / s;
    return out;
  });
}

function margins(z: Float64Array[], w: ArrayLike<number>, b: number, n: number): Float64Array {
  const out = new Float64Array(n).fill(b);
  for (let f = 0; f < z.length; f++) {
    const wf = w[f]!;
    if (wf === 0) continue;
    const col = z[f]!;
    for (let i = 0; i < n; i++) out[i] = out[i]! + wf * col[i]!;
  }
  return out;
}

export function trainLogistic(train: Matrix, labels: ArrayLike<number>, featureNames: string[], valid: { x: Matrix; labels: ArrayLike<number> } | null, options: Partial<LogisticParams> = {}): LogisticModel {
  const p: LogisticParams = { ...DEFAULT_LOGISTIC_PARAMS, ...options };
  const nFeat = train.columns.length;
  const n = train.n;
  const means: number[] = [];
  const scales: number[] = [];
  for (const col of train.columns) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(col[i]!)) {
      sum += col[i]!;
      count++;
    }
    const mean = count ? sum / count : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(col[i]!)) ss += (col[i]! - mean) ** 2;
    const sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
    means.push(mean);
    scales.push(sd > 1e-12 ? sd : 1);
  }
  const z = standardise(train, means, scales);
  const zv = valid ? standardise(valid.x, means, scales) : null;
  const y = Float64Array.from({ length: n }, (_, i) => (labels[i] ? 1 : 0));
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, y.reduce((a, v) => a + v, 0) / Math.max(1, n)));

  let w = new Float64Array(nFeat);
  let b = Math.log(prior / (1 - prior));
  let vw = new Float64Array(nFeat);
  let vb = 0;
  let best = { loss: Infinity, w: w.slice(), b, iteration: 0 };
  for (let it = 0; it < p.iterations; it++) {
    // Nesterov: gradient at the look-ahead point.
    const lw = w.map((wf, f) => wf + p.momentum * vw[f]!);
    const lb = b + p.momentum * vb;
    const m = margins(z, lw, lb, n);
    const residual = new Float64Array(n);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      residual[i] = sigmoid(m[i]!) - y[i]!;
      gb += residual[i]!;
    }
    gb /= n;
    const gw = new Float64Array(nFeat);
    for (let f = 0; f < nFeat; f++) {
      const col = z[f]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += residual[i]! * col[i]!;
      gw[f] = s / n + p.l2 * lw[f]!;
    }
    vw = vw.map((v, f) => p.momentum * v - p.learningRate * gw[f]!);
    vb = p.momentum * vb - p.learningRate * gb;
    w = w.map((wf, f) => wf + vw[f]!);
    b += vb;
    const last = it + 1 === p.iterations;
    if (valid && zv && ((it + 1) % CHECK_EVERY === 0 || last)) {
      const loss = logLoss(margins(zv, w, b, valid.x.n).map(sigmoid), valid.labels);
      if (loss < best.loss - 1e-12) best = { loss, w: w.slice(), b, iteration: it + 1 };
      else if (it + 1 - best.iteration >= p.earlyStoppingRounds) break;
    } else if (!valid) best = { loss: Number.NaN, w: w.slice(), b, iteration: it + 1 };
  }
  return { kind: 'logistic', featureNames: [...featureNames], means, scales, weights: [...best.w], intercept: best.b, params: p, bestIteration: best.iteration };
}

export function logisticPredict(model: LogisticModel, x: Matrix): Float64Array {
  return margins(standardise(x, model.means, model.scales), model.weights, model.intercept, x.n).map(sigmoid);
}

/** Per-feature contributions to the log-odds: w_f · z_f (z standardised, missing = 0). */
export function logisticContributions(model: LogisticModel, row: ArrayLike<number>): { bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(model.weights.length);
  for (let f = 0; f < contributions.length; f++) {
    const v = row[f]!;
    contributions[f] = Number.isNaN(v) ? 0 : (model.weights[f]! * (v - model.means[f]!)) / model.scales[f]!;
  }
  return { bias: model.intercept, contributions };
}
