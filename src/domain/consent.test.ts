import { describe, expect, it } from 'vitest';
import type { Declaration } from './declaration-schema.ts';
import { canonicalOrderText, consentChallengeText, consentRequestStatusAt, maskPccc, maskPostcode, matchConsent, orderSummaryOf, orderSummaryOfDeclaration, withConsentOutcome } from './consent.ts';
import { formatPccc, hasLapsed, luhnDigit, renewal, renewalReminderDue, renewalReminderText, renewalWindow, reissuesLeft, addMonths, type IdentityRules } from './pccc-registry.ts';
import type { Assessment } from './assessment.ts';

const input = {
  platform: ' Amazon ',
  seller: 'Nike  Store',
  orderNo: 'A-1',
  items: [
    { description: '티셔츠 Nike Dri-FIT', quantity: 2, price: 45 },
    { description: '양말 Nike Everyday', quantity: 1, price: 9.99 },
  ],
  total: 99.99,
  currency: 'usd',
  postcode: '06-236',
  pccc: 'p250000000001',
};

const decl = {
  ref: 'r1',
  declaredAt: '2026-02-04',
  shipment: { mode: 'express', shipFrom: 'US', grossWeightKg: 1 },
  parties: { platform: { name: 'AMAZON' }, seller: { name: 'nike store' } },
  consignee: { name: '김민지', pccc: 'P250000000001', phone: '010', postcode: '06236', address: 'x' },
  order: { orderNo: 'A-1', currency: 'USD' },
  items: [
    { description: '양말  Nike Everyday', quantity: 1, price: 9.99 },
    { description: '티셔츠 Nike Dri-FIT', quantity: 2, price: 45 },
  ],
} as unknown as Declaration;

describe('order summary and hash input', () => {
  it('normalises what the operator sends and refuses a total that is not Σ price × quantity', () => {
    const s = orderSummaryOf(input);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.summary).toMatchObject({ platform: 'Amazon', seller: 'Nike Store', currency: 'USD', postcode: '06236', pccc: 'P250000000001', total: 9999 });
    const bad = orderSummaryOf({ ...input, total: 100 });
    expect(bad.ok ? [] : bad.problems.map((p) => [p.path, p.code])).toEqual([['total', 'total_mismatch']]);
  });

  it('the declaration of the same order has the same canonical text (item order, case and spacing do not matter)', () => {
    const s = orderSummaryOf(input);
    if (!s.ok) throw new Error('invalid');
    const d = orderSummaryOfDeclaration(decl);
    expect(canonicalOrderText(d)).toBe(canonicalOrderText(s.summary));
    expect(matchConsent(s.summary, d)).toEqual([]);
  });

  it('names every field that differs', () => {
    const s = orderSummaryOf(input);
    if (!s.ok) throw new Error('invalid');
    const other = orderSummaryOfDeclaration({
      ...decl,
      consignee: { ...decl.consignee, postcode: '48058' },
      parties: { platform: { name: 'Temu' } },
      items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 3, price: 45 }],
    } as Declaration);
    expect(matchConsent(s.summary, other)).toEqual(['postcode', 'platform', 'seller', 'items', 'total']);
    expect(canonicalOrderText(other)).not.toBe(canonicalOrderText(s.summary));
  });

  it('binds the challenge to the order, the nonce and the decision', () => {
    expect(consentChallengeText('h', 'n', 'approve')).not.toBe(consentChallengeText('h', 'n', 'decline'));
    expect(consentChallengeText('h', 'n', 'approve')).not.toBe(consentChallengeText('h2', 'n', 'approve'));
  });

  it('adds the signal and the reason without touching the route', () => {
    const a = { route: 'list', signals: ['NEAR_DE_MINIMIS'], reasons: [] } as unknown as Assessment;
    const texts = { CONSENT_MISMATCH: { ko: '불일치({fields})', en: 'mismatch ({fieldsEn})', ref: 'r' } };
    const out = withConsentOutcome(a, { kind: 'mismatch', fields: ['items', 'total'] }, texts);
    expect(out.signals).toEqual(['NEAR_DE_MINIMIS', 'CONSENT_MISMATCH']);
    expect(out.reasons[0]).toEqual({ code: 'CONSENT_MISMATCH', ko: '불일치(품목, 금액)', en: 'mismatch (items, total value)', ref: 'r' });
    expect(out.route).toBe('list');
    expect(withConsentOutcome(a, { kind: 'verified', approvedAt: 'x', tokenId: 't' }, {}).signals).toContain('VERIFIED_CONSUMER');
  });
});

describe('PCCC registry rules', () => {
  const rules = {
    registry: { validityMonths: { value: 12 }, renewalWindowDays: { value: 30 }, maxPostcodes: { value: 20 }, reissuesPerYear: { value: 5 } },
  } as unknown as IdentityRules;
  it('formats P + year + serial + Luhn digit', () => {
    const p = formatPccc(2026, 700000001);
    expect(p).toMatch(/^P26700000001\d$/);
    expect(Number(p.slice(-1))).toBe(luhnDigit(p.slice(1, 12)));
  });
  it('renews only within 30 days of expiry, by one year; lapses after', () => {
    expect(renewal({ status: 'active', expiresOn: '2026-12-31' }, '2026-06-01', rules)).toEqual({ ok: false, why: 'too_early' });
    expect(renewal({ status: 'active', expiresOn: '2026-12-31' }, '2026-12-15', rules)).toEqual({ ok: true, expiresOn: '2027-12-31' });
    expect(renewal({ status: 'active', expiresOn: '2026-12-31' }, '2027-02-15', rules)).toEqual({ ok: false, why: 'lapsed' });
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
  it('opens renewal 30 days before expiry and closes it 30 days after: 2026-12-31 − 30 days = 2026-12-01, + 30 days = 2027-01-30', () => {
    expect(renewalWindow('2026-12-31', rules)).toEqual({ opensOn: '2026-12-01', closesOn: '2027-01-30' });
    expect(renewal({ status: 'active', expiresOn: '2026-12-31' }, '2026-11-30', rules)).toEqual({ ok: false, why: 'too_early' });
    expect(renewal({ status: 'active', expiresOn: '2026-12-31' }, '2026-12-01', rules)).toEqual({ ok: true, expiresOn: '2027-12-31' });
    // Expired but within the window: still renewable, by one year from the old expiry.
    expect(renewal({ status: 'active', expiresOn: '2026-12-31' }, '2027-01-30', rules)).toEqual({ ok: true, expiresOn: '2027-12-31' });
    expect(hasLapsed('2026-12-31', '2027-01-30', rules)).toBe(false);
    expect(hasLapsed('2026-12-31', '2027-01-31', rules)).toBe(true);
  });
  it('reminds once the window opens (2026-12-01 for 2026-12-31) and again once expired, until the window closes (2027-01-30)', () => {
    const h = { status: 'active', expiresOn: '2026-12-31' };
    expect(renewalReminderDue(h, '2026-11-30', rules)).toBe(null);
    expect(renewalReminderDue(h, '2026-12-01', rules)).toBe('window-open');
    expect(renewalReminderDue(h, '2026-12-31', rules)).toBe('window-open'); // valid through its last day
    expect(renewalReminderDue(h, '2027-01-01', rules)).toBe('expired');
    expect(renewalReminderDue(h, '2027-01-30', rules)).toBe('expired');
    expect(renewalReminderDue(h, '2027-01-31', rules)).toBe(null); // lapsed: nothing left to renew
    expect(renewalReminderDue({ ...h, status: 'suspended' }, '2026-12-15', rules)).toBe(null);
    const text = renewalReminderText('expired', '2026-12-31', rules);
    expect(text.ko).toBe('개인통관고유부호 유효기간이 2026-12-31에 끝났습니다. 2027-01-30까지 연장하면 2027-12-31까지 계속 쓸 수 있고, 그 뒤에는 부호가 해지됩니다.');
    expect(text.en).toBe('Your personal customs code expired on 2026-12-31. Renew it by 2027-01-30 to keep it until 2027-12-31; after that it is cancelled.');
  });
  it('counts reissues in a rolling year', () => {
    expect(reissuesLeft(['2026-01-01', '2026-03-01', '2025-01-01'], '2026-06-01', rules)).toBe(3);
  });
});

describe('what a consent link shows', () => {
  it('masks the postcode to its first 3 digits and the PCCC to its first 3 and last 2 characters', () => {
    expect(maskPostcode('06236')).toBe('062**');
    expect(maskPostcode('135-080')).toBe('135***'); // old 6-digit form, separator dropped
    expect(maskPostcode('1234')).toBe('****'); // too short to keep any digit
    expect(maskPccc('P250000000001')).toBe('P25********01');
  });
});

describe('consentRequestStatusAt', () => {
  // Made at 10:00:00Z, the request expires 10 minutes later: expiresAt 10:10:00Z.
  const expiresAt = '2026-11-15T10:10:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('keeps a pending request pending before its deadline and calls it expired from the deadline on', () => {
    expect(consentRequestStatusAt('pending', expiresAt, at('2026-11-15T10:09:59.999Z'))).toBe('pending');
    expect(consentRequestStatusAt('pending', expiresAt, at('2026-11-15T10:10:00.000Z'))).toBe('expired');
    expect(consentRequestStatusAt('pending', expiresAt, at('2026-11-15T11:00:00.000Z'))).toBe('expired');
  });

  it('leaves a decided request as it was decided, however late it is read', () => {
    for (const s of ['approved', 'declined', 'refused', 'expired'] as const) expect(consentRequestStatusAt(s, expiresAt, at('2026-11-16T00:00:00.000Z'))).toBe(s);
  });
});
