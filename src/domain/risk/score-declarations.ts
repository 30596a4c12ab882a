// Scoring declarations as they arrive: the features of each (declaration, assessment, party
// snapshot) go through the trained model; each score comes with the model version and the top
// factors in Korean and English. The platform calls this after assessBatch, with snapshots
// from its party-profile tables (see docs/risk-model.md, "Wiring into the platform").
import type { Assessment } from '../assessment.ts';
import type { Declaration } from '../declaration-schema.ts';
import { parseNumber, type ColumnSpec, type LabelledData } from './dataset.ts';
import { explainRow, type ExplainedScore } from './explain-score.ts';
import { priceFacts, riskFeatures, type PartySnapshot } from './features.ts';
import { scoreRows, type RiskModel } from './model.ts';

/** Builds model input from feature rows (values by column name; no label needed). */
export function rowsToData(rows: readonly Record<string, string | number | undefined>[], spec: ColumnSpec): LabelledData {
  const num = (v: string | number | undefined) => (typeof v === 'number' ? (Number.isFinite(v) ? v : Number.NaN) : parseNumber(v));
  const str = (v: string | number | undefined) => (v === undefined ? '' : String(v).trim());
  return {
    n: rows.length,
    ids: rows.map((r) => str(r[spec.id])),
    labels: Uint8Array.from(rows, (r) => (Number(r[spec.label]) > 0 ? 1 : 0)),
    revenue: null,
    numeric: spec.numeric.map((c) => Float64Array.from(rows, (r) => num(r[c]))),
    categorical: spec.categorical.map((c) => rows.map((r) => str(r[c]))),
    signals: spec.signals ? rows.map((r) => str(r[spec.signals!]).split(/[;|]/).filter(Boolean)) : null,
    text: spec.text ? rows.map((r) => str(r[spec.text!])) : null,
  };
}

export interface ScoredDeclaration extends ExplainedScore {
  ref: string;
}

export function scoreDeclarations(model: RiskModel, inputs: readonly { declaration: Declaration; assessment: Assessment; parties: PartySnapshot }[], topFactors = 5): ScoredDeclaration[] {
  const rows = inputs.map(({ declaration, assessment, parties }) => ({ ...riskFeatures(declaration, assessment, parties, priceFacts(declaration, assessment)), [model.spec.id]: declaration.ref }));
  const data = rowsToData(rows, model.spec);
  const scores = scoreRows(model, data);
  return inputs.map((input, i) => ({ ref: input.declaration.ref, ...explainRow(model, data, i, scores[i]!, topFactors) }));
}
