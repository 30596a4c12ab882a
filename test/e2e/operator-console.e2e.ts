// The operator console as a forwarder's clerk uses it on a busy morning, in real Chromium: the held
// parcels and why (on the list, and an engine hold's own reasons and next step when opened), a
// parcel found by its B/L, a webhook delivery named by its parcel with its attempts and a replay
// seen delivered, and a key rotated (the key in use revoked: signed out, told why).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, horizontalOverflow, launchBrowser, SCREENSHOTS, signInOperator, snap, startPlatform, until, watchErrors, type Platform } from './support.ts';

let platform: Platform;
let browser: Browser;
let receiver: http.Server;
let receiverUrl: string;
const received: string[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/tonggwan`;
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

type Intake = { results: { status: string; cargoNo: string; lifecycleStatus: string; declarationId: number }[] };

/** One of the operator's own demo declarations as a new one: another ref, B/L and, when given, description. */
async function declareLike(key: string, ref: string, hblNo: string, description?: string): Promise<{ cargoNo: string; lifecycleStatus: string }> {
  const own = await api<{ declarations: { id: number }[] }>(platform.url, '/api/v1/declarations?status=released&limit=1', { token: key });
  const detail = await api<{ declaration: Record<string, unknown> & { shipment: Record<string, unknown>; items: { description: string }[] } }>(platform.url, `/api/v1/declarations/${own.body.declarations[0]!.id}`, { token: key });
  const d = structuredClone(detail.body.declaration);
  d.ref = ref;
  d.shipment.hblNo = hblNo;
  if (description) d.items[0]!.description = description;
  const r = await api<Intake>(platform.url, '/api/v1/declarations', { token: key, body: { declarations: [d] } });
  expect(r.body.results[0]?.status, JSON.stringify(r.body)).toBe('accepted');
  return r.body.results[0]!;
}

async function consoleAt(key: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'ko-KR', timezoneId: 'Asia/Seoul', serviceWorkers: 'block' });
  await signInOperator(context, platform.url, key);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${platform.url}/operator`);
  await page.getByTestId('operator-signed-in-as').waitFor();
  return { context, page, errors };
}

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('a held parcel opened', () => {
  test('an engine hold shows its own reasons and its own next step, not the whole explanation', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    // A CBD supplement: held by the engine (prohibited goods); its stored hold reason is the
    // assessment's whole explanation (valuation, exchange rate, taxes, …), two sentences of it the hold's.
    const cbd = await declareLike(key, 'E2E-HOLD-1', 'E2E-HBL-0001', '영양제 Charlotte CBD 오일 30ml');
    expect(cbd.lifecycleStatus).toBe('held');
    const { context, page, errors } = await consoleAt(key, DESKTOP);
    try {
      await page.getByRole('tab', { name: '신고 내역' }).click();
      await page.getByRole('button', { name: `${cbd.cargoNo} 신고 보기` }).click();
      const reason = page.getByTestId('operator-hold-reason');
      await reason.waitFor();
      const text = (await reason.textContent())!;
      expect(text).toMatch(/^보류 사유결과: 통관보류\. 아래 사유가 해소될 때까지 반출되지 않습니다\. 통관보류: 1번 물품 "영양제 Charlotte CBD 오일 30ml"은\(는\) 마약류/);
      // not the valuation, the exchange rate, combined taxation, the taxes or the next step (they are under "심사 결과 판단 근거")
      for (const other of ['과세환율', '과세가격', '합산', '부가가치세', '다음 할 일']) expect(text).not.toContain(other);
      // the engine's own next step for a prohibited good, not "submit papers through the courier"
      expect(await page.getByTestId('operator-next-step').textContent()).toContain('세관의 안내를 기다리세요. 금지물품이면 반송 또는 폐기되며');
      await snap(page, 'desktop', 'operator-console-engine-hold');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the held parcels and why', () => {
  test('each held row says why, on a desktop in Korean and on a phone in English, the page no wider than the screen', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    const cbd = await declareLike(key, 'E2E-HOLD-2', 'E2E-HBL-0004', '영양제 Charlotte CBD 오일 60ml');
    for (const [viewport, lang] of [[DESKTOP, 'ko'], [PHONE, 'en']] as const) {
      const { context, page, errors } = await consoleAt(key, viewport);
      try {
        if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('tab', { name: lang === 'ko' ? '신고 내역' : 'Declarations' }).click();
        // the list opens on the held ones: each says why, in its own column
        const cell = page.getByTestId(`decl-hold-${cbd.cargoNo}`);
        await cell.waitFor();
        expect(await page.locator('.decl-table th', { hasText: lang === 'ko' ? '보류 사유' : 'Reason for the hold' }).count()).toBe(1);
        if (lang === 'ko') expect(await cell.textContent()).toMatch(/^결과: 통관보류\. .*통관보류: 1번 물품 "영양제 Charlotte CBD 오일 60ml"은\(는\) 마약류/);
        else expect(await cell.textContent()).toMatch(/^Outcome: held\. .*Held: item 1 "영양제 Charlotte CBD 오일 60ml" appears to be Narcotics/);
        expect(await cell.textContent()).not.toMatch(/과세환율|customs rate/);
        const holds = await page.locator('.decl-table td.decl-hold').allTextContents();
        expect(holds.length).toBeGreaterThan(1); // the demo's officer holds too
        expect(holds.filter((h) => h.trim() === '')).toEqual([]);
        // in English: no Korean but the goods' own names, quoted
        if (lang === 'en') expect(holds.filter((h) => /[가-힣]/.test(h.replace(/"[^"]*"/g, '')))).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await snap(page, lang === 'ko' ? 'desktop' : 'phone', `operator-console-held-${lang}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});

describe('a parcel found by its B/L', () => {
  test('the house B/L in any case, with or without hyphens; never another operator’s', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    const own = await declareLike(key, 'E2E-BL-1', 'E2E-HBL-0002');
    const temu = platform.demo.apiKeys.TEMU!;
    await declareLike(temu, 'E2E-BL-T1', 'E2E-HBL-TEMU1');
    const { context, page, errors } = await consoleAt(key, DESKTOP);
    try {
      await page.getByRole('tab', { name: '신고 내역' }).click();
      const find = page.getByRole('searchbox').or(page.locator('#decl-find'));
      expect(await page.locator('label[for=decl-find]').textContent()).toBe('화물관리번호, 참조번호 또는 B/L 번호');
      await find.fill('e2e hbl 0002');
      await page.getByRole('button', { name: '찾기' }).click();
      await page.getByRole('button', { name: `${own.cargoNo} 신고 보기` }).waitFor();
      expect(await page.locator('.decl-table tbody tr').count()).toBe(1);
      // Temu's parcel, by its B/L: nothing, said so
      await find.fill('E2E-HBL-TEMU1');
      await page.getByRole('button', { name: '찾기' }).click();
      await until(() => page.locator('.empty').first().textContent(), (x) => x === '화물관리번호, 참조번호 또는 B/L 번호가 ‘E2E-HBL-TEMU1’인 신고가 없습니다.', 'nothing found');
      expect(await page.locator('.decl-table').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a webhook delivery', () => {
  test('names its parcel, lists its attempts, and a replay is seen delivered without reopening the log', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    const reg = await api<{ id: number }>(platform.url, '/api/v1/webhooks', { token: key, body: { url: receiverUrl } });
    expect(reg.status).toBe(201);
    const parcel = await declareLike(key, 'E2E-WH-1', 'E2E-HBL-0003');
    await until(async () => received.filter((b) => b.includes('E2E-WH-1')).length, (n) => n >= 1, 'the delivery');
    const { context, page, errors } = await consoleAt(key, DESKTOP);
    try {
      await page.getByRole('tab', { name: '웹훅' }).click();
      await page.getByRole('button', { name: '전송 내역 보기' }).click();
      const deliveries = await until(
        async () => (await api<{ deliveries: { outboxId: number; ref: string | null }[] }>(platform.url, `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: key })).body.deliveries,
        (l) => l.some((d) => d.ref === 'E2E-WH-1'),
        'the delivery in the log',
      );
      const outboxId = deliveries.find((d) => d.ref === 'E2E-WH-1')!.outboxId;
      const named = page.getByTestId(`delivery-parcel-${outboxId}`);
      await named.waitFor();
      expect(await named.textContent()).toBe(`${parcel.cargoNo} · E2E-WH-1`);
      const log = page.getByTestId(`delivery-log-${outboxId}`);
      await log.locator('summary').click();
      expect(await log.locator('summary').textContent()).toBe('시도 기록 (1)');
      expect(await log.locator('li').first().textContent()).toMatch(/^1번째 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · HTTP 204 · \d+ ms$/);

      const before = received.length;
      await page.getByRole('row').filter({ has: named }).getByRole('button', { name: /다시 보내기/ }).click();
      await until(async () => received.length, (n) => n > before, 'the replay received');
      // read again by itself while pending: the second attempt shows, delivered
      await until(() => log.locator('summary').textContent(), (x) => x === '시도 기록 (2)', 'the second attempt in the log', 20_000);
      expect(await page.getByRole('row').filter({ has: named }).locator('.badge').textContent()).not.toBe('대기');
      await snap(page, 'desktop', 'operator-console-webhook-log');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a small batch with one bad declaration', () => {
  test('the others go through; the bad one names the field and the line of the file it is on', async () => {
    // Yesterday in Korea: a declaration date the platform takes on any day this runs.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() - 86_400_000));
    const own = (ref: string, hbl: string) => `${ref},${day},forwarding,personal,express,US,${hbl},0.5,김민지,P250000000001,010-1234-5678,06236,서울특별시 강남구 테헤란로 1,O-${ref},${day},USD`;
    const csv = [
      'ref,declaredAt,ecommerceType,purpose,shipment.mode,shipment.shipFrom,shipment.hblNo,shipment.grossWeightKg,consignee.name,consignee.pccc,consignee.phone,consignee.postcode,consignee.address,order.orderNo,order.purchasedAt,order.currency,items.description,items.category,items.quantity,items.price',
      `${own('E2E-CSV-1', 'E2E-HBL-C1')},티셔츠 Nike Dri-FIT,clothing,1,30`, // line 2
      `${own('E2E-CSV-2', 'E2E-HBL-C2')},,,,`, // line 3: E2E-CSV-2's fields only, no item
      'E2E-CSV-2,,,,,,,,,,,,,,,,티셔츠 Nike Dri-FIT,clothing,1,20', // line 4: items[0]
      'E2E-CSV-2,,,,,,,,,,,,,,,,양말 Nike Everyday,clothing,2,5', // line 5: items[1]
      'E2E-CSV-2,,,,,,,,,,,,,,,,x,clothing,1,5', // line 6: items[2], says nothing of the goods
      `${own('E2E-CSV-3', 'E2E-HBL-C3')},모자 New Era 9FORTY,clothing,1,25`, // line 7
    ].join('\r\n');
    const { context, page, errors } = await consoleAt(platform.demo.apiKeys.MALLTAIL!, DESKTOP);
    try {
      await page.getByRole('tab', { name: '제출 내역' }).click();
      await page.locator('input[name=csv]').setInputFiles({ name: 'batch.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByRole('button', { name: '보내기' }).click();
      const result = page.getByTestId('csv-result');
      await result.waitFor();
      expect(await result.getByRole('status').textContent()).toContain('받음 3 · 접수 2 · 반려 1');
      // Every header in Korean: the ref column named as the template names it (it read the bare path "ref").
      expect(await result.locator('thead th').allTextContents()).toEqual(['참조번호', '행', '결과', '통관', '낼 세금']);
      const bad = page.getByTestId('csv-errors-1');
      // The field in words, then its path and the line it came from; the stable code no longer shown beside the sentence.
      expect(await bad.locator('li').allTextContents()).toEqual([expect.stringMatching(/^3번 물품 품명 items\[2\]\.description \(6행\) — 품명이 물품을 설명하지 않습니다 \("x"\)/)]);
      expect(await bad.locator('li').getAttribute('data-code')).toBe('description_uninformative');
      expect(await page.getByTestId('csv-errors-0').count()).toBe(0);
      await snap(page, 'desktop', 'operator-console-csv-batch');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a key rotated', () => {
  test('revoking the key in use warns first, signs out saying why, and the new key signs in', async () => {
    const { context, page, errors } = await consoleAt(platform.demo.apiKeys.HJEX!, DESKTOP);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    try {
      await page.locator('input[name=label]').fill('2026-12 rotation');
      await page.getByRole('button', { name: '키 만들기' }).click();
      const shown = page.locator('form[aria-labelledby=new-key-title] input[readonly], form[aria-labelledby=new-key-title] code').first();
      await shown.waitFor();
      const newKey = await shown.evaluate((e) => (e as HTMLInputElement).value || e.textContent || '');
      expect(newKey).toMatch(/^tgk_/);
      const inUse = page.getByRole('row').filter({ hasText: '사용 중' });
      const prefix = (await inUse.locator('code').textContent())!.replace('…', '');
      await inUse.getByRole('button', { name: /폐기/ }).click();
      await page.getByTestId('operator-revoked-own').waitFor();
      expect(dialogs).toEqual([`${prefix}… 키는 지금 이 콘솔에 로그인한 키입니다. 폐기하면 바로 로그아웃되고, 이 키를 쓰는 연동도 실패합니다. 새 키를 복사해 두었다면 폐기하세요.`]);
      expect(await page.getByTestId('operator-revoked-own').textContent()).toBe(`${prefix}… 키를 폐기해 로그아웃되었습니다. 새 API 키로 다시 로그인하세요.`);
      // the old key no longer works; the new one signs in, and the notice goes
      expect((await api(platform.url, '/api/v1/me', { token: platform.demo.apiKeys.HJEX! })).status).toBe(401);
      await page.locator('input[name=apiKey]').fill(newKey);
      await page.getByRole('button', { name: '확인' }).click();
      await page.getByTestId('operator-signed-in-as').waitFor();
      expect(await page.getByTestId('operator-revoked-own').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the taxes paid on behalf', () => {
  test('each row names its consignee and links to its declaration; on a phone the pay button is on the screen', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    const first = (await api<{ notices: { declarationId: number; cargoNo: string; consigneeName: string }[] }>(platform.url, '/api/v1/tax-notices?limit=1', { token: key })).body.notices[0]!;
    const detail = await api<{ declaration: { consignee: { name: string } } }>(platform.url, `/api/v1/declarations/${first.declarationId}`, { token: key });
    // The name the operator declared, as the declaration's own page shows it.
    expect(first.consigneeName).toBe(detail.body.declaration.consignee.name);
    for (const viewport of [DESKTOP, PHONE]) {
      const { context, page, errors } = await consoleAt(key, viewport);
      try {
        await page.getByRole('tab', { name: '세금 대납' }).click();
        const row = page.getByTestId(`operator-notice-${first.cargoNo}`);
        await row.waitFor();
        // Before: cargo number, item, amount, due date, state; whose parcel it was, nowhere.
        expect(await page.getByTestId(`consignee-of-${first.cargoNo}`).textContent()).toBe(first.consigneeName);
        const link = row.getByRole('link', { name: `${first.cargoNo} 신고 보기` });
        expect(await link.getAttribute('href')).toBe(`/operator?tab=declarations&declaration=${first.declarationId}`);
        const pay = row.getByRole('button', { name: /대납/ });
        const box = (await pay.boundingBox())!;
        if (viewport === PHONE) {
          // Before: the button sat at x ≈ 583 of 390, reached only by scrolling the table sideways.
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
          expect(await page.locator('.behalf-table').evaluate((t) => t.closest('.table-scroll')!.scrollWidth - t.closest('.table-scroll')!.clientWidth)).toBeLessThanOrEqual(0);
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          await row.scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${SCREENSHOTS}/operator-console-taxes-pay-phone-viewport.png` });
          await snap(page, 'phone', 'operator-console-taxes');
        } else {
          await snap(page, 'desktop', 'operator-console-taxes');
        }
        // The link opens the declaration in the console; back returns to the notices.
        await link.click();
        await page.getByTestId('operator-declaration').getByRole('heading', { name: new RegExp(first.cargoNo) }).waitFor();
        expect(page.url()).toBe(`${platform.url}/operator?tab=declarations&declaration=${first.declarationId}`);
        expect(await page.getByRole('tab', { name: '신고 내역' }).getAttribute('aria-selected')).toBe('true');
        await page.goBack();
        await row.waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});

describe('a master B/L of more parcels than a page', () => {
  test('the search pages through all of them rather than stopping at 50 unsaid', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    const own = await api<{ declarations: { id: number }[] }>(platform.url, '/api/v1/declarations?status=released&limit=1', { token: key });
    const base = (await api<{ declaration: Record<string, unknown> & { shipment: Record<string, unknown> } }>(platform.url, `/api/v1/declarations/${own.body.declarations[0]!.id}`, { token: key })).body.declaration;
    // 63 parcels on one master B/L: a page of 50, then 13.
    const declarations = Array.from({ length: 63 }, (_, i) => {
      const d = structuredClone(base);
      d.ref = `E2E-MBL-${i}`;
      d.shipment.hblNo = `E2EMBLH${String(i).padStart(4, '0')}`;
      d.shipment.mblNo = '988-55550000';
      return d;
    });
    const r = await api<Intake>(platform.url, '/api/v1/declarations', { token: key, body: { declarations } });
    expect(r.body.results.filter((x) => x.status === 'accepted')).toHaveLength(63);
    const { context, page, errors } = await consoleAt(key, DESKTOP);
    try {
      await page.getByRole('tab', { name: '신고 내역' }).click();
      await page.locator('#decl-find').fill('988 55550000');
      await page.getByRole('button', { name: '찾기' }).click();
      const rows = page.locator('.decl-table tbody tr');
      await until(() => rows.count(), (n) => n === 50, 'the first page of 50');
      const firstPage = await rows.locator('code').allTextContents();
      const next = page.getByTestId('search-pages').getByRole('button', { name: '다음' });
      await next.click();
      await until(() => rows.count(), (n) => n === 13, 'the second page of 13');
      const secondPage = await rows.locator('code').allTextContents();
      // All 63, each once, and no further page.
      const cargoNos = new Set(r.body.results.map((x) => x.cargoNo));
      expect(new Set([...firstPage, ...secondPage].filter((x) => cargoNos.has(x))).size).toBe(63);
      expect(await next.count()).toBe(0);
      await snap(page, 'desktop', 'operator-console-search-pages');
      await page.getByTestId('search-pages').getByRole('button', { name: '이전' }).click();
      await until(() => rows.count(), (n) => n === 50, 'back to the first page');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** The console's Declarations tab in `lang`, the parcel found by its cargo number and its correction form open. */
async function openCorrection(page: Page, cargoNo: string, lang: 'ko' | 'en'): Promise<void> {
  if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: lang === 'ko' ? '신고 내역' : 'Declarations' }).click();
  await page.locator('#decl-find').fill(cargoNo);
  await page.locator('form.find-cargo button[type=submit]').click();
  await page.locator('.decl-table tbody tr button.link').first().click();
  await page.locator('details.decl-action summary').first().click();
}

describe('a correction refused for its fields', () => {
  test('says each field in words, in Korean and English, not the raw error code', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    const parcel = await declareLike(key, 'E2E-AMEND-1', 'E2E-HBL-AM1');
    expect(['declared', 'held']).toContain(parcel.lifecycleStatus);
    for (const lang of ['ko', 'en'] as const) {
      const { context, page, errors } = await consoleAt(key, DESKTOP);
      try {
        await openCorrection(page, parcel.cargoNo, lang);
        const area = page.locator('textarea[name=declaration]');
        const doc = JSON.parse(await area.inputValue()) as { items: { price: number }[]; consignee: { pccc?: string } };
        doc.items[0]!.price = -5;
        delete doc.consignee.pccc;
        await area.fill(JSON.stringify(doc, null, 2));
        await page.locator('#amend-form textarea[name=reason]').fill(lang === 'ko' ? '단가 수정' : 'price corrected');
        await page.locator('#amend-form button[type=submit]').click();
        const box = page.getByTestId('amend-errors');
        await box.waitFor();
        const text = (await box.textContent())!;
        // Before: "오류: 신고 내용에 오류가 있습니다. DECLARATION_INVALID", then "items[0].price amount_negative — …".
        expect(text).not.toContain('DECLARATION_INVALID');
        expect(text).not.toMatch(/amount_negative|required —/);
        const items = await box.locator('li').allTextContents();
        if (lang === 'ko') {
          expect(text).toContain('신고 내용에 오류가 있습니다. 아래 항목(2개)을 고쳐 다시 보내세요.');
          expect(items).toEqual(['개인통관고유부호 consignee.pccc — 필수 항목이 없습니다.', '1번 물품 단가 items[0].price — 금액은 음수일 수 없습니다.']);
        } else {
          expect(text).toContain('The declaration has errors. Correct the fields listed below (2) and send it again.');
          expect(items).toEqual(['Consignee PCCC consignee.pccc — This field is required.', 'Item 1 unit price items[0].price — An amount cannot be negative.']);
        }
        await box.scrollIntoViewIfNeeded();
        await snap(page, 'desktop', `operator-console-amend-errors-${lang}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});

describe('a correction sent as the declaration stands', () => {
  test('says nothing was changed (the API answers the version on record), not "Corrected"; a later JSON slip clears the earlier refusal', async () => {
    const key = platform.demo.apiKeys.MALLTAIL!;
    const parcel = await declareLike(key, 'E2E-AMEND-SAME', 'E2E-HBL-AMS');
    for (const lang of ['ko', 'en'] as const) {
      const { context, page, errors } = await consoleAt(key, PHONE);
      try {
        await openCorrection(page, parcel.cargoNo, lang);
        await page.locator('#amend-form textarea[name=reason]').fill(lang === 'ko' ? '재확인' : 'checked again');
        await page.locator('#amend-form button[type=submit]').click();
        const done = page.getByTestId('amend-done');
        await done.getByText(lang === 'ko' ? /바뀐 것이 없습니다/ : /Nothing changed/).waitFor();
        const text = (await done.textContent())!;
        expect(text).toBe(
          lang === 'ko'
            ? '바뀐 것이 없습니다: 보낸 신고가 기록된 1차 신고와 같아 정정이 기록되지 않았습니다.'
            : 'Nothing changed: the declaration sent is version 1 as recorded, so no correction was recorded.',
        );
        // a refusal, then a slip in the JSON: the slip is shown alone, not beside the earlier refusal
        const area = page.locator('textarea[name=declaration]');
        const doc = JSON.parse(await area.inputValue()) as { items: { price: number }[] };
        doc.items[0]!.price = -5;
        await area.fill(JSON.stringify(doc, null, 2));
        await page.locator('#amend-form textarea[name=reason]').fill(lang === 'ko' ? '단가 수정' : 'price corrected'); // emptied once sent
        await page.locator('#amend-form button[type=submit]').click();
        await page.getByTestId('amend-errors').waitFor();
        await area.fill('{"ref": ');
        await page.locator('#amend-form button[type=submit]').click();
        await page.getByTestId('amend-errors').waitFor({ state: 'detached' });
        expect(await page.getByTestId('amend-done').count()).toBe(0);
        await snap(page, 'phone', `operator-console-amend-unchanged-${lang}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
