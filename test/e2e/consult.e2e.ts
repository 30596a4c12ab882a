// Real-time consultation (민원상담) in real Chromium: a consumer (phone) opens a consultation
// about their parcel in the consumer area; an officer answers by API, then from the officer inbox
// (desktop); the consumer's page shows both answers without reloading (SSE over LISTEN/NOTIFY).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { addDays, koreanDateOf } from '../../src/domain/dates.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { horizontalOverflow, launchBrowser, newContext, signInAs, snap, unlabelledControls, until, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let phone: BrowserContext;
let desk: BrowserContext;
let consumerPage: Page;
let officerPage: Page;
let errors: string[];
let officer: { token: string; expiresAt: string; user: unknown };
let consumerToken = '';
let cargoNo = '';
let declarationId = 0;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  const op = await t.operator('CONSULTSHOP');
  // Valid for a year from today in Korea: a fixed expiry lapses (from 2028-01-01 for 2027-12-31) and the code's verification fails.
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: addDays(koreanDateOf(new Date().toISOString()), 365) },
  ]);
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('E2E-CONSULT-1')] } });
  cargoNo = r.body.results[0].cargoNo;
  declarationId = r.body.results[0].declarationId;
  // The consumer verifies by API (the sign-in screens have their own tests) and the session is put where the portal keeps it.
  const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: 'P123456789012', name: '김민지', phone: '010-1234-5678', postcode: '06236' } });
  const inbox = await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01012345678');
  // The newest one-time code, not the newest message: the usage alert for the declaration filed above
  // goes out after intake answers (verify-declaration-consent.ts) and may land after the code.
  const code = /인증번호 (\d{6})/.exec(inbox.body.notifications.find((n: { body: string }) => n.body.includes('인증번호'))!.body)![1]!;
  const done = await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code } });
  consumerToken = done.body.token;
  await t.platform.deps.access.createUser({ username: 'e2e-desk', displayName: '정세관', role: 'officer', passwordHash: await t.platform.deps.secrets.hashPassword('pw-e2e-desk') });
  officer = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e-desk', password: 'pw-e2e-desk' } })).body;

  phone = await newContext(browser, 'phone');
  const consumerSession = { token: consumerToken, pccc: 'P123456789012', expiresAt: new Date(Date.now() + 25 * 60_000).toISOString(), method: 'otp' };
  await signInAs(phone, 'consumer', consumerSession);
  consumerPage = await phone.newPage();
  errors = watchErrors(consumerPage);
  desk = await newContext(browser, 'desktop');
  await signInAs(desk, 'officer', officer);
  officerPage = await desk.newPage();
});
afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await browser?.close();
  await t?.close();
});

describe('real-time consultation', () => {
  test('a consumer opens a consultation and sees the answers arrive live', async () => {
    await consumerPage.goto(`${t.base}/me`);
    const mine = consumerPage.getByTestId('my-consultations');
    await mine.waitFor();
    await mine.getByText('상담 내역이 없습니다.').waitFor();
    await mine.locator('select[name=topic]').selectOption('hold');
    await mine.locator('select[name=parcel] option', { hasText: cargoNo }).waitFor({ state: 'attached' });
    await mine.locator('select[name=parcel]').selectOption({ label: `${cargoNo} · 티셔츠 Nike Dri-FIT` });
    await mine.locator('textarea[name=message]').fill('통관보류 사유가 무엇인가요?');
    await mine.getByTestId('consult-start').click();
    const thread = consumerPage.getByTestId('consult-messages');
    await thread.getByText('통관보류 사유가 무엇인가요?').waitFor();
    await consumerPage.getByTestId('consult-live').getByText('실시간 연결됨').waitFor();
    expect(await horizontalOverflow(consumerPage)).toBe(0);
    expect(await unlabelledControls(consumerPage)).toEqual([]);

    // An officer answers by API: the consumer's page shows it without a reload.
    const list = await api(t.base, 'GET', '/api/v1/officer/consultations', { token: officer.token });
    const id = list.body.consultations[0].id as number;
    expect(list.body.consultations[0]).toMatchObject({ pccc: 'P123456789012', cargoNo, topic: 'hold', status: 'open' });
    const reply = await api(t.base, 'POST', `/api/v1/officer/consultations/${id}/messages`, { token: officer.token, body: { message: '검사 대상으로 선별되어 확인 중입니다.' } });
    expect(reply.status).toBe(201);
    await thread.getByText('검사 대상으로 선별되어 확인 중입니다.').waitFor();
    await thread.getByText('세관 담당자 정세관').first().waitFor();
    expect(await horizontalOverflow(consumerPage)).toBe(0);
    await snap(consumerPage, 'phone', 'consult-consumer-thread');

    // The officer answers from the inbox in the browser; the consumer sees that too.
    await officerPage.goto(`${t.base}/officer/consultations`);
    await officerPage.getByTestId(`consultation-${id}`).click();
    const officerThread = officerPage.getByTestId('consult-thread');
    await officerThread.getByText('P123456789012').waitFor();
    await officerThread.locator('textarea[name=message]').fill('내일 검사 후 반출됩니다.');
    await officerThread.getByTestId('consult-send').click();
    await officerThread.getByTestId('consult-messages').getByText('내일 검사 후 반출됩니다.').waitFor();
    expect(await unlabelledControls(officerPage)).toEqual([]);
    await snap(officerPage, 'desktop', 'consult-officer-inbox');
    await thread.getByText('내일 검사 후 반출됩니다.').waitFor();

    // Closing shows on the consumer's page live as well.
    await officerThread.locator('input[name=note]').fill('안내 완료');
    await officerThread.getByRole('button', { name: '상담 종료' }).click();
    await consumerPage.getByText('종료된 상담입니다. 메모: 안내 완료').waitFor();
    expect(await consumerPage.locator('textarea[name=message]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a held parcel: "ask customs" on the tracking page opens the consumer area with a consultation about it ready to write', async () => {
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/hold`, { token: officer.token, body: { reason: '원산지 증빙 확인 필요' } });
    expect(hold.status).toBe(200);
    await consumerPage.goto(`${t.base}/track?cargoNo=${cargoNo}`);
    await consumerPage.getByText('원산지 증빙 확인 필요').first().waitFor();
    await consumerPage.getByTestId('consult-about').click();
    const mine = consumerPage.getByTestId('my-consultations');
    await until(() => mine.locator('select[name=parcel]').inputValue(), (v) => v === String(declarationId), 'the parcel chosen');
    expect(await mine.locator('select[name=topic]').inputValue()).toBe('hold');
    expect(await consumerPage.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('name'))).toBe('message');
    await snap(consumerPage, 'phone', 'consult-about-held-parcel');

    // In the consumer area the held parcel comes first, with the same way to ask.
    const first = consumerPage.locator('.lookup-card').first();
    expect(await first.textContent()).toContain(cargoNo);
    await mine.locator('select[name=topic]').selectOption('other');
    await first.getByTestId('consult-about').click();
    await until(() => mine.locator('select[name=topic]').inputValue(), (v) => v === 'hold', 'the topic set again');
    expect(errors).toEqual([]);
  });

  test('"more" in the officer inbox reads on from where it was: a thread that moved meanwhile shows once, none is skipped (before: by offset, one repeated, one never shown)', async () => {
    const store = t.platform.deps.consultations!.store;
    for (let i = 0; i < 120; i++) await store.open({ pccc: 'P123456789012', declarationId: null, topic: 'other', message: { authorKind: 'consumer', authorUserId: null, body: `대기 문의 ${i}` } });
    const start = (await api(t.base, 'GET', '/api/v1/officer/consultations?limit=200', { token: officer.token })).body.consultations.map((c: { id: number }) => c.id) as number[];
    expect(start.length).toBeGreaterThan(110);
    await officerPage.goto(`${t.base}/officer/consultations`);
    const rows = officerPage.locator('[data-testid^="consultation-"]');
    await until(() => rows.count(), (n) => n === 100, 'the first page');
    // Meanwhile a consumer writes in a thread below the first page (it goes first) and a colleague answers one shown (it goes below).
    const moved = start[105]!;
    expect((await store.append(moved, 'consumer_message', { authorKind: 'consumer', authorUserId: null, body: '아직인가요?' }, () => ({ ok: true, status: 'open' }))).ok).toBe(true);
    expect((await api(t.base, 'POST', `/api/v1/officer/consultations/${start[3]}/messages`, { token: officer.token, body: { message: '확인했습니다.' } })).status).toBe(201);
    await officerPage.getByTestId('inbox-more').click();
    await until(() => rows.count(), (n) => n >= start.length, 'the page after');
    const shown = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.slice('consultation-'.length))));
    expect(shown).toEqual(start); // each once, in the order of the first page
    expect(await officerPage.getByTestId('inbox-more').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('on a phone, the officer opens a thread from the inbox: it takes the focus and is on screen (before: below the inbox, out of sight, the focus left on the row)', async () => {
    const small = await newContext(browser, 'phone');
    await signInAs(small, 'officer', officer);
    const page = await small.newPage();
    const pageErrors = watchErrors(page);
    await page.goto(`${t.base}/officer/consultations`);
    // The inbox as the test before leaves it: a hundred threads on its first page, the thread below them all.
    const row = page.locator('[data-testid^="consultation-"]').nth(2);
    await row.click();
    const heading = page.getByTestId('consult-thread').locator('#consult-thread-title');
    await heading.waitFor();
    await until(() => page.evaluate(() => document.activeElement?.id ?? ''), (id) => id === 'consult-thread-title', 'the thread focused');
    // In the viewport (360 × 780, support.ts's phone): the heading's top between 0 and the window's height.
    const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(await page.evaluate(() => innerHeight));
    expect(pageErrors).toEqual([]);
    await small.close();
  });
});
