import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reason } from './assessment.ts';
import { compileReasons, formatArg, makeReason, PARAM_FORMATS, REASON_PARAMS, RenderedWhenRead, renderReason, renderReasonNamed, type ReasonCode } from './explain.ts';

/** What a reader of the reason sees: its four fields, read. */
const read = (r: Reason) => ({ code: r.code, ko: r.ko, en: r.en, ref: r.ref });

const texts = { X: { ko: '{n}개 초과', en: 'over by {n}', ref: '고시 제{art}조' } };

describe('reasons', () => {
  it('are plain data: equality, spread and JSON see the rendered texts', () => {
    const r = makeReason(texts, 'X', { n: 3, art: 68 });
    const plain = { code: 'X', ko: '3개 초과', en: 'over by 3', ref: '고시 제68조' };
    expect(r).toEqual(plain);
    expect({ ...r }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(r))).toEqual(plain);
    expect(Object.keys(r)).toEqual(['code', 'ko', 'en', 'ref']);
  });

  it('falls back to the code when a text is missing', () => {
    expect(makeReason(texts, 'NOPE')).toEqual({ code: 'NOPE', ko: 'NOPE', en: 'NOPE', ref: '' });
  });
});

describe('compiled reasons', () => {
  const texts: Record<string, { ko: string; en: string; ref: string }> = JSON.parse(readFileSync(new URL('../../data/reasons.json', import.meta.url), 'utf8'));
  const compiled = compileReasons(texts);
  const codes = Object.keys(REASON_PARAMS) as ReasonCode[];

  it('every placeholder of a reason the engine gives is one of its parameters', () => {
    for (const code of codes) {
      expect(texts[code], code).toBeDefined();
      for (const k of ['ko', 'en', 'ref'] as const) for (const m of texts[code]![k].matchAll(/\{(\w+)\}/g)) expect(REASON_PARAMS[code], `${code}.${k}`).toContain(m[1]);
    }
  });

  it('render the texts fillTemplate renders, when read and when serialised', () => {
    for (const code of codes) {
      const names: readonly string[] = REASON_PARAMS[code];
      for (const pick of [(i: number) => (i % 2 ? `값${i} “x”` : i * 1.25), (i: number) => (i % 2 ? 1000 + i : `{v${i}}`)]) {
        const args = names.map((_, i) => pick(i));
        const r = renderReason(compiled, code, args as never);
        // Amounts (PARAM_FORMATS) given as numbers are written formatted: 1001 -> "1,001", 2.5 -> "2.50".
        const expected = makeReason(texts, code, Object.fromEntries(names.map((n, i) => [n, formatArg(code, n, args[i]!, args[names.indexOf('currency')])])));
        expect(read(r)).toEqual(expected);
        expect(JSON.stringify(r)).toBe(JSON.stringify(expected));
        expect(read(renderReason(compiled, code, args as never))).toEqual(expected); // shared reasons too
        // Shared reasons (no parameters, or reference data) are plain data; a declaration's own ones render when read.
        if (!(r instanceof RenderedWhenRead)) expect({ ...r }).toEqual(expected);
      }
      if (names.length) {
        // A missing argument keeps its placeholder, as fillTemplate does.
        expect(read(renderReasonNamed(compiled, code, {}))).toEqual(makeReason(texts, code, {}));
      }
    }
  });

  it('write amounts given as numbers formatted when read, and strings as given', () => {
    // NEXT_PAY: total is won (formatKrw), threshold is written as given (USD 150).
    const r = renderReason(compiled, 'NEXT_PAY', [1234567, 150]);
    expect(r.ko).toContain('1,234,567원');
    expect(r.en).toContain('KRW 1,234,567');
    expect(r.en).toContain('USD 150 ');
    expect(renderReason(compiled, 'NEXT_PAY', ['1,234,567', 150]).ko).toBe(r.ko);
    // GOODS_VALUE: the foreign amount with two decimals, the won grouped; GOODS_VALUE_USD: the USD value with two decimals
    // (3,126.80 × 207.51 = 648,842.268 → 648,842 won; ÷ 1,442.88 = 449.6855 → USD 449.69).
    const g = renderReason(compiled, 'GOODS_VALUE', ['CNY', 3126.8, '207.51', '2026-02-01', 648842]);
    expect(g.en).toBe('Goods value CNY 3,126.80 (price + local tax + local shipping − discount + other costs, international freight excluded) × customs rate 207.51 (week of 2026-02-01) = KRW 648,842.');
    const u = renderReason(compiled, 'GOODS_VALUE_USD', ['CNY', 3126.8, '207.51', '1,442.88', 449.69]);
    expect(u.en).toBe('Goods value in US dollars, as the duty-free limit is set: CNY 3,126.80 × customs rate 207.51 ÷ USD customs rate 1,442.88 = USD 449.69.');
    expect(u.ko).toBe('면세한도(미화)와 견줄 물품가격: CNY 3,126.80 × 과세환율 207.51 ÷ 미화 과세환율 1,442.88 = 미화 449.69달러.');
    expect(Object.keys(PARAM_FORMATS).every((code) => code in REASON_PARAMS)).toBe(true);
  });

  it('write a foreign amount with its currency\'s minor units (the reference\'s currencies), when read and when serialised', () => {
    const minorUnits = (c: string) => ({ JPY: 0, KRW: 0, USD: 2, KWD: 3 })[c] ?? 2;
    const withUnits = compileReasons(texts, minorUnits);
    // JPY 12,000 × 9.40 = 112,800 won; ÷ 1,442.88 = 78.1770 → USD 78.18 (the dollars, computed: two decimals)
    const g = renderReason(withUnits, 'GOODS_VALUE', ['JPY', 12000, '9.40', '2026-02-01', 112800]);
    expect(g.ko).toBe('물품가격 JPY 12,000 (상품가+현지세금+현지운송료−할인+기타비용, 국제운송료 제외) × 과세환율 9.40 (2026-02-01 주) = 112,800원.');
    expect(g.en).toBe('Goods value JPY 12,000 (price + local tax + local shipping − discount + other costs, international freight excluded) × customs rate 9.40 (week of 2026-02-01) = KRW 112,800.');
    expect(JSON.parse(JSON.stringify(g))).toEqual(read(g));
    const u = renderReason(withUnits, 'GOODS_VALUE_USD', ['JPY', 12000, '9.40', '1,442.88', 78.18]);
    expect(u.ko).toBe('면세한도(미화)와 견줄 물품가격: JPY 12,000 × 과세환율 9.40 ÷ 미화 과세환율 1,442.88 = 미화 78.18달러.');
    expect(u.en).toBe('Goods value in US dollars, as the duty-free limit is set: JPY 12,000 × customs rate 9.40 ÷ USD customs rate 1,442.88 = USD 78.18.');
    expect(JSON.parse(JSON.stringify(u))).toEqual(read(u));
    // USD 99.5 × 1,442.88 = 143,566.56 → 143,566 won: two decimals, as before
    const d = renderReason(withUnits, 'GOODS_VALUE', ['USD', 99.5, '1,442.88', '2026-02-01', 143566]);
    expect(d.ko).toBe('물품가격 USD 99.50 (상품가+현지세금+현지운송료−할인+기타비용, 국제운송료 제외) × 과세환율 1,442.88 (2026-02-01 주) = 143,566원.');
    expect(d.en).toBe('Goods value USD 99.50 (price + local tax + local shipping − discount + other costs, international freight excluded) × customs rate 1,442.88 (week of 2026-02-01) = KRW 143,566.');
    expect(renderReason(withUnits, 'GOODS_VALUE', ['KWD', 12.34, '4,700.00', '2026-02-01', 57998]).en).toContain('KWD 12.340 ');
    expect(formatArg('GOODS_VALUE', 'amount', 12000, 'JPY', minorUnits)).toBe('12,000');
  });

  it('fall back to the code when a text is missing', () => {
    expect(renderReason(compileReasons({}), 'NEXT_PAY', [1, 2])).toEqual({ code: 'NEXT_PAY', ko: 'NEXT_PAY', en: 'NEXT_PAY', ref: '' });
  });
});

describe('the next steps of data/reasons.json, as a consumer reads them', () => {
  const all = JSON.parse(readFileSync(new URL('../../data/reasons.json', import.meta.url), 'utf8')) as Record<string, { ko: string; en: string; ref: string }>;

  it('every "pay" step says by when: within 15 days of 수리 (관세법 제9조), in both languages, citing it', () => {
    for (const code of ['NEXT_PAY', 'NEXT_PAY_BUSINESS', 'NEXT_PAY_QUANTITY', 'NEXT_PAY_LIQUOR', 'NEXT_PAY_OR_DISPUTE_COMBINATION']) {
      expect(all[code]!.ko, code).toContain('수리일부터 15일 이내에 납부');
      expect(all[code]!.en, code).toContain('within 15 days of acceptance of the import declaration');
      expect(all[code]!.ref, code).toContain('관세법 제9조');
    }
  });

  it('a hold the consignee cannot fix alone says who files the correction; the English says what the Korean says', () => {
    expect(all.NEXT_HOLD_LIQUOR_VOLUME!.ko).toContain('신고한 업체(판매자·배송대행지 또는 특송업체)가');
    expect(all.NEXT_HOLD_LIQUOR_VOLUME!.en).toContain('the business that filed the declaration (seller, forwarder or courier) must correct it');
    expect(all.NEXT_HOLD_QUANTITY!.ko).toContain('통관을 맡은 특송업체나 관세사를 통해');
    expect(all.NEXT_HOLD_QUANTITY!.en).toContain('through the courier or customs broker handling the clearance');
    // 처방전·소견서 in Korean: both in English.
    expect(all.NEXT_HOLD_QUANTITY!.en).toContain("prescription or medical note with customs");
    // 허가서를 세관에 제출: to customs in both.
    expect(all.NEXT_HOLD_PROHIBITED!.ko).toContain('허가서를 세관에 제출하면 통관됩니다');
    expect(all.NEXT_HOLD_PROHIBITED!.en).toContain('cleared once the permit is filed with customs');
  });
});
