import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../../adapters/reference/load-reference-files.ts';
import { compileReference, type Reference } from '../reference/compile-reference.ts';
import { buildRiskHistory, historyCells, HISTORY_COLUMNS, splitByTime, usdRateOf, type HistoryRow } from './risk-history.ts';
import { parseRuleSet, type RiskRuleSet } from './rules.ts';
import { FRAUD_PATTERNS, generateSyntheticHistory } from './synthetic-history.ts';
import { assessBatch } from '../assess.ts';
import { createPartyBook, priceFacts, riskFeatures, snapshotParties, RISK_CATEGORICAL_FEATURES, RISK_INTERACTIONS, RISK_NUMERIC_FEATURES } from './features.ts';
import { scoreRows, trainRiskModel } from './model.ts';
import { rowsToData, scoreDeclarations } from './score-declarations.ts';

const dataDir = fileURLToPath(new URL('../../../data/', import.meta.url));
let reference: Reference;
let rules: RiskRuleSet;
let rows: HistoryRow[];

beforeAll(async () => {
  reference = compileReference(await loadReferenceFiles(dataDir));
  const parsed = parseRuleSet(JSON.parse(readFileSync(`${dataDir}risk-rules.json`, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.en);
  rules = parsed.rules;
  rows = buildRiskHistory(generateSyntheticHistory({ count: 6000, seed: 3, usdRate: usdRateOf(reference) }), reference, rules, { seed: 3 });
});

describe('synthetic history', () => {
  it('is deterministic: the same seed gives the same declarations, another seed others', () => {
    const a = generateSyntheticHistory({ count: 300, seed: 9 });
    const b = generateSyntheticHistory({ count: 300, seed: 9 });
    const c = generateSyntheticHistory({ count: 300, seed: 10 });
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('every declaration passes the engine (buildRiskHistory throws on a rejected one) and is in date order', () => {
    expect(rows).toHaveLength(6000);
    for (let i = 1; i < rows.length; i++) expect(String(rows[i]!['declared at']) >= String(rows[i - 1]!['declared at'])).toBe(true);
  });

  it('has each fraud pattern as a 0/1 label column; revenue only on illicit parcels', () => {
    for (const p of FRAUD_PATTERNS) {
      const n = rows.filter((r) => r[`pattern ${p}`] === 1).length;
      expect(n, p).toBeGreaterThan(0);
    }
    const illicit = rows.filter((r) => r.illicit === 1);
    expect(illicit.length / rows.length).toBeGreaterThan(0.02);
    expect(illicit.length / rows.length).toBeLessThan(0.15);
    for (const r of rows) {
      if (r.illicit === 1) expect(FRAUD_PATTERNS.some((p) => r[`pattern ${p}`] === 1)).toBe(true);
      else expect(r['revenue at stake krw']).toBe(0);
    }
    expect(illicit.some((r) => Number(r['revenue at stake krw']) > 0)).toBe(true);
  });

  it('shows the patterns in the features: PCCC misuse → many names, undervaluation → cheap for the brand', () => {
    const mean = (rs: HistoryRow[], c: string) => {
      const xs = rs.map((r) => Number(r[c])).filter(Number.isFinite);
      return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    };
    const misuse = rows.filter((r) => r['pattern pccc misuse'] === 1);
    const clean = rows.filter((r) => FRAUD_PATTERNS.every((p) => r[`pattern ${p}`] === 0));
    expect(mean(misuse, 'consignee names')).toBeGreaterThan(mean(clean, 'consignee names') + 0.5);
    const counterfeit = rows.filter((r) => r['pattern counterfeit'] === 1);
    expect(counterfeit.every((r) => r['luxury brand'] === 1)).toBe(true);
    const split = rows.filter((r) => r['pattern split shipment'] === 1);
    expect(split.every((r) => Number(r['declared value usd']) < 150)).toBe(true);
  });

  it('splits by time at whole dates, 60/20/20', () => {
    const { train, valid, test } = splitByTime(rows, 'declared at');
    expect(train.length + valid.length + test.length).toBe(rows.length);
    expect(String(train.at(-1)!['declared at']) < String(valid[0]!['declared at'])).toBe(true);
    expect(String(valid.at(-1)!['declared at']) < String(test[0]!['declared at'])).toBe(true);
    expect(Math.abs(train.length / rows.length - 0.6)).toBeLessThan(0.02);
  });

  it('formats CSV cells for every column, with column names containing spaces', () => {
    expect(HISTORY_COLUMNS).toContain('declared value usd');
    const cells = historyCells(rows[0]!);
    expect(cells).toHaveLength(HISTORY_COLUMNS.length);
    expect(cells.every((c) => typeof c === 'string' && c !== 'NaN')).toBe(true);
  });
});

describe('scoring declarations as they arrive', () => {
  it('gives each declaration a score in [0, 1], the model version and officer-readable factors', () => {
    const spec = { id: 'ref', label: 'illicit', numeric: [...RISK_NUMERIC_FEATURES], categorical: [...RISK_CATEGORICAL_FEATURES], interactions: RISK_INTERACTIONS };
    const { train, valid } = splitByTime(rows, 'declared at', [0.7, 0.3, 0]);
    const model = trainRiskModel('gbdt', spec, rowsToData(train, spec), rowsToData(valid, spec), { seed: 1, gbdt: { rounds: 60 } });
    const cases = generateSyntheticHistory({ count: 40, seed: 99, from: '2026-01-05', to: '2026-01-06', usdRate: usdRateOf(reference) });
    const declarations = cases.map((c) => c.declaration);
    const assessments = assessBatch(declarations, reference);
    const book = createPartyBook();
    const inputs = declarations.map((declaration, i) => {
      const assessment = assessments[i]!;
      const prices = priceFacts(declaration, assessment);
      return { declaration, assessment, parties: snapshotParties(book, declaration, prices.priceKey, prices.brand) };
    });
    const scored = scoreDeclarations(model, inputs, 3);
    expect(scored.map((s) => s.ref)).toEqual(declarations.map((d) => d.ref));
    for (const s of scored) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.modelVersion).toBe(model.version);
      expect(s.factors.length).toBeGreaterThan(0);
      expect(s.factors.length).toBeLessThanOrEqual(3);
      for (const f of s.factors) {
        expect(f.ko).toMatch(/[가-힣]/);
        expect(f.en).toMatch(/[a-z]/);
      }
    }
    // The same rows through the table path give the same scores.
    const first = inputs[0]!;
    const row = { ref: first.declaration.ref, ...riskFeatures(first.declaration, first.assessment, first.parties) };
    expect(scored[0]!.score).toBeCloseTo(scoreRows(model, rowsToData([row], spec))[0]!, 12);
  });
});

