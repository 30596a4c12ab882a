// node scripts/risk-model-size.ts DIR — model size against precision (docs/risk-model.md, Cost):
// trains the GBDT of `risk eval` on DIR/train.csv (early stopping on DIR/valid.csv) with each
// configuration below and each seed of SEEDS (default 7,8,9: the run-to-run noise), and prints per
// run precision at 1/2/5/10 %, revenue at 1/5/10 % (ranked by probability and by expected revenue),
// AUC on DIR/test.csv, the revenue booster's RMSE of log(1 + revenue) on the illicit test rows, the trees of both boosters, the steps a row walks through them and the CPU
// of that walk per row (compiled forests, as the platform's worker scores).
// DIR comes from `node scripts/generate-risk-history.ts DIR --count 100000 --seed 7`.
// CONFIGS=name,… runs only those configurations.
import { readCsvTable } from '../src/adapters/csv/read-csv-table.ts';
import { labelledData, type ColumnSpec, type LabelledData } from '../src/domain/risk/dataset.ts';
import { compileForest, forestMargin, type Forest } from '../src/domain/risk/compiled-model.ts';
import { gbdtPredict, type GbdtParams } from '../src/domain/risk/gbdt.ts';
import { RISK_CATEGORICAL_FEATURES, RISK_NUMERIC_FEATURES } from '../src/domain/risk/features.ts';
import { rankingMetrics } from '../src/domain/risk/metrics.ts';
import { encodeRows, expectedRevenue, scoreRows, trainRiskModel } from '../src/domain/risk/model.ts';
import { processCpuMs } from '../bench/risk/cpu.ts';

const dir = process.argv[2] ?? '/tmp/rh';
const seeds = (process.env.SEEDS ?? '7,8,9').split(',').map(Number);
const only = process.env.CONFIGS?.split(',');

const CONFIGS: { name: string; gbdt?: Partial<GbdtParams>; revenueGbdt?: Partial<GbdtParams> }[] = [
  { name: 'revenue-200', revenueGbdt: { rounds: 200 } }, // before 2026-12-03
  { name: 'present' }, // the revenue booster at 80 rounds
  { name: 'revenue-lr0.16', revenueGbdt: { learningRate: 0.16, rounds: 200 } },
  { name: 'revenue-40', revenueGbdt: { rounds: 40 } },
  { name: 'revenue-60', revenueGbdt: { rounds: 60 } },
  { name: 'revenue-120', revenueGbdt: { rounds: 120 } },
  { name: 'lr0.16', gbdt: { learningRate: 0.16 }, revenueGbdt: { learningRate: 0.16, rounds: 200 } },
  { name: 'lr0.16-depth5', gbdt: { learningRate: 0.16, maxDepth: 5 }, revenueGbdt: { learningRate: 0.16, maxDepth: 5, rounds: 200 } },
  { name: 'lr0.16-depth4', gbdt: { learningRate: 0.16, maxDepth: 4 }, revenueGbdt: { learningRate: 0.16, maxDepth: 4, rounds: 200 } },
  { name: 'patience20', gbdt: { earlyStoppingRounds: 20 }, revenueGbdt: { earlyStoppingRounds: 20, rounds: 200 } },
];

const spec: ColumnSpec = { id: 'ref', label: 'illicit', numeric: [...RISK_NUMERIC_FEATURES], categorical: [...RISK_CATEGORICAL_FEATURES], revenue: 'revenue at stake krw' };

async function load(name: string): Promise<LabelledData> {
  const t = await readCsvTable(`${dir}/${name}.csv`);
  if (!t.ok) throw new Error(`${name}: ${t.en}`);
  const d = labelledData(t.table, spec);
  if (!d.ok) throw new Error(`${name}: ${d.en}`);
  return d.data;
}

const [train, valid, test] = [await load('train'), await load('valid'), await load('test')];

/** Steps walked per row and CPU µs per row of the walk (best of 5 passes). */
function walk(forests: Forest[], rows: Float64Array[]): { steps: number; us: number } {
  let steps = 0;
  for (const f of forests)
    for (const row of rows)
      for (let t = 0; t < f.roots.length; t++) {
        let node = f.roots[t]!;
        while (f.feature[node]! >= 0) {
          const v = row[f.feature[node]!]!;
          node = (v !== v ? f.missingLeft[node] === 1 : v <= f.threshold[node]!) ? f.left[node]! : f.right[node]!;
          steps++;
        }
      }
  let best = Infinity;
  let sink = 0;
  for (let pass = 0; pass < 5; pass++) {
    const c0 = processCpuMs();
    for (const f of forests) for (const row of rows) sink += forestMargin(f, row);
    best = Math.min(best, processCpuMs() - c0);
  }
  if (sink === 42) console.log('');
  return { steps: steps / rows.length, us: (best / rows.length) * 1000 };
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
console.log('config | seed | P@1% | P@2% | P@5% | P@10% | revenue@1/5/10% | ER-ranked revenue@1/5/10% | AUC | revenue RMSE (log, illicit rows) | trees (P + revenue) | steps/row | walk µs/row');
for (const c of CONFIGS) {
  if (only && !only.includes(c.name)) continue;
  for (const seed of seeds) {
    const model = trainRiskModel('gbdt', spec, train, valid, { seed, ...(c.gbdt ? { gbdt: c.gbdt } : {}), ...(c.revenueGbdt ? { revenueGbdt: c.revenueGbdt } : {}) });
    const p = scoreRows(model, test);
    const er = expectedRevenue(model, test, p)!;
    const m = rankingMetrics(p, test.labels, test.revenue, [1, 2, 5, 10]);
    const mr = rankingMetrics(er, test.labels, test.revenue, [1, 5, 10]);
    const x = encodeRows(model, test);
    // How far the revenue booster's log(1 + revenue) is from the truth on the illicit test rows (what officers see as expected revenue).
    const conditional = gbdtPredict(model.revenue!, x);
    let se = 0;
    let illicit = 0;
    for (let i = 0; i < test.n; i++)
      if (test.labels[i]) {
        se += (conditional[i]! - Math.log1p(Math.max(0, test.revenue![i]!))) ** 2;
        illicit++;
      }
    const rows = Array.from({ length: x.n }, (_, i) => Float64Array.from(x.columns, (col) => col[i]!));
    if (model.learner.kind !== 'gbdt' || !model.revenue) throw new Error('not a gbdt with revenue');
    const w = walk([compileForest(model.learner), compileForest(model.revenue)], rows);
    console.log(
      [
        c.name,
        seed,
        ...[1, 2, 5, 10].map((k) => f3(m.precisionAt[k])),
        [1, 5, 10].map((k) => f3(m.revenueAt[k])).join('/'),
        [1, 5, 10].map((k) => f3(mr.revenueAt[k])).join('/'),
        f3(m.auc),
        f3(Math.sqrt(se / illicit)),
        `${model.learner.trees.length} + ${model.revenue.trees.length}`,
        w.steps.toFixed(0),
        w.us.toFixed(1),
      ].join(' | '),
    );
  }
}
