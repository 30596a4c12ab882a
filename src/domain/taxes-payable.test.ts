// Whether a parcel's taxes are payable now: worked examples of the one rule, and the readers that
// must agree with it (the tax notice, the lookups' steps) checked against it over every case.
import { describe, expect, it } from 'vitest';
import type { Taxes } from './assessment.ts';
import { NO_LISTED_HOLIDAYS } from './holidays.ts';
import { nextStepsOf, type DeclarationStatus } from './lifecycle.ts';
import { NOT_ME_HOLD_CODE, NOT_ME_SOURCE, withNotMeReport } from './not-me-hold.ts';
import { holdTextOf } from './queue-why.ts';
import { taxNoticeOf } from './tax-notice.ts';
import { isHeldByEngine, taxesHeldBy, taxesPayableNow, type PayabilityFacts } from './taxes-payable.ts';

const notMeHold = { source: NOT_ME_SOURCE, reason: '개인통관고유부호 도용 신고', at: '2026-11-20T01:00:00.000Z' };
const officerHold = { source: 'officer', reason: '구매 증빙 필요', at: '2026-11-20T01:00:00.000Z' };
const engineHold = { source: 'engine', codes: ['ROUTE_HOLD', 'PROHIBITED_NARCOTICS'] };

describe('taxesHeldBy / taxesPayableNow', () => {
  it('a parcel held on the consignee\'s own "not me" report: not payable (who owns the goods, and so owes the taxes, is what customs checks: 관세법 제19조①1)', () => {
    // Stored: the hold reason's source is the report's. General route, USD 400 of shoes: taxed, yet not payable now.
    expect(taxesHeldBy({ status: 'held', route: 'general', holdReason: notMeHold })).toBe('not_me');
    expect(taxesPayableNow({ status: 'held', route: 'general', holdReason: notMeHold })).toBe(false);
    // The portal's view: its hold codes say the same.
    expect(taxesHeldBy({ status: 'held', route: 'general', holdCodes: [NOT_ME_HOLD_CODE] })).toBe('not_me');
  });

  it("the engine's hold (route hold): not payable before it is resolved (관세법 제9조: due from 수리)", () => {
    expect(taxesHeldBy({ status: 'held', route: 'hold', holdReason: engineHold })).toBe('engine');
    expect(taxesPayableNow({ status: 'held', route: 'hold', holdCodes: ['ROUTE_HOLD'] })).toBe(false);
    expect(isHeldByEngine('hold', 'held')).toBe(true);
  });

  it("an officer's hold of a taxed parcel stays payable (관세법 제237조 withholds clearance, not the tax; 제9조③)", () => {
    expect(taxesHeldBy({ status: 'held', route: 'general', holdReason: officerHold })).toBeNull();
    expect(taxesPayableNow({ status: 'held', route: 'general', holdCodes: ['OFFICER_HOLD'] })).toBe(true);
  });

  it('not held: payable, whatever a stale hold reason says (the release clears it; the rule reads the status first)', () => {
    expect(taxesPayableNow({ status: 'under_review', route: 'general', holdReason: notMeHold })).toBe(true);
    expect(taxesPayableNow({ status: 'cleared', route: 'hold' })).toBe(true);
    expect(isHeldByEngine('hold', 'cleared')).toBe(false);
  });

  it('a "not me" hold of a parcel the engine routes to hold as well: the report\'s reason, the one its maker must read', () => {
    expect(taxesHeldBy({ status: 'held', route: 'hold', holdReason: notMeHold })).toBe('not_me');
  });
});

describe('a "not me" report on a parcel already held by someone else (an officer, the engine)', () => {
  // The report opens no hold of its own (the parcel is held already): it is recorded on the hold there is
  // (withNotMeReport, report-not-me.ts), and makes the taxes not payable whatever else holds the parcel
  // (관세법 제19조①1: whose goods these are, and so who owes the taxes, is what customs checks). Before, an
  // officer's hold kept them payable after the consignee said the order is not theirs.
  const reportedAt = '2026-11-21T02:00:00.000Z';
  const officerThenNotMe = withNotMeReport(officerHold, reportedAt);
  const engineThenNotMe = withNotMeReport(engineHold, reportedAt);

  it("an officer's hold, then the report: not payable (not_me), the officer's own reason kept", () => {
    expect(officerThenNotMe).toEqual({ ...officerHold, notMe: { at: reportedAt } });
    expect(taxesHeldBy({ status: 'held', route: 'general', holdReason: officerHold })).toBeNull(); // before the report: payable (제237조)
    expect(taxesHeldBy({ status: 'held', route: 'general', holdReason: officerThenNotMe })).toBe('not_me');
    expect(taxesPayableNow({ status: 'held', route: 'general', holdReason: officerThenNotMe })).toBe(false);
  });

  it("the engine's hold, then the report: the report's reason (not_me), as when the report held it first", () => {
    expect(taxesHeldBy({ status: 'held', route: 'hold', holdReason: engineThenNotMe })).toBe('not_me');
  });

  it('the lookups read it from the hold codes: the officer\'s, and the report\'s beside it', () => {
    const h = holdTextOf(officerThenNotMe)!;
    expect(h.codes).toEqual(['OFFICER_HOLD', NOT_ME_HOLD_CODE]);
    expect(h.ko).toContain('구매 증빙 필요');
    expect(h.ko).toContain('본인 주문이 아니라고(도용) 신고했습니다');
    expect(taxesPayableNow({ status: 'held', route: 'general', holdCodes: h.codes })).toBe(false);
    expect(holdTextOf(engineThenNotMe)!.codes).toContain(NOT_ME_HOLD_CODE);
  });

  it('recorded once: a second report, or one on a hold the report opened, changes nothing', () => {
    expect(withNotMeReport(officerThenNotMe, '2026-11-22T00:00:00.000Z')).toBe(officerThenNotMe);
    expect(withNotMeReport(notMeHold, reportedAt)).toBe(notMeHold);
  });

  it('released by an officer: payable again (the release clears the hold reason, the report with it)', () => {
    expect(taxesPayableNow({ status: 'under_review', route: 'general', holdReason: officerThenNotMe })).toBe(true);
  });
});

describe('the readers agree with the rule', () => {
  // USD 400 of shoes: duty 13% and VAT 10% of (CIF + duty); any collected total will do here, e.g. 68,600.
  const taxes: Taxes = { dutyKrw: 26_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 42_600, totalKrw: 68_600, collected: true };
  const cases: (PayabilityFacts & { status: DeclarationStatus; route: 'general' | 'hold'; holdCodes: string[] })[] = [
    { status: 'held', route: 'general', holdReason: notMeHold, holdCodes: [NOT_ME_HOLD_CODE] },
    { status: 'held', route: 'general', holdReason: officerHold, holdCodes: ['OFFICER_HOLD'] },
    { status: 'held', route: 'hold', holdReason: engineHold, holdCodes: ['ROUTE_HOLD'] },
    { status: 'held', route: 'hold', holdReason: notMeHold, holdCodes: [NOT_ME_HOLD_CODE] },
    { status: 'under_review', route: 'general', holdReason: null, holdCodes: [] },
    // An officer's hold, then the consignee's "not me" report: not payable, the lookups' codes say so too.
    { status: 'held', route: 'general', holdReason: withNotMeReport(officerHold, '2026-11-21T02:00:00.000Z'), holdCodes: ['OFFICER_HOLD', NOT_ME_HOLD_CODE] },
  ];
  it.each(cases)('the notice is payable, and the lookups offer to pay, exactly when the rule says so: %o', (c) => {
    const payable = taxesPayableNow(c);
    const notice = taxNoticeOf({
      declarationId: 1,
      cargoNo: '26TGW0000000001',
      declaredAt: '2026-11-18',
      status: c.status,
      route: c.route,
      holdReason: c.holdReason,
      description: '운동화 Nike Pegasus',
      taxes,
      events: [{ type: 'SUBMITTED', occurredAt: '2026-11-18T00:00:00.000Z' }],
      payment: null,
      today: '2026-11-25',
      holidays: NO_LISTED_HOLIDAYS,
    })!;
    expect(notice.payable).toBe(payable);
    expect(notice.status === 'held').toBe(!payable);
    // The lookup view reads the same hold by its codes (the portal has no stored hold reason).
    const steps = nextStepsOf({ status: c.status, route: c.route, taxes: { collected: true, dueKrw: 68_600 }, hold: c.status === 'held' ? { codes: c.holdCodes } : null });
    expect(steps.includes('pay')).toBe(payable);
  });
});
