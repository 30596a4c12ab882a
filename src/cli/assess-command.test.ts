import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessCommand, type CommandIo } from './assess-command.ts';
import { compileReference, type Reference } from '../domain/reference/compile-reference.ts';
import { fixtureFiles, fixtureReference, sampleDeclaration } from '../../test/fixtures/fixture-reference.ts';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';

/** English messages unless `extra` says otherwise, as under LANG=en_US (main.ts gives io.lang from the environment). */
function run(args: string[], stdin: string | Uint8Array = '', reference: Reference = fixtureReference, extra: Partial<CommandIo> = {}) {
  let out = '';
  let err = '';
  const io: CommandIo = { lang: 'en', readStdin: async () => stdin, stdout: (t) => void (out += t), stderr: (t) => void (err += t), ...extra };
  return assessCommand(args, async () => reference, io).then((code) => ({ code, out, err }));
}

const dir = mkdtempSync(join(tmpdir(), 'tg-cli-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** n declarations of n different consignees (none combined with another). */
function distinctDeclarations(n: number) {
  return Array.from({ length: n }, (_, i) =>
    sampleDeclaration({
      ref: `r${i}`,
      shipment: { mode: 'express', shipFrom: 'US', hblNo: `HBL${i}`, grossWeightKg: 0.5 },
      consignee: { name: '김민지', pccc: `P${String(i).padStart(12, '0')}`, phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123' },
    }),
  );
}

describe('tonggwan assess', () => {
  it('prints one assessment per declaration, in order; exits 0 when some are rejected (the engine’s contract), naming them on stderr', async () => {
    const input = JSON.stringify({ declarations: [sampleDeclaration({ ref: 'a' }), { ref: 'b' }, sampleDeclaration({ ref: 'c' })] });
    const r = await run(['-'], input);
    expect(r.code).toBe(0);
    const { assessments } = JSON.parse(r.out);
    expect(assessments.map((a: { ref: string; status: string }) => `${a.ref}:${a.status}`)).toEqual(['a:assessed', 'b:rejected', 'c:assessed']);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toBe('tonggwan assess: 3 declarations: 2 assessed (list 2, general 0, hold 0), 1 rejected');
    // one field error a line (they were joined with "; " on one line)
    expect(lines.slice(1)).toEqual([
      '  declarations[1] ref "b": declaredAt: required — This field is required.',
      '    shipment: required — This field is required.',
      '    consignee: required — This field is required.',
      '    order: required — This field is required.',
      '    items: required — This field is required.',
    ]);
  });

  it('lists the first 10 field errors of a rejected declaration, one a line, and counts the rest', async () => {
    // 12 items without description or classification: 24 errors, items[0].description … items[11].hsCode
    const items = Array.from({ length: 12 }, () => ({ description: '', quantity: 1, price: 1, originCountry: 'VN' }));
    const r = await run(['-'], JSON.stringify({ declarations: [sampleDeclaration({ ref: 'many', items })] }));
    const [a] = JSON.parse(r.out).assessments;
    expect(a.errors).toHaveLength(24);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1 + 10 + 1);
    expect(lines[1]).toBe(`  declarations[0] ref "many": ${a.errors[0].path}: ${a.errors[0].code} — ${a.errors[0].en}`);
    expect(lines[10]).toBe(`    ${a.errors[9].path}: ${a.errors[9].code} — ${a.errors[9].en}`);
    expect(lines[11]).toBe('    … and 14 more errors (see "errors" in the output)');
    const ko = await run(['-'], JSON.stringify({ declarations: [sampleDeclaration({ ref: 'many', items })] }), fixtureReference, { lang: undefined });
    expect(ko.err.trim().split('\n')[11]).toBe('    … 그 밖에 오류 14건 (출력의 "errors" 참고)');
  });

  it('gives each reason its legal reference in English too (refEn), as the API does', async () => {
    const r = await run(['-'], JSON.stringify({ declarations: distinctDeclarations(1) }));
    const [a] = JSON.parse(r.out).assessments;
    expect(a.reasons.find((x: { code: string }) => x.code === 'DE_MINIMIS_EXEMPT')).toMatchObject({
      ref: '관세법 제94조 제4호; 관세법 시행규칙 제45조②; 수입통관 사무처리에 관한 고시 제67조',
      refEn: 'Customs Act Art. 94 item 4; Enforcement Rule of the Customs Act Art. 45(2); KCS Notice on Import Clearance Art. 67',
    });
    for (const x of a.reasons) expect(Object.keys(x), x.code).toEqual(['code', 'ko', 'en', 'ref', 'refEn']);
  });

  it('exits 0 when every declaration is assessed, with the count by route on stderr only', async () => {
    const r = await run(['-'], JSON.stringify({ declarations: distinctDeclarations(2) }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).assessments).toHaveLength(2);
    expect(r.err).toBe('tonggwan assess: 2 declarations: 2 assessed (list 2, general 0, hold 0), 0 rejected\n');
  });

  it('refuses a ref seen earlier in the file, as the platform does, instead of combining the declaration with its own copy', async () => {
    // USD 120 from the US by express: within the USD 200 limit alone, over it when counted twice.
    const d = sampleDeclaration({ ref: 'a', items: [{ description: '티셔츠 Nike Dri-FIT', hsCode: '6109101000', quantity: 1, price: 120, originCountry: 'VN' }] });
    const r = await run(['-'], JSON.stringify({ declarations: [d, d] }));
    expect(r.code).toBe(0);
    const [first, second] = JSON.parse(r.out).assessments;
    expect([first.status, first.route, first.deMinimis.exempt, first.combinedWith]).toEqual(['assessed', 'list', true, []]);
    expect([second.ref, second.status, second.errors]).toEqual(['a', 'rejected', [{ path: 'ref', code: 'ref_duplicate_in_batch', ko: '같은 묶음에 같은 참조번호가 두 번 있습니다.', en: 'The same ref appears twice in this batch.' }]]);
    expect(r.err).toContain('declarations[1] ref "a": ref: ref_duplicate_in_batch — The same ref appears twice in this batch.');
  });

  it('names a wrong type in Korean words ("숫자 필요", not "number 필요")', async () => {
    const declaration = sampleDeclaration({ items: [{ description: '티셔츠 Nike Dri-FIT', hsCode: '6109101000', quantity: 1, price: '45', originCountry: 'VN' }], parties: [] });
    const r = await run(['-'], JSON.stringify({ declarations: [declaration] }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).assessments[0].errors.map((e: { path: string; ko: string; en: string }) => `${e.path} ${e.ko} ${e.en}`)).toEqual([
      'parties 값의 형식이 올바르지 않습니다 (객체 {…} 필요). Wrong type: object expected.',
      'items[0].price 값의 형식이 올바르지 않습니다 (숫자 필요). Wrong type: number expected.',
    ]);
  });

  it('says in the summary how many were assessed at an approximate exchange rate', async () => {
    const files = structuredClone(fixtureFiles);
    for (const w of files.exchangeRates.weeks) w.placeholder = true;
    const r = await run(['-'], JSON.stringify({ declarations: distinctDeclarations(2) }), compileReference(files));
    expect(r.code).toBe(0);
    expect(r.err.split('\n')[1]).toBe('  2 of them at an approximate exchange rate (reason FX_PLACEHOLDER): the published customs rate may change their amounts');
  });

  it('lists the first 20 rejected declarations and counts the rest', async () => {
    const declarations = Array.from({ length: 23 }, (_, i) => sampleDeclaration({ ref: `x${i}`, declaredAt: 'soon' }));
    const r = await run(['-'], JSON.stringify({ declarations }));
    expect(r.code).toBe(0);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[20]).toMatch(/^ {2}declarations\[19\] ref "x19": declaredAt: /);
    expect(lines[21]).toBe('  … and 3 more rejected (see "errors" in the output)');
  });

  it('reads a CSV of one row per item (a .csv file, or --csv on standard input) as the same declarations', async () => {
    const items = [
      { description: '티셔츠 Nike Dri-FIT', hsCode: '6109101000', quantity: 1, price: 100, originCountry: 'VN' },
      { description: '티셔츠 Nike Miler', hsCode: '6109101000', quantity: 2, price: 30.5, originCountry: 'VN' },
    ];
    const json = await run(['-'], JSON.stringify({ declarations: [sampleDeclaration({ items })] }));
    const csv = [
      'ref,declaredAt,ecommerceType,purpose,shipment.mode,shipment.shipFrom,shipment.hblNo,shipment.grossWeightKg,parties.platform.name,parties.platform.country,parties.seller.name,parties.seller.country,parties.courier.name,consignee.name,consignee.pccc,consignee.phone,consignee.postcode,consignee.address,order.orderNo,order.purchasedAt,order.currency,items.description,items.hsCode,items.quantity,items.price,items.originCountry',
      'd1,2026-03-04,direct,personal,express,US,HBL0001,0.5,Amazon,US,Nike Store,US,CJ대한통운,김민지,P123456789012,010-1234-5678,06236,서울특별시 강남구 테헤란로 123,A-1,2026-03-01,USD,티셔츠 Nike Dri-FIT,6109101000,1,100,VN',
      'd1,,,,,,,,,,,,,,,,,,,,,티셔츠 Nike Miler,6109101000,2,30.50,VN',
    ].join('\r\n');
    const fromFile = await run([file('declarations.csv', csv)]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.out)).toEqual(JSON.parse(json.out));
    expect(JSON.parse(fromFile.out).assessments[0]).toMatchObject({ status: 'assessed', goodsValueUsd: 161 }); // 100 + 2 × 30.50
    expect(JSON.parse(fromFile.out).assessments[0].lines).toHaveLength(2);
    const fromStdin = await run(['--csv', '-'], csv);
    expect(fromStdin.out).toBe(fromFile.out);
    // a rejected declaration is named with the lines it came from
    const bad = await run(['--csv', '-'], `${csv}\r\nd2,2026-03-04,direct,personal,express,US,HBL0002,0.5,,,,,,김민지,P123456789012,010-1234-5678,06236,서울,A-2,2026-03-01,USD,티셔츠 Nike,6109101000,two,10,VN`);
    expect(bad.err.split('\n')[1]).toBe('  declarations[1] ref "d2" (line 4): items[0].quantity: wrong_type — Wrong type: number expected.');
  });

  it('exits 2 naming the line and column of a CSV it cannot read as declarations', async () => {
    const r = await run([file('bad.csv', 'ref,items.prise\nx,1\n')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^tonggwan assess: cannot read .*bad\.csv as declarations: line 1, column items\.prise: Unknown column: items\.prise\. Did you mean 'items\.price'\?/);
    const conflict = await run(['--csv', '-', '--lang', 'ko'], 'ref,consignee.pccc,items.description\nx,P123456789012,a\nx,P999999999999,b\n');
    expect(conflict.code).toBe(2);
    expect(conflict.err).toContain('표준 입력을 신고로 읽을 수 없습니다: 3행 consignee.pccc 열: ref x의 consignee.pccc이(가) 2행("P123456789012")과 다릅니다');
    const notCsv = await run(['--csv', '-'], 'ref,items.price\n"x,1\n');
    expect(notCsv.code).toBe(2);
    expect(notCsv.err).toMatch(/^tonggwan assess: cannot read standard input as declarations: standard input is not valid CSV: /); // csv-parse's words follow
  });

  it('--help prints the usage with the exit codes and exits 0; no argument prints it and exits 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: tonggwan assess FILE/);
    expect(help.out).toContain('Exit 0: the input was read and every declaration\'s assessment printed (a rejected declaration is a\n  result too');
    expect(help.out).not.toMatch(/\b1: /);
    expect((await run(['-h'])).out).toBe(help.out);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^usage: tonggwan assess FILE/);
  });

  it('refuses a second file (it was ignored) and unknown options (read as file names, or ignored after the file)', async () => {
    const a = file('a.json', JSON.stringify({ declarations: [sampleDeclaration()] }));
    const two = await run([a, a]);
    expect(two.code).toBe(2);
    expect(two.out).toBe('');
    expect(two.err).toContain('one file at a time (got 2');
    for (const args of [['--frob', a], [a, '--frob']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe("tonggwan assess: Unknown option '--frob' (tonggwan assess --help lists the options)\n");
    }
  });

  it('reads a file, also with the byte order mark that Windows tools write', async () => {
    const json = JSON.stringify({ declarations: [sampleDeclaration()] });
    const plain = await run([file('in.json', json)]);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out).assessments[0].route).toBe('list');
    const bom = await run([file('bom.json', `\uFEFF${json}`)]);
    expect(bom.code).toBe(0);
    expect(bom.out).toBe(plain.out);
    expect((await run(['-'], Buffer.from(`\uFEFF${json}`))).out).toBe(plain.out);
  });

  it('refuses text that is not UTF-8 (EUC-KR), naming the line, instead of assessing garbled names', async () => {
    // "김민지" in EUC-KR (KS X 1001): B1E8 B9CE C1F6
    const euckr = Buffer.concat([Buffer.from('{"declarations": [\n{"consignee": {"name": "'), Buffer.from([0xb1, 0xe8, 0xb9, 0xce, 0xc1, 0xf6]), Buffer.from('"}}]}')]);
    for (const r of [await run([file('euckr.json', euckr)]), await run(['-'], euckr)]) {
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/: not UTF-8 text \(line 2; a file saved as EUC-KR\/CP949\?\): save it as UTF-8\n$/);
    }
  });

  it('exits 2 with a one-line message on unreadable JSON, naming the line', async () => {
    const r = await run(['-'], '{"declarations": [\n{"ref": "a"},\n{ref: "b"}]}');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('standard input is not valid JSON');
    expect(r.err).toContain('line 3 column 2');
  });

  it("wraps JSON.parse's own words in a sentence, Korean or English, naming the file and where it stopped", async () => {
    // Line 1 `{"declarations": [` is positions 0–18 with its newline, line 2 `{"ref": "a"},` 19–32: the `r` of line 3 is position 34, column 2.
    const path = file('bad.json', '{"declarations": [\n{"ref": "a"},\n{ref: "b"}]}');
    const detail = /\(JSON\.parse: [^\n]*position 34[^\n]*\)\n$/;
    const en = await run([path]);
    expect(en.code).toBe(2);
    expect(en.err.startsWith(`tonggwan assess: ${path} is not valid JSON: reading stopped at line 3, column 2 (position 34) (JSON.parse: `)).toBe(true);
    expect(en.err).toMatch(detail);
    const ko = await run([path], '', fixtureReference, { lang: 'ko' });
    expect(ko.err.startsWith(`tonggwan assess: ${path}이(가) 올바른 JSON이 아닙니다: 3행 2열(위치 34)에서 읽기를 멈췄습니다 (JSON.parse: `)).toBe(true);
    expect(ko.err).toMatch(detail);
    // Cut short: the sentence says the text ends, on its last line (V8 names the end's position, or none).
    const cut = await run(['-'], '{"declarations": [\n{"ref": "a"}', fixtureReference, { lang: 'ko' });
    // the particle after "표준 입력" is 이 (it said "표준 입력이(가)"); after a file name both forms stay
    expect(cut.err.startsWith('tonggwan assess: 표준 입력이 올바른 JSON이 아닙니다: JSON 값이 끝나기 전에 텍스트가 끝납니다 (2행) (JSON.parse: ')).toBe(true);
    expect((await run(['-'], ' \n', fixtureReference, { lang: 'ko' })).err).toBe('tonggwan assess: 표준 입력이 비어 있습니다: JSON 객체 {"declarations":[…]}가 필요합니다\n');
    expect((await run(['/nonexistent/a.json'], '', fixtureReference, { lang: 'ko' })).err).toMatch(/^tonggwan assess: \/nonexistent\/a\.json을\(를\) 읽을 수 없습니다/);
    const cutEn = await run(['-'], '{"declarations":\n[{"ref":\n');
    expect(cutEn.err).toBe('tonggwan assess: standard input is not valid JSON: the text ends (line 2) before the JSON value does (JSON.parse: Unexpected end of JSON input)\n');
    // An unexpected token: V8 names no position, only the token and the text around it (kept).
    const token = await run(['-'], '{"declarations": tru}');
    expect(token.err).toMatch(/^tonggwan assess: standard input is not valid JSON: it holds a character JSON does not allow \(JSON\.parse: Unexpected token '}', .*\)\n$/);
  });

  it('says that JSON Lines is not read', async () => {
    const lines = `${JSON.stringify(sampleDeclaration({ ref: 'a' }))}\n${JSON.stringify(sampleDeclaration({ ref: 'b' }))}\n`;
    const r = await run([file('in.jsonl', lines)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('JSON Lines is not read; put the declarations in one {"declarations":[…]}');
  });

  it('names what it found when the JSON is not {"declarations":[…]}', async () => {
    const cases: [string, string][] = [
      ['[1,2]', 'found an array (wrap it: {"declarations": […]})'],
      ['{"declaration": []}', 'found an object without "declarations" (its keys: declaration)'],
      // the README's example declaration saved as the file itself
      [JSON.stringify(sampleDeclaration({ ref: 'one' })), 'found one declaration on its own (wrap it: {"declarations": [ the declaration ]})'],
      ['{"declarations": {}}', 'found "declarations" as an object, not an array'],
      ['"x"', 'found a string'],
      ['null', 'found null'],
    ];
    for (const [input, found] of cases) {
      const r = await run(['-'], input);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`tonggwan assess: expected a JSON object {"declarations":[…]} in standard input, ${found}\n`);
    }
  });

  it('says in words why a file cannot be read: missing, a directory, empty', async () => {
    const missing = await run(['/nonexistent/file.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('tonggwan assess: cannot read /nonexistent/file.json: no such file (ENOENT)\n');
    const directory = await run([dir]);
    expect(directory.code).toBe(2);
    expect(directory.err).toBe(`tonggwan assess: cannot read ${dir}: it is a directory, not a file (EISDIR)\n`);
    const empty = await run([file('empty.json', ' \n')]);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('empty.json is empty: expected a JSON object {"declarations":[…]}');
  });

  it('writes assessments while it decides them, each piece once the reader has taken the one before', async () => {
    // Counts the engine's reference lookups: when the first piece is written, some declarations are still to be decided.
    let lookups = 0;
    const counting = new Proxy(fixtureReference, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? (...args: unknown[]) => (lookups++, value.apply(target, args)) : value;
      },
    });
    const lookupsAtWrite: number[] = [];
    let out = '';
    let pending = false;
    let drains = 0;
    const r = await run(['-'], JSON.stringify({ declarations: distinctDeclarations(1200) }), counting, {
      stdout(t) {
        if (pending) throw new Error('written before the reader took the previous piece');
        lookupsAtWrite.push(lookups);
        out += t;
      },
      drained() {
        drains++;
        pending = true;
        return new Promise((resolve) => setImmediate(() => ((pending = false), resolve())));
      },
    });
    expect(r.code).toBe(0);
    expect(lookupsAtWrite).toHaveLength(3); // assessments 1–500, 501–1000, 1001–1200 and the end
    expect(lookupsAtWrite[0]).toBeLessThan(lookups);
    expect(drains).toBe(2);
    expect(JSON.parse(out).assessments).toHaveLength(1200);
  });

  describe('speaks Korean by default, English with --lang en', () => {
    const korean = { lang: undefined };
    const input = () => JSON.stringify({ declarations: [sampleDeclaration({ ref: 'a' }), { ref: 'b' }] });

    it('Korean without --lang or an English environment: the summary, the field errors (the engine\'s ko text), errors and help', async () => {
      const r = await run(['-'], input(), fixtureReference, korean);
      expect(r.code).toBe(0);
      const lines = r.err.trim().split('\n');
      expect(lines[0]).toBe('tonggwan assess: 신고 2건: 1건 판정 (목록통관 1, 일반수입신고 0, 보류 0), 1건 거부');
      const declaredAt = JSON.parse(r.out).assessments[1].errors.find((e: { path: string }) => e.path === 'declaredAt');
      expect(declaredAt.ko).toBe('필수 항목이 없습니다.');
      expect(lines[1]).toMatch(/^ {2}declarations\[1\] ref "b": declaredAt: required — 필수 항목이 없습니다\./);
      const missing = await run(['/nonexistent/file.json'], '', fixtureReference, korean);
      expect(missing).toMatchObject({ code: 2, out: '', err: 'tonggwan assess: /nonexistent/file.json을(를) 읽을 수 없습니다: 파일이 없습니다 (ENOENT)\n' });
      const help = await run(['--help'], '', fixtureReference, korean);
      expect(help.out).toMatch(/^사용법: tonggwan assess FILE/);
      expect(help.out).toContain('종료 코드 0: 입력을 읽어 신고마다 판정을 출력함 (거부된 신고도 결과입니다');
      expect(help.out).toContain('--lang ko|en');
      const unknown = await run(['--frob', '-'], '', fixtureReference, korean);
      expect(unknown.err).toBe("tonggwan assess: 알 수 없는 옵션 '--frob' (옵션은 tonggwan assess --help 참고)\n");
    });

    it('English with --lang en (before or after the file, or --lang=en) over a Korean default; --lang ko over an English one; stdout unchanged', async () => {
      const ko = await run(['-'], input(), fixtureReference, korean);
      for (const args of [['--lang', 'en', '-'], ['-', '--lang', 'en'], ['--lang=en', '-']]) {
        const r = await run(args, input(), fixtureReference, { lang: 'ko' });
        expect(r.code).toBe(0);
        expect(r.err.split('\n')[0]).toBe('tonggwan assess: 2 declarations: 1 assessed (list 1, general 0, hold 0), 1 rejected');
        expect(r.err).toContain('declarations[1] ref "b": declaredAt: required — This field is required.');
        expect(r.out).toBe(ko.out);
      }
      const back = await run(['--lang', 'ko', '-'], input());
      expect(back.err).toBe(ko.err);
      expect((await run(['--lang', 'en', '--help'], '', fixtureReference, korean)).out).toMatch(/^usage: tonggwan assess FILE/);
    });

    it('refuses a --lang other than ko or en, naming both, in the default language', async () => {
      for (const [args, lang, message] of [
        [['--lang', 'fr', '-'], 'ko', '--lang은 ko 또는 en이어야 합니다 ("fr" 아님)'],
        [['--lang=EN', '-'], 'en', '--lang must be ko or en, not "EN"'],
        [['-', '--lang'], 'en', '--lang needs a value: ko or en'],
      ] as const) {
        const r = await run([...args], JSON.stringify({ declarations: [] }), fixtureReference, { lang });
        expect(r).toEqual({ code: 2, out: '', err: `tonggwan assess: ${message}\n` });
      }
    });
  });

  describe('refuses what the platform\'s intake refuses, with its error codes and texts', () => {
    it('a NUL character or an unpaired surrogate in a string, naming the field; the other declarations are assessed', async () => {
      const ok = sampleDeclaration({ ref: 'ok' });
      const item = { description: '티셔츠\u0000', hsCode: '6109101000', quantity: 1, price: 100, originCountry: 'VN' };
      const nul = sampleDeclaration({ ref: 'nul', items: [item] });
      const lone = sampleDeclaration({ ref: 'lone', consignee: { name: '김민지', pccc: 'P123456789013', phone: '010-1234-5678', postcode: '06236', address: '서울 \ud800' } });
      const r = await run(['-'], JSON.stringify({ declarations: [nul, ok, lone] }));
      expect(r.code).toBe(0);
      const [a, b, c] = JSON.parse(r.out).assessments;
      expect([a.ref, a.status, a.errors]).toEqual([
        'nul',
        'rejected',
        [{ path: 'items[0].description', code: 'nul_character', ko: '문자열에 NUL 문자(\\u0000)를 쓸 수 없습니다.', en: 'Strings may not contain the NUL character (\\u0000).' }],
      ]);
      expect([b.ref, b.status]).toEqual(['ok', 'assessed']);
      expect([c.ref, c.status, c.errors]).toEqual([
        'lone',
        'rejected',
        [{ path: 'consignee.address', code: 'unpaired_surrogate', ko: '문자열에 짝이 없는 서로게이트(\\ud800 등)를 쓸 수 없습니다.', en: 'Strings may not contain an unpaired surrogate (such as \\ud800).' }],
      ]);
      expect(r.err).toContain('declarations[0] ref "nul": items[0].description: nul_character — Strings may not contain the NUL character (\\u0000).');
      const ko = await run(['-'], JSON.stringify({ declarations: [nul] }), fixtureReference, { lang: undefined });
      expect(ko.err).toContain('declarations[0] ref "nul": items[0].description: nul_character — 문자열에 NUL 문자(\\u0000)를 쓸 수 없습니다.');
    });

    it('a declaration nested deeper than 64 levels; a backslash followed by "u0000" is text like any other', async () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 70; i++) deep = [deep];
      const literal = sampleDeclaration({ ref: 'literal', items: [{ description: '티셔츠 C:\\u0000 model', hsCode: '6109101000', quantity: 1, price: 100, originCountry: 'VN' }] });
      const r = await run(['-'], JSON.stringify({ declarations: [sampleDeclaration({ ref: 'deep', extra: deep }), literal] }));
      const [a, b] = JSON.parse(r.out).assessments;
      expect([a.ref, a.errors.map((e: { path: string; code: string }) => `${e.path}|${e.code}`)]).toEqual(['deep', ['|too_deeply_nested']]);
      expect([b.ref, b.status]).toEqual(['literal', 'assessed']);
    });
  });

  it("assesses the README's example file as it stands (copied into declarations.json), with the shipped data", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /A `declarations\.json` of one declaration[^\n]*\n\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example, 'the example in README.md, "The clearance engine"').toBeDefined();
    const shipped = compileReference(await loadReferenceFiles(new URL('../../data/', import.meta.url).pathname));
    const r = await run([file('declarations.json', example!)], '', shipped);
    expect(r.err).toBe('tonggwan assess: 1 declaration: 1 assessed (list 1, general 0, hold 0), 0 rejected\n');
    expect(r.code).toBe(0);
  });
});
