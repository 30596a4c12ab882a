import { describe, expect, it } from 'vitest';
import { parseCsvTable } from './read-csv-table.ts';
import { columnMeant, DECLARATION_CSV_COLUMNS, declarationCsvHeader, declarationsFromTable } from './declarations-from-table.ts';

function fromCsv(text: string) {
  const t = parseCsvTable(text);
  if (!t.ok) throw new Error(t.en);
  return declarationsFromTable(t.table);
}

const HEADER = 'ref,declaredAt,shipment.mode,shipment.shipFrom,shipment.grossWeightKg,consignee.name,consignee.pccc,consignee.phone,consignee.postcode,consignee.address,order.currency,items.description,items.category,items.quantity,items.price,items.gift';

describe('declarations from a spreadsheet (one row per item)', () => {
  it('groups the rows of one ref into one declaration, items in row order, declarations in order of first appearance', () => {
    const r = fromCsv(
      [
        HEADER,
        'A-1,2026-11-20,express,US,1.5,홍길동,P123456789012,010-1234-5678,06236,서울 강남구,USD,티셔츠 Nike Dri-FIT,clothing,2,"1,234.50",',
        'B-1,2026-11-20,postal,CN,0.4,김철수,P123456789013,010-2222-3333,04524,서울 중구,CNY,양말 Uniqlo Airism,socks,3,39,no',
        // the declaration's own cells left empty on its second row, or repeated alike
        'A-1,,,,,,P123456789012,,,,,모자 New Era 9FORTY,clothing,1,25,예',
      ].join('\n'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lines).toEqual([[2, 4], [3]]);
    expect(r.itemLines).toEqual([[2, 4], [3]]); // A-1's items[1] (the cap) from line 4
    expect(r.declarations).toEqual([
      {
        ref: 'A-1',
        declaredAt: '2026-11-20',
        shipment: { mode: 'express', shipFrom: 'US', grossWeightKg: 1.5 },
        consignee: { name: '홍길동', pccc: 'P123456789012', phone: '010-1234-5678', postcode: '06236', address: '서울 강남구' },
        order: { currency: 'USD' },
        items: [
          { description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 2, price: 1234.5 }, // "1,234.50": thousands separator read
          { description: '모자 New Era 9FORTY', category: 'clothing', quantity: 1, price: 25, gift: true }, // 예 = yes
        ],
      },
      {
        ref: 'B-1',
        declaredAt: '2026-11-20',
        shipment: { mode: 'postal', shipFrom: 'CN', grossWeightKg: 0.4 },
        consignee: { name: '김철수', pccc: 'P123456789013', phone: '010-2222-3333', postcode: '04524', address: '서울 중구' },
        order: { currency: 'CNY' },
        items: [{ description: '양말 Uniqlo Airism', category: 'socks', quantity: 3, price: 39, gift: false }],
      },
    ]);
  });

  it('keeps a cell that is not a number as text, so validation names the field, not the file', () => {
    const r = fromCsv([HEADER, 'A-1,2026-11-20,express,US,heavy,홍길동,P123456789012,010,06236,서울,USD,티셔츠 Nike Dri-FIT,clothing,two,12.5.1,maybe'].join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.declarations[0]!.shipment).toEqual({ mode: 'express', shipFrom: 'US', grossWeightKg: 'heavy' });
    expect(r.declarations[0]!.items).toEqual([{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 'two', price: '12.5.1', gift: 'maybe' }]);
  });

  it('refuses the file when two rows of one ref disagree on a declaration field, naming both lines', () => {
    const r = fromCsv([HEADER, 'A-1,2026-11-20,express,US,1,홍길동,P123456789012,010,06236,서울,USD,티셔츠 Nike,clothing,1,10,', 'A-1,,,,,,P999999999999,,,,,양말 Nike,socks,1,5,'].join('\n'));
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          line: 3,
          column: 'consignee.pccc',
          code: 'rows_disagree',
          ko: 'ref A-1의 consignee.pccc이(가) 2행("P123456789012")과 다릅니다("P999999999999"): 한 신고의 행은 신고 항목이 같거나 비어 있어야 합니다.',
          en: 'consignee.pccc of ref A-1 differs from line 2 ("P123456789012" against "P999999999999"): the rows of one declaration repeat its fields or leave them empty.',
        },
      ],
    });
  });

  it('refuses unknown and repeated columns, with the column meant when one is clear, and a file without ref', () => {
    const r = fromCsv('ref,items.prise,consignee.pccc,consignee.pccc,weight\nA-1,1,P123456789012,P123456789012,2');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([
      [1, 'items.prise'],
      [1, 'consignee.pccc'],
      [1, 'weight'],
    ]);
    expect(r.problems[0]!.en).toContain("Did you mean 'items.price'?");
    expect(r.problems[2]!.en).toContain("Did you mean 'shipment.grossWeightKg'?"); // weight: a synonym (field-suggestion.ts)
    const noRef = fromCsv('declaredAt,items.price\n2026-11-20,1');
    expect(noRef.ok).toBe(false);
    if (!noRef.ok) expect(noRef.problems[0]).toMatchObject({ line: 1, column: 'ref' });
  });

  it('names the column meant: a path without its prefix, a synonym, a slip; none when several fit', () => {
    expect(columnMeant('pccc')).toBe('consignee.pccc');
    expect(columnMeant('price')).toBe('items.price');
    expect(columnMeant('unitPrice')).toBe('items.price');
    expect(columnMeant('hawb')).toBe('shipment.hblNo');
    expect(columnMeant('consignee.pcc')).toBe('consignee.pccc');
    expect(columnMeant('name')).toBeNull(); // a party's or the consignee's
    expect(columnMeant('colour')).toBeNull();
  });

  it("gives the line of each item: a row of the declaration's fields only adds no item, so items[i] is not the i-th row", () => {
    // A-1 on lines 2 (its fields only), 3 and 4 (an item each): items[0] from line 3, items[1] from line 4.
    const r = fromCsv(
      [
        HEADER,
        'A-1,2026-11-20,express,US,1.5,홍길동,P123456789012,010-1234-5678,06236,서울 강남구,USD,,,,,',
        'A-1,,,,,,,,,,,티셔츠 Nike Dri-FIT,clothing,2,10,',
        'A-1,,,,,,,,,,,x,clothing,1,5,',
      ].join('\n'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lines).toEqual([[2, 3, 4]]);
    expect(r.itemLines).toEqual([[3, 4]]);
    expect((r.declarations[0]!.items as unknown[]).length).toBe(2);
  });

  it('refuses a row without its ref; skips a row with no cell at all', () => {
    const r = fromCsv([HEADER, ',2026-11-20,express,US,1,홍길동,P123456789012,010,06236,서울,USD,티셔츠 Nike,clothing,1,10,'].join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toMatchObject([{ line: 2, column: 'ref' }]);
    const blank = fromCsv([HEADER, ',,,,,,,,,,,,,,,', 'A-1,2026-11-20,express,US,1,홍길동,P123456789012,010,06236,서울,USD,티셔츠 Nike,clothing,1,10,'].join('\n'));
    expect(blank.ok && blank.lines).toEqual([[3]]);
  });

  it('reads a header named for people, "참조번호 (ref)" by the path in its last brackets, "품명" by its label (the template in Korean or English)', () => {
    const ko = declarationCsvHeader('ko');
    expect(ko.slice(0, 2)).toEqual(['참조번호 (ref)', '신고일 (declaredAt)']);
    expect(ko).toContain('총중량(kg) (shipment.grossWeightKg)');
    expect(ko).toContain('판매자 이름 (parties.seller.name)');
    expect(declarationCsvHeader('en')).toContain('Consignee PCCC (consignee.pccc)');
    expect(declarationCsvHeader(null)).toEqual(DECLARATION_CSV_COLUMNS);
    const r = fromCsv('참조번호 (ref),총중량(kg) (shipment.grossWeightKg),품명 (items.description),Unit price (items.price)\nA-1,1.5,티셔츠 Nike,10');
    expect(r.ok && r.declarations).toEqual([{ ref: 'A-1', shipment: { grossWeightKg: 1.5 }, items: [{ description: '티셔츠 Nike', price: 10 }] }]);
    // a header of the labels alone, as a Korean spreadsheet names its columns (the labels are all distinct)
    const plain = fromCsv('참조번호,품명,단가,수량,개인통관고유부호\nA-1,티셔츠 Nike,10,2,P123456789012');
    expect(plain.ok && plain.declarations).toEqual([{ ref: 'A-1', consignee: { pccc: 'P123456789012' }, items: [{ description: '티셔츠 Nike', price: 10, quantity: 2 }] }]);
    // brackets that hold no column are part of an unknown name
    const bad = fromCsv('ref,무게 (kg)\nA-1,1');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ line: 1, column: '무게 (kg)' });
  });

  it('offers every field of the declaration schema as a column, in the schema order', () => {
    expect(DECLARATION_CSV_COLUMNS.slice(0, 4)).toEqual(['ref', 'declaredAt', 'ecommerceType', 'purpose']);
    expect(DECLARATION_CSV_COLUMNS).toContain('parties.seller.name');
    expect(DECLARATION_CSV_COLUMNS).toContain('items.hsCode');
    expect(DECLARATION_CSV_COLUMNS).toContain('fta.proof');
  });
});
