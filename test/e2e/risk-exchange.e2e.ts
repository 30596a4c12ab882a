// Risk-information exchange with partner administrations in real Chromium (docs/risk-exchange.md):
// an administrator registers a partner on the portal (the API's field errors beside the fields
// first), the partner posts signed messages to the inbound route, the officer sees them in the
// inbox, turns the notice into a rule draft and follows the link to it on the selection-rules page,
// then exports our seizure reports for today and checks the downloaded file: signed with the key
// the page shows, addressed to the partner, without the consumer's data; names the seller to the
// partner from its profile (a signed risky-party notice) and finds it on the notices tab, then withdraws it
// there with a reason; the partner withdraws its own notice, and the inbox and the selection-rules page say
// so. Phone width: an officer (not an administrator) reads the same page.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { koreanDateOf } from '../../src/domain/dates.ts';
import { signingInput } from '../../src/domain/risk-exchange/canonical-json.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { horizontalOverflow, launchBrowser, newContext, signInAs, snap, unlabelledControls, until, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let desk: BrowserContext;
let phone: BrowserContext;
let page: Page;
let errors: string[];
let officerSession: unknown;

// The partner's key pair: only the public half is given to us, pasted into the portal.
const partnerKeys = crypto.generateKeyPairSync('ed25519');
const partnerX = (partnerKeys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
// Its next key, added on the portal when it rotates; revoked as compromised at the end (and the first, retired
// before in a routine rotation, is then found to have been compromised too).
const next = crypto.generateKeyPairSync('ed25519');
const nextX = (next.publicKey.export({ format: 'jwk' }) as { x: string }).x;
const thumbprint = (x: string) => crypto.createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
const signAsPartner = (m: Record<string, unknown>, keys: crypto.KeyPairKeyObjectResult = partnerKeys) => {
  const x = (keys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
  return { ...m, signature: { alg: 'Ed25519', keyId: thumbprint(x), value: crypto.sign(null, Buffer.from(signingInput(m)), keys.privateKey).toString('base64url') } };
};
// Seizure dates and export periods are Korean calendar days (UTC+9).
const today = koreanDateOf(new Date().toISOString());
const issuedAt = () => `${new Date().toISOString().slice(0, 19)}Z`;
const envelope = (kind: string, id: string, body: Record<string, unknown>) => ({ format: 'tonggwan-risk-exchange', version: '1.0', kind, id, from: 'JP-CUSTOMS', to: 'KR', issuedAt: issuedAt(), body });
const consignee = { name: '박비밀', pccc: 'P987654321098', phone: '010-9876-5432', postcode: '48058', address: '부산광역시 해운대구 센텀중앙로 97' };

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  await t.officer('e2e-rx-admin', 'admin');
  const officer = await t.officer('e2e-rx-officer');
  // A finding to report: a declared parcel, scored, inspected and found to infringe IP.
  const op = await t.operator('RXSHOP');
  const r = await api(t.base, 'POST', '/api/v1/declarations', {
    token: op.key,
    body: { declarations: [declaration('E2E-RX-1', { consignee, parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Counterfeit Kicks', country: 'CN' }, courier: { name: 'CJ대한통운', code: 'CJKX' } } })] },
  });
  const id = r.body.results[0].declarationId as number;
  // Scored by the worker after intake answers; the inspection is recorded on a scored parcel.
  await until(async () => (await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token })).body.score, (s) => !!s, 'E2E-RX-1 scored', 60_000);
  const inspected = await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/inspection`, { token: officer.token, body: { outcome: 'ip_infringement', correctedValueKrw: 250000 } });
  expect(inspected.status).toBe(201);
  officerSession = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e-rx-officer', password: 'pw-e2e-rx-officer' } })).body;

  desk = await newContext(browser, 'desktop');
  page = await desk.newPage();
  errors = watchErrors(page);
  phone = await newContext(browser, 'phone');
  await signInAs(phone, 'officer', officerSession);
});
afterAll(async () => {
  await desk?.close();
  await phone?.close();
  await browser?.close();
  await t?.close();
});

describe('partner administrations page', () => {
  test('register a partner, receive its messages, draft a rule from one, export our reports', async () => {
    await page.goto(`${t.base}/officer`);
    await page.locator('input[name=username]').fill('e2e-rx-admin');
    await page.locator('input[name=password]').fill('pw-e2e-rx-admin');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('link', { name: '협력 세관 정보 교환' }).click();
    await page.getByRole('heading', { name: '협력 세관 정보 교환' }).waitFor();
    await page.getByText('받은 메시지가 없습니다.').waitFor();

    // Partners tab: our key to hand over, and the registration form with the API's field errors.
    await page.getByRole('tab', { name: '협력 세관' }).click();
    await page.getByText('등록된 협력 세관이 없습니다.').waitFor();
    const ownKey = (await page.getByTestId('exchange-own-public-key').textContent())!;
    expect(ownKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const form = page.getByTestId('exchange-register-form');
    await form.getByLabel('부호', { exact: true }).fill('J');
    await form.getByLabel('기관명').fill('Japan Customs');
    await form.getByLabel('국가 부호').fill('jp');
    await form.getByLabel('Ed25519 공개키').fill(`${'A'.repeat(42)}B`); // 43 characters, but not a canonical 32-byte key
    await page.getByTestId('exchange-register').click();
    // The schema refuses the code first (one error at a time): shown beside the code, focused.
    await form.locator('.error-text').getByText('2~32자').waitFor();
    expect(await form.getByLabel('부호', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('partner-code');
    await form.getByLabel('부호', { exact: true }).fill('jp-customs');
    await page.getByTestId('exchange-register').click();
    // Then the key: the use case's own check, its Korean text beside the key field.
    await form.locator('.error-text').getByText('Ed25519 공개키(32바이트, base64url)가 아닙니다').waitFor();
    expect(await form.getByLabel('부호', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    await snap(page, 'desktop', 'exchange-register-error');
    // Our own key: a use case's check (VALIDATION_FAILED, code own_code_or_key on body.publicKey), beside the key.
    await form.getByLabel('Ed25519 공개키').fill(ownKey);
    await page.getByTestId('exchange-register').click();
    await form.locator('.error-text').getByText('우리 기관의 부호나 공개키는 협력 세관으로 등록할 수 없습니다.').waitFor();
    expect(await form.getByLabel('Ed25519 공개키').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Ed25519 공개키').fill(partnerX);
    await page.getByTestId('exchange-register').click();
    await page.getByRole('status').getByText(`JP-CUSTOMS을(를) 등록했습니다. 키 ID ${thumbprint(partnerX)}`).waitFor();
    const partners = page.getByTestId('exchange-partners');
    await partners.getByText('Japan Customs').waitFor();
    await partners.getByText(thumbprint(partnerX)).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await snap(page, 'desktop', 'exchange-partners');

    // The partner sends a risky-party notice and a seizure report, signed with its key.
    const sent = [
      signAsPartner(
        envelope('risky_party_notice', 'JP-N-0001', {
          reportingCountry: 'JP',
          party: { role: 'seller', name: 'Counterfeit Kicks', code: 'S-77', country: 'CN' },
          reason: { category: 'ipr', offence: 'ipr_infringement', text: { en: 'fake sneakers seized in 9 parcels', ko: '위조 운동화 9건 적발' } },
          evidenceCount: 9,
          validUntil: '2099-12-31',
        }),
      ),
      signAsPartner(
        envelope('seizure_report', 'JP-SR-0001', {
          reportingCountry: 'JP',
          seizureDate: today,
          detection: { outcome: 'undervalued', offence: 'undervaluation', category: 'revenue' },
          transport: { mode: 'postal', modeCode: '5', departureCountry: 'CN', destinationCountry: 'JP' },
          goods: [{ hsCode: '851713', description: 'smartphone', quantity: 3, originCountry: 'CN' }],
          invoiceValue: { amount: 90, currency: 'USD' },
          declaredValue: { amount: 9000, currency: 'JPY' },
          parties: { seller: { name: 'Cheap Phones Ltd', country: 'CN' } },
        }),
      ),
    ];
    for (const m of sent) expect((await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: m })).status).toBe(201);

    // Inbox: both, newest first, with partner, country, what they concern and their state.
    await page.getByRole('tab', { name: '받은 메시지' }).click();
    const inbox = page.getByTestId('exchange-inbox');
    const notice = page.getByTestId('exchange-message-JP-N-0001');
    const report = page.getByTestId('exchange-message-JP-SR-0001');
    await notice.waitFor();
    await report.waitFor();
    expect(await inbox.locator(':scope > li').count()).toBe(2);
    await notice.getByText('위험 당사자 통보').waitFor();
    await notice.getByText('Japan Customs').waitFor();
    await notice.getByText('(JP-CUSTOMS · JP)').waitFor();
    await notice.getByText('판매자: Counterfeit Kicks (S-77) · CN').waitFor();
    await notice.getByText('2099-12-31까지 유효').waitFor();
    await report.getByText('적발 보고', { exact: true }).waitFor();
    await report.getByText('판매자: Cheap Phones Ltd · CN').waitFor();
    await report.getByText(`적발일 ${today}`).waitFor();
    expect(await notice.getByTestId('exchange-state').textContent()).toBe('수신(서명 확인)');
    await snap(page, 'desktop', 'exchange-inbox');

    // A rule draft from the notice, then the link to it on the selection-rules page.
    await notice.getByRole('button', { name: '메시지 JP-N-0001로 규칙 초안 만들기' }).click();
    await notice.getByRole('status').getByText('감시 대상 RX_JP_CUSTOMS_JP_N_0001').waitFor();
    await notice.getByTestId('exchange-state').getByText('규칙 초안 작성됨').waitFor();
    const draftLink = notice.getByTestId('exchange-open-draft');
    const draftId = /#(\d+)/.exec((await draftLink.textContent())!)![1]!;
    await notice.getByRole('link', { name: `초안 #${draftId}`, exact: true }).waitFor();
    await snap(page, 'desktop', 'exchange-draft-created');
    await draftLink.click();
    await page.waitForURL(`**/officer/risk/rules?draft=${draftId}`);
    const editor = page.getByTestId('rule-draft-editor');
    await editor.getByRole('heading', { name: `초안 #${draftId}` }).waitFor();
    const rules = JSON.parse(await editor.locator('textarea[name=rules]').inputValue());
    expect(rules.watchlists).toContainEqual(expect.objectContaining({ code: 'RX_JP_CUSTOMS_JP_N_0001', role: 'seller', keys: expect.arrayContaining(['COUNTERFEIT KICKS', 'S-77']) }));
    expect(await page.getByTestId(`rule-draft-${draftId}`).getAttribute('aria-current')).toBe('true');
    await snap(page, 'desktop', 'exchange-draft-in-rules');
    await page.goBack();

    // Export our seizure reports for today, addressed to the partner, and download the file.
    await page.getByRole('tab', { name: '보고 내보내기' }).click();
    await page.getByLabel('시작일(한국 시간)').fill(today);
    await page.getByLabel('종료일(한국 시간)').fill(today);
    await page.getByLabel('수신 기관').selectOption('JP-CUSTOMS');
    await page.getByTestId('exchange-export').click();
    expect(await page.getByTestId('exchange-export-count').textContent()).toBe(`적발 보고 1건 · ${today} ~ ${today}`);
    await page.getByText('소비자 개인정보(개인통관고유부호·성명·전화번호·주소·우편번호)와 주문번호·B/L 번호는 들어 있지 않습니다.', { exact: false }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exchange-download').click()]);
    expect(download.suggestedFilename()).toBe(`seizure-reports-KR-${today}_${today}-JP-CUSTOMS.json`);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'tonggwan-risk-exchange', recipient: 'JP-CUSTOMS', period: { from: today, to: today }, signingKey: { publicKey: ownKey } });
    expect(file.messages).toHaveLength(1);
    const m = file.messages[0];
    expect(m).toMatchObject({ kind: 'seizure_report', from: 'KR', to: 'JP-CUSTOMS', body: { detection: { offence: 'ipr_infringement' }, parties: { seller: { name: 'Counterfeit Kicks' } } } });
    // What the partner does with the file: verify each report with the key we handed over.
    const ours = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: ownKey }, format: 'jwk' });
    expect(crypto.verify(null, Buffer.from(signingInput(m)), ours, Buffer.from(m.signature.value, 'base64url'))).toBe(true);
    for (const secret of [consignee.pccc, consignee.name, consignee.phone, consignee.phone.replace(/-/g, ''), consignee.postcode, '해운대', 'O-E2E-RX-1', 'HE2E-RX-1']) expect(text, secret).not.toContain(secret);
    await snap(page, 'desktop', 'exchange-export');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('an officer names the seller to the partner from its profile, resting on our finding; the notices tab lists it', async () => {
    await page.goto(`${t.base}/officer/parties/seller/${encodeURIComponent('COUNTERFEIT KICKS')}`);
    const card = page.getByRole('region', { name: '협력 세관에 위험 당사자 통보' });
    await card.getByText('적발 1건을 근거로', { exact: false }).waitFor();
    // Preselected from what was found (IP infringement).
    expect(await card.getByLabel('위반 분류').inputValue()).toBe('ipr');
    await card.getByText('(365일)', { exact: false }).waitFor(); // how far ahead a notice may run, from the policy
    expect(await card.getByLabel('위반 유형', { exact: false }).inputValue()).toBe('ipr_infringement');
    // No reason for the partner: the API's refusal beside the field.
    await card.getByTestId('notice-issue').click();
    await card.locator('.error-text').getByText('영어 사유를 입력하세요', { exact: false }).waitFor();
    await card.getByLabel('사유(영어)').fill('counterfeit sneakers found on inspection');
    await card.getByLabel('사유(한국어)', { exact: false }).fill('검사에서 위조 운동화 적발');
    await card.getByLabel('당사자 국가', { exact: false }).fill('cn');
    await card.getByLabel('수신 기관', { exact: false }).selectOption('JP-CUSTOMS');
    expect(await unlabelledControls(page)).toEqual([]);
    // Beyond the 365 days a notice may run: the use case's field error, in its own words, beside the day.
    const validUntil = card.getByLabel('유효기한(한국 날짜)');
    const chosen = await validUntil.inputValue();
    await validUntil.fill(new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10));
    await card.getByTestId('notice-issue').click();
    await card.locator('.error-text').getByText(/^유효기한이 너무 멉니다\. \d{4}-\d{2}-\d{2}까지로 정하세요\.$/).waitFor();
    expect(await validUntil.getAttribute('aria-invalid')).toBe('true');
    await validUntil.fill(chosen);
    await card.getByTestId('notice-issue').click();
    const issued = card.getByTestId('notice-issued');
    await issued.getByText('근거 1건', { exact: false }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('notice-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^KR-TG-PN-\d{8}\.json$/);
    const m = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(m).toMatchObject({ kind: 'risky_party_notice', from: 'KR', to: 'JP-CUSTOMS', body: { party: { role: 'seller', name: 'Counterfeit Kicks', country: 'CN' }, reason: { category: 'ipr', offence: 'ipr_infringement' }, evidenceCount: 1 } });
    const own = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/partners', { token: (officerSession as { token: string }).token })).body.signingKey.publicKey;
    const ours = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: own }, format: 'jwk' });
    expect(crypto.verify(null, Buffer.from(signingInput(m)), ours, Buffer.from(m.signature.value, 'base64url'))).toBe(true);
    await snap(page, 'desktop', 'exchange-notice-issued');

    await card.getByRole('link', { name: '보낸 통보 목록 보기' }).click();
    const sent = page.getByTestId('notices-sent');
    await sent.getByText(m.id).waitFor();
    await sent.getByText('검사에서 위조 운동화 적발').waitFor();
    expect(await sent.locator('li').count()).toBe(1);
    await snap(page, 'desktop', 'exchange-notices-sent');

    // Withdrawn through the portal (the party cleared on appeal): a reason in Korean first, English as well.
    const item = sent.getByTestId(`notice-sent-${m.id}`);
    await item.getByRole('button', { name: `통보 ${m.id} 철회` }).click();
    const form = item.getByTestId('notice-withdraw-form');
    await form.getByLabel('철회 근거').selectOption('party_cleared');
    await form.getByTestId('notice-withdraw').click();
    await form.locator('.error-text').getByText('철회 사유를 한국어로 입력하세요.').waitFor();
    await form.getByLabel('철회 사유(한국어)').fill('이의신청 인용으로 혐의 해소');
    await form.getByLabel('철회 사유(영어)', { exact: false }).fill('cleared on appeal');
    expect(await unlabelledControls(page)).toEqual([]);
    await form.getByTestId('notice-withdraw').click();
    const withdrawal = item.getByTestId('notice-withdrawal');
    await withdrawal.getByText('e2e-rx-admin 철회 · 혐의 해소(이의신청 인용 등): “이의신청 인용으로 혐의 해소”', { exact: false }).waitFor();
    expect(await item.getByTestId('notice-withdrawn-badge').textContent()).toBe('철회됨');
    expect(await item.getByTestId('notice-withdraw-open').count()).toBe(0); // once only
    const [wDownload] = await Promise.all([page.waitForEvent('download'), withdrawal.getByRole('link', { name: '철회 메시지 JSON 내려받기' }).click()]);
    expect(wDownload.suggestedFilename()).toMatch(/^KR-TG-PW-\d{8}\.json$/);
    const w = JSON.parse(fs.readFileSync((await wDownload.path())!, 'utf8'));
    expect(w).toMatchObject({
      kind: 'party_notice_withdrawal',
      to: 'JP-CUSTOMS',
      body: {
        withdraws: { id: m.id, issuedAt: m.issuedAt, digest: crypto.createHash('sha256').update(signingInput(m)).digest('hex') },
        reason: { grounds: 'party_cleared', text: { ko: '이의신청 인용으로 혐의 해소', en: 'cleared on appeal' } },
      },
    });
    expect(crypto.verify(null, Buffer.from(signingInput(w)), ours, Buffer.from(w.signature.value, 'base64url'))).toBe(true);
    await snap(page, 'desktop', 'exchange-notice-withdrawn');

    // The partner withdraws its notice JP-N-0001: the inbox says so, with the draft made from it, and offers no new draft.
    const inboxNow = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?kind=risky_party_notice', { token: (officerSession as { token: string }).token });
    const theirs = inboxNow.body.messages.find((x: { messageId: string }) => x.messageId === 'JP-N-0001');
    const draftId = theirs.drafts[0].draftId as number;
    const withdrawnAt = issuedAt();
    const theirWithdrawal = signAsPartner({
      format: 'tonggwan-risk-exchange',
      version: '1.0',
      kind: 'party_notice_withdrawal',
      id: 'JP-W-0001',
      from: 'JP-CUSTOMS',
      to: 'KR',
      issuedAt: withdrawnAt,
      body: { reportingCountry: 'JP', withdraws: { id: 'JP-N-0001', issuedAt: theirs.message.issuedAt, digest: crypto.createHash('sha256').update(signingInput(theirs.message)).digest('hex') }, reason: { grounds: 'issued_in_error', text: { en: 'wrong seller identified', ko: '판매자 오인' } } },
    });
    expect((await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: theirWithdrawal })).status).toBe(201);
    await page.getByRole('tab', { name: '받은 메시지' }).click();
    const theirNotice = page.getByTestId('exchange-message-JP-N-0001');
    await theirNotice.getByTestId('exchange-withdrawn').getByText('착오 통보: “판매자 오인”', { exact: false }).waitFor();
    await theirNotice.getByTestId('exchange-withdrawn').getByText(`게시되지 않은 초안 #${draftId}은(는) 철회된 통보에 근거합니다`, { exact: false }).waitFor();
    expect(await theirNotice.getByTestId('exchange-withdrawn-badge').textContent()).toBe('철회됨');
    expect(await theirNotice.getByTestId('exchange-make-draft').count()).toBe(0);
    expect(await page.getByTestId('exchange-message-JP-W-0001').count()).toBe(0); // shown on its notice, not as a message of its own
    await snap(page, 'desktop', 'exchange-inbox-withdrawn');
    // The selection-rules page flags the draft made from it; nothing changed the draft itself.
    await page.goto(`${t.base}/officer/risk/rules?draft=${draftId}`);
    await page.getByTestId(`rule-draft-${draftId}`).getByTestId('rule-draft-withdrawn').getByText('근거 통보 철회됨').waitFor();
    await page.getByTestId('rule-draft-withdrawn-warning').getByText('RX_JP_CUSTOMS_JP_N_0001 — JP-CUSTOMS 통보 JP-N-0001', { exact: false }).waitFor();
    expect(JSON.parse(await page.getByTestId('rule-draft-editor').locator('textarea[name=rules]').inputValue()).watchlists).toContainEqual(expect.objectContaining({ code: 'RX_JP_CUSTOMS_JP_N_0001' }));
    await snap(page, 'desktop', 'exchange-draft-withdrawn-source');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.goto(`${t.base}/officer/risk/exchange`); // where the next test starts
  });

  test('an administrator adds the partner\'s next key and revokes the old one, with a reason', async () => {
    await page.getByRole('tab', { name: '협력 세관' }).click();
    const keys = page.getByTestId('exchange-keys-JP-CUSTOMS');
    const addForm = keys.getByTestId('exchange-add-key-form');
    // The same key again: the API's refusal beside the field.
    await addForm.getByLabel('새 공개키 추가').fill(partnerX);
    await addForm.getByTestId('exchange-add-key').click();
    await addForm.locator('.error-text').getByText('이미 등록된(또는 폐기된) 공개키', { exact: false }).waitFor();
    await addForm.getByLabel('새 공개키 추가').fill(nextX);
    await addForm.getByTestId('exchange-add-key').click();
    await addForm.getByRole('status').getByText(`키 ${thumbprint(nextX)}를 추가했습니다.`).waitFor();
    await keys.locator('[data-testid=exchange-key][data-state=active]').nth(1).waitFor();
    expect(await keys.locator('[data-testid=exchange-key][data-state=active]').count()).toBe(2);

    const first = keys.getByTestId('exchange-key').filter({ hasText: thumbprint(partnerX) });
    await first.getByTestId('exchange-revoke-open').click();
    expect(await first.getByTestId('exchange-revoke').isDisabled()).toBe(true); // a reason first
    await first.getByLabel('폐기 사유').fill('정기 교체 2026');
    expect(await unlabelledControls(page)).toEqual([]);
    await first.getByTestId('exchange-revoke').click();
    await keys.locator('[data-testid=exchange-key][data-state=revoked]').getByText('정기 교체 2026', { exact: false }).waitFor();
    expect(await keys.locator('[data-testid=exchange-key][data-state=revoked]').getByText('폐기됨').count()).toBe(1);

    // The next key is now the last active one: revoking it needs the confirmation.
    const second = keys.getByTestId('exchange-key').filter({ hasText: thumbprint(nextX) });
    await second.getByTestId('exchange-revoke-open').click();
    await second.getByLabel('폐기 사유').fill('test');
    expect(await second.getByTestId('exchange-revoke').isDisabled()).toBe(true);
    await second.getByText('마지막 유효 키', { exact: false }).waitFor();
    await second.getByRole('button', { name: '취소' }).click();
    expect(await keys.locator('[data-testid=exchange-key][data-state=active]').count()).toBe(1);

    // A message signed with the revoked key is refused from now on.
    const body = { reportingCountry: 'JP', party: { role: 'seller', name: 'Other Shop' }, reason: { category: 'ipr', text: { en: 'fakes' } }, evidenceCount: 1, validUntil: '2099-12-31' };
    expect((await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signAsPartner(envelope('risky_party_notice', 'JP-N-0009', body)) })).status).toBe(401);
    await snap(page, 'desktop', 'exchange-partner-keys');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  test('an officer reads it on a phone: inbox, export and partners, without the registration form', async () => {
    const p = await phone.newPage();
    const phoneErrors = watchErrors(p);
    await p.goto(`${t.base}/officer`);
    await p.getByRole('link', { name: '협력 세관 정보 교환' }).click();
    const notice = p.getByTestId('exchange-message-JP-N-0001');
    await notice.getByTestId('exchange-state').getByText('규칙 초안 작성됨').waitFor();
    await p.getByTestId('exchange-message-JP-SR-0001').getByTestId('exchange-state').getByText('수신(서명 확인)').waitFor();
    // Signed with the key revoked in the previous test, a routine rotation after we received it: it stands, said so, and may be drafted from.
    const report = p.getByTestId('exchange-message-JP-SR-0001');
    const keyNote = report.getByTestId('exchange-key-revoked');
    await keyNote.getByText('(사유: “정기 교체 2026”)', { exact: false }).waitFor();
    await keyNote.getByText('그대로 유효합니다. 규칙 초안을 만들 수 있습니다.', { exact: false }).waitFor();
    expect(await keyNote.getAttribute('data-suspect')).toBe('false');
    expect(await keyNote.getAttribute('role')).toBe('note');
    expect(await report.getByTestId('exchange-make-draft').count()).toBe(1);
    // The state filter asks the API for drafted messages only.
    await p.getByLabel('상태').selectOption('in_draft');
    await p.getByTestId('exchange-message-JP-SR-0001').waitFor({ state: 'detached' });
    await notice.waitFor();
    await p.getByLabel('상태').selectOption('');
    await p.getByTestId('exchange-message-JP-SR-0001').waitFor();
    expect(await horizontalOverflow(p)).toBe(0);
    expect(await unlabelledControls(p)).toEqual([]);
    await snap(p, 'phone', 'exchange-inbox');

    // Keyboard: arrow keys move between the tabs.
    await p.getByRole('tab', { name: '받은 메시지' }).focus();
    await p.keyboard.press('ArrowRight');
    await p.getByRole('tab', { name: '보고 내보내기', selected: true }).waitFor();
    // A period ending before it starts: the API's refusal is shown beside the end date.
    const from = await p.getByLabel('시작일(한국 시간)').inputValue();
    await p.getByLabel('종료일(한국 시간)').fill('2020-01-01');
    await p.getByTestId('exchange-export').click();
    await p.locator('.error-text').getByText('시작일 이후, 최대 366일 이내의 날짜를 입력하세요.').waitFor();
    expect(await p.getByLabel('종료일(한국 시간)').getAttribute('aria-invalid')).toBe('true');
    await p.getByLabel('종료일(한국 시간)').fill(today);
    expect(from <= today).toBe(true);
    await p.getByTestId('exchange-export').click();
    await p.getByTestId('exchange-export-result').waitFor();
    await p.getByTestId('exchange-export-count').getByText('적발 보고 1건', { exact: false }).waitFor();
    expect(await horizontalOverflow(p)).toBe(0);
    await snap(p, 'phone', 'exchange-export');

    await p.getByRole('tab', { name: '협력 세관' }).click();
    await p.getByTestId('exchange-partners').getByText('JP-CUSTOMS').waitFor();
    await p.getByText('협력 세관 등록은 관리자만 할 수 있습니다.').waitFor();
    expect(await p.getByTestId('exchange-register-form').count()).toBe(0);
    // Keys with their state, but no key buttons for an officer.
    await p.getByTestId('exchange-keys-JP-CUSTOMS').getByText('폐기됨').waitFor();
    expect(await p.getByTestId('exchange-add-key-form').count()).toBe(0);
    expect(await p.getByTestId('exchange-revoke-open').count()).toBe(0);
    expect(await horizontalOverflow(p)).toBe(0);
    await snap(p, 'phone', 'exchange-partners');
    // The same page in English.
    await p.getByRole('button', { name: 'Switch to English' }).click();
    await p.getByRole('heading', { name: 'Partner administrations' }).waitFor();
    await p.getByText('Only administrators register partner administrations.').waitFor();
    await p.getByRole('tab', { name: 'Received' }).click();
    await p.getByTestId('exchange-message-JP-N-0001').getByText('Risky-party notice').waitFor();
    await p.getByTestId('exchange-message-JP-N-0001').getByText('In a rule draft').waitFor();
    await p.getByTestId('exchange-message-JP-N-0001').getByTestId('exchange-withdrawn-badge').getByText('Withdrawn').waitFor();
    await p.getByTestId('exchange-message-JP-N-0001').getByText('Issued in error: “wrong seller identified”', { exact: false }).waitFor();
    await p.getByRole('tab', { name: 'Notices sent' }).click();
    await p.getByTestId('notices-sent').getByText('· Party cleared (e.g. an appeal won): “cleared on appeal”', { exact: false }).waitFor();
    expect(await horizontalOverflow(p)).toBe(0);
    await snap(p, 'phone', 'exchange-inbox-en');
    expect(phoneErrors).toEqual([]);
  });

  test("a declaration's risk panel warns that a hit rests on a notice the partner withdrew; the inbox filters the withdrawn notices", async () => {
    // The draft from JP-N-0001 published all the same (rules change only when officers change them), then a parcel from that seller.
    const admin = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e-rx-admin', password: 'pw-e2e-rx-admin' } })).body.token as string;
    const officer = (officerSession as { token: string }).token;
    const theirs = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?withdrawn=true', { token: officer })).body.messages[0];
    expect(theirs.messageId).toBe('JP-N-0001');
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${theirs.drafts[0].draftId}/publish`, { token: admin, body: { version: 'rules-e2e-rx' } })).status).toBe(201);
    // Another notice on the same seller, signed with the partner's next key, drafted and published on top.
    const body = { reportingCountry: 'JP', party: { role: 'seller', name: 'Counterfeit Kicks', code: 'S-77', country: 'CN' }, reason: { category: 'ipr', text: { en: 'fake watches too', ko: '위조 시계도 적발' } }, evidenceCount: 2, validUntil: '2099-12-31' };
    const sent = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signAsPartner(envelope('risky_party_notice', 'JP-N-0010', body), next) });
    expect(sent.status).toBe(201);
    const second = await api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${sent.body.received.id}/draft`, { token: officer, body: {} });
    expect(second.status).toBe(201);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${second.body.draft.id}/publish`, { token: admin, body: { version: 'rules-e2e-rx2' } })).status).toBe(201);
    // Then the administrator learns the next key leaked and revokes it on the portal, as compromised since it was added (the time left empty).
    await page.goto(`${t.base}/officer/risk/exchange`);
    await page.getByRole('tab', { name: '협력 세관' }).click();
    const nextKey = page.getByTestId('exchange-keys-JP-CUSTOMS').getByTestId('exchange-key').filter({ hasText: thumbprint(nextX) });
    await nextKey.getByTestId('exchange-revoke-open').click();
    await nextKey.getByLabel('폐기 사유').fill('개인키 유출');
    await nextKey.getByLabel('이 키가 유출되었습니다').check();
    await nextKey.getByText('유출 시점부터 받은 메시지에 근거한 위험 적중에 경고가 붙고', { exact: false }).waitFor();
    await nextKey.getByLabel('마지막 유효 키', { exact: false }).check();
    expect(await unlabelledControls(page)).toEqual([]);
    await nextKey.getByTestId('exchange-revoke').click();
    await page.locator('[data-testid=exchange-key][data-state=revoked]').getByTestId('exchange-key-compromised').waitFor();
    expect(await page.getByTestId('exchange-key-compromised').textContent()).toMatch(/부터 유출$/);
    const op = await t.operator('RXSHOP2');
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: op.key,
      body: { declarations: [declaration('E2E-RX-2', { consignee, parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Counterfeit Kicks', code: 'S-77', country: 'CN' }, courier: { name: 'CJ대한통운', code: 'CJKX' } } })] },
    });
    const id = r.body.results[0].declarationId as number;
    await until(async () => (await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer })).body.score?.ruleSetVersion, (v) => v === 'rules-e2e-rx2', 'E2E-RX-2 scored with rules-e2e-rx2', 60_000);

    await page.goto(`${t.base}/officer/declarations/${id}`);
    const panel = page.getByTestId('risk-panel');
    const warning = panel.getByTestId('risk-withdrawn-warning');
    await warning.getByText('협력 세관이 철회한 통보에 근거한 것이 있습니다: RX_JP_CUSTOMS_JP_N_0001', { exact: false }).waitFor();
    expect(await warning.getAttribute('role')).toBe('note');
    await warning.getByRole('link', { name: '선별 규칙에서 빼기' }).waitFor();
    const hit = panel.locator('li[data-code="RX_JP_CUSTOMS_JP_N_0001"]');
    await hit.getByText('위조 운동화 9건 적발', { exact: false }).waitFor(); // the hit itself, still counted
    expect(await hit.getByTestId('risk-hit-source').textContent()).toBe('근거: JP-CUSTOMS 통보 JP-N-0001');
    expect(await hit.getByTestId('risk-hit-withdrawn-badge').textContent()).toBe('근거 통보 철회됨');
    await hit.getByTestId('risk-hit-withdrawn').getByText('철회됨 · 착오 통보: “판매자 오인”. 이 적중을 더 이상 근거로 삼지 마세요.', { exact: false }).waitFor();
    // Its signing key (the first) was revoked in a routine rotation after we received it: flagged, and it stands.
    expect(await hit.getByTestId('risk-hit-key-badge').textContent()).toBe('서명 키 폐기됨 · 근거 유효');
    expect(await hit.getByTestId('risk-hit-key-badge').getAttribute('data-suspect')).toBe('false');
    await hit.getByTestId('risk-hit-key').getByText('폐기 기록에 키가 유출되었다는 내용이 없으므로 그대로 유효합니다', { exact: false }).waitFor();
    // JP-N-0010's key was compromised since before we received it: it may be forged.
    const forged = panel.locator('li[data-code="RX_JP_CUSTOMS_JP_N_0010"]');
    expect(await forged.getByTestId('risk-hit-key-badge').textContent()).toBe('서명 키 유출 · 위조 가능');
    await forged.getByTestId('risk-hit-key').getByText('위조되었을 수 있습니다. 이 적중만으로 보류·검사하지 말고', { exact: false }).waitFor();
    await warning.getByTestId('risk-suspect-warning').getByText('유출된 키로 서명되었을 수 있는 협력 세관 메시지에 근거한 것이 있습니다: RX_JP_CUSTOMS_JP_N_0010', { exact: false }).waitFor();
    // Hits of our own rules name no partner message.
    expect(await panel.getByTestId('risk-hit-source').count()).toBe(2);

    // The hold form says it again where the officer decides: the withdrawal and the doubtful key, in full.
    const holdWarning = page.getByTestId('hold-source-warning');
    expect(await page.getByRole('radio', { name: '보류', exact: true }).isChecked()).toBe(true);
    await holdWarning.getByText('보류하기 전에 확인하세요', { exact: false }).waitFor();
    expect(await holdWarning.getAttribute('role')).toBe('note');
    await holdWarning.getByText('감시 대상 RX_JP_CUSTOMS_JP_N_0001의 근거인 JP-CUSTOMS 통보 JP-N-0001은(는)', { exact: false }).waitFor();
    await holdWarning.getByText('“판매자 오인”. 이 적중을 더 이상 근거로 삼지 마세요', { exact: false }).waitFor();
    await holdWarning.getByText('감시 대상 RX_JP_CUSTOMS_JP_N_0010의 근거인 JP-CUSTOMS 통보 JP-N-0010에 서명한 키는', { exact: false }).waitFor();
    expect(await holdWarning.locator('li').count()).toBe(2); // the routinely rotated key of JP-N-0001 is no reason to doubt it
    // Refusing clearance is as adverse as holding: the same warning (the parcel's status offers no other action here).
    await page.getByRole('radio', { name: '통관 불허' }).check();
    await holdWarning.getByText('보류하기 전에 확인하세요', { exact: false }).waitFor();
    await page.getByRole('radio', { name: '보류', exact: true }).check();
    expect(await horizontalOverflow(page)).toBe(0);
    await snap(page, 'desktop', 'hold-form-source-warnings');
    expect(await horizontalOverflow(page)).toBe(0);
    await snap(page, 'desktop', 'risk-panel-withdrawn-source');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await warning.getByText('Some hits below rest on notices a partner has withdrawn: RX_JP_CUSTOMS_JP_N_0001', { exact: false }).waitFor();
    expect(await hit.getByTestId('risk-hit-source').textContent()).toBe('Source: notice JP-N-0001 of JP-CUSTOMS');
    await hit.getByTestId('risk-hit-withdrawn').getByText('· Issued in error: “wrong seller identified”. Stop relying on this hit.', { exact: false }).waitFor();
    expect(await forged.getByTestId('risk-hit-key-badge').textContent()).toBe('Signing key compromised · may be forged');
    await holdWarning.getByText('Check before holding', { exact: false }).waitFor();
    await holdWarning.getByText('Watch-list entry RX_JP_CUSTOMS_JP_N_0001 rests on notice JP-N-0001 of JP-CUSTOMS, withdrawn', { exact: false }).waitFor();
    await holdWarning.getByText('so it may be forged. Do not hold or inspect on this hit alone', { exact: false }).waitFor();
    await page.getByRole('button', { name: '한국어 화면으로 보기' }).click();

    // The inbox's withdrawal filter asks the API for the withdrawn notices, or those standing.
    await page.goto(`${t.base}/officer/risk/exchange`);
    const notice = page.getByTestId('exchange-message-JP-N-0001');
    const report = page.getByTestId('exchange-message-JP-SR-0001');
    await notice.waitFor();
    await report.waitFor();
    await page.getByLabel('철회 여부').selectOption({ label: '철회된 통보' });
    await report.waitFor({ state: 'detached' });
    await notice.getByTestId('exchange-withdrawn-badge').waitFor();
    await page.getByLabel('철회 여부').selectOption({ label: '철회되지 않음' });
    await notice.waitFor({ state: 'detached' });
    await report.waitFor();
    // With another filter: the one standing notice (JP-N-0010, signed with the key revoked since, flagged so), the report gone.
    await page.getByLabel('종류').selectOption('risky_party_notice');
    await report.waitFor({ state: 'detached' });
    await page.getByTestId('exchange-message-JP-N-0010').getByTestId('exchange-key-revoked').waitFor();
    await page.getByLabel('철회 여부').selectOption({ label: '철회된 통보' });
    await page.getByTestId('exchange-message-JP-N-0010').waitFor({ state: 'detached' });
    await notice.waitFor();
    await page.getByLabel('종류').selectOption('seizure_report');
    await page.getByText('조건에 맞는 메시지가 없습니다.').waitFor();
    await page.getByLabel('종류').selectOption('');
    await page.getByLabel('철회 여부').selectOption('');
    await notice.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await snap(page, 'desktop', 'exchange-inbox-filter-withdrawn');
    expect(errors).toEqual([]);
  });

  test('a compromise found out after the routine revocation is recorded once on the portal; the messages it signed turn suspect in the inbox and on the rules page', async () => {
    await page.goto(`${t.base}/officer/risk/exchange`);
    await page.getByRole('tab', { name: '협력 세관' }).click();
    const firstKey = page.getByTestId('exchange-keys-JP-CUSTOMS').getByTestId('exchange-key').filter({ hasText: thumbprint(partnerX) });
    expect(await firstKey.getByTestId('exchange-key-compromised').count()).toBe(0);
    await firstKey.getByTestId('exchange-compromise-open').click();
    const form = firstKey.getByTestId('exchange-compromise-form');
    await form.getByText('한 번만 기록합니다(바꿀 수 없습니다)', { exact: false }).waitFor();
    expect(await form.getByTestId('exchange-compromise').isDisabled()).toBe(true); // how it became known, first
    await form.getByLabel('유출을 알게 된 경위').fill('협력 세관 통보: 구 키 유출');
    expect(await unlabelledControls(page)).toEqual([]);
    await form.getByTestId('exchange-compromise').click(); // the time left empty: since the key was added
    await firstKey.getByTestId('exchange-key-compromised').waitFor();
    expect(await firstKey.getByTestId('exchange-key-compromised').textContent()).toMatch(/부터 유출$/);
    expect(await firstKey.getByTestId('exchange-compromise-open').count()).toBe(0); // once
    await snap(page, 'desktop', 'exchange-key-compromise-stated');

    // The report signed with it now may be forged: said so, and no rule draft offered.
    await page.getByRole('tab', { name: '받은 메시지' }).click();
    const report = page.getByTestId('exchange-message-JP-SR-0001');
    const keyNote = report.getByTestId('exchange-key-revoked');
    await keyNote.getByText('위조되었을 수 있습니다. 이 메시지로는 규칙 초안을 만들 수 없습니다.', { exact: false }).waitFor();
    expect(await keyNote.getAttribute('data-suspect')).toBe('true');
    expect(await report.getByTestId('exchange-make-draft').count()).toBe(0);

    // The rules page: the latest published version holds both partner entries, now both on keys compromised before we received them.
    await page.goto(`${t.base}/officer/risk/rules`);
    const published = page.getByTestId('rules-key-published');
    await published.getByText('근거 메시지에 서명한 키가 그 뒤 폐기된 것이 있습니다', { exact: false }).waitFor();
    expect(await published.getAttribute('data-suspect')).toBe('true');
    expect(await published.locator('[data-testid=rules-key-entry][data-suspect=true]').count()).toBe(2);
    await published.getByText('감시 대상 RX_JP_CUSTOMS_JP_N_0001의 근거인 JP-CUSTOMS 통보 JP-N-0001에 서명한 키는', { exact: false }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await snap(page, 'desktop', 'rules-key-compromised');
    expect(errors).toEqual([]);
  });
});
