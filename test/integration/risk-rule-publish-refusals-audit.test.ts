// A refused publication of risk rules is in the audit (src/app/manage-risk-rules.ts publishRuleDraft):
// who tried to publish which draft as which version, and why not, in the rule audit (risk_rule_audit,
// action publish_refused; the rules page lists it) and in the platform's audit log (risk-rule.
// publish_refused, migration 090's mirror; GET /api/v1/admin/audit). Before, only publications were
// recorded: refusals (409 RULE_SET_UNCHANGED, 409 RULE_VERSION_EXISTS, 422 RULE_SET_INVALID, 404) left none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgRiskStore } from '../../src/adapters/db/risk-repository.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let officer: { token: string };
let admin: { token: string };
beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
  officer = await t.officer('refusal-officer');
  admin = await t.officer('refusal-admin', 'admin');
});
afterAll(async () => {
  await t?.close();
});

type Entry = { actorKind: string; actorId: number | null; action: string; subject: string; detail: Record<string, unknown>; actionText: { ko: string; en: string } };
const refusalsLogged = async (): Promise<Entry[]> => (await api(t.base, 'GET', '/api/v1/admin/audit?action=risk-rule.publish_refused', { token: admin.token })).body.entries;
const publish = (id: number, version: string) => api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${id}/publish`, { token: admin.token, body: { version } });

describe('a refused publication of risk rules is audited', () => {
  it('409 RULE_SET_UNCHANGED, 409 RULE_VERSION_EXISTS, 422 RULE_SET_INVALID and 404: each recorded with the administrator, the draft, the version tried and the reason', async () => {
    const list = async () => (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body;
    const inForce = (await list()).published[0].version as string; // data/risk-rules.json's, published at the first start
    const me = (await t.db.pool.query(`SELECT id::int AS id FROM users WHERE username = 'refusal-admin'`)).rows[0] as { id: number };

    // 1. The rules in force, unchanged: 409 RULE_SET_UNCHANGED
    const same = await api(t.base, 'POST', '/api/v1/officer/risk/rules/drafts', { token: officer.token, body: { note: 'nothing new' } });
    const unchanged = await publish(same.body.id, 'rules-same');
    expect([unchanged.status, unchanged.body.error.code]).toEqual([409, 'RULE_SET_UNCHANGED']);

    // 2. A change, under the version in force: 409 RULE_VERSION_EXISTS
    const heavier = { ...same.body.rules, keywords: same.body.rules.keywords.map((k: { weight: number }, i: number) => (i === 0 ? { ...k, weight: Math.min(1, k.weight + 0.1) } : k)) };
    expect((await api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${same.body.id}`, { token: officer.token, body: { rules: heavier } })).status).toBe(200);
    const taken = await publish(same.body.id, inForce);
    expect([taken.status, taken.body.error.code]).toEqual([409, 'RULE_VERSION_EXISTS']);

    // 3. A draft stored before a check it now fails (a keyword's weight of 5, over 1): 422 RULE_SET_INVALID
    const store = new PgRiskStore(t.db.pool);
    const bad = await store.createDraft({ basedOn: inForce, rules: { ...same.body.rules, keywords: same.body.rules.keywords.map((k: object, i: number) => (i === 0 ? { ...k, weight: 5 } : k)) }, note: 'old', createdBy: 'refusal-officer' });
    const invalid = await publish(bad.id, 'rules-bad');
    expect([invalid.status, invalid.body.error.code]).toEqual([422, 'RULE_SET_INVALID']);

    // 4. No such draft: 404 RULE_DRAFT_NOT_FOUND
    const missing = await publish(999_999, 'rules-none');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'RULE_DRAFT_NOT_FOUND']);

    // The platform's audit log: four entries, newest first, each the administrator's
    const logged = await refusalsLogged();
    expect(logged.map((e) => [e.actorKind, e.actorId, e.subject, e.detail.code, e.detail.version])).toEqual([
      ['officer', me.id, 'risk-rule-draft:999999', 'RULE_DRAFT_NOT_FOUND', 'rules-none'],
      ['officer', me.id, `risk-rule-draft:${bad.id}`, 'RULE_SET_INVALID', 'rules-bad'],
      ['officer', me.id, `risk-rule-draft:${same.body.id}`, 'RULE_VERSION_EXISTS', inForce],
      ['officer', me.id, `risk-rule-draft:${same.body.id}`, 'RULE_SET_UNCHANGED', 'rules-same'],
    ]);
    expect(logged.every((e) => e.detail.actor === 'refusal-admin')).toBe(true);
    expect(logged[0]!.actionText).toEqual({ ko: '위험 규칙 게시 거절', en: 'Risk rule publication refused' });
    // why: the error's text, and what it names
    expect(logged[3]!.detail).toMatchObject({ inForce, reason: expect.stringContaining(`(in force: ${inForce})`) });
    expect(logged[1]!.detail).toMatchObject({ path: expect.stringMatching(/^body\.rules\.keywords\[0\]\.weight$/), reason: expect.stringContaining('weight') });

    // The rules page's audit lists them too; nothing was published
    const rules = await list();
    expect(rules.audit.filter((a: { action: string }) => a.action === 'publish_refused')).toHaveLength(4);
    expect(rules.published.map((p: { version: string }) => p.version)).toEqual([inForce]);
  });
});
