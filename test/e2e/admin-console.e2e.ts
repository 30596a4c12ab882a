// The administration page as an administrator uses it, in real Chromium (desktop): reference data
// loaded from a CSV file (a bad file's faults by line and column, in Korean; a good one's version,
// then in force on its date, and in the list of loads with who loaded it), an operator's API keys
// (in English: listed without secrets, a new one shown once, revoked), and the audit log naming both.
// Screenshots: test-results/screenshots/admin-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { launchBrowser, newContext, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let operator: { id: number; key: string; code: string };
let admin: unknown;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  operator = await t.operator('KEYOPS');
  await t.officer('ref-admin', 'admin');
  admin = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'ref-admin', password: 'pw-ref-admin' } })).body;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function adminPage(lang: 'ko' | 'en'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await newContext(browser, 'desktop');
  await context.addInitScript(
    ([s, l]) => {
      sessionStorage.setItem('tonggwan.officer', s!);
      localStorage.setItem('tonggwan.lang', l!);
    },
    [JSON.stringify(admin), lang],
  );
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${t.base}/officer/admin`);
  return { page, errors, close: () => context.close() };
}

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('reference data on the administration page', () => {
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
    await inForce.locator('tr', { hasText: '수량 제한' }).getByText('(quantityLimits)').waitFor();
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
    expect((await api(t.base, 'GET', '/api/v1/me', { token: issued })).status).toBe(200);
    const row = keys.locator('tr', { hasText: 'warehouse' });
    expect(await row.innerText()).not.toContain(issued);
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: `Revoke key ${issued.slice(0, 12)}…` }).click();
    await row.getByText('Revoked (', { exact: false }).waitFor();
    expect((await api(t.base, 'GET', '/api/v1/me', { token: issued })).status).toBe(401);
    await snap(page, 'desktop', 'admin-operator-keys');

    const audit = page.locator('section', { has: page.getByRole('heading', { name: 'Audit log' }) });
    await audit.getByLabel('What').fill('api-key.');
    await audit.getByRole('button', { name: 'Search' }).click();
    const table = page.getByTestId('admin-audit-table');
    await table.locator('tr', { hasText: 'API key revoked' }).getByText('ref-admin').waitFor();
    await table.locator('tr', { hasText: 'API key issued' }).getByText('ref-admin').waitFor();
    await snap(page, 'desktop', 'admin-audit-log');
    expect(errors).toEqual([]);
    await close();
  });
});
