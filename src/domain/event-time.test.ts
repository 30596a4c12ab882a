import { describe, expect, it } from 'vitest';
import { checkEventTime, koreanDateTime, type EventTimeInput } from './event-time.ts';

// Now: 2026-12-08 07:30 in Korea (2026-12-07 22:30 UTC), a parcel declared on 2026-12-07.
const now = new Date('2026-12-07T22:30:00Z');
const base = (over: Partial<EventTimeInput>): EventTimeInput => ({
  type: 'WAREHOUSE_IN',
  occurredAt: now,
  now,
  declaredAt: '2026-12-07',
  movesCargo: true,
  recorded: [],
  ...over,
});

describe('checkEventTime', () => {
  it('shows instants as Korea time, as UNI-PASS does (UTC + 9 h)', () => {
    expect(koreanDateTime(Date.parse('2026-12-08T04:08:00Z'))).toBe('2026-12-08 13:08:00');
  });

  it('refuses a time in the future beyond 5 minutes of clock skew: 13:08 in Korea when it is 07:30', () => {
    const r = checkEventTime(base({ occurredAt: new Date('2026-12-08T13:08:00+09:00') }));
    expect(r?.code).toBe('occurred_in_future');
    expect(r?.text.ko).toContain('2026-12-08 13:08:00');
    expect(r?.text.en).toContain('now 2026-12-08 07:30:00');
    // 07:34:59 is 4 min 59 s ahead: within the skew.
    expect(checkEventTime(base({ occurredAt: new Date('2026-12-08T07:34:59+09:00') }))).toBeNull();
    expect(checkEventTime(base({ occurredAt: new Date('2026-12-08T07:35:01+09:00') }))?.code).toBe('occurred_in_future');
  });

  it('refuses a time before the order date, in Korea: ordered 2026-12-01, an arrival at 2026-11-30 23:59 KST', () => {
    const r = checkEventTime(base({ type: 'ARRIVAL_REPORT_SUBMITTED', purchasedAt: '2026-12-01', occurredAt: new Date('2026-11-30T23:59:00+09:00') }));
    expect(r?.code).toBe('occurred_before_order');
    // 2026-12-01 00:00 KST (2026-11-30 15:00 UTC) is the order day: allowed.
    expect(checkEventTime(base({ type: 'ARRIVAL_REPORT_SUBMITTED', purchasedAt: '2026-12-01', occurredAt: new Date('2026-11-30T15:00:00Z') }))).toBeNull();
  });

  it('without an order date, refuses a time more than a year before the declaration date (a mistyped year: 2020), not a late declaration', () => {
    expect(checkEventTime(base({ type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: new Date('2020-01-01T00:00:00+09:00') }))?.code).toBe('occurred_before_declaration');
    // Declared 45 days after 반입: late (관세법 제241조③, a penalty), not impossible.
    expect(checkEventTime(base({ type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: new Date('2026-10-23T10:00:00+09:00') }))).toBeNull();
    // 2026-12-07 − 365 days = 2025-12-07, 00:00 KST: allowed; a minute before it refused.
    expect(checkEventTime(base({ type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: new Date('2025-12-07T00:00:00+09:00') }))).toBeNull();
    expect(checkEventTime(base({ type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: new Date('2025-12-06T23:59:00+09:00') }))?.code).toBe('occurred_before_declaration');
  });

  it('refuses a step of the goods dated before the step on record that it follows: 반입 07:00 after 하기 07:10', () => {
    const recorded = [
      { type: 'ARRIVAL_REPORT_ACCEPTED' as const, occurredAt: '2026-12-07T21:35:00Z' },
      { type: 'UNLOADING_ACCEPTED' as const, occurredAt: '2026-12-07T22:10:00Z' },
    ];
    const r = checkEventTime(base({ occurredAt: new Date('2026-12-08T07:00:00+09:00'), recorded }));
    expect(r?.code).toBe('occurred_before_previous');
    expect(r?.params).toMatchObject({ previousType: 'UNLOADING_ACCEPTED', previousAt: '2026-12-08 07:10:00' });
    expect(r?.text.ko).toContain("'하기신고 수리'(2026-12-08 07:10:00)");
    expect(checkEventTime(base({ occurredAt: new Date('2026-12-08T07:10:00+09:00'), recorded }))).toBeNull();
  });

  it('lets a late record of an earlier step through (it moves nothing), and a clearance event does not bound the goods', () => {
    const recorded = [
      { type: 'ARRIVAL_REPORT_ACCEPTED' as const, occurredAt: '2026-12-07T21:35:00Z' },
      { type: 'HOLD' as const, occurredAt: '2026-12-07T22:20:00Z' },
    ];
    // 입항적하목록 제출 at 03:56 posted after 입항보고 수리 at 06:35: the arrival stage stays.
    expect(checkEventTime(base({ type: 'MANIFEST_SUBMITTED', movesCargo: false, occurredAt: new Date('2026-12-08T03:56:00+09:00'), recorded }))).toBeNull();
    // 하기 at 07:00, posted after an officer's hold at 07:20: the goods were unloaded before the hold.
    expect(checkEventTime(base({ type: 'UNLOADING_ACCEPTED', occurredAt: new Date('2026-12-08T07:00:00+09:00'), recorded }))).toBeNull();
  });

  it('refuses 반출 dated before the 수리 it needs (통관목록심사완료 at 07:20, 반출 at 07:15)', () => {
    const recorded = [
      { type: 'WAREHOUSE_IN' as const, occurredAt: '2026-12-07T21:00:00Z' },
      { type: 'LIST_CLEARED' as const, occurredAt: '2026-12-07T22:20:00Z' },
    ];
    const r = checkEventTime(base({ type: 'WAREHOUSE_OUT', occurredAt: new Date('2026-12-08T07:15:00+09:00'), recorded }));
    expect(r?.params.previousType).toBe('LIST_CLEARED');
    expect(checkEventTime(base({ type: 'WAREHOUSE_OUT', occurredAt: new Date('2026-12-08T07:20:00+09:00'), recorded }))).toBeNull();
  });
});
