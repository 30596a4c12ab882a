// The demo data of `npm start` on the real database: declarations in every state, and the demo
// inspection history (src/adapters/demo/seed-risk-demo.ts) that fills the selection-performance
// page and the party profiles: past weeks only, the highest-ranked parcels of each week plus a
// small random sample, each inspection labelled as synthetic, and nothing added on a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/adapters/demo/seed-demo.ts';
import { seedRiskDemo } from '../../src/adapters/demo/seed-risk-demo.ts';
import { seedDeskDemo } from '../../src/adapters/demo/seed-desk-demo.ts';
import { DEMO_NOT_REFUNDED_NOTE, seedPaymentDemo } from '../../src/adapters/demo/seed-payment-demo.ts';
import type { TaxDeps } from '../../src/app/list-tax-notices.ts';
import { bannerText } from '../../src/main.ts';
import { readConfig } from '../../src/config.ts';
import { recordInspectionResult } from '../../src/app/record-inspection-result.ts';
import { DEFAULT_POLICY, revenueCeilingKrw, revenueCeilingRatesOn } from '../../src/domain/risk/platform-risk.ts';
import { api, consumerToken, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { eventsOutOfOrder } from '../support/timeline-order.ts';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ seedDemo: true, demoDeclarations: 800 });
});
afterAll(async () => t?.close());

describe('demo data', () => {
  it('holds declarations in several lifecycle states', async () => {
    const r = await t.db.pool.query(`SELECT status, count(*)::int AS n FROM declarations GROUP BY status`);
    const statuses = r.rows.map((x) => x.status as string);
    expect(statuses).toEqual(expect.arrayContaining(['held', 'released', 'rejected', 'withdrawn']));
  });

  it('holds a parcel for its self-use quantities only when it has goods the standards count (was: one charging cable of USD 5.23)', async () => {
    const r = await t.db.pool.query(
      `SELECT d.cargo_no, d.declaration->'items' AS items FROM declarations d JOIN declaration_events e ON e.declaration_id = d.id
        WHERE e.type = 'HOLD' AND e.detail->>'reasonEn' = 'Checking whether self-use quantity limits are exceeded.'`,
    );
    expect(r.rows.length).toBeGreaterThan(0);
    const counted = (it: { category?: string; quantity: number }) => ['vitamin', 'supplement', 'perfume', 'cosmetics'].includes(it.category ?? '') || it.quantity >= 3;
    for (const x of r.rows) expect(x.items.some(counted), `${x.cargo_no}: ${JSON.stringify(x.items)}`).toBe(true);
  });

  it('writes each parcel’s history by its route as it stands after combined taxation was decided again, not as intake first answered', async () => {
    // A later demo declaration combined with an earlier one (고시 제68조) sends the earlier, listed one to
    // general clearance (COMBINED_REASSESSED, by the worker): its history must be an import declaration's.
    const redecided = await t.db.pool.query(`SELECT count(DISTINCT declaration_id)::int AS n FROM declaration_events WHERE type = 'COMBINED_REASSESSED'`);
    const mismatched = await t.db.pool.query(
      `SELECT d.cargo_no, d.route, e.type FROM declarations d JOIN declaration_events e ON e.declaration_id = d.id
        WHERE (d.route = 'general' AND e.type IN ('LIST_RECEIVED', 'LIST_CLEARED')) OR (d.route = 'list' AND e.type IN ('IMPORT_DECLARED', 'IMPORT_ACCEPTED'))`,
    );
    expect(mismatched.rows).toEqual([]);
    expect(redecided.rows[0].n).toBeGreaterThan(0); // the case arises in the demo data
  });

  it('dates each declaration’s history in the order it was recorded: its 합산과세 재산정 after its 신고접수 and the later declarations that joined its group, before what follows (was: at the seed’s own time)', async () => {
    // The timeline lists events in the order recorded (seq). The seed submits each declaration backdated (its
    // SUBMITTED at 00:10 UTC of its date, its history from 00:30 on), while the worker dated the
    // reassessments its intake caused at the seed's now: after a history of days or weeks later in the list.
    expect(await eventsOutOfOrder(t.db.pool)).toEqual([]);
    // each reassessment after the 신고접수 of every later declaration it names (detail.combinedWith), a minute after the latest
    const joined = await t.db.pool.query(
      `SELECT d.cargo_no, e.occurred_at, max(s.occurred_at) AS latest
         FROM declaration_events e JOIN declarations d ON d.id = e.declaration_id
         JOIN declarations j ON j.ref IN (SELECT jsonb_array_elements_text(e.detail->'combinedWith'))
         JOIN declaration_events s ON s.declaration_id = j.id AND s.type = 'SUBMITTED'
        WHERE e.type = 'COMBINED_REASSESSED' GROUP BY d.cargo_no, e.id, e.occurred_at`,
    );
    expect(joined.rows.length).toBeGreaterThan(0); // the case arises in the demo data
    expect(joined.rows.filter((x) => (x.occurred_at as Date).getTime() < (x.latest as Date).getTime()).map((x) => x.cargo_no)).toEqual([]);
    expect(joined.rows.filter((x) => (x.occurred_at as Date).getTime() > Date.now() - 3_600_000).length).toBeLessThan(joined.rows.length); // not all at the seed's time
  });

  it('numbers the declarations in the order they were filed, whichever operator filed them: a consumer’s usage ledger, newest first, is in date order (was: one intake call per operator, so a parcel of 11-24 was listed above one of 12-04)', async () => {
    // Per consignee, by id (the ledger's and the tax notices' newest first): a later id never has an earlier 신고일 or 신고접수.
    const r = await t.db.pool.query(
      `WITH filed AS (SELECT d.id, d.pccc, d.cargo_no, d.declared_at, (SELECT e.occurred_at FROM declaration_events e WHERE e.declaration_id = d.id AND e.type = 'SUBMITTED') AS submitted FROM declarations d),
            paired AS (SELECT f.*, lag(f.declared_at) OVER w AS before_declared, lag(f.submitted) OVER w AS before_submitted, lag(f.cargo_no) OVER w AS before_cargo FROM filed f WINDOW w AS (PARTITION BY f.pccc ORDER BY f.id))
       SELECT pccc, before_cargo, cargo_no, before_declared, declared_at FROM paired WHERE declared_at < before_declared OR submitted < before_submitted`,
    );
    expect(r.rows.map((x) => `${x.pccc}: ${x.before_cargo} ${x.before_declared} then ${x.cargo_no} ${x.declared_at}`)).toEqual([]);
    // Consignees with several parcels exist (the check is not empty), 김민지 among them.
    const several = await t.db.pool.query(`SELECT count(*)::int AS n FROM (SELECT pccc FROM declarations GROUP BY pccc HAVING count(*) > 1) x`);
    expect(several.rows[0].n).toBeGreaterThan(10);
    // 김민지's ledger as the page reads it: every 신고일 on or before the one listed above it.
    const c = (await t.db.pool.query(`SELECT pccc, name, phone, postcodes FROM pccc_holders WHERE pccc = 'P250000000001'`)).rows[0];
    const token = await consumerToken(t.base, c.pccc, c.name, c.phone, c.postcodes[0]);
    const ledger = (await api(t.base, 'GET', '/api/v1/consumer/ledger?limit=200', { token })).body.declarations as { cargoNo: string; declaredAt: string }[];
    expect(ledger.length).toBeGreaterThan(5);
    expect(ledger.filter((x, i) => i > 0 && x.declaredAt > ledger[i - 1]!.declaredAt).map((x) => x.cargoNo)).toEqual([]);
  });

  it('has the cargo arrive on its declared arrival date and enter the warehouse at its declared weight (API001 입항일자 and the events agree)', async () => {
    // Before: the arrival events were written from the declaration date, a day before the declared
    // arrival date, and every warehouse entry weighed 1 kg.
    const r = await t.db.pool.query(
      `SELECT d.cargo_no, d.declaration->'shipment'->>'arrivalDate' AS arrival, (d.declaration->'shipment'->>'grossWeightKg')::float8 AS kg,
              e.type, e.occurred_at, (e.detail->>'wght')::float8 AS wght, now() AS now
         FROM declarations d JOIN declaration_events e ON e.declaration_id = d.id
        WHERE e.type IN ('ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN') AND d.operator_id IN (SELECT id FROM operators WHERE code <> 'IHERB')`,
    );
    expect(r.rows.length).toBeGreaterThan(100);
    // On or after 00:00 UTC of the arrival date, unless that is still to come (then at the time of the seed).
    const early = r.rows.filter((x) => (x.occurred_at as Date).getTime() < Math.min(Date.parse(`${x.arrival}T00:00:00Z`), (x.now as Date).getTime() - 120_000));
    expect(early.map((x) => `${x.cargo_no} ${x.type} ${(x.occurred_at as Date).toISOString()} < ${x.arrival}`)).toEqual([]);
    const entries = r.rows.filter((x) => x.type === 'WAREHOUSE_IN');
    expect(entries.filter((x) => x.wght !== x.kg)).toEqual([]);
    expect(new Set(entries.map((x) => x.wght)).size).toBeGreaterThan(1);
  });

  it('gives every officer’s reason (hold, release, refusal) in English too: an English reader of a lookup sees no Korean-only reason', async () => {
    const r = await t.db.pool.query(
      `SELECT type, reason, detail->>'reasonEn' AS en FROM declaration_events WHERE type IN ('HOLD', 'HOLD_RELEASED', 'REJECTED') AND reason IS NOT NULL`,
    );
    expect([...new Set(r.rows.map((x) => x.type))]).toEqual(expect.arrayContaining(['HOLD', 'REJECTED']));
    expect(r.rows.filter((x) => !x.en)).toEqual([]);
    for (const x of r.rows) expect(x.en).not.toMatch(/[가-힣]/);
  });

  it('holds past inspections of the top-ranked parcels of each week, labelled synthetic', async () => {
    const r = await t.db.pool.query(
      `SELECT i.declaration_id, i.inspected_at, i.outcome, i.revenue_krw, i.note, i.model_version, i.priority, d.declared_at::text AS declared_at
         FROM inspection_results i JOIN declarations d ON d.id = i.declaration_id`,
    );
    expect(r.rows.length).toBeGreaterThan(20); // 800 declarations over 40 days: ~3 % + ~1 % per week
    const now = Date.now();
    for (const x of r.rows) {
      expect(x.note).toContain('synthetic');
      expect(x.model_version).toMatch(/^gbdt-/);
      expect((x.inspected_at as Date).getTime()).toBeLessThan(now);
      expect((x.inspected_at as Date).getTime()).toBeGreaterThan(Date.parse(`${x.declared_at}T00:00:00Z`));
      if (x.outcome === 'clean') expect(Number(x.revenue_krw)).toBe(0);
    }
    // What a find recovers is what the parcel can owe at most (revenueCeilingKrw), and nothing for a
    // misclassification of a parcel exempt under the de minimis (same value, another heading).
    const recovered = await t.db.pool.query(
      `SELECT i.outcome, i.revenue_krw, d.declared_at::text AS declared_at, d.assessment -> 'lines' AS lines, d.assessment -> 'deMinimis' AS de_minimis, d.assessment -> 'taxes' AS taxes
         FROM inspection_results i JOIN declarations d ON d.id = i.declaration_id WHERE i.outcome <> 'clean'`,
    );
    expect(recovered.rows.length).toBeGreaterThan(0);
    for (const x of recovered.rows) {
      const ceiling = revenueCeilingKrw({ lines: x.lines, deMinimis: x.de_minimis, taxes: x.taxes }, DEFAULT_POLICY, revenueCeilingRatesOn(t.platform.deps.reference.current(), x.declared_at))!;
      expect(Number(x.revenue_krw)).toBeLessThanOrEqual(Math.round(ceiling / 10) * 10);
      if (x.outcome === 'misclassified' && x.de_minimis.exempt) expect(Number(x.revenue_krw)).toBe(0);
    }
    expect(new Set(r.rows.map((x) => x.outcome)).size).toBeGreaterThan(1);
    // Most inspections are the week's highest priorities: their median priority is above the median of all scored parcels.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const all = (await t.db.pool.query(`SELECT priority FROM risk_scores`)).rows.map((x) => Number(x.priority));
    expect(median(r.rows.map((x) => Number(x.priority)))).toBeGreaterThan(median(all));
  });

  it('shows on the performance page, in several weeks, and feeds the party profiles', async () => {
    const officer = await t.officer('demo-seed-officer');
    const perf = await api(t.base, 'GET', '/api/v1/officer/risk/performance?weeks=12', { token: officer.token });
    expect(perf.status).toBe(200);
    expect(perf.body.weeks.length).toBeGreaterThanOrEqual(3);
    expect(perf.body.totals.inspected).toBe(Number((await t.db.pool.query(`SELECT count(*) AS n FROM inspection_results`)).rows[0].n));
    // Each demo inspection says why (the week's top of the queue, the random sample, the audit sample):
    // the selection's precision is counted on the queue's alone.
    const why = await t.db.pool.query(`SELECT selected_by, count(*)::int AS n FROM inspection_results GROUP BY 1 ORDER BY 1`);
    expect(why.rows.map((x) => x.selected_by)).toEqual(['audit', 'queue', 'random']);
    const n = (k: string) => why.rows.find((x) => x.selected_by === k)!.n as number;
    expect([perf.body.totals.queue.inspected, perf.body.totals.random.inspected]).toEqual([n('queue'), n('random')]);
    const profiles = await t.db.pool.query(`SELECT sum(inspected)::int AS n FROM party_profiles WHERE role = 'seller'`);
    expect(profiles.rows[0].n).toBe(perf.body.totals.inspected); // every inspected parcel names its seller
  });

  it('names each forwarder with its own code, and files a forwarded parcel by that forwarder’s account (or the broker’s)', async () => {
    const pairs = await t.db.pool.query(
      `SELECT declaration #>> '{parties,forwarder,code}' AS code, declaration #>> '{parties,forwarder,name}' AS name, o.code AS operator, count(*)::int AS n
         FROM declarations d JOIN operators o ON o.id = d.operator_id WHERE declaration #> '{parties,forwarder}' IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 3`,
    );
    // Before: name and code drawn apart (몰테일 under OHMYZIP, 오마이집 under MALLTAIL), all filed by MALLTAIL.
    expect(pairs.rows.map((x) => [x.code, x.name, x.operator])).toEqual([
      ['MALLTAIL', '몰테일', 'MALLTAIL'],
      ['OHMYZIP', '오마이집', 'KIMLEE'],
    ]);
    const forwarders = await t.db.pool.query(`SELECT key, name FROM party_profiles WHERE role = 'forwarder' ORDER BY key`);
    expect(forwarders.rows).toEqual([
      { key: 'MALLTAIL', name: '몰테일' },
      { key: 'OHMYZIP', name: '오마이집' },
    ]);
  });

  it('logs each operator’s intake calls: its console and scorecard count what it submitted (not received 0 of 0)', async () => {
    const r = await t.db.pool.query(
      `SELECT o.code, (SELECT count(*)::int FROM declarations d WHERE d.operator_id = o.id) AS declared,
              (SELECT coalesce(sum(s.accepted), 0)::int FROM submissions s WHERE s.operator_id = o.id) AS accepted,
              (SELECT count(*)::int FROM submissions s WHERE s.operator_id = o.id) AS calls,
              (SELECT count(DISTINCT s.received_at)::int FROM submissions s WHERE s.operator_id = o.id) AS days
         FROM operators o ORDER BY o.code`,
    );
    const declaring = r.rows.filter((x) => x.declared > 0);
    expect(declaring.map((x) => x.code)).toEqual(['ALIEXPRESS', 'COUPANG', 'IHERB', 'KIMLEE', 'MALLTAIL', 'TEMU']);
    // One call a day, as the parcels of the day were filed (each logged at that day's 신고접수); every parcel counted once.
    // Calls of their own on a day: iHerb's parcels decided before the latest data corrections (seed-correction-demo.ts, one
    // call), and iHerb's and the broker's two parcels each that the engine holds (seed-engine-hold-demo.ts, a call each).
    const ownCalls: Record<string, number> = { IHERB: 3, KIMLEE: 2 };
    for (const x of r.rows) expect([x.code, x.calls > 0, x.accepted]).toEqual([x.code, x.declared > 0, x.declared]);
    for (const x of declaring) expect([x.code, x.calls - x.days]).toEqual([x.code, expect.toBeOneOf(Array.from({ length: (ownCalls[x.code] ?? 0) + 1 }, (_, k) => k))]);
    expect(declaring.every((x) => x.calls > 1)).toBe(true);
    const malltail = await api(t.base, 'GET', '/api/v1/operator/scorecard', { token: 'tgk_demo_malltail_0123456789abcdef' });
    expect(malltail.status).toBe(200);
    expect(malltail.body.intake.received).toBe(malltail.body.volumes.declarations);
    expect(malltail.body.volumes.declarations).toBeGreaterThan(0);
  });

  it('has one platform that sends order data and behaves (its fast-lane conditions met but volume at this size: 800 declarations) and one whose orders reveal undervaluation', async () => {
    const officer = await t.officer('demo-seed-orders');
    const profile = async (key: string) => (await api(t.base, 'GET', `/api/v1/officer/parties/platform/${key}`, { token: officer.token })).body;
    const iherb = await profile('IHERB');
    // iHerb's parcels carry the amount paid and HS-6 codes (generate-demo-declarations.ts): order data 100 %,
    // quality 75 % (informative description + HS + order data, no consent token: 3 of 4 quarters).
    expect(iherb.orderDataShare).toBe(1);
    expect(iherb.dataQuality).toBe(0.75);
    const met = Object.fromEntries(iherb.reasons.map((r: { code: string; met: boolean }) => [r.code, r.met]));
    // Its parcels are generated honest: its inspections (the week's selection and an 8 % audit sample) find nothing.
    expect(iherb.inspected).toBeGreaterThanOrEqual(3);
    expect(iherb.found).toBe(0);
    // Everything but the volume (≥ 100 parcels; the 3,000 parcels of npm start give it ~200, fast lane met).
    expect(met).toEqual({ FL_VOLUME: iherb.parcels >= 100, FL_ORDER_DATA: true, FL_DATA_QUALITY: true, FL_INSPECTED: true, FL_COMPLIANCE: true, FL_REJECTIONS: true, FL_HOLDS: true });
    for (const r of iherb.reasons) expect(r.ko && r.en).toBeTruthy();
    // Temu sends none on its declarations but posts its orders after them, for about 60 % of its
    // parcels: those count as its order data (POST /api/v1/orders); the share is theirs exactly.
    const temu = await profile('TEMU');
    const temuOrders = await t.db.pool.query(
      `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders o WHERE o.order_no = d.declaration #>> '{order,orderNo}' AND o.buyer_pccc = d.pccc))::int AS posted, count(*)::int AS n
         FROM declarations d JOIN risk_parcels p ON p.declaration_id = d.id WHERE d.declaration #>> '{parties,platform,name}' = 'Temu'`,
    );
    const { posted, n } = temuOrders.rows[0];
    expect(temu.parcels).toBe(n);
    expect(temu.orderDataShare).toBe(posted / n);
    expect(posted / n).toBeGreaterThan(0.45);
    expect(posted / n).toBeLessThan(0.75);
    // Temu's orders, posted after its parcels, paid 2–3 × what some parcels declared: those parcels are rescored with the hit.
    const hits = await t.db.pool.query(
      `SELECT count(*) FILTER (WHERE rs.rule_hits LIKE '%ORDER_UNDERVALUED%')::int AS under, count(*)::int AS n
         FROM risk_scores rs JOIN declarations d ON d.id = rs.declaration_id WHERE d.declaration #>> '{parties,platform,name}' = $1`,
      ['Temu'],
    );
    expect(hits.rows[0].under).toBeGreaterThan(0);
    expect(hits.rows[0].under).toBeLessThan(hits.rows[0].n / 4); // a fifth of the ~60 % with an order: ~12 %
    const orders = await t.db.pool.query(`SELECT o.platform, count(*)::int AS n FROM orders o GROUP BY o.platform ORDER BY o.platform`);
    expect(orders.rows.map((x) => x.platform)).toEqual(['Temu', 'iHerb']);
    // iHerb's orders agree with its parcels: none of them is flagged.
    const iherbHits = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM risk_scores rs JOIN declarations d ON d.id = rs.declaration_id
        WHERE d.declaration #>> '{parties,platform,name}' = 'iHerb' AND (rs.rule_hits LIKE '%ORDER_UNDERVALUED%' OR rs.rule_hits LIKE '%ORDER_ITEM_SUBSTITUTED%')`,
    );
    expect(iherbHits.rows[0].n).toBe(0);
  });

  it('shows declarations decided again after a reference-data correction: a few parcels decided with the data before the latest corrections, each decided again with them', async () => {
    // seed-correction-demo.ts: stored as decided without exclusions-2019-06-01-r6 (and r7, which corrects r6's refs) and quantity-limits-2015-12-01-r4 (and r5 and r6, which correct r4's refs),
    // then the reference-correction worker looked again (rescan) and decided them with data/ as it is.
    const r = await t.db.pool.query(
      `SELECT d.declaration->>'ref' AS ref, d.route, d.status, d.version, d.assessment AS assessment, e.reason, e.detail
         FROM declarations d JOIN declaration_events e ON e.declaration_id = d.id AND e.type = 'REFERENCE_REASSESSED' ORDER BY 1`,
    );
    const byRef = Object.fromEntries(r.rows.map((x) => [x.ref, x]));
    expect(Object.keys(byRef)).toEqual(['DEMO-RC-01', 'DEMO-RC-02', 'DEMO-RC-03', 'DEMO-RC-04', 'DEMO-RC-05', 'DEMO-RC-06']);
    const excluded = (x: { assessment: { reasons: { code: string; ko: string; en: string }[] } }) => x.assessment.reasons.find((q) => q.code === 'GENERAL_EXCLUDED')!;
    // Tofu: still excluded from list clearance, now as food (식품류·과자류), not as a health functional food.
    const tofu = byRef['DEMO-RC-01']!;
    expect(tofu).toMatchObject({ route: 'general', version: 2 });
    expect(excluded(tofu).ko).toContain('목록통관 배제대상(식품류·과자류)');
    expect(excluded(tofu).ko).not.toContain('건강기능식품');
    expect(tofu.assessment.dataVersions).toMatchObject({ exclusions: 'exclusions-2019-06-01-r7', quantityLimits: 'quantity-limits-2015-12-01-r6' });
    expect(tofu.reason).toContain('목록통관 배제 품목 자료 정정(exclusions-2019-06-01-r5 → exclusions-2019-06-01-r7)');
    expect(tofu.detail.corrections).toContainEqual({ dataset: 'exclusions', version: 'exclusions-2019-06-01-r5', correctedBy: 'exclusions-2019-06-01-r7' });
    // Seven bottles of syrup, held by the engine as over the 6-bottle supplement limit: released to general clearance.
    const syrup = byRef['DEMO-RC-04']!;
    expect(syrup).toMatchObject({ route: 'general', status: 'declared', version: 2 });
    expect(syrup.assessment.reasons.map((q: { code: string }) => q.code)).not.toContain('HOLD_QUANTITY');
    expect(syrup.reason).toContain('자가사용 인정기준(수량) 자료 정정(quantity-limits-2015-12-01-r3 → quantity-limits-2015-12-01-r6)');
    expect(syrup.reason).toContain('통관 경로: 통관보류 → 일반통관(수입신고)');
    const revisions = await t.db.pool.query(
      `SELECT v.assessment FROM declaration_revisions v JOIN declarations d ON d.id = v.declaration_id WHERE d.declaration->>'ref' = 'DEMO-RC-04' ORDER BY v.version`,
    );
    expect(revisions.rows[0].assessment).toMatchObject({ route: 'hold', dataVersions: { exclusions: 'exclusions-2019-06-01-r5', quantityLimits: 'quantity-limits-2015-12-01-r3' } });
    // A face cream recorded the same versions; the corrections do not touch it: checked, not decided again.
    const cream = await t.db.pool.query(`SELECT version, route, assessment->'dataVersions'->>'exclusions' AS exclusions FROM declarations WHERE declaration->>'ref' = 'DEMO-RC-07'`);
    expect(cream.rows).toEqual([{ version: 1, route: 'list', exclusions: 'exclusions-2019-06-01-r5' }]);
    // The rest of the demo was decided with the data in force: nothing else recorded a superseded version.
    const others = await t.db.pool.query(`SELECT count(*)::int AS n FROM declaration_events WHERE type IN ('REFERENCE_REASSESSED', 'REFERENCE_CORRECTED_AFTER_CLEARANCE')`);
    expect(others.rows[0].n).toBe(6);
  });

  it('lists the two corrections on the administration page, with what each came to', async () => {
    const admin = await t.officer('demo-seed-admin', 'admin');
    const r = await api(t.base, 'GET', '/api/v1/admin/reference/corrections', { token: admin.token });
    expect(r.status).toBe(200);
    const byDataset = Object.fromEntries(r.body.corrections.map((c: { dataset: string }) => [c.dataset, c]));
    expect(Object.keys(byDataset).sort()).toEqual(['exclusions', 'quantityLimits']);
    // Seven parcels recorded each superseded version; each decision read both corrections, so both rows have its outcome.
    expect(byDataset.exclusions).toMatchObject({ version: 'exclusions-2019-06-01-r5', correctedBy: 'exclusions-2019-06-01-r7', queued: 7, pending: 0, noted: 0, gone: 0 });
    expect(byDataset.quantityLimits).toMatchObject({ version: 'quantity-limits-2015-12-01-r3', correctedBy: 'quantity-limits-2015-12-01-r6', queued: 7, pending: 0, noted: 0, gone: 0 });
    // Six new versions (three told a wrong ground, three held over a limit since corrected); the face cream unchanged.
    expect([byDataset.exclusions.reassessed, byDataset.exclusions.unchanged]).toEqual([6, 1]);
    expect([byDataset.quantityLimits.reassessed, byDataset.quantityLimits.unchanged]).toEqual([6, 1]);
  });

  it('puts work on the officers’ desks: consultations waiting, answered and closed, and "not me" reports, one open (its parcel held) and one closed (released), none of them 김민지’s', async () => {
    const officer = await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'officer', password: 'tonggwan-officer' } });
    const inbox = await api(t.base, 'GET', '/api/v1/officer/consultations', { token: officer.body.token }); // open and answered
    const done = await api(t.base, 'GET', '/api/v1/officer/consultations?status=closed', { token: officer.body.token });
    expect([inbox.status, done.status]).toEqual([200, 200]);
    const threads = [...inbox.body.consultations, ...done.body.consultations] as { id: number; status: string; topic: string; pccc: string; declarationId: number | null }[];
    expect(threads.map((c) => c.status).sort()).toEqual(['answered', 'answered', 'closed', 'open']);
    expect(threads.map((c) => c.pccc)).not.toContain('P250000000001');
    // the hold question is about a held parcel of the one who asks; the tax question about a parcel that owed taxes
    const about = async (topic: string) => (await t.db.pool.query(`SELECT d.status, d.pccc, d.assessment #>> '{taxes,collected}' AS collected FROM declarations d WHERE d.id = $1`, [threads.find((c) => c.topic === topic)!.declarationId])).rows[0];
    expect(await about('hold')).toMatchObject({ status: 'held', pccc: threads.find((c) => c.topic === 'hold')!.pccc });
    expect((await about('taxes')).collected).toBe('true');
    const closed = await api(t.base, 'GET', `/api/v1/officer/consultations/${threads.find((c) => c.status === 'closed')!.id}`, { token: officer.body.token });
    expect((closed.body.messages as { authorKind: string }[]).map((m) => m.authorKind)).toEqual(['consumer', 'officer', 'consumer']);

    const cases = await t.db.pool.query(
      `SELECT m.status, m.held, m.pccc, d.status AS parcel, (SELECT count(*)::int FROM declaration_events e WHERE e.declaration_id = d.id AND e.type = 'HOLD' AND e.detail->>'source' IS NOT NULL) AS holds
         FROM misuse_cases m JOIN declarations d ON d.id = m.declaration_id ORDER BY m.status DESC`,
    );
    expect(cases.rows.map((c) => [c.status, c.held, c.parcel, c.holds])).toEqual([
      ['open', true, 'held', 1],
      ['closed', true, expect.not.stringMatching(/^held$/), 1],
    ]);
    expect(cases.rows.map((c) => c.pccc)).not.toContain('P250000000001');
  });

  it('has parcels the engine holds (was: none; the generator never goes past the self-use quantities): prohibited goods and a supplement order over six bottles, each with the engine’s reason; one still held, one released to general clearance once a doctor’s note showed the patient’s own use, one refused; none of 김민지’s', async () => {
    const held = await t.db.pool.query(
      `SELECT cargo_no, status, pccc, hold_reason->>'source' AS source,
              (SELECT array_agg(DISTINCT r->>'code') FROM jsonb_array_elements(assessment->'reasons') r WHERE r->>'code' LIKE 'HOLD\\_%') AS holds
         FROM declarations WHERE route = 'hold' ORDER BY id`,
    );
    const codes = held.rows.flatMap((x) => x.holds as string[]);
    expect(codes).toEqual(expect.arrayContaining(['HOLD_PROHIBITED', 'HOLD_QUANTITY']));
    expect(held.rows.map((x) => x.status)).toEqual(expect.arrayContaining(['held', 'released', 'rejected']));
    expect(held.rows.map((x) => x.pccc)).not.toContain('P250000000001');
    // A parcel still held reads, by its cargo number, why the engine held it and what to do: the prohibited good named.
    const stillHeld = held.rows.filter((x) => x.status === 'held');
    expect(stillHeld.map((x) => x.source)).toEqual(stillHeld.map(() => 'engine'));
    const prohibited = stillHeld.find((x) => (x.holds as string[]).includes('HOLD_PROHIBITED'))!;
    const lookup = await api(t.base, 'GET', `/api/v1/lookup/cargo/${prohibited.cargo_no}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.hold.codes).toContain('HOLD_PROHIBITED');
    expect(lookup.body.hold.ko).toMatch(/대마|칸나비디올|CBD/);
    expect(lookup.body.nextAction.ko.length).toBeGreaterThan(0);
  });

  it('has tax payments and refunds due made by the product’s own paths: transfers by a consumer and by operators, cards by consumers, one refund due open, one refunded with the provider reference, one not refunded with a note; none of 김민지’s', async () => {
    const payments = (
      await t.db.pool.query(
        `SELECT p.id::int, p.declaration_id::int AS declaration, p.method, p.payer_kind, p.amount_krw::int AS amount, p.receipt_no, p.provider, d.pccc, d.status
           FROM tax_payments p JOIN declarations d ON d.id = p.declaration_id ORDER BY p.id`,
      )
    ).rows;
    expect(payments.map((p) => `${p.method} ${p.payer_kind}`)).toEqual(['transfer consumer', 'transfer operator', 'transfer operator', 'card consumer', 'card consumer']);
    expect(payments.map((p) => p.pccc)).not.toContain('P250000000001');
    expect(new Set(payments.map((p) => p.pccc)).size).toBe(5);
    expect(payments.every((p) => p.provider === 'toss-emulator')).toBe(true);
    // The first two paid after release, the others before 수리 (then corrected, withdrawn, corrected).
    expect(payments.slice(0, 2).every((p) => ['released', 'cleared'].includes(p.status))).toBe(true);
    expect(payments[3].status).toBe('withdrawn');
    // Each transfer went through an account issued for it and deposited into.
    const accounts = (await t.db.pool.query(`SELECT declaration_id::int AS declaration, status, receipt_no FROM tax_virtual_accounts ORDER BY id`)).rows;
    expect(accounts).toEqual(payments.filter((p) => p.method === 'transfer').map((p) => ({ declaration: p.declaration, status: 'deposited', receipt_no: p.receipt_no })));

    const refunds = (
      await t.db.pool.query(
        `SELECT declaration_id::int AS declaration, reason, payer_kind, amount_krw::int AS amount, outcome, provider_refund_ref, resolved_by, resolution FROM tax_refunds_due ORDER BY id`,
      )
    ).rows;
    const taxesNow = async (id: number) => Number((await t.db.pool.query(`SELECT assessment #>> '{taxes,totalKrw}' AS total FROM declarations WHERE id = $1`, [id])).rows[0].total);
    const [open, refunded, kept] = refunds;
    expect(refunds).toHaveLength(3);
    // Operator paid, price corrected down by a fifth: paid − taxes now, open.
    expect(open).toMatchObject({ declaration: payments[2].declaration, reason: 'reassessed_lower', payer_kind: 'operator', outcome: null, resolved_by: null });
    expect(open.amount).toBe(payments[2].amount - (await taxesNow(payments[2].declaration)));
    expect(open.amount).toBeGreaterThan(0);
    // Consumer paid by card, then withdrawn: paid − 0, refunded with the provider's reference.
    expect(refunded).toMatchObject({ declaration: payments[3].declaration, reason: 'reassessed_lower', payer_kind: 'consumer', amount: payments[3].amount - 0, outcome: 'refunded', resolved_by: 'admin' });
    expect(refunded.provider_refund_ref).toMatch(/^DEMO-CANCEL-[0-9A-F]{8}$/);
    // Consumer paid by card, corrected: paid − taxes now, not refunded, the administrator's note kept.
    expect(kept).toMatchObject({ declaration: payments[4].declaration, reason: 'reassessed_lower', outcome: 'not_refunded', provider_refund_ref: null, resolved_by: 'admin', resolution: DEMO_NOT_REFUNDED_NOTE });
    expect(kept.amount).toBe(payments[4].amount - (await taxesNow(payments[4].declaration)));

    // In time order: each payment after its parcel was filed, each refund due recorded after the payment and resolved after that.
    const order = await t.db.pool.query(
      `SELECT d.cargo_no, p.paid_at, (SELECT e.occurred_at FROM declaration_events e WHERE e.declaration_id = d.id AND e.type = 'SUBMITTED') AS filed, r.created_at, r.resolved_at
         FROM tax_payments p JOIN declarations d ON d.id = p.declaration_id LEFT JOIN tax_refunds_due r ON r.declaration_id = d.id ORDER BY p.id`,
    );
    expect(order.rows).toHaveLength(5);
    const ms = (x: Date | null) => (x === null ? null : x.getTime());
    expect(order.rows.filter((x) => !(ms(x.filed)! < ms(x.paid_at)! && (x.created_at === null || ms(x.paid_at)! <= ms(x.created_at)!) && (x.resolved_at === null || ms(x.created_at)! <= ms(x.resolved_at)!))).map((x) => x.cargo_no)).toEqual([]);
    // The administrators' refunds page lists the open one.
    const admin = await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'admin', password: 'tonggwan-admin' } });
    const page = await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due', { token: admin.body.token });
    expect(page.body).toMatchObject({ total: 1, refunds: [expect.objectContaining({ declarationId: open.declaration, amountKrw: open.amount })] });
    // The consumer who paid by transfer sees the notice paid, its receipt; the public receipt says demo.
    const holder = (await t.db.pool.query(`SELECT pccc, name, phone, postcodes FROM pccc_holders WHERE pccc = $1`, [payments[0].pccc])).rows[0];
    const token = await consumerToken(t.base, holder.pccc, holder.name, holder.phone, holder.postcodes[0]);
    const notices = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices as { declarationId: number; status: string; payment: { receiptNo: string } | null }[];
    expect(notices.find((n) => n.declarationId === payments[0].declaration)).toMatchObject({ status: 'paid', payment: { receiptNo: payments[0].receipt_no } });
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${payments[0].receipt_no}`)).body).toMatchObject({ amountKrw: payments[0].amount, method: 'transfer', demo: true });
    // The refund made shows on that consumer's notice.
    const withdrawnHolder = (await t.db.pool.query(`SELECT pccc, name, phone, postcodes FROM pccc_holders WHERE pccc = $1`, [payments[3].pccc])).rows[0];
    const theirs = await consumerToken(t.base, withdrawnHolder.pccc, withdrawnHolder.name, withdrawnHolder.phone, withdrawnHolder.postcodes[0]);
    const made = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: theirs })).body.notices.find((n: { declarationId: number }) => n.declarationId === payments[3].declaration);
    expect(made.refundsMade).toEqual([expect.objectContaining({ amountKrw: refunded.amount })]);

    // Seeded again (a restart): nothing added.
    const p = t.platform.deps;
    const tp = p.taxPayments!;
    const tax: TaxDeps = { declarations: p.declarations, clock: p.clock, secrets: p.secrets, reference: p.reference, taxPayments: tp.store, virtualAccounts: tp.virtualAccounts, paymentProvider: tp.provider, refunds: tp.refunds, virtualAccountPolicy: tp.virtualAccountPolicy };
    await seedPaymentDemo(t.db.pool, { tax, deposit: tp.demoDeposit! }, () => undefined);
    expect((await t.db.pool.query(`SELECT (SELECT count(*) FROM tax_payments)::int AS p, (SELECT count(*) FROM tax_refunds_due)::int AS r`)).rows[0]).toEqual({ p: 5, r: 3 });
  });

  it('adds nothing when seeded again (a restart)', async () => {
    const count = async () => Number((await t.db.pool.query(`SELECT count(*) AS n FROM inspection_results`)).rows[0].n);
    const before = await count();
    await seedRiskDemo(t.db.pool, t.platform.deps.risk!, async () => 0, () => undefined);
    expect(await count()).toBe(before);
    const desks = async () => (await t.db.pool.query(`SELECT (SELECT count(*) FROM consultations)::int AS c, (SELECT count(*) FROM misuse_cases)::int AS m`)).rows[0];
    const desksBefore = await desks();
    await seedDeskDemo(t.db.pool, { consultations: { consultations: t.platform.deps.consultations!.store, declarations: t.platform.deps.declarations }, identity: t.platform.deps.identity!.deps }, () => undefined);
    expect(await desks()).toEqual(desksBefore);
  });

  it('records an inspection at a past time (a result entered afterwards) in its own week, never in the future', async () => {
    const deps = t.platform.deps.risk!;
    const officer = { kind: 'officer' as const, userId: 1, username: 'officer', role: 'officer' as const };
    const id = Number((await t.db.pool.query(`SELECT id FROM declarations ORDER BY id LIMIT 1`)).rows[0].id);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await recordInspectionResult(deps, officer, { declarationId: id, outcome: 'clean', inspectedAt: future })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await recordInspectionResult(deps, officer, { declarationId: id, outcome: 'clean', inspectedAt: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // 2026-01-07 is a Wednesday: the performance page reports it in the week of Monday 2026-01-05.
    const r = await recordInspectionResult(deps, officer, { declarationId: id, outcome: 'undervalued', revenueKrw: 12_340, inspectedAt: '2026-01-07T02:00:00Z' });
    expect(r.ok).toBe(true);
    const week = await t.db.pool.query(`SELECT date_trunc('week', inspected_at)::date::text AS week FROM inspection_results WHERE revenue_krw = 12340`);
    expect(week.rows).toEqual([{ week: '2026-01-05' }]);
  });

  it('prints a demo password on a restart only while it still signs in: one changed since the seed is not shown', async () => {
    // Before: a restart printed officer / tonggwan-officer whatever the account's password had become.
    const deps = t.platform.deps;
    const logins = async () => (await seedDemo(deps, { declarations: 0 })).users; // over a seeded database: what a restart prints
    expect(t.platform.demo!.users).toEqual([
      { username: 'admin', password: 'tonggwan-admin', role: 'admin' },
      { username: 'officer', password: 'tonggwan-officer', role: 'officer' },
    ]);
    expect(await logins()).toEqual(t.platform.demo!.users);
    const { rows } = await t.db.pool.query(`SELECT password_hash FROM users WHERE username = 'officer'`);
    await t.db.pool.query(`UPDATE users SET password_hash = $1 WHERE username = 'officer'`, [await deps.secrets.hashPassword('a-changed-password-2026')]);
    try {
      const now = await logins();
      expect(now).toEqual([
        { username: 'admin', password: 'tonggwan-admin', role: 'admin' },
        { username: 'officer', password: null, role: 'officer' },
      ]);
      const banner = bannerText({ ...t.platform, demo: { ...t.platform.demo!, users: now } }, readConfig({}));
      expect(banner).toContain('admin / tonggwan-admin');
      expect(banner).not.toContain('tonggwan-officer');
      expect(banner).toContain('  officer  officer / (password changed since the demo seed: not shown / 데모 비밀번호에서 변경됨)');
    } finally {
      await t.db.pool.query(`UPDATE users SET password_hash = $1 WHERE username = 'officer'`, [rows[0].password_hash]);
    }
  });
});
