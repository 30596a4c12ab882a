// What a product review of the portal on a phone (390 px) found, kept from coming back: no empty
// status box.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, seedPortal, signInEverywhere, startPlatform, trackRequests, waitForQuiet, watchErrors, type Platform, type PortalData } from './support.ts';

let platform: Platform;
let browser: Browser;
let data: PortalData;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  data = await seedPortal(platform);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A 390 px phone (the review's width), signed in everywhere, in the language asked. */
async function phone(lang: 'ko' | 'en'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'ko-KR', timezoneId: 'Asia/Seoul', isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
  await signInEverywhere(context, data);
  const page = await context.newPage();
  trackRequests(page);
  return { context, page, errors: watchErrors(page) };
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${platform.url}${path}`);
  await page.locator('h1').first().waitFor();
  await waitForQuiet(page);
}

describe('on a phone', () => {
  test('officer declaration: no empty green status box above "Record result" before anything is recorded', async () => {
    const { context, page, errors } = await phone('ko');
    await open(page, `/officer/declarations/${data.held.id}`);
    await page.getByTestId('record-inspection').waitFor();
    expect(await page.getByTestId('inspection-recorded').count()).toBe(0);
    const emptyBoxes = await page.locator('.alert').evaluateAll((els) => els.filter((e) => !(e.textContent ?? '').trim() && (e as HTMLElement).offsetHeight > 0).length);
    expect(emptyBoxes).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
