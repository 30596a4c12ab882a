import { describe, expect, it } from 'vitest';
import type { Declaration } from '../declaration-schema.ts';
import { parsePlatformRuleSet, partyKeysOf, platformRuleHits, type RuleContext } from '../risk/platform-risk.ts';
import { buildSeizureReport, seizureReportId, sharedHs } from './build-seizure-report.ts';
import { canonicalJson, signingInput } from './canonical-json.ts';
import type { ExchangeMessage } from './message.ts';
import { proposeWatchlistEntry, watchlistCodeOf, withWatchlistEntry } from './propose-watchlist.ts';
import { validateExchangeMessage } from './validate-message.ts';

const declaration: Declaration = {
  ref: 'R-1',
  declaredAt: '2026-11-18',
  ecommerceType: 'direct',
  shipment: { mode: 'express', shipFrom: 'cn', hblNo: 'HB-SECRET-1', mblNo: 'MB-SECRET-1', grossWeightKg: 1.2 },
  parties: {
    platform: { name: 'AliExpress', code: 'ALI', country: 'CN' },
    seller: { name: 'Shady  Shop', code: 'S-77', country: 'cn' },
    courier: { name: 'CJ대한통운', code: 'CJKX' },
    broker: { name: '관세법인 한빛', code: 'BRK1' },
  },
  consignee: { name: '김민지', pccc: 'P123456789012', phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123', email: 'minji@example.kr' },
  order: { orderNo: 'ORDER-SECRET-9', purchasedAt: '2026-11-15', currency: 'usd', amountPaid: 120 },
  items: [
    { description: '운동화 Nike Air Max', hsCode: '6404.11-9000', quantity: 2, price: 40, discount: 5, localShipping: 3.5, originCountry: 'cn' },
    { description: '가방 Gucci Marmont', category: 'bags', quantity: 1, price: 30.1, unit: 'piece' },
  ],
};

const report = () => {
  const r = buildSeizureReport({
    declaration,
    // line 1's code came from the category; line 0's declared code is used as classified
    assessment: { lines: [{ index: 0, hsCode: '6404119000' }, { index: 1, hsCode: '4202220000' }], valuation: { goodsValueKrw: 148_350 } },
    finding: { inspectionId: 42, outcome: 'ip_infringement', inspectedAt: '2026-11-20T03:04:05.000Z', correctedValueKrw: 900_000, correctedHs: '420221' },
    sender: { code: 'KR', country: 'KR' },
    recipient: 'JP-CUSTOMS',
    issuedAt: '2026-11-21T00:00:00Z',
  });
  if (!r.ok || r.message.kind !== 'seizure_report') throw new Error('no report');
  return r.message;
};

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, drops undefined members, writes numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { é: 1, e: 2, E: 3 }, u: undefined })).toBe('{"a":[true,null,"x"],"b":1,"c":{"E":3,"e":2,"é":1}}');
    // RFC 8785 §3.2.2.3 examples
    expect(canonicalJson([1e21, 0.000001, 1e-7, -0, 333333333.33333329, 4.5])).toBe('[1e+21,0.000001,1e-7,0,333333333.3333333,4.5]');
    expect(canonicalJson('€\n"')).toBe('"€\\n\\""');
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });

  it('signs everything but the signature member', () => {
    expect(signingInput({ z: 1, signature: { value: 'x' }, a: 'b' })).toBe('{"a":"b","z":1}');
  });
});

describe('buildSeizureReport', () => {
  it('dates the seizure by the Korean calendar: an inspection at 20:00 UTC is the next day in Korea (UTC+9)', () => {
    const at = (inspectedAt: string) => {
      const r = buildSeizureReport({ declaration, assessment: { lines: [{ index: 0, hsCode: '6404119000' }, { index: 1, hsCode: '4202220000' }], valuation: { goodsValueKrw: 1 } }, finding: { inspectionId: 1, outcome: 'prohibited', inspectedAt, correctedValueKrw: null, correctedHs: null }, sender: { code: 'KR', country: 'KR' }, recipient: 'JP-CUSTOMS', issuedAt: '2026-11-20T21:00:00Z' });
      return r.ok && r.message.kind === 'seizure_report' ? r.message.body.seizureDate : null;
    };
    expect(at('2026-11-20T14:59:59Z')).toBe('2026-11-20'); // 23:59:59 KST
    expect(at('2026-11-20T15:00:00Z')).toBe('2026-11-21'); // 00:00 KST
  });

  it('maps the declaration and the finding onto the report fields', () => {
    const m = report();
    expect(m).toMatchObject({ format: 'tonggwan-risk-exchange', version: '1.0', kind: 'seizure_report', id: 'KR-TG-SR-00000042', from: 'KR', to: 'JP-CUSTOMS', issuedAt: '2026-11-21T00:00:00Z' });
    expect(m.body).toEqual({
      reportingCountry: 'KR',
      seizureDate: '2026-11-20',
      detection: { outcome: 'ip_infringement', offence: 'ipr_infringement', category: 'ipr' },
      ecommerceType: 'direct',
      transport: { mode: 'express', modeCode: '9', departureCountry: 'CN', destinationCountry: 'KR' },
      goods: [
        { hsCode: '640411', description: '운동화 Nike Air Max', quantity: 2, originCountry: 'CN' },
        { hsCode: '420222', description: '가방 Gucci Marmont', quantity: 1, unit: 'piece' },
      ],
      correctedHsCode: '420221',
      // 40 × 2 − 5 + 3.5 = 78.5, plus 30.1 × 1 = 108.6
      invoiceValue: { amount: 108.6, currency: 'USD' },
      declaredValue: { amount: 148_350, currency: 'KRW' },
      correctedValue: { amount: 900_000, currency: 'KRW' },
      parties: {
        platform: { name: 'AliExpress', code: 'ALI', country: 'CN' },
        seller: { name: 'Shady  Shop', code: 'S-77', country: 'CN' },
        courier: { name: 'CJ대한통운', code: 'CJKX' },
      },
    });
    expect(seizureReportId('KR', 123456789)).toBe('KR-TG-SR-123456789');
  });

  it('carries no consumer personal data, nor the order and B/L numbers or our reference', () => {
    const text = JSON.stringify(report());
    for (const secret of ['P123456789012', '김민지', '010-1234-5678', '01012345678', '06236', '테헤란로', 'minji@', 'ORDER-SECRET-9', 'HB-SECRET', 'MB-SECRET', 'R-1', '관세법인'])
      expect(text, secret).not.toContain(secret);
    expect(text).not.toMatch(/consignee|pccc|phone|address|postcode|email/i);
  });

  it('maps each finding outcome onto an offence and a category, and postal parcels onto UN/ECE Rec 19 code 5', () => {
    const of = (outcome: 'undervalued' | 'misclassified' | 'prohibited' | 'pccc_misuse') => {
      const r = buildSeizureReport({
        declaration: { ...declaration, shipment: { ...declaration.shipment, mode: 'postal' } },
        assessment: { lines: [{ index: 0, hsCode: '6404119000' }, { index: 1, hsCode: '4202220000' }], valuation: null },
        finding: { inspectionId: 1, outcome, inspectedAt: '2026-11-20T00:00:00Z', correctedValueKrw: null, correctedHs: null },
        sender: { code: 'KR', country: 'KR' },
        issuedAt: '2026-11-21T00:00:00Z',
      });
      if (!r.ok || r.message.kind !== 'seizure_report') throw new Error('no report');
      return r.message;
    };
    expect(of('undervalued').body.detection).toEqual({ outcome: 'undervalued', offence: 'undervaluation', category: 'revenue' });
    expect(of('misclassified').body.detection).toEqual({ outcome: 'misclassified', offence: 'misclassification', category: 'revenue' });
    expect(of('prohibited').body.detection).toEqual({ outcome: 'prohibited', offence: 'prohibited_goods', category: 'prohibitions_restrictions' });
    expect(of('pccc_misuse').body.detection).toEqual({ outcome: 'pccc_misuse', offence: 'false_consignee_identity', category: 'fraud' });
    const m = of('undervalued');
    expect(m.body.transport.modeCode).toBe('5');
    expect(m.to).toBeUndefined();
    expect(m.body.correctedValue).toBeUndefined();
    expect(m.body.correctedHsCode).toBeUndefined();
  });

  it('reports HS codes to the 6-digit subheading at most, a line classified only to its chapter at that level, and refuses a line without any code', () => {
    expect(['6404119000', '6404.11', '640411', '64041', '6404', '621', '62', '6', ''].map(sharedHs)).toEqual(['640411', '640411', '640411', '6404', '6404', '62', '62', null, null]);
    const chapterOnly = buildSeizureReport({
      declaration,
      assessment: { lines: [{ index: 0, hsCode: '6404119000' }, { index: 1, hsCode: '42' }], valuation: null },
      finding: { inspectionId: 1, outcome: 'prohibited', inspectedAt: '2026-11-20T00:00:00Z', correctedValueKrw: null, correctedHs: null },
      sender: { code: 'KR', country: 'KR' },
      issuedAt: '2026-11-21T00:00:00Z',
    });
    expect(chapterOnly.ok && chapterOnly.message.kind === 'seizure_report' && chapterOnly.message.body.goods.map((g) => g.hsCode)).toEqual(['640411', '42']);
    const r = buildSeizureReport({
      declaration: { ...declaration, items: [declaration.items[0]!, { description: '가방 Gucci Marmont', quantity: 1, price: 30.1 }] },
      assessment: { lines: [{ index: 0, hsCode: '6404119000' }], valuation: null },
      finding: { inspectionId: 1, outcome: 'prohibited', inspectedAt: '2026-11-20T00:00:00Z', correctedValueKrw: null, correctedHs: null },
      sender: { code: 'KR', country: 'KR' },
      issuedAt: '2026-11-21T00:00:00Z',
    });
    expect(r).toEqual({ ok: false, reason: 'no_hs_code', itemIndex: 1 });
  });
});

const signature = { alg: 'Ed25519', keyId: 'a'.repeat(43), value: 'b'.repeat(86) };
const notice = (over: Record<string, unknown> = {}, body: Record<string, unknown> = {}) => ({
  format: 'tonggwan-risk-exchange',
  version: '1.0',
  kind: 'risky_party_notice',
  id: 'JP-2026-0001',
  from: 'JP-CUSTOMS',
  to: 'KR',
  issuedAt: '2026-11-20T09:00:00Z',
  body: {
    reportingCountry: 'JP',
    party: { role: 'seller', name: 'Shady  Shop', code: 's-77', country: 'CN' },
    reason: { category: 'ipr', offence: 'ipr_infringement', text: { en: 'counterfeit sneakers in 14 seizures' } },
    evidenceCount: 14,
    validUntil: '2027-05-31',
    ...body,
  },
  signature,
  ...over,
});
const now = new Date('2026-11-20T09:01:00Z');

describe('validateExchangeMessage', () => {
  it('accepts a well-formed notice and a report built here', () => {
    expect(validateExchangeMessage(notice(), { now, recipient: 'KR' }).ok).toBe(true);
    expect(validateExchangeMessage({ ...report(), to: undefined, signature }, { now: new Date('2026-11-21T00:00:00Z'), recipient: 'KR' })).toMatchObject({ ok: true });
  });

  it('names each wrong field by its path, in Korean and English', () => {
    const r = validateExchangeMessage(notice({ version: '2.0', to: 'US', extra: 1 }, { evidenceCount: 0, party: { role: 'consignee', name: '' }, validUntil: '2026-02-30' }), { now, recipient: 'KR' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.code]));
    expect(byPath).toEqual({
      extra: 'unknown_field',
      'body.party.role': 'not_allowed_value',
      'body.party.name': 'too_short',
      'body.evidenceCount': 'value_out_of_range',
      'body.validUntil': 'invalid_date',
      version: 'version_unsupported',
      to: 'not_for_us',
    });
    const to = r.errors.find((e) => e.path === 'to')!;
    expect(to.ko).toBe('다른 기관 앞으로 보낸 메시지입니다: US.');
    expect(to.en).toBe('The message is addressed to another administration: US.');
  });

  it('refuses consumer personal data: the body has no field for it', () => {
    const r = validateExchangeMessage(notice({}, { consignee: { name: '김민지', pccc: 'P123456789012' } }), { now, recipient: 'KR' });
    expect(r).toMatchObject({ ok: false, errors: [{ path: 'body.consignee', code: 'unknown_field' }] });
    const seizure = { ...report(), to: 'KR', signature };
    const withPhone = { ...seizure, body: { ...seizure.body, parties: { ...seizure.body.parties, seller: { name: 'X', phone: '010-1234-5678' } } } };
    expect(validateExchangeMessage(withPhone, { now: new Date('2026-11-21T00:00:00Z'), recipient: 'KR' })).toMatchObject({ ok: false, errors: [{ path: 'body.parties.seller.phone', code: 'unknown_field' }] });
  });

  it('checks the body against its kind, HS codes at 6 digits, and times', () => {
    const seizure = { ...report(), to: 'KR', signature };
    const bad = { ...seizure, issuedAt: '2026-11-21T00:10:00Z', body: { ...seizure.body, seizureDate: '2026-11-23', goods: [{ ...seizure.body.goods[0], hsCode: '64041' }] } };
    const r = validateExchangeMessage(bad, { now: new Date('2026-11-21T00:00:00Z'), recipient: 'KR' });
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.code])).toEqual([
      ['body.goods[0].hsCode', 'bad_format'],
      ['issuedAt', 'issued_in_future'],
    ]);
    const late = validateExchangeMessage({ ...bad, issuedAt: '2026-11-21T00:00:00Z' }, { now: new Date('2026-11-21T00:00:00Z'), recipient: 'KR' });
    expect(late.ok ? [] : late.errors.map((e) => e.path)).toEqual(['body.goods[0].hsCode', 'body.seizureDate']);
    // A day ahead of the UTC date of issue is the reporting country's calendar (KST is UTC+9), not an error.
    const nextDayInKorea = validateExchangeMessage({ ...seizure, issuedAt: '2026-11-21T00:00:00Z', body: { ...seizure.body, seizureDate: '2026-11-22' } }, { now: new Date('2026-11-21T00:00:00Z'), recipient: 'KR' });
    expect(nextDayInKorea.ok).toBe(true);
    expect(validateExchangeMessage(notice({}, { validUntil: '2026-11-19' }), { now, recipient: 'KR' })).toMatchObject({ ok: false, errors: [{ path: 'body.validUntil', code: 'valid_until_passed' }] });
    expect(validateExchangeMessage(notice({ issuedAt: '2026-02-30T00:00:00Z' }), { now, recipient: 'KR' })).toMatchObject({ ok: false, errors: [{ path: 'issuedAt', code: 'invalid_timestamp' }] });
    expect(validateExchangeMessage([], { now, recipient: 'KR' })).toMatchObject({ ok: false, errors: [{ path: '', code: 'wrong_type' }] });
  });
});

describe('proposeWatchlistEntry', () => {
  const accepted = notice() as unknown as ExchangeMessage;

  it('turns a notice into a watch-list rule keyed by the normalised code and name, with its reason in both languages', () => {
    const r = proposeWatchlistEntry(accepted, { partner: 'JP-CUSTOMS', today: '2026-11-20', weight: 0.4, seizureValidDays: 180 });
    expect(r).toEqual({
      ok: true,
      proposal: {
        rule: {
          code: 'RX_JP_CUSTOMS_JP_2026_0001',
          ko: '해외 세관 통보(JP-CUSTOMS) 위험 판매자 — 지식재산권 침해(위조품), 근거 14건: "counterfeit sneakers in 14 seizures" (유효 2027-05-31까지, 메시지 JP-2026-0001)',
          en: 'seller reported as risky by partner customs JP-CUSTOMS — IPR infringement (counterfeit), 14 findings: "counterfeit sneakers in 14 seizures" (valid until 2027-05-31, message JP-2026-0001)',
          role: 'seller',
          keys: ['S-77', 'SHADY SHOP'],
          weight: 0.4,
          validUntil: '2027-05-31',
        },
        source: { partner: 'JP-CUSTOMS', messageId: 'JP-2026-0001', kind: 'risky_party_notice', validUntil: '2027-05-31' },
      },
    });
    expect(watchlistCodeOf('jp', 'a.b:c')).toBe('RX_JP_A_B_C');
  });

  it('proposes nothing for an expired notice or a report without a seller; a report is watched for the given days from its seizure', () => {
    expect(proposeWatchlistEntry(accepted, { partner: 'JP', today: '2027-06-01', weight: 0.4, seizureValidDays: 180 })).toMatchObject({ ok: false, reason: 'expired' });
    const m = report() as ExchangeMessage;
    const r = proposeWatchlistEntry(m, { partner: 'KR', today: '2026-11-21', weight: 0.2, seizureValidDays: 180 });
    // 2026-11-20 + 180 days = 2027-05-19
    expect(r).toMatchObject({ ok: true, proposal: { rule: { role: 'seller', keys: ['S-77', 'SHADY SHOP'], code: 'RX_KR_KR_TG_SR_00000042' }, source: { validUntil: '2027-05-19' } } });
    if (r.ok) expect(r.proposal.rule.en).toContain('seizure of 2026-11-20: IPR infringement (counterfeit)');
    const noSeller = { ...m, body: { ...(m.body as object), parties: {} } } as ExchangeMessage;
    expect(proposeWatchlistEntry(noSeller, { partner: 'KR', today: '2026-11-21', weight: 0.2, seizureValidDays: 180 })).toMatchObject({ ok: false, reason: 'no_party' });
  });

  it('adds the entry to a rule set (replacing one of the same code) that still parses, and a declaration of that seller hits it with the reason', () => {
    const r = proposeWatchlistEntry(accepted, { partner: 'JP-CUSTOMS', today: '2026-11-20', weight: 0.4, seizureValidDays: 180 });
    if (!r.ok) throw new Error('no proposal');
    const published = { version: 'v1', signals: [], keywords: [], routes: [], valuePerKg: [], watchlists: [{ code: 'WL_OLD', role: 'seller', keys: ['X'], weight: 0.1 }] };
    const once = withWatchlistEntry(published, r.proposal.rule);
    const twice = withWatchlistEntry(once, { ...r.proposal.rule, weight: 0.5 });
    expect((twice.watchlists as { code: string; weight: number }[]).map((w) => [w.code, w.weight])).toEqual([
      ['WL_OLD', 0.1],
      ['RX_JP_CUSTOMS_JP_2026_0001', 0.5],
    ]);
    expect(published.watchlists).toHaveLength(1); // not mutated
    const parsed = parsePlatformRuleSet(once);
    if (!parsed.ok) throw new Error(parsed.en);
    const context = (d: Declaration): RuleContext => ({ declaredAt: d.declaredAt, signals: [], text: '', shipFrom: 'CN', origins: [], hsCodes: [], valuePerKgUsd: null, parties: partyKeysOf(d) });
    // By code (our declaration's seller key is its code) …
    const hits = platformRuleHits(parsed.rules, context(declaration));
    expect(hits.map((h) => [h.code, h.weight])).toEqual([['RX_JP_CUSTOMS_JP_2026_0001', 0.4]]);
    expect(hits[0]!.en).toContain('counterfeit sneakers in 14 seizures');
    expect(hits[0]!.en).toMatch(/\(S-77\)$/);
    // … and by name when the declaration gives no code; another seller does not hit.
    const byName = { ...declaration, parties: { seller: { name: 'shady shop' } } };
    expect(platformRuleHits(parsed.rules, context(byName)).map((h) => h.code)).toEqual(['RX_JP_CUSTOMS_JP_2026_0001']);
    expect(platformRuleHits(parsed.rules, context({ ...declaration, parties: { seller: { name: 'Good Shop' } } }))).toEqual([]);
    // The notice's end date goes with the entry: a declaration after 2027-05-31 no longer hits it.
    expect(r.proposal.rule.validUntil).toBe('2027-05-31');
    expect(platformRuleHits(parsed.rules, context({ ...declaration, declaredAt: '2027-06-01' }))).toEqual([]);
  });
});
