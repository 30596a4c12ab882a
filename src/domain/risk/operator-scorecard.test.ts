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
