import { describe, expect, it } from 'vitest';
import type { Assessment } from './assessment.ts';
import { assessmentAsRead, eventAsRead, membersText, ownMembersNamed, OTHER_OPERATOR_REF, reasonsWithCargoNos, textWithCargoNos, textWithRefsHidden } from './combined-refs-view.ts';
import { redecisionReason } from './combined-redecision.ts';

// The reasons as data/reasons.json writes them for MALLTAIL's 26TGW0000003012 in the demo.
const OVER_KO = (refs: string) => `합산과세(같은 공급자·같은 구매일): 함께 합산한 신고 ${refs}까지 더한 물품가격 미화 230.00달러가 면세한도 150달러를 넘어 면세가 적용되지 않습니다.`;
const OVER_EN = (refs: string) => `Combined taxation: together with ${refs} (same supplier, same purchase date) the goods value is USD 230.00, over the USD 150 limit, so no exemption applies.`;
const NEXT_KO = (refs: string) => `다음 할 일: 합산으로 미화 150달러를 넘었습니다(함께 합산한 신고: ${refs}). 수입신고가 수리되면 세금 36,320원을 납부하세요.`;
const NEXT_EN = (refs: string) => `Next: over USD 150 after combining with ${refs}. Pay KRW 36,320 within 15 days of acceptance of the import declaration.`;

function assessed(combinedWith: string[]): Assessment {
  const refs = combinedWith.join(', ');
  return {
    ref: 'MT-9',
    status: 'assessed',
    errors: [],
    route: 'general',
    reasons: [
      { code: 'ROUTE_GENERAL', ko: '결과: 일반통관', en: 'Outcome: general clearance', ref: '관세법 제241조' },
      { code: 'COMBINED_OVER_DE_MINIMIS', ko: OVER_KO(refs), en: OVER_EN(refs), ref: '수입통관 사무처리에 관한 고시 제68조' },
      { code: 'NEXT_PAY_OR_DISPUTE_COMBINATION', ko: NEXT_KO(refs), en: NEXT_EN(refs), ref: '수입통관 사무처리에 관한 고시 제68조' },
    ],
    goodsValueUsd: 100,
    deMinimis: { thresholdUsd: 150, exempt: false },
    combinedWith,
    valuation: null,
    lines: [],
    taxes: { dutyKrw: 19_430, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 16_890, totalKrw: 36_320, collected: true },
    taxesWithoutExemption: null,
    signals: ['COMBINED'],
    dataVersions: {},
  };
}

const mine = new Set(['AUD-WH-1', 'DEMO-0002981']);
const isOwn = (r: string) => (mine.has(r) ? { own: 1, others: 0 } : { own: 0, others: 1 });

describe("an operator reads another operator's members of a combined group by no ref (고시 제68조)", () => {
  it('the demo\'s 26TGW0000003012: its own AUD-WH-1 and DEMO-0002981 by ref, Temu\'s AUD-WH-T1 as another operator\'s declaration', () => {
    const a = assessmentAsRead(assessed(['AUD-WH-1', 'AUD-WH-T1', 'DEMO-0002981']), isOwn);
    expect(a.combinedWith).toEqual(['AUD-WH-1', 'DEMO-0002981', OTHER_OPERATOR_REF]);
    expect(a.reasons[1]).toEqual({
      code: 'COMBINED_OVER_DE_MINIMIS',
      ko: OVER_KO('AUD-WH-1, DEMO-0002981, 다른 업체의 신고'),
      en: OVER_EN("AUD-WH-1, DEMO-0002981 and another operator's declaration"),
      ref: '수입통관 사무처리에 관한 고시 제68조',
    });
    expect(a.reasons[2]!.ko).toBe(NEXT_KO('AUD-WH-1, DEMO-0002981, 다른 업체의 신고'));
    expect(a.reasons[2]!.en).toBe(NEXT_EN("AUD-WH-1, DEMO-0002981 and another operator's declaration"));
    expect(JSON.stringify(a)).not.toContain('AUD-WH-T1');
    // The taxes and the route stay as decided.
    expect(a.taxes).toEqual(assessed([]).taxes);
  });

  it('only other operators\' members: "함께 합산한 다른 업체의 신고 2건" (신고 said once), "2 declarations of other operators"', () => {
    const a = assessmentAsRead(assessed(['T-1', 'T-2']), isOwn);
    expect(a.combinedWith).toEqual([OTHER_OPERATOR_REF, OTHER_OPERATOR_REF]);
    expect(a.reasons[1]!.ko).toBe(OVER_KO('T-1, T-2').replace('함께 합산한 신고 T-1, T-2까지', '함께 합산한 다른 업체의 신고 2건까지'));
    expect(a.reasons[1]!.en).toBe(OVER_EN('2 declarations of other operators'));
    expect(a.reasons[2]!.ko).toBe(NEXT_KO('다른 업체의 신고 2건'));
  });

  it('all its own: the same assessment', () => {
    const a = assessed(['AUD-WH-1']);
    expect(assessmentAsRead(a, isOwn)).toBe(a);
  });

  it('a large group: its own refs as the engine writes them (ten, then how many more), the others counted', () => {
    const own = Array.from({ length: 12 }, (_, i) => `OWN-${String(i).padStart(2, '0')}`);
    expect(membersText(own, 3)).toEqual({
      ko: 'OWN-00, OWN-01, OWN-02, OWN-03, OWN-04, OWN-05, OWN-06, OWN-07, OWN-08, OWN-09 외 2건, 다른 업체의 신고 3건',
      en: 'OWN-00, OWN-01, OWN-02, OWN-03, OWN-04, OWN-05, OWN-06, OWN-07, OWN-08, OWN-09 and 2 more, and 3 declarations of other operators',
    });
  });

  it("a redecision's event detail and revision note: the other operator's refs counted, a ref that only contains one left alone", () => {
    const e = eventAsRead({ reason: '합산과세 재산정: 뒤에 접수된 신고 1건과', detail: { reasonEn: 'x', combinedWith: ['AUD-WH-T1'], route: 'general' } }, isOwn);
    expect(e.detail).toEqual({ reasonEn: 'x', combinedWith: [OTHER_OPERATOR_REF], route: 'general' });
    const prior = assessed([]);
    const named = redecisionReason({ ...prior, route: 'list', taxes: { ...prior.taxes!, totalKrw: 0, collected: false } }, prior, ['AUD-WH-T1', 'T-2'], true);
    const note = textWithRefsHidden(`${named.ko} / ${named.en}`, ['AUD-WH-T1', 'T-2']);
    expect(note).toContain('이 신고가 뒤에 접수된 신고(다른 업체의 신고 2건)와 합산되어');
    expect(note).toContain('combined with the later declaration(s) of other operators (2) (KCS');
    expect(note).not.toMatch(/AUD-WH-T1|T-2/);
    expect(textWithRefsHidden('함께 합산한 신고: AUD-WH-T1, AUD-WH-T10.', ['AUD-WH-T1'])).toBe('함께 합산한 신고: 다른 업체의 신고, AUD-WH-T10.');
  });
});

describe('the same ref at two operators: a ref names no member by itself', () => {
  it('ownMembersNamed: the reader’s candidate is a member when no other’s is, or when the list names every candidate', () => {
    expect(ownMembersNamed(undefined, 1)).toBe(0); // no declaration of the ref linked: not the reader's
    expect(ownMembersNamed({ own: 0, others: 1 }, 1)).toBe(0);
    expect(ownMembersNamed({ own: 1, others: 0 }, 1)).toBe(1);
    expect(ownMembersNamed({ own: 1, others: 1 }, 2)).toBe(1); // both named: 1 + 1 = 2 members
    expect(ownMembersNamed({ own: 1, others: 1 }, 1)).toBe(0); // one of two named, which is not known
    expect(ownMembersNamed({ own: 1, others: 2 }, 2)).toBe(0);
  });

  it('combinedWith naming X twice, the reader’s X and another’s: X, then another operator’s; the reasons keep the reader’s X and count the other', () => {
    const both = (r: string) => (r === 'X' ? { own: 1, others: 1 } : undefined);
    const a = assessmentAsRead(assessed(['X', 'X']), both);
    expect(a.combinedWith).toEqual(['X', OTHER_OPERATOR_REF]);
    expect(a.reasons[1]!.ko).toBe(OVER_KO('X, 다른 업체의 신고'));
    expect(a.reasons[1]!.en).toBe(OVER_EN("X and another operator's declaration"));
    // named once with two candidates: not known to be the reader's
    expect(assessmentAsRead(assessed(['X']), both).combinedWith).toEqual([OTHER_OPERATOR_REF]);
    const e = eventAsRead({ reason: '합산과세 재산정: 뒤에 접수된 신고(X)와', detail: { reasonEn: 'the later declaration(s) X', combinedWith: ['X'] } }, both);
    expect(e.detail).toEqual({ reasonEn: 'the later declaration(s) of another operator', combinedWith: [OTHER_OPERATOR_REF] });
    expect(e.reason).toBe('합산과세 재산정: 뒤에 접수된 신고(다른 업체의 신고)와');
  });
});

describe('the consignee reads the members of a combined group by their cargo numbers, not the operators’ refs', () => {
  // 김민지's 26TGW0000000614 in the demo: combined with her parcel DEMO-0001414, which she knows as 26TGW0000001397.
  const cargoNos = new Map([
    ['DEMO-0001414', '26TGW0000001397'],
    ['DEMO-14', '26TGW0000000031'],
  ]);
  const cargoNoOf = (ref: string) => cargoNos.get(ref);

  it('each ref of hers by its cargo number, in both languages; a ref not hers stays', () => {
    const [route, over, next] = reasonsWithCargoNos(assessed(['DEMO-0001414', 'AUD-WH-T1']).reasons, ['DEMO-0001414', 'AUD-WH-T1'], cargoNoOf);
    expect(route!.ko).toBe('결과: 일반통관');
    expect(over!.ko).toBe(OVER_KO('26TGW0000001397, AUD-WH-T1'));
    expect(over!.en).toBe(OVER_EN('26TGW0000001397, AUD-WH-T1'));
    expect(next!.ko).toBe(NEXT_KO('26TGW0000001397, AUD-WH-T1'));
  });

  it('a ref that another contains is replaced whole, the shorter one only where it stands alone', () => {
    expect(textWithCargoNos('함께 합산한 신고 DEMO-14, DEMO-0001414까지', ['DEMO-14', 'DEMO-0001414'], cargoNoOf)).toBe('함께 합산한 신고 26TGW0000000031, 26TGW0000001397까지');
    expect(textWithCargoNos('the later declaration(s) DEMO-140', ['DEMO-14'], cargoNoOf)).toBe('the later declaration(s) DEMO-140');
  });

  it('no member of hers named (or none combined): the same reasons', () => {
    const a = assessed(['AUD-WH-T1']);
    expect(reasonsWithCargoNos(a.reasons, a.combinedWith, cargoNoOf)).toEqual(a.reasons);
    expect(reasonsWithCargoNos(a.reasons, [], cargoNoOf)).toBe(a.reasons);
  });
});
