// The consumer and public pages as a demanding reader finds them, in real Chromium (desktop
// 1280×800 and a 390×844 phone, Korean and English): each test pins one defect found by hand and
// fails without its fix.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { declaration } from '../support/test-platform.ts';
import { api, launchBrowser, SCREENSHOTS, seedPortal, signInEverywhere, startPlatform, until, watchErrors, type Platform, type PortalData } from './support.ts';

let platform: Platform;
let browser: Browser;
let data: PortalData;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  data = await seedPortal(platform);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(lang: 'ko' | 'en', viewport: { width: number; height: number }, options: { signedIn?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: lang === 'ko' ? 'ko-KR' : 'en-GB',
    timezoneId: 'Asia/Seoul',
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    serviceWorkers: 'block',
  });
  await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
  if (options.signedIn) await signInEverywhere(context, data);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** WCAG 2.x contrast ratio of two CSS colours (rgb() or #rrggbb). */
function contrast(a: string, b: string): number {
  const rgb = (c: string): number[] => {
    const hex = /^#([0-9a-f]{6})$/i.exec(c.trim());
    if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16));
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(c);
    if (!m) throw new Error(`not a colour: ${c}`);
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  };
  const lum = (c: string) => {
    const [r, g, b] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('statistics', () => {
  test('every series colour of the stacked chart has at least 3:1 contrast with the card behind it (WCAG 1.4.11)', async () => {
    const { context, page, errors } = await open('ko', DESKTOP);
    await page.goto(`${platform.url}/statistics`);
    await page.getByTestId('query-time').waitFor();
    // By HS chapter: more than six chapters, so all seven colours (six and "other") are drawn.
    await page.getByText('품목(HS 류)', { exact: true }).click();
    await page.locator('.recharts-legend-item').nth(6).waitFor();
    const drawn = await page.evaluate(() => {
      const card = document.querySelector('#chart-count')!.closest('.card')!;
      const fills = new Set<string>();
      for (const el of Array.from(card.querySelectorAll('.recharts-bar-rectangle path, .recharts-legend-item path'))) {
        const fill = el.getAttribute('fill');
        if (fill && fill !== 'none') fills.add(fill);
      }
      return { background: getComputedStyle(card).backgroundColor, fills: [...fills] };
    });
    expect(drawn.fills.length).toBeGreaterThanOrEqual(7);
    const weak = drawn.fills.map((f) => ({ f, ratio: Math.round(contrast(f, drawn.background) * 100) / 100 })).filter((x) => x.ratio < 3);
    expect(weak).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('statistics legend', () => {
  test('the chart legend lists the series largest first, as the table below it (not by code: 중국 프랑스 일본 미국)', async () => {
    for (const lang of ['ko', 'en'] as const) {
      const { context, page, errors } = await open(lang, PHONE);
      await page.goto(`${platform.url}/statistics`);
      await page.getByTestId('query-time').waitFor();
      await page.locator('.recharts-legend-item').first().waitFor();
      const legend = await page.locator('#chart-count').locator('xpath=ancestor::section').locator('.recharts-legend-item-text').allTextContents();
      // The table's rows, largest first, each label without its code: '중국 (CN)' → '중국'.
      const rows = (await page.getByTestId('stats-table').locator('tbody th').allTextContents()).map((x) => x.replace(/\s*\([A-Z]{2}\)$/, '').trim());
      expect(legend.length).toBeGreaterThan(1);
      expect(legend).toEqual(rows.slice(0, legend.length));
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('an HS chapter row says its number once: 85류 전기기기, not 85류 전기기기 (85)', async () => {
    const { context, page, errors } = await open('ko', PHONE);
    await page.goto(`${platform.url}/statistics`);
    await page.getByTestId('query-time').waitFor();
    await page.getByText('품목(HS 류)', { exact: true }).click();
    await until(() => page.getByTestId('stats-table').locator('tbody th').first().textContent(), (x) => /^\d{2}류/.test(x ?? ''), 'the chapter rows');
    const rows = await page.getByTestId('stats-table').locator('tbody th').allTextContents();
    expect(rows.filter((x) => /\(\d{2}\)$/.test(x.trim()))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('tax estimate', () => {
  test('in English, a reason’s legal basis is the API’s refEn, with the Korean in its title', async () => {
    const { context, page, errors } = await open('en', PHONE);
    // The API's English reading stands out from the portal's own: a reading only refEn can give.
    await page.route('**/api/v1/estimate', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { assessment: { reasons: { code: string; refEn: string }[] } };
      for (const r of body.assessment.reasons) r.refEn = `API reading of ${r.code}`;
      await route.fulfill({ response, json: body });
    });
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').selectOption('shoes');
    await page.locator('input[name=price]').fill('250');
    await page.getByRole('button', { name: 'Estimate tax' }).click();
    const duty = page.locator('.reason', { hasText: 'DUTY_LINE' }).locator('.law-ref');
    await duty.waitFor();
    expect(await duty.textContent()).toBe('API reading of DUTY_LINE');
    expect(await duty.getAttribute('title')).toBe('관세법 제50조');
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The browser's answer when the person cancels the passkey prompt, lets it time out, or has no passkey it may use: NotAllowedError with a technical English text. */
async function passkeyPromptRefused(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const refuse = () => Promise.reject(new DOMException('The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client.', 'NotAllowedError'));
    Object.defineProperty(navigator.credentials, 'get', { value: refuse });
    Object.defineProperty(navigator.credentials, 'create', { value: refuse });
  });
}

describe('passkeys', () => {
  test('order approval: a cancelled passkey prompt is said in the reader’s language, not in the browser’s technical English', async () => {
    const { context, page, errors } = await open('ko', PHONE);
    await passkeyPromptRefused(context);
    // The ceremony's options as the platform gives them once the consumer has a usable passkey.
    await page.route('**/api/v1/consent/*/options', (route) =>
      route.fulfill({ json: { options: { rpId: '127.0.0.1', challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', allowCredentials: [], timeout: 120000, userVerification: 'required' } } }),
    );
    await page.goto(`${platform.url}/consent/${data.consentId}`);
    await page.getByTestId('consent-order').waitFor();
    await page.locator('[data-testid^=choice-]').first().click();
    await page.getByTestId('approve').click();
    const alert = page.locator('.alert-error');
    await alert.getByText('패스키 확인이 취소되었거나 시간이 지났습니다.', { exact: false }).waitFor();
    expect(await alert.textContent()).not.toContain('The operation');
    // The button pressed has the focus again (disabled during the prompt, it dropped it to the page's body).
    await expect.poll(() => page.getByTestId('approve').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('order approval: a request already decided says so in words, never by its status code', async () => {
    for (const [lang, status, text] of [
      ['ko', 'approved', '이미 승인한 요청입니다.'],
      ['en', 'declined', 'You already declined this request.'],
    ] as const) {
      const { context, page } = await open(lang, PHONE);
      await page.route(`**/api/v1/consent/${data.consentId}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), status } });
      });
      await page.goto(`${platform.url}/consent/${data.consentId}`);
      const closed = page.getByTestId('consent-closed');
      await closed.waitFor();
      expect(await closed.textContent()).toBe(text);
      await context.close();
    }
  });

  test('registering a passkey: a cancelled prompt is said in the reader’s language', async () => {
    const { context, page, errors } = await open('ko', PHONE, { signedIn: true });
    await passkeyPromptRefused(context);
    await page.goto(`${platform.url}/me/security`);
    await page.getByTestId('register-passkey').click();
    const alert = page.locator('.alert-error');
    await alert.getByText('패스키 등록이 취소되었거나 시간이 지났습니다.', { exact: false }).waitFor();
    expect(await alert.textContent()).not.toContain('The operation');
    await expect.poll(() => page.getByTestId('register-passkey').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
    // Signing in with a passkey (signed out), the prompt cancelled: the same.
    const out = await open('ko', PHONE);
    await passkeyPromptRefused(out.context);
    await out.page.goto(`${platform.url}/me`);
    await out.page.getByTestId('passkey-sign-in').click();
    await out.page.locator('.alert-error').waitFor();
    await expect.poll(() => out.page.getByTestId('passkey-sign-in').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(out.errors).toEqual([]);
    await out.context.close();
    await context.close();
  });
});

describe('code renewal', () => {
  test('a code past its expiry but still renewable says by when to renew, and offers the button; one not yet in its window says from when', async () => {
    for (const [lang, expiredText, laterText] of [
      ['ko', '유효기간(2026-11-30)이 지났습니다. 2026-12-30까지 연장하지 않으면', '유효기간 연장은 2027-11-01부터 할 수 있습니다.'],
      ['en', 'This code expired on 2026-11-30. Renew it by 2026-12-30', 'You can renew the code from 2027-11-01.'],
    ] as const) {
      const { context, page, errors } = await open(lang, PHONE, { signedIn: true });
      // The holder's real answer, moved to one of the two days to check (the server's own figures are the integration test's).
      let renewal = { expiresOn: '2026-11-30', renewal: { opensOn: '2026-10-31', closesOn: '2026-12-30', open: true, expired: true, renewsUntil: '2027-11-30' } };
      await page.route('**/api/v1/consumer/pccc', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), status: 'active', ...renewal } });
      });
      await page.goto(`${platform.url}/me/security`);
      const note = page.getByTestId('renewal-note');
      await note.waitFor();
      expect(await note.textContent()).toContain(expiredText);
      expect(await note.getAttribute('role')).toBe('alert');
      await page.getByTestId('renew').waitFor();
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `me-security-renewal-expired-${lang}.png`), fullPage: true });
      renewal = { expiresOn: '2027-12-01', renewal: { opensOn: '2027-11-01', closesOn: '2027-12-31', open: false, expired: false, renewsUntil: '2028-12-01' } };
      await page.reload();
      await note.getByText(laterText).waitFor();
      expect(await page.getByTestId('renew').count()).toBe(0); // before: a button that could only answer 409 RENEWAL_NOT_ALLOWED
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('sign-in by text message, refused', () => {
  test('details that do not match say which to check and where they are kept, and a refusal leaves the focus on the button pressed (it fell to the page body)', async () => {
    const c = platform.demo.consumer;
    const { context, page, errors } = await open('en', DESKTOP);
    await page.goto(`${platform.url}/me`);
    await page.fill('input[name="pccc"]', c.pccc);
    await page.fill('input[name="name"]', 'Kim Minji'); // the name in English, registered in Korean
    await page.fill('input[name="phone"]', c.phone);
    await page.fill('input[name="postcode"]', c.postcode);
    const send = page.getByRole('button', { name: 'Send me a code' });
    await send.press('Enter');
    const next = page.getByTestId('verify-failed-next');
    await next.waitFor();
    // Before: only 'The identity details do not match.' and its code, no word of what to check.
    expect(await next.textContent()).toContain('exactly as registered');
    expect(await next.textContent()).toContain('unipass.customs.go.kr');
    await expect.poll(() => send.evaluate((el) => el === document.activeElement)).toBe(true);
    // The right details, then a wrong code: the focus stays on Confirm.
    await page.fill('input[name="name"]', c.name);
    await send.press('Enter');
    await page.locator('input[name="code"]').fill('000000');
    const confirm = page.getByRole('button', { name: 'Confirm' });
    await confirm.press('Enter');
    await page.getByTestId('error-code').getByText('CHALLENGE_INVALID').waitFor();
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('order approval without a passkey', () => {
  test('says what to do (register a passkey, or nothing if not ordering) instead of the error code NO_PASSKEY', async () => {
    const c = platform.demo.consumer; // the demo consumer has no passkey
    const made = await api<{ id: string }>(platform.url, '/api/v1/consent-requests', {
      token: platform.demo.apiKeys.ALIEXPRESS!,
      body: {
        pccc: c.pccc, consigneeName: c.name, consigneePhone: c.phone, postcode: c.postcode, platform: 'AliExpress', seller: 'Xiaomi Official Store',
        items: [{ description: '보조배터리 Xiaomi Power Bank 20000mAh', quantity: 1, price: 32.5 }], total: 32.5, currency: 'USD', orderNo: `AE-NOKEY-${crypto.randomUUID().slice(0, 8)}`,
      },
    });
    expect(made.status).toBe(201);
    for (const [lang, text, link] of [['ko', '패스키를 등록', '패스키 등록하기'], ['en', 'register a passkey first', 'Register a passkey']] as const) {
      const { context, page, errors } = await open(lang, PHONE);
      await page.goto(`${platform.url}/consent/${made.body.id}`);
      await page.getByTestId('consent-order').waitFor();
      await page.getByTestId('decline').click();
      const said = page.getByTestId('consent-no-passkey');
      await said.waitFor();
      expect(await said.textContent()).toContain(text);
      expect(await said.getByRole('link', { name: link }).getAttribute('href')).toBe('/me/security');
      expect(await page.locator('main').textContent()).not.toContain('NO_PASSKEY'); // before: '오류: … NO_PASSKEY', no way on
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('code protection and order approval layout', () => {
  test('the rows of passkeys, approvals, the ledger and an order’s items are plain rows: no bullets, no indent', async () => {
    const { context, page, errors } = await open('ko', PHONE, { signedIn: true });
    const plainLists = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.plain-list')).map((ul) => {
          const s = getComputedStyle(ul);
          return { list: s.listStyleType, indent: s.paddingLeft, items: ul.children.length };
        }),
      );
    await page.goto(`${platform.url}/me/security`);
    await page.getByTestId('ledger').locator('li').first().waitFor();
    const security = await plainLists();
    expect(security.length).toBeGreaterThanOrEqual(2);
    for (const l of security) expect({ list: l.list, indent: l.indent }).toEqual({ list: 'none', indent: '0px' });
    // A ledger entry starts at the card's left edge, as the card's title does.
    const [title, entry] = await Promise.all([page.locator('#sec-ledger').boundingBox(), page.getByTestId('ledger').locator('li').first().boundingBox()]);
    expect(Math.round(entry!.x)).toBe(Math.round(title!.x));
    await page.goto(`${platform.url}/consent/${data.consentId}`);
    await page.getByTestId('consent-order').waitFor();
    for (const l of await plainLists()) expect({ list: l.list, indent: l.indent }).toEqual({ list: 'none', indent: '0px' });
    // The numbers to pick and the approve button are two rows apart, not touching (before: 0 px between
    // the number buttons and "패스키로 승인", one tap away from a slip).
    const [numbers, approve] = await Promise.all([page.getByRole('radiogroup').boundingBox(), page.getByTestId('approve').boundingBox()]);
    expect(approve!.y - (numbers!.y + numbers!.height)).toBeGreaterThanOrEqual(12);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('clearance lookup', () => {
  test('a refused parcel says why, in the reader’s language, where a held one says why it is held; a Korean-only reason is marked as Korean', async () => {
    const q = await api<{ declarations: { id: number; cargoNo: string }[] }>(platform.url, '/api/v1/officer/work-queue?status=held&limit=5', { token: data.adminToken });
    const [both, koreanOnly] = q.body.declarations.filter((d) => d.id !== data.held.id);
    const refused = await api(platform.url, `/api/v1/officer/declarations/${both!.id}/reject`, {
      token: data.adminToken,
      body: { reason: '상표권 침해 물품으로 확인되어 통관을 불허합니다.', reasonEn: 'Clearance refused: the goods infringe a trade mark.' },
    });
    expect(refused.status).toBe(200);
    expect((await api(platform.url, `/api/v1/officer/declarations/${koreanOnly!.id}/reject`, { token: data.adminToken, body: { reason: '수입 요건을 갖추지 못해 반송 대상입니다.' } })).status).toBe(200);

    for (const [lang, viewport] of [['ko', DESKTOP], ['en', PHONE]] as const) {
      const { context, page, errors } = await open(lang, viewport);
      await page.goto(`${platform.url}/track?cargoNo=${both!.cargoNo}`);
      const reason = page.getByTestId('refusal-reason');
      await reason.waitFor();
      expect(await reason.textContent()).toBe(lang === 'ko' ? '통관불허 사유상표권 침해 물품으로 확인되어 통관을 불허합니다.' : 'Reason for the refusalClearance refused: the goods infringe a trade mark.');
      await page.goto(`${platform.url}/track?cargoNo=${koreanOnly!.cargoNo}`);
      await page.getByTestId('refusal-reason').getByText('수입 요건을 갖추지 못해 반송 대상입니다.').waitFor();
      // On an English page the Korean text is marked as Korean (in the alert and in the timeline).
      const marked = await page.locator('body [lang=ko]', { hasText: '수입 요건을 갖추지 못해' }).count();
      expect(marked).toBe(lang === 'en' ? 2 : 0);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('taxes of a refused parcel', () => {
  test('a refused parcel owes nothing: the lookup says so and why instead of the assessed amount', async () => {
    // Five T-shirts at USD 60 = USD 300, over the USD 150 de minimis: duty and VAT are assessed and
    // far above the KRW 10,000 minimum collection amount, so they would be collected if imported.
    const ref = `E2E-REFUSED-TAX-${crypto.randomUUID().slice(0, 8)}`;
    const submitted = await api<{ results: { declarationId: number; cargoNo: string; status: string }[] }>(platform.url, '/api/v1/declarations', {
      token: platform.demo.apiKeys.MALLTAIL!,
      body: { declarations: [declaration(ref, { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 5, price: 60, originCountry: 'VN' }] })] },
    });
    const parcel = submitted.body.results[0]!;
    expect(parcel.status).toBe('accepted');
    const before = await api<{ taxes: { collected: boolean; dueKrw: number } }>(platform.url, `/api/v1/lookup/cargo/${parcel.cargoNo}`);
    expect(before.body.taxes.collected).toBe(true);
    expect(before.body.taxes.dueKrw).toBeGreaterThan(10_000);
    const refused = await api(platform.url, `/api/v1/officer/declarations/${parcel.declarationId}/reject`, { token: data.adminToken, body: { reason: '상표권 침해 물품입니다.', reasonEn: 'The goods infringe a trade mark.' } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const after = await api<{ taxes: { collected: boolean; dueKrw: number } }>(platform.url, `/api/v1/lookup/cargo/${parcel.cargoNo}`);
    expect(after.body.taxes).toMatchObject({ collected: true, dueKrw: 0 });

    for (const [lang, viewport] of [['ko', DESKTOP], ['en', PHONE]] as const) {
      const { context, page, errors } = await open(lang, viewport);
      await page.goto(`${platform.url}/track?cargoNo=${parcel.cargoNo}`);
      const notDue = page.getByTestId('tax-not-due');
      await notDue.waitFor();
      expect(await notDue.textContent()).toBe(
        lang === 'ko' ? '납부할 세액 없음통관이 불허되어 수입되지 않으므로 세금을 징수하지 않습니다.' : 'Nothing to payClearance was refused: the parcel is not imported, so no tax is collected.',
      );
      // No amount is shown as owed anywhere on the card.
      expect(await page.locator('.lookup-card .tax-amount').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe("the taxes on my parcels' cards", () => {
  test('the card of a taxed parcel says what its own notice says: due by its date with the amount and a pay button, or paid on its date (before: "nothing to do if already paid")', async () => {
    const c = platform.demo.consumer;
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10); // in Korea
    const dayBefore = (n: number) => new Date(Date.parse(today) - n * 86_400_000).toISOString().slice(0, 10);
    const tag = crypto.randomUUID().slice(0, 8);
    // Two parcels of USD 360 each (over the US express de minimis: taxed), bought on different days from different sellers (not combined).
    const parcel = (ref: string, seller: string, purchasedAt: string, description: string) =>
      declaration(ref, {
        declaredAt: today,
        shipment: { mode: 'express', shipFrom: 'US', hblNo: `H${ref}`, mblNo: 'M988-1234', arrivalDate: today, grossWeightKg: 0.5 },
        parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: seller, country: 'US' } },
        consignee: { name: c.name, pccc: c.pccc, phone: c.phone, postcode: c.postcode, address: '서울특별시 강남구 테헤란로 123' },
        order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' },
        items: [{ description, hsCode: '6109101000', quantity: 8, price: 45, originCountry: 'VN' }],
      });
    const key = platform.demo.apiKeys.MALLTAIL!;
    const sent = await api<{ results: { declarationId: number; cargoNo: string; status: string }[] }>(platform.url, '/api/v1/declarations', {
      token: key,
      body: { declarations: [parcel(`E2E-DUE-${tag}`, 'Nike Store', dayBefore(3), '티셔츠 미납 Nike'), parcel(`E2E-PAID-${tag}`, 'Adidas Store', dayBefore(5), '티셔츠 납부 Adidas')] },
    });
    expect(sent.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const due = sent.body.results[0]!;
    const paid = sent.body.results[1]!;
    const own = await api<{ declarations: { cargoNo: string; taxNotice: { amountKrw: number; dueDate: string; status: string } | null }[] }>(platform.url, '/api/v1/consumer/declarations?limit=10', { token: data.consumer.token });
    const notice = own.body.declarations.find((d) => d.cargoNo === due.cargoNo)!.taxNotice!;
    expect(notice.status).toBe('due');
    const amount = own.body.declarations.find((d) => d.cargoNo === paid.cargoNo)!.taxNotice!.amountKrw;
    const payment = await fetch(`${platform.url}/api/v1/declarations/${paid.declarationId}/tax-payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ method: 'card', amountKrw: amount, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }),
    });
    expect(payment.status).toBe(201);
    const won = (n: number) => n.toLocaleString('en-US');

    for (const [lang, viewport, name] of [['ko', DESKTOP, 'desktop'], ['en', PHONE, 'phone']] as const) {
      const { context, page, errors } = await open(lang, viewport, { signedIn: true });
      await page.goto(`${platform.url}/me`);
      const card = (cargoNo: string) => page.locator('article.lookup-card', { has: page.locator(`[id="cargo-${cargoNo}"]`) });
      // The newest parcels come after the held ones: "more" until both cards are there.
      await until(
        async () => {
          if ((await card(due.cargoNo).count()) && (await card(paid.cargoNo).count())) return true;
          const more = page.getByTestId('more-parcels');
          if (await more.count()) await more.click();
          return false;
        },
        (v) => v,
        'the two cards',
        30_000,
      );
      const dueCard = card(due.cargoNo);
      const paidCard = card(paid.cargoNo);
      const dueLine = (await dueCard.getByTestId('next-action').textContent()) ?? '';
      const paidLine = (await paidCard.getByTestId('next-action').textContent()) ?? '';
      if (lang === 'ko') {
        expect(dueLine).toContain(`관세 등 제세 ${won(notice.amountKrw)}원을 ${notice.dueDate}까지 납부하세요`);
        expect(paidLine).toContain(`${today}에 관세 등 제세 ${won(amount)}원을 납부했습니다`);
        expect(`${dueLine}${paidLine}`).not.toContain('이미 납부했다면');
      } else {
        expect(dueLine).toContain(`Taxes of KRW ${won(notice.amountKrw)} are due by ${notice.dueDate}`);
        expect(paidLine).toContain(`Taxes of KRW ${won(amount)} were paid on ${today}`);
        expect(`${dueLine}${paidLine}`).not.toContain('if already paid');
      }
      expect(await dueCard.locator('.tax-amount .badge').textContent()).toBe(lang === 'ko' ? '납부 대기' : 'Due');
      expect(await paidCard.locator('.tax-amount .badge').textContent()).toBe(lang === 'ko' ? '납부 완료' : 'Paid');
      // A way to pay on the due card (the payment form of /me), none on the paid one.
      const pay = dueCard.locator('.lookup-pay button');
      expect(await pay.count()).toBe(1);
      expect(await paidCard.locator('.lookup-pay').count()).toBe(0);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await dueCard.screenshot({ path: path.join(SCREENSHOTS, `me-parcel-tax-due-${lang}-${name}.png`) });
      await paidCard.screenshot({ path: path.join(SCREENSHOTS, `me-parcel-tax-paid-${lang}-${name}.png`) });
      await pay.click();
      await dueCard.locator('form.pay-form').waitFor();
      await dueCard.screenshot({ path: path.join(SCREENSHOTS, `me-parcel-tax-pay-form-${lang}-${name}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('a held parcel on my parcels', () => {
  test('its card names the courier that the next step sends me to ("through the courier handling the clearance") and lists the items declared', async () => {
    const c = platform.demo.consumer;
    const tag = crypto.randomUUID().slice(0, 8);
    const sent = await api<{ results: { declarationId: number; cargoNo: string; status: string }[] }>(platform.url, '/api/v1/declarations', {
      token: platform.demo.apiKeys.MALLTAIL!,
      body: {
        declarations: [
          declaration(`E2E-COURIER-${tag}`, {
            parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: `Seller ${tag}`, country: 'US' }, courier: { name: '한진', code: 'HJEX' } },
            consignee: { name: c.name, pccc: c.pccc, phone: c.phone, postcode: c.postcode, address: '서울특별시 강남구 테헤란로 123' },
          }),
        ],
      },
    });
    const parcel = sent.body.results[0]!;
    expect(parcel.status).toBe('accepted');
    const hold = await api(platform.url, `/api/v1/officer/declarations/${parcel.declarationId}/hold`, { token: data.adminToken, body: { reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed' } });
    expect(hold.status).toBe(200);
    for (const [lang, label] of [['ko', '특송업체'], ['en', 'Courier']] as const) {
      const { context, page, errors } = await open(lang, PHONE, { signedIn: true });
      await page.goto(`${platform.url}/me`);
      const card = page.locator('.lookup-card', { hasText: parcel.cargoNo });
      await card.getByTestId('next-action').waitFor();
      const row = card.locator('.dl-row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
      expect(await row.locator('dd').allTextContents()).toEqual(['한진']); // before: no row, the courier unnamed
      // And what was declared, to check against the order (before: the title's '티셔츠 Nike Dri-FIT' only, no quantity or price).
      const items = (await card.getByTestId('declared-items').locator('li').allTextContents()).map((x) => x.replace(/\u00a0/g, ' ')); // Intl's no-break space after USD
      expect(items).toEqual(['티셔츠 Nike Dri-FIT × 1 · USD 40.00']);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('an item of several units', () => {
  // A declared price is the price of one unit. Shown bare beside "× 2" it read as the line's amount:
  // 2 × USD 78.55 is USD 157.10, over the USD 150 limit, yet the card said "× 2 · USD 78.55" and the
  // parcel was taxed; the approval page's "× 3 (USD 4.20)" and "× 1 (USD 32.50)" did not add up to
  // its total of USD 45.10 (32.50 + 3 × 4.20).
  test('my parcels and the order approval say the price is per unit and give the line’s total', async () => {
    const c = platform.demo.consumer;
    const tag = crypto.randomUUID().slice(0, 8);
    const sent = await api<{ results: { declarationId: number; cargoNo: string }[] }>(platform.url, '/api/v1/declarations', {
      token: platform.demo.apiKeys.MALLTAIL!,
      body: {
        declarations: [
          declaration(`E2E-UNITS-${tag}`, {
            consignee: { name: c.name, pccc: c.pccc, phone: c.phone, postcode: c.postcode, address: '서울특별시 강남구 테헤란로 123' },
            items: [
              { description: '블록장난감 Mould King 레이싱카', category: 'toy', quantity: 2, price: 78.55, originCountry: 'CN' },
              { description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 40, originCountry: 'VN' },
            ],
          }),
        ],
      },
    });
    const cargoNo = sent.body.results[0]!.cargoNo;
    const consent = await api<{ id: string }>(platform.url, '/api/v1/consent-requests', {
      token: platform.demo.apiKeys.ALIEXPRESS!,
      body: {
        pccc: c.pccc, consigneeName: c.name, consigneePhone: c.phone, postcode: c.postcode, platform: 'AliExpress', seller: 'Xiaomi Official Store', orderNo: `AE-UNITS-${tag}`, currency: 'USD', total: 45.1,
        items: [{ description: '보조배터리 Xiaomi Power Bank', quantity: 1, price: 32.5 }, { description: '케이블 Baseus USB-C 2m', quantity: 3, price: 4.2 }],
      },
    });
    expect(consent.status).toBe(201);
    const expected = {
      ko: {
        parcel: ['블록장난감 Mould King 레이싱카 × 2 · 단가 USD 78.55 · 합계 USD 157.10', '티셔츠 Nike Dri-FIT × 1 · USD 40.00'],
        order: ['보조배터리 Xiaomi Power Bank × 1 · USD 32.50', '케이블 Baseus USB-C 2m × 3 · 단가 USD 4.20 · 합계 USD 12.60'],
      },
      en: {
        parcel: ['블록장난감 Mould King 레이싱카 × 2 · USD 78.55 each · USD 157.10 in all', '티셔츠 Nike Dri-FIT × 1 · USD 40.00'],
        order: ['보조배터리 Xiaomi Power Bank × 1 · USD 32.50', '케이블 Baseus USB-C 2m × 3 · USD 4.20 each · USD 12.60 in all'],
      },
    };
    const texts = (l: import('playwright-core').Locator) => l.allTextContents().then((xs) => xs.map((x) => x.replace(/\u00a0/g, ' '))); // Intl's no-break space after USD
    for (const lang of ['ko', 'en'] as const) {
      const { context, page, errors } = await open(lang, PHONE, { signedIn: true });
      await page.goto(`${platform.url}/me`);
      const card = page.locator('.lookup-card', { hasText: cargoNo });
      await card.getByTestId('declared-items').waitFor();
      expect(await texts(card.getByTestId('declared-items').locator('li'))).toEqual(expected[lang].parcel); // before: '… × 2 · USD 78.55'
      await page.goto(`${platform.url}/consent/${consent.body.id}`);
      await page.getByTestId('consent-order').waitFor();
      expect(await texts(page.getByTestId('consent-order').locator('.plain-list li'))).toEqual(expected[lang].order); // before: '… × 3 (USD 4.20)'
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('forms on a phone', () => {
  /** Whether the control shows `text` whole: its width (canvas, the control's own font) within the control's box, less padding and, for a select, the arrow. */
  const showsWhole = (page: Page, selector: string, text: string) =>
    page.locator(selector).evaluate((el, t) => {
      const s = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const arrow = el.tagName === 'SELECT' ? 24 : 0;
      return ctx.measureText(t).width + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight) + arrow <= el.clientWidth;
    }, text);

  test('a 15-character house B/L number shows whole beside its year', async () => {
    const { context, page, errors } = await open('ko', PHONE);
    await page.goto(`${platform.url}/track?hblNo=LT2610250000052&blYear=2026`);
    await page.locator('input[name=blNo]').waitFor();
    expect(await page.locator('input[name=blNo]').inputValue()).toBe('LT2610250000052');
    expect(await showsWhole(page, 'input[name=blNo]', 'LT2610250000052')).toBe(true);
    expect(await showsWhole(page, 'input[name=blYear]', '2026')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the B/L year says which year it is (a buyer cannot tell what "B/L year" means; a December order arriving in January is looked up under the new year)', async () => {
    for (const [lang, text] of [['en', 'Year it arrived in Korea'], ['ko', '한국에 입항한 해']] as const) {
      const { context, page, errors } = await open(lang, PHONE);
      await page.goto(`${platform.url}/track?hblNo=LT2610250000052&blYear=2026`);
      const year = page.locator('input[name=blYear]');
      await year.waitFor();
      // Said under the field and read with it: its description, not only text nearby.
      const described = await year.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
      expect(described).toContain(text);
      expect(await showsWhole(page, 'input[name=blYear]', '2026')).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('a consultation about a parcel shows the parcel’s cargo number whole in the choice', async () => {
    const { context, page, errors } = await open('en', PHONE, { signedIn: true });
    const parcels = await api<{ parcels: { declarationId: number; cargoNo: string }[] }>(platform.url, '/api/v1/consumer/consultations/parcels', { token: data.consumer.token });
    const parcel = parcels.body.parcels[0]!;
    await page.goto(`${platform.url}/me?consult=${parcel.cargoNo}&topic=hold`);
    const choice = page.locator('select[name=parcel]');
    await choice.waitFor();
    await until(() => choice.inputValue(), (v) => v === String(parcel.declarationId), 'the parcel chosen from the link');
    expect(await showsWhole(page, 'select[name=parcel]', parcel.cargoNo)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('statistics on a phone', () => {
  test('the taxes axis says its unit and reads right in English (220M, never "2.200M"); the tables break no word and no month', async () => {
    const { context, page, errors } = await open('en', PHONE);
    // Taxes a hundred times the demo's, so that the axis reaches hundreds of millions of won.
    await page.route('**/api/v1/statistics/monthly?*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { totals: { taxesKrw: number | null }[] };
      for (const m of body.totals) if (m.taxesKrw !== null) m.taxesKrw *= 100;
      await route.fulfill({ response, json: body });
    });
    await page.goto(`${platform.url}/statistics`);
    await page.getByTestId('query-time').waitFor();
    expect(await page.locator('#chart-taxes').textContent()).toBe('Taxes per month (KRW)');
    // The ticks' labels (recharts draws them in a layer of their own): the months are the x axis.
    const labels = page.locator('#chart-taxes').locator('xpath=..').locator('.recharts-cartesian-axis-tick-value');
    await labels.first().waitFor();
    const ticks = (await labels.allTextContents()).filter((x) => !/^(\d{2}\.\d{2}|[A-Z][a-z]{2} ’\d{2}|\d{4})$/.test(x)); // not a month ("Mar ’26") or a year
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.filter((x) => x !== '0' && !/^\d+(\.\d)?[KMB]$/.test(x))).toEqual([]);
    expect(ticks.some((x) => /M$/.test(x) && Number(x.slice(0, -1)) >= 100)).toBe(true);

    // Each word of a row header (a country, a month) stays on one line: the table scrolls instead.
    const split = await page.evaluate(() => {
      const out: string[] = [];
      for (const th of Array.from(document.querySelectorAll<HTMLElement>('.figures-table tbody th'))) {
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (const m of n.textContent!.matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(n, m.index!);
            r.setEnd(n, m.index! + m[0].length);
            const tops = new Set(Array.from(r.getClientRects()).map((x) => Math.round(x.top)));
            if (tops.size > 1) out.push(m[0]);
          }
        }
      }
      return out;
    });
    expect(split).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('statistics time axis', () => {
  test('the month ticks of both charts are evenly spaced, calendar-aligned and do not overlap, at 360 and 1280 px, in Korean and English, for a year and for three years', async () => {
    const PHONE_360 = { width: 360, height: 780 };
    const readAxis = (page: Page, chart: string) =>
      page.evaluate((id) => {
        const card = document.getElementById(id)!.closest('.card')!;
        // recharts draws the tick labels in a layer of their own: the x axis's are centred under their tick, the y axis's end at it.
        const texts = Array.from(card.querySelectorAll('text.recharts-cartesian-axis-tick-value')).filter((t) => t.getAttribute('text-anchor') === 'middle');
        return texts.map((text) => {
          const box = text.getBoundingClientRect();
          return { label: text.textContent ?? '', x: Number(text.getAttribute('x')), left: box.left, right: box.right };
        });
      }, chart);
    for (const [lang, viewport, name] of [['ko', PHONE_360, 'phone-360'], ['en', PHONE_360, 'phone-360'], ['ko', DESKTOP, 'desktop'], ['en', DESKTOP, 'desktop']] as const) {
      const { context, page, errors } = await open(lang, viewport);
      await page.goto(`${platform.url}/statistics`);
      await page.getByTestId('query-time').waitFor();
      for (const period of ['year', 'three-years'] as const) {
        if (period === 'three-years') {
          const to = await page.locator('#stats-to').inputValue();
          await page.locator('#stats-from').fill(`${Number(to.slice(0, 4)) - 3}-${to.slice(5, 7)}`);
          await page.getByTestId('query-time').filter({ hasText: `${Number(to.slice(0, 4)) - 3}-${to.slice(5, 7)}` }).waitFor();
        }
        for (const chart of ['chart-count', 'chart-taxes']) {
          const ticks = await until(() => readAxis(page, chart), (v) => v.length > 0 && v.every((t) => t.label !== ''), `${chart} ticks`);
          const label = period === 'year' && viewport === DESKTOP ? (lang === 'ko' ? /^\d{2}\.\d{2}$/ : /^[A-Z][a-z]{2} ’\d{2}$/) : /^(\d{2}\.\d{2}|[A-Z][a-z]{2} ’\d{2}|\d{4})$/;
          expect(ticks.filter((t) => !label.test(t.label)), `${lang} ${name} ${period} ${chart}`).toEqual([]);
          // Evenly spaced: every gap between two ticks the same (within a pixel of rounding).
          const gaps = ticks.slice(1).map((t, i) => t.x - ticks[i]!.x);
          if (gaps.length) expect(Math.max(...gaps) - Math.min(...gaps), `${lang} ${name} ${period} ${chart}: ${JSON.stringify(ticks)}`).toBeLessThanOrEqual(1);
          // Readable: no label runs into the next one.
          expect(ticks.slice(1).filter((t, i) => t.left < ticks[i]!.right + 4), `${lang} ${name} ${period} ${chart}`).toEqual([]);
          // A year of months on a desktop: every month labelled; on a phone every quarter; three years, at least each year.
          if (period === 'year' && viewport === DESKTOP) expect(ticks).toHaveLength(12);
          expect(ticks.length).toBeGreaterThanOrEqual(period === 'year' ? 4 : 3);
        }
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        const charts = page.locator('section.card', { has: page.locator('#chart-count') });
        await charts.screenshot({ path: path.join(SCREENSHOTS, `statistics-chart-${period}-${lang}-${name}.png`) });
        await page.locator('section.card', { has: page.locator('#chart-taxes') }).screenshot({ path: path.join(SCREENSHOTS, `statistics-taxes-chart-${period}-${lang}-${name}.png`) });
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('tax estimate on a phone', () => {
  test('a reason’s code is never split across lines', async () => {
    const { context, page, errors } = await open('ko', PHONE);
    await page.goto(`${platform.url}/estimate`);
    await page.locator('select[name=category]').selectOption('shoes');
    await page.locator('input[name=price]').fill('250');
    await page.getByRole('button', { name: '세금 계산하기' }).click();
    await page.locator('.reason .ref code', { hasText: 'FREIGHT_EXPRESS' }).waitFor();
    const split = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.reason .ref code'))
        .filter((c) => new Set(Array.from(c.getClientRects()).map((r) => Math.round(r.top))).size > 1)
        .map((c) => c.textContent),
    );
    expect(split).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('receipt and pages loaded on demand', () => {
  test('a page opened directly loads without a console warning; the receipt names the payment method as a method', async () => {
    for (const lang of ['ko', 'en'] as const) {
      const { context, page, errors } = await open(lang, PHONE);
      const warnings: string[] = [];
      page.on('console', (m) => void (m.type() === 'warning' && !/Service Worker/.test(m.text()) && warnings.push(m.text())));
      await page.goto(`${platform.url}/receipts/${data.receiptNo}`);
      const receipt = page.getByTestId('receipt');
      await receipt.waitFor();
      // The receipt's rows: "Payment method: Card", not the form's "Pay by: Card".
      const method = receipt.locator('.dl-row', { hasText: lang === 'ko' ? '카드' : 'Card' });
      expect(await method.locator('dt').textContent()).toBe(lang === 'ko' ? '납부 방법' : 'Payment method');
      await page.goto(`${platform.url}/statistics`);
      await page.getByTestId('query-time').waitFor();
      expect(warnings).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('statistics period on a phone', () => {
  test('the months of the period show whole, year included (the native month field, its text and its calendar button)', async () => {
    const { context, page, errors } = await open('en', PHONE);
    await page.goto(`${platform.url}/statistics`);
    await page.getByTestId('query-time').waitFor();
    const fits = await page.evaluate(() =>
      ['stats-from', 'stats-to'].map((id) => {
        const el = document.getElementById(id) as HTMLInputElement;
        const s = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        // The field's longest reading: "September 2026", and the calendar button (about 1.5em).
        const text = ctx.measureText('September 2026').width;
        return { id, fits: text + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight) + 1.5 * parseFloat(s.fontSize) <= el.clientWidth };
      }),
    );
    expect(fits).toEqual([
      { id: 'stats-from', fits: true },
      { id: 'stats-to', fits: true },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a consolidated master B/L of more than 100 parcels', () => {
  test('the lookup shows the first 100 and says to look a parcel up by its house B/L or cargo number', async () => {
    const mbl = `MX${crypto.randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    // 101 parcels under one master B/L, each with its own house B/L (a consolidator's shipment).
    const declarations = Array.from({ length: 101 }, (_, i) => declaration(`E2E-MBL-${mbl}-${i}`, { shipment: { mode: 'express', shipFrom: 'US', hblNo: `${mbl}H${i}`, mblNo: mbl, grossWeightKg: 0.5 } }));
    const submitted = await api<{ results: { status: string }[] }>(platform.url, '/api/v1/declarations', { token: platform.demo.apiKeys.MALLTAIL!, body: { declarations } });
    expect(submitted.body.results.filter((r) => r.status === 'accepted')).toHaveLength(101);
    for (const [lang, viewport] of [['ko', DESKTOP], ['en', PHONE]] as const) {
      const { context, page, errors } = await open(lang, viewport);
      await page.goto(`${platform.url}/track?mblNo=${mbl}&blYear=2026`);
      const note = page.getByTestId('track-truncated');
      await note.waitFor();
      expect(await note.textContent()).toBe(
        lang === 'ko'
          ? '이 B/L에는 신고가 더 있어 처음 100건만 보여 드립니다. 찾는 물품은 하우스 B/L 번호나 화물관리번호로 조회하세요.'
          : 'This B/L has more declarations: only the first 100 are shown. Look your parcel up by its house B/L number or cargo management number.',
      );
      expect(await page.locator('.lookup-card').count()).toBe(100);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
