// What a usability audit of the portal found (consumers on a 360 px phone, Korean first; operators;
// officers), kept from coming back. Screenshots: test-results/screenshots/audit-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, horizontalOverflow, launchBrowser, newContext, signInAs, snap, startPlatform, trackRequests, type Platform, until, waitForQuiet, watchErrors } from './support.ts';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A 360 px phone in the language asked. */
async function phone(lang: 'ko' | 'en'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, 'phone');
  await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
  const page = await context.newPage();
  trackRequests(page);
  return { context, page, errors: watchErrors(page) };
}

describe('tax estimator: self-use limits by weight', () => {
  test('ginseng asks for the weight of one unit (Korean): 4 × 100 g is over 300 g and held, 2 × 100 g is not; shoes do not ask', async () => {
    const { context, page, errors } = await phone('ko');
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    const weight = page.getByRole('textbox', { name: /1개당 중량\(g\)/ });
    await page.locator('select[name=category]').selectOption('shoes');
    expect(await weight.count()).toBe(0);

    await page.locator('select[name=category]').selectOption('ginseng');
    await weight.waitFor();
    await page.locator('input[name=price]').fill('20');
    await page.locator('input[name=quantity]').fill('4');
    await weight.fill('100');
    await page.getByRole('button', { name: '세금 계산하기' }).click();
    await page.getByText('(400g > 300g)', { exact: false }).waitFor();
    await page.locator('#estimate-result').getByText('통관보류', { exact: true }).first().waitFor();
    // Given, so not among the assumptions.
    expect(await page.locator('#estimate-result').textContent()).not.toContain('1개당 중량을 입력하지 않아');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await snap(page, 'phone', 'audit-estimate-ginseng-held');

    await page.locator('input[name=quantity]').fill('2');
    await page.getByRole('button', { name: '세금 계산하기' }).click();
    await until(() => page.locator('#estimate-result').textContent(), (v) => !!v && !v.includes('(400g > 300g)') && !v.includes('통관보류'), 'no longer held');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an HS code under a limit by weight (1211, herbs) asks for it too (English), and the estimate uses it', async () => {
    const { context, page, errors } = await phone('en');
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    await page.getByText('HS code', { exact: true }).click();
    await page.locator('input[name=hsCode]').fill('1211');
    const weight = page.getByRole('textbox', { name: /Weight per unit \(g\)/ });
    await weight.waitFor();
    await page.locator('input[name=price]').fill('30');
    await weight.fill('3500');
    await page.getByRole('button', { name: 'Estimate tax' }).click();
    await page.getByText('here 3,500 g > 3,000 g', { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tax estimator: a limit by weight found by the goods’ name', () => {
  test('food named "녹용" (deer antler, 150 g): the estimate says it assumed the weight, the field appears, and 2 × 100 g is held', async () => {
    const { context, page, errors } = await phone('ko');
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    await page.locator('select[name=category]').selectOption('food');
    await page.locator('input[name=description]').fill('녹용 슬라이스 뉴질랜드산');
    await page.locator('input[name=price]').fill('50');
    const weight = page.getByRole('textbox', { name: /1개당 중량\(g\)/ });
    expect(await weight.count()).toBe(0);
    await page.getByRole('button', { name: '세금 계산하기' }).click();
    await page.getByText('1개당 중량을 입력하지 않아 자가사용 인정기준(녹용 150g)', { exact: false }).waitFor();
    await weight.waitFor();
    await page.locator('input[name=quantity]').fill('2');
    await weight.fill('100');
    await page.getByRole('button', { name: '세금 계산하기' }).click();
    await page.getByText('(200g > 150g)', { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tax estimator: a value the server refuses', () => {
  test.each([
    ['ko', '세금 계산하기', '1,000,000,000 이하로 입력하세요.', '요청 형식이 올바르지 않습니다'],
    ['en', 'Estimate tax', 'Enter at most 1,000,000,000.', 'does not match the schema'],
  ] as const)('(%s) is said beside its field with a readable limit, the field takes the focus, and no "request format invalid" box is added', async (lang, submit, text, generic) => {
    const { context, page } = await phone(lang);
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    await page.locator('select[name=category]').selectOption('shoes');
    await page.locator('input[name=price]').fill('2000000000');
    await page.getByRole('button', { name: submit }).click();
    await page.getByText(text, { exact: true }).waitFor();
    expect(await page.locator('input[name=price]').getAttribute('aria-invalid')).toBe('true');
    await until(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), (n) => n === 'price', 'focus on the price');
    expect(await page.getByText(generic, { exact: false }).count()).toBe(0);
    expect(await page.getByText('VALIDATION_FAILED').count()).toBe(0);
    await context.close();
  });
});

describe('tax estimator: a price pasted from the order', () => {
  test.each([
    ['ko', '$180', '세금 계산하기', '통화 기호나 통화 코드 없이 숫자만 입력하세요(예: 180).'],
    ['en', '180.00 USD', 'Estimate tax', 'Type the number only, without a currency sign or code (e.g. 180)'],
  ] as const)('(%s) with its currency ("%s") is told to leave the sign out, not only "a number of 0 or more", and asks nothing of the server', async (lang, typed, submit, text) => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    let asked = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/estimate')) asked += 1;
    });
    await page.locator('select[name=category]').selectOption('shoes');
    await page.locator('input[name=price]').fill(typed);
    await page.getByRole('button', { name: submit }).click();
    await page.getByText(text, { exact: false }).waitFor();
    expect(await page.locator('input[name=price]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('price');
    expect(asked).toBe(0);
    await snap(page, 'phone', `audit-estimate-price-currency-${lang}`);
    // The number alone is estimated.
    await page.locator('input[name=price]').fill('180');
    await page.getByRole('button', { name: submit }).click();
    await page.getByTestId('estimate-total').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tracking by cargo number', () => {
  test.each([
    ['ko', '조회하기', '화물관리번호를 입력하세요.', '화물관리번호는 15자리 이상입니다.'],
    ['en', 'Look up', 'Enter the cargo management number.', 'A cargo number has at least 15 characters.'],
  ] as const)('(%s) asked with nothing typed says to enter the number and where it is, not that it has 15 characters; a short one still says that', async (lang, submit, empty, short) => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${platform.url}/track`);
    await page.locator('input[name=cargoNo]').waitFor();
    await page.getByRole('button', { name: submit, exact: true }).click();
    const error = page.locator('.error-text');
    await error.waitFor();
    expect(await error.innerText()).toContain(empty);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('cargoNo');
    await page.locator('input[name=cargoNo]').fill('123');
    await page.getByRole('button', { name: submit, exact: true }).click();
    await until(() => error.innerText(), (v) => v.includes(short), 'the length rule for a short number');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tracking by B/L', () => {
  test.each([
    ['ko', '하우스 B/L', '마스터 B/L로 조회해 보세요.', '마스터 B/L로 조회하기'],
    ['en', 'House B/L', 'or look it up as a Master B/L.', 'Look up as a Master B/L'],
  ] as const)('(%s) a master B/L number asked as a house B/L: the answer says which kind was asked and offers the other, which finds the parcel (before: only "no cargo found, check the number and the year")', async (lang, asked, hint, other) => {
    const sample = await api<{ cargoNo: string; mblNo: string; blYear: string }>(platform.url, `/api/v1/lookup/cargo/${platform.demo.sampleCargoNo}`);
    expect(sample.status).toBe(200);
    const { mblNo, blYear, cargoNo } = sample.body;
    const { context, page, errors } = await phone(lang);
    await page.goto(`${platform.url}/track?hblNo=${mblNo}&blYear=${blYear}`);
    const none = page.getByTestId('track-none');
    await none.waitFor();
    expect(await none.innerText()).toContain(`${asked} ${mblNo}`);
    expect(await none.innerText()).toContain(hint);
    await snap(page, 'phone', `audit-track-bl-kind-${lang}`);
    await page.getByRole('button', { name: other }).click();
    await page.getByText(cargoNo).first().waitFor();
    expect(new URL(page.url()).searchParams.get('mblNo')).toBe(mblNo);
    // The form says what was asked: the master B/L chosen, the number and year kept.
    expect(await page.getByRole('radio', { name: lang === 'ko' ? '마스터 B/L' : 'Master B/L' }).isChecked()).toBe(true);
    expect(await page.locator('input[name=blNo]').inputValue()).toBe(mblNo);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tax estimator: the duty-free limit written one way', () => {
  test.each([
    ['ko', '세금 계산하기'],
    ['en', 'Estimate tax'],
  ] as const)('(%s) the summary, the advice and the table caption write the limit as the reasons do ("USD 200", not "USD 200.00" beside it)', async (lang, submit) => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    await page.locator('select[name=category]').selectOption('shoes');
    // Within the limit (the caption of the taxes without the exemption names it), then over it.
    for (const price of ['120', '250']) {
      await page.locator('input[name=price]').fill(price);
      await page.getByRole('button', { name: submit }).click();
      await until(() => page.getByTestId('advice-headroom').textContent(), (v) => !!v?.includes(price === '120' ? 'USD 80.00' : 'USD 50.00'), `the headroom for ${price}`);
      const result = (await page.locator('#estimate-result').innerText()).replace(/\s+/g, ' ');
      const limits = [...result.matchAll(/USD (200(?:\.\d+)?)(?![\d.,])/g)].map((m) => m[1]);
      // Written in the summary, the advice, and (English) the reasons: one way each time.
      expect(limits.length, result).toBeGreaterThanOrEqual(2);
      expect([...new Set(limits)], result).toEqual(['200']);
      // The amounts keep their cents.
      expect(result).toContain(price === '120' ? 'USD 120.00' : 'USD 250.00');
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tax estimator: the taxes a duty-free parcel would owe without the exemption', () => {
  test.each([
    ['ko', '세금 계산하기', '30,006원', '30,000원', '세목마다 10원 미만은 버린 금액입니다'],
    ['en', 'Estimate tax', 'KRW 30,006', 'KRW 30,000', 'Each tax is rounded down to a multiple of KRW 10'],
  ] as const)('(%s) say why the table is a few won under the calculation (shoes USD 180 from the US: VAT 30,006 in the reason, 30,000 in the table)', async (lang, submit, reasonVat, tableVat, note) => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    await page.locator('select[name=category]').selectOption('shoes');
    await page.locator('input[name=price]').fill('180');
    await page.getByRole('button', { name: submit }).click();
    await page.getByTestId('estimate-total').waitFor();
    // USD 180 × 1,370.24 = 246,643 (goods) + 18,900 (express freight, US 1 kg) = 265,543 CIF;
    // duty 13 % = 34,520.59 → 34,520; VAT (265,543 + 34,520) × 10 % = 30,006.3 → 30,006, to the 10 won 30,000.
    // (The rate: data/exchange-rates.json holds its last estimated week, 1,370.24, after 2026-10-04.)
    const result = (await page.locator('#estimate-result').innerText()).replace(/\s+/g, ' ');
    expect(result).toContain('1,370.24');
    expect(result).toContain(reasonVat);
    expect(await page.locator('.tax-table').nth(1).innerText()).toContain(tableVat);
    expect(await page.getByTestId('without-exemption-rounding').innerText()).toContain(note);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tax estimator, a postal parcel: the basis of the estimate, and the 간이세율 the post office may apply', () => {
  test.each([
    ['ko', '세금 계산하기', '계산 기준: 일반세율', '간이세율(신발·의류 25%)로는 과세가격 429,972원 × 간이세율 = 107,490원', '확인되지 않은 수치'],
    ['en', 'Estimate tax', 'Basis: the general rates', '(shoes and clothing 25%) it would be taxable value KRW 429,972 × simplified rate = KRW 107,490', 'not verified'],
  ] as const)('(%s) shoes of USD 300 by post from the US: general rates 104,470, and the simplified 25 % said beside it as unverified', async (lang, submit, basis, simplified, unverified) => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    await waitForQuiet(page);
    await page.locator('select[name=category]').selectOption('shoes');
    await page.locator('input[name=price]').fill('300');
    await page.locator('input[name=mode][value=postal]').check();
    await page.getByRole('button', { name: submit }).click();
    await page.getByTestId('estimate-total').waitFor();
    // USD 300 × 1,370.24 = 411,072 (goods) + 18,900 (express freight, US 1 kg) = 429,972 CIF;
    // general: duty 13 % = 55,896.36 → 55,896 → 55,890; VAT (429,972 + 55,896) × 10 % = 48,586.8 → 48,586 → 48,580; 104,470.
    // simplified (data/simplified-rates.json, shoes and clothing 25 %, unverified): 429,972 × 25 % = 107,493 → 107,490.
    expect(await page.getByTestId('estimate-total').innerText()).toContain('104,470');
    const text = (await page.getByTestId('estimate-basis').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(basis);
    expect(text).toContain(simplified);
    expect(text).toContain(unverified);
    // An express parcel of the same: the basis only.
    await page.locator('input[name=mode][value=express]').check();
    await page.getByRole('button', { name: submit }).click();
    await until(() => page.getByTestId('estimate-basis').innerText(), (v) => !!v && !v.includes(unverified), 'the express estimate, without the simplified rates');
    expect(await page.getByTestId('estimate-basis').innerText()).toContain(basis);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tax estimator on a desktop: the fields side by side line up', () => {
  test.each(['ko', 'en'] as const)('(%s) each row’s inputs start at the same height, whatever the category asks for (a label wrapping onto a second line pushed its input below its neighbour’s)', async (lang) => {
    const context = await newContext(browser, 'desktop');
    await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
    const page = await context.newPage();
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').waitFor();
    const misaligned: string[] = [];
    for (const category of ['ginseng', 'liquor-wine', 'perfume']) {
      await page.locator('select[name=category]').selectOption(category);
      await page.locator('form .row').first().waitFor();
      const rows = await page.locator('form .row').evaluateAll((els) =>
        els.map((row) => [...row.querySelectorAll('input, select')].map((i) => ({ name: (i as HTMLInputElement).name, top: Math.round(i.getBoundingClientRect().top) }))),
      );
      for (const row of rows) if (new Set(row.map((i) => i.top)).size > 1) misaligned.push(`${category}: ${row.map((i) => `${i.name}@${i.top}`).join(' ')}`);
    }
    await snap(page, 'desktop', `audit-estimate-rows-${lang}`);
    expect(misaligned).toEqual([]);
    await context.close();
  });
});

describe('officer consultations', () => {
  test('an empty inbox says it is empty, without asking to select a consultation there is none of', async () => {
    const session = (await api<{ token: string }>(platform.url, '/api/v1/auth/sign-in', { body: platform.demo.officer })).body;
    // The demo seeds threads waiting and answered: the desk closes them all first, so its inbox (open and answered) is empty.
    const inbox = await api<{ consultations: { id: number }[] }>(platform.url, '/api/v1/officer/consultations', { token: session.token });
    for (const c of inbox.body.consultations) {
      expect((await api(platform.url, `/api/v1/officer/consultations/${c.id}/close`, { token: session.token, body: { note: '처리 완료' } })).status).toBe(200);
    }
    const context = await newContext(browser, 'desktop');
    await signInAs(context, 'officer', session);
    const page = await context.newPage();
    trackRequests(page);
    const errors = watchErrors(page);
    await page.goto(`${platform.url}/officer/consultations`);
    await page.getByText('상담 내역이 없습니다.').waitFor();
    await waitForQuiet(page);
    expect(await page.getByText('상담을 선택하세요.').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('demo shop', () => {
  test.each(['ko', 'en'] as const)('(%s) the order amount is written as the rest of the portal writes money (USD 32.50, not 32.50 USD)', async (lang) => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${platform.url}/demo/mall`);
    await page.getByTestId('request-consent').waitFor();
    const text = (await page.locator('main').textContent())?.replace(/\s/g, ' '); // Intl puts a no-break space after the code
    expect(text).toContain('USD 32.50');
    expect(text).not.toContain('32.50 USD');
    expect(errors).toEqual([]);
    await context.close();
  });
});
