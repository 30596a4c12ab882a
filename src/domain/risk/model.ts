// The risk model as one serialisable value: the column spec, the fitted encoder, the learner
// (GBDT, logistic regression or the rule set), and a version id derived from the content, so
// the same training data, options and seed always give the same file and the same version.
// Files are stored as data/models/risk-<version>.json; every score carries the version.
import type { ColumnSpec, LabelledData } from './dataset.ts';
import { encode, fitEncoder, type EncoderOptions, type EncoderState } from './encoder.ts';
import { gbdtPredict, trainGbdt, type GbdtModel, type GbdtParams, type Matrix } from './gbdt.ts';
import { logisticPredict, trainLogistic, type LogisticModel, type LogisticParams } from './logistic.ts';
import { hashString } from './random.ts';
import { parseRuleSet, ruleScore, type RiskRuleSet } from './rules.ts';

export type RiskModelKind = 'gbdt' | 'logistic' | 'rules';
export type RevenueTarget = 'krw' | 'log1p';
export const RISK_MODEL_FORMAT = 'tonggwan-risk-model';
export const RISK_MODEL_FORMAT_VERSION = 1;

export interface RiskModel {
  format: typeof RISK_MODEL_FORMAT;
  formatVersion: typeof RISK_MODEL_FORMAT_VERSION;
  /** `<kind>-<16 hex digits of the content hash>`, e.g. "gbdt-3f2a…". */
  version: string;
  kind: RiskModelKind;
  spec: ColumnSpec;
  encoder: EncoderState | null;
  learner: GbdtModel | LogisticModel | { kind: 'rules'; rules: RiskRuleSet };
  /**
   * GBDT only, when the spec has a revenue column: regression of the revenue (the revenue column's
   * unit, KRW) on the illicit training rows, i.e. the revenue an inspection recovers if it finds
   * something. Expected revenue of a parcel = P(illicit) × prediction: the officer queue's order
   * (DATE, KDD 2020, learns the two tasks jointly; here they are two boosters on one encoding).
   */
  revenue: GbdtModel | null;
  /**
   * What the revenue booster predicts. 'krw': E[revenue | illicit] itself (squared loss on the
   * amount). Files without it (before 2026-12-03) regressed log(1 + revenue): exp of that is a
   * geometric mean, dragged to a few won by the seizures among the finds (revenue 0), so their
   * expected revenue was 10³–10⁴ times too small; they are read as they were trained, and
   * riskModelMetrics reports them (retrain with `tonggwan risk train`).
   */
  revenueTarget?: RevenueTarget;
  training: { rows: number; illicit: number; validRows: number; seed: number };
}

export interface TrainOptions {
  seed: number;
  encoder?: Partial<EncoderOptions>;
  gbdt?: Partial<GbdtParams>;
  /** The revenue booster's parameters over its defaults (squared loss, min leaf 10, 80 rounds). */
  revenueGbdt?: Partial<GbdtParams>;
  logistic?: Partial<LogisticParams>;
  rules?: RiskRuleSet;
}

export function trainRiskModel(kind: RiskModelKind, spec: ColumnSpec, train: LabelledData, valid: LabelledData | null, options: TrainOptions): RiskModel {
  const illicit = train.labels.reduce((a, v) => a + v, 0);
  const training = { rows: train.n, illicit, validRows: valid?.n ?? 0, seed: options.seed };
  let encoder: EncoderState | null = null;
  let learner: RiskModel['learner'];
  let revenue: GbdtModel | null = null;
  if (kind === 'rules') {
    if (!options.rules) throw new Error('the rules model needs a rule set');
    learner = { kind: 'rules', rules: options.rules };
  } else {
    const fitted = fitEncoder(train, spec, { seed: options.seed, ...options.encoder });
    encoder = fitted.encoder;
    const v = valid ? { x: encode(encoder, valid, spec), labels: valid.labels } : null;
    learner =
      kind === 'gbdt'
        ? trainGbdt(fitted.matrix, train.labels, encoder.featureNames, v, { seed: options.seed, ...options.gbdt })
        : trainLogistic(fitted.matrix, train.labels, encoder.featureNames, v, options.logistic);
    if (kind === 'gbdt' && train.revenue && illicit >= 20) revenue = trainRevenueModel(fitted.matrix, train, encoder.featureNames, valid && v ? { x: v.x, data: valid } : null, options);
  }
  return withVersion({ format: RISK_MODEL_FORMAT, formatVersion: RISK_MODEL_FORMAT_VERSION, version: '', kind, spec, encoder, learner, revenue, ...(revenue ? { revenueTarget: 'krw' as const } : {}), training });
}

function illicitRows(x: Matrix, data: LabelledData): { x: Matrix; target: Float64Array } {
  const rows: number[] = [];
  for (let i = 0; i < data.n; i++) if (data.labels[i]) rows.push(i);
  return {
    x: { n: rows.length, columns: x.columns.map((c) => Float64Array.from(rows, (i) => c[i]!)) },
    // The amount, not log(1 + amount): squared loss then estimates the mean E[revenue | illicit, x]
    // the queue multiplies by P(illicit); a mean of logs of finds that are partly seizures (0)
    // comes back as a few won.
    target: Float64Array.from(rows, (i) => Math.max(0, data.revenue![i]!)),
  };
}

function trainRevenueModel(x: Matrix, train: LabelledData, names: string[], valid: { x: Matrix; data: LabelledData } | null, options: TrainOptions): GbdtModel {
  const t = illicitRows(x, train);
  const v = valid && valid.data.revenue ? illicitRows(valid.x, valid.data) : null;
  return trainGbdt(t.x, t.target, names, v && v.x.n > 0 ? { x: v.x, labels: v.target } : null, {
    seed: options.seed + 1,
    ...options.gbdt,
    objective: 'squared',
    minLeaf: 10,
    // 80, not 200: the same ranking by expected revenue within seed-to-seed noise with 40 % of the
    // trees the platform walks per declaration (scripts/risk-model-size.ts, docs/risk-model.md Cost).
    rounds: 80,
    ...options.revenueGbdt,
  });
}

export function withVersion(model: RiskModel): RiskModel {
  const body = JSON.stringify({ ...model, version: '' });
  const hex = (x: number) => x.toString(16).padStart(8, '0');
  return { ...model, version: `${model.kind}-${hex(hashString(body))}${hex(hashString(`${body.length}:${body}`))}` };
}

/** Encoded features of rows (not for the rules model). */
export function encodeRows(model: RiskModel, data: LabelledData): Matrix {
  if (!model.encoder) throw new Error('this model has no encoder');
  return encode(model.encoder, data, model.spec);
}

/**
 * Expected revenue of an inspection, P(illicit) × E[revenue | illicit], in the revenue
 * column's unit; null when the model has no revenue booster.
 */
export function expectedRevenue(model: RiskModel, data: LabelledData, scores: Float64Array = scoreRows(model, data)): Float64Array | null {
  if (!model.revenue) return null;
  const conditional = gbdtPredict(model.revenue, encodeRows(model, data));
  return scores.map((p, i) => p * revenueIfFound(model, conditional[i]!));
}

/** E[revenue | illicit] from the revenue booster's raw prediction, by the file's revenueTarget (never negative). */
export function revenueIfFound(model: Pick<RiskModel, 'revenueTarget'>, prediction: number): number {
  return Math.max(0, (model.revenueTarget ?? 'log1p') === 'krw' ? prediction : Math.expm1(prediction));
}

/** Probability-like scores in [0, 1]: higher = inspect first. */
export function scoreRows(model: RiskModel, data: LabelledData): Float64Array {
  const l = model.learner;
  if (l.kind === 'rules') {
    return Float64Array.from({ length: data.n }, (_, i) => ruleScore(l.rules, data.signals?.[i] ?? [], data.text?.[i] ?? ''));
  }
  const x = encodeRows(model, data);
  return l.kind === 'gbdt' ? gbdtPredict(l, x) : logisticPredict(l, x);
}

export function modelFileName(model: Pick<RiskModel, 'version'>): string {
  return `risk-${model.version}.json`;
}

export function serializeRiskModel(model: RiskModel): string {
  return `${JSON.stringify(model)}\n`;
}

export type ParsedModel = { ok: true; model: RiskModel } | { ok: false; message: string };

export function parseRiskModel(text: string): ParsedModel {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not JSON: ${(e as Error).message.split('\n')[0]}` };
  }
  return checkRiskModel(v);
}

/** The checks of parseRiskModel on a value already parsed (an uploaded file). */
export function checkRiskModel(v: unknown): ParsedModel {
  const m = v as Partial<RiskModel> | null;
  if (!m || typeof m !== 'object' || m.format !== RISK_MODEL_FORMAT) return { ok: false, message: `not a ${RISK_MODEL_FORMAT} file` };
  if (m.formatVersion !== RISK_MODEL_FORMAT_VERSION) return { ok: false, message: `unsupported formatVersion ${String(m.formatVersion)}` };
  if (!m.kind || !['gbdt', 'logistic', 'rules'].includes(m.kind) || !m.learner || m.learner.kind !== m.kind || !m.spec || m.revenue === undefined) return { ok: false, message: 'malformed model: kind, learner or spec missing' };
  if (m.revenueTarget !== undefined && m.revenueTarget !== 'krw' && m.revenueTarget !== 'log1p') return { ok: false, message: 'malformed model: revenueTarget must be "krw" or "log1p"' };
  const model = m as RiskModel;
  if (withVersion(model).version !== model.version) return { ok: false, message: `version ${model.version} does not match the content (edited file?)` };
  const problem = structureProblem(model);
  return problem ? { ok: false, message: `malformed model: ${problem}` } : { ok: true, model };
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
const isNumbers = (x: unknown, n?: number): x is number[] => Array.isArray(x) && (n === undefined || x.length === n) && x.every((v) => typeof v === 'number');

/**
 * The shape a scorer relies on (a file with a matching version can still be hand-made): column
 * lists, encoder tables, and trees whose children come after their parent (so every walk ends)
 * and whose features exist.
 */
function structureProblem(m: RiskModel): string | null {
  const spec = m.spec;
  if (typeof spec.id !== 'string' || typeof spec.label !== 'string' || !isStrings(spec.numeric) || !isStrings(spec.categorical)) return 'spec needs id, label, numeric[] and categorical[]';
  if (spec.interactions !== undefined && !(Array.isArray(spec.interactions) && spec.interactions.every((p) => isStrings(p) && p.length === 2 && p.every((c) => spec.categorical.includes(c))))) return 'spec.interactions must be pairs of categorical columns';
  const l = m.learner as RiskModel['learner'];
  if (l.kind === 'rules') return parseRuleSet(l.rules).ok ? null : 'the rule set is invalid';
  const e = m.encoder;
  const inputs = spec.categorical.length + (spec.interactions?.length ?? 0);
  if (!e || !isStrings(e.numeric) || e.numeric.join('\u0000') !== spec.numeric.join('\u0000') || !Array.isArray(e.categorical) || e.categorical.length !== inputs) return 'the encoder does not match the spec';
  for (const c of e.categorical) {
    if (!c || !isStrings(c.columns) || typeof c.prior !== 'number' || typeof c.smoothing !== 'number' || !c.values || typeof c.values !== 'object') return 'an encoder category table is malformed';
    for (const v of Object.values(c.values)) if (!isNumbers(v, 2)) return 'an encoder category table is malformed';
  }
  const width = spec.numeric.length + 2 * inputs;
  if (!isStrings(e.featureNames) || e.featureNames.length !== width || !Array.isArray(e.featureSources) || e.featureSources.length !== width) return 'the encoder feature list does not match the spec';
  if (l.kind === 'logistic') return isNumbers(l.weights, width) && isNumbers(l.means, width) && isNumbers(l.scales, width) && typeof l.intercept === 'number' ? null : 'the logistic weights do not match the features';
  for (const g of [l, m.revenue]) {
    if (g === null) continue;
    if (g.kind !== 'gbdt' || typeof g.baseScore !== 'number' || !g.params || !Array.isArray(g.trees)) return 'a booster is malformed';
    for (const t of g.trees) {
      const n = Array.isArray(t?.feature) ? t.feature.length : -1;
      if (n < 1 || !isNumbers(t.feature, n) || !isNumbers(t.threshold, n) || !isNumbers(t.missingLeft, n) || !isNumbers(t.left, n) || !isNumbers(t.right, n) || !isNumbers(t.value, n)) return 'a tree is malformed';
      for (let j = 0; j < n; j++) {
        const f = t.feature[j]!;
        if (f === -1) continue;
        if (!Number.isInteger(f) || f < 0 || f >= width) return `a tree splits on feature ${f} of ${width}`;
        const a = t.left[j]!;
        const b = t.right[j]!;
        if (!Number.isInteger(a) || !Number.isInteger(b) || a <= j || b <= j || a >= n || b >= n) return 'a tree has a child before its parent or out of range';
      }
    }
  }
  return null;
}

/** What a model file says about itself, for the model list: the learner's validation and the columns it reads. */
export interface RiskModelMetrics {
  training: RiskModel['training'];
  /** Early-stopping validation of the learner (GBDT: rounds kept; logistic: iterations kept). */
  validation: { metric: string; best: number | null; rounds: number } | null;
  columns: { numeric: number; categorical: number; interactions: string[] };
  revenueModel: boolean;
  /** What the revenue booster predicts (null without one); 'log1p' files understate expected revenue (see RiskModel.revenueTarget). */
  revenueTarget: RevenueTarget | null;
  /** The evaluation given with the file (e.g. the JSON of `tonggwan risk eval`), if any. */
  evaluation: unknown;
}

export function riskModelMetrics(model: RiskModel, evaluation: unknown = null): RiskModelMetrics {
  const l = model.learner;
  const validation =
    l.kind === 'gbdt'
      ? { metric: l.validation.metric, best: l.validation.best, rounds: l.bestRound }
      : l.kind === 'logistic'
        ? { metric: 'logloss', best: null, rounds: l.bestIteration }
        : null;
  return {
    training: model.training,
    validation,
    columns: { numeric: model.spec.numeric.length, categorical: model.spec.categorical.length, interactions: (model.spec.interactions ?? []).map((p) => p.join(' × ')) },
    revenueModel: model.revenue !== null,
    revenueTarget: model.revenue ? (model.revenueTarget ?? 'log1p') : null,
    evaluation,
  };
}
