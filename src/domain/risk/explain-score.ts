// Why a parcel scored high, in officers' terms: the per-feature contributions to the score's
// log-odds (path attribution for trees, w·z for the logistic model, the triggered rules for
// the rule model), summed per source column (a categorical column's rate and count features,
// an interaction pair), and the largest few stated with the value that caused them.
import type { LabelledData } from './dataset.ts';
import { encodeCategory, interactionKey, type EncoderState } from './encoder.ts';
import { FEATURE_KINDS, featureLabel } from './feature-labels.ts';
import { gbdtContributions } from './gbdt.ts';
import { logisticContributions } from './logistic.ts';
import { encodeRows, type RiskModel } from './model.ts';
import { ruleHits } from './rules.ts';

export interface RiskFactor {
  /** Source column, or "a × b" for an interaction. */
  feature: string;
  ko: string;
  en: string;
  value: string;
  /** Change in log-odds (rules: the rule's weight). */
  contribution: number;
  direction: 'raises' | 'lowers';
}

export interface ExplainedScore {
  score: number;
  modelVersion: string;
  factors: RiskFactor[];
}

/** A z-score in words (-3.91 → "평소보다 3.9 표준편차 낮음" / "3.9 standard deviations below usual"). */
export function deviationText(z: number): [ko: string, en: string] {
  const sd = Math.abs(z).toFixed(1);
  if (sd === '0.0') return ['평소 수준', 'as usual'];
  return z < 0 ? [`평소보다 ${sd} 표준편차 낮음`, `${sd} standard deviations below usual`] : [`평소보다 ${sd} 표준편차 높음`, `${sd} standard deviations above usual`];
}

function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '—';
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const sourceKeys = new WeakMap<EncoderState, string[]>();
function sourceKeysOf(encoder: EncoderState): string[] {
  let keys = sourceKeys.get(encoder);
  if (!keys) sourceKeys.set(encoder, (keys = encoder.featureSources.map((sources) => sources.join(' × '))));
  return keys;
}

/** The raw values of one row, by position in spec.numeric / spec.categorical. */
export interface RowValues {
  numeric(index: number): number;
  categorical(index: number): string;
}

const dataRow = (data: LabelledData, i: number): RowValues => ({ numeric: (k) => data.numeric[k]![i]!, categorical: (k) => data.categorical[k]?.[i] ?? '' });

/** Explains the score of row `i` of `data`; `top` factors by absolute contribution. */
export function explainRow(model: RiskModel, data: LabelledData, i: number, score: number, top = 5): ExplainedScore {
  const l = model.learner;
  if (l.kind === 'rules') {
    const hits = ruleHits(l.rules, data.signals?.[i] ?? [], data.text?.[i] ?? '').sort((a, b) => b.weight - a.weight);
    return {
      score,
      modelVersion: model.version,
      factors: hits.slice(0, top).map((h) => ({ feature: h.code, ko: `${h.ko} (규칙 가중치 ${h.weight})`, en: `${h.en} (rule weight ${h.weight})`, value: h.code, contribution: h.weight, direction: 'raises' })),
    };
  }
  const x = encodeRows(model, { ...data, n: 1, ids: [data.ids[i]!], labels: data.labels.subarray(i, i + 1), revenue: null, numeric: data.numeric.map((c) => c.subarray(i, i + 1)), categorical: data.categorical.map((c) => [c[i]!]), signals: null, text: null });
  const row = x.columns.map((c) => c[0]!);
  const { contributions } = l.kind === 'gbdt' ? gbdtContributions(l, row) : logisticContributions(l, row);
  return explainContributions(model, contributions, dataRow(data, i), score, top);
}

/**
 * Factors from per-feature contributions (trees or logistic): summed per source column, the
 * largest `top` by absolute value, each stated with the row's value that caused it.
 */
export function explainContributions(model: RiskModel, contributions: ArrayLike<number>, values: RowValues, score: number, top = 5): ExplainedScore {
  const keys = sourceKeysOf(model.encoder!);
  const bySource = new Map<string, number>();
  for (let f = 0; f < keys.length; f++) bySource.set(keys[f]!, (bySource.get(keys[f]!) ?? 0) + contributions[f]!);
  const factors = [...bySource.entries()]
    .filter(([, c]) => Math.abs(c) > 1e-9)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([feature, contribution]) => describe(model, values, feature, contribution));
  return { score, modelVersion: model.version, factors };
}

function describe(model: RiskModel, row: RowValues, feature: string, contribution: number): RiskFactor {
  const label = featureLabel(feature);
  const direction = contribution >= 0 ? 'raises' : 'lowers';
  const arrowKo = contribution >= 0 ? '위험 상승' : '위험 하락';
  const arrowEn = contribution >= 0 ? 'raises risk' : 'lowers risk';
  const spec = model.spec;
  const numericIndex = spec.numeric.indexOf(feature);
  if (numericIndex >= 0) {
    const x = row.numeric(numericIndex);
    const value = formatNumber(x);
    const kind = FEATURE_KINDS[feature];
    const [ko, en] = Number.isNaN(x)
      ? ['정보 없음', 'missing']
      : kind === 'share'
        ? [pct(x), pct(x)]
        : kind === 'flag' && (x === 0 || x === 1)
          ? x === 1 ? ['예', 'yes'] : ['아니오', 'no']
          : kind === 'zscore'
            ? deviationText(x)
            : [value, value];
    return { feature, ko: `${label.ko}: ${ko} (${arrowKo})`, en: `${label.en}: ${en} (${arrowEn})`, value, contribution, direction };
  }
  const columns = feature.split(' × ');
  const values = columns.map((c) => row.categorical(spec.categorical.indexOf(c)));
  const stats = model.encoder!.categorical.find((s) => s.columns.join(' × ') === feature);
  const e = stats ? encodeCategory(stats, interactionKey(values)) : null;
  const value = values.map((v) => v || '—').join(' × ');
  // An empty value reads as "not given", never as a bare dash between the column names.
  const stated = (missing: string) => values.map((v) => v || missing).join(' × ');
  const history = e
    ? e.rows > 0
      ? { ko: `학습 이력 ${e.rows}건 중 적발 ${e.illicit}건, 보정 적발률 ${pct(e.rate)}`, en: `${e.illicit} illicit of ${e.rows} in training, smoothed rate ${pct(e.rate)}` }
      : // Not "new": the parcel's party may have a long record on the platform (its profile), only not in the data the model learned from.
        { ko: '모델 학습 자료에 없음', en: 'not in the model’s training data' }
    : null;
  return {
    feature,
    ko: `${label.ko}: ${stated('(미기재)')}${history ? ` — ${history.ko}` : ''} (${arrowKo})`,
    en: `${label.en}: ${stated('(not given)')}${history ? ` — ${history.en}` : ''} (${arrowEn})`,
    value,
    contribution,
    direction,
  };
}
