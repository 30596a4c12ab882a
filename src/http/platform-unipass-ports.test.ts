// The platform's API001 summary (cargoProgressOf): what a UNI-PASS client reads from it.
import { describe, expect, it } from 'vitest';
import type { DeclarationRecord, EventRecord } from '../app/ports.ts';
import type { DeclarationStatus, LifecycleEventType } from '../domain/lifecycle.ts';
import { cargoProgressOf } from './platform-unipass-ports.ts';

function declarationOf(status: DeclarationStatus, arrivalDate?: string): DeclarationRecord {
  return {
    cargoNo: '26TGW0000000001',
    status,
    route: 'list',
    mblNo: 'M1',
    hblNo: 'H1',
    declaration: {
      shipment: { mode: 'express', shipFrom: 'us', grossWeightKg: 0.5, ...(arrivalDate ? { arrivalDate } : {}) },
      items: [{ description: '티셔츠' }],
      parties: {},
    },
  } as unknown as DeclarationRecord;
}

let seq = 0;
const ev = (type: LifecycleEventType, occurredAt: string, statusAfter: DeclarationStatus, nameKo: string = type): EventRecord => ({
  id: ++seq,
  declarationId: 1,
  seq,
  type,
  nameKo,
  occurredAt,
  recordedAt: occurredAt,
  actorKind: 'system',
  actorId: null,
  reason: null,
  detail: null,
  statusAfter,
});

describe('cargoProgressOf: the summary UNI-PASS clients read (domain-rules §7.2)', () => {
  it('gives as 처리일시 (prcsDttm) when the cargo last moved, not the time of a re-decision that moved nothing', () => {
    // node-unipass reads prcsDttm as the status's updatedAt; in captured answers it is the newest
    // event's time (fixtures/completed-us-air2.xml). A reference re-decision days later left the
    // parcel unloaded, yet the summary said it changed then (seen on the demo data).
    const events = [
      ev('SUBMITTED', '2026-12-01T00:00:00Z', 'declared', '신고접수'),
      ev('ARRIVAL_REPORT_SUBMITTED', '2026-12-01T01:00:00Z', 'arrival_reported', '입항보고 제출'),
      ev('UNLOADING_ACCEPTED', '2026-12-01T05:30:00Z', 'unloaded', '하기신고 수리'),
      ev('REFERENCE_REASSESSED', '2026-12-05T15:37:22Z', 'unloaded', '참조자료 정정 재산정'),
    ];
    const p = cargoProgressOf(declarationOf('unloaded', '2026-12-01'), events);
    expect(p.events.map((e) => e.prcsDttm)).toEqual(['20261201143000', '20261201100000']);
    expect(p.prcsDttm).toBe('20261201143000');
  });

  it('counts an event that changed the status though it is not listed (신고접수, 신고취하)', () => {
    const declared = cargoProgressOf(declarationOf('declared'), [ev('SUBMITTED', '2026-12-01T00:00:00Z', 'declared')]);
    expect(declared.prcsDttm).toBe('20261201090000');
    const withdrawn = cargoProgressOf(declarationOf('withdrawn'), [
      ev('SUBMITTED', '2026-12-01T00:00:00Z', 'declared'),
      ev('ARRIVAL_REPORT_SUBMITTED', '2026-12-01T01:00:00Z', 'arrival_reported', '입항보고 제출'),
      ev('WITHDRAWN', '2026-12-02T03:00:00Z', 'withdrawn'),
    ]);
    expect(withdrawn.prgsStts).toBe('신고취하');
    expect(withdrawn.prcsDttm).toBe('20261202120000');
  });

  it('takes the latest time, not the last recorded event, when a courier records an event late', () => {
    const p = cargoProgressOf(declarationOf('arrived'), [
      ev('SUBMITTED', '2026-12-01T00:00:00Z', 'declared'),
      ev('ARRIVAL_REPORT_ACCEPTED', '2026-12-01T06:00:00Z', 'arrived', '입항보고 수리'),
      ev('ARRIVAL_REPORT_SUBMITTED', '2026-12-01T01:00:00Z', 'arrived', '입항보고 제출'), // recorded after, happened before
    ]);
    expect(p.prcsDttm).toBe('20261201150000');
  });
});

describe('cargoProgressOf: the events UNI-PASS clients read', () => {
  it('gives 반입일시 (rlbrDttm) on every 반입신고 and 반출신고, in Korea time, not only when the courier sent rlbrCn', () => {
    // A courier posting 반입신고 at 2026-12-08 03:00 KST (18:00 UTC) with no detail: the time is known.
    const events = [
      ev('SUBMITTED', '2026-12-07T10:00:00Z', 'declared', '신고접수'),
      ev('WAREHOUSE_IN', '2026-12-07T18:00:00Z', 'in_warehouse', '반입신고'),
      ev('LIST_RECEIVED', '2026-12-07T19:00:00Z', 'list_submitted', '통관목록접수'),
    ];
    const p = cargoProgressOf(declarationOf('list_submitted'), events);
    expect(p.events.map((e) => [e.cargTrcnRelaBsopTpcd, e.rlbrDttm])).toEqual([
      ['통관목록접수', undefined],
      ['반입신고', '2026-12-08 03:00:00'],
    ]);
  });
});
