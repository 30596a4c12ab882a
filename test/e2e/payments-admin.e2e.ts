// Payments as administrators and operators find them, in real Chromium (desktop, and phones of 360 and 390 px): a virtual account
// the platform could not close at Toss after every attempt is shown on the administration page
// (Korean, and English), with a retry that closes it there; the operator's taxes-on-behalf list
// pages forward and back.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { koreanDaysBefore, koreanToday, launchBrowser, newContext, SCREENSHOTS, signInAs, signInOperator, snap, watchErrors } from './support.ts';
import { newAdminSession, openStaffPage } from './admin-session.ts';

let t: TestPlatform;
let browser: Browser;
let operator: { id: number; key: string; code: string };
let admin: unknown;
let account: { orderId: string; accountNumber: string; declarationId: number };
const cargoNos: string[] = [];

// Declared today (Korean date): the notices are due in about two weeks, so a virtual account can be issued whatever the hour.
const today = koreanToday();
const daysBefore = koreanDaysBefore;
const taxed = (ref: string, day: number) =>
  declaration(ref, {
    declaredAt: today,
    order: { orderNo: `O-${ref}`, purchasedAt: daysBefore(day), currency: 'USD' },
    items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }],
  });

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform({ payments: { provider: 'emulator' } }), launchBrowser()]);
  operator = await t.operator('PAYADMIN');
  // 21 taxed parcels: one more than the console's page of 20.
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: Array.from({ length: 21 }, (_, i) => taxed(`E2E-PAY-${i + 1}`, 1 + (i % 15))) } });
  expect(r.body.results.every((x: { status: string }) => x.status === 'accepted')).toBe(true);
  for (const x of r.body.results as { cargoNo: string }[]) cargoNos.push(x.cargoNo);
  // A close Toss keeps refusing: the operator asks for an account, then pays the notice by card.
  const id = r.body.results[0].declarationId as number;
  const notice = (await api(t.base, 'GET', '/api/v1/tax-notices?limit=50', { token: operator.key })).body.notices.find((n: { declarationId: number }) => n.declarationId === id);
  const issued = await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: operator.key, body: { method: 'transfer', amountKrw: notice.amountKrw } });
  expect([issued.status, issued.body.error?.code]).toEqual([202, undefined]);
  const emulator = t.platform.paymentEmulator!;
  emulator.faults.refuseCancels = true;
  try {
    const card = await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: operator.key, body: { method: 'card', amountKrw: notice.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    expect(card.status).toBe(201);
  } finally {
    emulator.faults.refuseCancels = false;
  }
  // Its twelve attempts over about 17 hours are the integration test's (tax-virtual-accounts.test.ts): here it is given up as they leave it.
  await t.db.pool.query(
    `UPDATE tax_account_closures SET status = 'dead', attempts = 12, requests = 12, done_at = now(), last_error = 'the cancel was refused; the payment is WAITING_FOR_DEPOSIT at the provider',
            last_provider_error = '{"code": "NOT_CANCELABLE_PAYMENT", "message": "취소 할 수 없는 결제 입니다."}' WHERE declaration_id = $1`,
    [id],
  );
  const row = (await t.db.pool.query(`SELECT order_id, account_number FROM tax_virtual_accounts WHERE declaration_id = $1`, [id])).rows[0];
  account = { orderId: row.order_id, accountNumber: row.account_number, declarationId: id };
  admin = await newAdminSession(t, 'pay-admin');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('virtual accounts not closed at Toss, on the administration page', () => {
  test('in English: the account, why it must be closed, and a retry button named after it', async () => {
    const { page, errors, close } = await openStaffPage(browser, t.base, admin, 'en');
    const section = page.getByTestId('admin-account-closures');
    await section.getByRole('heading', { name: 'Virtual accounts not closed at Toss Payments' }).waitFor();
    const row = section.locator('tr', { hasText: account.accountNumber });
    await row.getByText('The taxes were paid another way (a card, another account), so this account must be closed.').waitFor();
    await row.getByText(`Woori Bank ${account.accountNumber}`).waitFor();
    await row.getByRole('button', { name: `Try closing account Woori Bank ${account.accountNumber} again` }).waitFor();
    // Toss's refusal in English words, with Toss's code and its (Korean) message as detail.
    await row.getByText('Toss Payments answered that this payment cannot be cancelled now', { exact: false }).waitFor();
    expect(await row.getByTestId('closure-provider-error').innerText()).toBe("Toss Payments' answer: NOT_CANCELABLE_PAYMENT 취소 할 수 없는 결제 입니다.");
    expect(errors).toEqual([]);
    await close();
  });

  test("on a 360 px phone, Toss's long error wraps within its line of the account's card and the retry button is under it, on the screen (before: the error on one line pushed the button out, sideways past the error)", async () => {
    // Toss's message with a trace id of 96 characters and no space (the answer as an unreachable proxy gave it).
    const longMessage = `요청을 처리하지 못했습니다 trace=${'7f3a9c0e'.repeat(12)}`;
    await t.db.pool.query(`UPDATE tax_account_closures SET last_provider_error = jsonb_build_object('code', 'NOT_CANCELABLE_PAYMENT', 'message', $2::text) WHERE declaration_id = $1`, [
      account.declarationId,
      longMessage,
    ]);
    try {
      const context = await newContext(browser, 'phone');
      await signInAs(context, 'officer', admin);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${t.base}/officer/admin`);
      const row = page.getByTestId('admin-account-closures').locator('tr', { hasText: account.accountNumber });
      const error = row.getByTestId('closure-provider-error');
      await error.getByText('trace=', { exact: false }).waitFor();
      const cell = error.locator('xpath=ancestor::td[1]');
      // The error wraps inside its cell (nothing of it overflows the cell), a line of the account's card within the screen.
      const [scrollWidth, clientWidth, cellRight] = await cell.evaluate((td) => [td.scrollWidth, td.clientWidth, td.getBoundingClientRect().right]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(cellRight).toBeLessThanOrEqual(360);
      // The button sits under the error, on the screen: nothing to scroll sideways (the page nor the table's box).
      const button = row.getByRole('button', { name: '다시 시도' });
      const [buttonBox, cellBox] = [(await button.boundingBox())!, (await cell.boundingBox())!];
      expect(buttonBox.y).toBeGreaterThanOrEqual(cellBox.y + cellBox.height - 1);
      expect(buttonBox.x).toBeGreaterThanOrEqual(0);
      expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(360);
      expect(await cell.evaluate((td) => [document.documentElement.scrollWidth - document.documentElement.clientWidth, td.closest('.table-scroll')!.scrollWidth - td.closest('.table-scroll')!.clientWidth])).toEqual([0, 0]);
      await snap(page, 'phone', 'admin-account-closures-long-error');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await t.db.pool.query(`UPDATE tax_account_closures SET last_provider_error = '{"code": "NOT_CANCELABLE_PAYMENT", "message": "취소 할 수 없는 결제 입니다."}' WHERE declaration_id = $1`, [account.declarationId]);
    }
  });

  test("on a 390 px phone, no sideways scroll: each account is a card, and Toss's code (NOT_FOUND_PAYMENT_SESSION) wraps only after an underscore, never mid-word (before: the table scrolled sideways and the code broke inside a word)", async () => {
    await t.db.pool.query(`UPDATE tax_account_closures SET last_provider_error = '{"code": "NOT_FOUND_PAYMENT_SESSION", "message": "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다."}' WHERE declaration_id = $1`, [account.declarationId]);
    const { page, errors, close } = await openStaffPage(browser, t.base, admin, 'en', '/officer/admin', 'phone');
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      const section = page.getByTestId('admin-account-closures');
      const row = section.locator('tr', { hasText: account.accountNumber });
      const code = row.getByTestId('closure-provider-error').locator('code');
      await code.getByText('NOT_FOUND', { exact: false }).waitFor();
      // Nothing wider than the screen: the page, the table's scroll box and the table itself.
      const widths = await section.getByTestId('admin-closure-table').evaluate((table) => {
        const box = table.closest('.table-scroll')!;
        const doc = document.documentElement;
        return { doc: doc.scrollWidth - doc.clientWidth, box: box.scrollWidth - box.clientWidth, table: table.scrollWidth - table.clientWidth };
      });
      expect(widths).toEqual({ doc: 0, box: 0, table: 0 });
      // The retry button on the screen, not past its right edge.
      const button = (await row.getByRole('button', { name: `Try closing account Woori Bank ${account.accountNumber} again` }).boundingBox())!;
      expect(button.x).toBeGreaterThanOrEqual(0);
      expect(button.x + button.width).toBeLessThanOrEqual(390);
      // The code is read as words joined by underscores: it may wrap after an underscore (<wbr>), never inside a word.
      const style = await code.evaluate((c) => ({ overflowWrap: getComputedStyle(c).overflowWrap, wordBreak: getComputedStyle(c).wordBreak }));
      expect(style).toEqual({ overflowWrap: 'normal', wordBreak: 'keep-all' });
      expect(await code.evaluate((c) => c.textContent)).toBe('NOT_FOUND_PAYMENT_SESSION');
      // Each word with its underscore (NOT_, FOUND_, PAYMENT_, SESSION) lies on one line: its characters' boxes share one top.
      const linesOfWords = await code.evaluate((c) => {
        const chars: [Text, number][] = [];
        const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode() as Text | null; n; n = walk.nextNode() as Text | null) for (let i = 0; i < n.data.length; i++) chars.push([n, i]);
        const text = c.textContent!;
        const out: Record<string, number> = {};
        for (const m of text.matchAll(/[^_]+_?/g)) {
          const tops = new Set<number>();
          for (let i = m.index; i < m.index + m[0].length; i++) {
            const r = document.createRange();
            r.setStart(chars[i]![0], chars[i]![1]);
            r.setEnd(chars[i]![0], chars[i]![1] + 1);
            tops.add(Math.round(r.getBoundingClientRect().top));
          }
          out[m[0]] = tops.size;
        }
        return out;
      });
      expect(linesOfWords).toEqual({ NOT_: 1, FOUND_: 1, PAYMENT_: 1, SESSION: 1 });
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/admin-account-closures-390-viewport.png` });
      await snap(page, 'phone', 'admin-account-closures-390');
      expect(errors).toEqual([]);
    } finally {
      await close();
      await t.db.pool.query(`UPDATE tax_account_closures SET last_provider_error = '{"code": "NOT_CANCELABLE_PAYMENT", "message": "취소 할 수 없는 결제 입니다."}' WHERE declaration_id = $1`, [account.declarationId]);
    }
  });

  test('in Korean: an administrator tries the close again, Toss closes the account, and it leaves the list', async () => {
    const context = await newContext(browser, 'desktop');
    await signInAs(context, 'officer', admin);
    const page = await context.newPage();
    const errors = watchErrors(page);
    // The queue says so to an administrator, and leads to the administration page.
    await page.goto(`${t.base}/officer`);
    const alert = page.getByTestId('unclosed-accounts');
    await alert.getByText('결제대행사에서 닫지 못한 가상계좌가 1건 있습니다. 아직 입금을 받을 수 있습니다.').waitFor();
    await alert.getByRole('link', { name: '운영 관리에서 확인' }).click();
    await page.waitForURL(`${t.base}/officer/admin`);
    const section = page.getByTestId('admin-account-closures');
    const row = section.locator('tr', { hasText: account.accountNumber });
    await row.getByText('세금이 다른 방법(카드, 다른 계좌)으로 납부되어 이 계좌는 닫아야 합니다.').waitFor();
    // Toss's refusal in Korean words (before: our English diagnostic), with Toss's code and message as detail.
    await row.getByText('토스페이먼츠가 이 결제는 지금 취소할 수 없다고 답했습니다.', { exact: false }).waitFor();
    expect(await row.getByTestId('closure-provider-error').innerText()).toBe('토스페이먼츠 응답: NOT_CANCELABLE_PAYMENT 취소 할 수 없는 결제 입니다.');
    expect(await row.getByText('the cancel was refused', { exact: false }).count()).toBe(0);
    await section.getByText('모두 1건').waitFor();
    await snap(page, 'desktop', 'admin-account-closures');
    await row.getByRole('button', { name: '다시 시도' }).click();
    await section.getByText(`우리은행 ${account.accountNumber} 계좌를 결제대행사에서 닫았습니다.`).waitFor();
    await section.getByText('닫지 못한 가상계좌가 없습니다.').waitFor();
    expect(t.platform.paymentEmulator!.payments().find((p) => p.orderId === account.orderId)!.status).toBe('CANCELED');
    await page.goto(`${t.base}/officer`);
    await page.locator('#queue-filter').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('unclosed-accounts').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the operator's taxes on behalf", () => {
  test('pages forward to older notices and back again', async () => {
    const context = await newContext(browser, 'desktop');
    await signInOperator(context, t.base, operator.key);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '세금 대납' }).click();
    const list = page.getByTestId('operator-taxes');
    const newest = cargoNos[cargoNos.length - 1]!;
    const oldest = cargoNos[0]!;
    await list.getByTestId(`operator-notice-${newest}`).waitFor();
    expect(await list.getByRole('button', { name: '이전' }).count()).toBe(0); // the first page
    await list.getByRole('button', { name: '다음' }).click();
    await list.getByTestId(`operator-notice-${oldest}`).waitFor();
    expect(await list.getByTestId(`operator-notice-${newest}`).count()).toBe(0);
    await list.getByRole('button', { name: '이전' }).click();
    await list.getByTestId(`operator-notice-${newest}`).waitFor();
    expect(await list.locator('[data-testid^=operator-notice-]').count()).toBe(20);
    expect(await list.getByRole('button', { name: '이전' }).count()).toBe(0); // back on the first page
    expect(errors).toEqual([]);
    await context.close();
  });
});
