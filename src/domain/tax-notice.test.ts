// Tax notices: expected values worked out by hand (arithmetic in the comments), not by running the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Taxes } from './assessment.ts';
import { compileHolidayCalendar, deadlineOn, NO_LISTED_HOLIDAYS } from './holidays.ts';
import type { Dataset, HolidayCalendarRecords } from './reference/types.ts';
import { amountToPayKrw, dueDateOf, luhnCheckDigit, owesTaxes, passesLuhn, paymentNumberOf, shortfallTaxes, taxesAtPayment, taxNoticeOf, type TaxNoticeInput } from './tax-notice.ts';

// The real calendar (data/holidays.json), so that the holiday examples check the data too.
const holidaysFile = JSON.parse(readFileSync(new URL('../../data/holidays.json', import.meta.url), 'utf8')) as Dataset<HolidayCalendarRecords>;
const HOLIDAYS = compileHolidayCalendar(holidaysFile);

const TAXES: Taxes = { dutyKrw: 26_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 42_600, totalKrw: 68_600, collected: true };

const input = (over: Partial<TaxNoticeInput> = {}): TaxNoticeInput => ({
  declarationId: 1,
  cargoNo: '26TGW0000000001',
  declaredAt: '2026-11-18',
  status: 'import_declared',
  description: '티셔츠 Nike Dri-FIT',
  taxes: TAXES,
  events: [{ type: 'SUBMITTED', occurredAt: '2026-11-18T00:00:00.000Z' }],
  payment: null,
  today: '2026-11-25',
  holidays: HOLIDAYS,
  ...over,
});

describe('Luhn', () => {
  it('computes the check digit', () => {
    // 7992739871, from the right doubling every other digit starting with the rightmost:
    // 1→2, 7, 8→16→7, 9, 3→6, 7, 2→4, 9, 9→18→9, 7; sum 2+7+7+9+6+7+4+9+9+7 = 67; (10 − 7) mod 10 = 3.
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('checks card numbers', () => {
    // 4242424242424242: from the right 2, 4→8, 2, 4→8, … eight pairs of 2 + 8 = 80 ≡ 0 (mod 10).
    expect(passesLuhn('4242424242424242')).toBe(true);
    // 4000000000000002: 2 + (leftmost 4 doubled) 8 = 10 ≡ 0.
    expect(passesLuhn('4000000000000002')).toBe(true);
    // 4242424242424241: 1 + 8 + 7 × (2 + 8) = 79 ≢ 0.
    expect(passesLuhn('4242424242424241')).toBe(false);
  });
});

describe('paymentNumberOf', () => {
  it("is '9' + yy + id in 15 digits + the Luhn digit, 19 digits", () => {
    // body 926 000000000000001 (18 digits). From the right: 1→2, fourteen 0s, 6 (not doubled),
    // 2→4, 9 (not doubled): 2 + 6 + 4 + 9 = 21; (10 − 1) mod 10 = 9.
    expect(paymentNumberOf(1, 2026)).toBe('9260000000000000019');
    // body 925 000000000012345. From the right: 5→10→1, 4, 3→6, 2, 1→2, ten 0s, 5 (not doubled),
    // 2→4, 9: 1 + 4 + 6 + 2 + 2 + 5 + 4 + 9 = 33; (10 − 3) mod 10 = 7.
    expect(paymentNumberOf(12_345, 2025)).toBe('9250000000000123457');
    expect(paymentNumberOf(12_345, 2025)).toHaveLength(19);
    expect(passesLuhn(paymentNumberOf(987_654_321, 2026))).toBe(true);
  });
});

describe('due date (관세법 제9조① 1: 15 days from acceptance; 제8조③: not on a day off)', () => {
  const accepted = (occurredAt: string) => [{ type: 'IMPORT_ACCEPTED' as const, occurredAt }];
  // Weekdays from one anchor: 2026-10-03 is a Saturday (data/holidays.json, 개천절).

  it('keeps a due date on a plain weekday', () => {
    // accepted 2026-11-10: 10 + 15 = 2026-11-25. 10-03 Sat + 28 = 10-31 Sat, 11-01 Sun, + 21 = 11-22 Sun,
    // so 11-25 is a Wednesday, no holiday.
    expect(dueDateOf('2026-11-09', accepted('2026-11-10T01:00:00.000Z'), HOLIDAYS)).toEqual({ dueDate: '2026-11-25', provisional: false, movedFrom: null });
  });

  it('counts from 수입신고수리 across a month end and moves a Saturday to Monday', () => {
    // accepted 2026-11-20 (KST 10:00): 20 + 15 = 35 − 30 days of November = 2026-12-05;
    // 11-22 Sun + 7 = 11-29 Sun, + 7 = 12-06 Sun, so 12-05 is a Saturday → 12-06 Sunday → 12-07 Monday.
    expect(dueDateOf('2026-11-18', accepted('2026-11-20T01:00:00.000Z'), HOLIDAYS)).toEqual({
      dueDate: '2026-12-07',
      provisional: false,
      movedFrom: { date: '2026-12-05', ko: ['토요일'], en: ['a Saturday'] },
    });
    // 2026-11-19 16:00 UTC is 2026-11-20 01:00 in Korea: the Korean date counts
    expect(dueDateOf('2026-11-18', accepted('2026-11-19T16:00:00.000Z'), HOLIDAYS).dueDate).toBe('2026-12-07');
    // list clearance: 통관목록심사완료 on 2026-11-21: 21 + 15 = 36 − 30 = 2026-12-06, a Sunday → 12-07 Monday
    expect(dueDateOf('2026-11-18', [{ type: 'LIST_CLEARED', occurredAt: '2026-11-21T03:00:00.000Z' }], HOLIDAYS).dueDate).toBe('2026-12-07');
    // Without listed holidays weekends still move it (제8조③ 1 is in the Act itself).
    expect(dueDateOf('2026-11-18', accepted('2026-11-20T01:00:00.000Z'), NO_LISTED_HOLIDAYS).dueDate).toBe('2026-12-07');
  });

  it('moves a due date in the 추석 run past the 대체공휴일 and 한글날', () => {
    // accepted 2025-09-21: 21 + 15 = 36 − 30 days of September = 2025-10-06, 추석 (Monday).
    // 2025: 10-03 Fri 개천절, 10-04 Sat, 10-05 Sun 추석 전날, 10-06 Mon 추석, 10-07 Tue 추석 다음 날,
    // 10-08 Wed 대체공휴일 (추석 전날 fell on a Sunday, 공휴일에 관한 법률 제3조), 10-09 Thu 한글날,
    // 10-10 Fri: the first working day.
    expect(dueDateOf('2025-09-19', accepted('2025-09-21T02:00:00.000Z'), HOLIDAYS)).toEqual({
      dueDate: '2025-10-10',
      provisional: false,
      movedFrom: { date: '2025-10-06', ko: ['추석'], en: ['Chuseok'] },
    });
    // 2022: 추석 09-10 on a Saturday, 09-11 Sun 추석 다음 날, 09-12 Mon 대체공휴일 → 09-13 Tue.
    // accepted 2022-08-26: 26 + 15 = 41 − 31 days of August = 2022-09-10.
    expect(dueDateOf('2022-08-25', accepted('2022-08-26T02:00:00.000Z'), HOLIDAYS).dueDate).toBe('2022-09-13');
  });

  it("moves a due date on 근로자의 날 (May 1), which the Act names itself", () => {
    // accepted 2026-04-16: 16 + 15 = 31 − 30 days of April = 2026-05-01. 05-05 is a Tuesday (어린이날),
    // so 05-01 is a Friday → 05-02 Sat → 05-03 Sun → 05-04 Monday (not a holiday).
    expect(dueDateOf('2026-04-15', accepted('2026-04-16T02:00:00.000Z'), HOLIDAYS)).toEqual({
      dueDate: '2026-05-04',
      provisional: false,
      movedFrom: { date: '2026-05-01', ko: ['근로자의 날'], en: ["Workers' Day (May 1)"] },
    });
  });

  it('moves a due date on an election day', () => {
    // accepted 2026-05-19: 19 + 15 = 34 − 31 days of May = 2026-06-03, 제9회 전국동시지방선거일.
    // 05-24 is a Sunday (부처님오신날), + 7 = 05-31 Sun, so 06-03 is a Wednesday → 06-04 Thursday.
    expect(dueDateOf('2026-05-18', accepted('2026-05-19T02:00:00.000Z'), HOLIDAYS)).toEqual({
      dueDate: '2026-06-04',
      provisional: false,
      movedFrom: { date: '2026-06-03', ko: ['제9회 전국동시지방선거일'], en: ['Local elections day (9th)'] },
    });
  });

  it('moves 개천절 on a Saturday past Sunday and its 대체공휴일', () => {
    // accepted 2026-09-18: 18 + 15 = 33 − 30 = 2026-10-03 Sat 개천절 → 10-04 Sun → 10-05 Mon
    // 대체공휴일(개천절) → 10-06 Tuesday.
    const due = dueDateOf('2026-09-17', accepted('2026-09-18T02:00:00.000Z'), HOLIDAYS);
    expect(due).toEqual({ dueDate: '2026-10-06', provisional: false, movedFrom: { date: '2026-10-03', ko: ['토요일', '개천절'], en: ['a Saturday', 'National Foundation Day'] } });
    expect(deadlineOn('2026-10-03', HOLIDAYS).holidayVersions).toEqual(['holidays-2022-01-01']);
  });

  it('is provisional from the declaration date before acceptance, across a year end', () => {
    // 2026-11-18 + 15 = 33 − 30 = 2026-12-03, a Thursday (12-06 Sun − 3)
    expect(dueDateOf('2026-11-18', [], HOLIDAYS)).toEqual({ dueDate: '2026-12-03', provisional: true, movedFrom: null });
    // 2026-12-20 + 15 = 35 − 31 days of December = 2027-01-04: 12-06 Sun + 28 = 01-03 Sun, so a Monday
    expect(dueDateOf('2026-12-20', [], HOLIDAYS).dueDate).toBe('2027-01-04');
  });

  it('is never past before acceptance: once the provisional date has passed, 15 days from today', () => {
    // declared 2026-11-02: 11-02 + 15 = 2026-11-17 (Tue), passed on 2026-12-05 with no 수리 yet:
    // 12-05 + 15 = 2026-12-20, a Sunday (12-06 Sun + 14) → Monday 2026-12-21.
    expect(dueDateOf('2026-11-02', [], HOLIDAYS, '2026-12-05')).toEqual({ dueDate: '2026-12-21', provisional: true, movedFrom: { date: '2026-12-20', ko: ['일요일'], en: ['a Sunday'] } });
    // Through the provisional date itself it stands; accepted, today changes nothing.
    expect(dueDateOf('2026-11-02', [], HOLIDAYS, '2026-11-17').dueDate).toBe('2026-11-17');
    expect(dueDateOf('2026-11-02', [{ type: 'IMPORT_ACCEPTED', occurredAt: '2026-11-03T01:00:00.000Z' }], HOLIDAYS, '2026-12-05').dueDate).toBe('2026-11-18');
  });
});

describe('taxNoticeOf', () => {
  it('is due through the due date itself and overdue the day after', () => {
    const accepted = [{ type: 'IMPORT_ACCEPTED' as const, occurredAt: '2026-11-20T01:00:00.000Z' }];
    // 15th day 2026-12-05 (Sat) → due Monday 2026-12-07 (see above)
    const onDueDate = taxNoticeOf(input({ events: accepted, status: 'cleared', today: '2026-12-07' }))!;
    expect(onDueDate).toMatchObject({ status: 'due', dueDate: '2026-12-07', amountKrw: 68_600, paymentNo: '9260000000000000019', ref: '관세법 제9조(관세의 납부기한 등)' });
    expect(onDueDate.reason.ko).toBe(
      '관세 등 제세 68,600원을 2026-12-07까지 납부하세요(수입신고 수리일부터 15일 이내). 기한일 2026-12-05(토)이 토요일이어서 다음 날(휴일이 아닌 날)인 2026-12-07(월)로 연장되었습니다(관세법 제8조③).',
    );
    expect(onDueDate.reason.en).toBe(
      'Taxes of KRW 68,600 are due by 2026-12-07 (15 days from acceptance of the import declaration). The 15th day, 2026-12-05 (Sat), is a Saturday, so the due date moves to the next day that is not a day off, 2026-12-07 (Mon) (Customs Act art. 8(3)).',
    );
    const dayAfter = taxNoticeOf(input({ events: accepted, status: 'cleared', today: '2026-12-08' }))!;
    expect(dayAfter.status).toBe('overdue');
    expect(dayAfter.reason.en).toContain('overdue');
    expect(dayAfter.reason.ko).toContain('2026-12-07(월)로 연장');
    // The 68,600 is the taxes alone: a late payment may owe 가산세 besides, which the notice must not leave out unsaid.
    expect(dayAfter.reason.ko).toContain('기한이 지난 세액에는 가산세가 붙을 수 있으며(관세법 제42조) 이 금액에는 포함되어 있지 않습니다.');
    expect(dayAfter.reason.en).toContain('may owe a penalty tax (Customs Act art. 42), which this amount does not include.');
    expect(onDueDate.reason.ko).not.toContain('가산세');
  });

  it('is not overdue while the import is not accepted (held, or waiting in the warehouse), however long ago it was declared', () => {
    const waiting = taxNoticeOf(input({ declaredAt: '2026-11-02', events: [], status: 'in_warehouse', today: '2026-12-05' }))!;
    expect(waiting).toMatchObject({ status: 'due', dueDate: '2026-12-21' }); // as dueDateOf above
    expect(waiting.reason.ko).toContain('2026-12-21까지 납부하세요(수입신고 수리 전 잠정 기한');
    expect(taxNoticeOf(input({ declaredAt: '2026-11-02', events: [], status: 'held', today: '2026-12-05' }))!.status).toBe('due');
  });

  it('names the payment number of an overdue notice with the particle of 번호, not of its last digit', () => {
    // 9260000000000000019 ends in 9 (구: 로) but 3 would read 삼으로: the particle follows the word before the brackets.
    const late = taxNoticeOf(input({ events: [{ type: 'IMPORT_ACCEPTED', occurredAt: '2026-11-20T01:00:00.000Z' }], status: 'cleared', today: '2026-12-08' }))!;
    expect(late.reason.ko).toContain('전자납부번호(9260000000000000019)로 바로 납부하세요.');
  });

  it('says nothing of an extension when the due date is a working day', () => {
    // provisional 2026-11-18 + 15 = 2026-12-03, a Thursday
    const n = taxNoticeOf(input())!;
    expect(n.dueDate).toBe('2026-12-03');
    expect(n.reason.ko).toBe('관세 등 제세 68,600원을 2026-12-03까지 납부하세요(수입신고 수리 전 잠정 기한, 수리일부터 15일 이내).');
  });

  it('names the holiday in the explanation', () => {
    // 15th day 2026-10-03 (Sat, 개천절) → 2026-10-06 (Tue), as above
    const n = taxNoticeOf(input({ declaredAt: '2026-09-17', events: [{ type: 'IMPORT_ACCEPTED', occurredAt: '2026-09-18T02:00:00.000Z' }], status: 'cleared', today: '2026-09-20' }))!;
    expect(n.reason.ko).toContain('기한일 2026-10-03(토)이 토요일·개천절이어서 다음 날(휴일이 아닌 날)인 2026-10-06(화)로 연장되었습니다(관세법 제8조③).');
    expect(n.reason.en).toContain('The 15th day, 2026-10-03 (Sat), is a Saturday and National Foundation Day, so the due date moves');
  });

  it('carries the taxes, the first item and, once paid, the payment', () => {
    const paid = taxNoticeOf(
      input({ payment: { receiptNo: 'TR-0123456789ABCDEF', paidAt: '2026-11-24T15:30:00.000Z', method: 'card', payerKind: 'consumer', amountKrw: 68_600 }, today: '2027-02-01' }),
    )!;
    expect(paid.status).toBe('paid'); // paid beats overdue
    expect(paid.taxes).toEqual({ dutyKrw: 26_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 42_600, totalKrw: 68_600 });
    expect(paid.description).toBe('티셔츠 Nike Dri-FIT');
    // 15:30 UTC on 11-24 is 00:30 on 11-25 in Korea
    expect(paid.reason.ko).toBe('2026-11-25에 관세 등 제세 68,600원을 납부했습니다(영수번호 TR-0123456789ABCDEF).');
  });

  it('says a payment made after the due date may owe 가산세 billed apart (관세법 제42조); not one paid in time, nor before 수리', () => {
    // Accepted 2026-11-20: 15th day 2026-12-05 (Sat) → due Monday 2026-12-07; paid 2026-12-09 in Korea (00:30 KST on the 9th).
    const accepted = [{ type: 'IMPORT_ACCEPTED' as const, occurredAt: '2026-11-20T01:00:00.000Z' }];
    const pay = (paidAt: string) => ({ receiptNo: 'TR-LATE', paidAt, method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 68_600 });
    const late = taxNoticeOf(input({ events: accepted, status: 'cleared', payment: pay('2026-12-08T15:30:00.000Z'), today: '2026-12-10' }))!;
    expect(late.status).toBe('paid');
    expect(late.reason.ko).toBe(
      '2026-12-09에 관세 등 제세 68,600원을 납부했습니다(영수번호 TR-LATE). 납부기한(2026-12-07)이 지난 뒤 납부되어 가산세(관세법 제42조)가 따로 고지될 수 있습니다. 이 영수 금액에는 포함되어 있지 않습니다.',
    );
    expect(late.reason.en).toBe(
      'Taxes of KRW 68,600 were paid on 2026-12-09 (receipt no. TR-LATE). They were paid after the due date (2026-12-07), so a penalty tax (Customs Act art. 42) may be billed separately; it is not part of this receipt.',
    );
    // On the due date itself (2026-12-07 in Korea): in time.
    expect(taxNoticeOf(input({ events: accepted, status: 'cleared', payment: pay('2026-12-07T10:00:00.000Z'), today: '2026-12-10' }))!.reason.ko).not.toContain('가산세');
    // Before 수리 no due date has passed (provisional): 2026-12-20 is past 2026-12-03, but not late.
    expect(taxNoticeOf(input({ payment: pay('2026-12-20T01:00:00.000Z'), today: '2026-12-21' }))!.reason.ko).not.toContain('가산세');
  });

  it('is null when nothing is owed', () => {
    expect(taxNoticeOf(input({ taxes: { ...TAXES, collected: false } }))).toBeNull(); // under the minimum collection amount
    expect(taxNoticeOf(input({ taxes: { ...TAXES, totalKrw: 0 } }))).toBeNull();
    expect(taxNoticeOf(input({ taxes: null }))).toBeNull();
    expect(taxNoticeOf(input({ status: 'withdrawn' }))).toBeNull();
    expect(taxNoticeOf(input({ status: 'rejected' }))).toBeNull();
    expect(owesTaxes('held', TAXES)).toBe(true);
  });
});

describe('a parcel held on the consignee\'s own "not me" report: not payable while customs checks whose goods they are (관세법 제19조①1)', () => {
  // The same 68,600 (26,000 + 42,600) of a general parcel: an officer's hold keeps it payable; the
  // consignee's "not me" report (hold reason source consumer-report) does not ask them to pay it.
  const notMe = input({ route: 'general', status: 'held', holdReason: { source: 'consumer-report', at: '2026-11-20T01:00:00.000Z' } });

  it('is held, not payable, and says why and what happens next, in Korean and English', () => {
    const n = taxNoticeOf(notMe)!;
    expect(n.amountKrw).toBe(68_600);
    expect(n.status).toBe('held');
    expect(n.payable).toBe(false);
    expect(n.reason.ko).toContain("'내가 아님'");
    expect(n.reason.ko).toContain('68,600원');
    expect(n.reason.ko).toContain('관세법 제19조');
    expect(n.reason.ko).not.toContain('특송업체나 관세사'); // the engine hold's step, not this one's
    expect(n.reason.en).toContain('"Not me" report');
    expect(n.reason.en).toContain('KRW 68,600');
    expect(n.reason.en).toContain('you owe nothing');
  });

  it("an officer's hold of the same parcel stays payable, and so does the parcel once the report's hold is lifted", () => {
    const officer = taxNoticeOf({ ...notMe, holdReason: { source: 'officer', reason: '구매 증빙 필요' } })!;
    expect(officer).toMatchObject({ status: 'due', payable: true });
    expect(taxNoticeOf({ ...notMe, status: 'under_review' })!).toMatchObject({ status: 'due', payable: true });
  });

  it('a deposit into the account closed with the hold pays nothing: the notice stays unpaid and says it is returned, under its number, held or released since', () => {
    // 68,600 deposited while held (the bank faster than Toss's close): a refund due RF-00000007, by Monday 2026-11-30.
    const deposit = { refundNo: 'RF-00000007', amountKrw: 68_600, refundBy: '2026-11-30' };
    const held = taxNoticeOf({ ...notMe, depositsWhileHeld: [deposit] })!;
    expect(held).toMatchObject({ status: 'held', payable: false, payment: null });
    expect(held.reason.ko).toContain("'내가 아님'");
    expect(held.reason.ko).toContain('통관보류 중 입금하신 68,600원은 세금 납부로 처리하지 않고 돌려드립니다(환불번호 RF-00000007, 2026-11-30(월)까지).');
    expect(held.reason.en).toContain('The KRW 68,600 you deposited while the parcel was held does not pay the taxes and is returned to you (refund RF-00000007, by 2026-11-30 (Mon)).');
    // Released: 68,600 is due again (the deposit did not pay it), and the deposit is still returned.
    const released = taxNoticeOf({ ...notMe, status: 'under_review', depositsWhileHeld: [deposit] })!;
    expect(released).toMatchObject({ status: 'due', payable: true, payment: null, amountKrw: 68_600 });
    expect(released.reason.ko).toMatch(/^관세 등 제세 68,600원을 .*통관보류 중 입금하신 68,600원은 세금 납부로 처리하지 않고 돌려드립니다/);
  });
});

describe('a parcel the engine held (route hold): the taxes shown, not payable (관세법 제9조: due from 수리)', () => {
  // Declared 2026-11-18, held at intake (prohibited goods, or an import approval missing): no 수리, so nothing is due yet.
  const held = input({ route: 'hold', status: 'held', description: '영양제 Charlotte CBD 오일' });

  it('shows what would be owed, 26,000 + 42,600 = 68,600, and says nothing can be paid now and what to do', () => {
    const n = taxNoticeOf(held)!;
    expect(n.amountKrw).toBe(68_600);
    expect(n.taxes.totalKrw).toBe(68_600);
    expect(n.payable).toBe(false);
    // Not 'due': due means payable now, and a list asked for ?status=due counted it (with its 68,600) among what to pay.
    expect(n.status).toBe('held');
    expect(n.reason.ko).toContain('68,600원');
    expect(n.reason.ko).toContain('지금은 납부할 수 없습니다');
    expect(n.reason.ko).toContain('보류 사유');
    expect(n.reason.ko).toContain('특송업체나 관세사');
    expect(n.reason.ko).toContain('관세법 제9조');
    expect(n.reason.ko).not.toContain('까지 납부하세요');
    expect(n.reason.en).toContain('KRW 68,600');
    expect(n.reason.en).toContain('cannot be paid now');
    expect(n.reason.en).toContain('courier or a customs broker');
    expect(n.reason.en).toContain('Customs Act art. 9');
  });

  it('is held, not due, however long ago it was declared (never overdue before 수리), and paid once paid before the hold', () => {
    // Declared 2026-11-02, still held on 2026-12-05: the provisional date would have passed; held, not overdue.
    expect(taxNoticeOf({ ...held, declaredAt: '2026-11-02', events: [], today: '2026-12-05' })!.status).toBe('held');
    // Paid 68,600 before the engine held it (assessed again into the hold), the same 68,600 owed: paid, nothing waits.
    const paid = { receiptNo: 'TR-0123456789ABCDEF', paidAt: '2026-11-19T01:00:00.000Z', method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 68_600 };
    expect(taxNoticeOf({ ...held, payment: paid })!.status).toBe('paid');
    // Paid 68,600, assessed again at 78,600 into the hold: the 78,600 − 68,600 = 10,000 shortfall waits for the hold as the whole would.
    const higher: Taxes = { ...TAXES, dutyKrw: 30_000, vatKrw: 48_600, totalKrw: 78_600 };
    expect(taxNoticeOf({ ...held, taxes: higher, payment: paid })).toMatchObject({ status: 'held', payable: false, shortfallKrw: 10_000 });
  });

  it('stays payable when an officer held a general-clearance parcel (paying after 수입신고, before 수리, is allowed), and once released', () => {
    expect(taxNoticeOf(input({ route: 'general', status: 'held' }))).toMatchObject({ payable: true, status: 'due' });
    expect(taxNoticeOf(input({ route: 'general', status: 'held' }))!.payable).toBe(true);
    expect(taxNoticeOf(input({ route: 'general', status: 'import_declared' }))!.payable).toBe(true);
    expect(taxNoticeOf(input())!.payable).toBe(true); // route not given: as before
  });

  it('keeps what owesTaxes says (refunds and deposits count on it): a held parcel still owes the taxes it would', () => {
    expect(owesTaxes('held', TAXES)).toBe(true);
  });
});

describe('a payment that no longer matches the taxes (assessed again after it was paid)', () => {
  const paid = { receiptNo: 'TR-0123456789ABCDEF', paidAt: '2026-11-24T01:00:00.000Z', method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 68_600 };
  // Paid 26,000 + 42,600 = 68,600; corrected to a lower value: duty 16,000 + VAT 41,600 = 57,600.
  const LOWER: Taxes = { dutyKrw: 16_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 41_600, totalKrw: 57_600, collected: true };
  // Corrected upwards: duty 30,000 + VAT 48,600 = 78,600.
  const HIGHER: Taxes = { dutyKrw: 30_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 48_600, totalKrw: 78_600, collected: true };

  it('says the overpayment is refundable and whom to ask (68,600 paid − 57,600 owed = 11,000)', () => {
    const n = taxNoticeOf(input({ taxes: LOWER, payment: paid }))!;
    expect(n.status).toBe('paid');
    expect(n.reason.ko).toBe(
      '2026-11-24에 관세 등 제세 68,600원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 납부 후 세액이 57,600원으로 다시 산정되어 11,000원이 더 납부되었습니다. ' +
        '더 납부된 11,000원은 환급 대상입니다(관세법 제38조의3, 제46조). 자동으로 환급되지 않으니 영수번호 TR-0123456789ABCDEF를 적어 통관 포털의 상담(민원상담)으로 문의하세요.',
    );
    expect(n.reason.en).toContain('assessed again at KRW 57,600, so KRW 11,000 was paid too much and is refundable (Customs Act arts. 38-3 and 46)');
  });

  it('shows a refund made with its number, amount and day: 68,600 paid − 11,000 refunded = 57,600 = owed, paid; a second charge returned is shown, not netted', () => {
    const made = { refundNo: 'RF-00000007', amountKrw: 11_000, refundedAt: '2026-11-25T16:00:00.000Z', reason: 'reassessed_lower' };
    // 2026-11-25T16:00Z is 2026-11-26 01:00 in Korea: the day said is the Korean one.
    const second = { refundNo: 'RF-00000003', amountKrw: 68_600, refundedAt: '2026-11-25T01:00:00.000Z', reason: 'duplicate_charge_not_voided' };
    const n = taxNoticeOf(input({ taxes: LOWER, payment: paid, refundedKrw: 11_000, refundsMade: [second, made] }))!;
    expect(n).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null, refundsMade: [second, made] });
    expect(n.reason.ko).toContain('이미 환급된 11,000원을 빼면 납부된 세액은 57,600원입니다.');
    expect(n.reason.ko).toContain('두 번 결제된 68,600원이 2026-11-25에 환불되었습니다(환불번호 RF-00000003). 더 납부된 11,000원이 2026-11-26에 환급되었습니다(환불번호 RF-00000007).');
    expect(n.reason.en).toContain('The overpayment of KRW 11,000 was refunded on 2026-11-26 (refund RF-00000007).');
    expect(n.reason.ko).not.toContain('환급 대상');
    // None made: no such sentence, and the field is empty.
    expect(taxNoticeOf(input({ taxes: LOWER, payment: paid }))!.refundsMade).toEqual([]);
  });

  it('says the shortfall (78,600 owed − 68,600 paid = 10,000), and an operator payer asks the administrators', () => {
    const n = taxNoticeOf(input({ taxes: HIGHER, payment: { ...paid, payerKind: 'operator' } }))!;
    expect(n.reason.ko).toContain('납부 후 세액이 78,600원으로 다시 산정되어 10,000원이 부족합니다(관세법 제38조의2).');
    expect(n.reason.ko).toContain('플랫폼 운영 관리자에게 문의하세요.');
    expect(n.reason.ko).not.toContain('민원상담');
    expect(n.reason.en).toContain('so KRW 10,000 is still owed');
  });

  it("tells the operator reading its list to ask the administrators on every text, whoever paid (the consultation is the consumer's)", () => {
    // The consumer paid 68,600; assessed again at 78,600, the operator paid the 10,000 shortfall; then assessed again at
    // 57,600: 68,600 + 10,000 − 57,600 = 21,000 overpaid, its refund due recorded not refunded (no open record).
    const byOperator = { receiptNo: 'TR-FEDCBA9876543210', paidAt: '2026-11-25T02:00:00.000Z', method: 'card' as const, payerKind: 'operator' as const, amountKrw: 10_000 };
    const mixed = { taxes: LOWER, payment: paid, shortfallPayments: [byOperator] };
    const ops = taxNoticeOf(input({ ...mixed, reader: 'operator' }))!;
    expect(ops.reason.ko).toContain('21,000원이 더 납부되었습니다. 더 납부된 21,000원은 환급 대상입니다(관세법 제38조의3, 제46조). 자동으로 환급되지 않으니 영수번호 TR-0123456789ABCDEF를 적어 플랫폼 운영 관리자에게 문의하세요.');
    expect(ops.reason.ko).not.toContain('민원상담');
    expect(ops.reason.en).toContain('contact the platform administrators (운영 관리자)');
    // The consumer's own notice (no reader: the payer of the notice's payment decides) keeps the consultation.
    expect(taxNoticeOf(input(mixed))!.reason.ko).toContain('통관 포털의 상담(민원상담)으로 문의하세요.');
    // The open refund due of the 21,000 (reassessedRefundText): the operator asks the administrators too.
    const refund = { refundNo: 'RF-00000009', amountKrw: 21_000, refundBy: '2026-12-02' };
    const open = taxNoticeOf(input({ ...mixed, refund, reader: 'operator' }))!;
    expect(open.reason.ko).toContain('환불번호를 적어 플랫폼 운영 관리자에게 문의하세요.');
    expect(open.reason.ko).not.toContain('민원상담');
    // The notice's payment undone (payment null), the consumer's shortfall of 10,000 standing, then withdrawn: 10,000 − 0 refundable.
    const theirs = { ...byOperator, payerKind: 'consumer' as const };
    const undone = taxNoticeOf(input({ status: 'withdrawn', taxes: HIGHER, payment: null, shortfallPayments: [theirs], reader: 'operator' }))!;
    expect(undone.reason.ko).toContain('신고가 취하되어 납부하신 10,000원 전액이 환급 대상입니다(관세법 제250조, 제46조). 자동으로 환급되지 않으니 영수번호 TR-FEDCBA9876543210를 적어 플랫폼 운영 관리자에게 문의하세요.');
    expect(undone.reason.ko).not.toContain('민원상담');
  });

  it('makes the shortfall payable on the notice: due again for 78,600 − 68,600 = 10,000, then paid in full', () => {
    const short = taxNoticeOf(input({ taxes: HIGHER, payment: paid }))!;
    expect(short.status).toBe('due');
    expect(short.shortfallKrw).toBe(10_000);
    expect(short.amountKrw).toBe(78_600);
    expect(short.reason.ko).toContain('부족한 10,000원을 같은 전자납부번호로 추가 납부하세요(카드 또는 계좌이체).');
    expect(short.reason.en).toContain('Pay the KRW 10,000 shortfall on this notice');
    // The shortfall paid: 68,600 + 10,000 = 78,600 paid, nothing short, paid in full.
    const extra = { receiptNo: 'TR-FEDCBA9876543210', paidAt: '2026-11-25T02:00:00.000Z', method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 10_000 };
    const full = taxNoticeOf(input({ taxes: HIGHER, payment: paid, shortfallPayments: [extra] }))!;
    expect(full.status).toBe('paid');
    expect(full.shortfallKrw).toBe(0);
    expect(full.shortfallPayments).toEqual([extra]);
    expect(full.reason.ko).toBe(
      '2026-11-24에 관세 등 제세 68,600원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 다시 산정된 세액의 부족분 10,000원을 2026-11-25에 추가로 납부했습니다(영수번호 TR-FEDCBA9876543210). 다시 산정된 세액 78,600원을 모두 납부했습니다.',
    );
    expect(full.reason.en).toContain('The taxes as assessed again, KRW 78,600, are paid in full.');
    // Assessed lower again after the shortfall was paid (78,600 paid, now 57,600): 21,000 overpaid, all payments counted.
    expect(taxNoticeOf(input({ taxes: LOWER, payment: paid, shortfallPayments: [extra] }))!.reason.ko).toContain('21,000원이 더 납부되었습니다');
  });

  it("counts the shortfall that stands when the notice's first payment is undone: 78,600 − 10,000 = 68,600 owed, not 78,600", () => {
    // Paid 68,600, assessed again at 78,600, the shortfall 10,000 paid; then the bank reversed the 68,600 (payment null, the shortfall stands).
    const extra = { receiptNo: 'TR-FEDCBA9876543210', paidAt: '2026-11-25T02:00:00.000Z', method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 10_000 };
    const n = taxNoticeOf(input({ taxes: HIGHER, payment: null, shortfallPayments: [extra] }))!;
    expect(n).toMatchObject({ status: 'due', amountKrw: 78_600, shortfallKrw: 68_600, payment: null, shortfallPayments: [extra] });
    expect(amountToPayKrw(n)).toBe(68_600);
    expect(n.reason.ko).toBe(
      `처음 납부한 세액의 납부가 취소되었습니다. 관세 등 제세 78,600원 중 부족세액으로 추가 납부한 10,000원(영수번호 TR-FEDCBA9876543210)은 납부된 그대로이니, 나머지 68,600원을 ${n.dueDate}까지 같은 전자납부번호로 납부하세요(관세법 제9조).`,
    );
    expect(n.reason.en).toBe(
      `The notice's first payment was undone. Of the taxes of KRW 78,600, the shortfall of KRW 10,000 paid since (receipt no. TR-FEDCBA9876543210) stands; pay the remaining KRW 68,600 by ${n.dueDate} with the same payment number (Customs Act art. 9).`,
    );
    // Nothing paid at all: the whole notice is to pay.
    expect(amountToPayKrw(taxNoticeOf(input({ taxes: HIGHER, payment: null }))!)).toBe(78_600);
    // Withdrawn after: nothing owed, the 10,000 that stands is refundable (paid − 0).
    const withdrawn = taxNoticeOf(input({ status: 'withdrawn', taxes: HIGHER, payment: null, shortfallPayments: [extra] }))!;
    expect(withdrawn).toMatchObject({ status: 'paid', shortfallKrw: 0 });
    expect(withdrawn.reason.ko).toContain('신고가 취하되어 납부하신 10,000원 전액이 환급 대상입니다');
  });

  it('owes no shortfall when the new taxes are under the minimum collected (the whole tax under KRW 10,000: 관세법 제40조)', () => {
    // Assessed again at 9,000 in all, not collected: nothing owed; the 68,600 paid is overpaid.
    const n = taxNoticeOf(input({ taxes: { ...LOWER, totalKrw: 9_000, collected: false }, payment: paid }))!;
    expect(n.shortfallKrw).toBe(0);
    expect(n.status).toBe('paid');
  });

  it('refunds all of it once nothing is owed: withdrawn, or under the minimum collection', () => {
    // Withdrawn or refused, no refund recorded (yet): all 68,600 paid is refundable, and the notice says why (before: "assessed again at 0원").
    const withdrawn = taxNoticeOf(input({ status: 'withdrawn', payment: paid }))!;
    expect(withdrawn.reason.ko).toContain('신고가 취하되어 납부하신 68,600원 전액이 환급 대상입니다(관세법 제250조, 제46조). 자동으로 환급되지 않으니');
    expect(withdrawn.reason.en).toContain('The declaration was withdrawn, so the KRW 68,600 paid is refundable in full (Customs Act arts. 250 and 46).');
    expect(withdrawn.reason.ko).not.toContain('다시 산정');
    const refused = taxNoticeOf(input({ status: 'rejected', payment: paid }))!;
    expect(refused.reason.ko).toContain('통관이 불허되어 납부하신 68,600원 전액이 환급 대상입니다(관세법 제46조).');
    expect(refused.reason.en).toContain('Clearance was refused, so the KRW 68,600 paid is refundable in full (Customs Act art. 46).');
    expect(taxNoticeOf(input({ taxes: { ...LOWER, totalKrw: 9_000, collected: false }, payment: paid }))!.reason.ko).toContain('세액이 0원으로 다시 산정되어 68,600원이 더 납부되었습니다');
  });

  it('shows the overpayment recorded for a refund, its number and day, once recorded (68,600 paid − 57,600 owed = 11,000)', () => {
    const refund = { refundNo: 'RF-00000012', amountKrw: 11_000, refundBy: '2026-11-27' };
    const n = taxNoticeOf(input({ taxes: LOWER, payment: paid, refund }))!;
    expect(n.refund).toEqual(refund);
    expect(n.reason.ko).toBe(
      '2026-11-24에 관세 등 제세 68,600원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 납부 후 세액이 57,600원으로 다시 산정되어 11,000원이 더 납부되었습니다. ' +
        '더 납부된 11,000원은 환급 대상으로 등록되었습니다(환불번호 RF-00000012, 관세법 제46조 과오납금의 환급). 2026-11-27(금)까지 결제하신 수단으로 환급됩니다. ' +
        '그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.',
    );
    expect(n.reason.en).toContain('so KRW 11,000 was paid too much. It is recorded for a refund (refund RF-00000012; Customs Act art. 46, refund of taxes overpaid). It will be refunded to the means you paid with by 2026-11-27 (Fri).');
    expect(n.reason.ko).not.toContain('자동으로 환급되지 않으니');
    // A record of another amount is not this difference (e.g. 10,000 from an earlier assessment): the notice does not show it.
    const stale = taxNoticeOf(input({ taxes: LOWER, payment: paid, refund: { ...refund, amountKrw: 10_000 } }))!;
    expect(stale.refund).toBeNull();
    expect(stale.reason.ko).toContain('자동으로 환급되지 않으니');
    // Withdrawn: all of it, 68,600 − 0, recorded; the notice says why, its number and day.
    const withdrawn = taxNoticeOf(input({ status: 'withdrawn', payment: paid, refund: { ...refund, amountKrw: 68_600 } }))!;
    expect(withdrawn.refund?.amountKrw).toBe(68_600);
    expect(withdrawn.status).toBe('paid');
    expect(withdrawn.reason.ko).toBe(
      '2026-11-24에 관세 등 제세 68,600원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 신고가 취하되어 납부하신 68,600원 전액이 환급 대상으로 등록되었습니다' +
        '(환불번호 RF-00000012, 관세법 제250조 신고의 취하, 제46조 과오납금의 환급). 2026-11-27(금)까지 결제하신 수단으로 환급됩니다. ' +
        '그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.',
    );
    expect(withdrawn.reason.en).toContain(
      'The declaration was withdrawn, so the KRW 68,600 paid is recorded for a refund in full (refund RF-00000012; Customs Act art. 250, withdrawal of a declaration, and art. 46, refund of taxes overpaid).',
    );
  });

  describe('refunds already made count (reassessed_lower refunds an administrator recorded as made)', () => {
    // Paid 136,530; corrected lower (86,580) and the 49,950 refunded; so 136,530 − 49,950 = 86,580 counts as paid.
    const P136 = { ...paid, amountKrw: 136_530 };
    const T136: Taxes = { dutyKrw: 51_530, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 85_000, totalKrw: 136_530, collected: true };
    const T86: Taxes = { dutyKrw: 32_580, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 54_000, totalKrw: 86_580, collected: true };

    it('asks for the refunded part again when the taxes are corrected back up: 136,530 − (136,530 − 49,950) = 49,950 short (before: paid in full)', () => {
      const n = taxNoticeOf(input({ taxes: T136, payment: P136, refundedKrw: 49_950 }))!;
      expect(n).toMatchObject({ status: 'due', amountKrw: 136_530, shortfallKrw: 49_950, refund: null });
      expect(amountToPayKrw(n)).toBe(49_950);
      expect(n.reason.ko).toBe(
        '2026-11-24에 관세 등 제세 136,530원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 이미 환급된 49,950원을 빼면 납부된 세액은 86,580원입니다. ' +
          '납부 후 세액이 136,530원으로 다시 산정되어 49,950원이 부족합니다(관세법 제38조의2). 부족한 49,950원을 같은 전자납부번호로 추가 납부하세요(카드 또는 계좌이체). ' +
          '궁금한 점은 영수번호 TR-0123456789ABCDEF를 적어 통관 포털의 상담(민원상담)으로 문의하세요.',
      );
      expect(n.reason.en).toContain('KRW 49,950 of it was already refunded, so KRW 86,580 counts as paid. After the payment the taxes were assessed again at KRW 136,530, so KRW 49,950 is still owed');
      // The shortfall paid: 136,530 + 49,950 − 49,950 = 136,530 = the taxes: paid in full, nothing refundable.
      const extra = { receiptNo: 'TR-FEDCBA9876543210', paidAt: '2026-11-25T02:00:00.000Z', method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 49_950 };
      const full = taxNoticeOf(input({ taxes: T136, payment: P136, shortfallPayments: [extra], refundedKrw: 49_950 }))!;
      expect(full).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null });
      expect(amountToPayKrw(full)).toBe(0);
      expect(full.reason.ko).toContain('이미 환급된 49,950원을 빼면 납부된 세액은 136,530원입니다. 다시 산정된 세액 136,530원을 모두 납부했습니다.');
      expect(full.reason.ko).not.toContain('환급 대상');
    });

    it('is paid, with nothing refundable, at the amount refunded down to: 136,530 − 49,950 = 86,580 owed (before: "49,950 refundable, ask")', () => {
      const n = taxNoticeOf(input({ taxes: T86, payment: P136, refundedKrw: 49_950 }))!;
      expect(n).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null });
      expect(n.reason.ko).toBe(
        '2026-11-24에 관세 등 제세 136,530원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 이미 환급된 49,950원을 빼면 납부된 세액은 86,580원입니다. 다시 산정된 세액 86,580원을 모두 납부했습니다.',
      );
    });

    it('withdrawn and refunded in full: 136,530 paid − 136,530 refunded = 0 paid, 0 owed: says so (before: "다시 산정된 세액 0원을 모두 납부했습니다")', () => {
      const n = taxNoticeOf(input({ status: 'withdrawn', taxes: T136, payment: P136, refundedKrw: 136_530 }))!;
      expect(n).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null });
      expect(n.reason.ko).toBe(
        '2026-11-24에 관세 등 제세 136,530원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 이미 환급된 136,530원을 빼면 납부된 세액은 0원입니다. ' +
          '신고가 취하되어 낼 세액이 없고, 납부하신 136,530원은 모두 환급되었습니다(관세법 제250조, 제46조).',
      );
      expect(n.reason.en).toContain('The declaration was withdrawn, so no taxes are owed; the KRW 136,530 paid was refunded in full (Customs Act arts. 250 and 46).');
      const refused = taxNoticeOf(input({ status: 'rejected', taxes: T136, payment: P136, refundedKrw: 136_530 }))!;
      expect(refused.reason.ko).toContain('통관이 불허되어 낼 세액이 없고, 납부하신 136,530원은 모두 환급되었습니다(관세법 제46조).');
    });

    it("shows the withdrawal's refund due of what is left, 136,530 − 49,950 − 0 = 86,580, not 136,530 in full", () => {
      const refund = { refundNo: 'RF-00000013', amountKrw: 86_580, refundBy: '2026-11-30' };
      const n = taxNoticeOf(input({ status: 'withdrawn', taxes: T86, payment: P136, refund, refundedKrw: 49_950 }))!;
      expect(n).toMatchObject({ status: 'paid', shortfallKrw: 0, refund });
      expect(n.reason.ko).toBe(
        '2026-11-24에 관세 등 제세 136,530원을 납부했습니다(영수번호 TR-0123456789ABCDEF). 이미 환급된 49,950원을 빼면 납부된 세액은 86,580원입니다. ' +
          '신고가 취하되어 납부하신 136,530원 중 이미 환급된 49,950원을 뺀 86,580원이 환급 대상으로 등록되었습니다(환불번호 RF-00000013, 관세법 제250조 신고의 취하, 제46조 과오납금의 환급). ' +
          '2026-11-30(월)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.',
      );
      expect(n.reason.en).toContain(
        'The declaration was withdrawn, so of the KRW 136,530 paid, the KRW 86,580 left after the KRW 49,950 already refunded is recorded for a refund (refund RF-00000013;',
      );
      expect(n.reason.ko).not.toContain('전액');
      // Refused, no record (yet): the same net amount, without 전액.
      const refused = taxNoticeOf(input({ status: 'rejected', taxes: T86, payment: P136, refundedKrw: 49_950 }))!;
      expect(refused.refund).toBeNull();
      expect(refused.reason.ko).toContain('통관이 불허되어 납부하신 136,530원 중 이미 환급된 49,950원을 뺀 86,580원이 환급 대상입니다(관세법 제46조). 자동으로 환급되지 않으니');
      expect(refused.reason.en).toContain('Clearance was refused, so of the KRW 136,530 paid, the KRW 86,580 left after the KRW 49,950 already refunded is refundable (Customs Act art. 46).');
      expect(refused.reason.ko).not.toContain('전액');
    });

    it('counts refunds made also when only a shortfall stands: 57,600 owed − (10,000 − 21,000) = 68,600 to pay', () => {
      // 68,600 paid, 78,600 assessed, 10,000 shortfall paid, 57,600 assessed: 21,000 refunded; then the 68,600 reversed.
      const extra = { receiptNo: 'TR-FEDCBA9876543210', paidAt: '2026-11-25T02:00:00.000Z', method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 10_000 };
      const n = taxNoticeOf(input({ taxes: LOWER, payment: null, shortfallPayments: [extra], refundedKrw: 21_000 }))!;
      expect(n).toMatchObject({ status: 'due', shortfallKrw: 68_600 });
      expect(amountToPayKrw(n)).toBe(68_600);
      expect(n.reason.ko).toContain('추가 납부한 10,000원(영수번호 TR-FEDCBA9876543210)은 납부된 그대로이나 이미 환급된 21,000원을 빼고 계산하니, 나머지 68,600원을');
      expect(n.reason.en).toContain('(receipt no. TR-FEDCBA9876543210) stands, less the KRW 21,000 already refunded; pay the remaining KRW 68,600');
    });
  });

  it('adds nothing when the payment matches', () => {
    expect(taxNoticeOf(input({ payment: paid }))!.reason.ko).not.toContain('다시 산정');
  });

  it('breaks down what a shortfall paid: the new assessment less the one paid before, tax by tax', () => {
    // HIGHER 30,000 + 48,600 = 78,600 after TAXES 26,000 + 42,600 = 68,600: duty 4,000 + VAT 6,000 = 10,000.
    expect(shortfallTaxes(68_600, 78_600, [HIGHER, TAXES])).toEqual({ dutyKrw: 4_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 6_000, totalKrw: 10_000 });
    expect(shortfallTaxes(68_600, 80_000, [HIGHER, TAXES])).toBeNull();
  });

  it('finds the taxes a payment paid: the latest version whose total is the amount', () => {
    // Current 57,600 (after the correction), then the version paid (68,600), then an older 68,600 with another split.
    const OLDER: Taxes = { ...TAXES, dutyKrw: 20_000, vatKrw: 48_600 };
    expect(taxesAtPayment(68_600, [LOWER, TAXES, OLDER])).toEqual({ dutyKrw: 26_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 42_600, totalKrw: 68_600 });
    expect(taxesAtPayment(57_600, [LOWER, TAXES])?.dutyKrw).toBe(16_000);
    expect(taxesAtPayment(1_000, [LOWER, null])).toBeNull();
  });
});

describe('an overpayment refunded in parts, one per charge (reassessed-refunds.ts allocateRefund)', () => {
  // Paid 68,600 by card, corrected up to 78,600, the 10,000 shortfall by transfer; withdrawn: 68,600 + 10,000 − 0 = 78,600 refundable,
  // recorded as 10,000 to the transfer (the latest charge) and 78,600 − 10,000 = 68,600 to the card (never more than that charge).
  const HIGHER: Taxes = { ...TAXES, vatKrw: 52_600, totalKrw: 78_600 };
  const card = { receiptNo: 'TR-00000000000000A1', paidAt: '2026-11-20T01:00:00.000Z', method: 'card' as const, payerKind: 'consumer' as const, amountKrw: 68_600 };
  const transfer = { receiptNo: 'TR-00000000000000B2', paidAt: '2026-11-22T01:00:00.000Z', method: 'transfer' as const, payerKind: 'consumer' as const, amountKrw: 10_000 };
  const parts = [
    { refundNo: 'RF-00000007', amountKrw: 10_000, refundBy: '2026-11-30', receiptNo: transfer.receiptNo },
    { refundNo: 'RF-00000008', amountKrw: 68_600, refundBy: '2026-11-30', receiptNo: card.receiptNo },
  ];

  it('shows each record with its number, amount and receipt, adding up to the overpayment (10,000 + 68,600 = 78,600)', () => {
    const n = taxNoticeOf(input({ status: 'withdrawn', taxes: HIGHER, payment: card, shortfallPayments: [transfer], refunds: parts }))!;
    expect(n.refunds).toEqual(parts);
    expect(n.refund).toEqual(parts[0]);
    expect(n.reason.ko).toContain(
      '신고가 취하되어 납부하신 78,600원 전액이 환급 대상으로 등록되었습니다(환불번호 RF-00000007 10,000원(영수번호 TR-00000000000000B2), RF-00000008 68,600원(영수번호 TR-00000000000000A1), 관세법 제250조',
    );
    expect(n.reason.en).toContain('the KRW 78,600 paid is recorded for a refund in full (refund RF-00000007, KRW 10,000 (receipt no. TR-00000000000000B2), and RF-00000008, KRW 68,600 (receipt no. TR-00000000000000A1); Customs Act art. 250');
  });

  it('does not show records that do not add up to the overpayment (10,000 alone of 78,600) as its refund', () => {
    const n = taxNoticeOf(input({ status: 'withdrawn', taxes: HIGHER, payment: card, shortfallPayments: [transfer], refunds: parts.slice(0, 1) }))!;
    expect(n.refunds).toEqual([]);
    expect(n.refund).toBeNull();
    expect(n.reason.ko).toContain('78,600원 전액이 환급 대상입니다');
  });
});
