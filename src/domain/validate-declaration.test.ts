import { describe, expect, it } from 'vitest';
import { assessBatch } from './assess.ts';
import { describesGoods, minLengthsAtMostOne, toFieldPath, validateDeclaration } from './validate-declaration.ts';
import { DeclarationSchema } from './declaration-schema.ts';
import { fixtureReference as ref, sampleDeclaration } from '../../test/fixtures/fixture-reference.ts';
import { referenceFiles } from '../../test/support/reference.ts';
import { compileReference } from './reference/compile-reference.ts';

const errorsOf = (overrides: Record<string, unknown>) => validateDeclaration(sampleDeclaration(overrides), ref);
const item = (o: Record<string, unknown>) => ({ description: '티셔츠 Nike Dri-FIT', hsCode: '6109', quantity: 1, price: 10, ...o });
const pathsAndCodes = (overrides: Record<string, unknown>) => errorsOf(overrides).map((e) => `${e.path}:${e.code}`);

describe('validation', () => {
  it('accepts the sample declaration', () => {
    expect(errorsOf({})).toEqual([]);
  });

  it.each([
    ['P12345678901', 'too short'],
    ['P1234567890123', 'too long'],
    ['p123456789012', 'lower-case p'],
    ['X123456789012', 'wrong letter'],
    ['P12345678901A', 'a letter among the digits'],
    ['123456789012', 'no P'],
  ])('refuses the PCCC %s (%s)', (pccc) => {
    const errors = errorsOf({ consignee: { name: '김민지', pccc, phone: '01012345678', postcode: '06236', address: '서울' } });
    expect(errors.map((e) => e.path)).toEqual(['consignee.pccc']);
    expect(errors[0]).toMatchObject({ code: 'pccc_invalid' });
    expect(errors[0]!.ko).toContain('P');
    expect(errors[0]!.en).toContain('12 digits');
  });

  it.each(['0', '123', 'A', 'AAA BB', '1, 11', '...', '상품', 'item', 'A1 B2'])('refuses the uninformative description "%s"', (description) => {
    expect(pathsAndCodes({ items: [item({}), item({}), item({ description })] })).toEqual(['items[2].description:description_uninformative']);
  });

  it('refuses numbers JSON.parse made infinite (1e999) at their paths, and the batch goes on', () => {
    const text = JSON.stringify({ declarations: [sampleDeclaration({ ref: 'inf', items: [item({ price: 7, quantity: 8 })] }), sampleDeclaration({ ref: 'ok' })] })
      .replace('"price":7', '"price":1e999')
      .replace('"quantity":8', '"quantity":-1e999');
    const [bad, good] = assessBatch(JSON.parse(text).declarations, ref);
    expect(bad!.status).toBe('rejected');
    expect(bad!.errors.map((e) => `${e.path}:${e.code}`)).toEqual(['items[0].quantity:number_not_finite', 'items[0].price:number_not_finite']);
    expect(bad!.errors[0]!.en).toContain('1e999');
    expect(good!.status).toBe('assessed');
    const weight = JSON.parse(JSON.stringify(sampleDeclaration()).replace(/"grossWeightKg":[\d.]+/, '"grossWeightKg":1e999'));
    expect(validateDeclaration(weight, ref).map((e) => `${e.path}:${e.code}`)).toEqual(['shipment.grossWeightKg:number_not_finite']);
  });

  it('refuses an empty description with its own code', () => {
    expect(pathsAndCodes({ items: [item({ description: '  ' })] })).toEqual(['items[0].description:description_missing']);
  });

  it.each(['티셔츠 Nike Dri-FIT', 'T-shirt Nike', "Men's cotton shirt", '비타민C 고려은단', 'iPhone case Spigen'])('accepts "%s"', (d) => {
    expect(describesGoods(d)).toBe(true);
  });

  it('refuses missing, zero, negative and fractional counts', () => {
    const { quantity: _q, ...noQuantity } = item({});
    expect(pathsAndCodes({ items: [noQuantity] })).toEqual(['items[0].quantity:required']);
    expect(pathsAndCodes({ items: [item({ quantity: 0 })] })).toEqual(['items[0].quantity:quantity_not_positive']);
    expect(pathsAndCodes({ items: [item({ quantity: -2 })] })).toEqual(['items[0].quantity:quantity_not_positive']);
    expect(pathsAndCodes({ items: [item({ quantity: 1.5 })] })).toEqual(['items[0].quantity:quantity_not_integer']);
    expect(pathsAndCodes({ items: [item({ quantity: 1.5, unit: 'kg' })] })).toEqual([]);
  });

  it('a quantity or a weight out of range is said as one, not as an amount of money', () => {
    const [quantity] = errorsOf({ items: [item({ quantity: 1e15 })] });
    expect([quantity!.code, quantity!.ko, quantity!.en]).toEqual(['quantity_too_large', '수량이 허용 범위를 넘습니다 (최대 1000000).', 'The quantity is out of range (at most 1000000).']);
    const weight = errorsOf({ shipment: { ...(sampleDeclaration().shipment as object), grossWeightKg: 1e6 } }).find((e) => e.path === 'shipment.grossWeightKg');
    expect([weight!.code, weight!.en]).toEqual(['weight_too_large', 'The weight is out of range (at most 100000 kg).']);
  });

  it('refuses negative amounts and a discount larger than the line', () => {
    expect(pathsAndCodes({ items: [item({ price: -1 })] })).toEqual(['items[0].price:amount_negative']);
    expect(pathsAndCodes({ items: [item({ localShipping: -5 })] })).toEqual(['items[0].localShipping:amount_negative']);
    expect(pathsAndCodes({ items: [item({ price: 10, discount: 11 })] })).toEqual(['items[0].discount:discount_exceeds_value']);
    expect(pathsAndCodes({ items: [item({ price: 0 })] })).toEqual([]);
  });

  it('refuses unknown ISO currency and country codes', () => {
    expect(pathsAndCodes({ order: { currency: 'XYZ' } })).toEqual(['order.currency:currency_unknown']);
    expect(pathsAndCodes({ order: { currency: 'US' } })).toEqual(['order.currency:bad_format']);
    expect(pathsAndCodes({ shipment: { mode: 'express', shipFrom: 'XX', grossWeightKg: 1 } })).toEqual(['shipment.shipFrom:country_unknown']);
    expect(pathsAndCodes({ items: [item({ originCountry: 'ZZ' })] })).toEqual(['items[0].originCountry:country_unknown']);
  });

  it('refuses a known currency without a customs rate in the week', () => {
    expect(pathsAndCodes({ order: { currency: 'THB' } })).toEqual(['order.currency:exchange_rate_missing']);
  });

  it('refuses impossible dates and a purchase after the declaration', () => {
    expect(pathsAndCodes({ declaredAt: '2026-02-30' })).toEqual(['declaredAt:invalid_date']);
    expect(pathsAndCodes({ declaredAt: '2026-13-01' })).toEqual(['declaredAt:invalid_date']);
    expect(pathsAndCodes({ declaredAt: '04/03/2026' })).toEqual(['declaredAt:bad_format']);
    expect(pathsAndCodes({ order: { currency: 'USD', purchasedAt: '2026-03-05' } })).toEqual(['order.purchasedAt:date_after_declaration']);
    expect(pathsAndCodes({ shipment: { mode: 'express', shipFrom: 'US', grossWeightKg: 1, arrivalDate: '2025-02-29' } })).toEqual(['shipment.arrivalDate:invalid_date']);
  });

  it('refuses a ref of spaces only (it would name nothing to find the declaration by), keeping a ref with spaces around a name', () => {
    expect(pathsAndCodes({ ref: '   ' })).toEqual(['ref:too_short']);
    expect(pathsAndCodes({ ref: ' A-1 ' })).toEqual([]);
  });

  it('refuses an empty item list', () => {
    expect(pathsAndCodes({ items: [] })).toEqual(['items:items_empty']);
  });

  it('refuses unknown fields, naming them', () => {
    expect(pathsAndCodes({ colour: 'red' })).toEqual(['colour:unknown_field']);
    expect(pathsAndCodes({ items: [item({ colour: 'red' })] })).toEqual(['items[0].colour:unknown_field']);
  });

  it('says which field a misnamed one most likely meant, or where it belongs', () => {
    const hints = (overrides: Record<string, unknown>) => errorsOf(overrides).filter((e) => e.code === 'unknown_field').map((e) => `${e.path}: ${e.en}`);
    // Other systems' names (alias), a case slip, a typo (edit distance 1), and nothing for a field we do not have.
    expect(hints({ items: [item({ unitPrice: 10, origin: 'US', HsCode: '6109', descripton: 'x', colour: 'red' })] })).toEqual([
      "items[0].unitPrice: Unknown field: check its spelling. Did you mean 'price'?",
      "items[0].origin: Unknown field: check its spelling. Did you mean 'originCountry'?",
      "items[0].HsCode: Unknown field: check its spelling. Did you mean 'hsCode'?",
      "items[0].descripton: Unknown field: check its spelling. Did you mean 'description'?",
      'items[0].colour: Unknown field: check its spelling.',
    ]);
    // An item's local tax put on the order (seed 002 counts it per item): where it belongs, in Korean too.
    const onOrder = errorsOf({ order: { orderNo: 'A-1', purchasedAt: '2026-01-01', currency: 'USD', localTax: 3 } }).find((e) => e.path === 'order.localTax')!;
    expect(onOrder.ko).toBe('정의되지 않은 항목입니다. 철자를 확인하세요. 이 항목은 items[].localTax에 적습니다.');
    expect(onOrder.en).toBe('Unknown field: check its spelling. This field belongs in items[].localTax.');
    // `name` lives in several places (parties, consignee): no guess where it belongs.
    expect(hints({ shipment: { mode: 'express', shipFrom: 'US', grossWeightKg: 1, name: 'x' } })).toEqual(['shipment.name: Unknown field: check its spelling.']);
  });

  it('refuses wrong types and values outside an enumeration', () => {
    expect(pathsAndCodes({ items: [item({ price: '10' })] })).toEqual(['items[0].price:wrong_type']);
    expect(pathsAndCodes({ shipment: { mode: 'drone', shipFrom: 'US', grossWeightKg: 1 } })).toEqual(['shipment.mode:not_allowed_value']);
  });

  it('needs an HS code or a category, and knows both', () => {
    expect(pathsAndCodes({ items: [{ description: '티셔츠 Nike', quantity: 1, price: 1 }] })).toEqual(['items[0].hsCode:classification_missing']);
    expect(pathsAndCodes({ items: [item({ hsCode: '610' })] })).toEqual(['items[0].hsCode:hs_invalid']);
    expect(pathsAndCodes({ items: [item({ hsCode: '6109999999' })] })).toEqual(['items[0].hsCode:hs_unknown']);
    expect(pathsAndCodes({ items: [{ description: '티셔츠 Nike', category: 'spaceship', quantity: 1, price: 1 }] })).toEqual(['items[0].category:category_unknown']);
  });

  it('an unknown category names the one it most likely meant, and where the codes are listed (data/categories.json)', async () => {
    const real = compileReference(await referenceFiles());
    const errorOf = (category: string) => validateDeclaration(sampleDeclaration({ declaredAt: '2026-11-20', items: [{ description: '비타민 Nature Made D3', category, quantity: 1, price: 1 }] }), real)[0]!;
    const plural = errorOf('supplements');
    expect(plural).toMatchObject({ path: 'items[0].category', code: 'category_unknown' });
    expect(plural.ko).toBe("알 수 없는 품목 분류입니다: supplements. 혹시 'supplement'(건강기능식품)인가요? 분류 코드 목록: GET /api/v1/reference/categories");
    expect(plural.en).toMatch(/^Unknown category: supplements\. Did you mean 'supplement' \(.+\)\? The codes: GET \/api\/v1\/reference\/categories$/);
    expect(errorOf('건강기능식품').ko).toContain("혹시 'supplement'(건강기능식품)인가요?");
    expect(errorOf('spaceship').ko).toBe('알 수 없는 품목 분류입니다: spaceship. 분류 코드 목록: GET /api/v1/reference/categories');
  });

  it('a missing classification names the category the description names, if exactly one, and where the codes are listed', async () => {
    const real = compileReference(await referenceFiles());
    const errorOf = (description: string) => validateDeclaration(sampleDeclaration({ declaredAt: '2026-11-20', items: [{ description, quantity: 1, price: 1 }] }), real)[0]!;
    const perfume = errorOf('향수 Chanel No.5 EDP 100ml');
    expect(perfume).toMatchObject({ path: 'items[0].hsCode', code: 'classification_missing' });
    expect(perfume.ko).toBe("HS 부호(hsCode) 또는 품목 분류(category) 중 하나는 있어야 합니다. 품명으로 보아 'perfume'(향수, HS 3303)일 수 있습니다. 분류 코드 목록: GET /api/v1/reference/categories");
    expect(perfume.en).toBe("Give either an HS code (hsCode) or a category. From the description it may be 'perfume' (Perfume, HS 3303). The codes: GET /api/v1/reference/categories");
    // the longer name wins over the word inside it: a phone case, not a phone
    expect(errorOf('휴대폰 케이스 Spigen Ultra Hybrid').ko).toContain("'phone-case'");
    // no category named, or two: no hint
    expect(errorOf('티셔츠 Uniqlo Airism').ko).toBe('HS 부호(hsCode) 또는 품목 분류(category) 중 하나는 있어야 합니다. 분류 코드 목록: GET /api/v1/reference/categories');
    expect(errorOf('향수 와인 gift set').ko).not.toContain('품명으로 보아');
  });

  it('an HS code not in the HSK lists the codes of its subheading with their names (data/hs)', async () => {
    const real = compileReference(await referenceFiles());
    const errorOf = (hsCode: string) => validateDeclaration(sampleDeclaration({ declaredAt: '2026-11-20', items: [{ description: '티셔츠 Nike Dri-FIT', hsCode, quantity: 1, price: 1 }] }), real)[0]!;
    // 6109.10 holds 6109101000 (티셔츠) and 6109109000 (기타); nothing starts with 61091000
    const tshirt = errorOf('6109100000');
    expect(tshirt).toMatchObject({ path: 'items[0].hsCode', code: 'hs_unknown' });
    expect(tshirt.ko).toContain('6109100000. 앞 6자리가 같은 부호: 6109101000 티셔츠; 6109109000 기타.');
    expect(tshirt.en).toContain('Codes with the same first 6 digits: 6109101000 T-shirts; 6109109000 Other.');
    // 4202.21 (handbags, outer surface of leather) holds more than five codes
    expect(errorOf('4202210000').ko).toMatch(/앞 6자리가 같은 부호: 4202211010 [^;]+(; 42022\d{5} [^;]+){4} 외 \d+개\./);
    expect(errorOf('0000000000').ko).toBe('HSK 품목번호표에 없는 부호입니다: 0000000000. 부호 검색: UNI-PASS API018 (GET /ext/rest/hsSgnQry/searchHsSgn)');
  });

  it('requires the e-commerce type from 2022-11-01 only (rule history)', () => {
    const { ecommerceType: _e, ...without } = sampleDeclaration({ declaredAt: '2022-10-26', order: { currency: 'USD', purchasedAt: '2022-10-20' } });
    expect(validateDeclaration(without, ref)).toEqual([]);
    expect(validateDeclaration({ ...without, declaredAt: '2022-11-16' }, ref).map((e) => e.code)).toEqual(['ecommerce_type_required']);
  });

  it('refuses dates with no reference data', () => {
    expect(pathsAndCodes({ declaredAt: '2010-01-05', order: { currency: 'USD', purchasedAt: '2010-01-01' } })).toEqual(['declaredAt:reference_data_missing']);
  });

  it('never throws on malformed input, and every error has path, code, ko and en', () => {
    const junk: unknown[] = [null, 42, 'text', [], {}, { items: 'x' }, { items: [null, 3] }, { consignee: [] }, { shipment: { grossWeightKg: -1 } }];
    for (const j of junk) {
      const errors = validateDeclaration(j, ref);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(Object.keys(e).sort()).toEqual(['code', 'en', 'ko', 'path']);
    }
  });

  it('one bad declaration does not stop the others in a batch', () => {
    const out = assessBatch([sampleDeclaration({ ref: 'good-1' }), { ref: 'bad', items: [] }, null, sampleDeclaration({ ref: 'good-2' })], ref);
    expect(out.map((a) => [a.ref, a.status])).toEqual([
      ['good-1', 'assessed'],
      ['bad', 'rejected'],
      ['', 'rejected'],
      ['good-2', 'assessed'],
    ]);
  });

  it('counts lengths in characters: 200 emoji are a name of 200 (400 UTF-16 units), 201 are too long', () => {
    // The first pass counts UTF-16 units and refuses both; the full check counts characters and keeps 200.
    const consignee = (name: string) => ({ consignee: { name, pccc: 'P123456789012', phone: '01012345678', postcode: '06236', address: '서울' } });
    expect(errorsOf(consignee('😀'.repeat(200)))).toEqual([]);
    expect(pathsAndCodes(consignee('😀'.repeat(201)))).toEqual(['consignee.name:too_long']);
    expect(pathsAndCodes(consignee(''))).toEqual(['consignee.name:too_short']);
  });

  it('the first pass is sound only while every minLength is 0 or 1 (one UTF-16 unit is one character or more)', () => {
    expect(minLengthsAtMostOne(DeclarationSchema)).toBe(true);
    expect(minLengthsAtMostOne({ properties: { a: { type: 'string', minLength: 2 } } })).toBe(false);
  });

  it('writes JSON pointers as field paths', () => {
    expect(toFieldPath('/items/2/description')).toBe('items[2].description');
    expect(toFieldPath('/consignee', 'pccc')).toBe('consignee.pccc');
    expect(toFieldPath('', 'ref')).toBe('ref');
  });
});
