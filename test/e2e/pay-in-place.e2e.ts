// Paying a tax notice on /me, in real Chromium on a phone (390×844): the "paid, receipt no." shows
// where pay was pressed and takes the focus.
// - In the notices list, a notice paid keeps its place until the page is opened again. It moved to
//   the end of the list (paid after due): its confirmation landed screens below, and under the
//   payer's finger stood the next notice's pay button.
// - On the parcel's card, the pay part stays. It went as the notice turned paid: the confirmation
//   with it, and the focus to the page's body.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { advanceDeclaration } from '../../src/app/advance-declaration.ts';
import { api, consumerToken, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { jacketDeclaration } from './tax-parcels.ts';
import { koreanDaysBefore, koreanToday, launchBrowser, newContext, signInAs, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let consumer: { token: string; expiresAt: string };
const cargoNos: Record<string, string> = {};

const today = koreanToday();
const daysBefore = koreanDaysBefore;
const jacket = (ref: string, declaredAt: string) => jacketDeclaration(ref, declaredAt, `자켓 Nike Windrunner ${ref}`);

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  const operator = await t.operator('PAYPLACEE2E', 'forwarder');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  // One overdue (accepted 39 days ago: due 15 days on, 관세법 제9조), two due.
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [jacket('E2E-OVERDUE', daysBefore(40)), jacket('E2E-DUE-A', today), jacket('E2E-DUE-B', today), jacket('E2E-DUE-VA', today)] } });
  for (const x of r.body.results as { ref: string; cargoNo: string }[]) cargoNos[x.ref] = x.cargoNo;
  const at = Date.parse(`${daysBefore(39)}T03:00:00Z`);
  const accepted = await advanceDeclaration(
    t.platform.deps,
    r.body.results[0].declarationId,
    (['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'IMPORT_ACCEPTED'] as const).map((type, k) => ({ type, occurredAt: new Date(at + k * 60_000) })),
  );
  expect(accepted.ok).toBe(true);
  const token = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  consumer = { token, expiresAt: new Date(Date.now() + 20 * 60_000).toISOString() };
  const statuses = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices.map((n: { cargoNo: string; status: string }) => [n.cargoNo, n.status]);
  expect(Object.fromEntries(statuses)).toEqual({ [cargoNos['E2E-OVERDUE']!]: 'overdue', [cargoNos['E2E-DUE-A']!]: 'due', [cargoNos['E2E-DUE-B']!]: 'due', [cargoNos['E2E-DUE-VA']!]: 'due' });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function payByCard(page: Page, where: Locator): Promise<Locator> {
  await where.getByRole('button', { name: /납부하기$/ }).click();
  await where.locator('[name=cardNumber]').fill('4242 4242 4242 4242');
  await where.locator('[name=cardExpiry]').fill('12/29');
  await where.locator('form.pay-form button[type=submit]').click();
  const result = where.getByTestId('pay-result');
  await result.getByRole('link', { name: /^TR-/ }).waitFor();
  // The lists are read again after the payment (the notice now paid): wait for that, then look.
  await page.waitForLoadState('networkidle');
  return result;
}

/** Whether the element is wholly on the screen, between the header and the phone's tab bar. */
const onScreen = (l: Locator) =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const bar = document.querySelector('.tab-bar')?.getBoundingClientRect().top ?? innerHeight;
    return r.top >= 0 && r.bottom <= bar;
  });

describe('a notice paid on /me', () => {
  test('in the notices list: it keeps its place, the receipt on screen with the focus', async () => {
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const list = page.getByTestId('tax-notices');
    const order = () => list.locator('.notice').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    await list.getByText('기한 경과').waitFor();
    const before = await order();
    expect(before[0]).toBe(`notice-${cargoNos['E2E-OVERDUE']}`);

    const overdue = list.getByTestId(`notice-${cargoNos['E2E-OVERDUE']}`);
    const result = await payByCard(page, overdue);
    await overdue.getByText('납부 완료').waitFor();
    expect(await order()).toEqual(before);
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await onScreen(result)).toBe(true);
    await snap(page, 'mobile', 'me-paid-in-place');
    // Opened again: the paid notice goes after those still due.
    await page.reload();
    await list.getByTestId(`notice-${cargoNos['E2E-DUE-A']}`).waitFor();
    expect((await order()).at(-1)).toBe(`notice-${cargoNos['E2E-OVERDUE']}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('asked to pay a parcel that is not among the code’s notices (the lookup’s "pay"): the reason is on screen, not below the fold', async () => {
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me?pay=26TGW9999999999`);
    const notOwn = page.getByTestId('pay-not-own');
    await notOwn.getByText('26TGW9999999999', { exact: false }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => onScreen(notOwn)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a card the issuer declines: the focus stays on the pay button (it fell to the page body), and a later mistake in the form is said without the old refusal', async () => {
    const context = await newContext(browser, 'desktop');
    await context.addInitScript(() => localStorage.setItem('tonggwan.lang', 'en'));
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const notice = page.getByTestId('tax-notices').getByTestId(`notice-${cargoNos['E2E-DUE-B']}`);
    await notice.getByRole('button', { name: /^Pay KRW/ }).click();
    await notice.locator('[name=cardNumber]').fill('4000 0000 0000 0002'); // the emulator's declined card
    await notice.locator('[name=cardExpiry]').fill('12/29');
    const submit = notice.locator('form.pay-form button[type=submit]');
    await submit.press('Enter');
    await notice.getByTestId('error-code').getByText('PAYMENT_DECLINED').waitFor();
    // Where the payer was: Tab goes on from the form, not from the top of the page.
    await expect.poll(() => submit.evaluate((el) => el === document.activeElement)).toBe(true);
    // Another card with a wrong expiry: only that mistake is said; "declined" belonged to the other card.
    await notice.locator('[name=cardNumber]').fill('4242 4242 4242 4242');
    await notice.locator('[name=cardExpiry]').fill('13/29');
    await submit.click();
    await notice.getByText('Enter the expiry as MM/YY.').waitFor();
    expect(await notice.getByTestId('error-code').count()).toBe(0);
    expect(await notice.getByText('The card issuer declined the payment.').count()).toBe(0);
    await notice.getByRole('button', { name: 'Cancel' }).click();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('on the parcel’s card: the receipt stays on the card with the focus', async () => {
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const card = page.locator('article.lookup-card', { has: page.locator(`code:text-is("${cargoNos['E2E-DUE-B']}")`) });
    const result = await payByCard(page, card.locator('.lookup-pay'));
    await card.getByText('납부 완료').waitFor();
    expect(await result.getAttribute('role')).toBe('status');
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await onScreen(result)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('by transfer: back on the page after paying from the bank app, the notice is paid at once (before: an account issued on the page was never looked at again, "입금 대기" until a reload)', async () => {
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const notice = page.getByTestId('tax-notices').getByTestId(`notice-${cargoNos['E2E-DUE-VA']}`);
    await notice.getByRole('button', { name: /납부하기$/ }).click();
    await notice.getByRole('radio', { name: '계좌이체' }).check();
    await notice.locator('form.pay-form button[type=submit]').click();
    await notice.getByText('입금 대기').waitFor();
    // The money arrives from the bank (the demo's deposit stands in for it), the page not touched.
    const own = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: consumer.token })).body.notices.find((n: { cargoNo: string }) => n.cargoNo === cargoNos['E2E-DUE-VA']);
    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${own.declarationId}/deposit`, { token: consumer.token, body: {} })).status).toBe(201);
    // The payer comes back to the tab from the bank app.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await notice.getByText('납부 완료').waitFor({ timeout: 5_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
