import { describe, expect, it } from 'vitest';
import { fieldPlaces, suggestField } from './field-suggestion.ts';

describe('suggestField', () => {
  const orderApi = ['orderNo', 'platform', 'seller', 'buyerPccc', 'currency', 'amountPaid', 'orderedAt', 'items'];

  it("names the member of a synonym group that the object has (our declaration's purchasedAt is an order's orderedAt)", () => {
    expect(suggestField('purchasedAt', orderApi).hintEn).toBe(" Did you mean 'orderedAt'?");
    expect(suggestField('orderedAt', ['orderNo', 'purchasedAt', 'currency']).hintEn).toBe(" Did you mean 'purchasedAt'?");
    expect(suggestField('pccc', orderApi).hintKo).toBe(" 혹시 'buyerPccc'인가요?");
    expect(suggestField('total_paid', orderApi).hintEn).toBe(" Did you mean 'amountPaid'?");
  });

  it('gives no hint when two fields are equally close, or none is close', () => {
    // 'colour' is far from every field; 'nam' is one edit from both 'name' and 'nat'.
    expect(suggestField('colour', orderApi)).toEqual({ hintKo: '', hintEn: '' });
    expect(suggestField('nam', ['name', 'nat'])).toEqual({ hintKo: '', hintEn: '' });
  });

  it('knows where a field lives, but not a name used in several places', () => {
    const places = fieldPlaces({ properties: { a: { properties: { name: {}, x: {} } }, b: { properties: { name: {} } }, items: { items: { properties: { tax: {} } } } } });
    expect([...places]).toEqual([['a', 'a'], ['x', 'a.x'], ['b', 'b'], ['items', 'items'], ['tax', 'items[].tax']]);
    expect(suggestField('tax', ['a'], places).hintEn).toBe(' This field belongs in items[].tax.');
  });
});
