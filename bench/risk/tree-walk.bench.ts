// node bench/risk/tree-walk.bench.ts BEFORE.json AFTER.json — the trees of two GBDT model files
// (both boosters, compiled as the platform's worker walks them) over the feature rows of 20,000 demo
// declarations (bench:risk's): trees, steps per declaration and the walk's CPU per declaration,
// best of 15 passes alternated between the two (best-of: the machine is shared). Used to size the
// revenue booster (docs/risk-model.md, Cost); previous model files are in git history.
import { readFileSync } from 'node:fs';
import type { Declaration } from '../../src/domain/declaration-schema.ts';
import { riskFeatures, createPartyBook, snapshotParties, priceFacts, recordDeclaration } from '../../src/domain/risk/features.ts';
import { compileRiskModel, encodeFeatureRow, forestMargin } from '../../src/domain/risk/compiled-model.ts';
import { parseRiskModel } from '../../src/domain/risk/model.ts';
import { assessBatch } from '../../src/domain/assess.ts';
import { compileReference } from '../../src/domain/reference/compile-reference.ts';
import { referenceFiles } from '../../test/support/reference.ts';
import { demoConsignees, generateDemoDeclarations } from '../../src/adapters/demo/generate-demo-declarations.ts';
import { processCpuMs } from './cpu.ts';
const reference = compileReference(await referenceFiles());
const cons = demoConsignees(5000, 11);
const feats: Record<string, number | string>[] = [];
const book = createPartyBook();
// 20,000 demo declarations, as bench:risk.
for (let i = 0; i < 20; i++) {
  const ds = JSON.parse(JSON.stringify(generateDemoDeclarations({ count: 1000, until: '2026-12-02', days: 30, consignees: cons, seed: 1000 + i, refPrefix: `RB-${i * 1000}` }))) as Declaration[];
  const as = assessBatch(ds, reference);
  ds.forEach((d, k) => {
    const a = as[k]!;
    if (a.status !== 'assessed') return;
    const pf = priceFacts(d, a);
    feats.push(riskFeatures(d, a, snapshotParties(book, d, pf.priceKey, pf.brand), pf));
    recordDeclaration(book, d, a.goodsValueUsd ?? 0, pf);
  });
}
const files = process.argv.slice(2);
if (files.length !== 2) throw new Error('usage: node bench/risk/tree-walk.bench.ts BEFORE.json AFTER.json');
const models = files.map((f) => {
  const p = parseRiskModel(readFileSync(f, 'utf8'));
  if (!p.ok) throw new Error(`${f}: ${p.message}`);
  return compileRiskModel(p.model)!;
});
const rows = models.map((c) => feats.map((f) => Float64Array.from(encodeFeatureRow(c, f))));
models.forEach((c, m) => {
  let steps = 0;
  for (const f of [c.forest, c.revenue!])
    for (const row of rows[m]!)
      for (let t = 0; t < f.roots.length; t++) {
        let n = f.roots[t]!;
        while (f.feature[n]! >= 0) {
          const v = row[f.feature[n]!]!;
          n = (v !== v ? f.missingLeft[n] === 1 : v <= f.threshold[n]!) ? f.left[n]! : f.right[n]!;
          steps++;
        }
      }
  console.log(['before', 'after'][m], 'trees', c.forest.roots.length, '+', c.revenue!.roots.length, 'steps per declaration', (steps / feats.length).toFixed(0));
});
const best = [Infinity, Infinity];
let sink = 0;
for (let pass = 0; pass < 15; pass++)
  for (let m = 0; m < 2; m++) {
    const c = models[m]!;
    const c0 = processCpuMs();
    for (const row of rows[m]!) sink += forestMargin(c.forest, row) + forestMargin(c.revenue!, row);
    best[m] = Math.min(best[m]!, processCpuMs() - c0);
  }
const us = (ms: number) => ((ms / feats.length) * 1000).toFixed(2);
console.log(`walk µs per declaration (best of 15, alternated): before ${us(best[0]!)}, after ${us(best[1]!)}${Number.isNaN(sink) ? ' (NaN sum)' : ''}`);
