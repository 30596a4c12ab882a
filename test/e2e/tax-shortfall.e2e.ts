// A tax notice paid, then assessed again higher (the declaration corrected before the import
// declaration is filed), in real Chromium at 375 px: the consumer's notice is due again for the
// shortfall (the taxes now less the amount paid, 관세법 제38조의2), pays it by card on the same notice,
// gets its receipt, and the notice reads paid in full, in Korean and English. Before, the notice said
// the portal could not take a further payment.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { paidThenCorrected } from './paid-then-corrected.ts';
import { horizontalOverflow, launchBrowser, newContext, signInAs, signInOperator, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let consumer: { token: string; expiresAt: string };
let operator: { id: number; key: string; code: string };
let cargoNo = '';
let paidKrw = 0;
let owedKrw = 0;
let firstReceipt = '';

const won = (n: number) => n.toLocaleString('en-US');

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  // Paid at USD 250, corrected to USD 400: higher taxes.
  const f = await paidThenCorrected(t, { ref: 'E2E-SHORTFALL', operatorCode: 'SHORTFALLE2E', usd: 250, correctedUsd: 400 });
  ({ operator, consumer, cargoNo } = f);
  paidKrw = f.paid.amountKrw;
  firstReceipt = f.paid.receiptNo;
  owedKrw = f.notice.amountKrw;
  expect(owedKrw).toBeGreaterThan(paidKrw);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a notice paid, then assessed again higher', () => {
  test("the operator's taxes-on-behalf row offers the shortfall, not the whole tax, beside the receipt", async () => {
    const context = await newContext(browser, 'desktop');
    await signInOperator(context, t.base, operator.key);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '세금 대납' }).click();
    const row = page.getByTestId(`operator-notice-${cargoNo}`);
    await row.waitFor();
    expect(await row.getByRole('link', { name: firstReceipt }).count()).toBe(1);
    const button = row.getByRole('button');
    expect(await button.count()).toBe(1);
    expect(await button.getAttribute('aria-label')).toContain(`${won(owedKrw - paidKrw)}원`);
    expect(await button.getAttribute('aria-label')).not.toContain(`${won(owedKrw)}원`);
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain(`부족한 ${won(owedKrw - paidKrw)}원을 같은 전자납부번호로 추가 납부하세요`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the consumer pays the shortfall on the same notice by card and reads it paid in full, in Korean and English at 375 px', async () => {
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const notice = page.getByTestId(`notice-${cargoNo}`);
    await notice.getByText('납부 대기').waitFor();
    const text = (await notice.innerText()).replace(/\s+/g, ' ');
    // Paid X, now Y: Y − X still to pay.
    expect(text).toContain(`납부한 금액 ${won(paidKrw)}원`);
    expect(text).toContain(`다시 산정된 세액 ${won(owedKrw)}원`);
    expect(text).toContain(`추가로 낼 세액 ${won(owedKrw - paidKrw)}원`);
    expect(text).toContain(`부족한 ${won(owedKrw - paidKrw)}원을 같은 전자납부번호로 추가 납부하세요`);
    expect(text).toContain(firstReceipt);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await snap(page, 'mobile', 'me-tax-shortfall');

    await notice.getByRole('button', { name: `부족한 세액 ${won(owedKrw - paidKrw)}원 납부하기` }).click();
    await notice.locator('input[name=cardNumber]').fill('4242 4242 4242 4242');
    await notice.locator('input[name=cardExpiry]').fill('12/30');
    await notice.getByRole('button', { name: /결제$/ }).click();
    await notice.getByText('납부 완료').waitFor();
    await notice.getByText('모두 납부했습니다', { exact: false }).waitFor();
    const paid = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(paid).toContain(`부족분 추가 납부 ${won(owedKrw - paidKrw)}원`);
    expect(paid).toContain(`다시 산정된 세액 ${won(owedKrw)}원을 모두 납부했습니다.`);
    expect(paid).not.toContain('추가로 낼 세액');
    expect(await notice.getByRole('button', { name: /납부하기$/ }).count()).toBe(0);

    await page.getByRole('button', { name: /English/ }).click();
    await notice.getByText('Paid', { exact: true }).waitFor();
    const en = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(en).toContain(`Shortfall paid KRW ${won(owedKrw - paidKrw)}`);
    expect(en).toContain(`The taxes as assessed again, KRW ${won(owedKrw)}, are paid in full.`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Coming back: both receipts on the notice, the payment's and the shortfall's; the shortfall's says what it paid.
    await page.reload();
    await notice.getByText('Paid', { exact: true }).waitFor();
    const receipts = notice.getByRole('link', { name: /^TR-/ });
    expect(await receipts.count()).toBe(2);
    await receipts.nth(1).click();
    const receipt = page.getByTestId('receipt');
    await receipt.getByText(`KRW ${won(owedKrw - paidKrw)}`).first().waitFor();
    expect((await receipt.innerText()).replace(/\s+/g, ' ')).toContain('Payment Shortfall payment no. 1 (Customs Act art. 38-2)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
