import { describe, expect, it } from 'vitest';
import { planEvents } from './plan-events.ts';
import { NOT_ME_REASON, NOT_ME_SOURCE } from './report-not-me.ts';
import type { DeclarationRecord } from './ports.ts';

const inWarehouse = {
  route: 'general',
  status: 'in_warehouse',
  clearanceStage: 'declared',
  cargoStage: 'in_warehouse',
  heldFrom: null,
  holdReason: null,
} as unknown as DeclarationRecord;

describe('planEvents: the hold reason', () => {
  it('keeps the English text an officer gave with a hold (detail.reasonEn), so English lookups do not show Korean', () => {
    const at = new Date('2026-12-02T01:00:00Z');
    const r = planEvents(inWarehouse, [{ event: { type: 'HOLD' }, occurredAt: at, reason: '원산지 증빙 확인 필요', detail: { officer: 'kim', reasonEn: 'Proof of origin needed' } }]);
    expect(r.ok && r.value.holdReason).toEqual({ source: 'officer', reason: '원산지 증빙 확인 필요', reasonEn: 'Proof of origin needed', at: '2026-12-02T01:00:00.000Z' });
  });

  it('records no English text when the officer gave none', () => {
    const at = new Date('2026-12-02T01:00:00Z');
    const r = planEvents(inWarehouse, [{ event: { type: 'HOLD' }, occurredAt: at, reason: '검사 대상', detail: { officer: 'kim' } }]);
    expect(r.ok && r.value.holdReason).toEqual({ source: 'officer', reason: '검사 대상', at: '2026-12-02T01:00:00.000Z' });
  });

  it('says a hold opened by a consignee\'s "not me" report is theirs (consumer-report, as its event says), not an officer\'s', () => {
    const at = new Date('2026-12-05T03:04:00Z');
    const r = planEvents(inWarehouse, [{ event: { type: 'HOLD' }, occurredAt: at, reason: NOT_ME_REASON.ko, detail: { source: NOT_ME_SOURCE, reasonEn: NOT_ME_REASON.en } }]);
    expect(r.ok && r.value.holdReason).toEqual({ source: 'consumer-report', reason: NOT_ME_REASON.ko, reasonEn: NOT_ME_REASON.en, at: '2026-12-05T03:04:00.000Z' });
  });
});

describe('planEvents: a "not me" report recorded on the engine\'s hold (withNotMeReport)', () => {
  const engineHeld = {
    route: 'hold',
    status: 'held',
    clearanceStage: 'held',
    cargoStage: 'in_warehouse',
    heldFrom: 'declared',
    holdReason: { source: 'engine', reasons: [{ code: 'ROUTE_HOLD', ko: '통관보류', en: 'Held' }], notMe: { at: '2026-12-05T03:04:00.000Z' } },
  } as unknown as DeclarationRecord;
  const newEngineHold = { source: 'engine', reasons: [{ code: 'HOLD_NEW', ko: '새 사유', en: 'New reason' }] };

  it('stays on the hold the engine writes anew on a correction that keeps it held (the taxes stay not payable)', () => {
    const r = planEvents(engineHeld, [{ event: { type: 'AMENDED', route: 'hold' }, occurredAt: new Date('2026-12-06T00:00:00Z'), reason: '정정', detail: null }], newEngineHold);
    expect(r.ok && r.value.status).toBe('held');
    expect(r.ok && r.value.holdReason).toEqual({ ...newEngineHold, notMe: { at: '2026-12-05T03:04:00.000Z' } });
  });

  it('goes with the hold when a correction releases it (route general)', () => {
    const r = planEvents(engineHeld, [{ event: { type: 'AMENDED', route: 'general' }, occurredAt: new Date('2026-12-06T00:00:00Z'), reason: '정정', detail: null }], null);
    expect(r.ok && r.value.status).not.toBe('held');
    expect(r.ok && r.value.holdReason).toBeNull();
  });
});
