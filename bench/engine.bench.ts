// npm run bench:engine — assesses N synthetic declarations in memory on one core and prints
// declarations/s next to JSON.parse of the same input, measured in the same run. A second pair
// of lines measures the cost end to end, as the CLI and the API pay it: assessing and
// serialising each assessment with JSON.stringify, next to parsing the input and serialising
// each declaration back. No V8 flags: the engine runs with Node's defaults in production.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadReferenceFiles } from '../src/adapters/reference/load-reference-files.ts';
import { assessBatch } from '../src/domain/assess.ts';
import { compileReference } from '../src/domain/reference/compile-reference.ts';
import { syntheticDeclarations } from './synthetic-declarations.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
const reference = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../data/', import.meta.url))));
const text = JSON.stringify({ declarations: syntheticDeclarations(N) });

let parsed: { declarations: unknown[] } = { declarations: [] };
let assessed = 0;
let rejected = 0;
let inChars = 0;
let outChars = 0;
const measured = {
  parse: () => {
    parsed = JSON.parse(text);
  },
  // End to end, the baseline: parse, and read what was parsed once (JSON.stringify reads every string).
  roundTrip: () => {
    const p: { declarations: unknown[] } = JSON.parse(text);
    inChars = 0;
    for (const d of p.declarations) inChars += JSON.stringify(d).length;
  },
  assess: () => {
    const out = assessBatch(parsed.declarations, reference);
    assessed = out.length;
    rejected = out.filter((a) => a.status === 'rejected').length;
  },
  // End to end, the engine: assess, and serialise each assessment as the CLI and the API do.
  endToEnd: () => {
    const out = assessBatch(parsed.declarations, reference);
    outChars = 0;
    for (const a of out) outChars += JSON.stringify(a).length;
  },
};
// Best of RUNS rounds; each round runs every measurement once, so all see the heap in the same state.
const ms = { parse: Infinity, roundTrip: Infinity, assess: Infinity, endToEnd: Infinity };
measured.parse();
assessBatch(parsed.declarations.slice(0, 1000), reference); // warm-up
for (let i = 0; i < RUNS; i++) {
  for (const k of Object.keys(measured) as (keyof typeof measured)[]) {
    const t0 = process.hrtime.bigint();
    measured[k]();
    ms[k] = Math.min(ms[k], Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
const { parse: parseMs, roundTrip: roundTripMs, assess: assessMs, endToEnd: endToEndMs } = ms;

const rate = (ms: number) => Math.round((N / ms) * 1000);
const line = (label: string, ms: number) => `  ${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${rate(ms).toLocaleString().padStart(10)} declarations/s`;
const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
console.log(`bench:engine  ${N.toLocaleString()} declarations (${mb} MB JSON), best of ${RUNS}, one core, node ${process.version}, no V8 flags`);
console.log(line('JSON.parse (baseline)', parseMs));
console.log(line('assessBatch', assessMs));
console.log(`  ratio assess/parse     ${(rate(assessMs) / rate(parseMs)).toFixed(2)}  (assessed ${assessed}, rejected ${rejected})`);
console.log(line('JSON.parse + JSON.stringify (baseline)', roundTripMs));
console.log(line('assessBatch + JSON.stringify', endToEndMs));
console.log(`  ratio end to end       ${(rate(endToEndMs) / rate(roundTripMs)).toFixed(2)}  (${Math.round(inChars / N)} characters in, ${Math.round(outChars / N)} out per declaration)`);
console.log(`  target ≥ 200,000 declarations/s: ${rate(assessMs) >= 200_000 ? 'met' : 'NOT met'}`);
console.log(`  load average ${loadBefore} at the start, ${load()} at the end (${availableParallelism()} cores)`);
