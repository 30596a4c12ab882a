// The administration page as an administrator uses it, in real Chromium (desktop): reference data
// loaded from a CSV file (a bad file's faults by line and column, in Korean; a good one's version,
// then in force on its date, and in the list of loads with who loaded it), an operator's API keys
// (in English: listed without secrets, a new one shown once, revoked), and the audit log naming both.
// Screenshots: test-results/screenshots/admin-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { DATA_DIR } from '../support/reference.ts';
import { queueSupersededDecisions } from '../../src/app/redecide-after-correction.ts';
import { PgReferenceRedecisionQueue } from '../../src/adapters/db/reference-redecision-repository.ts';
import { withVersion, type RiskModel } from '../../src/domain/risk/model.ts';
import { launchBrowser, SCREENSHOTS, snap, until } from './support.ts';
import { newAdminSession, openStaffPage, type StaffPage } from './admin-session.ts';

let t: TestPlatform;
let browser: Browser;
let operator: { id: number; key: string; code: string };
let admin: unknown;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  operator = await t.operator('KEYOPS');
  admin = await newAdminSession(t, 'ref-admin');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const adminPage = (lang: 'ko' | 'en'): Promise<StaffPage> => openStaffPage(browser, t.base, admin, lang);

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('reference data on the administration page', () => {
  test('a late load of a week already decided with its placeholder rate is loaded, and the page says those declarations keep their decision', async () => {
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }]);
    // Declared 2026-11-18, in the week of 2026-11-15, whose rates in data/exchange-rates.json are placeholders.
    // Another operator's key: KEYOPS's first key is shown as never used below.
    const late = await t.operator('LATEFX');
    const filed = await api(t.base, 'POST', '/api/v1/declarations', { token: late.key, body: { declarations: [declaration('LATE-FX-1')] } });
    expect(filed.body.results[0].status).toBe('accepted');
    const { page, errors, close } = await adminPage('ko');
    const form = page.locator('form', { has: page.getByRole('heading', { name: '기준 자료 올리기' }) });
    await form.getByLabel('자료 종류').selectOption('exchange-rates');
    await form.getByLabel('CSV 파일').setInputFiles(file('late.csv', 'weekStart,currency,rate\n2026-11-15,USD,1400\n'));
    await form.getByRole('button', { name: '올리기' }).click();
    const kept = form.getByTestId('admin-reference-kept');
    await kept.waitFor();
    expect(await kept.innerText()).toBe('2026-11-15 주의 임시 환율로 이미 결정된 신고 1건은 그 결정을 유지합니다(각 신고의 dataVersions에 쓴 버전이 기록되어 있습니다). 신고는 정정될 때 새 환율로 다시 계산됩니다.');
    expect(errors).toEqual([]);
    await close();
  });

  test('in Korean: a bad file is refused with its faults by line and column; a good one is loaded, in force from its date, and listed with who loaded it', async () => {
    const { page, errors, close } = await adminPage('ko');
    const form = page.locator('form', { has: page.getByRole('heading', { name: '기준 자료 올리기' }) });
    await form.getByLabel('자료 종류').selectOption('exchange-rates');
    await form.getByLabel('CSV 파일').setInputFiles(file('rates.csv', 'weekStart,currency,rate\n2026-12-13,USD,1385x\n2026-12-13,XYZ,100\n'));
    await form.getByRole('button', { name: '올리기' }).click();
    const faults = form.getByTestId('admin-reference-errors');
    await faults.waitFor();
    expect(await faults.locator('tbody tr').allInnerTexts()).toEqual([
      "2\trate\t양의 숫자여야 합니다(쉼표·단위 없이, 예: 1385.2): '1385x'.",
      "3\tcurrency\t알 수 없는 통화 코드입니다(ISO 4217): 'XYZ'.",
    ]);
    await form.getByText('CSV 파일을 반영하지 않았습니다. 2행 rate 열:', { exact: false }).waitFor();
    await snap(page, 'desktop', 'admin-reference-errors');

    await form.getByLabel('자료 종류').selectOption('tariff');
    await form.getByLabel('CSV 파일').setInputFiles(file('tariff.csv', 'effectiveFrom,hs,basic,ko,en\n2026-12-20,6109101000,0.13,면 티셔츠,Cotton T-shirts\n'));
    await form.getByRole('button', { name: '올리기' }).click();
    const stored = form.getByTestId('admin-reference-stored');
    await stored.waitFor();
    const version = /tariff-upload-2026-12-20-u\d+/.exec(await stored.innerText())?.[0];
    expect(await stored.innerText()).toBe(`1행을 반영했습니다. 이후 신고는 버전 ${version}을 씁니다(2026-12-20).`);

    const inForce = page.getByTestId('admin-reference-in-force');
    await page.getByLabel('신고일').fill('2026-12-21');
    await inForce.locator('tr', { hasText: '관세율' }).getByText(version!).waitFor();
    await inForce.locator('tr', { hasText: '과세환율' }).getByText('2026-12-20 주').waitFor();
    // every dataset by its Korean name (before: its file's id alone, e.g. quantityLimits)
    await inForce.locator('tr', { hasText: '자가사용 인정기준(수량)' }).getByText('(quantityLimits)').waitFor();
    // the postal simplified rates too (before: not listed)
    await inForce.locator('tr', { hasText: '우편물 간이세율' }).getByText('simplified-rates-2015-12-01').waitFor();
    const loads = page.getByTestId('admin-reference-uploads');
    await loads.locator('tr', { hasText: 'ref-admin' }).getByText('관세율').waitFor();
    await snap(page, 'desktop', 'admin-reference-loaded');

    const audit = page.getByTestId('admin-audit-table');
    await page.getByRole('button', { name: '찾기' }).click();
    await audit.locator('tr', { hasText: '관세율표 업로드' }).getByText('ref-admin').waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});

describe('declarations decided again after a reference-data correction, on the administration page', () => {
  test('in Korean: none at first; a declaration on record that recorded exclusions r5 is found and decided again, and the table says what came of it', async () => {
    const { page, errors, close } = await adminPage('ko');
    const card = page.locator('section', { has: page.locator('#admin-reference-corrections') });
    await card.getByText('정정 전 자료로 판정된 신고가 없습니다.').waitFor();
    // Tofu, recorded as decided with exclusions r5 (as before r6 came: what a platform that ran the older
    // data files holds); the worker's look for superseded versions, run again as a start runs it, finds it.
    const declarant = await t.operator('RCOPS'); // not KEYOPS: its key is 'never used' in the keys test
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: declarant.key,
      body: { declarations: [declaration('E2E-RC-1', { items: [{ description: '두부 Tofu 400g', hsCode: '2106101000', quantity: 1, price: 30, originCountry: 'US' }] })] },
    });
    const id = r.body.results[0].declarationId as number;
    await t.db.pool.query(`UPDATE declarations SET assessment = jsonb_set(assessment, '{dataVersions,exclusions}', '"exclusions-2019-06-01-r5"') WHERE id = $1`, [id]);
    // `again`: r5 was looked for at the platform's start, before this declaration was on record.
    await queueSupersededDecisions({ queue: new PgReferenceRedecisionQueue(t.db.pool), reference: t.platform.deps.reference }, { again: true });
    await t.platform.referenceCorrections.drain();
    await page.reload();
    const row = page.getByTestId('admin-reference-corrections').locator('tr', { hasText: 'exclusions-2019-06-01-r5' });
    await row.waitFor();
    // found 1, new version 0, noted 0, unchanged 1 (its decision read the same under r7), left 0
    expect(await row.locator('td').allInnerTexts()).toEqual(['목록통관 배제 품목', 'exclusions-2019-06-01-r5 → exclusions-2019-06-01-r7', expect.any(String), '1', '0', '0', '1', '0']);
    await snap(page, 'desktop', 'admin-reference-corrections');
    expect(errors).toEqual([]);
    await close();
  });
});

describe("an operator's API keys on the administration page", () => {
  test('in English: the keys without secrets, a new key shown once that works, revoked at once, and the audit log says who', async () => {
    const { page, errors, close } = await adminPage('en');
    await page.getByRole('button', { name: 'Show KEYOPS keys' }).click();
    const keys = page.getByTestId('admin-keys-KEYOPS');
    await keys.locator('tr', { hasText: 'initial' }).getByText('Never used').waitFor();
    expect(await keys.innerText()).not.toContain(operator.key);
    await keys.getByLabel('Label').fill('warehouse');
    await keys.getByRole('button', { name: 'Issue a new API key' }).click();
    const issued = await keys.getByTestId('admin-issued-key').innerText();
    expect(issued).toMatch(/^tgk_/);
    await keys.getByText('New API key of KEYOPS:').waitFor();
    // copied with a button, as the operator console's own new keys (before: selected by hand)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.base });
    await keys.getByRole('button', { name: 'Copy' }).click();
    await keys.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(issued);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: issued })).status).toBe(200);
    const row = keys.locator('tr', { hasText: 'warehouse' });
    expect(await row.innerText()).not.toContain(issued);
    // its state in words (before: the State column held the Revoke button alone)
    expect(await row.locator('td').nth(4).innerText()).toMatch(/^Active\s+Revoke$/);
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: `Revoke key ${issued.slice(0, 12)}…` }).click();
    await row.getByText('Revoked (', { exact: false }).waitFor();
    expect((await api(t.base, 'GET', '/api/v1/me', { token: issued })).status).toBe(401);
    await snap(page, 'desktop', 'admin-operator-keys');

    const audit = page.locator('section', { has: page.getByRole('heading', { name: 'Audit log' }) });
    // the actions offered by name (before: a code had to be known; 'api-key' without its full stop found nothing)
    expect(await audit.getByLabel('What').getAttribute('list')).toBe('admin-audit-actions');
    const offered = audit.getByTestId('admin-audit-actions').locator('option');
    expect(await offered.evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).label]))).toEqual(
      expect.arrayContaining([
        ['api-key.revoke', 'API key revoked'],
        ['api-key.', 'API key issued · API key revoked'],
      ]),
    );
    await audit.getByLabel('What').fill('api-key.');
    await audit.getByRole('button', { name: 'Search' }).click();
    const table = page.getByTestId('admin-audit-table');
    await table.locator('tr', { hasText: 'API key revoked' }).getByText('ref-admin').waitFor();
    await table.locator('tr', { hasText: 'API key issued' }).getByText('ref-admin').waitFor();
    // the subject named, its raw id kept: operator KEYOPS was created as { code: 'KEYOPS', name: 'KEYOPS Ltd' } (test-platform.ts)
    expect(await table.locator('tr', { hasText: 'API key revoked' }).locator('td').nth(3).innerText()).toBe(`operator:${operator.id} (KEYOPS, KEYOPS Ltd)`);
    // the detail as its fields, the key named as the key list names it (before: {"keyId":12}, a line of JSON with an id shown nowhere)
    const keyId = (await api(t.base, 'GET', `/api/v1/admin/operators/${operator.id}/api-keys`, { token: (admin as { token: string }).token })).body.apiKeys.find((k: { label: string }) => k.label === 'warehouse').id;
    expect(await table.locator('tr', { hasText: 'API key revoked' }).locator('td').nth(4).innerText()).toBe(`keyId ${keyId}\nlabel warehouse\nprefix ${issued.slice(0, 12)}`);
    await snap(page, 'desktop', 'admin-audit-log');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the audit log on the administration page', () => {
  test('in Korean: the older page is read from its top, the newer one too (before: the view stayed at the buttons, below the new rows)', async () => {
    // More entries than a page (25), written through the platform's own audit port.
    for (let i = 0; i < 30; i++) await t.platform.deps.access.audit({ actorKind: 'system', actorId: null, action: 'secret-key.rotate', subject: `paging:${i}` });
    const { page, errors, close } = await adminPage('ko');
    const audit = page.locator('section', { has: page.getByRole('heading', { name: '감사 기록' }) });
    const heading = audit.getByRole('heading', { name: '감사 기록' });
    await audit.getByTestId('admin-audit-table').locator('tbody tr').nth(24).waitFor();
    const inView = () => heading.evaluate((h) => h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().bottom <= window.innerHeight);
    const first = () => audit.getByTestId('admin-audit-table').locator('tbody tr').first().innerText();
    const newest = await first();
    await audit.getByRole('button', { name: '이전 기록' }).scrollIntoViewIfNeeded();
    expect(await inView()).toBe(false);
    await audit.getByRole('button', { name: '이전 기록' }).click();
    await audit.getByRole('button', { name: '최근 기록' }).waitFor();
    expect(await first()).not.toBe(newest);
    expect(await inView()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-audit-older-desktop.png') }); // the view as left, not from the top (snap scrolls)
    await audit.getByRole('button', { name: '최근 기록' }).scrollIntoViewIfNeeded();
    await audit.getByRole('button', { name: '최근 기록' }).click();
    await until(first, (text) => text === newest, 'the newest page again');
    expect(await inView()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('risk models on the performance page', () => {
  test('in Korean: an administrator uploads a model file (before: API only); a file that is not JSON or not a model is refused in Korean', async () => {
    const { page, errors, close } = await adminPage('ko');
    await page.goto(`${t.base}/officer/risk/performance`);
    const form = page.getByTestId('model-upload');
    const input = form.getByLabel('모델 파일 (tonggwan risk train이 만든 JSON)');
    await input.setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "tonggwan-risk-model",\n  "kind": gbdt}') });
    await form.getByRole('button', { name: '모델 올리기' }).click();
    await form.getByText('JSON 형식이 올바르지 않습니다: 2행', { exact: false }).waitFor();
    await input.setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something else"}') });
    await form.getByRole('button', { name: '모델 올리기' }).click();
    await form.getByText('위험 모델 파일이 올바르지 않습니다: tonggwan risk train이 만든 모델 파일(format: tonggwan-risk-model)이 아닙니다.').waitFor();
    // the shipped model under other training metadata: another content-derived version (as risk-models.test.ts)
    const file = fs.readdirSync(path.join(DATA_DIR, 'models')).find((f) => /^risk-gbdt-[0-9a-f]{16}\.json$/.test(f))!;
    const shipped = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'models', file), 'utf8')) as RiskModel;
    const other = withVersion({ ...shipped, training: { ...shipped.training, seed: shipped.training.seed + 2000 } });
    await input.setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await form.getByRole('button', { name: '모델 올리기' }).click();
    await form.getByTestId('model-uploaded').getByText(`모델 ${other.version}을(를) 저장했습니다.`).waitFor();
    await page.getByTestId(`model-${other.version}`).getByRole('button', { name: '활성화' }).waitFor();
    await snap(page, 'desktop', 'admin-model-upload');
    const log = (await api(t.base, 'GET', '/api/v1/admin/audit?action=risk-model.upload', { token: (admin as { token: string }).token })).body.entries;
    expect(log.map((e: { subject: string; actorName: string }) => [e.subject, e.actorName])).toEqual([[`risk-model:${other.version}`, 'ref-admin']]);
    expect(errors).toEqual([]);
    await close();
  });
});
