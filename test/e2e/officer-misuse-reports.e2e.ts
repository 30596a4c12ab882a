// The officer's side of a consignee's "not me" report (PCCC misuse), in real Chromium: the report
// opens a case "for officers", yet the workbench showed none of it — no list, and the consignee's
// note nowhere; the parcel only appeared as held. Also a declaration path that names no
// declaration, which said "loading" for ever.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { addDays, koreanDateOf } from '../../src/domain/dates.ts';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { axeResults, launchBrowser, newContext, snap, trackRequests, waitForQuiet, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let officer: unknown;
let officerToken = '';
let reported: { id: number; cargoNo: string };
let other: { id: number; cargoNo: string };
const NOTE = '모르는 판매자의 주문입니다. 제가 주문하지 않았습니다.';

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  const operator = await t.operator('MISUSEQA');
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-NOTME-1'), declaration('E2E-NOTME-2')] } });
  const [a, b] = r.body.results as { declarationId: number; cargoNo: string }[];
  reported = { id: a!.declarationId, cargoNo: a!.cargoNo };
  other = { id: b!.declarationId, cargoNo: b!.cargoNo };
  // Valid for a year from today in Korea (a fixed expiry would lapse).
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: addDays(koreanDateOf(new Date().toISOString()), 365) },
  ]);
  const consumer = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  const notMe = await api(t.base, 'POST', `/api/v1/consumer/declarations/${reported.cargoNo}/not-me`, { token: consumer, body: { note: NOTE } });
  expect(notMe.status).toBe(201);
  // A question awaiting a reply, for the queue's count.
  const asked = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: consumer, body: { topic: 'hold', declarationId: reported.id, message: '제 주문이 아닌데 어떻게 되나요?' } });
  expect(asked.status).toBe(201);
  await t.platform.deps.access.createUser({ username: 'misuse-desk', displayName: '도세관', role: 'officer', passwordHash: await t.platform.deps.secrets.hashPassword('pw-misuse-desk') });
  officer = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'misuse-desk', password: 'pw-misuse-desk' } })).body;
  officerToken = (officer as { token: string }).token;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function officerPage(lang: 'ko' | 'en' = 'ko'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, 'desktop');
  await context.addInitScript(
    (s) => {
      sessionStorage.setItem('tonggwan.officer', s.officer);
      localStorage.setItem('tonggwan.lang', s.lang);
    },
    { officer: JSON.stringify(officer), lang },
  );
  const page = await context.newPage();
  trackRequests(page);
  return { context, page, errors: watchErrors(page) };
}

describe('PCCC misuse ("not me") reports in the officer workbench', () => {
  test('the API answers the report about one declaration (declarationId), and none for another', async () => {
    const one = await api(t.base, 'GET', `/api/v1/officer/misuse-cases?declarationId=${reported.id}`, { token: officerToken });
    expect(one.status).toBe(200);
    expect(one.body.cases.map((c: { cargoNo: string }) => c.cargoNo)).toEqual([reported.cargoNo]);
    expect(one.body.cases[0].note).toBe(NOTE);
    const none = await api(t.base, 'GET', `/api/v1/officer/misuse-cases?declarationId=${other.id}`, { token: officerToken });
    expect(none.body.cases).toEqual([]);
  });

  test('the queue links to the reports; the list shows the parcel with the consignee\'s note and leads to its page, which shows the report above the decision', async () => {
    const { context, page, errors } = await officerPage('ko');
    await page.goto(`${t.base}/officer`);
    await page.getByRole('link', { name: '도용 신고' }).click();
    await page.getByRole('heading', { name: '개인통관고유부호 도용 신고' }).waitFor();
    // What to do next: the list has no button of its own; the report is closed from the parcel's page.
    await page.getByText('화물관리번호를 열어 확인하고, 확인한 내용을 적어 신고를 종결하세요.', { exact: false }).waitFor();
    const row = page.getByTestId('misuse-cases').locator('tbody tr', { hasText: reported.cargoNo });
    await row.waitFor();
    expect(await row.textContent()).toContain(NOTE);
    expect(await row.textContent()).toContain('보류됨');
    expect(await page.getByTestId('misuse-cases').textContent()).not.toContain(other.cargoNo);
    await snap(page, 'desktop', 'officer-misuse-cases');
    const serious = async () => (await axeResults(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.rule}: ${v.targets.join(', ')}`);
    expect(await serious()).toEqual([]);
    await row.getByRole('link', { name: reported.cargoNo }).click();
    const notice = page.getByTestId('misuse-report');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`수하인 메모: “${NOTE}”`);
    expect(await notice.textContent()).toContain('수하인의 도용 신고');
    // What the consignee was told to do, as the lookup says it: nothing to file (not "give customs what it asks for").
    const next = await page.getByTestId('assessment-superseded').textContent();
    expect(next).toContain('본인 주문이 아니라고 신고하셨다면 따로 제출할 서류는 없습니다');
    expect(next).not.toContain('세관이 요청한 서류');
    // Shown where the officer decides: in the decision card, before the form.
    expect(await page.locator('section[aria-labelledby=sec-decision]').getByTestId('misuse-report').count()).toBe(1);
    await waitForQuiet(page);
    expect(await serious()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('in English, the list and the notice are in English; a parcel without a report shows no notice', async () => {
    const { context, page, errors } = await officerPage('en');
    await page.goto(`${t.base}/officer/misuse-cases`);
    await page.getByRole('heading', { name: 'PCCC misuse reports' }).waitFor();
    await page.getByText('Open the cargo number to check it, then close the report with what you found.', { exact: false }).waitFor();
    const table = page.getByTestId('misuse-cases');
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('thead').textContent()).toBe('ReportedCargo numberDeclared byHoldOrder approvalConsignee’s note');
    await page.goto(`${t.base}/officer/declarations/${reported.id}`);
    await page.getByTestId('misuse-report').getByText('The consignee reported PCCC misuse').waitFor();
    await page.goto(`${t.base}/officer/declarations/${other.id}`);
    await page.getByTestId('risk-panel').waitFor();
    await waitForQuiet(page);
    expect(await page.getByTestId('misuse-report').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('what waits beside the queue', () => {
  test('the queue\'s links count the consultations awaiting a reply and the open misuse reports', async () => {
    const { context, page, errors } = await officerPage('ko');
    await page.goto(`${t.base}/officer`);
    const consult = page.getByRole('link', { name: /^민원상담/ });
    await consult.getByTestId('consult-waiting').waitFor();
    expect(await consult.textContent()).toBe('민원상담 답변 대기 1');
    const misuse = page.getByRole('link', { name: /^도용 신고/ });
    await misuse.getByTestId('misuse-open').waitFor();
    expect(await misuse.textContent()).toBe('도용 신고 처리 중 1');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a declaration path that names no declaration', () => {
  test('says so, instead of "loading" for ever', async () => {
    const { context, page, errors } = await officerPage('ko');
    await page.goto(`${t.base}/officer/declarations/${reported.cargoNo}`);
    const said = page.getByTestId('declaration-bad-id');
    await said.waitFor();
    expect(await said.textContent()).toContain(`“${reported.cargoNo}”은(는) 신고 번호가 아닙니다`);
    expect(await page.getByText('불러오는 중…').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('closing a report once checked', () => {
  test('the officer closes the open report from the parcel\'s page with what was found; it leaves the open list and the queue\'s count, and cannot be closed twice', async () => {
    const close = (note: string) => api(t.base, 'POST', `/api/v1/officer/declarations/${reported.id}/misuse-case/close`, { token: officerToken, body: { note } });
    expect((await close('   ')).status).toBe(400); // a blank note records nothing
    const { context, page, errors } = await officerPage('ko');
    await page.goto(`${t.base}/officer/declarations/${reported.id}`);
    const form = page.getByTestId('misuse-close');
    await form.getByRole('button', { name: '도용 신고 종결' }).click();
    await form.getByText('확인 결과를 적으세요.').waitFor(); // asked for the note, nothing sent
    expect((await api(t.base, 'GET', '/api/v1/officer/misuse-cases?status=open', { token: officerToken })).body.cases).toHaveLength(1);
    await form.getByLabel('종결 메모(확인 결과)').fill('수하인 본인 확인: 가족이 주문한 건으로 확인됨');
    await form.getByRole('button', { name: '도용 신고 종결' }).click();
    await page.getByTestId('misuse-closed').getByText('도용 신고를 종결했습니다.').waitFor();
    // The confirmation has the focus (before: the page's body, the form and its button gone with the open report).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('misuse-closed');
    await page.getByTestId('misuse-report').getByText('종결', { exact: true }).waitFor();
    expect(await page.getByTestId('misuse-close').count()).toBe(0);
    expect((await api(t.base, 'GET', '/api/v1/officer/misuse-cases?status=open', { token: officerToken })).body.cases).toEqual([]);
    // Who closed it, when and why are on the case (before: only in the audit log; the page said 종결 and nothing more).
    const closedCase = (await api(t.base, 'GET', `/api/v1/officer/misuse-cases?declarationId=${reported.id}`, { token: officerToken })).body.cases[0];
    expect(closedCase.closed).toEqual({ at: expect.any(String), by: { userId: expect.any(Number), username: 'misuse-desk', name: '도세관' }, note: '수하인 본인 확인: 가족이 주문한 건으로 확인됨' });
    expect(Date.now() - Date.parse(closedCase.closed.at)).toBeGreaterThanOrEqual(0);
    const closedBy = page.getByTestId('misuse-closed-by');
    await closedBy.waitFor();
    expect(await closedBy.textContent()).toContain('도세관(misuse-desk) 종결');
    expect(await closedBy.textContent()).toContain('종결 메모: “수하인 본인 확인: 가족이 주문한 건으로 확인됨”');
    const again = await close('두 번째');
    expect(again.status).toBe(404);
    expect(again.body.error?.message ?? JSON.stringify(again.body)).toContain('No open misuse report');
    await page.getByRole('link', { name: /대기열로/ }).click();
    await page.getByRole('link', { name: '도용 신고' }).waitFor();
    expect(await page.getByTestId('misuse-open').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the list of closed reports says who closed each and when, in Korean and in English', async () => {
    for (const [lang, status, want] of [
      ['ko', '종결', '도세관(misuse-desk) 종결'],
      ['en', 'Closed', 'by 도세관 (misuse-desk)'],
    ] as const) {
      const { context, page, errors } = await officerPage(lang);
      await page.goto(`${t.base}/officer/misuse-cases`);
      await page.getByLabel(lang === 'ko' ? '상태' : 'Status').selectOption('closed');
      const cell = page.getByTestId('misuse-closed-cell').first();
      await cell.waitFor();
      expect(await page.getByRole('columnheader', { name: status, exact: true }).count()).toBe(1);
      expect(await cell.textContent()).toContain(want);
      expect(await cell.textContent()).toContain('가족이 주문한 건으로 확인됨');
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
