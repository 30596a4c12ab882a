// Refunds due in real Chromium: an administrator sees, on the officer queue, a second charge of
// taxes already paid that the payment provider could not void, records it as refunded (choosing the
// outcome, with the provider's refund reference and a note), and the notice goes. Officers who are
// not administrators do not see it. In English the count reads "Refunds due: 1", the declaration is
// a link named by its cargo number (an arrow, then its internal id, before), and the payer who gets the
// refund is said. Resolved ones can be looked back at: outcome, reference, note, who and when. Both lists
// page on beyond their first 100 ("더 보기").
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { openStaffPage, type StaffPage } from './admin-session.ts';
import { launchBrowser, newContext, snap, watchErrors, type ViewportName } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let declarationId: number;
let cargoNo: string;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  const operator = await t.operator('REFUNDE2E');
  const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-REFUND')] } });
  declarationId = submitted.body.results[0].declarationId;
  cargoNo = (await t.db.pool.query(`SELECT cargo_no FROM declarations WHERE id = $1`, [declarationId])).rows[0].cargo_no;
  // The row pay-taxes.ts records when voiding a racing second charge fails (that race: check-then-act-races.test.ts).
  await t.platform.deps.taxPayments!.store.recordRefundDue({
    provider: 'local-emulator',
    providerTx: 'emu_e2e_refund',
    declarationId: submitted.body.results[0].declarationId,
    paymentNo: '9260000000000000017',
    amountKrw: 45_000,
    payerKind: 'consumer',
    reason: 'duplicate_charge_not_voided',
    refundBy: '2026-11-25',
    createdAt: new Date('2026-11-20T01:00:00Z'),
  });
  await t.officer('e2e-admin', 'admin');
  await t.officer('e2e-officer');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The officer queue (/officer) signed in as the administrator e2e-admin, in `lang`. */
async function openOfficerPage(lang: 'ko' | 'en', viewport: ViewportName = 'desktop'): Promise<StaffPage> {
  const session = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e-admin', password: 'pw-e2e-admin' } })).body;
  return openStaffPage(browser, t.base, session, lang, '/officer', viewport);
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${t.base}/officer`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(`pw-${username}`);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.locator('input[name=username]').waitFor({ state: 'detached' });
}

describe('refunds due on the officer queue', () => {
  test('an officer who is not an administrator sees none', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await signIn(page, 'e2e-officer');
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    await page.reload();
    await page.locator('#queue-filter').waitFor();
    await page.waitForLoadState('networkidle');
    expect(asked.filter((u) => u.includes('tax-refunds-due'))).toEqual([]); // not even asked (the route would answer 403)
    expect(await page.getByText(/환불 대상/).count()).toBe(0);
    await context.close();
  });

  test('in English: one refund due is not "1 refunds due"; the declaration is a named link; the payer is said', async () => {
    const { page, errors, close } = await openOfficerPage('en');
    // Before: "1 refunds due: second charges … or charges whose outcome is unknown" (whatever the reason), and a link named "→".
    await page.getByText('Refunds due: 1. Taxes paid that must be returned', { exact: false }).waitFor();
    expect(await page.getByText(/1 refunds due/).count()).toBe(0);
    // The declaration named by its cargo number (before: "declaration <internal id>"), still opening its page.
    const link = page.getByRole('link', { name: cargoNo, exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/officer/declarations/${declarationId}`);
    expect(await page.getByRole('link', { name: `declaration ${declarationId}` }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '→' }).count()).toBe(0);
    // Nothing resolved yet: the resolved ones, asked for, say so.
    await page.getByRole('button', { name: 'Show resolved refunds' }).click();
    await page.getByText('No refunds resolved yet.').waitFor();
    await page.getByText('KRW 45,000 · payer: the importer · refund by 2026-11-25').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  test('on a 390 px phone in Korean, the note is written in a field of its own line, not squeezed beside the button', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const session = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e-admin', password: 'pw-e2e-admin' } })).body;
    await context.addInitScript((s) => sessionStorage.setItem('tonggwan.officer', s), JSON.stringify(session));
    const page = await context.newPage();
    await page.goto(`${t.base}/officer`);
    const note = page.getByLabel(/처리 메모/);
    await note.waitFor();
    // Before: 9rem beside the button, 150 px of the item's 285; now the item's width (± the field's padding).
    const [noteWidth, itemWidth] = await note.evaluate((el) => [el.getBoundingClientRect().width, el.closest('li')!.getBoundingClientRect().width]);
    expect(noteWidth).toBeGreaterThan(itemWidth * 0.9);
    await context.close();
  });

  test('an administrator records the refund made at the provider, and the notice goes', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'e2e-admin');
    await page.getByText('환불 대상 1건', { exact: false }).waitFor();
    await page.getByText('45,000원 · 납부자: 수입자 본인 · 2026-11-25까지 환불').waitFor();
    await page.getByRole('link', { name: cargoNo, exact: true }).waitFor();
    await snap(page, 'phone', 'officer-refunds-due');
    const submit = page.getByRole('button', { name: '처리 결과 기록' });
    expect(await submit.isDisabled()).toBe(true); // nothing chosen yet
    // Refunded: the provider's refund reference is asked, and a note; only then can it be recorded.
    await page.getByLabel(/처리 결과$/).selectOption('refunded');
    await page.getByLabel(/처리 메모/).fill('PG 부분취소');
    expect(await submit.isDisabled()).toBe(true); // no reference yet
    await page.getByLabel('결제대행사 환불번호').fill('R-2026-001');
    await submit.click();
    await page.getByText(/환불 대상 1건/).waitFor({ state: 'detached' });
    const open = await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due', { token: (await t.officer('e2e-admin-2', 'admin')).token });
    expect(open.body.refunds).toEqual([]);
    const stored = (await t.db.pool.query(`SELECT outcome, provider_refund_ref, resolution FROM tax_refunds_due WHERE provider_tx = 'emu_e2e_refund'`)).rows;
    expect(stored).toEqual([{ outcome: 'refunded', provider_refund_ref: 'R-2026-001', resolution: 'PG 부분취소' }]);
    // Looking back (before: only open ones could be listed): the resolved one, its outcome and reference, the note, who and when.
    const show = page.getByRole('button', { name: '처리된 환불 보기' });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    const resolved = page.getByTestId('refunds-resolved');
    await resolved.getByRole('heading', { name: '처리된 환불 1건' }).waitFor();
    const item = resolved.locator('li').filter({ hasText: cargoNo });
    await item.getByText('환불 완료 (결제대행사 환불번호 R-2026-001)').waitFor();
    await item.getByText('메모: PG 부분취소').waitFor();
    await item.getByText(/^처리: e2e-admin, /).waitFor();
    expect(await item.getByRole('link', { name: cargoNo, exact: true }).getAttribute('href')).toBe(`/officer/declarations/${declarationId}`);
    expect(await page.getByRole('button', { name: '처리된 환불 닫기' }).getAttribute('aria-expanded')).toBe('true');
    await snap(page, 'phone', 'officer-refunds-resolved');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the resolved list pages on with "더 보기" beyond its first 100 (before: the latest 100 and no way further)', async () => {
    // 101 more resolved by the system before the one above, each a minute earlier than the next: 102 in all.
    await t.db.pool.query(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at, resolved_at, resolved_by, resolution, outcome)
       SELECT 'local-emulator', 'emu_e2e_more_' || g, $1, '9260000000000000017', 1000 + g, 'consumer', 'duplicate_charge_not_voided', '2026-11-25', '2026-11-19T01:00:00Z',
              timestamptz '2026-11-19T12:00:00Z' + g * interval '1 minute', 'system', 'older ' || g, 'not_refunded'
         FROM generate_series(1, 101) g`,
      [declarationId],
    );
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'e2e-admin');
    await page.getByRole('button', { name: '처리된 환불 보기' }).click();
    const resolved = page.getByTestId('refunds-resolved');
    await resolved.getByRole('heading', { name: '처리된 환불 102건' }).waitFor();
    await resolved.getByText('최근 처리된 100건을 표시합니다.').waitFor();
    expect(await resolved.locator('li').count()).toBe(100);
    // The oldest two (older 2, older 1: 1,002원 and 1,001원) are on the next page.
    expect(await resolved.locator('li').filter({ hasText: '1,001원' }).count()).toBe(0);
    await page.getByRole('button', { name: '더 보기' }).click();
    await resolved.locator('li').filter({ hasText: '1,001원' }).waitFor();
    expect(await resolved.locator('li').count()).toBe(102);
    await resolved.getByText('최근 처리된 100건을 표시합니다.').waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: '더 보기' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the open list pages on with "환불 대상 더 보기" beyond its oldest 100, and one recorded on the second page leaves it (before: the oldest 100 and no way to the others)', async () => {
    // 102 open, each a minute later than the one before: 3,001원 the oldest … 3,102원 the latest.
    await t.db.pool.query(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at)
       SELECT 'local-emulator', 'emu_e2e_open_' || g, $1, '9260000000000000017', 3000 + g, 'consumer', 'duplicate_charge_not_voided', '2026-11-30',
              timestamptz '2026-11-21T00:00:00Z' + g * interval '1 minute'
         FROM generate_series(1, 102) g`,
      [declarationId],
    );
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'e2e-admin');
    const due = page.locator('.alert-error').filter({ hasText: /환불 대상 \d+건:/ });
    await due.getByText('환불 대상 102건', { exact: false }).waitFor();
    const items = due.locator('ul > li');
    await page.getByTestId('refunds-shown').getByText('가장 오래된 100건을 표시합니다.', { exact: false }).waitFor();
    expect(await items.count()).toBe(100);
    // The latest two (3,101원 and 3,102원) are on the next page.
    expect(await items.filter({ hasText: '3,101원' }).count()).toBe(0);
    const more = page.getByRole('button', { name: '환불 대상 더 보기' });
    await more.click();
    await items.filter({ hasText: '3,102원' }).waitFor();
    expect(await items.count()).toBe(102);
    await page.getByTestId('refunds-shown').waitFor({ state: 'detached' });
    expect(await more.count()).toBe(0);
    // Recorded from the second page (not refunded): it leaves, the other stays, none is lost from the first.
    const last = items.filter({ hasText: '3,101원' });
    await last.getByLabel(/처리 결과$/).selectOption('not_refunded');
    await last.getByLabel(/처리 메모/).fill('중복 기록');
    await last.getByRole('button', { name: '처리 결과 기록' }).click();
    await due.getByText('환불 대상 101건', { exact: false }).waitFor();
    await items.filter({ hasText: '3,101원' }).waitFor({ state: 'detached' });
    expect(await items.count()).toBe(101);
    expect(await items.filter({ hasText: '3,102원' }).count()).toBe(1);
    expect(await items.filter({ hasText: '3,001원' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the resolved list says, in the language of the page, why the system resolved one: a part cancelled because its payment was reversed, the other kept (before: only the English note, which said "superseded")', async () => {
    // The latest resolved (first listed): the transfer's part of an overpayment, cancelled when the bank reversed the transfer.
    await t.db.pool.query(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at, resolved_at, resolved_by, resolution, outcome)
       VALUES ('local-emulator', 'reassessed:v3.2.parts2:emu_e2e_rev', $1, '9260000000000000017', 49950, 'consumer', 'reassessed_lower', '2026-11-30', '2026-11-24T01:00:00Z', '2026-12-31T00:00:00Z', 'system',
               'payment reversed: payment 4 reversed (version 3), taxes KRW 0; the overpayment is now KRW 86,580 (KRW 86,580 paid), held by RF-00000005 unchanged; nothing is refunded under this number', 'not_refunded')`,
      [declarationId],
    );
    for (const [lang, label] of [
      ['ko', '납부 취소(입금 취소)로 이 환불 취소 (남은 환불은 그대로)'],
      ['en', 'Payment reversed (the deposit went back; the other refunds stand)'],
    ] as const) {
      const { page, errors, close } = await openOfficerPage(lang, 'desktop');
      await page.getByRole('button', { name: lang === 'en' ? 'Show resolved refunds' : '처리된 환불 보기' }).click();
      const first = page.getByTestId('refunds-resolved').locator('li').first();
      await first.getByText(lang === 'en' ? 'KRW 49,950' : '49,950원', { exact: false }).waitFor();
      expect(await first.getByTestId('refund-resolved-why').innerText()).toBe(` · ${label}`);
      expect(errors).toEqual([]);
      await close();
    }
  });

  test('a card charge whose automatic cancels were given up says so, 8 of 8 attempts and the last error, which wraps within the item on a 360 px phone in Korean and English', async () => {
    // Given up after 8 attempts (charge-cancel-retries.ts), the oldest open (listed first); Toss's last message with a trace id of 96 characters and no space.
    const lastError = `the provider refused the cancel: FAILED_INTERNAL_SYSTEM_PROCESSING (trace=${'7f3a9c0e'.repeat(12)})`;
    await t.platform.deps.taxPayments!.store.recordRefundDue({
      provider: 'local-emulator',
      providerTx: 'emu_e2e_cancel_given_up',
      declarationId,
      paymentNo: '9260000000000000017',
      amountKrw: 136_530,
      payerKind: 'consumer',
      reason: 'duplicate_charge_not_voided',
      refundBy: '2026-11-30',
      createdAt: new Date('2026-11-19T00:00:00Z'),
      cancel: { attempts: 8, nextAttemptAt: null, lastError },
    });
    for (const [lang, text] of [
      ['ko', '결제대행사 자동 취소: 8/8회 시도 후 중단'],
      ['en', 'Automatic cancel at the gateway: given up after 8 of 8 attempts'],
    ] as const) {
      const { page, errors, close } = await openOfficerPage(lang, 'phone');
      const item = page.locator('.alert-error ul > li').first();
      const retries = item.getByTestId('refund-cancel-retries');
      await retries.getByText(text).waitFor();
      await retries.getByText(lastError).waitFor();
      // Nothing of the error overflows the item, nor the page sideways; the item's button stays within the 360 px screen.
      const [scrollWidth, clientWidth, pageWidth] = await item.evaluate((li) => [li.scrollWidth, li.clientWidth, document.documentElement.scrollWidth]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(pageWidth).toBeLessThanOrEqual(360);
      const button = (await item.getByRole('button', { name: lang === 'en' ? /record/i : '처리 결과 기록' }).boundingBox())!;
      expect(button.x + button.width).toBeLessThanOrEqual(360);
      await snap(page, 'phone', `officer-refunds-cancel-given-up-${lang}`);
      expect(errors).toEqual([]);
      await close();
    }
  });

  test('a deposit paid back twice offers only recovered or written off (never "refunded"), and is recorded recovered with a note', async () => {
    // 136,530 refunded by hand under RF-00000001, then the bank reversed the deposit: the oldest open, listed first.
    const flag = await t.platform.deps.taxPayments!.store.recordRefundDue({
      provider: 'local-emulator',
      providerTx: 'refunded-then-reversed:RF-00000001',
      declarationId,
      paymentNo: '9260000000000000017',
      amountKrw: 136_530,
      payerKind: 'consumer',
      reason: 'refunded_then_reversed',
      refundBy: '2026-11-30',
      createdAt: new Date('2026-11-18T00:00:00Z'),
    });
    const no = `RF-${String(flag.id).padStart(8, '0')}`;
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'e2e-admin');
    const item = page.locator('.alert-error ul > li').filter({ hasText: no });
    await item.getByTestId('refund-alert').waitFor();
    const outcome = item.getByLabel(/처리 결과$/);
    expect(await outcome.locator('option').allInnerTexts()).toEqual(['선택하세요', '회수 완료 (납부자가 돌려줌, 또는 은행·결제대행사와 정산함)', '회수 포기 (돌려받을 수 없음: 사유를 메모에)']);
    await outcome.selectOption('recovered');
    // Nothing was refunded: no provider reference is asked.
    expect(await item.getByLabel('결제대행사 환불번호').count()).toBe(0);
    await item.getByLabel(/처리 메모/).fill('납부자가 136,530원 반환');
    await snap(page, 'phone', 'officer-refunds-paid-back-twice');
    await item.getByRole('button', { name: '처리 결과 기록' }).click();
    await item.waitFor({ state: 'detached' });
    expect((await t.db.pool.query(`SELECT outcome, resolution FROM tax_refunds_due WHERE id = $1`, [flag.id])).rows).toEqual([{ outcome: 'recovered', resolution: '납부자가 136,530원 반환' }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
