import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson, lookupViewOf, type LookupEvent, type LookupSource } from './lookup-view.ts';

const ASCII = /^[\x00-\x7f]*$/;

describe('asciiJson', () => {
  it('writes Hangul, other non-ASCII characters and surrogate pairs as \\u escapes', () => {
    // 통 is U+D1B5, é U+00E9, 😀 U+1F600 = the pair D83D DE00; ASCII and JSON's own escapes stay as they are.
    expect(asciiJson(JSON.stringify({ s: '통관 é 😀', q: 'a"b\n' }))).toBe('{"s":"\\ud1b5\\uad00 \\u00e9 \\ud83d\\ude00","q":"a\\"b\\n"}');
  });

  it('leaves ASCII text unchanged', () => {
    const json = JSON.stringify({ cargoNo: '26TGW0000001855', n: 3 });
    expect(asciiJson(json)).toBe(json);
  });

  it('gives ASCII text that parses to the same value as the JSON it was given', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), (v) => {
        const json = JSON.stringify(v);
        const ascii = asciiJson(json);
        expect(ascii).toMatch(ASCII);
        expect(JSON.parse(ascii)).toStrictEqual(JSON.parse(json));
      }),
    );
  });
});

describe('lookupViewOf: hold reason and timeline as the public and the consumer see them', () => {
  const held = {
    cargoNo: '26TGW0000000803',
    status: 'held',
    route: 'general',
    hblNo: 'LT2610270000698',
    mblNo: null,
    blYear: '2026',
    declaredAt: '2026-10-27',
    declaration: { items: [{ description: '헤드폰 Sony WH-1000XM5' }] },
    assessment: { taxes: null },
  } as unknown as LookupSource;
  const hold: LookupEvent = {
    type: 'HOLD',
    nameKo: '통관보류',
    occurredAt: '2026-10-27T15:30:00.000Z',
    reason: '자가사용 인정기준 초과 여부 확인 중입니다.',
    detail: { officer: 'kim.officer', reasonEn: 'Checking whether self-use quantity limits are exceeded.' },
    statusAfter: 'held',
  };

  it('gives the English hold reason in English (from the hold reason, else from the HOLD event of a hold stored without it)', () => {
    const stored = lookupViewOf({ ...held, holdReason: { source: 'officer', reason: hold.reason, reasonEn: 'Proof needed', at: hold.occurredAt } }, [hold]);
    expect(stored.hold).toMatchObject({ ko: hold.reason, en: 'Proof needed' });
    const older = lookupViewOf({ ...held, holdReason: { source: 'officer', reason: hold.reason, at: hold.occurredAt } }, [hold]);
    expect(older.hold).toMatchObject({ ko: hold.reason, en: 'Checking whether self-use quantity limits are exceeded.' });
  });

  it('leaves the deciding officer’s username out of the timeline', () => {
    const v = lookupViewOf({ ...held, holdReason: { source: 'officer', reason: hold.reason, at: hold.occurredAt } }, [hold, { ...hold, type: 'HOLD_RELEASED', detail: { officer: 'kim.officer' } }]);
    expect(v.timeline.map((e) => e.detail)).toEqual([{ reasonEn: 'Checking whether self-use quantity limits are exceeded.' }, null]);
    expect(JSON.stringify(v)).not.toContain('kim.officer');
  });
});

describe('lookupViewOf: taxes due', () => {
  // Taxable value KRW 500,000 at 8 % duty: duty 40,000; VAT 10 % × (500,000 + 40,000) = 54,000;
  // total 94,000, over the KRW 10,000 minimum, so collected.
  const taxes = { dutyKrw: 40_000, vatKrw: 54_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, totalKrw: 94_000, collected: true };
  const parcel = {
    cargoNo: '26TGW0000000901',
    route: 'general',
    hblNo: 'LT2610270000901',
    mblNo: null,
    blYear: '2026',
    declaredAt: '2026-10-27',
    holdReason: null,
    declaration: { items: [{ description: '노트북 Lenovo ThinkPad X1' }] },
    assessment: { taxes },
  } as unknown as LookupSource;

  it('owes the assessed total while the parcel can still be imported', () => {
    expect(lookupViewOf({ ...parcel, status: 'under_review' }, []).taxes).toMatchObject({ dueKrw: 94_000, collected: true });
  });

  it('owes nothing once clearance is refused or the declaration withdrawn (not imported), keeping the assessed lines', () => {
    for (const status of ['rejected', 'withdrawn'] as const) {
      expect(lookupViewOf({ ...parcel, status }, []).taxes, status).toEqual({ dueKrw: 0, collected: true, dutyKrw: 40_000, vatKrw: 54_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0 });
    }
  });
});
