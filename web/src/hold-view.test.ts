import { describe, expect, it } from 'vitest';
import { holdViewOf } from './hold-view.ts';
import type { TimelineEntry } from '../../src/domain/api-views.ts';

const r = (code: string, ko: string, en: string) => ({ code, ko, en, ref: '' });
// As the demo stored a CBD supplement held by the engine (26TGW0000003012): the hold's two reasons
// among fifteen (valuation, exchange rate, combined taxation, taxes, the next step, consent).
const engineHold = {
  source: 'engine',
  reasons: [
    r('ROUTE_HOLD', '결과: 통관보류. 아래 사유가 해소될 때까지 반출되지 않습니다.', 'Outcome: held. The parcel is not released until the reasons below are resolved.'),
    r('HOLD_PROHIBITED', '통관보류: 1번 물품 "영양제 CBD 오일"은(는) 마약류에 해당하는 것으로 보입니다.', 'Held: item 1 "영양제 CBD 오일" appears to be Narcotics.'),
    r('GOODS_VALUE', '물품가격 USD 28.74 × 과세환율 1,370.24 (2026-11-22 주) = 39,380원.', 'Goods value USD 28.74 × customs rate 1,370.24 = KRW 39,380.'),
    r('COMBINED_WITHIN_DE_MINIMIS', '합산과세 대상: 함께 합산한 신고 A-1, B-2까지 더한 물품가격 미화 114.96달러가 면세한도 150달러 이내입니다.', 'Combined with A-1, B-2: USD 114.96 is within the USD 150 limit.'),
    r('NEXT_HOLD_PROHIBITED', '다음 할 일: 세관의 안내를 기다리세요. 금지물품이면 반송 또는 폐기됩니다.', 'Next: wait for customs. Prohibited goods are returned or destroyed.'),
    r('CONSENT_MISSING', '본인 승인 없음: 신고에 수하인의 주문 승인이 없습니다.', 'No consumer approval: the declaration carries no order approval.'),
  ],
};
const event = (type: string, detail: Record<string, unknown> | null = null): TimelineEntry => ({ type, nameKo: type, nameEn: type, occurredAt: '2026-12-06T07:43:00Z', reason: null, detail, statusAfter: 'held' });

describe("a held declaration on the operator's page", () => {
  it('held by the engine: its hold reasons only, and its own next step (wait for customs), not "submit papers through the courier"', () => {
    const v = holdViewOf({ status: 'held', route: 'hold', holdReason: engineHold, timeline: [event('SUBMITTED')] });
    expect(v.reason).toEqual({
      ko: '결과: 통관보류. 아래 사유가 해소될 때까지 반출되지 않습니다. 통관보류: 1번 물품 "영양제 CBD 오일"은(는) 마약류에 해당하는 것으로 보입니다.',
      en: 'Outcome: held. The parcel is not released until the reasons below are resolved. Held: item 1 "영양제 CBD 오일" appears to be Narcotics.',
    });
    expect(v.next).toEqual({ ko: '세관의 안내를 기다리세요. 금지물품이면 반송 또는 폐기됩니다.', en: 'Wait for customs. Prohibited goods are returned or destroyed.' });
  });

  it("held by an officer: the officer's words (English from the HOLD event when the hold reason lacks it), and the general next step", () => {
    const v = holdViewOf({
      status: 'held',
      route: 'general',
      holdReason: { source: 'officer', reason: '저가신고 의심: 주문 및 결제 내역을 제출하세요.', at: '2026-11-30T03:30:00Z' },
      timeline: [event('SUBMITTED'), event('HOLD', { reasonEn: 'Suspected undervaluation: submit the order and payment records.' })],
    });
    expect(v.reason).toEqual({ ko: '저가신고 의심: 주문 및 결제 내역을 제출하세요.', en: 'Suspected undervaluation: submit the order and payment records.' });
    expect(v.next.ko).toMatch(/^보류 사유를 확인하고, 세관이 요청한 서류나 확인은 통관을 맡은 특송업체 또는 관세사를 통해/);
  });

  it('not held: no reason, the lifecycle next step', () => {
    const v = holdViewOf({ status: 'declared', route: 'list', holdReason: null, timeline: [event('SUBMITTED')] });
    expect(v.reason).toBeNull();
    expect(v.next.en).toBe('Waiting for the goods to arrive in Korea. Nothing to do now.');
  });
});
