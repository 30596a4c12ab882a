// node bench/risk/score-batch.bench.ts — the pure part of risk scoring alone (scoreBatch: features,
// compiled trees, factors above 0.5, rules, detectors, what to write back), without database or
// HTTP, on the declarations bench:risk uses (demo declarations, assessed by the engine) and on the
// synthetic history (fraud patterns: many names per PCCC, luxury words, split shipments).
//   BENCH_N       demo declarations (default 20,000), scored in batches of 1,000 as the worker does
//   BENCH_ROUNDS  timed rounds over them (default 5; each starts from an empty book)
//   BENCH_DUMP    file: writes every batch's result (NaN kept apart from null) to compare two
//                 versions of the code byte for byte; its SHA-256 is printed either way.
// The detectors' facts carry over from batch to batch as the store would load them (the
// consignees' earlier parcels within the window, consignees per address, same goods in 90 days),
// and every third declaration with an order no. has order data, a fifth of it undervalued.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { assessBatch } from '../../src/domain/assess.ts';
import type { Declaration } from '../../src/domain/declaration-schema.ts';
import { compileReference } from '../../src/domain/reference/compile-reference.ts';
import { createPartyBook } from '../../src/domain/risk/features.ts';
import { parseRiskModel } from '../../src/domain/risk/model.ts';
import { usdRateOf } from '../../src/domain/risk/risk-history.ts';
import { scoreBatch, type BatchInput, type BatchResult, type DetectorFacts } from '../../src/domain/risk/score-batch.ts';
import { generateSyntheticHistory } from '../../src/domain/risk/synthetic-history.ts';
import { loadRiskRules } from '../../src/adapters/risk/load-risk-files.ts';
import { demoConsignees, generateDemoDeclarations } from '../../src/adapters/demo/generate-demo-declarations.ts';
import { DATA_DIR, referenceFiles } from '../../test/support/reference.ts';
import { processCpuMs } from './cpu.ts';

const N = Number(process.env.BENCH_N ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = 1000;

const reference = compileReference(await referenceFiles());
const file = readdirSync(`${DATA_DIR}/models`).find((f) => f.startsWith('risk-gbdt-'))!;
const parsed = parseRiskModel(readFileSync(`${DATA_DIR}/models/${file}`, 'utf8'));
if (!parsed.ok) throw new Error(parsed.message);
const model = parsed.model;
const { rules, policy } = await loadRiskRules(`${DATA_DIR}/risk-rules.json`);

/** Declarations as intake hands them over (parsed JSON) with their assessments, ids in order. */
function assessed(raw: Record<string, unknown>[], firstId: number): BatchInput[] {
  const declarations = JSON.parse(JSON.stringify(raw)) as Declaration[];
  const assessments = assessBatch(declarations, reference);
  const out: BatchInput[] = [];
  declarations.forEach((declaration, i) => {
    const a = assessments[i]!;
    if (a.status === 'assessed') out.push({ id: firstId + i, version: 1, declaration, assessment: a });
  });
  return out;
}

const demo: BatchInput[] = [];
const consignees = demoConsignees(Math.max(1000, Math.floor(N / 4)), 11);
for (let i = 0; i < N; i += BATCH) demo.push(...assessed(generateDemoDeclarations({ count: Math.min(BATCH, N - i), until: '2026-12-02', days: 30, consignees, seed: 1000 + i, refPrefix: `RB-${i}` }), i + 1));
const synthetic = assessed(
  generateSyntheticHistory({ count: 6000, seed: 5, from: '2026-01-05', to: '2026-03-20', usdRate: usdRateOf(reference) }).map((c) => c.declaration as unknown as Record<string, unknown>),
  1,
);

/** Scores `inputs` batch by batch from an empty book; the detectors' facts as the store would load them. */
function scoreAll(inputs: readonly BatchInput[], onBatch: (r: BatchResult) => void): number {
  const book = createPartyBook();
  const addressConsignees = new Map<string, Set<string>>();
  const sameGoods90d = new Map<string, number[]>();
  const parcels = new Map<string, DetectorFacts['nearby']>();
  let cpu = 0;
  for (let i = 0; i < inputs.length; i += BATCH) {
    const batch = inputs.slice(i, i + BATCH);
    const nearby: DetectorFacts['nearby'] = [];
    const orders: DetectorFacts['orders'] = new Map();
    for (const [k, b] of batch.entries()) {
      const d = b.declaration;
      const pccc = d.consignee.pccc.trim().toUpperCase();
      if (!nearby.some((o) => o.pccc === pccc)) nearby.push(...(parcels.get(pccc) ?? []));
      if (d.order.orderNo && (i + k) % 3 === 0) {
        const paid = d.items.reduce((s, it) => s + it.price * it.quantity, 0) * ((i + k) % 5 === 0 ? 1.5 : 1);
        orders.set(`${d.order.orderNo}|${pccc}`, { orderNo: d.order.orderNo, platform: 'P', buyerPccc: pccc, currency: d.order.currency, amountPaid: paid, items: d.items.map((it) => ({ description: it.description, quantity: it.quantity, price: it.price })) });
      }
    }
    const facts: DetectorFacts = { addressConsignees, sameGoods90d, nearby, orders };
    const c0 = processCpuMs();
    const r = scoreBatch(model, rules, policy, reference, book, batch, facts, { explainAbove: 0.5 });
    cpu += processCpuMs() - c0;
    for (const row of r.rows) {
      const list = parcels.get(row.parcel.pccc) ?? [];
      list.push({ id: row.id, pccc: row.parcel.pccc, sellerKey: row.parcel.sellerKey, day: 0, valueUsd: row.parcel.valueUsd, thresholdUsd: row.parcel.thresholdUsd, channel: row.parcel.channel });
      parcels.set(row.parcel.pccc, list);
    }
    onBatch(r);
  }
  return cpu;
}

// What two versions of the code must give alike: every field of every result, NaN and -0 spelled out.
const replacer = (_k: string, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `#${Object.is(v, -0) ? '-0' : String(v)}` : v instanceof Map || v instanceof Set ? [...v] : v);
const hash = createHash('sha256');
const dump: string[] = [];
for (const [name, inputs] of [['demo', demo], ['synthetic', synthetic]] as const)
  scoreAll(inputs, (r) => {
    const text = JSON.stringify({ set: name, ...r }, replacer);
    hash.update(text);
    if (process.env.BENCH_DUMP) dump.push(text);
  });
if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, dump.join('\n') + '\n');
console.log(`results sha256 ${hash.digest('hex')} (${demo.length} demo + ${synthetic.length} synthetic declarations)`);

const per: number[] = [];
for (let r = 0; r < ROUNDS; r++) per.push((scoreAll(demo, () => undefined) / demo.length) * 1000);
const sorted = [...per].sort((a, b) => a - b);
console.log(`scoreBatch: ${per.map((x) => x.toFixed(1)).join(', ')} µs CPU per declaration (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)}, best ${sorted[0]!.toFixed(1)})`);
