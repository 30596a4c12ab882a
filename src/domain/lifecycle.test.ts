import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyEvent,
  importDeclarationFiled,
  initialState,
  LIFECYCLE_EVENT_TYPES,
  nextActionOf,
  nextStepsOf,
  statusOf,
  type LifecycleEvent,
  type LifecycleEventType,
  type LifecycleState,
} from './lifecycle.ts';

function run(state: LifecycleState, types: LifecycleEventType[]): LifecycleState {
  let s = state;
  for (const type of types) {
    const r = applyEvent(s, type === 'AMENDED' ? { type, route: s.route } : ({ type } as LifecycleEvent));
    if (!r.ok) throw new Error(`${type} refused from ${JSON.stringify(s)}: ${r.refusal.en}`);
    s = r.state;
  }
  return s;
}

describe('lifecycle', () => {
  it('runs the typical 목록통관 (US air) sequence from UNI-PASS to 반출', () => {
    const s = run(initialState('list'), [
      'ARRIVAL_REPORT_SUBMITTED',
      'MANIFEST_SUBMITTED',
      'MANIFEST_REVIEWED',
      'ARRIVAL_REPORT_ACCEPTED',
      'UNLOADING_ACCEPTED',
      'LIST_RECEIVED',
      'WAREHOUSE_IN',
      'LIST_CLEARED',
      'WAREHOUSE_OUT',
    ]);
    expect(s).toEqual({ route: 'list', clearance: 'cleared', cargo: 'released', heldFrom: null });
    expect(statusOf(s)).toBe('released');
  });

  it('runs a general import with examination', () => {
    const s = run(initialState('general'), [
      'ARRIVAL_REPORT_ACCEPTED',
      'DISCHARGE_ACCEPTED',
      'WAREHOUSE_IN',
      'IMPORT_DECLARED',
      'IMPORT_REVIEW_STARTED',
      'IMPORT_ACCEPTED',
    ]);
    expect(statusOf(s)).toBe('cleared');
  });

  it('refuses 반출 before 수리 with a clear, bilingual reason', () => {
    const s = run(initialState('list'), ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN']);
    const r = applyEvent(s, { type: 'WAREHOUSE_OUT' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('ILLEGAL_TRANSITION');
      expect(r.refusal.ko).toContain('반출신고');
      expect(r.refusal.en).toContain('in bonded warehouse');
    }
  });

  it('refuses a clearance list for a declaration routed to general clearance', () => {
    const s = run(initialState('general'), ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED']);
    expect(applyEvent(s, { type: 'LIST_RECEIVED' }).ok).toBe(false);
  });

  it('starts engine holds on hold, and a release returns to where the hold interrupted', () => {
    const held = initialState('hold');
    expect(statusOf(held)).toBe('held');
    const released = run(held, ['HOLD_RELEASED']);
    expect(released.clearance).toBe('declared');
    const mid = run(initialState('general'), ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'IMPORT_DECLARED', 'HOLD']);
    expect(mid.heldFrom).toBe('import_declared');
    expect(run(mid, ['HOLD_RELEASED']).clearance).toBe('import_declared');
  });

  it('allows corrections only before filing, and re-routes on them', () => {
    const s = initialState('list');
    const amended = applyEvent(s, { type: 'AMENDED', route: 'hold' });
    expect(amended.ok && amended.state.clearance).toBe('held');
    const filed = run(s, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'LIST_RECEIVED']);
    expect(applyEvent(filed, { type: 'AMENDED', route: 'list' }).ok).toBe(false);
  });

  it('a correction routed elsewhere lifts the engine’s own hold, never an officer’s', () => {
    const engineHeld = initialState('hold');
    const lifted = applyEvent(engineHeld, { type: 'AMENDED', route: 'list', engineHold: true });
    expect(lifted.ok && lifted.state).toEqual({ route: 'list', clearance: 'declared', cargo: 'pre_arrival', heldFrom: null });
    const stillHold = applyEvent(engineHeld, { type: 'AMENDED', route: 'hold', engineHold: true });
    expect(stillHold.ok && stillHold.state).toEqual(engineHeld);
    const officerHeld = run(initialState('general'), ['HOLD']);
    const kept = applyEvent(officerHeld, { type: 'AMENDED', route: 'list', engineHold: false });
    expect(kept.ok && kept.state).toEqual({ ...officerHeld, route: 'list' });
  });

  it('re-assesses for combined taxation until 수리: a changed route undoes the filed list, a hold stays; after 수리 only the note', () => {
    const filed = run(initialState('list'), ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'LIST_RECEIVED']);
    // 목록통관 배제: the list filed no longer fits; back to declared, the import declaration is filed next.
    const general = applyEvent(filed, { type: 'COMBINED_REASSESSED', route: 'general' });
    expect(general.ok && general.state).toEqual({ route: 'general', clearance: 'declared', cargo: 'in_warehouse', heldFrom: null });
    expect(general.ok && run(general.state, ['IMPORT_DECLARED', 'IMPORT_ACCEPTED']).clearance).toBe('cleared');
    // The same route (taxes changed only): the state stays.
    const declared = run(initialState('general'), ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'IMPORT_DECLARED']);
    expect(applyEvent(declared, { type: 'COMBINED_REASSESSED', route: 'general' })).toEqual({ ok: true, state: declared });
    // An officer's hold stays; its release returns to declared under the new route.
    const held = run(filed, ['HOLD']);
    const reheld = applyEvent(held, { type: 'COMBINED_REASSESSED', route: 'general' });
    expect(reheld.ok && reheld.state).toEqual({ route: 'general', clearance: 'held', cargo: 'in_warehouse', heldFrom: 'declared' });
    // After 수리: no re-assessment, only the note (state unchanged); not before.
    const cleared = run(filed, ['LIST_CLEARED']);
    expect(applyEvent(cleared, { type: 'COMBINED_REASSESSED', route: 'general' }).ok).toBe(false);
    expect(applyEvent(cleared, { type: 'COMBINED_AFTER_CLEARANCE' })).toEqual({ ok: true, state: cleared });
    const released = run(cleared, ['WAREHOUSE_OUT']);
    expect(applyEvent(released, { type: 'COMBINED_AFTER_CLEARANCE' })).toEqual({ ok: true, state: released });
    expect(applyEvent(filed, { type: 'COMBINED_AFTER_CLEARANCE' }).ok).toBe(false);
    expect(applyEvent(run(filed, ['WITHDRAWN']), { type: 'COMBINED_REASSESSED', route: 'general' }).ok).toBe(false);
  });

  it('re-assesses after a reference-data correction until 수리: the engine lifts its own hold made with the corrected data, never an officer\'s; after 수리 only the note', () => {
    const engineHeld = initialState('hold');
    const lifted = applyEvent(engineHeld, { type: 'REFERENCE_REASSESSED', route: 'general', engineHold: true });
    expect(lifted.ok && lifted.state).toEqual({ route: 'general', clearance: 'declared', cargo: 'pre_arrival', heldFrom: null });
    const officerHeld = run(initialState('general'), ['HOLD']);
    const kept = applyEvent(officerHeld, { type: 'REFERENCE_REASSESSED', route: 'list', engineHold: false });
    expect(kept.ok && kept.state).toEqual({ ...officerHeld, route: 'list', heldFrom: 'declared' });
    const filed = run(initialState('list'), ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'LIST_RECEIVED']);
    const cleared = run(filed, ['LIST_CLEARED']);
    expect(applyEvent(cleared, { type: 'REFERENCE_REASSESSED', route: 'general' }).ok).toBe(false);
    expect(applyEvent(cleared, { type: 'REFERENCE_CORRECTED_AFTER_CLEARANCE' })).toEqual({ ok: true, state: cleared });
    expect(applyEvent(filed, { type: 'REFERENCE_CORRECTED_AFTER_CLEARANCE' }).ok).toBe(false);
  });

  it('gives a next action for every status', () => {
    expect(nextActionOf('held', 'list').en).toMatch(/hold reason/);
  });

  it('says what is true of each status: arrived goods are not "waiting to arrive", a list-cleared parcel owes no tax, a withdrawn one says whom to ask', () => {
    expect(nextActionOf('declared', 'list').en).toMatch(/arrive in Korea/);
    for (const s of ['arrived', 'unloaded'] as const) {
      expect(nextActionOf(s, 'list').en, s).not.toMatch(/Waiting for the goods to arrive/);
      expect(nextActionOf(s, 'list').ko, s).toContain('입항했습니다');
    }
    expect(nextActionOf('cleared', 'list').ko).not.toContain('납부');
    expect(nextActionOf('cleared', 'general').ko).toContain('수리일부터 15일 이내에 납부');
    expect(nextActionOf('withdrawn', 'general').ko).toContain('신고한 업체');
    expect(nextActionOf('withdrawn', 'general').en).toMatch(/Ask the business that filed it/);
    expect(nextActionOf('held', 'general').ko).toContain('특송업체 또는 관세사');
    // A list-cleared parcel has no import declaration: the hold is answered through whoever handles the clearance.
    expect(nextActionOf('held', 'list').ko).not.toContain('수입신고를 한');
    expect(nextActionOf('held', 'list').en).toContain('handling the clearance');
  });

  it('nextStepsOf: an officer\'s hold of a taxed parcel offers to pay and to consult; an engine hold only to consult; one rule for both lookups', () => {
    // Worked example: a laptop, taxable value KRW 500,000 at 8 %: duty 40,000, VAT 54,000, total
    // 94,000 (collected). An officer holds it for proof of purchase (관세법 제237조): the hold
    // withholds clearance, not the tax, which may be paid before 수리 (관세법 제9조③) and is due
    // within 15 days of it (제9조① 1). So: pay, and ask customs about the hold.
    const taxes = { collected: true, dueKrw: 94_000 };
    expect(nextStepsOf({ status: 'held', route: 'general', taxes })).toEqual(['pay', 'consult']);
    // Held by the engine (route hold: prohibited goods, an import requirement unmet): nothing can be
    // paid before the hold is resolved (the tax notice is 'held', not payable): only consult.
    expect(nextStepsOf({ status: 'held', route: 'hold', taxes })).toEqual(['consult']);
    // Held on the consignee's own "not me" report (the view's hold code CONSUMER_REPORT_HOLD): whose goods
    // these are, and so who owes the 94,000 (관세법 제19조①1), is what customs checks: only consult.
    expect(nextStepsOf({ status: 'held', route: 'general', taxes, hold: { codes: ['CONSUMER_REPORT_HOLD'] } })).toEqual(['consult']);
    expect(nextStepsOf({ status: 'held', route: 'general', taxes, hold: { codes: ['OFFICER_HOLD'] } })).toEqual(['pay', 'consult']);
    // Nothing owed (under the de minimis, or not collected): a held parcel is only to consult about.
    expect(nextStepsOf({ status: 'held', route: 'general', taxes: { collected: false, dueKrw: 0 } })).toEqual(['consult']);
    expect(nextStepsOf({ status: 'held', route: 'list', taxes: null })).toEqual(['consult']);
    // Not held: pay while owed; refused: the lookup says nothing is owed (dueKrw 0), only consult.
    expect(nextStepsOf({ status: 'under_review', route: 'general', taxes })).toEqual(['pay']);
    expect(nextStepsOf({ status: 'cleared', route: 'general', taxes })).toEqual(['pay']);
    expect(nextStepsOf({ status: 'rejected', route: 'general', taxes: { collected: true, dueKrw: 0 } })).toEqual(['consult']);
    expect(nextStepsOf({ status: 'withdrawn', route: 'general', taxes: { collected: true, dueKrw: 0 } })).toEqual([]);
    expect(nextStepsOf({ status: 'released', route: 'general', taxes: { collected: false, dueKrw: 0 } })).toEqual([]);
  });

  it('a filed import declaration (수입신고) is never undone into a list: a decision made again may not route it to list until 수리; before the filing it may', () => {
    const inWarehouse = run(initialState('general'), ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN']);
    const filed = run(inWarehouse, ['IMPORT_DECLARED']);
    const examined = run(filed, ['IMPORT_REVIEW_STARTED']);
    const heldFiled = run(filed, ['HOLD']);
    for (const s of [filed, examined, heldFiled]) {
      expect(importDeclarationFiled(s)).toBe(true);
      for (const type of ['COMBINED_REASSESSED', 'REFERENCE_REASSESSED'] as const) {
        expect(applyEvent(s, { type, route: 'list' }).ok, `${type} from ${s.clearance}`).toBe(false);
        expect(applyEvent(s, { type, route: 'general' })).toEqual({ ok: true, state: s }); // kept general: the state stays
      }
    }
    expect(run(heldFiled, ['HOLD_RELEASED']).clearance).toBe('import_declared');
    // Routed to the engine's hold and back (a reference-data correction): the filed declaration stands, it serves both routes.
    const engineHeld = applyEvent(filed, { type: 'REFERENCE_REASSESSED', route: 'hold' });
    expect(engineHeld.ok && engineHeld.state).toEqual({ ...filed, route: 'hold', clearance: 'held', heldFrom: 'import_declared' });
    const lifted = engineHeld.ok && applyEvent(engineHeld.state, { type: 'REFERENCE_REASSESSED', route: 'general', engineHold: true });
    expect(lifted && lifted.ok && lifted.state).toEqual(filed);
    // Nothing filed yet (in the warehouse, or held before the filing): back to list clearance, the list filed next.
    expect(importDeclarationFiled(inWarehouse)).toBe(false);
    const relisted = applyEvent(inWarehouse, { type: 'COMBINED_REASSESSED', route: 'list' });
    expect(relisted.ok && relisted.state).toEqual({ ...inWarehouse, route: 'list' });
    expect(relisted.ok && run(relisted.state, ['LIST_RECEIVED', 'LIST_CLEARED']).clearance).toBe('cleared');
    expect(importDeclarationFiled(run(inWarehouse, ['HOLD']))).toBe(false);
  });

  it('property: once its history holds an import declaration (수입신고), a parcel never has route list (the platform\'s decisions made again, with any route, slipped into a general path)', () => {
    // Corrections too (AMENDED): a parcel held after its filing is corrected on that declaration (amend-declaration.ts).
    const decision: fc.Arbitrary<LifecycleEvent> = fc
      .tuple(fc.constantFrom('COMBINED_REASSESSED' as const, 'REFERENCE_REASSESSED' as const, 'AMENDED' as const), fc.constantFrom('list' as const, 'general' as const, 'hold' as const), fc.boolean())
      .map(([type, route, engineHold]) => ({ type, route, engineHold }));
    const other = fc.constantFrom(...LIFECYCLE_EVENT_TYPES.filter((x) => !['AMENDED', 'COMBINED_REASSESSED', 'REFERENCE_REASSESSED'].includes(x))).map((type) => ({ type }) as LifecycleEvent);
    const path: LifecycleEventType[] = ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'IMPORT_REVIEW_STARTED', 'IMPORT_ACCEPTED', 'WAREHOUSE_OUT'];
    let filedAndDecided = 0;
    fc.assert(
      fc.property(fc.constantFrom('list' as const, 'general' as const), fc.array(fc.tuple(fc.nat({ max: path.length }), fc.oneof(decision, decision, other)), { maxLength: 14 }), (route, noise) => {
        let s = initialState(route);
        let history = false; // an IMPORT_DECLARED recorded
        const events = path.flatMap((type, i) => [...noise.filter(([at]) => at === i).map(([, e]) => e), { type } as LifecycleEvent]);
        for (const e of events) {
          const r = applyEvent(s, e);
          if (!r.ok) continue;
          if (history && (e.type === 'COMBINED_REASSESSED' || e.type === 'REFERENCE_REASSESSED' || e.type === 'AMENDED')) filedAndDecided++;
          history ||= e.type === 'IMPORT_DECLARED';
          s = r.state;
          if (history) expect(s.route).not.toBe('list');
          expect(importDeclarationFiled(s)).toBe(['import_declared', 'under_review'].includes(s.clearance === 'held' ? s.heldFrom! : s.clearance));
        }
      }),
      { numRuns: 300 },
    );
    expect(filedAndDecided).toBeGreaterThan(0); // the case was tried
  });

  const anyEvent: fc.Arbitrary<LifecycleEvent> = fc
    .tuple(fc.constantFrom(...LIFECYCLE_EVENT_TYPES), fc.constantFrom('list' as const, 'general' as const, 'hold' as const))
    .map(([type, route]) => (type === 'AMENDED' || type === 'COMBINED_REASSESSED' ? { type, route } : ({ type } as LifecycleEvent)));

  // Events drawn at random almost never reach 반출 (none in 100 runs: it takes arrival, 반입 and 수리
  // in order), so a run is also a route's path to 반출 with random events slipped in between its steps:
  // a WAREHOUSE_OUT among them often comes before 수리, when it must be refused.
  const pathTo: Record<'list' | 'general' | 'hold', LifecycleEventType[]> = {
    list: ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'LIST_RECEIVED', 'LIST_CLEARED', 'WAREHOUSE_OUT'],
    general: ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'IMPORT_ACCEPTED', 'WAREHOUSE_OUT'],
    hold: ['HOLD_RELEASED', 'ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'IMPORT_ACCEPTED', 'WAREHOUSE_OUT'],
  };
  const eventsOf = (route: 'list' | 'general' | 'hold'): fc.Arbitrary<LifecycleEvent[]> =>
    fc.oneof(
      fc.array(anyEvent, { maxLength: 40 }),
      fc.array(fc.tuple(fc.nat({ max: pathTo[route].length }), anyEvent), { maxLength: 12 }).map((noise) =>
        pathTo[route].flatMap((type, i) => [...noise.filter(([at]) => at === i).map(([, e]) => e), { type } as LifecycleEvent]).concat(noise.filter(([at]) => at === pathTo[route].length).map(([, e]) => e)),
      ),
    );

  it('property: terminal states absorb, release needs clearance, cargo never moves back', () => {
    const seen = { released: 0, outRefusedBeforeClearance: 0, afterTerminal: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom('list' as const, 'general' as const, 'hold' as const).chain((route) => fc.tuple(fc.constant(route), eventsOf(route))),
        ([route, events]) => {
          const order = ['pre_arrival', 'arrival_reported', 'arrived', 'unloaded', 'in_warehouse', 'released'];
          let s = initialState(route);
          for (const e of events) {
            const r = applyEvent(s, e);
            if (['rejected', 'withdrawn'].includes(s.clearance)) seen.afterTerminal++;
            if (!r.ok) {
              expect(r.refusal.code).toBe('ILLEGAL_TRANSITION');
              if (e.type === 'WAREHOUSE_OUT' && s.cargo === 'in_warehouse' && s.clearance !== 'cleared') seen.outRefusedBeforeClearance++;
              continue;
            }
            expect(['rejected', 'withdrawn']).not.toContain(s.clearance);
            expect(order.indexOf(r.state.cargo)).toBeGreaterThanOrEqual(order.indexOf(s.cargo));
            if (r.state.cargo === 'released') {
              expect(r.state.clearance).toBe('cleared');
              seen.released++;
            }
            expect(r.state.clearance === 'held').toBe(r.state.heldFrom !== null);
            expect(typeof statusOf(r.state)).toBe('string');
            s = r.state;
          }
        },
      ),
      { numRuns: 300 },
    );
    // The cases the property is about were tried: parcels released, a 반출 asked for in the warehouse
    // before 수리, and events after a rejection or withdrawal.
    expect(seen.released).toBeGreaterThan(0);
    expect(seen.outRefusedBeforeClearance).toBeGreaterThan(0);
    expect(seen.afterTerminal).toBeGreaterThan(0);
  });
});
