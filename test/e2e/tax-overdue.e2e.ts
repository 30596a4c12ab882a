// An overdue tax notice in the consumer area, in real Chromium (mobile): the pay form offers the
// card only, saying why a transfer cannot be chosen (no virtual account can be issued past the due
// date: 관세법 제9조; the server refuses TRANSFER_NOT_AVAILABLE), in Korean and English; a notice
// still due offers both.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
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
const jacket = jacketDeclaration;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  const operator = await t.operator('OVERDUEE2E', 'forwarder');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  // Declared 40 days ago and today (due in about two weeks).
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [jacket('E2E-OVERDUE', daysBefore(40)), jacket('E2E-DUE', today)] } });
  for (const x of r.body.results as { ref: string; cargoNo: string }[]) cargoNos[x.ref] = x.cargoNo;
  // The first accepted (수리) 39 days ago: due 15 days on (관세법 제9조), long past; nothing is overdue before 수리.
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
  expect(Object.fromEntries(statuses)).toEqual({ [cargoNos['E2E-OVERDUE']!]: 'overdue', [cargoNos['E2E-DUE']!]: 'due' });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('paying an overdue notice', () => {
  test('the transfer is shown unavailable and why, before the form is filled in; a notice still due offers it', async () => {
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const overdue = page.getByTestId(`notice-${cargoNos['E2E-OVERDUE']}`);
    await overdue.getByText('기한 경과').waitFor();
    await overdue.getByRole('button', { name: /납부하기$/ }).click();
    const form = overdue.locator('form.pay-form');
    await form.waitFor();
    expect(await form.locator('input[name=method][value=transfer]').isDisabled()).toBe(true);
    expect(await form.locator('input[name=method][value=card]').isChecked()).toBe(true);
    await form.getByText('납부기한까지 남은 시간이 없어 가상계좌를 발급할 수 없습니다. 카드로 바로 납부해 주세요.').waitFor();
    // And it looks unavailable: before, the disabled choice was drawn as the card's unchosen one (white, a pointer), a tap doing nothing.
    const look = (f: typeof form) => f.locator('input[name=method][value=transfer] + span').evaluate((el) => {
      const s = getComputedStyle(el);
      return { cursor: s.cursor, background: s.backgroundColor, color: s.color, border: s.borderStyle };
    });
    const closed = await look(form);
    await snap(page, 'mobile', 'me-tax-overdue-pay-form');

    await page.getByRole('button', { name: /English/ }).click();
    await form.getByText('No virtual account can be issued: the due date has passed or is less than an hour away. Please pay by card now.').waitFor();

    const due = page.getByTestId(`notice-${cargoNos['E2E-DUE']}`);
    await due.getByRole('button', { name: /^Pay KRW/ }).click();
    const dueForm = due.locator('form.pay-form');
    await dueForm.waitFor();
    expect(await dueForm.locator('input[name=method][value=transfer]').isDisabled()).toBe(false);
    expect(await dueForm.getByText('No virtual account can be issued').count()).toBe(0);
    const open = await look(dueForm);
    expect(open.cursor).toBe('pointer');
    expect(closed.cursor).toBe('not-allowed');
    expect(closed.background).not.toBe(open.background);
    expect(closed.color).not.toBe(open.color);
    expect(closed.border).toBe('dashed');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a declined card: the next step offered is one the form allows (another card; the transfer only while it can be chosen)', async () => {
    // Before: "다른 카드로 다시 시도하거나 계좌이체를 선택하세요." under the overdue notice's form, whose transfer is disabled.
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const declineIn = async (cargoNo: string) => {
      const notice = page.getByTestId(`notice-${cargoNo}`);
      await notice.getByRole('button', { name: /납부하기$/ }).click();
      const form = notice.locator('form.pay-form');
      await form.locator('input[name=cardNumber]').fill('4000 0000 0000 0002'); // the emulator's declined card
      await form.locator('input[name=cardExpiry]').fill('12/30');
      await form.getByRole('button', { name: /결제$/ }).click();
      await form.getByText('카드사에서 승인을 거절했습니다.').waitFor();
      return form;
    };
    const overdue = await declineIn(cargoNos['E2E-OVERDUE']!);
    await overdue.getByText('다른 카드로 다시 시도하세요. 승인이 거절된 이유는 카드사에 문의하세요.').waitFor();
    expect(await overdue.getByText('계좌이체를 선택하세요', { exact: false }).count()).toBe(0);
    await page.getByRole('button', { name: /English/ }).click();
    await overdue.getByText('Try another card; your card issuer can tell you why it was declined.').waitFor();
    await page.getByRole('button', { name: /한국어/ }).click();
    const due = await declineIn(cargoNos['E2E-DUE']!);
    await due.getByText('다른 카드로 다시 시도하거나 계좌이체를 선택하세요.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
