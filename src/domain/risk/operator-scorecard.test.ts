import { describe, expect, it } from 'vitest';
import { buildOperatorScorecard, mondayOf, scorecardWindow, type ScorecardWeekCounts } from './operator-scorecard.ts';
import { DEFAULT_POLICY } from './platform-risk.ts';

const week = (w: string, x: Partial<ScorecardWeekCounts>): ScorecardWeekCounts => ({
  week: w,
  declarations: 0,
  withOrderData: 0,
  descriptive: 0,
  hsCode6: 0,
  consent: 0,
  qualitySum: 0,
  held: 0,
  officerRejected: 0,
  intakeReceived: 0,
  intakeRejected: 0,
  ...x,
});

describe('operator scorecard (pure)', () => {
  it('windows end today inclusive and weeks start on Monday', () => {
    expect(scorecardWindow('2026-11-20', 1)).toEqual({ days: 1, from: '2026-11-20', to: '2026-11-20' });
    expect(scorecardWindow('2026-03-01', 2)).toEqual({ days: 2, from: '2026-02-28', to: '2026-03-01' });
    expect(mondayOf('2026-11-16')).toBe('2026-11-16'); // a Monday
    expect(mondayOf('2026-11-22')).toBe('2026-11-16'); // the Sunday after
  });

  it('asks for order fields under data quality only when the order-data criterion is met', () => {
    // 100 parcels, all with order data and HS, none informative, none with consent:
    // quality = (0 + 100 + 100 + 0) / 4 / 100 = 0.5 < 0.75; order data 100% ≥ 90%.
    const w = scorecardWindow('2026-11-20', 7);
    const s = buildOperatorScorecard({ weeks: [week('2026-11-16', { declarations: 100, withOrderData: 100, hsCode6: 100, qualitySum: 50 })], inspections: [] }, w, 'marketplace', DEFAULT_POLICY);
    expect(s.dataQuality).toEqual({ score: 0.5, orderDataShare: 1, descriptionShare: 0, hsCode6Share: 1, consentShare: 0 });
    expect(s.fastLane.criteria.find((c) => c.code === 'FL_ORDER_DATA')!.met).toBe(true);
    // Parts below 100%: descriptions 0 and consent 0 (a stable sort keeps their order).
    expect(s.nextSteps.map((n) => n.code)).toEqual(['NEXT_DESCRIPTION', 'NEXT_CONSENT', 'NEXT_INSPECTED']);
    // 2026-11-14..20 spans the weeks of Mondays 11-09 and 11-16; the empty one has no rates.
    expect(s.weeks.map((x) => [x.week, x.dataQuality])).toEqual([
      ['2026-11-09', null],
      ['2026-11-16', 0.5],
    ]);
  });

  it('decays nothing itself: compliance uses the decayed counts given, as of the last day', () => {
    // 4 inspections decayed to 3.5, 1 find decayed to 0.5: (3.5 − 0.5 + 4.5) / (3.5 + 5) = 7.5 / 8.5.
    const s = buildOperatorScorecard(
      { weeks: [], inspections: [{ outcome: 'clean', count: 3, revenueKrw: 0, decayed: 3 }, { outcome: 'prohibited', count: 1, revenueKrw: 0, decayed: 0.5 }] },
      scorecardWindow('2026-11-20', 30),
      'courier',
      DEFAULT_POLICY,
    );
    expect(s.compliance).toBeCloseTo(7.5 / 8.5, 12);
    expect(s.inspections).toMatchObject({ inspected: 4, found: 1, findRate: 0.25, undervalued: 0 });
  });

  it("points an operator under the compliance bar at the scorecard's own figures, not at a table of ours", () => {
    // 5 inspections, all finds: (5 − 5 + 4.5) / (5 + 5) = 0.45, below the fast lane's bar.
    const s = buildOperatorScorecard(
      { weeks: [], inspections: [{ outcome: 'prohibited', count: 5, revenueKrw: 0, decayed: 5 }] },
      scorecardWindow('2026-11-20', 30),
      'courier',
      DEFAULT_POLICY,
    );
    const step = s.nextSteps.find((n) => n.code === 'NEXT_COMPLIANCE');
    expect(step).toMatchObject({ ref: 'inspections.outcomes' });
    expect(step!.ko).toContain('금지물품 5');
  });
});

describe('the compliance figure explained on the scorecard', () => {
  it('says the smoothing, the raw share and why, with the numbers it was computed from', () => {
    // 14 inspections today (no decay), 3 finds, 11 clean: raw 11 / 14 = 78.6%;
    // smoothed (11 + 0.9 × 5) / (14 + 5) = 15.5 / 19 = 0.81578… = 81.6%.
    const s = buildOperatorScorecard(
      { weeks: [], inspections: [{ outcome: 'clean', count: 11, revenueKrw: 0, decayed: 11 }, { outcome: 'undervalued', count: 3, revenueKrw: 0, decayed: 3 }] },
      scorecardWindow('2026-11-20', 90),
      'forwarder',
      DEFAULT_POLICY,
    );
    expect(s.compliance).toBeCloseTo(15.5 / 19, 12);
    expect(s.complianceBasis.code).toBe('SCORECARD_COMPLIANCE');
    expect(s.complianceBasis.ko).toBe(
      '성실도 81.6%는 검사 결과를 평활한 값입니다. 검사 14건 중 적발 없음 11건, 그대로의 비율은 78.6%입니다. ' +
        '계산: (가중 적발 없음 11.0건 + 0.9 × 5) ÷ (가중 검사 14.0건 + 5) = 81.6%. ' +
        '최근 검사일수록 무겁게 셉니다(반감기 180일: 180일 전 검사는 절반). ' +
        '평활하는 이유: 검사가 몇 건뿐일 때 한두 건의 결과로 성실도가 0%나 100%로 튀지 않도록, 검사 5건 분량의 기본값 90.0%를 더해 계산합니다. 검사가 쌓일수록 그대로의 비율에 가까워집니다.',
    );
    expect(s.complianceBasis.en).toBe(
      'Compliance 81.6% is the inspection results smoothed. 11 of 14 inspections found nothing: the raw share clean is 78.6%. ' +
        'Worked out as (weighted clean 11.0 + 0.9 × 5) ÷ (weighted inspections 14.0 + 5) = 81.6%. ' +
        'Recent inspections weigh more (half-life 180 days: an inspection 180 days old counts half). ' +
        'Why smoothed: so that one or two results cannot swing it to 0% or 100% while inspections are few, a default of 90.0% is counted as 5 inspections; the more inspections, the nearer it comes to the raw share.',
    );
  });

  it('gives the weighted counts the figure used when inspections have aged, and no raw share before any', () => {
    // 14 inspections weighing 12.0, 3 finds weighing 2.5: (12.0 − 2.5 + 4.5) / (12.0 + 5) = 14 / 17 = 0.8235… = 82.4%.
    const aged = buildOperatorScorecard(
      { weeks: [], inspections: [{ outcome: 'clean', count: 11, revenueKrw: 0, decayed: 9.5 }, { outcome: 'prohibited', count: 3, revenueKrw: 0, decayed: 2.5 }] },
      scorecardWindow('2026-11-20', 365),
      'forwarder',
      DEFAULT_POLICY,
    );
    expect(aged.compliance).toBeCloseTo(14 / 17, 12);
    expect(aged.complianceBasis.ko).toContain('검사 14건 중 적발 없음 11건, 그대로의 비율은 78.6%입니다. 계산: (가중 적발 없음 9.5건 + 0.9 × 5) ÷ (가중 검사 12.0건 + 5) = 82.4%.');
    // None yet: 4.5 / 5 = 90.0%, the default alone.
    const none = buildOperatorScorecard({ weeks: [], inspections: [] }, scorecardWindow('2026-11-20', 90), 'forwarder', DEFAULT_POLICY);
    expect(none.complianceBasis.en).toContain('Compliance 90.0% is the inspection results smoothed. No inspection yet: there is no raw share. Worked out as (weighted clean 0.0 + 0.9 × 5) ÷ (weighted inspections 0.0 + 5) = 90.0%.');
  });
});
