// The administrator's side of the platform over HTTP: reference data loaded from CSV (errors by line
// and column in Korean and English, refused when it would change decisions on record, audited with
// the file's hash, versions readable by date), operators' API keys managed by an administrator, and
// the audit log read back.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let officer: { token: string };
let admin: { token: string };

const csv = (token: string, path: string, raw: string) => api(t.base, 'POST', path, { token, raw, headers: { 'content-type': 'text/csv' } });
const FX = '/api/v1/admin/reference/exchange-rates';
const TARIFF = '/api/v1/admin/reference/tariff';
const tshirt = { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', hsCode: '6109101000', quantity: 1, price: 40, originCountry: 'VN' }] };

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  officer = await t.officer('officer1');
  admin = await t.officer('admin1', 'admin');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  // One declaration on record, declared 2026-11-18 (the week of Sunday 2026-11-15).
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('DECIDED-1', tshirt)] } });
  expect(r.body.results[0].status).toBe('accepted');
});
afterAll(async () => t?.close());

describe('a malformed exchange-rate file', () => {
  it('is refused whole, each fault named by line and column in Korean and English', async () => {
    const file = [
      'weekStart,currency,rate',
      '2026-11-22,USD,14x0', // line 2: not a number
      '2026-11-22,XYZ,100', // line 3: no such currency
      '2026-11-23,EUR,1500', // line 4: a Monday
      '2026-11-22,EUR,1,500', // line 5: a thousands separator, a fourth field
    ].join('\n');
    const r = await csv(admin.token, FX, file);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('CSV_INVALID');
    // line 5 has four fields for three columns, in Korean too (before: csv-parse's English 'Invalid Record Length:
    // columns length is 3, got 4 on line 5' in both languages); the other lines are read all the same, so one
    // refusal names every fault (before: line 5's alone, and lines 2 to 4 took three more uploads)
    expect(r.body.error.details.errors.map((e: { line: number; column?: string }) => [e.line, e.column])).toEqual([
      [2, 'rate'],
      [3, 'currency'],
      [4, 'weekStart'],
      [5, undefined],
    ]);
    expect(r.body.error.details.errors[3]).toMatchObject({
      line: 5,
      ko: '이 행은 4칸인데 머리글은 3칸입니다. 숫자에 쉼표(1,385)를 넣지 말고, 쉼표가 든 품명은 큰따옴표로 감싸세요.',
      en: 'This line has 4 fields and the header 3. Write numbers without commas (1385, not 1,385) and put names with a comma in double quotes.',
    });
    expect(r.body.error.ko).toMatch(/^CSV 파일을 반영하지 않았습니다\. 2행 rate 열: .* \(그 밖에 3건\)$/);
    // Each fault on the line an editor shows it on: blank lines and a name quoted over two lines count
    // (before: the rows were counted, and XYZ on line 5 was said to be on line 3)
    const blank = await csv(admin.token, FX, 'weekStart,currency,rate\n2026-11-22,USD,1400\n\n\n2026-11-22,XYZ,100\n2026-11-22,EUR\n');
    expect(blank.body.error.details.errors.map((e: { line: number; column?: string }) => [e.line, e.column])).toEqual([
      [5, 'currency'],
      [6, undefined],
    ]);
    const quoted = await csv(admin.token, TARIFF, 'effectiveFrom,hs,basic,ko,en\n2027-01-03,6109101000,0.13,"면 티셔츠\n남성용",Cotton T-shirts\n2027-01-03,61091,0.13,x,y\n');
    expect(quoted.body.error.details.errors.map((e: { line: number; column?: string }) => [e.line, e.column])).toEqual([[4, 'hs']]);
    const quote = await csv(admin.token, TARIFF, 'effectiveFrom,hs,basic,ko,en\n2027-01-03,6109,0.13,"티셔츠,Cotton T-shirts\n');
    expect(quote.body.error.details.errors).toEqual([expect.objectContaining({ line: 2, ko: '이 행에서 연 큰따옴표가 닫히지 않았습니다.' })]);
    const rows = await csv(admin.token, FX, file.split('\n').slice(0, 4).join('\n'));
    expect(rows.body.error.details.errorCount).toBe(3);
    expect(rows.body.error.details.errors).toEqual([
      { line: 2, column: 'rate', ko: "양의 숫자여야 합니다(쉼표·단위 없이, 예: 1385.2): '14x0'.", en: "Must be a positive number (no commas or units, e.g. 1385.2): '14x0'.", message: "Must be a positive number (no commas or units, e.g. 1385.2): '14x0'." },
      { line: 3, column: 'currency', ko: "알 수 없는 통화 코드입니다(ISO 4217): 'XYZ'.", en: "Unknown currency code (ISO 4217): 'XYZ'.", message: "Unknown currency code (ISO 4217): 'XYZ'." },
      { line: 4, column: 'weekStart', ko: "주의 첫날인 일요일 날짜(YYYY-MM-DD)여야 합니다: '2026-11-23'.", en: "Must be the Sunday that starts the week (YYYY-MM-DD): '2026-11-23'.", message: "Must be the Sunday that starts the week (YYYY-MM-DD): '2026-11-23'." },
    ]);
    expect(rows.body.error.en).toBe("The CSV file was not loaded. At line 2, column rate: Must be a positive number (no commas or units, e.g. 1385.2): '14x0'. (and 2 more)");
    // Number('0x10') is 16 and Number('') 0: neither is a rate
    const hex = await csv(admin.token, FX, 'weekStart,currency,rate\n2026-11-22,USD,0x10\n2026-11-22,EUR,\n');
    expect(hex.body.error.details.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [2, 'rate'],
      [3, 'rate'],
    ]);
  });

  it('a wrong header names the missing and the unknown columns', async () => {
    const r = await csv(admin.token, FX, 'week,currency,rate\n2026-11-22,USD,1400\n');
    expect(r.body.error.details.errors).toEqual([
      { line: 1, ko: '첫 줄(머리글)에 weekStart 열이 없습니다. 머리글은 weekStart,currency,rate 입니다.', en: 'The first line (header) lacks the column weekStart; the header is weekStart,currency,rate.', message: 'The first line (header) lacks the column weekStart; the header is weekStart,currency,rate.' },
      { line: 1, column: 'week', ko: '머리글에 알 수 없는 열이 있습니다: week. 머리글은 weekStart,currency,rate 입니다.', en: 'The header has unknown columns: week; the header is weekStart,currency,rate.', message: 'The header has unknown columns: week; the header is weekStart,currency,rate.' },
    ]);
    const empty = await csv(admin.token, FX, 'weekStart,currency,rate\n');
    expect(empty.body.error.details.errors[0]).toMatchObject({ line: 2, en: 'No data rows after the header.' });
  });

  it('the same week and currency twice, a rate 100 times the week before (per 100 yen, not per yen), and a file past the row limit are refused', async () => {
    const twice = await csv(admin.token, FX, 'weekStart,currency,rate\n2026-11-22,USD,1400\n2026-11-22,usd,1401\n');
    expect(twice.body.error.details.errors).toEqual([expect.objectContaining({ line: 3, column: 'currency', en: "2026-11-22's USD rate is also on line 2; give it once." })]);
    // data/exchange-rates.json: JPY 8.7 KRW per 1 yen in the week of 2026-11-15; 870 / 8.7 = 100 > 1.5
    const jpy = await csv(admin.token, FX, 'weekStart,currency,rate\n2026-11-22,JPY,870\n');
    expect(jpy.body.error.details.errors).toEqual([
      expect.objectContaining({ line: 2, column: 'rate', en: "Too far from the week before's (2026-11-15) 8.7: 870. Rates are KRW per 1 JPY; check the unit and the digits." }),
    ]);
    const rows = Array.from({ length: 20_001 }, (_, i) => `2026-11-22,USD,${1400 + (i % 10)}`);
    const huge = await csv(admin.token, FX, `weekStart,currency,rate\n${rows.join('\n')}\n`);
    expect(huge.status).toBe(400);
    expect(huge.body.error.details.errors).toEqual([expect.objectContaining({ line: 20_002, en: 'Too many rows (20,001): a file may hold up to 20,000; split it.' })]);
    expect((await api(t.base, 'GET', '/api/v1/admin/reference/uploads', { token: admin.token })).body.uploads).toEqual([]);
  });
});

describe('a good load, then assessments, versions and the audit log', () => {
  let fxUpload: any;
  let tariffUpload: any;
  const fxFile = 'weekStart,currency,rate\n2026-11-22,USD,1400\n2026-11-22,EUR,1600\n';
  const tariffFile = 'effectiveFrom,hs,basic,ko,en\n2026-11-22,6109101000,0.5,면 티셔츠,Cotton T-shirts\n';

  it('a tariff date on or before a declaration on record is refused; a later one is loaded', async () => {
    const past = await csv(admin.token, TARIFF, 'effectiveFrom,hs,basic,ko,en\n2026-11-01,6109101000,0.5,면 티셔츠,Cotton T-shirts\n2026-11-01,6110,0.13,스웨터,Sweaters\n');
    expect(past.body.error.details.errors).toEqual([
      expect.objectContaining({ line: 2, column: 'effectiveFrom', en: '1 declaration was declared on or after 2026-11-01 and decided already; the effective date must come after the last declaration on record.' }),
    ]);
    const noName = await csv(admin.token, TARIFF, 'effectiveFrom,hs,basic,ko,en\n2026-11-22,6109101000,0.5,,Cotton T-shirts\n2026-11-22,6109.10,8%,티,T\n');
    expect(noName.body.error.details.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [2, 'ko'],
      [3, 'basic'],
    ]);
    tariffUpload = await csv(admin.token, TARIFF, tariffFile);
    expect(tariffUpload.status).toBe(201);
    fxUpload = await csv(admin.token, FX, fxFile);
    expect(fxUpload.status).toBe(201);
    expect(fxUpload.body).toMatchObject({ rows: 2, sha256: createHash('sha256').update(fxFile).digest('hex'), dates: ['2026-11-22'] });
    expect(tariffUpload.body).toMatchObject({ rows: 1, sha256: createHash('sha256').update(tariffFile).digest('hex'), dates: ['2026-11-22'], version: `tariff-upload-2026-11-22-u${tariffUpload.body.uploadId}` });
    expect(fxUpload.body.version).toMatch(new RegExp(`\\+upload${fxUpload.body.uploadId}$`));
    // the same file again (a double click): refused, naming the load it repeats (before: a second load, another version of the same figures)
    const again = await csv(admin.token, FX, fxFile);
    expect([again.status, again.body.error.code, again.body.error.details.uploadId, again.body.error.details.uploadedBy]).toEqual([409, 'REFERENCE_ALREADY_LOADED', fxUpload.body.uploadId, 'admin1']);
    expect(again.body.error.ko).toMatch(new RegExp(`^같은 파일을 이미 올렸습니다\\(#${fxUpload.body.uploadId}, admin1, `));
    // when, in Korean time as the page shows every time (before: the stored UTC instant, '2026-12-07T16:37:13.866Z',
    // the date a day behind in Korea between 00:00 and 09:00 KST, and a form an administrator does not read)
    const kst = new Date(Date.parse(again.body.error.details.uploadedAt) + 9 * 3_600_000).toISOString();
    const at = `${kst.slice(0, 10)} ${kst.slice(11, 16)}`;
    expect([again.body.error.ko, again.body.error.en]).toEqual([
      `같은 파일을 이미 올렸습니다(#${fxUpload.body.uploadId}, admin1, ${at}). 다시 반영하지 않았습니다.`,
      `This file was loaded already (#${fxUpload.body.uploadId}, by admin1, ${at} KST); it was not loaded again.`,
    ]);
  });

  it('a declaration of that week uses the loaded rate and duty and records their versions', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('AFTER-1', { ...tshirt, declaredAt: '2026-11-24' })] } });
    const a = r.body.results[0].assessment;
    // USD 40 at 1,400 KRW = 56,000 KRW of goods
    expect([a.valuation.exchangeRate, a.lines[0].dutyRate]).toEqual([1400, 0.5]);
    expect(a.dataVersions).toMatchObject({ exchangeRates: fxUpload.body.version, tariff: tariffUpload.body.version, exchangeRateWeek: '2026-11-22' });
  });

  it('the versions route says which version is in force on a date', async () => {
    const on = (date: string) => api(t.base, 'GET', `/api/v1/admin/reference/versions?date=${date}`, { token: admin.token });
    const before = (await on('2026-11-18')).body;
    const after = (await on('2026-11-24')).body;
    const tariffOf = (b: any) => b.datasets.find((d: any) => d.dataset === 'tariff');
    expect(tariffOf(after).inForce).toBe(tariffUpload.body.version);
    expect(tariffOf(before).inForce).not.toBe(tariffUpload.body.version);
    expect(tariffOf(after).versions.filter((v: any) => v.inForce)).toEqual([expect.objectContaining({ version: tariffUpload.body.version, effectiveFrom: '2026-11-22' })]);
    expect(after.exchangeRates.weekStart).toBe('2026-11-22');
    expect(after.exchangeRates.week.rates).toMatchObject({ USD: 1400, EUR: 1600 });
    // The file gave USD and EUR for 2026-11-22, a placeholder week of 6 currencies (data/exchange-rates.json): the week
    // is no longer a placeholder, but CNY, GBP, HKD and JPY still are, and a declaration in GBP says so (FX_PLACEHOLDER).
    // Before, the route gave only the week's placeholder: false, and the page in force showed GBP 1,816.23 as loaded.
    expect([after.exchangeRates.week.placeholder, after.exchangeRates.week.placeholderCurrencies]).toEqual([false, ['CNY', 'GBP', 'HKD', 'JPY']]);
    expect((await on('2026-11-18')).body.exchangeRates.week).toMatchObject({ placeholder: true, placeholderCurrencies: ['CNY', 'EUR', 'GBP', 'HKD', 'JPY', 'USD'] });
    expect(after.dataVersions).toMatchObject({ tariff: tariffUpload.body.version, exchangeRateWeek: '2026-11-22' });
    // The postal simplified rates (data/simplified-rates.json) are listed as the others are (before: left out).
    expect(after.datasets.find((d: any) => d.dataset === 'simplifiedRates')).toMatchObject({
      inForce: 'simplified-rates-2015-12-01',
      versions: [expect.objectContaining({ version: 'simplified-rates-2015-12-01', effectiveFrom: '2015-12-01', inForce: true, source: expect.stringContaining('customs.go.kr') })],
    });
    expect((await on('2026-02-30')).status).toBe(400);
    expect((await api(t.base, 'GET', '/api/v1/admin/reference/versions', { token: officer.token })).status).toBe(403);
  });

  it('each load is in the audit log: who, when, the file hash, the rows and the version', async () => {
    const uploads = (await api(t.base, 'GET', '/api/v1/admin/reference/uploads', { token: admin.token })).body.uploads;
    expect(uploads.map((u: any) => [u.kind, u.uploadedByName, u.rowCount])).toEqual([
      ['exchange-rates', 'admin1', 2],
      ['tariff', 'admin1', 1],
    ]);
    const log = await api(t.base, 'GET', '/api/v1/admin/audit?action=reference.', { token: admin.token });
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e: any) => [e.action, e.actorName, e.actionText.ko, e.detail.sha256, e.detail.version])).toEqual([
      ['reference.exchange-rates.upload', 'admin1', '과세환율 업로드', fxUpload.body.sha256, fxUpload.body.version],
      ['reference.tariff.upload', 'admin1', '관세율표 업로드', tariffUpload.body.sha256, tariffUpload.body.version],
    ]);
  });
});

describe('operators’ API keys, managed by an administrator', () => {
  it('lists an operator’s keys without secrets, issues one shown once, revokes it at once, and audits both', async () => {
    const path = `/api/v1/admin/operators/${alpha.id}/api-keys`;
    for (const token of [officer.token, alpha.key]) expect((await api(t.base, 'GET', path, { token })).status).toBe(403);
    expect((await api(t.base, 'GET', `/api/v1/admin/operators/999999/api-keys`, { token: admin.token })).body.error.code).toBe('OPERATOR_NOT_FOUND');
    const issued = await api(t.base, 'POST', path, { token: admin.token, body: { label: 'warehouse' } });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^tgk_/);
    const list = await api(t.base, 'GET', path, { token: admin.token });
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(issued.body.key);
    expect(text).not.toContain(createHash('sha256').update(issued.body.key).digest('hex'));
    expect(list.body.apiKeys.map((k: any) => [k.label, k.revokedAt])).toEqual([
      ['initial', null],
      ['warehouse', null],
    ]);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: issued.body.key })).status).toBe(200);
    expect((await api(t.base, 'DELETE', `${path}/${issued.body.id}`, { token: officer.token })).status).toBe(403);
    expect((await api(t.base, 'DELETE', `${path}/${issued.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: issued.body.key })).status).toBe(401);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: alpha.key })).status).toBe(200);
    const log = (await api(t.base, 'GET', `/api/v1/admin/audit?actor=admin1&subject=operator:${alpha.id}`, { token: admin.token })).body.entries;
    expect(log.map((e: any) => [e.action, e.actionText.en, e.actorKindText.ko, e.detail.keyId])).toEqual([
      ['api-key.revoke', 'API key revoked', '직원', issued.body.id],
      ['api-key.create', 'API key issued', '직원', issued.body.id],
    ]);
    // Each names the key as the key list shows it (before: its id alone, which no page shows).
    expect(log.map((e: any) => [e.detail.prefix, e.detail.label])).toEqual([
      [issued.body.key.slice(0, 12), 'warehouse'],
      [issued.body.key.slice(0, 12), 'warehouse'],
    ]);
  });

  it('risk rules drafted, tried and published are in the audit log with who did each (before: only on the rules page)', async () => {
    const rules = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body.published[0].rules;
    // One keyword more: the rules in force published again are refused (RULE_SET_UNCHANGED).
    const changed = { ...rules, keywords: [...rules.keywords, { code: 'KW_AUDIT', ko: '감사 시험', en: 'audit test', terms: ['audit-test-term'], weight: 0.1 }] };
    const draft = await api(t.base, 'POST', '/api/v1/officer/risk/rules/drafts', { token: officer.token, body: { rules: changed, note: 'one keyword more' } });
    expect(draft.status).toBe(201);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/dry-run`, { token: officer.token })).status).toBe(200);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/publish`, { token: admin.token, body: { version: 'risk-rules-audit-1', note: 'checked' } })).status).toBe(201);
    const log = (await api(t.base, 'GET', '/api/v1/admin/audit?action=risk-rule.', { token: admin.token })).body.entries;
    expect(log.map((e: any) => [e.action, e.actorName, e.subject, e.actionText.ko])).toEqual([
      ['risk-rule.published', 'admin1', `risk-rule-draft:${draft.body.id}`, '위험 규칙 게시'],
      ['risk-rule.dry_run', 'officer1', `risk-rule-draft:${draft.body.id}`, '위험 규칙 초안 시험(과거 신고)'],
      ['risk-rule.draft_created', 'officer1', `risk-rule-draft:${draft.body.id}`, '위험 규칙 초안 작성'],
      // the rules of data/risk-rules.json, published by the platform at its first start
      ['risk-rule.published', null, 'risk-rules', '위험 규칙 게시'],
    ]);
    expect(log[0].detail).toMatchObject({ version: 'risk-rules-audit-1', note: 'checked' });
  });

  it('the audit log is for administrators only, and pages', async () => {
    for (const token of [officer.token, alpha.key]) expect((await api(t.base, 'GET', '/api/v1/admin/audit', { token })).status).toBe(403);
    const first = (await api(t.base, 'GET', '/api/v1/admin/audit?limit=2', { token: admin.token })).body;
    expect(first.entries).toHaveLength(2);
    const next = (await api(t.base, 'GET', `/api/v1/admin/audit?limit=2&before=${first.nextBefore}`, { token: admin.token })).body;
    expect(next.entries[0].id).toBeLessThan(first.entries[1].id);
    const signIns = (await api(t.base, 'GET', '/api/v1/admin/audit?action=sign-in&actor=officer1', { token: admin.token })).body.entries;
    expect(signIns.map((e: any) => [e.actorName, e.actionText.ko])).toEqual([['officer1', '로그인']]);
  });

  it('names an operator subject by its code and name, a staff subject by username and display name; other subjects stay raw', async () => {
    // operator ALPHA was created as { code: 'ALPHA', name: 'ALPHA Ltd' } (test-platform.ts)
    const keys = (await api(t.base, 'GET', `/api/v1/admin/audit?subject=operator:${alpha.id}`, { token: admin.token })).body.entries;
    expect(keys.length).toBeGreaterThan(0);
    for (const e of keys) expect(e).toMatchObject({ subject: `operator:${alpha.id}`, subjectName: 'ALPHA, ALPHA Ltd' });
    const signIns = (await api(t.base, 'GET', '/api/v1/admin/audit?action=sign-in&actor=officer1', { token: admin.token })).body.entries;
    expect(signIns[0].subject).toMatch(/^user:\d+$/);
    expect(signIns[0].subjectName).toBe('officer1, officer1'); // createUser({ username, displayName: username })
    const loads = (await api(t.base, 'GET', '/api/v1/admin/audit?action=reference.', { token: admin.token })).body.entries;
    expect(loads[0].subject).toMatch(/^upload:\d+$/);
    expect(loads[0].subjectName).toBeNull();
  });
});

describe('failed staff sign-ins in the audit log', () => {
  const signIn = (username: string, password: string) => api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username, password } });
  const failures = async (subject: string) =>
    (await api(t.base, 'GET', `/api/v1/admin/audit?action=auth.sign-in-failed&subject=${encodeURIComponent(subject)}&limit=200`, { token: admin.token })).body.entries;

  it('a wrong password and an unknown user are each recorded with the username tried and the reason, never the password', async () => {
    expect((await signIn('officer1', 'not-the-password-1')).status).toBe(401);
    expect((await signIn('Nobody-Here', 'not-the-password-2')).status).toBe(401);
    const wrong = await failures('username:officer1');
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ actorKind: 'anonymous', actorId: null, subject: 'username:officer1', detail: { reason: 'wrong-password' }, actionText: { ko: '로그인 실패', en: 'Sign-in failed' } });
    const unknown = await failures('username:nobody-here'); // lower case, as the throttle counts it
    expect(unknown.map((e: any) => e.detail.reason)).toEqual(['unknown-user']);
    expect(JSON.stringify([...wrong, ...unknown])).not.toContain('not-the-password');
  });

  it('a lock is recorded once for its window, not once per refused attempt', async () => {
    // 10 failures from this address (the lock's SIGN_IN_FAILURES_MAX), then 5 more attempts while locked
    for (let i = 1; i <= 10; i++) expect((await signIn('ghost-lock', `guess-${i}`)).status).toBe(401);
    for (let i = 11; i <= 15; i++) expect((await signIn('ghost-lock', `guess-${i}`)).status).toBe(429);
    const entries = await failures('username:ghost-lock');
    const reasons = entries.map((e: any) => e.detail.reason);
    // 10 unknown-user + 1 throttled = 11 rows for 15 attempts: the 5 refused wrote nothing
    expect(reasons.filter((r: string) => r === 'unknown-user')).toHaveLength(10);
    expect(entries.filter((e: any) => e.detail.reason === 'throttled').map((e: any) => e.detail.throttle)).toEqual(['locked']);
    expect(entries).toHaveLength(11);
  });
});

// Last: it loads a week, which the tests above count on not having happened.
describe('a late load of a week already decided with', () => {
  it('a week that declarations on record were decided with: its placeholder rate is replaced (they keep their decision, named in the answer); a rate no longer a placeholder is not changed under them', async () => {
    // DECIDED-1 was declared on 2026-11-18, in the week of 2026-11-15, whose USD rate in data/exchange-rates.json
    // is a placeholder (1370.24): loading the published one is what the upload is for (before: refused).
    const r = await csv(admin.token, FX, 'weekStart,currency,rate\n2026-11-15,USD,1400\n');
    expect(r.status).toBe(201);
    expect(r.body.decidedWithPlaceholder).toEqual([{ weekStart: '2026-11-15', declarations: 1 }]);
    // Loaded, the week's USD rate is no longer a placeholder: another value for it is refused.
    const again = await csv(admin.token, FX, 'weekStart,currency,rate\n2026-11-15,USD,1401\n');
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'rate',
        en: "2026-11-15's USD rate 1400 is not a placeholder, and 1 declaration was declared in that week and decided with it; an upload may not change decisions on record (a correction is a corrected version of data/exchange-rates.json).",
      }),
    ]);
    expect(again.body.error.details.errors[0].ko).toContain('그 주에 신고된 신고 1건');
  });
});
