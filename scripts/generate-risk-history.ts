// Writes the synthetic risk history as train.csv, valid.csv and test.csv (split by declaration
// date, 60/20/20) into the folder given as argument:
//   node scripts/generate-risk-history.ts OUT_DIR [--count 100000] [--seed 7]
// See src/domain/risk/synthetic-history.ts for the fraud patterns and docs/risk-model.md.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCsvTable } from '../src/adapters/csv/read-csv-table.ts';
import { loadReferenceFiles } from '../src/adapters/reference/load-reference-files.ts';
import { compileReference } from '../src/domain/reference/compile-reference.ts';
import { buildRiskHistory, historyCells, HISTORY_COLUMNS, splitByTime, usdRateOf } from '../src/domain/risk/risk-history.ts';
import { parseRuleSet } from '../src/domain/risk/rules.ts';
import { generateSyntheticHistory } from '../src/domain/risk/synthetic-history.ts';

const { values, positionals } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '7' } }, allowPositionals: true });
const out = positionals[0];
const count = Number(values.count);
const seed = Number(values.seed);
if (!out || !Number.isInteger(count) || count < 100 || !Number.isInteger(seed)) {
  console.error('usage: node scripts/generate-risk-history.ts OUT_DIR [--count N ≥ 100] [--seed N]');
  process.exit(2);
}
const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const reference = compileReference(await loadReferenceFiles(dataDir));
const rules = parseRuleSet(JSON.parse(await readFile(join(dataDir, 'risk-rules.json'), 'utf8')));
if (!rules.ok) throw new Error(rules.en);
const t0 = performance.now();
const rows = buildRiskHistory(generateSyntheticHistory({ count, seed, usdRate: usdRateOf(reference) }), reference, rules.rules, { seed });
const { train, valid, test } = splitByTime(rows, 'declared at');
await mkdir(out, { recursive: true });
for (const [name, part] of [['train', train], ['valid', valid], ['test', test]] as const) {
  await writeCsvTable(join(out, `${name}.csv`), HISTORY_COLUMNS, part.map((r) => historyCells(r)));
  const illicit = part.filter((r) => r.illicit === 1).length;
  const from = part[0]?.['declared at'] ?? '-';
  const to = part[part.length - 1]?.['declared at'] ?? '-';
  console.log(`${name}.csv  ${part.length} rows  ${from} … ${to}  illicit ${(100 * illicit / Math.max(1, part.length)).toFixed(2)}%`);
}
console.log(`generated ${rows.length} declarations in ${((performance.now() - t0) / 1000).toFixed(1)} s (seed ${seed})`);
