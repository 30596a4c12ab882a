// Publishing a rule set rescores the open parcels (docs/risk-model.md, "Rescoring"): a keyword an
// administrator publishes reaches the parcels still waiting in the officers' queue, not only the
// parcels declared afterwards. The open declarations are queued in the publishing transaction
// (first = false, reason 'rules'), as at a model's activation; the publish answer and the rule
// audit say how many; a parcel released before keeps the score it was decided with. The platform's
// worker is off: the test runs a worker of its own (drain) at each step.
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceDeclaration } from '../../src/app/advance-declaration.ts';
import { PgRiskStore } from '../../src/adapters/db/risk-repository.ts';
import { loadRiskRules } from '../../src/adapters/risk/load-risk-files.ts';
import { startRiskScoringWorker, type RiskWorker } from '../../src/workers/risk-scoring-worker.ts';
import { createPlatform } from '../../src/main.ts';
import { api, declaration, startTestPlatform, testConfig, type TestPlatform } from '../support/test-platform.ts';
import { DATA_DIR, referenceFiles } from '../support/reference.ts';

let t: TestPlatform;
let worker: RiskWorker;
let store: PgRiskStore;
let op: { key: string };
let officer: { token: string };
let admin: { token: string };
/** A second start on the same database reads the platform keys the first sealed. */
const secretKey = crypto.randomBytes(32).toString('base64');

beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false, secretKey });
  op = await t.operator('RESCORE');
  officer = await t.officer('rescore-officer');
  admin = await t.officer('rescore-admin', 'admin');
  const { policy } = await loadRiskRules(path.join(DATA_DIR, 'risk-rules.json'));
  store = new PgRiskStore(t.db.pool);
  worker = startRiskScoringWorker({ store, policy, reference: () => t.platform.deps.reference.current(), pollMs: 60_000 }, false);
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
});

async function submit(doc: Record<string, unknown>): Promise<number> {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [doc] } });
  expect(r.status).toBe(200);
  return r.body.results[0].declarationId as number;
}
async function riskOf(id: number): Promise<any> {
  const r = await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token });
  expect(r.status).toBe(200);
  return r.body;
}
const codes = (risk: any): string[] => risk.score.ruleHits.map((h: { code: string }) => h.code);
const queued = async () => (await t.db.pool.query(`SELECT declaration_id::int AS id, first, reason FROM risk_pending ORDER BY declaration_id`)).rows;
const consignee = (n: string) => ({ name: '한지민', pccc: `P7777000000${n}`, phone: `010-7777-00${n}`, postcode: '06236', address: `서울특별시 강남구 테헤란로 7${n}` });
/** A hoodie with a hidden pocket: what an officer's new keyword names (narcotics concealment), which no rule shipped names. */
const stash = [{ description: '후드티 Stash hoodie hidden pocket', category: 'clothing', quantity: 1, price: 40, originCountry: 'CN' }];

describe('publishing a rule set', () => {
  it('queues the open declarations for rescoring: a parcel already scored shows the new version and the new rule’s hit; a released parcel keeps its score', async () => {
    // Three parcels scored under the rules shipped in data/risk-rules.json.
    const open = await submit(declaration('RS-OPEN', { consignee: consignee('01'), items: stash }));
    const released = await submit(declaration('RS-RELEASED', { consignee: consignee('02'), items: stash }));
    const other = await submit(declaration('RS-OTHER', { consignee: consignee('03') }));
    expect(await worker.drain()).toBe(3);
    const before = { open: await riskOf(open), released: await riskOf(released), other: await riskOf(other) };
    const shipped = before.open.score.ruleSetVersion as string;
    expect(shipped).toBe('risk-rules-2026-01-01');
    expect(codes(before.open)).not.toContain('KW_STASH');
    const profile = async () => (await api(t.base, 'GET', `/api/v1/officer/parties/consignee/${consignee('01').pccc}`, { token: officer.token })).body;
    const profileBefore = await profile();
    expect(profileBefore.parcels).toBe(1);

    // One of them leaves the queue: released (its decision is made with the score it had).
    const at = new Date('2026-11-20T03:00:00Z');
    const advanced = await advanceDeclaration(
      t.platform.deps,
      released,
      (['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'LIST_RECEIVED', 'LIST_CLEARED', 'WAREHOUSE_OUT'] as const).map((type, k) => ({ type, occurredAt: new Date(at.getTime() + k * 60_000) })),
    );
    if (!advanced.ok) throw new Error(JSON.stringify(advanced.error));
    const statuses = await t.db.pool.query(`SELECT id::int AS id, status FROM declarations ORDER BY id`);
    expect(statuses.rows).toEqual([
      { id: open, status: expect.not.stringMatching(/^(cleared|released|rejected|withdrawn)$/) },
      { id: released, status: 'released' },
      { id: other, status: expect.not.stringMatching(/^(cleared|released|rejected|withdrawn)$/) },
    ]);

    // A narcotics-concealment keyword, drafted from the published set and published by an administrator.
    const draft = await api(t.base, 'POST', '/api/v1/officer/risk/rules/drafts', { token: officer.token, body: { note: 'stash' } });
    expect(draft.status).toBe(201);
    const rule = { code: 'KW_STASH', ko: '은닉 주머니 의류(마약 은닉 우범)', en: 'clothing with a hidden pocket (narcotics concealment)', terms: ['hidden pocket', 'stash', '비밀 주머니'], weight: 0.6 };
    const rules = { ...draft.body.rules, keywords: [...draft.body.rules.keywords, rule] };
    expect((await api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${draft.body.id}`, { token: officer.token, body: { rules, note: 'stash' } })).status).toBe(200);
    expect(await queued()).toEqual([]);
    const pub = await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/publish`, { token: admin.token, body: { version: 'rules-stash' } });
    expect(pub.status).toBe(201);
    // Open: the two parcels not released (this database holds only these three).
    expect(pub.body).toMatchObject({ version: 'rules-stash', publishedBy: 'rescore-admin', queuedForRescoring: 2 });
    expect(await queued()).toEqual([
      { id: open, first: false, reason: 'rules' },
      { id: other, first: false, reason: 'rules' },
    ]);
    const audit = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body.audit.find((a: { action: string }) => a.action === 'published');
    expect(audit).toMatchObject({ actor: 'rescore-admin', version: 'rules-stash', draftId: draft.body.id, detail: { note: 'stash', queuedForRescoring: 2 } });

    // The worker rescores them.
    expect(await worker.drain()).toBe(2);
    expect(await queued()).toEqual([]);
    const after = { open: await riskOf(open), released: await riskOf(released), other: await riskOf(other) };

    // The open parcel: the new version, the new rule's hit with its reason and the words its goods matched, in both languages.
    expect(after.open.score.ruleSetVersion).toBe('rules-stash');
    expect(after.open.score.ruleHits.find((h: { code: string }) => h.code === 'KW_STASH')).toMatchObject({ ko: `${rule.ko} (일치: hidden pocket, stash)`, en: `${rule.en} (matched: hidden pocket, stash)`, weight: 0.6, ref: 'risk-rules:rules-stash' });
    expect(codes(after.open)).toEqual(expect.arrayContaining(codes(before.open)));
    // The document did not change: the same model score from the same feature row (0.151). The rule
    // score takes the keyword in: before HS_FROM_CATEGORY alone, 0.03; after 1 − (1 − 0.03)(1 − 0.6)
    // = 1 − 0.97 × 0.4 = 0.612. The priority (expected revenue + 500,000원 × (1 − (1 − model)(1 − rule)))
    // rises by 500,000 × (1 − 0.151) × (0.97 − 0.388) ≈ 247,021원, the expected revenue unchanged.
    expect(codes(before.open)).toEqual(['HS_FROM_CATEGORY']);
    expect(before.open.score.ruleScore).toBeCloseTo(0.03, 12);
    expect(after.open.score.modelVersion).toBe(before.open.score.modelVersion);
    expect(after.open.score.score).toBe(before.open.score.score);
    expect(after.open.score.expectedRevenueKrw).toBe(before.open.score.expectedRevenueKrw);
    expect(after.open.score.ruleScore).toBeCloseTo(0.612, 12);
    const safety = 500_000;
    expect(after.open.score.priority - before.open.score.priority).toBeCloseTo(safety * (1 - before.open.score.score) * (0.97 - 0.388), 3);
    expect(Date.parse(after.open.score.scoredAt)).toBeGreaterThan(Date.parse(before.open.score.scoredAt));
    // One score row per model, and the parcel counted once in its consignee's profile.
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_scores WHERE declaration_id = $1`, [open])).rows[0].n).toBe(1);
    expect((await profile()).parcels).toBe(profileBefore.parcels);

    // The other open parcel: rescored under the new version, which it does not hit; nothing else moves.
    expect(after.other.score.ruleSetVersion).toBe('rules-stash');
    expect(codes(after.other)).toEqual(codes(before.other));
    expect([after.other.score.score, after.other.score.ruleScore]).toEqual([before.other.score.score, before.other.score.ruleScore]);

    // The released parcel keeps the score it was decided with.
    expect(after.released.score).toEqual(before.released.score);
    expect(codes(after.released)).not.toContain('KW_STASH');
  });

  it('a batch that read the rules before a publication is refused, and scored again with the new rules', async () => {
    // A parcel waits for its first score; the worker's store is asked with the versions it saw
    // before the publication below: the batch is refused (null), nothing is taken off the queue.
    const id = await submit(declaration('RS-RACE', { consignee: consignee('04'), items: stash }));
    const seen = await store.activeVersions();
    // A change to publish (the same rules again are refused: the last case): KW_STASH's weight 0.6 → 0.5.
    const draft = await api(t.base, 'POST', '/api/v1/officer/risk/rules/drafts', { token: officer.token, body: { note: 'again' } });
    const lighter = { ...draft.body.rules, keywords: draft.body.rules.keywords.map((k: { code: string }) => (k.code === 'KW_STASH' ? { ...k, weight: 0.5 } : k)) };
    expect((await api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${draft.body.id}`, { token: officer.token, body: { rules: lighter } })).status).toBe(200);
    const pub = await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/publish`, { token: admin.token, body: { version: 'rules-stash-2' } });
    expect(pub.status).toBe(201);
    const stale = await store.scoreNext({ model: seen.model!, ruleSet: seen.ruleSet, newestRuleSet: seen.ruleSet }, 10, () => {
      throw new Error('not computed: the batch is refused before its claim');
    });
    expect(stale).toBeNull();
    expect((await queued()).map((q) => q.id)).toContain(id);
    // The worker reads the versions again and scores with the new rules.
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    const risk = await riskOf(id);
    expect(risk.score.ruleSetVersion).toBe('rules-stash-2');
    expect(codes(risk)).toContain('KW_STASH');
  });

  it('a restart publishes nothing and queues nothing: data/risk-rules.json is published only on a database that has no rule set', async () => {
    // The open parcels (RS-OPEN, RS-OTHER, RS-RACE) scored and off the queue; the rule sets as they stand.
    await worker.drain();
    expect(await queued()).toEqual([]);
    const sets = async () => (await t.db.pool.query(`SELECT version FROM risk_rule_sets ORDER BY published_at, version`)).rows.map((r) => r.version);
    const publishedAudit = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_rule_audit WHERE action = 'published'`)).rows[0].n;
    const before = { sets: await sets(), audit: await publishedAudit() };
    expect(before.sets).toEqual(['risk-rules-2026-01-01', 'rules-stash', 'rules-stash-2']);
    // A second start on the same database (what every restart of a process does: buildRisk in src/main.ts).
    const again = await createPlatform(testConfig({ riskWorker: false, secretKey }), { db: t.db, files: await referenceFiles(), listen: false });
    await again.close();
    expect(await sets()).toEqual(before.sets);
    expect(await publishedAudit()).toBe(before.audit);
    expect(await queued()).toEqual([]);
  });

  it('the rules in force published again are refused (409 RULE_SET_UNCHANGED): no new version, nothing queued for rescoring, the draft left to edit', async () => {
    // Before: published as a new version with the same rules, every open parcel queued again.
    await worker.drain();
    expect(await queued()).toEqual([]);
    const sets = async () => (await t.db.pool.query(`SELECT version FROM risk_rule_sets ORDER BY published_at, version`)).rows.map((r) => r.version);
    const publishedAudit = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_rule_audit WHERE action = 'published'`)).rows[0].n;
    const before = { sets: await sets(), audit: await publishedAudit() };
    const inForce = before.sets.at(-1);
    // A draft started from the set in force and not changed (its note alone is its own).
    const draft = await api(t.base, 'POST', '/api/v1/officer/risk/rules/drafts', { token: officer.token, body: { note: 'nothing new' } });
    expect(draft.status).toBe(201);
    const same = await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/publish`, { token: admin.token, body: { version: 'rules-same' } });
    expect(same.status).toBe(409);
    expect(same.body.error).toMatchObject({ code: 'RULE_SET_UNCHANGED', details: { version: inForce } });
    expect(same.body.error.ko).toMatch(/현재 게시된 규칙.*같습니다/);
    expect(same.body.error.en).toMatch(/same as the rule set in force/);
    expect(await queued()).toEqual([]);
    expect(await sets()).toEqual(before.sets);
    expect(await publishedAudit()).toBe(before.audit);
    const list = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body;
    expect(list.drafts.find((d: { id: number }) => d.id === draft.body.id).publishedAs).toBeNull();

    // The same draft with a change publishes, and queues the open parcels (RS-OPEN, RS-OTHER, RS-RACE).
    const heavier = { ...draft.body.rules, keywords: draft.body.rules.keywords.map((k: { code: string }) => (k.code === 'KW_STASH' ? { ...k, weight: 0.7 } : k)) };
    expect((await api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${draft.body.id}`, { token: officer.token, body: { rules: heavier } })).status).toBe(200);
    const changed = await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/publish`, { token: admin.token, body: { version: 'rules-changed' } });
    expect(changed.status).toBe(201);
    expect(changed.body.queuedForRescoring).toBe(3);
  });
});
