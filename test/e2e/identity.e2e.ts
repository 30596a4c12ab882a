// Consumer identity in real Chromium with a virtual authenticator (CDP WebAuthn: ctap2, internal,
// resident keys, user verification): register a passkey, approve an order through the QR flow
// with two browser contexts (the shop on a desktop, the phone), decline, and the refusals (a
// replayed token, a tampered order, an expired request, a wrong matching number); "not me"
// holds the parcel. The platform runs in this process so the test can move a request's clock.
// WebAuthn needs a secure context: the pages are opened at http://localhost:PORT (RP ID localhost).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { startTestPlatform, api, type TestPlatform } from '../support/test-platform.ts';
import { launchBrowser, newContext, snap, until, watchErrors } from './support.ts';
import { freePort } from '../support/free-port.ts';

let t: TestPlatform;
let base = '';
let browser: Browser;
let mall: BrowserContext;
let phone: BrowserContext;
let mallPage: Page;
let phonePage: Page;
let phoneErrors: string[];
const SHOP_KEY = 'tgk_demo_aliexpress_0123456789abcdef';
const CONSUMER = { pccc: 'P250000000001', name: '김민지', phone: '010-1234-5678', postcode: '06236' };

async function virtualAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

/** The shop asks for approval; returns the matching number and the link the QR code encodes. */
async function shopRequests(orderNo: string, pccc = CONSUMER.pccc): Promise<{ number: string; link: string; id: string }> {
  await mallPage.goto(`${base}/demo/mall`);
  await mallPage.fill('input[name="pccc"]', pccc);
  await mallPage.fill('input[name="orderNo"]', orderNo);
  await mallPage.click('[data-testid="request-consent"]');
  await mallPage.waitForSelector('[data-testid="matching-number"]');
  const number = (await mallPage.textContent('[data-testid="matching-number"]'))!.trim();
  const link = (await mallPage.getAttribute('[data-testid="consent-qr"]', 'data-link'))!;
  const id = (await mallPage.getAttribute('[data-consent-id]', 'data-consent-id'))!;
  expect(await mallPage.getAttribute('[data-testid="consent-qr"]', 'src')).toMatch(/^data:image\/png;base64,/);
  return { number, link, id };
}

/** On /me/security signed out: the holder of `pccc` (the demo consumer's name, mobile and postcode) asks for a code by text message; the demo SMS is shown. */
async function askForTextCode(page: Page, pccc: string): Promise<void> {
  await page.fill('input[name="pccc"]', pccc);
  await page.fill('input[name="name"]', CONSUMER.name);
  await page.fill('input[name="phone"]', CONSUMER.phone);
  await page.fill('input[name="postcode"]', CONSUMER.postcode);
  await page.click('button[type="submit"]');
  await page.waitForSelector('[data-testid="demo-sms"]');
}

/** The code the demo SMS shows, entered and sent: the holder signs in. */
async function enterTextCode(page: Page): Promise<void> {
  await page.fill('input[name="code"]', /(\d{6})/.exec((await page.textContent('[data-testid="demo-sms"]'))!)![1]!);
  await page.click('button[type="submit"]');
}

function declarationFor(ref: string, orderNo: string, token: string | null, over: Record<string, unknown> = {}) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    ref,
    declaredAt: today,
    ecommerceType: 'direct',
    purpose: 'personal',
    shipment: { mode: 'express', shipFrom: 'CN', hblNo: `ID${ref.replace(/\W/g, '')}`, grossWeightKg: 0.5 },
    parties: { platform: { name: 'AliExpress' }, seller: { name: 'Xiaomi Official Store' }, courier: { name: 'CJ대한통운', code: 'CJKX' } },
    consignee: { name: CONSUMER.name, pccc: CONSUMER.pccc, phone: CONSUMER.phone, postcode: CONSUMER.postcode, address: '서울특별시 강남구 테헤란로 123' },
    order: { orderNo, purchasedAt: today, currency: 'USD' },
    items: [{ description: '보조배터리 Xiaomi Power Bank 20000mAh', quantity: 1, price: 32.5, hsCode: '8507609000', originCountry: 'CN' }],
    ...(token ? { consent: { token } } : {}),
    ...over,
  };
}

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  const port = await freePort();
  [t, browser] = await Promise.all([startTestPlatform({ port, seedDemo: true, demoDeclarations: 60 }), launchBrowser()]);
  base = t.base.replace('127.0.0.1', 'localhost');
  mall = await newContext(browser, 'desktop');
  phone = await newContext(browser, 'phone');
  mallPage = await mall.newPage();
  phonePage = await phone.newPage();
  phoneErrors = watchErrors(phonePage);
  await virtualAuthenticator(phone, phonePage);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('passkeys and order-bound approval', () => {
  test('the consumer proves name + mobile + postcode, then registers a passkey', async () => {
    await phonePage.goto(`${base}/me/security`);
    // The page is called what the sign-in hint (and /me's card) calls it: "register one under ‘…’".
    const title = (await phonePage.locator('h1').textContent())!.trim();
    await phonePage.getByText(`‘${title}’에서 등록하세요`, { exact: false }).waitFor();
    await askForTextCode(phonePage, CONSUMER.pccc);
    await enterTextCode(phonePage);
    await phonePage.waitForSelector('[data-testid="signed-in"]');
    // The sign-in form that had the focus is gone: the session line takes it, not the top of the page.
    expect(await phonePage.getByTestId('signed-in').evaluate((el) => el === document.activeElement)).toBe(true);
    await phonePage.click('[data-testid="register-passkey"]');
    await phonePage.waitForSelector('[data-testid="passkey-list"] li');
    // The button was disabled during the ceremony (losing the focus): the result takes it.
    await phonePage.getByTestId('passkey-registered').waitFor();
    expect(await phonePage.getByTestId('passkey-registered').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await phonePage.locator('[data-testid="passkey-list"] li').count()).toBe(1);
    // Named by device and browser, not navigator.platform ("Linux x86_64").
    expect(await phonePage.locator('[data-testid="passkey-list"] li strong').textContent()).toBe('Linux · Chrome');
    // The security activity lists it, by its label (never its credential id).
    await phonePage.getByTestId('security-activity').locator('li[data-kind="passkey_added"]').getByText('패스키를 등록했습니다 (Linux · Chrome).', { exact: false }).waitFor();
    await snap(phonePage, 'phone', 'identity-passkey-registered');
    // sign out and back in with the passkey alone (the second method)
    await phonePage.click('text=로그아웃');
    // The button used is gone: the focus goes to the page's start (the main region), not <body>.
    await phonePage.getByTestId('passkey-sign-in').waitFor();
    expect(await phonePage.evaluate(() => document.activeElement?.id)).toBe('main');
    await phonePage.click('[data-testid="passkey-sign-in"]');
    await phonePage.waitForSelector('[data-testid="signed-in"]');
    // The way of signing in in the page's language (it said "로그인 수단: passkey").
    expect(await phonePage.textContent('[data-testid="signed-in"]')).toContain('로그인 수단: 패스키');
    // The consumer area takes the same passkey (it used to list passkeys as "coming soon").
    await phonePage.goto(`${base}/me`);
    await phonePage.getByTestId('my-count').waitFor(); // the tab's session carries over
    await phonePage.getByRole('button', { name: '로그아웃' }).click();
    await phonePage.getByTestId('passkey-sign-in').click();
    await phonePage.getByTestId('my-count').waitFor();
    await phonePage.getByText(`본인 확인 완료 · 개인통관고유부호 ${CONSUMER.pccc}`).waitFor();
    await snap(phonePage, 'phone', 'identity-me-passkey');
  });

  let approvedToken = '';
  const approvedOrder = `AE-${Date.now().toString().slice(-6)}`;

  test('QR flow: the shop shows a QR code and a number, the phone sees the order, picks the number and approves', async () => {
    const { number, link } = await shopRequests(approvedOrder);
    expect(new URL(link).host).toBe(new URL(base).host);
    await snap(mallPage, 'desktop', 'identity-shop-qr');
    await phonePage.goto(link);
    await phonePage.waitForSelector('[data-testid="consent-order"]');
    expect(await phonePage.textContent('[data-testid="consent-order"]')).toContain(approvedOrder);
    // money as the rest of the portal writes it (Intl, currency code first; the space may be a no-break space)
    expect(await phonePage.textContent('[data-testid="consent-total"]')).toMatch(/USD\s32\.50/);
    // whoever holds the link sees the area of the delivery postcode, not the postcode
    expect(await phonePage.textContent('[data-testid="consent-postcode"]')).toBe('062**');
    expect(await phonePage.textContent('[data-testid="consent-order"]')).not.toContain(CONSUMER.postcode);
    await snap(phonePage, 'phone', 'identity-consent-order');
    await phonePage.click(`[data-testid="choice-${number}"]`);
    await phonePage.click('[data-testid="approve"]');
    await phonePage.waitForSelector('[data-testid="consent-result"]');
    // The decision is said in a status region that takes the focus the approve button had.
    expect(await phonePage.$eval('[data-testid="consent-result"]', (el) => el.getAttribute('role') === 'status' && el === document.activeElement)).toBe(true);
    await snap(phonePage, 'phone', 'identity-consent-approved');
    // Decided: the phone no longer offers a deadline to decide by, and points to the history.
    expect(await phonePage.getByTestId('consent-order').textContent()).not.toContain('까지 승인할 수 있습니다');
    await phonePage.getByTestId('consent-history').waitFor();
    await mallPage.waitForSelector('[data-testid="consent-token"]');
    approvedToken = await mallPage.inputValue('[data-testid="consent-token"]');
    // The shop's token box is named in the page's language, and the same-device link to a decided request is gone.
    expect(await mallPage.getAttribute('[data-testid="consent-token"]', 'aria-label')).toBe('승인 토큰');
    expect(await mallPage.getByTestId('deep-link').count()).toBe(0);
    expect(approvedToken.split('.')).toHaveLength(3);
    await snap(mallPage, 'desktop', 'identity-shop-approved');
  });

  test('the approved order is verified at intake; the replayed token and a tampered order are refused', async () => {
    const submit = (decls: unknown[]) => api(t.base, 'POST', '/api/v1/declarations', { token: SHOP_KEY, body: { declarations: decls } });
    const ok = await submit([declarationFor('ID-OK', approvedOrder, approvedToken)]);
    expect(ok.body.results[0].errors).toEqual([]);
    expect(ok.body.results[0].assessment.signals).toContain('VERIFIED_CONSUMER');
    const replay = await submit([declarationFor('ID-REPLAY', approvedOrder, approvedToken)]);
    expect(replay.body.results[0].assessment.reasons.map((r: { code: string }) => r.code)).toContain('CONSENT_TOKEN_REUSED');
    const tampered = await submit([declarationFor('ID-TAMPER', approvedOrder, approvedToken, { items: [{ description: '보조배터리 Xiaomi Power Bank 20000mAh', quantity: 4, price: 32.5, hsCode: '8507609000', originCountry: 'CN' }] })]);
    const a = tampered.body.results[0].assessment;
    expect(a.signals).toContain('CONSENT_MISMATCH');
    expect(a.reasons.find((r: { code: string }) => r.code === 'CONSENT_MISMATCH').en).toContain('items');
  });

  test('decline: the phone declines with the passkey, the shop sees it and gets no token', async () => {
    const { link } = await shopRequests(`AE-D${Date.now().toString().slice(-5)}`);
    await phonePage.goto(link);
    await phonePage.click('[data-testid="decline"]');
    await phonePage.waitForSelector('[data-testid="consent-result"]');
    // What follows is said: the shop gets no approval; an order not one's own is checked in the history.
    expect(await phonePage.getByTestId('consent-result').textContent()).toContain('쇼핑몰은 이 주문에 대한 승인을 받지 못합니다');
    await phonePage.getByTestId('consent-history').waitFor();
    await mallPage.waitForSelector('[data-testid="mall-status"][data-status="declined"]');
    expect(await mallPage.locator('[data-testid="consent-token"]').count()).toBe(0);
    await snap(mallPage, 'desktop', 'identity-shop-declined');
  });

  test('a wrong matching number cancels the request', async () => {
    const { number, link } = await shopRequests(`AE-W${Date.now().toString().slice(-5)}`);
    await phonePage.goto(link);
    await phonePage.waitForSelector('[data-testid="consent-order"]');
    const choices = await phonePage.locator('[data-testid^="choice-"]').allTextContents();
    const wrong = choices.map((c) => c.trim()).find((c) => c !== number)!;
    await phonePage.click(`[data-testid="choice-${wrong}"]`);
    await phonePage.click('[data-testid="approve"]');
    // Cancelled: said in words where the buttons were, with their focus and what to do next; not as
    // an error with its code (CONSENT_NUMBER_MISMATCH) above buttons that could only fail again.
    const result = phonePage.getByTestId('consent-result');
    await result.getByText('번호가 달라 요청이 취소되었습니다', { exact: false }).waitFor();
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await phonePage.getByTestId('approve').count()).toBe(0);
    expect(await phonePage.locator('main').textContent()).not.toContain('CONSENT_NUMBER_MISMATCH');
    await snap(phonePage, 'phone', 'identity-consent-wrong-number');
    await mallPage.waitForSelector('[data-testid="mall-status"][data-status="refused"]');
    // The shop says it in words too (it said "요청이 끝났습니다: refused").
    const mallStatus = (await mallPage.getByTestId('mall-status').textContent())!;
    expect(mallStatus).toContain('다른 번호를 골라 요청이 취소되었습니다');
    expect(mallStatus).not.toContain('refused');
  });

  test('an expired request cannot be approved', async () => {
    const { number, link, id } = await shopRequests(`AE-E${Date.now().toString().slice(-5)}`);
    await t.db.pool.query(`UPDATE consent_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await phonePage.goto(link);
    await phonePage.waitForSelector('[data-testid="consent-closed"]');
    expect(await phonePage.locator(`[data-testid="choice-${number}"]`).count()).toBe(0);
    const forced = await api(t.base, 'POST', `/api/v1/consent/${id}/options`, { body: { decision: 'approve', number } });
    expect([forced.status, forced.body.error.code]).toEqual([410, 'CONSENT_EXPIRED']);
    await snap(phonePage, 'phone', 'identity-consent-expired');
  });

  test('the ledger shows a page of parcels and the older ones on request', async () => {
    const older = Array.from({ length: 55 }, (_, i) =>
      declarationFor(`LEDGER-PAGE-${i}`, `LP-${i}`, null, { parties: { platform: { name: 'AliExpress' }, seller: { name: `Ledger Seller ${i}` }, courier: { name: 'CJ대한통운', code: 'CJKX' } } }),
    );
    const sent = await api(t.base, 'POST', '/api/v1/declarations', { token: 'tgk_demo_aliexpress_0123456789abcdef', body: { declarations: older } });
    expect(sent.body.results.filter((r: { status: string }) => r.status === 'accepted')).toHaveLength(55);
    await phonePage.goto(`${base}/me/security`);
    const entries = phonePage.locator('[data-testid="ledger"] li');
    await phonePage.locator('[data-order="LP-54"]').waitFor(); // the newest first
    expect(await entries.count()).toBe(50);
    await phonePage.click('[data-testid="ledger-more"]');
    await until(() => entries.count(), (n) => n > 50, 'older parcels listed');
    expect(await phonePage.locator('[data-order="LP-0"]').count()).toBe(1); // the 55th newest, on the second page
    await snap(phonePage, 'phone', 'identity-ledger-more');
    expect(phoneErrors).toEqual([]);
  });

  test('"not me" holds a parcel declared under the code without the consumer', async () => {
    const stolen = await api(t.base, 'POST', '/api/v1/declarations', {
      token: 'tgk_demo_temu_0123456789abcdef',
      // USD 400 of shoes: over the de minimis, taxed (an import declaration).
      body: {
        declarations: [
          declarationFor('STOLEN-1', 'TM-999', null, {
            parties: { platform: { name: 'Temu' }, seller: { name: 'Unknown Seller' } },
            items: [{ description: '운동화 Nike Air Max 90', category: 'shoes', quantity: 1, price: 400, originCountry: 'VN' }],
          }),
        ],
      },
    });
    expect(stolen.body.results[0].assessment.taxes.totalKrw).toBeGreaterThan(0);
    const cargoNo = stolen.body.results[0].cargoNo as string;
    expect(stolen.body.results[0].assessment.signals).toContain('CONSENT_MISSING');
    await phonePage.goto(`${base}/me/security`);
    const entry = phonePage.locator(`[data-cargo="${cargoNo}"]`);
    await entry.waitFor();
    // Reporting holds the parcel: the consumer confirms, told what follows.
    const notMeDialog = new Promise<string>((resolve) => phonePage.once('dialog', (d) => (resolve(d.message()), void d.accept())));
    await entry.locator('[data-testid="not-me"]').click();
    expect(await notMeDialog).toContain(`${cargoNo}`);
    await entry.locator('[data-testid="reported"]').waitFor();
    expect(await entry.textContent()).toContain('반출 보류');
    // and says what to do next, as the report's text message does (it said only "신고됨 (사건 n)").
    expect(await entry.textContent()).toContain('위의 ‘내 개인통관고유부호’에서 재발급하거나 사용정지하세요');
    // The note replaces the button just used: it takes the focus (it fell to <body>).
    expect(await entry.getByTestId('reported').evaluate((el) => el === document.activeElement)).toBe(true);
    const lookup = await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`);
    expect(lookup.body.status).toBe('held');
    // The security activity lists the report with the cargo number.
    await phonePage.getByTestId('security-activity').locator('li[data-kind="not_me_reported"]').getByText(`'내가 아님'을 신고했습니다: 화물관리번호 ${cargoNo}.`, { exact: false }).waitFor();
    await snap(phonePage, 'phone', 'identity-not-me');
    // Its taxes are not asked of the person who said "not mine": the notice on /me says why, with no
    // payment form, and the tracking page offers no "pay" (관세법 제19조①1: the owner of the goods owes them).
    await phonePage.goto(`${base}/me?pay=${cargoNo}`);
    const notice = phonePage.getByTestId(`notice-${cargoNo}`);
    await notice.getByTestId('not-payable').waitFor();
    expect(await notice.textContent()).toContain("'내가 아님'");
    expect(await notice.locator('button', { hasText: '납부' }).count()).toBe(0);
    await phonePage.goto(`${base}/track?cargoNo=${cargoNo}`);
    await phonePage.getByTestId('consult-about').waitFor();
    expect(await phonePage.getByTestId('pay-about').count()).toBe(0);
    await snap(phonePage, 'phone', 'identity-not-me-taxes');
    await phonePage.goto(`${base}/me/security`);
    // the consumer suspends and reissues the code from the same screen (signed in with the passkey)
    // Suspending and resuming swap their buttons: each result is said and takes the focus.
    const suspendDialog = new Promise<void>((resolve) => phonePage.once('dialog', (d) => void d.accept().then(resolve)));
    await phonePage.click('[data-testid="suspend"]');
    await suspendDialog;
    const changed = phonePage.getByTestId('code-changed');
    await changed.getByText('사용정지했습니다', { exact: false }).waitFor();
    expect(await changed.evaluate((el) => el === document.activeElement)).toBe(true);
    await phonePage.getByRole('button', { name: '정지 해제', exact: true }).click();
    await changed.getByText('사용정지를 해제했습니다', { exact: false }).waitFor();
    expect(await changed.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await phonePage.textContent('[data-testid="own-status"]')).toBe('사용 중');
    // Reissuing cancels the code at once: a dismissed confirmation changes nothing.
    const reissues: string[] = [];
    phonePage.on('request', (r) => void (r.url().includes('/pccc/reissue') && reissues.push(r.url())));
    const dismissed = new Promise<void>((resolve) => phonePage.once('dialog', (d) => void d.dismiss().then(resolve)));
    await phonePage.click('[data-testid="reissue"]');
    await dismissed;
    expect(reissues).toEqual([]);
    const reissueDialog = new Promise<string>((resolve) => phonePage.once('dialog', (d) => (resolve(d.message()), void d.accept())));
    await phonePage.click('[data-testid="reissue"]');
    expect(await reissueDialog).toContain(`지금 부호(${CONSUMER.pccc})는 바로 해지`);
    await phonePage.waitForSelector('[data-testid="new-code"]');
    // One request in all, the confirmed one: a request the dismissed click had sent would have gone
    // before the second click, so it would be counted here (no sleep needed to give it time).
    expect(reissues).toHaveLength(1);
    const newCode = (await phonePage.textContent('[data-testid="own-pccc"]'))!.trim();
    expect(newCode).toMatch(/^P\d{12}$/);
    expect(newCode).not.toBe(CONSUMER.pccc);
    // The session follows the holder to the new code: its line names the code the card shows (it kept
    // the cancelled one, two codes as "mine" on one page), the tab's stored session too, and the server's.
    await until(() => phonePage.textContent('[data-testid="signed-in"]'), (s) => !!s?.startsWith(newCode), 'the session line names the new code');
    expect(await phonePage.textContent('[data-testid="signed-in"]')).not.toContain(CONSUMER.pccc);
    const stored = JSON.parse((await phonePage.evaluate(() => sessionStorage.getItem('tonggwan.consumer')))!) as { token: string; pccc: string };
    expect(stored.pccc).toBe(newCode);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: stored.token })).body.pccc).toBe(newCode);
    await snap(phonePage, 'phone', 'identity-reissued');
    expect(phoneErrors).toEqual([]);
  });

  test('a second phone: its passkey waits 24 hours (the time in KST), the old one removed keeps the focus in the list, approving says from when it can', async () => {
    // The code as reissued by the test above; the holder (and the phone's passkey) the same.
    const pccc = (await phonePage.textContent('[data-testid="own-pccc"]'))!.trim();
    const second = await newContext(browser, 'phone');
    const page = await second.newPage();
    const errors = watchErrors(page);
    await virtualAuthenticator(second, page);
    await page.goto(`${base}/me/security`);
    await askForTextCode(page, pccc);
    // The code's deadline names KST in Korean too, as this page's other times (a phone abroad reads its own clock).
    expect(await page.getByRole('status').filter({ hasText: '인증번호를' }).textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} KST까지 입력하세요/);
    await enterTextCode(page);
    const keys = page.locator('[data-testid="passkey-list"] li');
    await until(() => keys.count(), (n) => n === 1, 'the first phone’s passkey listed');
    // Added on the text-message proof next to a passkey: approves orders only 24 hours later (SIM swap).
    await page.click('[data-testid="register-passkey"]');
    await until(() => keys.count(), (n) => n === 2, 'the new passkey listed');
    // Registering again on this phone, which holds one now: said in words (it showed the browser's
    // 'The authenticator was previously registered').
    await page.click('[data-testid="register-passkey"]');
    const again = page.locator('.alert-error');
    await again.getByText('이 기기에는 이미 이 개인통관고유부호의 패스키가 있습니다', { exact: false }).waitFor();
    expect(await again.textContent()).not.toContain('previously registered');
    // The first phone's page, open with both passkeys listed.
    await phonePage.goto(`${base}/me/security`);
    const phoneKeys = phonePage.locator('[data-testid="passkey-list"] li');
    await until(() => phoneKeys.count(), (n) => n === 2, 'both passkeys listed on the first phone');

    // Removing the first phone's passkey (lost, say): the focus goes to the remove button of the one
    // left, not to <body>, and the removal is said.
    const removeDialog = new Promise<string>((resolve) => page.once('dialog', (d) => (resolve(d.message()), void d.accept())));
    await keys.filter({ hasNotText: '보안 대기' }).getByRole('button', { name: '삭제' }).click();
    expect(await removeDialog).toContain('Linux · Chrome');
    await until(() => keys.count(), (n) => n === 1, 'the passkey removed');
    await page.getByTestId('passkey-removed').getByText('삭제했습니다', { exact: false }).waitFor();
    expect(await keys.getByRole('button', { name: '삭제' }).evaluate((el) => el === document.activeElement)).toBe(true);
    // The security activity lists the removal, by the passkey's label.
    await page.getByTestId('security-activity').locator('li[data-kind="passkey_removed"]').getByText('패스키를 삭제했습니다 (Linux · Chrome).', { exact: false }).waitFor();
    await snap(page, 'phone', 'identity-passkey-removed');
    // The first phone, its list not read again, removes the same passkey: refused in words, the
    // code after its label for support (it was a bare 'PASSKEY_NOT_FOUND' line), the list read again.
    const staleDialog = new Promise<void>((resolve) => phonePage.once('dialog', (d) => void d.accept().then(resolve)));
    await phoneKeys.filter({ hasNotText: '보안 대기' }).getByRole('button', { name: '삭제' }).click();
    await staleDialog;
    const refusal = phonePage.getByRole('alert');
    await refusal.getByText('패스키를 찾을 수 없습니다.', { exact: false }).waitFor();
    expect(await refusal.getByTestId('error-code').textContent()).toBe('문의하실 때 알려 주실 오류 코드: PASSKEY_NOT_FOUND');
    await until(() => phoneKeys.count(), (n) => n === 1, 'the first phone’s list read again');
    await snap(phonePage, 'phone', 'identity-error-code');
    // The one left waits; its time in Korean says its zone, as the English does (it said '2026-12-07 14:10부터').
    const usableFrom = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2} KST)부터 승인에 사용 가능/.exec((await keys.textContent())!)?.[1];
    expect(usableFrom).toBeDefined();

    // Approving on this phone: said as the waiting period with the time it ends, not as
    // 'no passkey registered' (nor an error code).
    const { number, link } = await shopRequests(`AE-P${Date.now().toString().slice(-5)}`, pccc);
    expect(await mallPage.getByTestId('mall-until').textContent()).toMatch(/\d{2}:\d{2} KST까지 휴대폰에서 승인해야 합니다/);
    await page.goto(link);
    await page.getByTestId('consent-order').getByText('KST까지 승인할 수 있습니다', { exact: false }).waitFor();
    await page.click(`[data-testid="choice-${number}"]`);
    await page.click('[data-testid="approve"]');
    const said = page.getByTestId('consent-passkey-waiting');
    await said.waitFor();
    expect(await said.textContent()).toContain(`${usableFrom}부터`);
    expect(await said.textContent()).toContain('보안 대기');
    expect(await page.locator('main').textContent()).not.toContain('NO_PASSKEY');
    expect(await page.getByTestId('consent-no-passkey').count()).toBe(0);
    await snap(page, 'phone', 'identity-consent-passkey-waiting');

    // The last passkey removed: the list's heading takes the focus (no button is left to go to).
    await page.goto(`${base}/me/security`);
    await until(() => keys.count(), (n) => n === 1, 'the waiting passkey listed');
    const lastDialog = new Promise<void>((resolve) => page.once('dialog', (d) => void d.accept().then(resolve)));
    await keys.getByRole('button', { name: '삭제' }).click();
    await lastDialog;
    await page.getByText('등록된 패스키가 없습니다', { exact: false }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sec-keys');
    expect(errors).toEqual([]);
    await second.close();
  });

  test('where notices go: a new mobile number is confirmed by the code sent to it, and the old number is told', async () => {
    // The code as reissued above; its holder has no passkey left (the last one removed), so a text-message session may change it.
    const pccc = (await phonePage.textContent('[data-testid="own-pccc"]'))!.trim();
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/me/security`);
    await askForTextCode(page, pccc);
    await enterTextCode(page);
    const contacts = page.getByTestId('contacts');
    await contacts.getByTestId('contact-phone').getByText('010-****-5678').waitFor();
    // Another device of the holder, signed in: the change signs it out (the mobile recovers the code).
    const laptop = t.platform.deps.secrets.randomToken('tgc_');
    await t.platform.deps.access.createSession({ tokenHash: t.platform.deps.secrets.sha256(laptop), kind: 'consumer', userId: null, pccc, amr: 'otp', expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await api(t.base, 'GET', '/api/v1/consumer/pccc', { token: laptop })).status).toBe(200);
    const change = page.getByTestId('contact-phone-change');
    // A landline: refused beside the field, in Korean.
    await change.locator('input[name="phone"]').fill('02-123-4567');
    await change.getByTestId('contact-phone-send').click();
    await change.getByText('휴대전화 번호는 01로 시작하는', { exact: false }).waitFor();
    await change.locator('input[name="phone"]').fill('010-9876-5432');
    await change.getByTestId('contact-phone-send').click();
    await change.getByText('010-****-5432(으)로 인증번호를 보냈습니다', { exact: false }).waitFor();
    const code = /인증번호 (\d{6})/.exec((await change.getByTestId('demo-contact-code').textContent())!)![1]!;
    await change.locator('input[name="code"]').fill(code === '000000' ? '111111' : '000000');
    await change.getByTestId('contact-phone-confirm').click();
    await change.getByText('인증번호가 올바르지 않거나 만료되었습니다', { exact: false }).waitFor();
    // The refusal leaves the focus in the form (the confirm button, disabled while it was checked, dropped it to the page's body).
    await expect.poll(() => page.evaluate(() => document.activeElement !== document.body && document.activeElement?.closest('[data-testid="contact-phone-change"]') !== null)).toBe(true);
    await change.locator('input[name="code"]').fill(code);
    await change.getByTestId('contact-phone-confirm').click();
    const changed = change.getByTestId('contact-phone-changed');
    await changed.getByText('휴대전화 번호를 변경했습니다', { exact: false }).waitFor();
    await contacts.getByTestId('contact-phone').getByText('010-****-5432').waitFor();
    // The shops' PCCC check is by name and mobile: the page says to give them the new number.
    expect(await changed.getByTestId('contact-phone-shops').textContent()).toBe('쇼핑몰에 등록된 휴대전화 번호도 새 번호로 바꾸세요: 개인통관고유부호 확인은 이름·휴대전화 번호로 합니다.');
    // The other device (and any other session of the holder) signed out; this one stays.
    expect(await changed.getByTestId('contact-phone-signed-out').textContent()).toMatch(/^다른 기기의 로그인 \d+건을 종료했습니다\.$/);
    expect((await api(t.base, 'GET', '/api/v1/consumer/pccc', { token: laptop })).status).toBe(401);
    await snap(page, 'phone', 'identity-contact-phone-changed');
    // This device stays signed in.
    await page.reload();
    await contacts.getByTestId('contact-phone').getByText('010-****-5432').waitFor();
    // The old number is told (the notices' worker sends it), as is the new one.
    const toldAt = async (digits: string) =>
      ((await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=${digits}`)).body.notifications as { body: string }[]).some((n) => n.body.includes('휴대전화 번호가 010-****-5432(으)로 변경되었습니다'));
    await until(() => toldAt('01012345678'), (v) => v, 'the old number told');
    await until(() => toldAt('01098765432'), (v) => v, 'the new number told');

    // The security activity lists the change in words, the number masked, its time in Korean time, under its Korean day.
    const activity = page.getByTestId('security-activity');
    await activity.getByRole('heading', { level: 2, name: '보안 활동' }).waitFor();
    const phoneChange = activity.locator('li[data-kind="phone"]');
    await phoneChange.getByText('휴대전화 번호를 010-****-5432(으)로 바꿨습니다.', { exact: false }).waitFor();
    expect(await phoneChange.textContent()).toMatch(/^휴대전화 번호를 010-\*{4}-5432\(으\)로 바꿨습니다\. 다른 기기의 로그인 \d+건을 종료했습니다\. \d{2}:\d{2} KST$/);
    expect(await activity.getByRole('heading', { level: 3 }).first().textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await activity.textContent()).not.toMatch(/9876|1234-5678/);
    await snap(page, 'phone', 'identity-security-activity-ko');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await activity.getByRole('heading', { level: 2, name: 'Security activity' }).waitFor();
    await phoneChange.getByText('Changed the mobile number to 010-****-5432.', { exact: false }).waitFor();
    expect(await phoneChange.textContent()).toMatch(/Signed out \d+ other devices?\. \d{2}:\d{2} KST$/);
    await snap(page, 'phone', 'identity-security-activity-en');
    // Older activity by the cursor: 20 newer events (postcodes saved again) push the change to the second page;
    // "Show older activity" lists it and gives it the focus.
    const holderId = (await t.db.pool.query(`SELECT holder_id FROM pccc_holders WHERE pccc = $1`, [pccc])).rows[0].holder_id as string;
    for (let i = 0; i < 20; i++) expect((await t.platform.deps.identity!.deps.registry.setPostcodes(pccc, [CONSUMER.postcode], { kind: 'consumer', id: holderId })).ok).toBe(true);
    await page.reload();
    const items = activity.locator('li');
    await until(() => items.count(), (n) => n === 20, 'the latest 20 listed');
    expect(await activity.locator('li[data-kind="postcodes"]').count()).toBe(20);
    expect(await phoneChange.count()).toBe(0);
    await activity.getByRole('button', { name: 'Show older activity' }).click();
    await phoneChange.getByText('Changed the mobile number to 010-****-5432.', { exact: false }).waitFor();
    expect(await phoneChange.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await items.count()).toBeGreaterThan(20);
    await snap(page, 'phone', 'identity-security-activity-older-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
