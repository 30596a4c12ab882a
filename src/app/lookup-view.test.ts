import fc from 'fast-check';
import type { TaxNotice } from '../domain/tax-notice.ts';
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

describe('lookupViewOf: the next action, as a consumer reading it needs it', () => {
  const taxes = { dutyKrw: 40_000, vatKrw: 54_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, totalKrw: 94_000, collected: true };
  const none = { dutyKrw: 0, vatKrw: 0, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, totalKrw: 0, collected: false };
  const parcel = {
    cargoNo: '26TGW0000003002',
    route: 'general',
    hblNo: 'LT26AUD1',
    mblNo: null,
    blYear: '2026',
    declaredAt: '2026-12-04',
    holdReason: null,
    declaration: { items: [{ description: '맥주 Guinness Draught 캔' }] },
    assessment: { taxes },
  } as unknown as LookupSource;
  // As the engine stores an engine hold: every reason of the assessment, the combined taxation's
  // with the refs of the other declarations of the group.
  const engineHold = {
    source: 'engine',
    reasons: [
      { code: 'ROUTE_HOLD', ko: '결과: 통관보류.', en: 'Outcome: held.', ref: '' },
      { code: 'HOLD_LIQUOR_VOLUME', ko: '통관보류: 용량이 없습니다.', en: 'Held: no volume.', ref: '' },
      { code: 'COMBINED_OVER_DE_MINIMIS', ko: '합산과세: 함께 합산한 신고 AUDIT-pay1, AUDIT-prohib1까지 더한 물품가격', en: 'Combined taxation: together with AUDIT-pay1', ref: '' },
      { code: 'TAX_TOTAL', ko: '세금 합계 21,020원', en: 'Taxes in all: KRW 21,020', ref: '' },
      { code: 'NEXT_HOLD_LIQUOR_VOLUME', ko: '다음 할 일: 1번 물품에 용량을 적어 신고를 정정하세요.', en: 'Next: correct the declaration with the volume of item 1.', ref: '' },
    ],
  };

  it("an engine hold: the hold's reasons only (not the other declarations' refs), and the engine's own next step, not the generic one", () => {
    const v = lookupViewOf({ ...parcel, status: 'held', route: 'hold', holdReason: engineHold } as LookupSource, []);
    expect(v.hold).toMatchObject({ ko: '결과: 통관보류. 통관보류: 용량이 없습니다.', en: 'Outcome: held. Held: no volume.', codes: ['ROUTE_HOLD', 'HOLD_LIQUOR_VOLUME'] });
    expect(JSON.stringify(v)).not.toContain('AUDIT-pay1');
    expect(v.nextAction).toEqual({ ko: '1번 물품에 용량을 적어 신고를 정정하세요.', en: 'Correct the declaration with the volume of item 1.' });
  });

  it('a "not me" hold asks nothing of the holder who reported it, and says how to protect the code', () => {
    const hold: LookupEvent = {
      type: 'HOLD',
      nameKo: '통관보류',
      occurredAt: '2026-12-04T10:00:00.000Z',
      reason: '개인통관고유부호 도용 신고',
      detail: { source: 'consumer-report', reasonEn: 'PCCC misuse reported' },
      statusAfter: 'held',
    };
    const v = lookupViewOf({ ...parcel, status: 'held', holdReason: { source: 'officer', reason: hold.reason, reasonEn: 'PCCC misuse reported', at: hold.occurredAt } }, [hold]);
    expect(v.nextAction.ko).toContain('따로 제출할 서류는 없습니다');
    expect(v.nextAction.ko).toContain('사용정지하거나 재발급');
    expect(v.nextAction.en).toContain('nothing to file');
    expect(v.nextAction.en).not.toMatch(/provide what customs/);
  });

  it('an officer hold says through whom to answer it', () => {
    const v = lookupViewOf({ ...parcel, status: 'held', holdReason: { source: 'officer', reason: '저가신고 의심: 주문 및 결제 내역을 제출하세요.', at: '2026-12-04T10:00:00.000Z' } }, []);
    expect(v.nextAction.ko).toContain('특송업체 또는 관세사');
    expect(v.nextAction.en).toMatch(/hold reason/);
  });

  it("an officer's hold of a taxed parcel: the hold's step, then that the taxes can be paid now (public: hedged; own: the notice's line); an engine hold: no pay", () => {
    // The taxes of 94,000 stand while an officer holds the parcel (관세법 제237조 withholds clearance,
    // not the tax; payable before 수리, 제9조③): the public lookup and /me offer the same steps.
    const officerHold = { source: 'officer', reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed', at: '2026-12-04T10:00:00.000Z' };
    const pub = lookupViewOf({ ...parcel, status: 'held', holdReason: officerHold }, []).nextAction;
    expect(pub.ko).toMatch(/^보류 사유를 확인하고/);
    expect(pub.ko).toContain('세금 94,000원은 통관보류 중에도 지금 납부할 수 있고, 수리되면 수리일부터 15일 이내에 납부해야 합니다(관세법 제9조');
    expect(pub.ko).toContain('이미 납부했다면');
    expect(pub.en).toMatch(/^Check the hold reason/);
    expect(pub.en).toContain('Taxes of KRW 94,000: the hold does not cancel them, and you can pay them now; once accepted, they are due within 15 days (Customs Act art. 9');
    const notice = { status: 'due', reason: { ko: '관세 등 제세 94,000원을 2026-12-20까지 납부하세요.', en: 'Taxes of KRW 94,000 are due by 2026-12-20.' } } as unknown as TaxNotice;
    const own = lookupViewOf({ ...parcel, status: 'held', holdReason: officerHold }, [], notice).nextAction;
    expect(own.ko).toMatch(/^보류 사유를 확인하고.*관세 등 제세 94,000원을 2026-12-20까지 납부하세요\.$/);
    expect(own.en).toMatch(/^Check the hold reason.*Taxes of KRW 94,000 are due by 2026-12-20\.$/);
    expect(own.ko).not.toContain('이미 납부했다면'); // the consumer's own view knows
    // Held by the engine: nothing payable until the hold is resolved; the engine's step only.
    const engine = lookupViewOf({ ...parcel, status: 'held', route: 'hold', holdReason: engineHold } as LookupSource, []).nextAction;
    expect(engine).toEqual({ ko: '1번 물품에 용량을 적어 신고를 정정하세요.', en: 'Correct the declaration with the volume of item 1.' });
  });

  it('cleared or released: pay the amount assessed within 15 days when there is one; nothing to pay when there is none (not "pay any taxes")', () => {
    const cleared = lookupViewOf({ ...parcel, status: 'cleared' }, []).nextAction;
    expect(cleared.ko).toContain('세금 94,000원을 수리일부터 15일 이내에 납부하세요');
    expect(cleared.en).toContain('Pay the taxes of KRW 94,000 within 15 days of acceptance');
    const free = lookupViewOf({ ...parcel, route: 'list', status: 'cleared', assessment: { taxes: none } } as unknown as LookupSource, []).nextAction;
    expect(free.ko).toContain('납부할 세금은 없습니다');
    expect(free.ko).not.toContain('납부하세요');
    expect(free.en).not.toMatch(/Pay/);
    const released = lookupViewOf({ ...parcel, status: 'released' }, []).nextAction;
    expect(released.ko).toContain('국내 배송 중');
    expect(released.ko).toContain('94,000원은 수입신고 수리일부터 15일 이내에 납부해야 합니다');
    expect(lookupViewOf({ ...parcel, status: 'released', assessment: { taxes: none } } as unknown as LookupSource, []).nextAction.en).toContain('No tax to pay');
  });

  it('before 수리, says what will be owed; refused or withdrawn, says nothing is owed and whom to ask', () => {
    // The page offers to pay before 수리 (a provisional due date): the text says so rather than "nothing to do now" above the pay button.
    for (const status of ['declared', 'in_warehouse', 'import_declared', 'under_review'] as const) {
      const before = lookupViewOf({ ...parcel, status }, []).nextAction;
      expect(before.ko).toContain('세금 94,000원은 지금 미리 납부할 수 있고, 수리되면 수리일부터 15일 이내에 납부해야 합니다');
      expect(before.en).toContain('Taxes of KRW 94,000: you can pay them now; once accepted, they are due within 15 days');
      expect(before.ko).not.toContain('지금 할 일은 없습니다');
      expect(before.en).not.toContain('Nothing to do now');
    }
    // The consumer's own view, with the notice's line: to pay by a date is something to do; once paid, nothing is.
    const line = (status: string) => ({ status, reason: { ko: '관세 등 제세 94,000원을 2026-12-20까지 납부하세요.', en: 'Taxes of KRW 94,000 are due by 2026-12-20.' } }) as unknown as TaxNotice;
    for (const status of ['due', 'overdue']) {
      const own = lookupViewOf({ ...parcel, status: 'under_review' }, [], line(status)).nextAction;
      expect(own).toEqual({ ko: '세관 심사를 기다리고 있습니다. 관세 등 제세 94,000원을 2026-12-20까지 납부하세요.', en: 'Waiting for customs examination. Taxes of KRW 94,000 are due by 2026-12-20.' });
    }
    expect(lookupViewOf({ ...parcel, status: 'under_review' }, [], line('paid')).nextAction.ko).toContain('지금 할 일은 없습니다');
    // Nothing to pay: nothing to do.
    expect(lookupViewOf({ ...parcel, status: 'under_review', assessment: { taxes: none } } as unknown as LookupSource, []).nextAction.en).toBe('Waiting for customs examination. Nothing to do now.');
    const withdrawn = lookupViewOf({ ...parcel, status: 'withdrawn' }, []).nextAction;
    expect(withdrawn.ko).toContain('신고한 업체');
    expect(withdrawn.en).toContain('Ask the business that filed it');
    expect(withdrawn.ko).not.toContain('납부');
    expect(lookupViewOf({ ...parcel, status: 'rejected' }, []).nextAction.ko).toContain('특송업체에 문의하세요');
  });
});
