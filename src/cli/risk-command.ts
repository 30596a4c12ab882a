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
import { readCsvTable } from '../adapters/csv/read-csv-table.ts';
import { fileErrorText } from '../adapters/file-error-text.ts';
import { closestCode } from '../domain/closest-code.ts';
import { idOverlap, labelledData, type ColumnSpec, type LabelledData, type RawTable } from '../domain/risk/dataset.ts';
import { RISK_CATEGORICAL_FEATURES, RISK_INTERACTIONS, RISK_NUMERIC_FEATURES } from '../domain/risk/features.ts';
import { rankingMetrics } from '../domain/risk/metrics.ts';
import { expectedRevenue, modelFileName, scoreRows, serializeRiskModel, trainRiskModel, type RiskModelKind } from '../domain/risk/model.ts';
import { buildRiskHistory, historyCells, HISTORY_COLUMNS, HISTORY_ID, HISTORY_LABEL, HISTORY_REVENUE, splitByTime, usdRateOf } from '../domain/risk/risk-history.ts';
import { parseRuleSet, type RiskRuleSet } from '../domain/risk/rules.ts';
import { generateSyntheticHistory } from '../domain/risk/synthetic-history.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import type { CommandIo } from './assess-command.ts';
import { commandLang, type Lang } from './lang.ts';
import { helpOrUnknown, parseOptions, UsageError } from './subcommand.ts';

export interface RiskCommandDeps {
  io: CommandIo;
  /** The clearance reference (only for training on the synthetic history). */
  loadReference: () => Promise<Reference>;
  /** The default rule set file (data/risk-rules.json). */
  defaultRulesFile: string;
  /** Wall-clock and CPU milliseconds, for the training time reported with --verbose. */
  now?: () => { wallMs: number; cpuMs: number };
}

const USAGE_EN = `usage: tonggwan risk eval --train FILE [--valid FILE] --test FILE --id COL --label COL --categorical COL,… --numeric COL,… [--revenue COL] [--budgets 1,2,5,10] [--model gbdt|logistic|rules]
       tonggwan risk train --out FILE|DIR [--model gbdt|logistic|rules] [--synthetic N | --train FILE [--valid FILE] --id COL --label COL --categorical … --numeric …]
  also: --interactions "A*B,…" --signals COL --text COL (rules) --rules FILE --seed N --rank probability|expected-revenue --verbose
  --lang ko|en (the language of messages). eval prints, as JSON, precision, recall and revenue found at each budget and the AUC
  on the test rows; train writes the model file and prints one JSON line about it. Columns of --numeric and --revenue hold numbers
  (1,234.5) or nothing (empty, NA, null, -).
  Exit 0 on success; 2 with a one-line message on bad arguments or unreadable input (naming the file, line and column).`;

/** The command's own messages; the CSV reader, the table and rule set checks (adapters, domain) give theirs in both languages, `pick` takes ours. */
const MESSAGES = {
  ko: {
    usage: `사용법: tonggwan risk eval --train FILE [--valid FILE] --test FILE --id COL --label COL --categorical COL,… --numeric COL,… [--revenue COL] [--budgets 1,2,5,10] [--model gbdt|logistic|rules]
        tonggwan risk train --out FILE|DIR [--model gbdt|logistic|rules] [--synthetic N | --train FILE [--valid FILE] --id COL --label COL --categorical … --numeric …]
  그 밖에: --interactions "A*B,…" --signals COL --text COL (rules) --rules FILE --seed N --rank probability|expected-revenue --verbose
  --lang ko|en (메시지 언어). eval은 테스트 행의 예산별 정밀도·재현율·적발 세액, AUC를 JSON으로 출력하고, train은 모델 파일을 쓰고
  그 정보를 JSON 한 줄로 출력합니다. --numeric, --revenue 열에는 숫자(1,234.5)나 값 없음(빈 칸, NA, null, -)만 둡니다.
  종료 코드 0: 성공; 2: 잘못된 인수나 읽을 수 없는 입력 (파일, 행, 열을 밝힌 한 줄 메시지).`,
    unknownSub: (sub: string) => `알 수 없는 risk 명령 "${sub}" (eval 또는 train)`,
    required: (name: string) => `--${name}이(가) 필요합니다`,
    model: (v: string) => `--model은 gbdt, logistic, rules 중 하나여야 합니다 ("${v}" 아님)`,
    seed: (v: string) => `--seed는 0 이상의 정수여야 합니다 ("${v}" 아님)`,
    budgetsEmpty: '--budgets에 백분율이 하나 이상 필요합니다',
    budget: (b: string) => `--budgets: "${b}"은(는) (0, 100] 범위의 백분율이 아닙니다`,
    featuresRequired: '--numeric 또는 --categorical(둘 다 가능)이 필요합니다',
    noFeatures: '특성 열이 없습니다: --numeric 또는 --categorical을 주세요',
    interaction: (pair: string) => `--interactions: "${pair}"은(는) COL*COL 형식이 아닙니다`,
    rulesColumn: 'rules 모델에는 --signals 또는 --text 열이 필요합니다',
    noRows: (path: string) => `${path}: 데이터 행이 없습니다`,
    oneOutcome: (path: string, label: string, value: 0 | 1, n: number) =>
      `${path}: 레이블 "${label}"이(가) ${n}행 모두 ${value === 1 ? '1(우범)' : '0(정상)'}입니다: 모델은 두 결과(우범과 정상)가 다 있어야 배웁니다 (--label 열이 맞습니까?)`,
    pick: (t: Bilingual) => t.ko,
    cannotReadRules: (file: string, why: string) => `규칙 집합 ${file}을(를) 읽을 수 없습니다: ${why}`,
    rulesNotJson: (file: string, detail: string) => `규칙 집합 ${file}이(가) 올바른 JSON이 아닙니다 (JSON.parse: ${detail})`,
    rank: (v: string) => `--rank는 probability 또는 expected-revenue여야 합니다 ("${v}" 아님)`,
    rankNeeds: '--rank expected-revenue에는 --model gbdt와 --revenue 열이 필요합니다',
    trainOrSynthetic: '--train과 --synthetic 중 하나만 주세요',
    synthetic: (v: string | undefined) => `--synthetic은 500 이상의 정수여야 합니다 ("${v}" 아님)`,
    cannotWrite: (file: string, why: string) => `${file}을(를) 쓸 수 없습니다: ${why}`,
    trained: (version: string, rows: number, wall: string, cpu: string) => `모델 ${version}: ${rows}행으로 ${wall}초 동안 학습 (CPU ${cpu}초)`,
    sharedIds: (path: string, n: number, id: string) =>
      `경고: ${path}의 id ${n}개(처음: "${id}")가 학습 또는 검증 파일에도 있습니다: 모델이 배운 행으로 재므로 정밀도와 AUC가 실제보다 높게 나옵니다. 겹치지 않게 나누세요 (예: 신고일 기준)`,
    repeatedIds: (path: string, n: number, id: string) =>
      `경고: ${path}에서 앞에 나온 id가 다시 나오는 행이 ${n}개입니다(처음: "${id}"): 한 화물을 여러 번 세면 정밀도가 달라집니다. 화물 하나에 한 행으로 두세요`,
    didYouMean: (pairs: string) => `; 비슷한 열 이름: ${pairs}`,
    separator: (c: string) => `; 머리글이 "${c}"이(가) 든 한 열뿐입니다: 쉼표(,)로 구분한 CSV로 저장하세요`,
    otherSubcommand: (name: string, sub: string) => `--${name}은(는) risk ${sub}에서 쓰지 않습니다 (risk ${sub === 'eval' ? 'train' : 'eval'}의 옵션)`,
    syntheticColumns: (name: string) => `--${name}은(는) --train FILE과 함께 씁니다 (--train이 없으면 내장 합성 이력과 그 열로 학습합니다)`,
  },
  en: {
    usage: USAGE_EN,
    unknownSub: (sub: string) => `unknown risk command "${sub}" (eval or train)`,
    required: (name: string) => `--${name} is required`,
    model: (v: string) => `--model must be gbdt, logistic or rules, not "${v}"`,
    seed: (v: string) => `--seed must be a non-negative integer, not "${v}"`,
    budgetsEmpty: '--budgets needs at least one percentage',
    budget: (b: string) => `--budgets: "${b}" is not a percentage in (0, 100]`,
    featuresRequired: '--numeric and/or --categorical are required',
    noFeatures: 'no feature columns: give --numeric and/or --categorical',
    interaction: (pair: string) => `--interactions: "${pair}" is not COL*COL`,
    rulesColumn: 'the rules model needs a --signals or --text column',
    noRows: (path: string) => `${path}: no data rows`,
    oneOutcome: (path: string, label: string, value: 0 | 1, n: number) =>
      `${path}: the label "${label}" is ${value === 1 ? '1 (illicit)' : '0 (licit)'} in all ${n} rows: a model learns only from both outcomes (is --label the right column?)`,
    pick: (t: Bilingual) => t.en,
    cannotReadRules: (file: string, why: string) => `cannot read the rule set ${file}: ${why}`,
    rulesNotJson: (file: string, detail: string) => `the rule set ${file} is not valid JSON (JSON.parse: ${detail})`,
    rank: (v: string) => `--rank must be probability or expected-revenue, not "${v}"`,
    rankNeeds: '--rank expected-revenue needs --model gbdt and a --revenue column',
    trainOrSynthetic: 'give either --train or --synthetic, not both',
    synthetic: (v: string | undefined) => `--synthetic must be an integer ≥ 500, not "${v}"`,
    cannotWrite: (file: string, why: string) => `cannot write ${file}: ${why}`,
    trained: (version: string, rows: number, wall: string, cpu: string) => `model ${version}: trained on ${rows} rows in ${wall} s (CPU ${cpu} s)`,
    sharedIds: (path: string, n: number, id: string) =>
      `warning: ${n} id${n === 1 ? '' : 's'} of ${path} (first "${id}") ${n === 1 ? 'is' : 'are'} also in the training or validation file: measured on rows the model learned from, precision and AUC come out higher than the model is. Split the files without overlap (by declaration date, say)`,
    repeatedIds: (path: string, n: number, id: string) =>
      `warning: ${n} row${n === 1 ? '' : 's'} of ${path} repeat${n === 1 ? 's' : ''} an id already in it (first "${id}"): a parcel counted more than once skews precision. Keep one row per parcel`,
    didYouMean: (pairs: string) => `; did you mean ${pairs}?`,
    separator: (c: string) => `; the header is one column holding "${c}": save the file as comma-separated CSV`,
    otherSubcommand: (name: string, sub: string) => `--${name} is not read by risk ${sub} (it is an option of risk ${sub === 'eval' ? 'train' : 'eval'})`,
    syntheticColumns: (name: string) => `--${name} goes with --train FILE (without --train, train uses the built-in synthetic history and its own columns)`,
  },
} satisfies Record<Lang, unknown>;

type Messages = (typeof MESSAGES)['en'];

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

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>;

export async function riskCommand(rawArgs: string[], deps: RiskCommandDeps): Promise<number> {
  const { io } = deps;
  const picked = commandLang('tonggwan risk', rawArgs, io);
  if (!picked) return 2;
  const m: Messages = MESSAGES[picked.lang];
  const [sub, ...rest] = picked.args;
  try {
    const early = helpOrUnknown(sub, rest, ['eval', 'train'], m, io);
    if (early !== null) return early;
    const values: Values = parseOptions(rest, OPTIONS, picked.lang);
    unread(values, sub as 'eval' | 'train', m);
    return sub === 'eval' ? await evaluate(values, deps, m) : await train(values, deps, m);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tonggwan risk: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Options the other subcommand reads; and the data options, which the built-in synthetic history (train without --train) has its own of. */
const OTHER_SUBCOMMAND = { eval: ['out', 'synthetic'], train: ['test', 'budgets', 'rank'] } as const;
const DATA_OPTIONS = ['valid', 'id', 'label', 'numeric', 'categorical', 'revenue', 'interactions', 'signals', 'text'] as const;

/**
 * An option this run would not read is refused, not ignored: `risk train --out m.json --id ref --label illicit …`
 * without --train trained on 50,000 synthetic declarations (half a minute) and wrote that model, the columns given
 * unread; `risk train … --test t.csv` measured nothing.
 */
function unread(v: Values, sub: 'eval' | 'train', m: Messages): void {
  for (const name of OTHER_SUBCOMMAND[sub]) if (v[name] !== undefined) throw new UsageError(m.otherSubcommand(name, sub));
  if (sub === 'train' && v.train === undefined) for (const name of DATA_OPTIONS) if (v[name] !== undefined) throw new UsageError(m.syntheticColumns(name));
}

function required(v: Values, name: keyof Values, m: Messages): string {
  const x = v[name];
  if (typeof x !== 'string' || !x.trim()) throw new UsageError(m.required(name));
  return x;
}

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

function modelKind(v: Values, m: Messages): RiskModelKind {
  const kind = v.model ?? 'gbdt';
  if (kind !== 'gbdt' && kind !== 'logistic' && kind !== 'rules') throw new UsageError(m.model(kind));
  return kind;
}

function seedOf(v: Values, m: Messages): number {
  if (v.seed === undefined) return 1;
  const s = Number(v.seed);
  if (!Number.isInteger(s) || s < 0) throw new UsageError(m.seed(v.seed));
  return s;
}

function budgetsOf(v: Values, m: Messages): number[] {
  const raw = list(v.budgets ?? '1,2,5,10');
  if (!raw.length) throw new UsageError(m.budgetsEmpty);
  return raw.map((b) => {
    const k = Number(b);
    if (!Number.isFinite(k) || k <= 0 || k > 100) throw new UsageError(m.budget(b));
    return k;
  });
}

function specOf(v: Values, kind: RiskModelKind, header: string[], m: Messages): ColumnSpec {
  const numeric = list(v.numeric);
  const categorical = list(v.categorical);
  if (v.numeric === undefined && v.categorical === undefined && kind !== 'rules') throw new UsageError(m.featuresRequired);
  if (kind !== 'rules' && !numeric.length && !categorical.length) throw new UsageError(m.noFeatures);
  const interactions = list(v.interactions).map((pair) => {
    const parts = pair.split('*').map((x) => x.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new UsageError(m.interaction(pair));
    return [parts[0], parts[1]] as [string, string];
  });
  const has = (c: string) => header.includes(c);
  const signals = v.signals ?? (kind === 'rules' && has('signals') ? 'signals' : undefined);
  const text = v.text ?? (kind === 'rules' && has('description') ? 'description' : undefined);
  if (kind === 'rules' && !signals && !text) throw new UsageError(m.rulesColumn);
  return {
    id: required(v, 'id', m),
    label: required(v, 'label', m),
    numeric,
    categorical,
    ...(v.revenue ? { revenue: v.revenue } : {}),
    ...(interactions.length ? { interactions } : {}),
    ...(signals ? { signals } : {}),
    ...(text ? { text } : {}),
  };
}

async function table(path: string, m: Messages): Promise<RawTable> {
  const r = await readCsvTable(path);
  if (!r.ok) throw new UsageError(m.pick(r));
  return r.table;
}

function data(t: RawTable, spec: ColumnSpec, path: string, m: Messages): LabelledData {
  const r = labelledData(t, spec);
  if (!r.ok) throw new UsageError(`${path}: ${m.pick(r)}${r.code === 'COLUMN_NOT_FOUND' ? columnHint(spec, t.header, m) : ''}`);
  if (r.data.n === 0) throw new UsageError(m.noRows(path));
  return r.data;
}

/**
 * The header's column each missing one was likely meant to be (case, a slip of a letter or two: closestCode, one
 * clear winner only): the message lists the first 30 columns of the header, and a history export has more (63
 * for docs/risk-model.md's), so "sellr" was refused beside a list that did not show "seller".
 */
function columnHint(spec: ColumnSpec, header: readonly string[], m: Messages): string {
  // One column holding another separator: a CSV saved with ";" (Excel in a European locale) or tabs.
  const separator = header.length === 1 ? [';', '\t', '|'].find((c) => header[0]!.includes(c)) : undefined;
  if (separator) return m.separator(separator === '\t' ? '\\t' : separator);
  const there = new Set(header.map((h) => h.trim()));
  const asked = [spec.id, spec.label, ...spec.numeric, ...spec.categorical, spec.revenue, spec.signals, spec.text, ...(spec.interactions ?? []).flat()];
  const hints = new Map<string, string>();
  for (const name of asked) {
    if (name === undefined || there.has(name.trim()) || hints.has(name)) continue;
    const near = closestCode(name, [...there].map((code) => ({ code, names: [] })));
    if (near) hints.set(name, near.code);
  }
  return hints.size ? m.didYouMean([...hints].map(([name, near]) => `"${name}" → "${near}"`).join(', ')) : '';
}

/** Trees and the logistic regression learn from both outcomes: one alone gives a model that ranks nothing (AUC 0.5), written and uploadable without a word. */
function learnable(d: LabelledData, kind: RiskModelKind, spec: ColumnSpec, path: string, m: Messages): LabelledData {
  if (kind === 'rules') return d;
  let illicit = 0;
  for (const l of d.labels) illicit += l;
  if (illicit === 0 || illicit === d.n) throw new UsageError(m.oneOutcome(path, spec.label, illicit ? 1 : 0, d.n));
  return d;
}

async function rulesOf(v: Values, deps: RiskCommandDeps, m: Messages): Promise<RiskRuleSet> {
  const file = v.rules ?? deps.defaultRulesFile;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(m.cannotReadRules(file, m.pick(fileErrorText(e))));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(m.rulesNotJson(file, (e as Error).message.split('\n')[0]!));
  }
  const r = parseRuleSet(parsed);
  if (!r.ok) throw new UsageError(`${file}: ${m.pick(r)}`);
  return r.rules;
}

async function evaluate(v: Values, deps: RiskCommandDeps, m: Messages): Promise<number> {
  const kind = modelKind(v, m);
  const budgets = budgetsOf(v, m);
  const seed = seedOf(v, m);
  const rank = v.rank ?? 'probability';
  if (rank !== 'probability' && rank !== 'expected-revenue') throw new UsageError(m.rank(rank));
  if (rank === 'expected-revenue' && (kind !== 'gbdt' || !v.revenue)) throw new UsageError(m.rankNeeds);
  const trainPath = required(v, 'train', m);
  const testPath = required(v, 'test', m);
  required(v, 'id', m);
  required(v, 'label', m);
  const trainTable = await table(trainPath, m);
  const spec = specOf(v, kind, trainTable.header, m);
  const trainData = learnable(data(trainTable, spec, trainPath, m), kind, spec, trainPath, m);
  const validData = v.valid ? data(await table(v.valid, m), spec, v.valid, m) : null;
  const testData = data(await table(testPath, m), spec, testPath, m);
  // Said, not refused: the figures are printed all the same, for the reader to judge.
  const overlap = idOverlap(testData.ids, validData ? [...trainData.ids, ...validData.ids] : trainData.ids);
  if (overlap.firstShared !== null) deps.io.stderr(`${m.sharedIds(testPath, overlap.shared, overlap.firstShared)}\n`);
  if (overlap.firstRepeated !== null) deps.io.stderr(`${m.repeatedIds(testPath, overlap.repeated, overlap.firstRepeated)}\n`);
  const rules = kind === 'rules' ? await rulesOf(v, deps, m) : undefined;
  const t0 = deps.now?.() ?? { wallMs: 0, cpuMs: 0 };
  const model = trainRiskModel(kind, spec, trainData, validData, { seed, ...(rules ? { rules } : {}) });
  const t1 = deps.now?.() ?? { wallMs: 0, cpuMs: 0 };
  const probabilities = scoreRows(model, testData);
  const scores = rank === 'expected-revenue' ? (expectedRevenue(model, testData, probabilities) ?? probabilities) : probabilities;
  const metrics = rankingMetrics(scores, testData.labels, testData.revenue, budgets);
  deps.io.stdout(`${JSON.stringify(metrics)}\n`);
  if (v.verbose) deps.io.stderr(`${m.trained(model.version, trainData.n, ((t1.wallMs - t0.wallMs) / 1000).toFixed(2), ((t1.cpuMs - t0.cpuMs) / 1000).toFixed(2))}\n`);
  return 0;
}

async function train(v: Values, deps: RiskCommandDeps, m: Messages): Promise<number> {
  const kind = modelKind(v, m);
  const seed = seedOf(v, m);
  const out = required(v, 'out', m);
  let spec: ColumnSpec;
  let trainData: LabelledData;
  let validData: LabelledData | null;
  const rules = await rulesOf(v, deps, m);
  if (v.train) {
    if (v.synthetic !== undefined) throw new UsageError(m.trainOrSynthetic);
    const trainTable = await table(v.train, m);
    spec = specOf(v, kind, trainTable.header, m);
    trainData = learnable(data(trainTable, spec, v.train, m), kind, spec, v.train, m);
    validData = v.valid ? data(await table(v.valid, m), spec, v.valid, m) : null;
  } else {
    const count = v.synthetic === undefined ? 50_000 : Number(v.synthetic);
    if (!Number.isInteger(count) || count < 500) throw new UsageError(m.synthetic(v.synthetic));
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
    trainData = data(rawOf(split.train), spec, 'synthetic train', m);
    validData = split.valid.length ? data(rawOf([...split.valid, ...split.test]), spec, 'synthetic valid', m) : null;
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
    throw new UsageError(m.cannotWrite(file, m.pick(fileErrorText(e, 'write'))));
  }
  deps.io.stdout(`${JSON.stringify({ version: model.version, kind, file, trainRows: trainData.n, validRows: validData?.n ?? 0 })}\n`);
  return 0;
}
