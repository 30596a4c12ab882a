// The precision a perfect ranking would reach on a synthetic history's test set, next to which the
// models' precision is read (docs/risk-model.md, Results): a parcel's label is a find (inspection
// finds a fraud with probability 0.9), so even a ranking that knows every fraud (the generator's
// "pattern …" columns) reads about 0.9 at small budgets, not 1.
//   node scripts/risk-history-ceiling.ts DIR [--budgets 1,2,5,10]     (DIR from generate-risk-history.ts)
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsvTable } from '../src/adapters/csv/read-csv-table.ts';
import { parseLabel } from '../src/domain/risk/dataset.ts';
import { ceilingPrecisionAt } from '../src/domain/risk/metrics.ts';

const { values, positionals } = parseArgs({ options: { budgets: { type: 'string', default: '1,2,5,10' } }, allowPositionals: true });
const dir = positionals[0];
const budgets = values.budgets.split(',').map(Number);
if (!dir || budgets.some((k) => !(k > 0 && k <= 100))) {
  console.error('usage: node scripts/risk-history-ceiling.ts DIR [--budgets 1,2,5,10]');
  process.exit(2);
}
const file = join(dir, 'test.csv');
const read = await readCsvTable(file);
if (!read.ok) {
  console.error(read.en);
  process.exit(2);
}
const { header, rows } = read.table;
const patterns = header.flatMap((c, i) => (c.startsWith('pattern ') ? [i] : []));
const label = header.indexOf('illicit');
if (!patterns.length || label < 0) {
  console.error(`${file}: no "pattern …" or "illicit" columns (not a synthetic history)`);
  process.exit(2);
}
// A cell as the risk commands read a label (1/0, true/false, yes/no).
const yes = (v: string | undefined) => parseLabel(v ?? '') === 1;
const truth = rows.map((r) => (patterns.some((i) => yes(r[i])) ? 1 : 0));
const labels = rows.map((r) => (yes(r[label]) ? 1 : 0));
const precisionAt = Object.fromEntries(budgets.map((k) => [String(k), ceilingPrecisionAt(truth, labels, k)]));
const fraud = truth.reduce((a: number, v) => a + v, 0);
const found = labels.reduce((a: number, v, i) => a + (v && truth[i] ? 1 : 0), 0);
console.log(JSON.stringify({ precisionAt, n: rows.length, fraudulent: fraud, foundAmongFraudulent: found }));
