// Demo declarations decided before the latest reference-data corrections, so that `npm start` shows
// what a correction does to declarations on record (src/app/redecide-after-correction.ts). The demo
// is otherwise seeded with the data in force, which records no superseded version: the card of
// corrections on the administration page would say none and no timeline would show the events.
//
// A few iHerb parcels of the last days are assessed as a platform that ran data/ without the
// latest correction of the list-clearance exclusions and of the self-use quantity limits would have
// assessed them (the same intake, the same store: only the reference differs), then the
// reference-correction worker looks again and decides them with data/ as it is:
// - exclusions-2019-06-01-r6 corrects r5: tofu (2106.10.1000), syrups (2106.90.2000) and coffee
//   creamer (2106.90.9010) were told they were excluded as 건강기능식품; now as 식품류·과자류, same route
//   (r7, a correction of r6's legal references only, is left out with it: the events say r5 → r7);
// - quantity-limits-2015-12-01-r4 corrects r3: 7 bottles of syrup, 8 jars of creamer or 10 packs of
//   tofu were held as over the 6 bottles of supplements; now released to general clearance (r5 and r6,
//   corrections of the legal references only, are left out with it: the events say r3 → r6);
// - a face cream recorded those versions too: checked against the corrections, decided the same.
// None is cleared: these corrections change grounds and routes, not taxes (no parcel would pay
// another amount), and a note after 수리 is made only when the route or the money would differ.
import { advanceDeclarations, type SystemEvent } from '../../app/advance-declaration.ts';
import type { ConsumerStore, OperatorPrincipal, ReferenceSource } from '../../app/ports.ts';
import type { SubmissionStore } from '../../app/ports/portal-stores.ts';
import { recordSubmission } from '../../app/record-submission.ts';
import { submitDeclarations } from '../../app/submit-declarations.ts';
import { compileReference } from '../../domain/reference/compile-reference.ts';
import type { ReferenceFiles } from '../../domain/reference/types.ts';
import type { SeedDeps } from './seed-demo.ts';
import { addDays } from '../../domain/dates.ts';

/**
 * The correction of each dataset that the demo's parcels were decided without (they are goods it
 * decides differently); a later correction of it, which keeps what it changed, is left out with it.
 */
export const DEMO_CORRECTIONS = { exclusions: 'exclusions-2019-06-01-r6', quantityLimits: 'quantity-limits-2015-12-01-r4' } as const;
/** The datasets whose correction the demo's parcels were decided without. */
export const DEMO_CORRECTED_DATASETS = Object.keys(DEMO_CORRECTIONS) as (keyof typeof DEMO_CORRECTIONS)[];

/** The files without DEMO_CORRECTIONS and the corrections (`corrects`) of them listed after them; the versions left out. */
export function filesBeforeLatestCorrections(files: ReferenceFiles): { files: ReferenceFiles; without: string[] } {
  const out: ReferenceFiles = { ...files };
  const without: string[] = [];
  for (const dataset of DEMO_CORRECTED_DATASETS) {
    const versions = files[dataset].versions as { version: string; corrects?: string }[];
    const shown = versions.find((v) => v.version === DEMO_CORRECTIONS[dataset]);
    if (shown?.corrects === undefined) throw new Error(`demo data: ${dataset} has no correction ${DEMO_CORRECTIONS[dataset]} to show`);
    const left = new Set([shown.version]);
    for (const v of versions) if (v.corrects !== undefined && left.has(v.corrects)) left.add(v.version); // listed after what they correct
    without.push(...versions.filter((v) => left.has(v.version)).map((v) => v.version));
    (out as unknown as Record<string, unknown>)[dataset] = { ...files[dataset], versions: versions.filter((v) => !left.has(v.version)) };
  }
  return { files: out, without };
}

/** A reference source fixed on the files before those corrections (intake reads only current()). */
function referenceBefore(files: ReferenceFiles): ReferenceSource {
  const compiled = compileReference(files);
  return { current: () => compiled, reload: async () => undefined, reloadIfBehind: async () => false };
}


/** What each parcel holds and how far it got (all open: see the header). */
const PARCELS: { ref: string; description: string; hsCode: string; quantity: number; unit: 'bottle' | 'piece'; price: number; days: number; arrived: boolean; name: string }[] = [
  { ref: 'DEMO-RC-01', description: '두부 House Foods Organic Firm Tofu', hsCode: '2106101000', quantity: 4, unit: 'piece', price: 3.5, days: 3, arrived: true, name: '윤서아' },
  { ref: 'DEMO-RC-02', description: '시럽 Torani Vanilla Syrup', hsCode: '2106902000', quantity: 3, unit: 'bottle', price: 9, days: 2, arrived: false, name: '한도윤' },
  { ref: 'DEMO-RC-03', description: '커피크리머 Nestle Coffee-mate Original', hsCode: '2106909010', quantity: 2, unit: 'piece', price: 8, days: 4, arrived: true, name: '오지호' },
  { ref: 'DEMO-RC-04', description: '시럽 Monin Caramel Syrup', hsCode: '2106902000', quantity: 7, unit: 'bottle', price: 9, days: 3, arrived: false, name: '서하린' },
  { ref: 'DEMO-RC-05', description: '커피크리머 Nestle Coffee-mate Hazelnut', hsCode: '2106909010', quantity: 8, unit: 'piece', price: 7, days: 2, arrived: false, name: '문예준' },
  { ref: 'DEMO-RC-06', description: '두부 Morinaga Silken Tofu', hsCode: '2106101000', quantity: 10, unit: 'piece', price: 3, days: 4, arrived: false, name: '강민서' },
  // Decided with the same versions, and the same by the corrections: checked, not decided again.
  { ref: 'DEMO-RC-07', description: '크림 CeraVe Moisturizing Cream', hsCode: '3304991000', quantity: 1, unit: 'piece', price: 19, days: 3, arrived: true, name: '배수아' },
];

/** How many parcels the seed adds this way (beside the `declarations` it is asked for). */
export const CORRECTION_DEMO_PARCELS = PARCELS.length;

/** The consignees of these parcels, one each (no combined taxation with the rest of the demo). */
export function correctionDemoConsignees(): { name: string; pccc: string; phone: string; postcode: string; address: string }[] {
  return PARCELS.map((p, k) => ({ name: p.name, pccc: `P${261205000101 + k}`, phone: `010-7${String(k).padStart(3, '0')}-12${String(k).padStart(2, '0')}`, postcode: '04524', address: `서울특별시 중구 세종대로 ${110 + k}` }));
}

/**
 * Stores the parcels as decided before the latest corrections, moves some of them on, then has the
 * reference-correction worker look again and decide them (`settle`: rescan and drain).
 */
export async function seedCorrectionDemo(
  deps: SeedDeps & { consumers: ConsumerStore; submissions?: SubmissionStore },
  o: { operator: OperatorPrincipal; today: string; settle?: () => Promise<void>; log: (line: string) => void },
): Promise<void> {
  const before = filesBeforeLatestCorrections(deps.reference.current().files);
  const consignees = correctionDemoConsignees();
  const expires = `${Number(o.today.slice(0, 4)) + 1}${o.today.slice(4)}`;
  await deps.consumers.upsertHolders(
    consignees.map((c) => ({ pccc: c.pccc, name: c.name, phone: c.phone.replace(/\D/g, ''), postcodes: [c.postcode], status: 'active', issuedOn: '2024-01-15', expiresOn: expires })),
  );
  const declarations = PARCELS.map((p, k) => {
    const declaredAt = addDays(o.today, -p.days);
    const c = consignees[k]!;
    return {
      ref: p.ref,
      declaredAt,
      ecommerceType: 'direct',
      purpose: 'personal',
      shipment: { mode: 'express', shipFrom: 'US', hblNo: `CJ${declaredAt.replace(/-/g, '').slice(2)}RC${String(k + 1).padStart(3, '0')}`, arrivalDate: addDays(declaredAt, 1), grossWeightKg: 1.5 },
      parties: { platform: { name: 'iHerb', country: 'US' }, seller: { name: 'iHerb LLC', country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } },
      consignee: { name: c.name, pccc: c.pccc, phone: c.phone, postcode: c.postcode, address: c.address },
      order: { orderNo: `IH${7_120_500_000 + k}`, purchasedAt: addDays(declaredAt, -4), currency: 'USD', amountPaid: Math.round(p.price * p.quantity * 100) / 100 },
      items: [{ description: p.description, hsCode: p.hsCode, quantity: p.quantity, unit: p.unit, price: p.price, originCountry: 'US' }],
    };
  }).sort((x, y) => x.declaredAt.localeCompare(y.declaredAt) || x.ref.localeCompare(y.ref));
  const submittedAt = (i: number) => new Date(`${declarations[i]!.declaredAt}T00:10:00Z`);
  const r = await submitDeclarations({ ...deps, reference: referenceBefore(before.files) }, { operator: o.operator, declarations, idempotencyKey: null, submittedAt });
  if (!r.ok) throw new Error(`demo intake (before the corrections) failed: ${r.error.code}`);
  if (deps.submissions) await recordSubmission({ submissions: deps.submissions }, o.operator.operatorId, r.value.response, submittedAt(declarations.length - 1));
  const advances: { declarationId: number; events: SystemEvent[] }[] = [];
  for (const x of r.value.response.results) {
    if (x.status !== 'accepted') throw new Error(`demo parcel ${declarations[x.index]!.ref} (before the corrections) not accepted: ${x.status}`);
    const p = PARCELS.find((q) => q.ref === declarations[x.index]!.ref)!;
    if (!p.arrived) continue;
    const t0 = Date.parse(`${declarations[x.index]!.declaredAt}T00:30:00Z`);
    const shed = { shedNm: '인천공항 특송물류센터', shedSgn: '04077007' };
    const steps: [SystemEvent['type'], Record<string, unknown>?][] = [['ARRIVAL_REPORT_SUBMITTED'], ['MANIFEST_SUBMITTED'], ['MANIFEST_REVIEWED'], ['ARRIVAL_REPORT_ACCEPTED'], ['UNLOADING_ACCEPTED', shed]];
    advances.push({ declarationId: x.declarationId!, events: steps.map(([type, detail], k) => ({ type, occurredAt: new Date(t0 + (k + 1) * 3600_000), ...(detail ? { detail } : {}) })) });
  }
  for (const [k, res] of (await advanceDeclarations(deps, advances)).entries()) {
    if (!res.ok) throw new Error(`demo lifecycle (before the corrections) failed for declaration ${advances[k]!.declarationId}: ${res.error.code}`);
  }
  o.log(`  ${declarations.length} demo parcels decided without ${before.without.join(', ')}; decided again with them …`);
  await o.settle?.();
}
