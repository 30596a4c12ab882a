import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvResultHeaders, declarationHref, FIRST_SEARCH_PAGE, mergeSearchPage, operatorViewOf, searchRequests, SEARCH_KINDS, type SearchCursor } from './operator-console.ts';
import { declarationFieldInWords } from '../../src/domain/declaration-field-labels.ts';

describe('the CSV result table’s headers', () => {
  it('are all in the page’s language: the ref column too, named as the CSV template names it', () => {
    // Before: "ref, 행, 결과, 통관, 낼 세금" and "ref, Lines, Outcome, Route, Taxes due".
    expect(csvResultHeaders('ko')).toEqual(['참조번호', '행', '결과', '통관', '낼 세금']);
    expect(csvResultHeaders('en')).toEqual(['Reference', 'Lines', 'Outcome', 'Route', 'Taxes due']);
  });
});

describe('a field error’s path in words', () => {
  it('names an item by its place, counted from 1, and the field as the CSV template does', () => {
    expect(declarationFieldInWords('items[0].price')).toEqual({ ko: '1번 물품 단가', en: 'Item 1 unit price' });
    expect(declarationFieldInWords('items[2].description')).toEqual({ ko: '3번 물품 품명', en: 'Item 3 description' });
    expect(declarationFieldInWords('items[1].hsCode')).toEqual({ ko: '2번 물품 HS 부호', en: 'Item 2 HS code' });
    expect(declarationFieldInWords('items[4]')).toEqual({ ko: '5번 물품', en: 'Item 5' });
    expect(declarationFieldInWords('consignee.pccc')).toEqual({ ko: '개인통관고유부호', en: 'Consignee PCCC' });
    expect(declarationFieldInWords('parties.seller.name')).toEqual({ ko: '판매자 이름', en: 'Seller name' });
  });

  it('has no words for the root or an unknown field: the path is shown alone', () => {
    expect(declarationFieldInWords('')).toBeNull();
    expect(declarationFieldInWords('shipment.prise')).toBeNull();
    expect(declarationFieldInWords('items[0].prise')).toBeNull();
  });
});

describe('a declaration’s address in the console', () => {
  it('opens the declarations tab with the declaration', () => {
    expect(declarationHref(2873)).toBe('/operator?tab=declarations&declaration=2873');
    expect(operatorViewOf(new URL(`http://x${declarationHref(2873)}`).searchParams)).toEqual({ tab: 'declarations', declaration: 2873 });
  });

  it('opens the first tab for an address that asks for none or for an unknown one, and no declaration for a bad id', () => {
    expect(operatorViewOf(new URLSearchParams(''))).toEqual({ tab: 'keys', declaration: null });
    expect(operatorViewOf(new URLSearchParams('tab=admin&declaration=-3'))).toEqual({ tab: 'keys', declaration: null });
    expect(operatorViewOf(new URLSearchParams('tab=taxes&declaration=1e400'))).toEqual({ tab: 'taxes', declaration: null });
  });
});

describe('the search’s pages', () => {
  const rows = (...ids: number[]) => ids.map((id) => ({ id }));

  it('pages a master B/L of 120 parcels as 50, 50 and 20, the exact lookups read once', () => {
    const q = '988-77770000';
    // Page 1: all three lookups from their start.
    expect(searchRequests(q, FIRST_SEARCH_PAGE, 50).map((r) => r.path)).toEqual([
      '/api/v1/declarations?limit=50&after=0&cargoNo=988-77770000',
      '/api/v1/declarations?limit=50&after=0&ref=988-77770000',
      '/api/v1/declarations?limit=50&after=0&blNo=988-77770000',
    ]);
    const ids = Array.from({ length: 120 }, (_, i) => 1001 + i);
    const p1 = mergeSearchPage([
      { kind: 'cargoNo', declarations: [], next: null },
      { kind: 'ref', declarations: [], next: null },
      { kind: 'blNo', declarations: rows(...ids.slice(0, 50)), next: 1050 },
    ]);
    expect(p1.declarations).toHaveLength(50);
    expect(p1.next).toEqual({ cargoNo: null, ref: null, blNo: 1050 });
    // Page 2: only the B/L lookup, after id 1050.
    expect(searchRequests(q, p1.next!, 50).map((r) => r.path)).toEqual(['/api/v1/declarations?limit=50&after=1050&blNo=988-77770000']);
    const p2 = mergeSearchPage([{ kind: 'blNo', declarations: rows(...ids.slice(50, 100)), next: 1100 }]);
    expect(p2.next).toEqual({ cargoNo: null, ref: null, blNo: 1100 });
    const p3 = mergeSearchPage([{ kind: 'blNo', declarations: rows(...ids.slice(100)), next: null }]);
    expect(p3.declarations).toHaveLength(20);
    expect(p3.next).toBeNull();
  });

  it('lists a declaration found by two lookups once (its ref reads as a B/L too)', () => {
    const page = mergeSearchPage([
      { kind: 'cargoNo', declarations: [], next: null },
      { kind: 'ref', declarations: rows(7), next: null },
      { kind: 'blNo', declarations: rows(7, 8), next: null },
    ]);
    expect(page.declarations.map((d) => d.id)).toEqual([7, 8]);
    expect(page.next).toBeNull();
  });

  it('never asks again a lookup read to its end, and ends when all are', () => {
    const kindCursor = fc.oneof(fc.constant(null), fc.nat({ max: 10_000 }));
    fc.assert(
      fc.property(fc.record({ cargoNo: kindCursor, ref: kindCursor, blNo: kindCursor }), (cursor: SearchCursor) => {
        const asked = searchRequests('x', cursor, 50).map((r) => r.kind);
        expect(asked).toEqual(SEARCH_KINDS.filter((k) => cursor[k] !== null));
        const page = mergeSearchPage(asked.map((kind) => ({ kind, declarations: [], next: null })));
        expect(page.next).toBeNull();
      }),
    );
  });
});
