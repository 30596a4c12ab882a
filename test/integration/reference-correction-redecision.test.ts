// Declarations on record decided with reference data a later data-file version corrected
// (`corrects`): the next start queues them (reference_redecisions, migrations/092) and its worker
// decides each again (src/app/redecide-after-correction.ts). Here the platform runs on data/ as it
// is, then starts again, on the same database, with two synthetic corrections: the tariff in force
// gets T-shirts (6109) at 8 % instead of 13 %, the self-use limit of supplements 8 bottles instead
// of 6 and that of perfume 100 ml instead of 60. Embedded PostgreSQL, or the server named by DATABASE_URL.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceDeclaration } from '../../src/app/advance-declaration.ts';
import type { LifecycleEventType } from '../../src/domain/lifecycle.ts';
import type { ReferenceFiles } from '../../src/domain/reference/types.ts';
import { createPlatform, type Platform } from '../../src/main.ts';
import { referenceFiles } from '../support/reference.ts';
import { api, declaration, testConfig } from '../support/test-platform.ts';
import { startTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { createOperator } from '../../src/app/manage-api-keys.ts';

let db: TestDatabase;
let platform: Platform;
let files: ReferenceFiles;
let key: string;
let officerToken: string;
const ids: Record<string, number> = {};
const cargoNos: Record<string, string> = {};
const log: string[] = [];

/** data/ with the two corrections (each the same effectiveFrom as the version it corrects, listed after it). */
function corrected(base: ReferenceFiles): ReferenceFiles {
  const tariff = base.tariff.versions.find((v) => v.version === 'tariff-2026-01-01-r5')!;
  const limits = base.quantityLimits.versions.at(-1)!;
  return {
    ...base,
    tariff: {
      ...base.tariff,
      versions: [
        ...base.tariff.versions,
        { ...tariff, version: 'tariff-2026-01-01-r6', corrects: tariff.version, source: 'test correction', records: tariff.records.map((r) => (r.hs === '6109' ? { ...r, basic: 0.08 } : r)) },
      ],
    },
    quantityLimits: {
      ...base.quantityLimits,
      versions: [
        ...base.quantityLimits.versions,
        {
          ...limits,
          version: 'quantity-limits-test-r9',
          corrects: limits.version,
          source: 'test correction',
          records: limits.records.map((r) => (r.code === 'SUPPLEMENT' ? { ...r, max: 8 } : r.code === 'PERFUME_VOLUME' ? { ...r, max: 100 } : r)),
        },
      ],
    },
  };
}

/** From China by express, 0.5 kg, declared 2026-02-04 (customs rate of the week of 2026-02-01: USD 1,442.88); one consignee each. */
function parcel(ref: string, pccc: string, item: Record<string, unknown>) {
  return declaration(ref, {
    declaredAt: '2026-02-04',
    shipment: { mode: 'express', shipFrom: 'CN', hblNo: `H-${ref}`, arrivalDate: '2026-02-05', grossWeightKg: 0.5 },
    parties: { platform: { name: 'AliExpress', country: 'CN' }, seller: { name: `Seller ${ref}`, country: 'CN' } },
    consignee: { name: '정하늘', pccc, phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' },
    order: { orderNo: `O-${ref}`, purchasedAt: '2026-02-01', currency: 'USD' },
    items: [item],
  });
}
const shirt = { description: '티셔츠 Uniqlo 에어리즘 크루넥', hsCode: '6109101000', quantity: 1, price: 180, originCountry: 'VN' };
const supplements = { description: '영양제 Nature Made 멀티비타민', category: 'supplement', quantity: 7, unit: 'bottle', price: 10, originCountry: 'US' };
const shoes = { description: '운동화 Nike Pegasus 41', category: 'shoes', quantity: 1, price: 180, originCountry: 'VN' };
/** From the US by express (USD 200 de minimis for list clearance), on one B/L, one consignee: one combined-taxation group (고시 제68조 ground 1). */
function fromUs(ref: string, item: Record<string, unknown>) {
  return declaration(ref, {
    declaredAt: '2026-02-04',
    shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-RC-US', arrivalDate: '2026-02-05', grossWeightKg: 0.5 },
    parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: `Seller ${ref}`, country: 'US' } },
    consignee: { name: '정하늘', pccc: 'P700000000007', phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' },
    order: { orderNo: `O-${ref}`, purchasedAt: ref.endsWith('SHOES') ? '2026-02-01' : '2026-02-02', currency: 'USD' },
    items: [item],
  });
}

async function advance(id: number, types: LifecycleEventType[]) {
  const at = new Date('2026-02-05T03:00:00Z');
  const r = await advanceDeclaration(platform.deps, id, types.map((type, k) => ({ type, occurredAt: new Date(at.getTime() + k * 60_000) })));
  expect(r.ok).toBe(true);
}
const read = (id: number) => api(platform.url, 'GET', `/api/v1/declarations/${id}`, { token: key });
const events = async (id: number) =>
  (await db.pool.query(`SELECT type, reason, detail FROM declaration_events WHERE declaration_id = $1 ORDER BY seq`, [id])).rows as { type: string; reason: string; detail: any }[];
const secretKey = crypto.randomBytes(32).toString('base64'); // the platform's keys survive the restarts
const start = async (f: ReferenceFiles) => createPlatform(testConfig({ secretKey, webhookPollMs: 20 }), { db, files: f, log: (line) => log.push(line) });

beforeAll(async () => {
  db = await startTestDatabase();
  files = await referenceFiles();
  platform = await start(files);
  ({ key } = await createOperator(platform.deps, 'system', { code: 'RCORR', name: 'RCORR Ltd', role: 'marketplace' }));
  await platform.deps.access.createUser({ username: 'rc-officer', displayName: 'rc', role: 'officer', passwordHash: await platform.deps.secrets.hashPassword('pw-rc') });
  officerToken = (await api(platform.url, 'POST', '/api/v1/auth/sign-in', { body: { username: 'rc-officer', password: 'pw-rc' } })).body.token;
  const r = await api(platform.url, 'POST', '/api/v1/declarations', {
    token: key,
    body: {
      declarations: [
        parcel('RC-OPEN', 'P700000000001', shirt),
        parcel('RC-CLEARED', 'P700000000002', shirt),
        parcel('RC-HELD', 'P700000000003', supplements),
        parcel('RC-OFFICER', 'P700000000004', shirt),
        parcel('RC-SHOES', 'P700000000005', shoes),
        parcel('RC-GONE', 'P700000000006', shirt),
        // Shoes USD 90 and an 80 ml perfume USD 80 on one B/L: 170 in all. Over 60 ml the perfume
        // loses the exemption and list clearance, so its limit is USD 150 and the group's too
        // (the lowest of its members'): both taxed. Corrected to 100 ml, the perfume keeps USD 200.
        fromUs('RC-US-SHOES', { ...shoes, price: 90, originCountry: 'CN' }),
        fromUs('RC-US-PERFUME', { description: '향수 Jo Malone 우드 세이지 앤 씨 솔트 코롱', hsCode: '3303001000', quantity: 1, unit: 'bottle', volumeMl: 80, price: 80, originCountry: 'GB' }),
      ],
    },
  });
  expect(r.status).toBe(200);
  for (const x of r.body.results) {
    ids[x.ref] = x.declarationId;
    cargoNos[x.ref] = x.cargoNo;
  }
  await advance(ids['RC-CLEARED']!, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'IMPORT_ACCEPTED']);
  expect((await api(platform.url, 'POST', `/api/v1/officer/declarations/${ids['RC-OFFICER']}/hold`, { token: officerToken, body: { reason: '서류 확인 필요' } })).status).toBeLessThan(300);
  expect((await api(platform.url, 'POST', `/api/v1/declarations/${ids['RC-GONE']}/withdraw`, { token: key, body: { reason: '주문 취소' } })).status).toBeLessThan(300);
  await platform.close();
  // The same database, started again with the corrections.
  platform = await start(corrected(files));
  await platform.referenceCorrections.drain();
  await platform.combinedRedecisions.drain();
}, 120_000);
afterAll(async () => {
  await platform?.close();
  await db?.close();
});

describe('declarations on record decided again after a reference-data correction', () => {
  it('the start says how many it queued: every declaration that recorded a superseded version, but the withdrawn one', async () => {
    expect(log.filter((l) => l.startsWith('reference data corrections:'))).toEqual([
      'reference data corrections: 7 declarations on record to decide again (tariff-2026-01-01-r5 → tariff-2026-01-01-r6, quantity-limits-2015-12-01-r6 → quantity-limits-test-r9)',
    ]);
    const rows = (await db.pool.query(`SELECT declaration_id::int AS id, dataset, outcome FROM reference_redecisions ORDER BY declaration_id, dataset`)).rows;
    expect(rows.every((x) => x.id !== ids['RC-GONE'])).toBe(true);
    // One row per declaration and superseded version: a declaration records the version of every dataset.
    expect(rows).toHaveLength(14);
    expect(rows.filter((x) => x.id === ids['RC-SHOES']).map((x) => x.outcome)).toEqual(['unchanged', 'unchanged']);
    // The first row decided it with both corrections, and both rows have that outcome (the second found it done).
    expect(rows.filter((x) => x.id === ids['RC-OPEN']).map((x) => x.outcome)).toEqual(['reassessed', 'reassessed']);
  });

  it('an open T-shirt at USD 180 is decided again at 8 %: a new version, its taxes down from KRW 65,120 to KRW 50,380, and the event says why', async () => {
    // goods 180 × 1,442.88 = 259,718.4 → KRW 259,718 > 200,000 → express freight CN 0.5 kg KRW 8,300; CIF 268,018.
    // Before (13 %): duty 268,018 × 13 % = 34,842.34 → 34,842 → 34,840; VAT (268,018 + 34,842) × 10 % = 30,286 → 30,280; total 65,120.
    // After (8 %): duty 268,018 × 8 % = 21,441.44 → 21,441 → 21,440; VAT (268,018 + 21,441) × 10 % = 28,945.9 → 28,945 → 28,940; total 50,380.
    const d = await read(ids['RC-OPEN']!);
    expect(d.body.version).toBe(2);
    expect(d.body.assessment.taxes).toMatchObject({ dutyKrw: 21_440, vatKrw: 28_940, totalKrw: 50_380 });
    expect(d.body.assessment.dataVersions.tariff).toBe('tariff-2026-01-01-r6');
    const last = (await events(ids['RC-OPEN']!)).at(-1)!;
    expect(last.type).toBe('REFERENCE_REASSESSED');
    expect(last.reason).toBe('관세율표 자료 정정(tariff-2026-01-01-r5 → tariff-2026-01-01-r6), 자가사용 인정기준(수량) 자료 정정(quantity-limits-2015-12-01-r6 → quantity-limits-test-r9)에 따라 다시 판정했습니다. 통관 경로: 일반통관(수입신고) 그대로; 납부할 세액: 65,120원 → 50,380원. 새 세액의 납부고지를 기다리세요. 판정에 이의가 있으면 심사청구할 수 있습니다.');
    expect(last.detail).toMatchObject({ fromVersion: 1, toVersion: 2, taxesDueKrw: 50_380, law: '관세법 제17조(적용 법령); 관세법 제119조(불복의 신청)' });
    expect(last.detail.reasonEn).toContain('taxes due: KRW 65,120 → KRW 50,380');
    // The consignee's lookup by cargo number shows it, in Korean and English, with the taxes now due.
    const lookup = await api(platform.url, 'GET', `/api/v1/lookup/cargo/${cargoNos['RC-OPEN']}`);
    expect(lookup.body.taxes.dueKrw).toBe(50_380);
    expect(lookup.body.timeline.at(-1)).toMatchObject({ type: 'REFERENCE_REASSESSED', nameKo: '참조자료 정정 재판정', nameEn: 'Re-assessed after a reference-data correction', reason: last.reason });
    // Both corrections the new decision reads are named, whichever row of the queue decided it.
    expect(last.detail.corrections).toEqual([
      { dataset: 'tariff', version: 'tariff-2026-01-01-r5', correctedBy: 'tariff-2026-01-01-r6' },
      { dataset: 'quantityLimits', version: 'quantity-limits-2015-12-01-r6', correctedBy: 'quantity-limits-test-r9' },
    ]);
  });

  it('a cleared one keeps its decision; the note says KRW 14,740 can be reclaimed (경정청구)', async () => {
    const d = await read(ids['RC-CLEARED']!);
    expect(d.body.version).toBe(1);
    expect(d.body.assessment.taxes.totalKrw).toBe(65_120);
    const all = await events(ids['RC-CLEARED']!);
    const last = all.at(-1)!;
    expect(last.type).toBe('REFERENCE_CORRECTED_AFTER_CLEARANCE');
    // Noted once, though it had a row for each of the two superseded versions it recorded.
    expect(all.filter((e) => e.type === 'REFERENCE_CORRECTED_AFTER_CLEARANCE')).toHaveLength(1);
    // 65,120 − 50,380 = 14,740
    expect(last.reason).toContain('더 낸 14,740원은 최초 납세신고일부터 5년 안에 경정청구로 돌려받을 수 있습니다(관세법 제38조의3②).');
    expect(last.detail).toMatchObject({ taxesDueKrw: 50_380, taxesDueKrwWhenCleared: 65_120 });
  });

  it("seven bottles of supplements, held by the engine over the 6-bottle limit, are released by the 8-bottle correction; an officer's hold stays", async () => {
    const held = await read(ids['RC-HELD']!);
    expect(held.body).toMatchObject({ version: 2, route: 'general', status: 'declared' });
    expect((await events(ids['RC-HELD']!)).map((e) => e.type)).toEqual(['SUBMITTED', 'REFERENCE_REASSESSED']);
    const byOfficer = await read(ids['RC-OFFICER']!);
    expect(byOfficer.body).toMatchObject({ version: 2, status: 'held' });
    expect(byOfficer.body.assessment.taxes.totalKrw).toBe(50_380);
    expect((await events(ids['RC-OFFICER']!)).map((e) => e.type)).toEqual(['SUBMITTED', 'HOLD', 'REFERENCE_REASSESSED']);
  });

  it('a declaration the correction does not change gets no version and no event; the withdrawn one is left alone', async () => {
    expect((await read(ids['RC-SHOES']!)).body.version).toBe(1);
    expect((await events(ids['RC-SHOES']!)).map((e) => e.type)).toEqual(['SUBMITTED']);
    expect((await events(ids['RC-GONE']!)).map((e) => e.type)).toEqual(['SUBMITTED', 'WITHDRAWN']);
  });

  it("a correction that raises one member's de minimis reaches its group: the perfume decided again keeps USD 200, and the shoes on its B/L, which the correction alone left as they were, follow the group back under the limit", async () => {
    const shoesNow = (await read(ids['RC-US-SHOES']!)).body;
    const perfumeNow = (await read(ids['RC-US-PERFUME']!)).body;
    // Before: 90 + 80 = USD 170 over the group's USD 150, both general and taxed.
    expect(perfumeNow.revisions[0].assessment).toMatchObject({ route: 'general', combinedWith: ['RC-US-SHOES'], deMinimis: { thresholdUsd: 150, exempt: false } });
    expect(shoesNow.revisions[0].assessment).toMatchObject({ route: 'general', combinedWith: ['RC-US-PERFUME'], deMinimis: { thresholdUsd: 150, exempt: false } });
    expect(shoesNow.revisions[0].assessment.taxes.totalKrw).toBeGreaterThan(0);
    // The perfume, decided again by the correction: 80 ml within 100 ml, list clearance, USD 200; 170 ≤ 200, exempt.
    expect(perfumeNow).toMatchObject({ version: 2, route: 'list', assessment: { deMinimis: { thresholdUsd: 200, exempt: true }, taxes: { totalKrw: 0 } } });
    expect((await events(ids['RC-US-PERFUME']!)).at(-1)).toMatchObject({ type: 'REFERENCE_REASSESSED' });
    // The shoes were decided by the correction first (by id), against the perfume as stored then (USD
    // 150): unchanged. The perfume's new version queued its group, and the shoes follow it: 170 ≤ 200,
    // list clearance, nothing owed (before: left taxed on a group within its limit).
    expect(shoesNow).toMatchObject({ version: 2, route: 'list', assessment: { combinedWith: ['RC-US-PERFUME'], deMinimis: { thresholdUsd: 200, exempt: true }, taxes: { totalKrw: 0 } } });
    const last = (await events(ids['RC-US-SHOES']!)).at(-1)!;
    expect(last).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { fromVersion: 1, toVersion: 2, route: 'list', taxesDueKrw: 0, memberChanged: true } });
    expect(last.reason).toContain('합산과세 재산정: 함께 합산되는 신고의 물품가격 또는 면세한도가 바뀌어(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: 일반통관(수입신고) → 목록통관');
    expect(await db.pool.query(`SELECT 1 FROM combined_redecisions`)).toMatchObject({ rowCount: 0 });
  });

  it('the administrator reads what each correction came to; an officer may not', async () => {
    await platform.deps.access.createUser({ username: 'rc-admin', displayName: 'rc', role: 'admin', passwordHash: await platform.deps.secrets.hashPassword('pw-rc-admin') });
    const admin = (await api(platform.url, 'POST', '/api/v1/auth/sign-in', { body: { username: 'rc-admin', password: 'pw-rc-admin' } })).body.token;
    const r = await api(platform.url, 'GET', '/api/v1/admin/reference/corrections', { token: admin });
    expect(r.status).toBe(200);
    // Seven declarations recorded each superseded version, and each decision read both corrections: each
    // correction's row of a declaration has that decision's outcome, whichever row ran first. Open,
    // engine-held, officer-held and the perfume: a new version; cleared: noted; both shoes: unchanged
    // (the US shoes were decided again afterwards for their group, which these counts do not hold).
    const byDataset = Object.fromEntries(r.body.corrections.map((c: { dataset: string }) => [c.dataset, c]));
    expect(Object.keys(byDataset).sort()).toEqual(['quantityLimits', 'tariff']);
    for (const dataset of ['tariff', 'quantityLimits']) expect(byDataset[dataset]).toMatchObject({ queued: 7, pending: 0, reassessed: 4, noted: 1, unchanged: 2, gone: 0 });
    expect((await api(platform.url, 'GET', '/api/v1/admin/reference/corrections', { token: officerToken })).status).toBe(403);
  });

  it('the next start queues nothing again: each declaration was checked against this correction', async () => {
    await platform.close();
    log.length = 0;
    platform = await start(corrected(files));
    await platform.referenceCorrections.drain();
    expect(log.filter((l) => l.startsWith('reference data corrections:'))).toEqual([]);
    expect((await read(ids['RC-OPEN']!)).body.version).toBe(2);
  });
});
