import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelledData, type ColumnSpec, type LabelledData, type RawTable } from './dataset.ts';
import { explainRow } from './explain-score.ts';
import { applyBins, binThresholds, gbdtContributions, gbdtMargin, trainGbdt, type GbdtModel } from './gbdt.ts';
import { rocAuc } from './metrics.ts';
import { expectedRevenue, modelFileName, parseRiskModel, revenueIfFound, riskModelMetrics, scoreRows, serializeRiskModel, trainRiskModel, withVersion } from './model.ts';
import { seededRandom } from './random.ts';
import type { RiskRuleSet } from './rules.ts';

/** A table of n rows from a generator of (numeric values, categorical values, label). */
function table(n: number, seed: number, row: (r: () => number, i: number) => { x: number[]; c: string[]; y: number; signals?: string; text?: string }): RawTable {
  const r = seededRandom(seed);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const { x, c, y, signals = '', text = '' } = row(r, i);
    rows.push([`r${i}`, ...x.map(String), ...c, String(y), signals, text, String(y ? 100 : 0)]);
  }
  return { header: ['id', 'x one', 'x two', 'seller', 'illicit', 'signals', 'text', 'revenue'], rows };
}

const spec: ColumnSpec = { id: 'id', label: 'illicit', numeric: ['x one', 'x two'], categorical: ['seller'], revenue: 'revenue', signals: 'signals', text: 'text' };

function data(t: RawTable, s: ColumnSpec = spec): LabelledData {
  const d = labelledData(t, s);
  if (!d.ok) throw new Error(d.en);
  return d.data;
}

const xor = (r: () => number) => {
  const a = r() * 2 - 1;
  const b = r() * 2 - 1;
  return { x: [a, b], c: ['S1'], y: (a > 0) !== (b > 0) ? 1 : 0 };
};
const band = (r: () => number) => {
  const a = r();
  return { x: [a, r()], c: ['S1'], y: a > 0.2 && a < 0.5 ? 1 : 0 };
};

const aucOf = (kind: 'gbdt' | 'logistic', gen: typeof xor) => {
  const train = data(table(3000, 1, gen));
  const valid = data(table(1000, 2, gen));
  const test = data(table(2000, 3, gen));
  const model = trainRiskModel(kind, spec, train, valid, { seed: 5 });
  return rocAuc(scoreRows(model, test), test.labels)!;
};

describe('GBDT learns what a linear model cannot', () => {
  it('XOR of two signs', () => {
    const gbdt = aucOf('gbdt', xor);
    const logistic = aucOf('logistic', xor);
    expect(gbdt).toBeGreaterThan(0.97);
    expect(logistic).toBeLessThan(0.6);
  });

  it('a band between two thresholds', () => {
    const gbdt = aucOf('gbdt', band);
    const logistic = aucOf('logistic', band);
    expect(gbdt).toBeGreaterThan(0.98);
    expect(gbdt).toBeGreaterThan(logistic + 0.2);
  });

  it('a single threshold: both rank well, the trees still at least as well', () => {
    const step = (r: () => number) => {
      const a = r();
      return { x: [a, r()], c: ['S1'], y: a > 0.7 ? 1 : 0 };
    };
    expect(aucOf('gbdt', step)).toBeGreaterThan(0.99);
    expect(aucOf('logistic', step)).toBeGreaterThan(0.95);
  });
});

describe('GBDT internals', () => {
  it('bins: value v is in bin 1 + #{cuts < v}, NaN in bin 0, and v ≤ cut[b−1] ⇔ bin ≤ b', () => {
    const col = Float64Array.from([3, 1, 2, Number.NaN, 2, 5]);
    const cuts = binThresholds(col, 16);
    expect([...cuts]).toEqual([1.5, 2.5, 4]);
    expect([...applyBins(col, cuts)]).toEqual([3, 1, 2, 0, 2, 4]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 2, max: 32 }), (xs, maxBins) => {
        const c = Float64Array.from(xs);
        const t = binThresholds(c, maxBins);
        expect(t.length).toBeLessThanOrEqual(maxBins - 2);
        const b = applyBins(c, t);
        for (let i = 0; i < xs.length; i++) for (let k = 1; k <= t.length; k++) expect(xs[i]! <= t[k - 1]!).toBe(b[i]! <= k);
      }),
      { numRuns: 50 },
    );
  });

  it('learns where missing values go', () => {
    const n = 2000;
    const r = seededRandom(3);
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const missing = r() < 0.3;
      x[i] = missing ? Number.NaN : r();
      y[i] = missing ? 1 : 0; // missing = illicit
    }
    const m = trainGbdt({ columns: [x], n }, y, ['x'], null, { rounds: 20, learningRate: 0.3, subsample: 1, colsample: 1 });
    expect(gbdtMargin(m, [Number.NaN])).toBeGreaterThan(2);
    expect(gbdtMargin(m, [0.5])).toBeLessThan(-2);
  });

  it('path attributions add up to the log-odds', () => {
    const train = data(table(1500, 4, xor));
    const model = trainRiskModel('gbdt', spec, train, null, { seed: 1, gbdt: { rounds: 30 } });
    const g = model.learner as GbdtModel;
    for (const row of [[0.5, 0.5, 0.1, 1], [-0.3, 0.9, 0.1, 1], [Number.NaN, 0.2, 0.1, 1]]) {
      const { bias, contributions } = gbdtContributions(g, row);
      expect(bias + contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(gbdtMargin(g, row), 9);
    }
  });

  it('early stopping keeps the best validation round', () => {
    const train = data(table(1500, 6, band));
    const valid = data(table(500, 7, band));
    const model = trainRiskModel('gbdt', spec, train, valid, { seed: 1, gbdt: { rounds: 300, earlyStoppingRounds: 10 } });
    const g = model.learner as GbdtModel;
    expect(g.trees.length).toBe(g.bestRound);
    expect(g.validation.history.length).toBeLessThanOrEqual(g.bestRound + 10);
    expect(Math.min(...g.validation.history)).toBe(g.validation.best);
  });
});

describe('determinism and serialisation', () => {
  const train = data(table(1500, 8, xor));
  const valid = data(table(500, 9, xor));

  it('the same seed gives the same model file and version; another seed another model', () => {
    const a = trainRiskModel('gbdt', spec, train, valid, { seed: 42 });
    const b = trainRiskModel('gbdt', spec, train, valid, { seed: 42 });
    const c = trainRiskModel('gbdt', spec, train, valid, { seed: 43 });
    expect(serializeRiskModel(a)).toBe(serializeRiskModel(b));
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(/^gbdt-[0-9a-f]{16}$/);
    expect(c.version).not.toBe(a.version);
    expect(modelFileName(a)).toBe(`risk-${a.version}.json`);
  });

  it('round trip: parse(serialise(model)) scores exactly the same', () => {
    for (const kind of ['gbdt', 'logistic'] as const) {
      const model = trainRiskModel(kind, spec, train, valid, { seed: 1 });
      const parsed = parseRiskModel(serializeRiskModel(model));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.model).toEqual(model);
      expect([...scoreRows(parsed.model, valid)]).toEqual([...scoreRows(model, valid)]);
    }
  });

  it('refuses other files and edited models', () => {
    const model = trainRiskModel('logistic', spec, train, null, { seed: 1 });
    expect(parseRiskModel('{').ok).toBe(false);
    expect(parseRiskModel('{"format":"other"}').ok).toBe(false);
    const edited = JSON.parse(serializeRiskModel(model));
    edited.learner.intercept += 1;
    const r = parseRiskModel(JSON.stringify(edited));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('does not match');
    expect(parseRiskModel(JSON.stringify(withVersion(edited))).ok).toBe(true);
  });
});

describe('explanations in officer terms', () => {
  // Seller BAD ships illicit goods 80% of the time; others 3%; x one is noise.
  const gen = (r: () => number) => {
    const bad = r() < 0.1;
    return { x: [r(), r()], c: [bad ? 'BAD' : `S${Math.floor(r() * 20)}`], y: r() < (bad ? 0.8 : 0.03) ? 1 : 0 };
  };
  const train = data(table(3000, 10, gen));
  const valid = data(table(1000, 11, gen));

  it('names the seller, with its record, as the main reason for a BAD parcel (Korean and English)', () => {
    for (const kind of ['gbdt', 'logistic'] as const) {
      const model = trainRiskModel(kind, spec, train, valid, { seed: 1 });
      const scores = scoreRows(model, valid);
      const i = valid.categorical[0]!.indexOf('BAD');
      const e = explainRow(model, valid, i, scores[i]!);
      expect(e.modelVersion).toBe(model.version);
      expect(e.factors[0]!.feature).toBe('seller');
      expect(e.factors[0]!.direction).toBe('raises');
      expect(e.factors[0]!.ko).toMatch(/^판매자: BAD — 학습 이력 \d+건 중 적발 \d+건/);
      expect(e.factors[0]!.en).toMatch(/^seller: BAD — \d+ illicit of \d+ in training/);
    }
  });

  it('says of a seller the training data never saw that the model has no record of it, not that it is new', () => {
    // The platform's sellers are not the training history's: the officer read "판매자: AMAZON.COM SERVICES — 학습 이력
    // 없음(신규)" beside the seller's card of 232 parcels since 2026-10-29 ("new" seller with 232 parcels?).
    const model = trainRiskModel('gbdt', spec, train, valid, { seed: 1 });
    const unseen = { ...valid, categorical: valid.categorical.map((c) => c.map(() => 'AMAZON.COM SERVICES')) };
    const e = explainRow(model, unseen, 0, 0.5, 20);
    const seller = e.factors.find((f) => f.feature === 'seller');
    expect(seller?.ko).toMatch(/^판매자: AMAZON\.COM SERVICES — 모델 학습 자료에 없음 \(위험 (상승|하락)\)$/);
    expect(seller?.en).toMatch(/^seller: AMAZON\.COM SERVICES — not in the model’s training data \((raises|lowers) risk\)$/);
  });

  it('states a value that was not given as such, never as a bare dash', () => {
    const model = trainRiskModel('gbdt', spec, train, valid, { seed: 1 });
    const blank = { ...valid, categorical: valid.categorical.map((c) => c.map(() => '')) };
    const e = explainRow(model, blank, 0, 0.5, 20);
    const seller = e.factors.find((f) => f.feature === 'seller');
    expect(seller?.ko).toMatch(/^판매자: \(미기재\) — /);
    expect(seller?.en).toMatch(/^seller: \(not given\) — /);
    for (const f of e.factors) expect(f.ko).not.toMatch(/— ×|× —|— —/);
  });

  it('reads a share as a percentage and a yes/no column as 예/아니오, not as 0.33 and 1', () => {
    // Parcels of a seller with a past hit rate of 0.33 that are combined (1) are illicit more often.
    const ratesSpec: ColumnSpec = { id: 'id', label: 'illicit', numeric: ['seller hit rate', 'combined'], categorical: ['seller'] };
    const r = seededRandom(3);
    const rows: string[][] = [];
    for (let i = 0; i < 2000; i++) {
      const rate = r() < 0.5 ? 0.33 : 0.02;
      const combined = r() < 0.5 ? 1 : 0;
      const y = r() < (rate > 0.1 ? 0.3 : 0.02) + (combined ? 0.2 : 0) ? 1 : 0;
      rows.push([`r${i}`, String(rate), String(combined), `S${i % 7}`, String(y)]);
    }
    const d = data({ header: ['id', 'seller hit rate', 'combined', 'seller', 'illicit'], rows }, ratesSpec);
    const model = trainRiskModel('logistic', ratesSpec, d, d, { seed: 1 });
    const i = d.numeric[0]!.findIndex((x, k) => x === 0.33 && d.numeric[1]![k] === 1);
    const e = explainRow(model, d, i, 0.5, 10);
    const text = (feature: string) => e.factors.find((f) => f.feature === feature);
    expect(text('seller hit rate')?.ko).toMatch(/^판매자 과거 검사 적발률: 33\.0% \(위험 (상승|하락)\)$/);
    expect(text('seller hit rate')?.en).toMatch(/^seller's past inspection hit rate: 33\.0% /);
    expect(text('combined')?.ko).toMatch(/^합산과세 대상: 예 \(위험 (상승|하락)\)$/);
    expect(text('combined')?.en).toMatch(/^combined with other parcels: yes /);
    const j = d.numeric[1]!.findIndex((x) => x === 0);
    expect(explainRow(model, d, j, 0.5, 10).factors.find((f) => f.feature === 'combined')?.ko).toMatch(/^합산과세 대상: 아니오 /);
  });

  it('reads a unit price against its brand as standard deviations below or above usual, not as a bare -3.91', () => {
    // Parcels priced far below their brand's usual (a z-score of -3.91) are illicit more often.
    const priceSpec: ColumnSpec = { id: 'id', label: 'illicit', numeric: ['unit price vs brand'], categorical: ['seller'] };
    const r = seededRandom(5);
    const rows: string[][] = [];
    for (let i = 0; i < 2000; i++) {
      const z = r() < 0.5 ? -3.91 : 0.42;
      const y = r() < (z < 0 ? 0.3 : 0.02) ? 1 : 0;
      rows.push([`r${i}`, String(z), `S${i % 7}`, String(y)]);
    }
    const d = data({ header: ['id', 'unit price vs brand', 'seller', 'illicit'], rows }, priceSpec);
    const model = trainRiskModel('logistic', priceSpec, d, d, { seed: 1 });
    const factor = (k: number) => explainRow(model, d, k, 0.5, 10).factors.find((f) => f.feature === 'unit price vs brand');
    const low = factor(d.numeric[0]!.findIndex((x) => x === -3.91));
    expect(low?.ko).toMatch(/^같은 브랜드 대비 단가 수준: 평소보다 3\.9 표준편차 낮음 \(위험 (상승|하락)\)$/);
    expect(low?.en).toMatch(/^unit price compared with the same brand: 3\.9 standard deviations below usual \(/);
    expect(factor(d.numeric[0]!.findIndex((x) => x === 0.42))?.en).toMatch(/^unit price compared with the same brand: 0\.4 standard deviations above usual \(/);
  });

  it('the rules model explains by the rules that fired', () => {
    const rules: RiskRuleSet = { version: 'r1', signals: [{ signal: 'NEAR_DE_MINIMIS', ko: '면세한도 직전', en: 'near the de minimis', weight: 0.2 }], keywords: [{ code: 'KW', ko: '명품', en: 'luxury', terms: ['gucci'], weight: 0.5 }] };
    const t = table(10, 12, (r, i) => ({ x: [r(), r()], c: ['S'], y: i % 2, signals: i === 3 ? 'NEAR_DE_MINIMIS;COMBINED' : '', text: i === 3 ? '가방 Gucci Marmont' : '가방' }));
    const d = data(t);
    const model = trainRiskModel('rules', spec, d, null, { seed: 1, rules });
    const s = scoreRows(model, d);
    expect(s[3]).toBeCloseTo(1 - 0.8 * 0.5); // 1 − (1 − 0.2)(1 − 0.5)
    expect(s[0]).toBe(0);
    const e = explainRow(model, d, 3, s[3]!);
    expect(e.factors.map((f) => f.feature)).toEqual(['KW', 'NEAR_DE_MINIMIS']);
  });
});

describe('score properties', () => {
  it('scores are in [0, 1] for every model and any data', () => {
    const rules: RiskRuleSet = { version: 'r', signals: [{ signal: 'A', ko: 'a', en: 'a', weight: 0.9 }], keywords: [] };
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.double({ min: -1e9, max: 1e9, noNaN: true }), b: fc.option(fc.double({ min: -5, max: 5, noNaN: true })), s: fc.constantFrom('P', 'Q', 'R', ''), y: fc.integer({ min: 0, max: 1 }) }), { minLength: 40, maxLength: 120 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, seed) => {
          const t: RawTable = {
            header: spec.numeric.length ? ['id', 'x one', 'x two', 'seller', 'illicit', 'signals', 'text', 'revenue'] : [],
            rows: rows.map((r, i) => [`r${i}`, String(r.a), r.b === null ? '' : String(r.b), r.s, String(r.y), r.y ? 'A' : '', '', '0']),
          };
          const d = data(t);
          for (const kind of ['gbdt', 'logistic', 'rules'] as const) {
            const model = trainRiskModel(kind, spec, d, d, { seed, rules, gbdt: { rounds: 15, minLeaf: 2 }, logistic: { iterations: 30 } });
            for (const s of scoreRows(model, d)) {
              expect(s).toBeGreaterThanOrEqual(0);
              expect(s).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('expected revenue for the officer queue', () => {
  // Two kinds of illicit parcels: seller BAD (revenue 100) and seller HIGH (revenue 10,000, rarer).
  const gen = (r: () => number) => {
    const u = r();
    const seller = u < 0.1 ? 'BAD' : u < 0.15 ? 'HIGH' : `S${Math.floor(r() * 20)}`;
    const y = seller === 'BAD' ? (r() < 0.8 ? 1 : 0) : seller === 'HIGH' ? (r() < 0.5 ? 1 : 0) : r() < 0.02 ? 1 : 0;
    return { x: [r(), r()], c: [seller], y, revenue: y ? (seller === 'HIGH' ? 10_000 : 100) : 0 };
  };
  const withRevenue = (n: number, seed: number): RawTable => {
    const r = seededRandom(seed);
    const rows = Array.from({ length: n }, (_, i) => {
      const g = gen(r);
      return [`r${i}`, ...g.x.map(String), ...g.c, String(g.y), '', '', String(g.revenue)];
    });
    return { header: ['id', 'x one', 'x two', 'seller', 'illicit', 'signals', 'text', 'revenue'], rows };
  };

  it('ranks the rarer high-revenue seller first by expected revenue, the frequent one first by probability', () => {
    const train = data(withRevenue(4000, 21));
    const valid = data(withRevenue(1000, 22));
    const model = trainRiskModel('gbdt', spec, train, valid, { seed: 1 });
    expect(model.revenue).not.toBeNull();
    const p = scoreRows(model, valid);
    const ev = expectedRevenue(model, valid, p)!;
    const mean = (xs: Float64Array, who: string) => {
      const idx = valid.categorical[0]!.map((s, i) => (s === who ? i : -1)).filter((i) => i >= 0);
      return idx.reduce((a, i) => a + xs[i]!, 0) / idx.length;
    };
    expect(mean(p, 'BAD')).toBeGreaterThan(mean(p, 'HIGH'));
    expect(mean(ev, 'HIGH')).toBeGreaterThan(mean(ev, 'BAD') * 5);
    for (const x of ev) expect(x).toBeGreaterThanOrEqual(0);
    expect(expectedRevenue(trainRiskModel('logistic', spec, train, valid, { seed: 1 }), valid)).toBeNull();
  });

  it('the revenue booster has 80 rounds at most unless told otherwise (its trees are walked for every scored declaration; docs/risk-model.md, Cost)', () => {
    const train = data(withRevenue(1500, 23));
    // No validation rows: no early stopping, every round is a tree.
    const model = trainRiskModel('gbdt', spec, train, null, { seed: 1, gbdt: { rounds: 5 } });
    expect(model.revenue!.params.rounds).toBe(80);
    expect(model.revenue!.trees).toHaveLength(80);
    expect((model.learner as GbdtModel).trees).toHaveLength(5);
    const set = trainRiskModel('gbdt', spec, train, null, { seed: 1, gbdt: { rounds: 5 }, revenueGbdt: { rounds: 12, maxDepth: 3 } });
    expect(set.revenue!.trees).toHaveLength(12);
    expect(set.revenue!.params).toMatchObject({ rounds: 12, maxDepth: 3, objective: 'squared', minLeaf: 10 });
  });

  it('expected revenue is P(illicit) × the mean revenue of a find, in KRW, when some finds are seizures that raise none', () => {
    // Seller UNDER: illicit with probability 0.6; half of its finds are undervaluation recovering
    // 40,000원, half seizures recovering 0원, and nothing in the row tells them apart. Other sellers:
    // 2 % illicit, seizures only.
    //   E[revenue | illicit, UNDER] = 0.5 × 40,000 + 0.5 × 0 = 20,000원
    //   expected revenue            = P × 20,000 ≈ 0.6 × 20,000 = 12,000원
    // A booster on log(1 + revenue) (the files before 2026-12-03) learns the mean log,
    //   0.5 × ln(40,001) + 0.5 × ln(1) = 5.30, and exp(5.30) − 1 = 199원 → 0.6 × 199 ≈ 120원:
    // the officers' "2–12원" for parcels tens of thousands of won undervalued.
    const gen = (r: () => number) => {
      const under = r() < 0.2;
      const y = r() < (under ? 0.6 : 0.02) ? 1 : 0;
      return { x: [r(), r()], c: [under ? 'UNDER' : `S${Math.floor(r() * 20)}`], y, revenue: y && under && r() < 0.5 ? 40_000 : 0 };
    };
    const make = (n: number, seed: number): LabelledData => {
      const r = seededRandom(seed);
      const rows = Array.from({ length: n }, (_, i) => {
        const g = gen(r);
        return [`r${i}`, ...g.x.map(String), ...g.c, String(g.y), '', '', String(g.revenue)];
      });
      return data({ header: ['id', 'x one', 'x two', 'seller', 'illicit', 'signals', 'text', 'revenue'], rows });
    };
    const valid = make(1000, 32);
    const model = trainRiskModel('gbdt', spec, make(4000, 31), valid, { seed: 1 });
    expect(model.revenueTarget).toBe('krw');
    expect(riskModelMetrics(model).revenueTarget).toBe('krw');
    const p = scoreRows(model, valid);
    const ev = expectedRevenue(model, valid, p)!;
    const under = valid.categorical[0]!.map((s, i) => (s === 'UNDER' ? i : -1)).filter((i) => i >= 0);
    const meanP = under.reduce((a, i) => a + p[i]!, 0) / under.length;
    const meanEv = under.reduce((a, i) => a + ev[i]!, 0) / under.length;
    expect(meanP).toBeGreaterThan(0.5);
    expect(meanP).toBeLessThan(0.7);
    // 12,000원 ± 25 % (sampling noise of ~240 finds), not 120원.
    expect(meanEv).toBeGreaterThan(9_000);
    expect(meanEv).toBeLessThan(15_000);
    // Revenue if found = ev / P ≈ 20,000원.
    expect(meanEv / meanP).toBeGreaterThan(15_000);
    expect(meanEv / meanP).toBeLessThan(25_000);
  });

  it('reads the revenue booster by the file: amount for "krw", exp(x) − 1 for files without revenueTarget (log1p), never negative', () => {
    expect(revenueIfFound({ revenueTarget: 'krw' }, 20_000)).toBe(20_000);
    expect(revenueIfFound({ revenueTarget: 'krw' }, -50)).toBe(0);
    expect(revenueIfFound({}, Math.log1p(40_000))).toBeCloseTo(40_000, 6);
    expect(revenueIfFound({ revenueTarget: 'log1p' }, -1)).toBe(0);
  });
});
