// npm run bench:engine — assesses N synthetic declarations in memory on one core and prints
// declarations/s next to JSON.parse of the same input, measured in the same run.
import { fileURLToPath } from 'node:url';
import { loadReferenceFiles } from '../src/adapters/reference/load-reference-files.ts';
import { assessBatch } from '../src/domain/assess.ts';
import { compileReference } from '../src/domain/reference/compile-reference.ts';
import { syntheticDeclarations } from './synthetic-declarations.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const reference = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../data/', import.meta.url))));
const text = JSON.stringify({ declarations: syntheticDeclarations(N) });

function best(run: () => void): number {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    run();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return min;
}

let parsed: { declarations: unknown[] } = { declarations: [] };
const parseMs = best(() => {
  parsed = JSON.parse(text);
});
let assessed = 0;
let rejected = 0;
assessBatch(parsed.declarations.slice(0, 1000), reference); // warm-up
const assessMs = best(() => {
  const out = assessBatch(parsed.declarations, reference);
  assessed = out.length;
  rejected = out.filter((a) => a.status === 'rejected').length;
});
const rate = (ms: number) => Math.round((N / ms) * 1000);
const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
console.log(`bench:engine  ${N.toLocaleString()} declarations (${mb} MB JSON), best of ${RUNS}, one core, node ${process.version}`);
console.log(`  JSON.parse (baseline)  ${parseMs.toFixed(0).padStart(6)} ms  ${rate(parseMs).toLocaleString().padStart(10)} declarations/s`);
console.log(`  assessBatch            ${assessMs.toFixed(0).padStart(6)} ms  ${rate(assessMs).toLocaleString().padStart(10)} declarations/s`);
console.log(`  ratio assess/parse     ${(rate(assessMs) / rate(parseMs)).toFixed(2)}  (assessed ${assessed}, rejected ${rejected})`);
console.log(`  target ≥ 200,000 declarations/s: ${rate(assessMs) >= 200_000 ? 'met' : 'NOT met'}`);
