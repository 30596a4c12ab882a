// Demo parcels the engine itself holds (first start). The generated demo orders never reach what the
// engine holds for (a prohibited good, a health-food order over the self-use six bottles), so an
// officer or consumer trying the demo saw only officers' holds. These few go in through the same
// intake as the rest, and their histories through the same lifecycle: one prohibited good still held
// in the warehouse, one refused, an order over six bottles still held and one released to general
// clearance once a doctor's note showed it is for the patient's own use. Each goes to a consignee of its own
// (engineHoldConsignees), so none joins another demo parcel's combined taxation and none is 김민지's: the
// rest of the demo stays as it was. Demo data is public: never run it anywhere real.
import { submitDeclarations } from '../../app/submit-declarations.ts';
import { advanceDeclarations, type SystemEvent } from '../../app/advance-declaration.ts';
import type { Clock, DeclarationStore, OperatorPrincipal, ReferenceSource } from '../../app/ports.ts';
import type { SubmissionStore } from '../../app/ports/portal-stores.ts';
import { recordSubmission } from '../../app/record-submission.ts';
import type { LifecycleEventType } from '../../domain/lifecycle.ts';
import { WAREHOUSE_MOVEMENT_TEXT } from '../../domain/unipass-vocabulary.ts';
import { demoConsignees, type DemoConsignee } from './generate-demo-declarations.ts';
import { addDays } from '../../domain/dates.ts';

/** How each demo parcel's history goes on after intake held it. */
type Ending = 'held' | 'released' | 'refused';

interface HeldParcel {
  operator: string;
  daysAgo: number;
  ending: Ending;
  platform: { name: string; country: string };
  seller: string;
  item: { description: string; brand: string; category: string; quantity: number; unit: string; price: number; hsCode?: string };
  weightKg: number;
  /** The platform sends order data (ORDER_DATA_PLATFORM): the amount paid goes with the declaration, as with its other parcels. */
  orderData?: boolean;
}

/**
 * What the engine holds, each as a real order would come: health food over 고시 [별표11]'s six bottles,
 * cannabidiol (마약류 관리에 관한 법률: 대마 성분), poppy seeds in a seasoning (양귀비 종자).
 */
const PARCELS: HeldParcel[] = [
  {
    operator: 'IHERB',
    daysAgo: 3,
    ending: 'held',
    platform: { name: 'iHerb', country: 'US' },
    seller: 'iHerb LLC',
    item: { description: '영양제 NOW Foods 오메가3 피쉬오일 200소프트젤', brand: 'NOW Foods', category: 'supplement', quantity: 8, unit: 'bottle', price: 21.99, hsCode: '210690' },
    weightKg: 3.4,
    orderData: true,
  },
  {
    operator: 'IHERB',
    daysAgo: 12,
    ending: 'released',
    platform: { name: 'iHerb', country: 'US' },
    seller: 'iHerb LLC',
    item: { description: '영양제 California Gold 유산균 50억 60캡슐', brand: 'California Gold', category: 'supplement', quantity: 10, unit: 'bottle', price: 18.5, hsCode: '210690' },
    weightKg: 1.6,
    orderData: true,
  },
  {
    operator: 'KIMLEE',
    daysAgo: 4,
    ending: 'held',
    platform: { name: 'Amazon', country: 'US' },
    seller: 'Amazon.com Services',
    item: { description: "오일 Charlotte's Web CBD 오일 1500mg 30ml", brand: "Charlotte's Web", category: 'supplement', quantity: 1, unit: 'bottle', price: 99.99 },
    weightKg: 0.3,
  },
  {
    operator: 'KIMLEE',
    daysAgo: 9,
    ending: 'refused',
    platform: { name: 'Amazon', country: 'US' },
    seller: 'Amazon.com Services',
    item: { description: "시즈닝 Trader Joe's Everything but the Bagel 양귀비씨 시즈닝", brand: "Trader Joe's", category: 'food', quantity: 2, unit: 'piece', price: 8.99 },
    weightKg: 0.5,
  },
];

/** How many declarations this part of the demo adds (each accepted, whether or not the engine still holds it). */
export const ENGINE_HOLD_DEMO_PARCELS = PARCELS.length;

const SHED = { shedNm: '인천공항 특송물류센터', shedSgn: '04077007' };


/** The declaration a forwarder's or platform's system would send for one of PARCELS. */
function declarationOf(p: HeldParcel, k: number, consignee: DemoConsignee, today: string): Record<string, unknown> {
  const declaredAt = addDays(today, -p.daysAgo);
  const ymd = declaredAt.replace(/-/g, '').slice(2);
  return {
    ref: `DEMO-HOLD-${k + 1}`,
    declaredAt,
    ecommerceType: 'direct',
    purpose: 'personal',
    shipment: { mode: 'express', shipFrom: 'US', hblNo: `CJ${ymd}H${String(k + 1).padStart(6, '0')}`, mblNo: `988-${70_000_001 + k}`, arrivalDate: addDays(declaredAt, 1), grossWeightKg: p.weightKg },
    parties: { platform: p.platform, seller: { name: p.seller, country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } },
    consignee: { name: consignee.name, pccc: consignee.pccc, phone: consignee.phone, postcode: consignee.postcode, address: consignee.address },
    order: {
      orderNo: `${p.platform.name.slice(0, 2).toUpperCase()}H${ymd}${k + 1}`,
      purchasedAt: addDays(declaredAt, -3),
      currency: 'USD',
      ...(p.orderData ? { amountPaid: Math.round(p.item.price * p.item.quantity * 100) / 100 } : {}),
    },
    items: [{ ...p.item, originCountry: 'US' }],
  };
}

export interface EngineHoldDemoDeps {
  declarations: DeclarationStore;
  reference: ReferenceSource;
  clock: Clock;
  submissions?: SubmissionStore;
}

/** A consignee for each of PARCELS, none of them one of `taken` (the other demo parcels'): register them as holders with the rest. */
export function engineHoldConsignees(taken: readonly DemoConsignee[]): DemoConsignee[] {
  const used = new Set(taken.map((c) => c.pccc));
  return demoConsignees(PARCELS.length + taken.length, 4242)
    .filter((c) => !used.has(c.pccc))
    .slice(0, PARCELS.length);
}

/** Submits PARCELS, each for its consignee of engineHoldConsignees, and writes each one's history; returns how many the engine held. */
export async function seedEngineHoldDemo(
  deps: EngineHoldDemoDeps & Parameters<typeof submitDeclarations>[0],
  o: { operators: Map<string, OperatorPrincipal>; consignees: DemoConsignee[]; today: string; log: (l: string) => void },
): Promise<number> {
  const nowMs = deps.clock.now().getTime();
  const advances: { declarationId: number; events: SystemEvent[] }[] = [];
  let held = 0;
  for (const [k, p] of PARCELS.entries()) {
    const d = declarationOf(p, k, o.consignees[k]!, o.today);
    const operator = o.operators.get(p.operator)!;
    const submittedAt = new Date(Math.min(Date.parse(`${d.declaredAt as string}T00:10:00Z`), nowMs - 120_000));
    const r = await submitDeclarations(deps, { operator, declarations: [d], idempotencyKey: null, submittedAt: () => submittedAt });
    if (!r.ok) throw new Error(`demo intake failed: ${r.error.code}`);
    if (deps.submissions) await recordSubmission({ submissions: deps.submissions }, operator.operatorId, r.value.response, submittedAt);
    const x = r.value.response.results[0]!;
    // The data decides: a parcel the engine no longer holds (a corrected list) keeps the history intake gave it.
    if (x.status !== 'accepted' || x.assessment?.route !== 'hold') continue;
    held++;
    const arrival = (d.shipment as { arrivalDate: string }).arrivalDate;
    advances.push({ declarationId: x.declarationId!, events: historyOf(p, Date.parse(`${d.declaredAt as string}T00:30:00Z`), Date.parse(`${arrival}T00:30:00Z`), nowMs, x.declarationId!) });
  }
  const results = await advanceDeclarations(deps, advances);
  results.forEach((res) => {
    if (!res.ok) throw new Error(`demo engine-hold lifecycle failed: ${res.error.code} ${res.error.en}`);
  });
  o.log(`  ${held} demo parcels held by the engine (prohibited goods, over the self-use quantities)`);
  return held;
}

/**
 * The events after intake's hold: the cargo arrives on its declared arrival date and waits in the
 * warehouse at its declared weight; then, by its ending, a release to general clearance or a refusal.
 */
function historyOf({ ending, weightKg }: HeldParcel, from: number, arrivesFrom: number, nowMs: number, id: number): SystemEvent[] {
  let cursor = from;
  const events: SystemEvent[] = [];
  const add = (type: LifecycleEventType, detail?: Record<string, unknown>, reason?: string) =>
    events.push({ type, occurredAt: new Date(Math.min((cursor += 2 * 3600_000), nowMs - 60_000)), ...(detail ? { detail } : {}), ...(reason ? { reason } : {}) });
  cursor = Math.max(cursor, arrivesFrom - 3600_000);
  for (const type of ['ARRIVAL_REPORT_SUBMITTED', 'MANIFEST_SUBMITTED', 'MANIFEST_REVIEWED', 'ARRIVAL_REPORT_ACCEPTED'] as const) add(type);
  add('UNLOADING_ACCEPTED', SHED);
  add('WAREHOUSE_IN', { ...SHED, rlbrCn: WAREHOUSE_MOVEMENT_TEXT.inOnArrival, wght: weightKg, pckGcnt: 1 });
  if (ending === 'released') {
    // Over six bottles, a patient's own use is shown by a doctor's note (domain-rules §2.2); getting one takes a few days.
    cursor += 3 * 86_400_000;
    add('HOLD_RELEASED', { reasonEn: "Doctor's note checked (for the patient's own use): cleared by import declaration." }, '의사 소견서 확인 (환자 본인 복용분): 수입신고로 통관');
    add('IMPORT_DECLARED', { rlbrBssNo: '김앤리 관세사무소', bfhnGdncCn: '수입신고 수리일로부터 15일이내에 물품을 반출하여야하며, 미반출시 과태료가 부과될 수 있습니다.' });
    add('IMPORT_ACCEPTED', { dclrNo: `43894${String(id).padStart(7, '0').slice(-7)}M`.padEnd(14, '0') });
    add('WAREHOUSE_OUT', { ...SHED, rlbrCn: WAREHOUSE_MOVEMENT_TEXT.outAfterImportAcceptance });
  } else if (ending === 'refused') {
    cursor += 2 * 86_400_000;
    add('REJECTED', { reasonEn: 'Goods whose import is prohibited (poppy seeds): to be returned or destroyed.' }, '수입 금지 물품 (양귀비 종자): 반송 또는 폐기 대상');
  }
  return events;
}
