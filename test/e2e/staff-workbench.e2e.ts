// The staff side as a demanding user finds it, in real Chromium (desktop): an officer's terminal
// decisions are asked once more, the items table writes a declared price as money, a
// consultation leads the officer to its parcel, an inspection result is confirmed on the page
// (and a find states its revenue), the queue's status filter covers every open status, a hold
// shows in the parties' history at once, and an operator can switch a webhook off, finds a held
// declaration with its reason and next step, corrects and withdraws it, sees all its declarations
// newest first, reads which declaration of a batch was rejected, and sees a failed delivery's HTTP
// status once and which event it was.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { addDays, koreanDateOf } from '../../src/domain/dates.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { launchBrowser, newContext, signInAs, snap, until, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let officer: { token: string; expiresAt: string; user: unknown };
let operator: { id: number; key: string; code: string };
let asked: { id: number; cargoNo: string };
let toRefuse: { id: number; cargoNo: string };
let inspected: { id: number; cargoNo: string };
let arrived: { id: number; cargoNo: string };
let toHold: { id: number; cargoNo: string };
let consultationId = 0;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  operator = await t.operator('STAFFQA');
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-STAFF-1'), declaration('E2E-STAFF-2', { consignee: { name: '이서연', pccc: 'P123456789013', phone: '010-2222-3333', postcode: '04524', address: '서울특별시 중구 세종대로 110' } })] } });
  const [a, b] = r.body.results as { declarationId: number; cargoNo: string }[];
  asked = { id: a!.declarationId, cargoNo: a!.cargoNo };
  toRefuse = { id: b!.declarationId, cargoNo: b!.cargoNo };
  // A parcel of its own for the inspection test, with the platform's order data (paid USD 1,234.50;
  // declaration() declares order O-E2E-STAFF-INSP in USD).
  const c = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-STAFF-INSP')] } });
  const [ci] = c.body.results as { declarationId: number; cargoNo: string }[];
  inspected = { id: ci!.declarationId, cargoNo: ci!.cargoNo };
  const o = await api(t.base, 'POST', '/api/v1/orders', { token: operator.key, body: { orderNo: 'O-E2E-STAFF-INSP', platform: 'Amazon', buyerPccc: 'P123456789012', currency: 'USD', amountPaid: 1234.5, items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 1234.5 }] } });
  expect(o.status).toBe(201);
  // A parcel whose arrival report was filed (status arrival_reported, open), and one to hold; each its own consignee.
  const more = await api(t.base, 'POST', '/api/v1/declarations', {
    token: operator.key,
    body: {
      declarations: [
        declaration('E2E-STAFF-ARR', { consignee: { name: '강도윤', pccc: 'P123456789016', phone: '010-3333-4444', postcode: '04524', address: '서울특별시 중구 세종대로 110' } }),
        declaration('E2E-STAFF-HOLD', { consignee: { name: '최유진', pccc: 'P123456789017', phone: '010-4444-5555', postcode: '04524', address: '서울특별시 중구 세종대로 110' } }),
      ],
    },
  });
  const [ar, ho] = more.body.results as { declarationId: number; cargoNo: string }[];
  arrived = { id: ar!.declarationId, cargoNo: ar!.cargoNo };
  toHold = { id: ho!.declarationId, cargoNo: ho!.cargoNo };
  const courier = await t.operator('CJKX', 'courier');
  const ev = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: arrived.cargoNo, declarationId: arrived.id, type: 'ARRIVAL_REPORT_SUBMITTED' } });
  expect(ev.status).toBe(201);

  // Valid for a year from today in Korea: a fixed expiry lapses (from 2028-01-01 for 2027-12-31) and the code's verification fails.
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: addDays(koreanDateOf(new Date().toISOString()), 365) },
  ]);
  const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: 'P123456789012', name: '김민지', phone: '010-1234-5678', postcode: '06236' } });
  const inbox = await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01012345678');
  // The newest one-time code, not the newest message: the usage alert for the declaration filed above
  // goes out after intake answers (verify-declaration-consent.ts) and may land after the code.
  const code = /인증번호 (\d{6})/.exec(inbox.body.notifications.find((n: { body: string }) => n.body.includes('인증번호'))!.body)![1]!;
  const consumer = (await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code } })).body;
  const opened = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: consumer.token, body: { topic: 'hold', declarationId: asked.id, message: '언제 받을 수 있나요?' } });
  consultationId = opened.body.consultation.id;

  await t.platform.deps.access.createUser({ username: 'qa-desk', displayName: '한세관', role: 'officer', passwordHash: await t.platform.deps.secrets.hashPassword('pw-qa-desk') });
  officer = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'qa-desk', password: 'pw-qa-desk' } })).body;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function staffPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, 'desktop');
  const me = await api(t.base, 'GET', '/api/v1/me', { token: operator.key });
  const operatorSession = { apiKey: operator.key, operator: { operatorId: me.body.operatorId, operatorCode: me.body.operatorCode, role: me.body.role } };
  await context.addInitScript(
    (s) => {
      sessionStorage.setItem('tonggwan.officer', s.officer);
      sessionStorage.setItem('tonggwan.operator', s.operator);
    },
    { officer: JSON.stringify(officer), operator: JSON.stringify(operatorSession) },
  );
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

const statusOf = async (id: number) => (await api(t.base, 'GET', `/api/v1/declarations/${id}`, { token: officer.token })).body.status as string;

describe('the officer workbench', () => {
  test('a refusal, which nothing can follow, is asked once more: cancelled it changes nothing, confirmed it is recorded', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer/declarations/${toRefuse.id}`);
    const form = page.locator('form[aria-labelledby=decision-title]');
    await form.getByLabel('통관 불허').check();
    await form.locator('textarea[name=reason]').fill('수입 요건 미충족');
    // The de minimis as the engine's reasons write it: whole dollars, no cents.
    expect(await page.locator('#sec-assessment').locator('..').textContent()).toMatch(/면세한도USD (150|200) · /);
    const before = await statusOf(toRefuse.id);
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await form.getByRole('button', { name: '통관 불허' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain(toRefuse.cargoNo);
    expect(await statusOf(toRefuse.id)).toBe(before); // cancelled: not refused
    expect(await form.locator('textarea[name=reason]').inputValue()).toBe('수입 요건 미충족'); // the reason stays for a second try

    page.once('dialog', (d) => void d.accept());
    await form.getByRole('button', { name: '통관 불허' }).click();
    await page.getByRole('status').getByText('처리했습니다. 현재 상태: 통관불허').waitFor();
    expect(await statusOf(toRefuse.id)).toBe('rejected');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the items table writes the declared unit price as money (USD 40.00, not USD 40) and keeps an HS code on one line', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer/declarations/${asked.id}`);
    const row = page.locator('#sec-items').locator('..').locator('tbody tr').first();
    await row.waitFor();
    // declaration(): one T-shirt at price 40 in USD
    expect((await row.locator('td').nth(4).innerText()).replace(/\s/g, ' ')).toBe('USD 40.00');
    expect(await row.locator('code').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    await snap(page, 'desktop', 'staff-declaration-items');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the queue page finds a declaration by its cargo number (as typed: lower case, hyphen) and says so when there is none', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer`);
    const search = page.getByRole('search', { name: '화물관리번호·B/L로 찾기' });
    await search.getByLabel('화물관리번호', { exact: true }).fill('99XXX0000000000');
    await search.getByRole('button', { name: '찾기' }).click();
    await search.getByRole('status').getByText('화물관리번호 99XXX0000000000인 신고가 없습니다.').waitFor();
    await snap(page, 'desktop', 'staff-find-cargo-none');
    await search.getByLabel('화물관리번호', { exact: true }).fill(`${asked.cargoNo.slice(0, 5).toLowerCase()}-${asked.cargoNo.slice(5)}`);
    await search.getByRole('button', { name: '찾기' }).click();
    await page.waitForURL(`${t.base}/officer/declarations/${asked.id}`);
    await page.locator('form[aria-labelledby=decision-title]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the queue page finds parcels by house B/L (one: its page opens) and by master B/L (several: listed), with the B/L year', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer`);
    const search = page.getByRole('search', { name: '화물관리번호·B/L로 찾기' });
    // declaration() files house B/L H<ref> under master B/L M988-1234, arriving 2026-11-19: B/L year 2026.
    await search.getByLabel('화물관리번호·B/L로 찾기').selectOption('mblNo');
    await search.getByLabel('Master B/L 번호').fill('m988 1234');
    await search.getByLabel('B/L 연도').fill('2025');
    await search.getByRole('button', { name: '찾기' }).click();
    await search.getByRole('status').getByText('Master B/L 번호 m988 1234(2025년)인 신고가 없습니다.', { exact: false }).waitFor();
    await search.getByLabel('B/L 연도').fill('2026');
    await search.getByRole('button', { name: '찾기' }).click();
    const found = search.getByTestId('find-found');
    await found.getByRole('link', { name: asked.cargoNo }).waitFor();
    expect(await found.getByRole('link').count()).toBeGreaterThanOrEqual(5); // this file's parcels share the master B/L
    await search.getByRole('status').getByText(/Master B\/L 번호 m988 1234\(2026년\): 신고 \d+건/).waitFor();
    await snap(page, 'desktop', 'staff-find-master-bl');

    await search.getByLabel('화물관리번호·B/L로 찾기').selectOption('hblNo');
    await search.getByLabel('House B/L 번호').fill('he2e-staff-1');
    await search.getByRole('button', { name: '찾기' }).click();
    await page.waitForURL(`${t.base}/officer/declarations/${asked.id}`);
    await page.locator('form[aria-labelledby=decision-title]').waitFor();
    const api400 = await api(t.base, 'GET', '/api/v1/officer/declarations?hblNo=HE2ESTAFF1', { token: officer.token });
    expect(api400.status).toBe(400); // a B/L without its year: refused naming blYear
    expect(JSON.stringify(api400.body)).toContain('querystring.blYear');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('in English, the declaration page\'s labels start with a capital and a count reads right for one', async () => {
    const { context, page, errors } = await staffPage();
    await context.addInitScript(() => localStorage.setItem('tonggwan.lang', 'en'));
    await page.goto(`${t.base}/officer/declarations/${asked.id}`);
    const platform = page.locator('.party').first(); // Amazon: the other test declarations are recent ones of it
    await platform.locator('summary').waitFor();
    expect(await platform.locator('summary').innerText()).toMatch(/^Recent declarations \(\d+\)$/);
    const risk = page.getByTestId('risk-panel');
    await risk.locator('dt').first().waitFor();
    const labels = await risk.locator('dt').allInnerTexts();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.filter((l) => !/^[A-Z]/.test(l))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the risk panel writes the amount paid on the order as money in its currency (USD 1,234.50, not USD 1234.5)', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer/declarations/${inspected.id}`);
    const paid = page.getByTestId('risk-panel').getByTestId('order-paid');
    await paid.waitFor();
    expect((await paid.innerText()).replace(/\s/g, ' ')).toBe('USD 1,234.50');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a find is recorded only with its revenue or an explicit "none", and a recorded result is confirmed and listed at once', async () => {
    const inspectionsOf = async () => (await api(t.base, 'GET', `/api/v1/officer/declarations/${inspected.id}/risk`, { token: officer.token })).body.inspections as { outcome: string; revenueKrw: number }[];
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer/declarations/${inspected.id}`);
    const panel = page.getByTestId('risk-panel');
    const form = panel.getByRole('form', { name: '검사 결과 기록' });
    await form.locator('select[name=selectedBy]').selectOption('random');
    await form.locator('select[name=outcome]').selectOption('undervalued');
    // A find with no amount and no "none": not sent, the officer is asked.
    await form.getByTestId('record-inspection').click();
    await form.getByText('추징 세액을 입력하거나 ‘추징 세액 없음’을 선택하세요.').waitFor();
    expect(await inspectionsOf()).toEqual([]);

    // An amount the API refuses (above 10,000,000,000,000원) is said at its field, not as a bare VALIDATION_FAILED.
    await form.locator('input[name=revenueKrw]').fill('99999999999999');
    await form.getByTestId('record-inspection').click();
    await form.getByText('허용 범위를 벗어난 값입니다').waitFor();
    expect(await form.getByText('VALIDATION_FAILED').count()).toBe(0);
    expect(await form.locator('input[name=revenueKrw]').getAttribute('aria-invalid')).toBe('true');
    expect(await inspectionsOf()).toEqual([]);

    await form.locator('input[name=revenueKrw]').fill('52000');
    await form.getByTestId('record-inspection').click();
    await form.getByRole('status').getByText('검사 결과(저가신고)를 기록했습니다.').waitFor();
    // A find leads on to the parcel's hold or refusal (the decision form at the top of the page).
    await form.getByRole('status').getByText('적발에 따른 보류·통관 불허는 처리에서 기록합니다.').waitFor();
    await form.getByTestId('inspection-next').click();
    await page.waitForURL(/#sec-decision$/);
    expect(await page.locator('form[aria-labelledby=decision-title]').getByLabel('보류', { exact: true }).count()).toBe(1);
    // Listed without a reload (the risk view is fetched again): 52,000원.
    await panel.getByTestId('inspections').getByText('52,000원').waitFor();
    expect((await inspectionsOf()).map((i) => [i.outcome, i.revenueKrw])).toEqual([['undervalued', 52000]]);

    // A seizure recovers nothing: said explicitly, sent as 0.
    await form.locator('select[name=outcome]').selectOption('prohibited');
    await form.getByLabel('추징 세액 없음 (예: 몰수·폐기)').check();
    await form.getByTestId('record-inspection').click();
    await form.getByRole('status').getByText('검사 결과(반입금지 물품)를 기록했습니다.').waitFor();
    await expect.poll(async () => (await panel.getByTestId('inspections').locator('li').count())).toBe(2);
    expect((await inspectionsOf()).map((i) => [i.outcome, i.revenueKrw]).sort()).toEqual([['prohibited', 0], ['undervalued', 52000]]);
    await snap(page, 'desktop', 'staff-inspection-recorded');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the status filter offers every status the queue holds, so its counts add up to the total (입항보고 was missing)', async () => {
    const queue = (await api(t.base, 'GET', '/api/v1/officer/work-queue?limit=1', { token: officer.token })).body as { counts: Record<string, number>; total: number };
    expect(queue.counts.arrival_reported).toBe(1);
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer`);
    const filter = page.locator('#queue-filter');
    await filter.locator('option', { hasText: '입항보고 (1)' }).waitFor({ state: 'attached' });
    // Every option but "all" shows its count: together they are the queue's total.
    const counts = (await filter.locator('option').allInnerTexts()).slice(1).map((o) => Number(/\((\d+)\)$/.exec(o)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(queue.total);
    // Scores with one decimal always (130.0, not 130), in boxes of one width: the rows line up.
    await page.locator('.risk-score').first().waitFor();
    const boxes = await page.locator('.risk-score').evaluateAll((els) => els.map((e) => [e.textContent ?? '', (e as HTMLElement).offsetWidth] as const));
    expect(boxes.length).toBeGreaterThan(1);
    expect(boxes.filter(([text]) => !/^\d+\.\d$/.test(text))).toEqual([]);
    expect(new Set(boxes.map(([, w]) => w)).size).toBe(1);
    // The number is the queue's priority (held first at 100, then the inspection's expected value up to 99),
    // not the model's risk (72.5% on the parcel's page): it is named so.
    expect(await page.locator('.risk-score').first().getAttribute('title')).toBe('우선순위 점수');
    expect(await page.locator('.queue-rank .visually-hidden').first().innerText()).toMatch(/^1위, 우선순위 점수/);
    await filter.selectOption('arrival_reported');
    await page.locator('ol.queue').getByText(arrived.cargoNo).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('back from a parcel (← 대기열로, or a reload) the queue keeps its status filter: it is in the address', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer`);
    await page.getByLabel('상태', { exact: true }).selectOption('declared');
    await page.waitForURL(`${t.base}/officer?status=declared`);
    const first = page.locator('ol.queue li').first().getByRole('link').first();
    await first.click();
    await page.waitForURL(/\/officer\/declarations\/\d+$/);
    await page.getByRole('link', { name: '← 대기열로' }).click();
    // Before: /officer, the filter back to 처리 중인 전체 and page 1.
    await page.waitForURL(`${t.base}/officer?status=declared`);
    expect(await page.getByLabel('상태', { exact: true }).inputValue()).toBe('declared');
    await page.reload();
    await page.locator('ol.queue').waitFor();
    expect(await page.getByLabel('상태', { exact: true }).inputValue()).toBe('declared');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('after a hold, the parties\' history on the page counts it without a reload', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer/declarations/${toHold.id}`);
    const consignee = page.locator('.party').filter({ hasText: '최유진' });
    // 최유진 has this one parcel: 1 declaration, none held.
    await consignee.getByText('신고 1건 · 보류 0 · 불허 0').waitFor();
    const form = page.locator('form[aria-labelledby=decision-title]');
    await form.getByLabel('보류', { exact: true }).check();
    await form.locator('textarea[name=reason]').fill('저가신고 의심: 주문 및 결제 내역을 제출하세요.');
    await form.getByRole('button', { name: '보류' }).click();
    await page.getByRole('status').getByText('처리했습니다. 현재 상태: 통관보류').waitFor();
    await consignee.getByText('신고 1건 · 보류 1 · 불허 0').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('after each action the focus stays where the officer goes on: a recorded result, a refused field, a decision; a misclassification keeps its corrected HS code', async () => {
    const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName);
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: operator.key,
      body: { declarations: [declaration('E2E-STAFF-FOCUS', { consignee: { name: '윤하은', pccc: 'P123456789018', phone: '010-5555-6666', postcode: '04524', address: '서울특별시 중구 세종대로 110' } })] },
    });
    const parcel = (r.body.results as { declarationId: number }[])[0]!.declarationId;
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer/declarations/${parcel}`);
    const form = page.getByTestId('risk-panel').getByRole('form', { name: '검사 결과 기록' });
    await form.locator('select[name=selectedBy]').selectOption('random');
    // 품목분류 오류 asks for the HS code found (the API took correctedHs; the form had no field for it), typed as the tariff prints it.
    await form.locator('select[name=outcome]').selectOption('misclassified');
    await form.locator('input[name=revenueKrw]').fill('8000');
    await form.getByLabel('정정 HS 부호').fill('6109.10-0000');
    await form.getByTestId('record-inspection').click();
    await form.getByRole('status').getByText('검사 결과(품목분류 오류)를 기록했습니다.').waitFor();
    // The confirmation has the focus (before: the page's body, the button disabled while sending).
    await expect.poll(() => focused(page)).toBe('inspection-recorded');
    await page.getByTestId('inspections').getByText('정정 HS 6109100000').waitFor();
    const recorded = (await api(t.base, 'GET', `/api/v1/officer/declarations/${parcel}/risk`, { token: officer.token })).body.inspections as { outcome: string; correctedHs: string | null }[];
    expect(recorded.map((i) => [i.outcome, i.correctedHs])).toEqual([['misclassified', '6109100000']]);

    // A corrected value the API refuses (not above the declared one) takes the focus to its field.
    await form.locator('select[name=outcome]').selectOption('undervalued');
    expect(await form.getByLabel('정정 HS 부호').count()).toBe(0); // asked of a misclassification only
    await form.locator('input[name=revenueKrw]').fill('5000');
    await form.locator('input[name=correctedValueKrw]').fill('1');
    await form.getByTestId('record-inspection').click();
    await form.getByText(/신고 과세가격 [\d,]+원보다 커야 합니다/).waitFor();
    await expect.poll(() => focused(page)).toBe('correctedValueKrw');

    // A decision: its confirmation has the focus.
    const decision = page.locator('form[aria-labelledby=decision-title]');
    await decision.getByLabel('보류', { exact: true }).check();
    await decision.locator('textarea[name=reason]').fill('품목분류 오류: HS 6109.10 정정 신고를 제출하세요.');
    await decision.getByRole('button', { name: '보류' }).click();
    await page.getByTestId('decision-recorded').getByText('처리했습니다. 현재 상태: 통관보류').waitFor();
    await expect.poll(() => focused(page)).toBe('decision-recorded');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a consultation about a parcel links the officer to that declaration', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/officer/consultations?id=${consultationId}`);
    const thread = page.getByTestId('consult-thread');
    // A reply sent: the box is empty and has the focus again (before: the page's body, the button disabled while sending).
    await thread.locator('textarea[name=message]').fill('안녕하세요, 인천세관 특송통관과입니다. 심사 중이며 따로 하실 일은 없습니다.');
    await thread.getByTestId('consult-send').click();
    await thread.getByText('심사 중이며 따로 하실 일은 없습니다.').first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('message');
    expect(await thread.locator('textarea[name=message]').inputValue()).toBe('');
    // Closed: the note that says so has the focus (before: the page's body, the closing form gone).
    await thread.getByLabel('종료 메모').fill('안내 완료');
    await thread.getByRole('button', { name: '상담 종료' }).click();
    await thread.getByTestId('consult-closed').getByText('종료된 상담입니다. 메모: 안내 완료').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('consult-closed');
    await thread.getByRole('link', { name: asked.cargoNo }).click();
    await page.waitForURL(`${t.base}/officer/declarations/${asked.id}`);
    await page.locator('form[aria-labelledby=decision-title]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('administration', () => {
  test('an administrator registers an operator from the portal, gets its first key once, and sees the event stream state; an officer does not', async () => {
    await t.platform.deps.access.createUser({ username: 'qa-admin', displayName: '관리자', role: 'admin', passwordHash: await t.platform.deps.secrets.hashPassword('pw-qa-admin') });
    const admin = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'qa-admin', password: 'pw-qa-admin' } })).body;
    const context = await newContext(browser, 'desktop');
    await signInAs(context, 'officer', admin);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/officer`);
    await page.getByRole('link', { name: '운영 관리' }).click();
    await page.waitForURL(`${t.base}/officer/admin`);
    // the test platform has no NATS_URL
    await page.getByTestId('admin-event-stream').getByText('꺼져 있습니다: 이벤트 스트림 서버(NATS) 주소가 설정되지 않아 이벤트를 외부로 보내지 않습니다.').waitFor();
    await page.getByTestId('admin-operator-table').getByText('STAFFQA', { exact: true }).waitFor();
    await page.getByLabel('업체 코드').fill('newco');
    await page.getByLabel('업체명').fill('뉴코 특송');
    await page.getByLabel('업체 구분').selectOption('courier');
    await page.getByRole('button', { name: '등록하고 API 키 만들기' }).click();
    const key = await page.getByTestId('admin-new-key').innerText();
    expect(key).toMatch(/^tgk_/);
    const row = page.getByTestId('admin-operator-table').locator('tr', { hasText: 'NEWCO' });
    await row.getByText('특송업체').waitFor();
    expect((await api(t.base, 'GET', '/api/v1/me', { token: key })).body).toMatchObject({ kind: 'operator', operatorCode: 'NEWCO', role: 'courier' });
    await snap(page, 'desktop', 'staff-admin');
    expect(errors).toEqual([]);
    await context.close();

    const { context: desk, page: officerPage } = await staffPage(); // qa-desk, an officer
    await officerPage.goto(`${t.base}/officer`);
    await officerPage.locator('#queue-filter').waitFor();
    expect(await officerPage.getByRole('link', { name: '운영 관리' }).count()).toBe(0);
    await officerPage.goto(`${t.base}/officer/admin`);
    await officerPage.getByText('운영 관리는 관리자만 볼 수 있습니다.').waitFor();
    await desk.close();
  });
});

describe('the operator console', () => {
  test('a webhook can be disabled from the console, after a confirmation, and shows as disabled', async () => {
    const url = 'http://127.0.0.1:9/staffqa-hook';
    const created = await api(t.base, 'POST', '/api/v1/webhooks', { token: operator.key, body: { url } });
    expect(created.status).toBe(201);
    // An event for it: a delivery (failing: nothing listens on port 9) in its log.
    await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-STAFF-3', { consignee: { name: '박지훈', pccc: 'P123456789014', phone: '010-4444-5555', postcode: '48058', address: '부산광역시 해운대구 센텀중앙로 79' } })] } });
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '웹훅' }).click();
    const item = page.locator('.webhook', { hasText: url });
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await item.getByRole('button', { name: `${url} 웹훅 사용 중지` }).click();
    await item.getByText('중지됨').waitFor();
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain(url);
    expect(await item.getByRole('button', { name: /사용 중지/ }).count()).toBe(0);
    // Its log stays readable, without "send again": the platform refuses a replay to a disabled webhook.
    await item.getByRole('button', { name: '전송 내역 보기' }).click();
    await item.locator('tbody tr').first().waitFor();
    expect(await item.getByRole('button', { name: /다시 보내기/ }).count()).toBe(0);
    const listed = await api(t.base, 'GET', '/api/v1/webhooks', { token: operator.key });
    expect(listed.body.webhooks.find((w: { id: number }) => w.id === created.body.id).active).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the key in use shows when it was last used', async () => {
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/operator`);
    const row = page.locator('tr', { hasText: '사용 중' }).first();
    await row.waitFor();
    expect(await row.locator('td').nth(3).innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a held declaration is found in the console with the officer\'s reason and what to do, corrected (a refused correction names the field) and withdrawn after a confirmation', async () => {
    const filed = await api(t.base, 'POST', '/api/v1/declarations', {
      token: operator.key,
      body: { declarations: [declaration('E2E-STAFF-OPHOLD', { consignee: { name: '윤하늘', pccc: 'P123456789018', phone: '010-5555-6666', postcode: '04524', address: '서울특별시 중구 세종대로 110' } })] },
    });
    const [held] = filed.body.results as { declarationId: number; cargoNo: string }[];
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${held!.declarationId}/hold`, { token: officer.token, body: { reason: '결제 내역 확인 필요', reasonEn: 'Payment records needed' } });
    expect(hold.status).toBe(200);

    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '신고 내역' }).click();
    const list = page.getByTestId('operator-declarations');
    // Held ones first: the filter starts at 통관보류.
    expect(await list.locator('#decl-status').inputValue()).toBe('held');
    // The status beside the number, where a phone shows it without scrolling the table, then why it is held (19807d3).
    // Read once the list has loaded (the table comes with the first page; allInnerTexts does not wait).
    await list.locator('thead th').last().waitFor();
    expect(await list.locator('thead th').allInnerTexts()).toEqual(['화물관리번호', '상태', '보류 사유', '통관', '업체 참조번호', '마지막 변경']);
    await list.getByRole('button', { name: `${held!.cargoNo} 신고 보기` }).click();
    const panel = page.getByTestId('operator-declaration');
    await panel.getByTestId('operator-hold-reason').getByText('결제 내역 확인 필요').waitFor();
    await panel.getByTestId('operator-next-step').getByText('보류 사유를 확인하고').waitFor();
    await panel.locator('.timeline').getByText('통관보류').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('decl-panel-title');
    await snap(page, 'desktop', 'operator-declaration-held');

    // A correction the engine refuses names the field; the accepted one says the new version.
    await panel.locator('.decl-action summary', { hasText: '신고 정정' }).click();
    const editor = panel.locator('textarea[name=declaration]');
    const doc = JSON.parse(await editor.inputValue()) as { ref: string; items: { quantity: number }[] };
    expect(doc.ref).toBe('E2E-STAFF-OPHOLD');
    // Malformed JSON is said in the page's language with where it breaks (not the browser's English).
    await editor.fill('{\n  "ref": "E2E-STAFF-OPHOLD",\n}');
    await panel.locator('#amend-form textarea[name=reason]').fill('수량 정정');
    await panel.getByRole('button', { name: '정정 보내기' }).click();
    await panel.getByText('JSON 형식이 올바르지 않습니다: 3행 1열의 ‘}’.', { exact: false }).waitFor();
    doc.items[0]!.quantity = 0;
    await editor.fill(JSON.stringify(doc, null, 2));
    await panel.getByRole('button', { name: '정정 보내기' }).click();
    await panel.getByTestId('amend-errors').getByText('items[0].quantity').waitFor();
    doc.items[0]!.quantity = 2;
    await editor.fill(JSON.stringify(doc, null, 2));
    await panel.getByRole('button', { name: '정정 보내기' }).click();
    await panel.getByTestId('amend-done').getByText('정정했습니다: 2차 신고, 현재 상태 통관보류').waitFor();
    const amended = await api(t.base, 'GET', `/api/v1/declarations/${held!.declarationId}`, { token: operator.key });
    expect([amended.body.version, amended.body.declaration.items[0].quantity]).toEqual([2, 2]);

    // Withdrawal: a reason, then asked once more; cancelled it changes nothing.
    await panel.locator('.decl-action summary', { hasText: '신고 취하' }).click();
    await panel.locator('#withdraw-form textarea[name=reason]').fill('판매자 재고 없음');
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await panel.locator('#withdraw-form').getByRole('button', { name: '신고 취하' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain(held!.cargoNo);
    expect(await statusOf(held!.declarationId)).toBe('held');
    page.once('dialog', (d) => void d.accept());
    await panel.locator('#withdraw-form').getByRole('button', { name: '신고 취하' }).click();
    await panel.getByTestId('withdraw-done').getByText(`${held!.cargoNo} 신고를 취하했습니다.`).waitFor();
    expect(await statusOf(held!.declarationId)).toBe('withdrawn');
    await panel.getByText('이 상태에서는 정정하거나 취하할 수 없습니다.').waitFor();
    // Gone from the held list; found by its ref.
    await until(() => list.getByRole('button', { name: `${held!.cargoNo} 신고 보기` }).count(), (n) => n === 0, 'the withdrawn declaration leaves the held list');
    await list.locator('#decl-find').fill('E2E-STAFF-OPHOLD');
    await list.getByRole('button', { name: '찾기' }).click();
    await list.locator('tbody tr', { hasText: held!.cargoNo }).getByText('신고취하').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('신고 내역, 전체: newest first, so a declaration filed today heads the first page (also one filed while the page is open, on refresh)', async () => {
    const consignee = (i: number) => ({ name: '서민준', pccc: `P12345678902${i}`, phone: '010-7777-8888', postcode: '04524', address: '서울특별시 중구 세종대로 110' });
    const filed = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-STAFF-NEW1', { consignee: consignee(1) }), declaration('E2E-STAFF-NEW2', { consignee: consignee(2) })] } });
    const [older, newer] = filed.body.results as { declarationId: number; cargoNo: string }[];
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '신고 내역' }).click();
    const list = page.getByTestId('operator-declarations');
    const filter = list.locator('#decl-status');
    expect(await filter.locator('option[value=""]').innerText()).toBe('전체(최신 순)');
    await filter.selectOption('');
    const firstCargoNo = () => list.locator('tbody tr').first().locator('td').first().innerText();
    await until(firstCargoNo, (c) => c === newer!.cargoNo, 'the newest declaration on top');
    const shown = await list.locator('tbody tr td:first-child').allInnerTexts();
    expect(shown.slice(0, 2)).toEqual([newer!.cargoNo, older!.cargoNo]);
    // the operator's own, as the API lists them newest first: nothing of another operator's
    const own = await api(t.base, 'GET', '/api/v1/declarations?order=desc&limit=50', { token: operator.key });
    expect(shown).toEqual(own.body.declarations.map((d: { cargoNo: string }) => d.cargoNo));

    const late = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-STAFF-NEW3', { consignee: consignee(3) })] } });
    await list.getByRole('button', { name: '새로고침' }).click();
    await until(firstCargoNo, (c) => c === late.body.results[0].cargoNo, 'the one filed while the page was open on top');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await filter.locator('option[value=""]').innerText()).toBe('All (newest first)');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a rejected declaration of a batch is named by its place from one (2번째, declarations[1]), and a CSV row\'s errors sit under it', async () => {
    const bad = declaration('E2E-STAFF-BAD', { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 0, price: 40 }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-STAFF-OK'), bad] } });
    expect(r.body.summary.rejected).toBe(1);
    const { context, page, errors } = await staffPage();
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '제출 내역' }).click();
    const rejection = page.locator('.rejections li', { hasText: 'E2E-STAFF-BAD' }).first();
    await rejection.getByText('2번째 신고 (declarations[1])').waitFor();

    const header = 'ref,declaredAt,ecommerceType,shipment.mode,shipment.shipFrom,shipment.grossWeightKg,consignee.name,consignee.pccc,consignee.phone,consignee.postcode,consignee.address,order.currency,items.description,items.category,items.quantity,items.price';
    const row = (ref: string, quantity: string) => `${ref},2026-11-18,direct,express,US,0.5,김민지,P123456789012,010-1234-5678,06236,서울특별시 강남구 테헤란로 123,USD,티셔츠 Nike Dri-FIT,clothing,${quantity},40`;
    const form = page.locator('form[aria-labelledby=csv-title]');
    await form.locator('input[name=csv]').setInputFiles({ name: 'd.csv', mimeType: 'text/csv', buffer: Buffer.from([header, row('E2E-STAFF-CSV1', '1'), row('E2E-STAFF-CSV2', 'two')].join('\n')) });
    await form.getByRole('button', { name: '보내기' }).click();
    const errorsRow = page.getByTestId('csv-errors-1');
    await errorsRow.getByText('items[0].quantity').waitFor();
    // Its own row across the table, right under the rejected declaration's.
    expect(await errorsRow.locator('td').getAttribute('colspan')).toBe('5');
    expect(await errorsRow.evaluate((el) => el.previousElementSibling?.textContent ?? '')).toContain('E2E-STAFF-CSV2');
    await errorsRow.getByText('2번째 신고 (declarations[1])').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a delivery the receiver refused shows its HTTP status once (not "HTTP 500 HTTP 500")', async () => {
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(500).end('not today'));
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/staffqa-500`;
      const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: operator.key, body: { url } });
      expect(hook.status).toBe(201);
      await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-STAFF-500', { consignee: { name: '정다은', pccc: 'P123456789019', phone: '010-6666-7777', postcode: '04524', address: '서울특별시 중구 세종대로 110' } })] } });
      await until(
        async () => (await api(t.base, 'GET', `/api/v1/webhooks/${hook.body.id}/deliveries`, { token: operator.key })).body.deliveries as { lastStatus: number | null }[],
        (d) => d.some((x) => x.lastStatus === 500),
        'a delivery refused with HTTP 500',
        30_000,
      );
      const { context, page, errors } = await staffPage();
      await page.goto(`${t.base}/operator`);
      await page.getByRole('tab', { name: '웹훅' }).click();
      const item = page.locator('.webhook', { hasText: url });
      await item.getByRole('button', { name: '전송 내역 보기' }).click();
      const cell = item.locator('tbody tr td', { hasText: 'HTTP 500' }).first();
      await cell.waitFor();
      expect((await cell.innerText()).match(/HTTP 500/g)).toHaveLength(1);
      // What happened, by name (not only "#3458"), the event id and its type under it; replay says which.
      const row = item.locator('tbody tr', { hasText: 'SUBMITTED' }).first();
      // …and the parcel it is about, its cargo number and the operator's ref (6d16453)
      expect(await row.locator('td').first().innerText()).toMatch(/^신고접수\n\d{2}TGW\d{10} · E2E-STAFF-500\n#\d+ · SUBMITTED$/);
      const again = row.getByRole('button', { name: /^이벤트 신고접수 \(evt_\d+\) 다시 보내기$/ });
      await again.click();
      await item.getByText('다시 보내도록 예약했습니다.').waitFor();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      expect(await row.locator('td').first().innerText()).toMatch(/^Declaration received\n\d{2}TGW\d{10} · E2E-STAFF-500\n#\d+ · SUBMITTED$/);
      await row.getByRole('button', { name: /^Send event Declaration received \(evt_\d+\) again$/ }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      receiver.close();
    }
  });
});
