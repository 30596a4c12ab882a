// A reassessment refund split over the charges that paid the declaration (reassessed-refunds.ts allocateRefund,
// reassessedRefundPlan): a provider cancels part of a charge, never more than the charge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateRefund,
  leftOfCharge,
  reassessedRefundPlan,
  reassessedRefundText,
  reassessedRefundTxOf,
  reassessedSituationOf,
  type RefundableCharge,
} from './reassessed-refunds.ts';
import { refundDueCancelledText, refundDueSuccessorOf } from './refund-events.ts';

const card = (amountKrw: number, refundedKrw = 0): RefundableCharge => ({ charge: 'card', amountKrw, refundedKrw });
const transfer = (amountKrw: number, refundedKrw = 0): RefundableCharge => ({ charge: 'transfer', amountKrw, refundedKrw });

describe('allocateRefund: one part per charge, the latest first, each at most what is left of it', () => {
  it('paid 100,000 by card, corrected to 150,000, the 50,000 shortfall by transfer, withdrawn: 150,000 = 50,000 from the transfer + 100,000 from the card (not 150,000 against the 100,000 card charge)', () => {
    // 150,000 to refund; the transfer (paid last) has 50,000 left: all of it; 150,000 − 50,000 = 100,000 from the card, all of it.
    expect(allocateRefund([card(100_000), transfer(50_000)], 150_000)).toEqual([
      { charge: 'transfer', amountKrw: 50_000 },
      { charge: 'card', amountKrw: 100_000 },
    ]);
  });

  it('a correction lower than the shortfall touches the latest charge only: 100,000 + 50,000 paid, corrected to 120,000: 30,000 from the transfer', () => {
    // 150,000 − 120,000 = 30,000 ≤ the transfer's 50,000.
    expect(allocateRefund([card(100_000), transfer(50_000)], 30_000)).toEqual([{ charge: 'transfer', amountKrw: 30_000 }]);
  });

  it('counts what was already refunded from each charge: 30,000 of the transfer refunded, then withdrawn: 150,000 − 30,000 = 120,000 = 20,000 from the transfer + 100,000 from the card', () => {
    // The transfer has 50,000 − 30,000 = 20,000 left; 120,000 − 20,000 = 100,000 from the card.
    expect(allocateRefund([card(100_000), transfer(50_000, 30_000)], 120_000)).toEqual([
      { charge: 'transfer', amountKrw: 20_000 },
      { charge: 'card', amountKrw: 100_000 },
    ]);
    // A charge refunded in full is skipped: the transfer's 50,000 all refunded, 100,000 from the card.
    expect(allocateRefund([card(100_000), transfer(50_000, 50_000)], 100_000)).toEqual([{ charge: 'card', amountKrw: 100_000 }]);
  });

  it('one charge: the whole refund from it, as before; nothing to refund: no part', () => {
    expect(allocateRefund([card(36_320)], 16_320)).toEqual([{ charge: 'card', amountKrw: 16_320 }]);
    expect(allocateRefund([card(36_320)], 0)).toEqual([]);
  });

  it('never more than is left of all the charges together: 100,000 + 50,000 left, 200,000 asked: 150,000 in all', () => {
    expect(allocateRefund([card(100_000), transfer(50_000)], 200_000)).toEqual([
      { charge: 'transfer', amountKrw: 50_000 },
      { charge: 'card', amountKrw: 100_000 },
    ]);
  });

  it('property: the parts sum to the amount to refund (up to what is left), each at most what is left of its charge, none 0 or less, one per charge', () => {
    const charges = fc.array(
      fc.record({ amountKrw: fc.integer({ min: 1, max: 5_000_000 }), refundedFraction: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ amountKrw, refundedFraction }) => ({
        amountKrw,
        refundedKrw: Math.floor(amountKrw * refundedFraction),
      })),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(charges, fc.double({ min: 0, max: 1.2, noNaN: true }), (raw, share) => {
        const cs: RefundableCharge[] = raw.map((c, i) => ({ charge: `c${i}`, ...c }));
        const left = cs.reduce((sum, c) => sum + leftOfCharge(c), 0);
        const amount = Math.floor(left * share);
        const parts = allocateRefund(cs, amount);
        expect(parts.reduce((sum, p) => sum + p.amountKrw, 0)).toBe(Math.min(amount, left));
        for (const p of parts) {
          expect(p.amountKrw).toBeGreaterThan(0);
          expect(p.amountKrw).toBeLessThanOrEqual(leftOfCharge(cs.find((c) => c.charge === p.charge)!));
        }
        expect(new Set(parts.map((p) => p.charge)).size).toBe(parts.length);
        // The latest first: a charge is drawn from only once every later one is used up.
        for (const p of parts.slice(0, -1)) expect(p.amountKrw).toBe(leftOfCharge(cs.find((c) => c.charge === p.charge)!));
      }),
      { numRuns: 500 },
    );
  });
});

describe('reassessedRefundPlan with several charges', () => {
  const why = 'declaration withdrawn after payment (Customs Act art. 250): nothing is owed (version 2)';
  const paid = [card(100_000), transfer(50_000)];

  it('records one part per charge: paid 100,000 + 50,000, withdrawn: 150,000 − 0 = 150,000 in two', () => {
    expect(reassessedRefundPlan(150_000, 0, [], why, 0, paid)).toEqual({
      keep: [],
      create: [
        { charge: 'transfer', amountKrw: 50_000 },
        { charge: 'card', amountKrw: 100_000 },
      ],
      resolve: [],
    });
  });

  it('keeps the parts when the same overpayment is found again (50,000 + 100,000 = 150,000, each within its charge)', () => {
    const open = [
      { id: 7, amountKrw: 50_000, charge: 'transfer' },
      { id: 8, amountKrw: 100_000, charge: 'card' },
    ];
    expect(reassessedRefundPlan(150_000, 0, open, why, 0, paid)).toEqual({ keep: [7, 8], create: [], resolve: [] });
  });

  it('keeps the part left open when the same situation was recorded and an administrator resolved the other as not refunded (100,000 open of 150,000)', () => {
    expect(reassessedRefundPlan(150_000, 0, [{ id: 8, amountKrw: 100_000, charge: 'card' }], why, 0, paid, true)).toEqual({ keep: [8], create: [], resolve: [] });
    // Not recorded before (a new situation): the 100,000 no longer holds the overpayment; the card's part is the same (100,000), kept under its number, the transfer's 50,000 recorded anew.
    expect(reassessedRefundPlan(150_000, 0, [{ id: 8, amountKrw: 100_000, charge: 'card' }], why, 0, paid, false)).toMatchObject({ keep: [8], create: [{ charge: 'transfer', amountKrw: 50_000 }], resolve: [] });
  });

  it('supersedes every open part in a new situation: 30,000 open from the transfer (corrected to 120,000), then withdrawn: 150,000 in two parts anew', () => {
    const plan = reassessedRefundPlan(150_000, 0, [{ id: 7, amountKrw: 30_000, charge: 'transfer' }], why, 0, paid);
    expect(plan.create).toEqual([
      { charge: 'transfer', amountKrw: 50_000 },
      { charge: 'card', amountKrw: 100_000 },
    ]);
    expect(plan.resolve).toEqual([
      { id: 7, resolution: `superseded: ${why}, taxes KRW 0; the overpayment is now KRW 150,000 (KRW 150,000 paid), recorded anew in 2 parts, one per charge` },
    ]);
    // 50,000 + 70,000 open (corrected to 30,000), then withdrawn: 50,000 + 100,000; the transfer's 50,000 is the same (kept), the card's 70,000 → 100,000 superseded.
    const both = reassessedRefundPlan(150_000, 0, [{ id: 7, amountKrw: 50_000, charge: 'transfer' }, { id: 8, amountKrw: 70_000, charge: 'card' }], why, 0, paid);
    expect(both.resolve.map((r) => r.id)).toEqual([8]);
    expect(both.keep).toEqual([7]);
    // 40,000 + 100,000 open against 50,000 + 100,000: only the transfer's superseded, the card's kept.
    const card100 = reassessedRefundPlan(150_000, 0, [{ id: 7, amountKrw: 40_000, charge: 'transfer' }, { id: 8, amountKrw: 100_000, charge: 'card' }], why, 0, paid);
    expect([card100.keep, card100.resolve.map((r) => r.id), card100.create]).toEqual([[8], [7], [{ charge: 'transfer', amountKrw: 50_000 }]]);
  });

  it('supersedes a record of the right amount that asks more than its charge holds: 150,000 against the 100,000 card (recorded so before the split), even found again', () => {
    const plan = reassessedRefundPlan(150_000, 0, [{ id: 5, amountKrw: 150_000, charge: 'card' }], why, 0, paid, true);
    expect(plan.resolve.map((r) => r.id)).toEqual([5]);
    expect(plan.create).toEqual([
      { charge: 'transfer', amountKrw: 50_000 },
      { charge: 'card', amountKrw: 100_000 },
    ]);
  });

  it('resolves every open part as no longer due when nothing is overpaid: corrected back to 150,000', () => {
    const open = [
      { id: 7, amountKrw: 50_000, charge: 'transfer' },
      { id: 8, amountKrw: 100_000, charge: 'card' },
    ];
    const plan = reassessedRefundPlan(150_000, 150_000, open, 'corrected (version 3)', 0, paid);
    expect(plan.keep).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.resolve.map((r) => r.id)).toEqual([7, 8]);
    expect(plan.resolve[0]!.resolution).toBe('no longer due: corrected (version 3), taxes KRW 150,000, not less than the KRW 150,000 paid');
  });

  it('nets the refunds made per charge: the transfer\'s 50,000 refunded, then withdrawn: 150,000 − 50,000 − 0 = 100,000, all from the card', () => {
    expect(reassessedRefundPlan(150_000, 0, [], why, 50_000, [card(100_000), transfer(50_000, 50_000)]).create).toEqual([{ charge: 'card', amountKrw: 100_000 }]);
  });
});

describe('the records of a split', () => {
  it('name the situation and the number of parts, before the charge', () => {
    expect(reassessedSituationOf(2, 2, 'withdrawn')).toBe('reassessed:v2.2.withdrawn');
    expect(reassessedRefundTxOf(2, 2, 'tpay_card', 'withdrawn', { parts: 2 })).toBe('reassessed:v2.2.withdrawn.parts2:tpay_card');
    expect(reassessedRefundTxOf(3, 2, 'tpay_card', null, { standingKrw: 86_580, refundedKrw: 16_320, parts: 2 })).toBe('reassessed:v3.2.paid86580.refunded16320.parts2:tpay_card');
    // One part: as a single record always was.
    expect(reassessedRefundTxOf(2, 2, 'tpay_card', 'withdrawn', { parts: 1 })).toBe('reassessed:v2.2.withdrawn:tpay_card');
  });

  it('are told on the notice each with its number, amount and receipt', () => {
    const text = reassessedRefundText({
      refundNo: 'RF-00000007',
      amountKrw: 150_000,
      refundBy: '2026-11-30',
      owedKrw: 0,
      payerKind: 'consumer',
      ended: 'withdrawn',
      parts: [
        { refundNo: 'RF-00000007', amountKrw: 50_000, receiptNo: 'TR-00000000000000B2' },
        { refundNo: 'RF-00000008', amountKrw: 100_000, receiptNo: 'TR-00000000000000A1' },
      ],
    });
    expect(text.ko).toContain('신고가 취하되어 납부하신 150,000원 전액이 환급 대상으로 등록되었습니다(환불번호 RF-00000007 50,000원(영수번호 TR-00000000000000B2), RF-00000008 100,000원(영수번호 TR-00000000000000A1), 관세법 제250조');
    expect(text.en).toContain('the KRW 150,000 paid is recorded for a refund in full (refund RF-00000007, KRW 50,000 (receipt no. TR-00000000000000B2), and RF-00000008, KRW 100,000 (receipt no. TR-00000000000000A1); Customs Act art. 250');
  });

  it('replace a superseded record together: 49,950 + 86,580 = 136,530, each named, not one of them', () => {
    const successor = refundDueSuccessorOf([
      { id: 9, amountKrw: 49_950, refundBy: '2026-11-30' },
      { id: 10, amountKrw: 86_580, refundBy: '2026-11-30' },
    ]);
    expect(successor).toEqual({
      refundNo: 'RF-00000009',
      amountKrw: 136_530,
      refundBy: '2026-11-30',
      parts: [
        { refundNo: 'RF-00000009', amountKrw: 49_950 },
        { refundNo: 'RF-00000010', amountKrw: 86_580 },
      ],
    });
    expect(refundDueSuccessorOf([{ id: 9, amountKrw: 136_530, refundBy: '2026-11-30' }])).toEqual({ refundNo: 'RF-00000009', amountKrw: 136_530, refundBy: '2026-11-30' });
    expect(refundDueSuccessorOf([])).toBeNull();
    const text = refundDueCancelledText({ refundNo: 'RF-00000007', amountKrw: 49_950, cause: 'superseded', payerKind: 'operator', supersededBy: successor });
    expect(text.ko).toBe(
      '환불번호 RF-00000007(49,950원)의 환불은 취소되었습니다. 세액이 다시 산정되어 더 납부된 금액이 136,530원으로 바뀌었고, 결제 건별로 나누어 환불번호 RF-00000009(49,950원), RF-00000010(86,580원)로 새로 등록되었습니다(관세법 제46조). 2026-11-30(월)까지 이 2건, 모두 136,530원만 환급되며, 취소된 금액을 더하지 않습니다.',
    );
    expect(text.en).toBe(
      'Refund RF-00000007 (KRW 49,950) is cancelled: the taxes were assessed again and the overpayment is now KRW 136,530, recorded anew charge by charge as refunds RF-00000009 (KRW 49,950) and RF-00000010 (KRW 86,580) (Customs Act art. 46). Only these, KRW 136,530 in all, are refunded, by 2026-11-30 (Mon): the cancelled amount does not add to them.',
    );
  });
});

describe('a new situation keeps an open part whose charge and amount are unchanged (its refund number with it)', () => {
  const why = 'declaration withdrawn after payment (Customs Act art. 250): nothing is owed (version 3)';
  const paid = [card(86_580), transfer(49_950)];

  it('paid 86,580 by card + 49,950 by transfer, corrected to 83,260 (49,950 + 3,320 open), withdrawn: 136,530 = 49,950 (transfer, kept as it is) + 86,580 (card, anew); only the card part superseded', () => {
    // 136,530 − 0 = 136,530 over; the transfer's 49,950 first (all of it: the open part, unchanged), then 136,530 − 49,950 = 86,580 from the card (the open 3,320 changes).
    const open = [
      { id: 7, amountKrw: 49_950, charge: 'transfer' },
      { id: 8, amountKrw: 3_320, charge: 'card' },
    ];
    expect(reassessedRefundPlan(136_530, 0, open, why, 0, paid)).toEqual({
      keep: [7],
      create: [{ charge: 'card', amountKrw: 86_580 }],
      resolve: [{ id: 8, resolution: `superseded: ${why}, taxes KRW 0; the overpayment is now KRW 136,530 (KRW 136,530 paid), recorded anew in 1 of 2 parts, RF-00000007 unchanged` }],
    });
  });

  it('a part of the same charge but another amount is superseded; a part no longer needed too, the rest kept: 49,950 + 3,320 open, corrected to 86,580: 49,950 only', () => {
    // 136,530 − 86,580 = 49,950: all from the transfer (its part unchanged); nothing from the card: its 3,320 superseded, nothing anew.
    const open = [
      { id: 7, amountKrw: 49_950, charge: 'transfer' },
      { id: 8, amountKrw: 3_320, charge: 'card' },
    ];
    const plan = reassessedRefundPlan(136_530, 86_580, open, 'corrected (version 4)', 0, paid);
    expect([plan.keep, plan.create, plan.resolve.map((r) => r.id)]).toEqual([[7], [], [8]]);
  });

  it('property: the parts kept and those created are the allocation, each open part kept or resolved, a kept one of the same charge and amount as its part', () => {
    const amounts = fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(amounts, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (raw, before, now) => {
        const cs: RefundableCharge[] = raw.map((a, i) => ({ charge: `c${i}`, amountKrw: a, refundedKrw: 0 }));
        const total = raw.reduce((s, a) => s + a, 0);
        const open = allocateRefund(cs, Math.floor(total * before)).map((p, i) => ({ id: 100 + i, ...p }));
        const owed = total - Math.floor(total * now);
        const plan = reassessedRefundPlan(total, owed, open, 'x', 0, cs);
        const over = total - owed;
        if (over <= 0) return;
        const kept = open.filter((r) => plan.keep.includes(r.id));
        const parts = [...kept.map((r) => ({ charge: r.charge, amountKrw: r.amountKrw })), ...plan.create];
        const byCharge = (ps: { charge: string; amountKrw: number }[]) => [...ps].sort((a, b) => a.charge.localeCompare(b.charge));
        expect(byCharge(parts)).toEqual(byCharge(allocateRefund(cs, over)));
        expect([...plan.keep, ...plan.resolve.map((r) => r.id)].sort()).toEqual(open.map((r) => r.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('the part superseded names what replaces it and the part that stays: 3,320 → 86,580 anew, RF-00000007 49,950 unchanged, 136,530 in all', () => {
    const successor = refundDueSuccessorOf([{ id: 10, amountKrw: 86_580, refundBy: '2026-11-30' }], [{ id: 7, amountKrw: 49_950, refundBy: '2026-11-27' }]);
    // 86,580 + 49,950 = 136,530, by the later day.
    expect(successor).toEqual({ refundNo: 'RF-00000010', amountKrw: 136_530, refundBy: '2026-11-30', unchanged: [{ refundNo: 'RF-00000007', amountKrw: 49_950 }] });
    const text = refundDueCancelledText({ refundNo: 'RF-00000008', amountKrw: 3_320, cause: 'superseded', payerKind: 'operator', supersededBy: successor });
    expect(text.ko).toBe(
      '환불번호 RF-00000008(3,320원)의 환불은 취소되었습니다. 세액이 다시 산정되어 더 납부된 금액이 모두 136,530원으로 바뀌었습니다(관세법 제46조). 바뀐 금액은 환불번호 RF-00000010(86,580원)로 새로 등록되었고, 환불번호 RF-00000007(49,950원)은 그대로입니다. 2026-11-30(월)까지 이 2건, 모두 136,530원만 환급되며, 취소된 금액을 더하지 않습니다.',
    );
    expect(text.en).toBe(
      'Refund RF-00000008 (KRW 3,320) is cancelled: the taxes were assessed again and the overpayment is now KRW 136,530 in all (Customs Act art. 46): recorded anew as refund RF-00000010 (KRW 86,580), and refund RF-00000007 (KRW 49,950) stands unchanged. Only these, KRW 136,530 in all, are refunded, by 2026-11-30 (Mon): the cancelled amount does not add to them.',
    );
    // Nothing anew: the part that stays is all of it (49,950).
    const only = refundDueSuccessorOf([], [{ id: 7, amountKrw: 49_950, refundBy: '2026-11-27' }]);
    expect(only).toEqual({ refundNo: 'RF-00000007', amountKrw: 49_950, refundBy: '2026-11-27', unchanged: [{ refundNo: 'RF-00000007', amountKrw: 49_950 }] });
    expect(refundDueCancelledText({ refundNo: 'RF-00000008', amountKrw: 3_320, cause: 'superseded', payerKind: 'consumer', supersededBy: only }).ko).toBe(
      '환불번호 RF-00000008(3,320원)의 환불은 취소되었습니다. 세액이 다시 산정되어 더 납부된 금액이 모두 49,950원으로 바뀌었습니다(관세법 제46조). 환불번호 RF-00000007(49,950원)은 그대로입니다. 2026-11-27(금)까지 49,950원만 환급되며, 취소된 금액을 더하지 않습니다.',
    );
  });
});
