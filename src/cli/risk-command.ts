// `tonggwan risk eval|train`: trains the risk model on history files (CSV with a header) and
// either measures it on a test file or writes the model file.
//
//   risk eval  --train F --valid F --test F --id COL --label COL --categorical A,B --numeric C,D
//              [--revenue COL] [--budgets 1,2,5,10] [--model gbdt|logistic|rules]
//              [--interactions "A*B,…"] [--signals COL] [--text COL] [--seed N] [--rules FILE]
//              [--rank probability|expected-revenue] [--verbose]
//     prints {"precisionAt":{…},"recallAt":{…},"revenueAt":{…},"auc":…,"n":…} for the test rows.
//   risk train --out FILE|DIR [--model …] [the same data options, or --synthetic N for the
//              built-in synthetic history] → writes the model (DIR: DIR/risk-<version>.json).
// Exit 0 on success, 2 with a one-line message on bad arguments or unreadable input.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsvTable } from '../adapters/csv/read-csv-table.ts';
import { labelledData, type ColumnSpec, type LabelledData, type RawTable } from '../domain/risk/dataset.ts';
import { RISK_CATEGORICAL_FEATURES, RISK_INTERACTIONS, RISK_NUMERIC_FEATURES } from '../domain/risk/features.ts';
import { rankingMetrics } from '../domain/risk/metrics.ts';
import { expectedRevenue, modelFileName, scoreRows, serializeRiskModel, trainRiskModel, type RiskModelKind } from '../domain/risk/model.ts';
import { buildRiskHistory, historyCells, HISTORY_COLUMNS, HISTORY_ID, HISTORY_LABEL, HISTORY_REVENUE, splitByTime, usdRateOf } from '../domain/risk/risk-history.ts';
import { parseRuleSet, type RiskRuleSet } from '../domain/risk/rules.ts';
import { generateSyntheticHistory } from '../domain/risk/synthetic-history.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import type { CommandIo } from './assess-command.ts';

export interface RiskCommandDeps {
  io: CommandIo;
  /** The clearance reference (only for training on the synthetic history). */
  loadReference: () => Promise<Reference>;
  /** The default rule set file (data/risk-rules.json). */
  defaultRulesFile: string;
  /** Wall-clock and CPU milliseconds, for the training time reported with --verbose. */
  now?: () => { wallMs: number; cpuMs: number };
}

const USAGE = `usage: tonggwan risk eval --train FILE [--valid FILE] --test FILE --id COL --label COL --categorical COL,… --numeric COL,… [--revenue COL] [--budgets 1,2,5,10] [--model gbdt|logistic|rules]
       tonggwan risk train --out FILE|DIR [--model gbdt|logistic|rules] [--synthetic N | --train FILE [--valid FILE] --id COL --label COL --categorical … --numeric …]
  also: --interactions "A*B,…" --signals COL --text COL (rules) --rules FILE --seed N --rank probability|expected-revenue --verbose`;

class UsageError extends Error {}

const OPTIONS = {
  train: { type: 'string' },
  valid: { type: 'string' },
  test: { type: 'string' },
  id: { type: 'string' },
  label: { type: 'string' },
  categorical: { type: 'string' },
  numeric: { type: 'string' },
  revenue: { type: 'string' },
  budgets: { type: 'string' },
  model: { type: 'string' },
  interactions: { type: 'string' },
  signals: { type: 'string' },
  text: { type: 'string' },
  seed: { type: 'string' },
  rules: { type: 'string' },
  out: { type: 'string' },
  synthetic: { type: 'string' },
  rank: { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>>['values'];

export async function riskCommand(args: string[], deps: RiskCommandDeps): Promise<number> {
  const { io } = deps;
  const [sub, ...rest] = args;
  try {
    if (sub !== 'eval' && sub !== 'train') {
      if (sub === undefined || sub === '-h' || sub === '--help') {
        io.stdout(`${USAGE}\n`);
        return sub === undefined ? 2 : 0;
      }
      throw new UsageError(`unknown risk command "${sub}" (eval or train)`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    let values: Values;
    try {
      values = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: false }).values;
    } catch (e) {
      throw new UsageError((e as Error).message.split('\n')[0]!);
    }
    return sub === 'eval' ? await evaluate(values, deps) : await train(values, deps);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tonggwan risk: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function required(v: Values, name: keyof Values): string {
  const x = v[name];
  if (typeof x !== 'string' || !x.trim()) throw new UsageError(`--${name} is required`);
  return x;
}

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

function modelKind(v: Values): RiskModelKind {
  const m = v.model ?? 'gbdt';
  if (m !== 'gbdt' && m !== 'logistic' && m !== 'rules') throw new UsageError(`--model must be gbdt, logistic or rules, not "${m}"`);
  return m;
}

function seedOf(v: Values): number {
  if (v.seed === undefined) return 1;
  const s = Number(v.seed);
  if (!Number.isInteger(s) || s < 0) throw new UsageError(`--seed must be a non-negative integer, not "${v.seed}"`);
  return s;
}

function budgetsOf(v: Values): number[] {
  const raw = list(v.budgets ?? '1,2,5,10');
  if (!raw.length) throw new UsageError('--budgets needs at least one percentage');
  return raw.map((b) => {
    const k = Number(b);
    if (!Number.isFinite(k) || k <= 0 || k > 100) throw new UsageError(`--budgets: "${b}" is not a percentage in (0, 100]`);
    return k;
  });
}

function specOf(v: Values, kind: RiskModelKind, header: string[]): ColumnSpec {
  const numeric = list(v.numeric);
  const categorical = list(v.categorical);
  if (v.numeric === undefined && v.categorical === undefined && kind !== 'rules') throw new UsageError('--numeric and/or --categorical are required');
  if (kind !== 'rules' && !numeric.length && !categorical.length) throw new UsageError('no feature columns: give --numeric and/or --categorical');
  const interactions = list(v.interactions).map((pair) => {
    const parts = pair.split('*').map((x) => x.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new UsageError(`--interactions: "${pair}" is not COL*COL`);
    return [parts[0], parts[1]] as [string, string];
  });
  const has = (c: string) => header.includes(c);
  const signals = v.signals ?? (kind === 'rules' && has('signals') ? 'signals' : undefined);
  const text = v.text ?? (kind === 'rules' && has('description') ? 'description' : undefined);
  if (kind === 'rules' && !signals && !text) throw new UsageError('the rules model needs a --signals or --text column');
  return {
    id: required(v, 'id'),
    label: required(v, 'label'),
    numeric,
    categorical,
    ...(v.revenue ? { revenue: v.revenue } : {}),
    ...(interactions.length ? { interactions } : {}),
    ...(signals ? { signals } : {}),
    ...(text ? { text } : {}),
  };
}

async function table(path: string): Promise<RawTable> {
  const r = await readCsvTable(path);
  if (!r.ok) throw new UsageError(r.message);
  return r.table;
}

function data(t: RawTable, spec: ColumnSpec, path: string): LabelledData {
  const r = labelledData(t, spec);
  if (!r.ok) throw new UsageError(`${path}: ${r.message}`);
  if (r.data.n === 0) throw new UsageError(`${path}: no data rows`);
  return r.data;
}

async function rulesOf(v: Values, deps: RiskCommandDeps): Promise<RiskRuleSet> {
  const file = v.rules ?? deps.defaultRulesFile;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the rule set ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]}`);
  }
  const r = parseRuleSet(parsed);
  if (!r.ok) throw new UsageError(`${file}: ${r.message}`);
  return r.rules;
}

async function evaluate(v: Values, deps: RiskCommandDeps): Promise<number> {
  const kind = modelKind(v);
  const budgets = budgetsOf(v);
  const seed = seedOf(v);
  const rank = v.rank ?? 'probability';
  if (rank !== 'probability' && rank !== 'expected-revenue') throw new UsageError(`--rank must be probability or expected-revenue, not "${rank}"`);
  if (rank === 'expected-revenue' && (kind !== 'gbdt' || !v.revenue)) throw new UsageError('--rank expected-revenue needs --model gbdt and a --revenue column');
  const trainPath = required(v, 'train');
  const testPath = required(v, 'test');
  required(v, 'id');
  required(v, 'label');
  const trainTable = await table(trainPath);
  const spec = specOf(v, kind, trainTable.header);
  const trainData = data(trainTable, spec, trainPath);
  const validData = v.valid ? data(await table(v.valid), spec, v.valid) : null;
  const testData = data(await table(testPath), spec, testPath);
  const rules = kind === 'rules' ? await rulesOf(v, deps) : undefined;
  const t0 = deps.now?.() ?? { wallMs: 0, cpuMs: 0 };
  const model = trainRiskModel(kind, spec, trainData, validData, { seed, ...(rules ? { rules } : {}) });
  const t1 = deps.now?.() ?? { wallMs: 0, cpuMs: 0 };
  const probabilities = scoreRows(model, testData);
  const scores = rank === 'expected-revenue' ? (expectedRevenue(model, testData, probabilities) ?? probabilities) : probabilities;
  const metrics = rankingMetrics(scores, testData.labels, testData.revenue, budgets);
  deps.io.stdout(`${JSON.stringify(metrics)}\n`);
  if (v.verbose) deps.io.stderr(`model ${model.version}: trained on ${trainData.n} rows in ${((t1.wallMs - t0.wallMs) / 1000).toFixed(2)} s (CPU ${((t1.cpuMs - t0.cpuMs) / 1000).toFixed(2)} s)\n`);
  return 0;
}

async function train(v: Values, deps: RiskCommandDeps): Promise<number> {
  const kind = modelKind(v);
  const seed = seedOf(v);
  const out = required(v, 'out');
  let spec: ColumnSpec;
  let trainData: LabelledData;
  let validData: LabelledData | null;
  const rules = await rulesOf(v, deps);
  if (v.train) {
    if (v.synthetic !== undefined) throw new UsageError('give either --train or --synthetic, not both');
    const trainTable = await table(v.train);
    spec = specOf(v, kind, trainTable.header);
    trainData = data(trainTable, spec, v.train);
    validData = v.valid ? data(await table(v.valid), spec, v.valid) : null;
  } else {
    const count = v.synthetic === undefined ? 50_000 : Number(v.synthetic);
    if (!Number.isInteger(count) || count < 500) throw new UsageError(`--synthetic must be an integer ≥ 500, not "${v.synthetic}"`);
    const reference = await deps.loadReference();
    const rows = buildRiskHistory(generateSyntheticHistory({ count, seed, usdRate: usdRateOf(reference) }), reference, rules, { seed });
    const split = splitByTime(rows, 'declared at', [0.75, 0.25, 0]);
    const rawOf = (part: typeof rows): RawTable => ({ header: HISTORY_COLUMNS, rows: part.map((r) => historyCells(r)) });
    spec = {
      id: HISTORY_ID,
      label: HISTORY_LABEL,
      numeric: [...RISK_NUMERIC_FEATURES],
      categorical: [...RISK_CATEGORICAL_FEATURES],
      revenue: HISTORY_REVENUE,
      interactions: RISK_INTERACTIONS,
      signals: 'signals',
      text: 'description',
    };
    trainData = data(rawOf(split.train), spec, 'synthetic train');
    validData = split.valid.length ? data(rawOf([...split.valid, ...split.test]), spec, 'synthetic valid') : null;
  }
  const model = trainRiskModel(kind, spec, trainData, validData, { seed, rules });
  let file = out;
  try {
    if ((await stat(out)).isDirectory()) file = join(out, modelFileName(model));
  } catch {
    // not there yet: a file name
  }
  try {
    if (file.endsWith('/')) {
      await mkdir(file, { recursive: true });
      file = join(file, modelFileName(model));
    }
    await writeFile(file, serializeRiskModel(model), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  deps.io.stdout(`${JSON.stringify({ version: model.version, kind, file, trainRows: trainData.n, validRows: validData?.n ?? 0 })}\n`);
  return 0;
}
