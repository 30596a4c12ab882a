// Runs the real `tonggwan risk` command (bin/tonggwan.js under the project's Node) on small CSV
// files written here: column names with spaces, quoted fields with commas, a signals column.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCsv, parseCsvTable } from '../adapters/csv/read-csv-table.ts';
import { parseRiskModel } from '../domain/risk/model.ts';
import { seededRandom } from '../domain/risk/random.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const node = join(root, 'node_modules/.bin/node');
let dir: string;

/** English messages unless `lang` says otherwise (the tests below check English texts). */
function run(args: string[], lang = 'en') {
  const r = spawnSync(node, ['bin/tonggwan.js', 'risk', ...(args[0] === 'train' || args[0] === 'nonsense' ? [] : ['eval']), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TONGGWAN_LANG: lang },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Illicit when the seller is "Bad, Ltd." or the declared value is far under the market price. */
function writeCsv(name: string, n: number, seed: number) {
  const r = seededRandom(seed);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const bad = r() < 0.08;
    const market = 20 + r() * 200;
    const under = r() < 0.05;
    const declared = under ? market * 0.2 : market * (0.9 + r() * 0.2);
    const illicit = bad ? r() < 0.7 : under ? r() < 0.9 : r() < 0.01;
    rows.push([`R${seed}-${i}`, bad ? 'Bad, Ltd.' : `Seller ${Math.floor(r() * 30)}`, r() < 0.5 ? 'CN' : 'US', declared.toFixed(2), market.toFixed(2), illicit ? 'yes' : 'no', illicit ? String(Math.round(declared * 300)) : '0', under ? 'NEAR_DE_MINIMIS;AMOUNT_PAID_MISMATCH' : '', `가방 "Brand ${i % 7}", model`]);
  }
  writeFileSync(join(dir, name), formatCsv(['parcel id', 'seller name', 'ship from', 'declared value usd', 'market price usd', 'is illicit', 'revenue krw', 'signals', 'description'], rows));
}

const base = () => ['--train', join(dir, 'train.csv'), '--valid', join(dir, 'valid.csv'), '--test', join(dir, 'test.csv'), '--id', 'parcel id', '--label', 'is illicit', '--categorical', 'seller name,ship from', '--numeric', 'declared value usd,market price usd'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-risk-'));
  writeCsv('train.csv', 3000, 1);
  writeCsv('valid.csv', 1000, 2);
  writeCsv('test.csv', 1000, 3);
});

describe('tonggwan risk eval', () => {

  it('prints precision, recall and revenue at each budget, AUC and n, for each model', () => {
    for (const model of ['gbdt', 'logistic', 'rules']) {
      const r = run([...base(), '--revenue', 'revenue krw', '--budgets', '1,2,5,10', '--model', model]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const m = JSON.parse(r.out);
      expect(Object.keys(m)).toEqual(['precisionAt', 'recallAt', 'revenueAt', 'auc', 'n']);
      expect(Object.keys(m.precisionAt)).toEqual(['1', '2', '5', '10']);
      expect(m.n).toBe(1000);
      for (const k of ['1', '2', '5', '10']) {
        expect(m.precisionAt[k]).toBeGreaterThanOrEqual(0);
        expect(m.precisionAt[k]).toBeLessThanOrEqual(1);
        expect(m.revenueAt[k]).toBeGreaterThanOrEqual(0);
      }
      expect(m.recallAt['10']).toBeGreaterThanOrEqual(m.recallAt['1']);
      if (model !== 'rules') expect(m.auc).toBeGreaterThan(0.85);
    }
  });

  it('defaults: budgets 1,2,5,10, model gbdt, no revenue column → revenueAt null; same input, same output', () => {
    const a = run(base());
    const b = run(base());
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const m = JSON.parse(a.out);
    expect(Object.keys(m.recallAt)).toEqual(['1', '2', '5', '10']);
    expect(m.revenueAt['5']).toBeNull();
    // 1% of 1000 rows = 10 rows inspected: precision is a multiple of 1/10.
    expect(Number.isInteger(Math.round(m.precisionAt['1'] * 10 * 1e9) / 1e9)).toBe(true);
  });

  it('ranks by expected revenue on request', () => {
    const r = run([...base(), '--revenue', 'revenue krw', '--rank', 'expected-revenue']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).revenueAt['10']).toBeGreaterThan(0);
    expect(run([...base(), '--rank', 'expected-revenue']).code).toBe(2); // no revenue column
  });

  it('exits 2 with a one-line message on bad arguments', () => {
    // every training row licit: the model ranked nothing (AUC 0.5) and train wrote it, exit 0
    writeFileSync(join(dir, 'all-licit.csv'), readFileSync(join(dir, 'train.csv'), 'utf8').replace(/,yes,/g, ',no,'));
    const cases: [string[], RegExp][] = [
      [['--train', join(dir, 'all-licit.csv'), ...base().slice(2)], /all-licit\.csv: the label "is illicit" is 0 \(licit\) in all 3000 rows: a model learns only from both outcomes \(is --label the right column\?\)$/m],
      [['--train', join(dir, 'all-licit.csv'), ...base().slice(2), '--model', 'logistic'], /in all 3000 rows/],
      [base().filter((_, i, a) => a[i - 1] !== '--test' && a[i] !== '--test'), /--test is required/],
      [[...base(), '--model', 'forest'], /--model must be/],
      [[...base(), '--budgets', '1,zero'], /--budgets/],
      [[...base(), '--budgets', '150'], /--budgets/],
      [[...base(), '--frobnicate'], /Unknown option/i],
      [[...base().slice(0, -1), 'declared value usd,no such column'], /not found: "no such column"/],
      [[...base(), '--label', 'seller name'], /label "seller name" is/],
      // a text column given as numeric trained as all missing, without a word (exit 0)
      [[...base().slice(0, -1), 'declared value usd,ship from'], /: line 2, column "ship from": "(CN|US)" is not a number \(3000 of 3000 rows in this column;/],
      [[...base(), '--revenue', 'seller name'], /: line 2, column "seller name": ".*" is not a number \(3000 of 3000 rows/],
      // a missing column: the header's columns are listed, so that the typo shows
      [[...base().slice(0, -1), 'declared value usd,market price'], /not found: "market price" \(the header has: "parcel id", "seller name", .*"market price usd", "is illicit"/],
      [['--train', '/nonexistent.csv', ...base().slice(2)], /cannot read \/nonexistent\.csv: no such file \(ENOENT\)$/m],
      [[...base(), '--model', 'rules', '--signals', 'nope'], /not found: "nope"/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
    expect(run(['nonsense']).code).toBe(2);
  });

  it('names the column a missing one was likely meant to be (a slip, another case), also when the header is wider than the 30 columns the message lists', () => {
    // 35 columns before the real ones: the list in the message stopped before "seller name", so the typo did not show
    const pad = Array.from({ length: 35 }, (_, i) => `extra ${i}`);
    const [header, ...rows] = readFileSync(join(dir, 'train.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'wide.csv'), [[...pad, header].join(','), ...rows.map((r) => [...pad.map(() => ''), r].join(','))].join('\n'));
    const args = ['--train', join(dir, 'wide.csv'), ...base().slice(2, -4), '--categorical', 'seller nme,Ship From', '--numeric', 'declared value usd,no such column'];
    const en = run(args);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/^tonggwan risk: \S+wide\.csv: columns not found: "no such column", "seller nme", "Ship From" \(the header has: "extra 0", .*, …\); did you mean "seller nme" → "seller name", "Ship From" → "ship from"\?\n$/);
    expect(en.err.slice(0, en.err.indexOf('; did you mean'))).not.toContain('"seller name"'); // not in the listed 30
    expect(run(args, 'ko').err).toMatch(/; 비슷한 열 이름: "seller nme" → "seller name", "Ship From" → "ship from"\n$/);
  });

  it('says a header read as one column holding semicolons or tabs is not comma-separated (Excel in a European locale saves CSV with ";")', () => {
    writeFileSync(join(dir, 'semicolon.csv'), 'parcel id;seller name;ship from;declared value usd;market price usd;is illicit\nA;S1;CN;10;12;no\nB;S2;US;11;12;yes\n');
    const args = ['--train', join(dir, 'semicolon.csv'), ...base().slice(2)];
    expect(run(args).err).toMatch(/; the header is one column holding ";": save the file as comma-separated CSV\n$/);
    expect(run(args, 'ko').err).toMatch(/; 머리글이 ";"이\(가\) 든 한 열뿐입니다: 쉼표\(,\)로 구분한 CSV로 저장하세요\n$/);
  });

  it('--help or -h after eval or train prints the usage and exits 0 (it answered "Unknown option")', () => {
    for (const args of [['--help'], ['train', '--help'], ['train', '--out', dir, '-h']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^usage: tonggwan risk eval --train FILE/);
    }
  });

  it('speaks Korean (TONGGWAN_LANG=ko; main.test.ts checks the default) in its usage and argument errors, English with --lang en', () => {
    expect(run(['--help'], 'ko').out).toMatch(/^사용법: tonggwan risk eval --train FILE/);
    expect(run([...base(), '--model', 'forest'], 'ko')).toEqual({ code: 2, out: '', err: 'tonggwan risk: --model은 gbdt, logistic, rules 중 하나여야 합니다 ("forest" 아님)\n' });
    expect(run([...base(), '--frobnicate'], 'ko').err).toBe("tonggwan risk: 알 수 없는 옵션 '--frobnicate'\n");
    expect(run(['nonsense'], 'ko').err).toBe('tonggwan risk: 알 수 없는 risk 명령 "nonsense" (eval 또는 train)\n');
    expect(run([...base(), '--model', 'forest', '--lang', 'en'], 'ko').err).toBe('tonggwan risk: --model must be gbdt, logistic or rules, not "forest"\n');
  });

  it("speaks Korean in the CSV reader's, the table check's and the rule set's messages too, English with --lang en; a missing file in words", () => {
    const ko = (args: string[]) => run(args, 'ko');
    const train = join(dir, 'train.csv');
    const firstSeller = (parseCsvTable(readFileSync(train, 'utf8')) as { table: { rows: string[][] } }).table.rows[0]![1];
    writeFileSync(join(dir, 'ragged.csv'), 'a,b\n1,2,3\n');
    writeFileSync(join(dir, 'empty.csv'), '');
    // a blank line (3) and a quoted line break (5–6) before the typo on line 7, the fourth data row: the message names the line an editor shows (it said "row 5")
    const header = 'parcel id,seller name,ship from,declared value usd,market price usd,is illicit';
    writeFileSync(join(dir, 'typo.csv'), `${header}\nA,S1,CN,10,12,no\n\nB,S2,US,11,-,yes\nC,"S3\nBranch",CN,12,NA,no\nD,S4,CN,13,"12,5O",no\n`);
    writeFileSync(join(dir, 'bad-rules.json'), JSON.stringify({ version: 'x', signals: [{ signal: 'S', weight: 2 }], keywords: [] }));
    writeFileSync(join(dir, 'broken-rules.json'), '{"version": ');
    const rules = [...base(), '--model', 'rules', '--signals', 'signals', '--rules'];
    const columns = '"parcel id", "seller name", "ship from", "declared value usd", "market price usd", "is illicit", "revenue krw", "signals", "description"';
    const cases: [string[], string, string][] = [
      [['--train', '/nonexistent.csv', ...base().slice(2)], '/nonexistent.csv을(를) 읽을 수 없습니다: 파일이 없습니다 (ENOENT)', 'cannot read /nonexistent.csv: no such file (ENOENT)'],
      [
        ['--train', join(dir, 'ragged.csv'), ...base().slice(2)],
        `${join(dir, 'ragged.csv')}이(가) 2행에서 올바른 CSV가 아닙니다 (csv-parse: Invalid Record Length: expect 2, got 3 on line 2)`,
        `${join(dir, 'ragged.csv')} is not valid CSV: Invalid Record Length: expect 2, got 3 on line 2`,
      ],
      [
        [...base().slice(0, -1), 'declared value usd,no such column'],
        `${train}: 열이 없습니다: "no such column" (머리글의 열: ${columns})`,
        `${train}: column not found: "no such column" (the header has: ${columns})`,
      ],
      [
        [...base(), '--label', 'seller name'],
        `${train}: 2행: 레이블 "seller name"의 값 ${JSON.stringify(firstSeller)}은(는) 1/0, true/false, yes/no 중 하나여야 합니다`,
        `${train}: line 2: label "seller name" is ${JSON.stringify(firstSeller)}, expected 1/0, true/false or yes/no`,
      ],
      [
        ['--train', join(dir, 'typo.csv'), ...base().slice(2)],
        `${join(dir, 'typo.csv')}: 7행, 열 "market price usd": "12,5O"은(는) 숫자가 아닙니다 (이 열의 4행 중 1행; 빈 칸, NA, null, -는 값 없음으로 읽습니다)`,
        `${join(dir, 'typo.csv')}: line 7, column "market price usd": "12,5O" is not a number (1 of 4 rows in this column; empty, NA, null and - are read as missing)`,
      ],
      [
        ['--train', join(dir, 'empty.csv'), ...base().slice(2)],
        `${join(dir, 'empty.csv')}이(가) 비어 있습니다: 머리글 행과 데이터 행이 필요합니다`,
        `${join(dir, 'empty.csv')} is empty: expected a header row, then data rows`,
      ],
      [[...rules, join(dir, 'bad-rules.json')], `${join(dir, 'bad-rules.json')}: 신호 규칙 "S": signal과 [0, 1) 범위의 weight가 필요합니다`, `${join(dir, 'bad-rules.json')}: signal rule "S": needs signal and a weight in [0, 1)`],
      [[...rules, '/nonexistent-rules.json'], '규칙 집합 /nonexistent-rules.json을(를) 읽을 수 없습니다: 파일이 없습니다 (ENOENT)', 'cannot read the rule set /nonexistent-rules.json: no such file (ENOENT)'],
      [
        [...rules, join(dir, 'broken-rules.json')],
        `규칙 집합 ${join(dir, 'broken-rules.json')}이(가) 올바른 JSON이 아닙니다 (JSON.parse: Unexpected end of JSON input)`,
        `the rule set ${join(dir, 'broken-rules.json')} is not valid JSON (JSON.parse: Unexpected end of JSON input)`,
      ],
      [['train', '--out', '/nonexistent-dir/model.json', '--model', 'rules', '--train', train, '--id', 'parcel id', '--label', 'is illicit', '--signals', 'signals'], '/nonexistent-dir/model.json을(를) 쓸 수 없습니다: 폴더가 없습니다 (ENOENT)', 'cannot write /nonexistent-dir/model.json: no such folder (ENOENT)'],
    ];
    for (const [args, koText, enText] of cases) {
      expect(ko(args), args.join(' ')).toEqual({ code: 2, out: '', err: `tonggwan risk: ${koText}\n` });
      expect(ko([...args, '--lang', 'en']).err, args.join(' ')).toBe(`tonggwan risk: ${enText}\n`);
    }
  });

  it('warns on stderr when test rows are also in the training or validation file, or repeat an id, and still prints the figures', () => {
    // valid.csv's ids are R2-0 … R2-999, test.csv's R3-0 … R3-999: the test file is the validation file once, then
    // the test file with its first 5 rows written again at its end (5 repeated ids, the first R3-0).
    const asValid = run(base().map((a) => (a.endsWith('test.csv') ? join(dir, 'valid.csv') : a)));
    expect(asValid.code).toBe(0);
    expect(JSON.parse(asValid.out).n).toBe(1000);
    expect(asValid.err).toBe(`warning: 1000 ids of ${join(dir, 'valid.csv')} (first "R2-0") are also in the training or validation file: measured on rows the model learned from, precision and AUC come out higher than the model is. Split the files without overlap (by declaration date, say)\n`);
    const lines = readFileSync(join(dir, 'test.csv'), 'utf8').trimEnd().split(/\r?\n/);
    writeFileSync(join(dir, 'test-repeated.csv'), `${[...lines, ...lines.slice(1, 6)].join('\n')}\n`);
    const repeated = run(base().map((a) => (a.endsWith('test.csv') ? join(dir, 'test-repeated.csv') : a)), 'ko');
    expect(repeated.code).toBe(0);
    expect(JSON.parse(repeated.out).n).toBe(1005);
    expect(repeated.err).toBe(`경고: ${join(dir, 'test-repeated.csv')}에서 앞에 나온 id가 다시 나오는 행이 5개입니다(처음: "R3-0"): 한 화물을 여러 번 세면 정밀도가 달라집니다. 화물 하나에 한 행으로 두세요\n`);
  });

  it('refuses a test row without a label, naming the file, the line and the column (it was read as 0, clean, and counted as a miss)', () => {
    // Data rows on lines 2–5; lines 3 and 5 have no label (the last a blank cell): 2 of 4 rows, the first on line 3.
    const file = join(dir, 'unlabelled.csv');
    writeFileSync(file, `parcel id,seller name,ship from,declared value usd,market price usd,is illicit\nA,S1,CN,10,12,no\nB,S2,US,11,12,\nC,S3,CN,12,13,yes\nD,S4,CN,13,12," "\n`);
    const args = [...base().slice(0, 5), file, ...base().slice(6)];
    expect(run(args)).toEqual({
      code: 2,
      out: '',
      err: `tonggwan risk: ${file}: line 3: label "is illicit" is empty (2 of 4 rows in this column): every row needs 1/0, true/false or yes/no. A row without a label (a parcel never inspected) can be neither learned from nor counted in precision: leave it out of the file\n`,
    });
    expect(run(args, 'ko').err).toBe(
      `tonggwan risk: ${file}: 3행: 레이블 "is illicit"이(가) 비어 있습니다 (이 열의 4행 중 2행): 행마다 1/0, true/false, yes/no 중 하나가 있어야 합니다. 레이블이 없는 행(검사하지 않은 화물)은 학습에도 정밀도 계산에도 쓸 수 없으니 파일에서 빼세요\n`,
    );
  });
});

describe('tonggwan risk train', () => {
  it('writes a versioned model file that loads back', () => {
    const r = run(['train', '--out', `${dir}/`, '--train', join(dir, 'train.csv'), '--valid', join(dir, 'valid.csv'), '--id', 'parcel id', '--label', 'is illicit', '--categorical', 'seller name', '--numeric', 'declared value usd,market price usd']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out);
    expect(info.version).toMatch(/^gbdt-[0-9a-f]{16}$/);
    expect(readdirSync(dir)).toContain(`risk-${info.version}.json`);
    const parsed = parseRiskModel(readFileSync(join(dir, `risk-${info.version}.json`), 'utf8'));
    expect(parsed.ok && parsed.model.version).toBe(info.version);
  });

  it('trains on the built-in synthetic history (declarations assessed by the engine)', () => {
    const r = run(['train', '--out', join(dir, 'synthetic.json'), '--synthetic', '2000', '--seed', '3']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const parsed = parseRiskModel(readFileSync(join(dir, 'synthetic.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.model.spec.numeric).toContain('consignee names');
      expect(parsed.model.revenue).not.toBeNull();
    }
  });

  it('exits 2 without --out', () => {
    const r = run(['train']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out is required/);
  });

  it('refuses an option it would not read, writing nothing: columns without --train (it trained on the synthetic history), the other subcommand\'s options', () => {
    // Before: `train --out F --id … --numeric …` without --train trained 50,000 synthetic declarations into F, the columns unread.
    const out = join(dir, 'unread.json');
    const columns = base().slice(6);
    const cases: [string[], string][] = [
      [['train', '--out', out, ...columns], 'tonggwan risk: --id goes with --train FILE (without --train, train uses the built-in synthetic history and its own columns)\n'],
      [['train', '--out', out, '--synthetic', '600', '--valid', join(dir, 'valid.csv')], 'tonggwan risk: --valid goes with --train FILE (without --train, train uses the built-in synthetic history and its own columns)\n'],
      [['train', '--out', out, '--train', join(dir, 'train.csv'), '--test', join(dir, 'test.csv'), ...columns], 'tonggwan risk: --test is not read by risk train (it is an option of risk eval)\n'],
      [[...base(), '--out', out], 'tonggwan risk: --out is not read by risk eval (it is an option of risk train)\n'],
    ];
    for (const [args, err] of cases) expect(run(args), args.join(' ')).toEqual({ code: 2, out: '', err });
    expect(readdirSync(dir)).not.toContain('unread.json');
    expect(run(['train', '--out', out, ...columns], 'ko').err).toBe('tonggwan risk: --id은(는) --train FILE과 함께 씁니다 (--train이 없으면 내장 합성 이력과 그 열로 학습합니다)\n');
  });

  it('refuses to train on one outcome only, writing no model file (in Korean by default)', () => {
    writeFileSync(join(dir, 'all-licit-train.csv'), readFileSync(join(dir, 'train.csv'), 'utf8').replace(/,yes,/g, ',no,'));
    const out = join(dir, 'one-outcome.json');
    const r = run(['train', '--out', out, '--train', join(dir, 'all-licit-train.csv'), '--id', 'parcel id', '--label', 'is illicit', '--numeric', 'declared value usd'], 'ko');
    expect(r).toEqual({ code: 2, out: '', err: `tonggwan risk: ${join(dir, 'all-licit-train.csv')}: 레이블 "is illicit"이(가) 3000행 모두 0(정상)입니다: 모델은 두 결과(우범과 정상)가 다 있어야 배웁니다 (--label 열이 맞습니까?)\n` });
    expect(readdirSync(dir)).not.toContain('one-outcome.json');
  });
});
