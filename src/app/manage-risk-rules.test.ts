// A refused rule set says what is wrong in Korean and English (the HTTP answer: test/integration/risk.test.ts).
import { describe, expect, it } from 'vitest';
import { createRuleDraft } from './manage-risk-rules.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { RuleDraft } from './ports/risk-store.ts';
import type { RiskDeps } from './risk-deps.ts';

const officer: OfficerPrincipal = { kind: 'officer', userId: 1, username: 'kim', role: 'officer' };

/** Only what createRuleDraft touches: the published rule set (none here) and the draft it would store. */
function depsWithout(): { deps: RiskDeps; created: unknown[] } {
  const created: unknown[] = [];
  const risk = { latestRuleSet: async () => null, createDraft: async (d: unknown) => (created.push(d), { id: 1 } as unknown as RuleDraft) };
  return { deps: { risk } as unknown as RiskDeps, created };
}

describe('createRuleDraft refuses in both languages', () => {
  it('without a published rule set and without rules', async () => {
    const { deps, created } = depsWithout();
    const r = await createRuleDraft(deps, officer, {});
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'RULE_SET_INVALID',
        ko: '위험 선별 규칙 형식이 올바르지 않습니다: 시작할 게시된 규칙 집합이 없습니다. rules를 주세요',
        en: 'The risk rule set is invalid: no published rule set to start from; give rules',
        details: { ko: '시작할 게시된 규칙 집합이 없습니다. rules를 주세요', en: 'no published rule set to start from; give rules' },
      },
    });
    expect(created).toEqual([]);
  });

  it('with rules that fail a check of the base set or of the platform\'s own rules, naming the rule, the field and its value', async () => {
    const { deps, created } = depsWithout();
    const base = { version: 'v1', signals: [], keywords: [] };
    const cases: [unknown, RegExp, RegExp, string | undefined][] = [
      [{ signals: [] }, /version은 비어 있지 않은 문자열이어야 합니다/, /version must be a non-empty string/, 'body.rules.version'],
      [{ ...base, routes: [{ code: 'RT_X', shipFrom: ['CN'], origin: [], weight: 1 }] }, /^위험 선별 규칙 형식이 올바르지 않습니다: 경로 규칙 "RT_X": weight — /, /^The risk rule set is invalid: route rule "RT_X": weight — must be a number in \[0, 1\): 1$/, 'body.rules.routes[0].weight'],
      [{ ...base, routes: [{ code: 'RT_X', shipFrom: ['China'], origin: [], weight: 0.1 }] }, /경로 규칙 "RT_X": shipFrom — /, /route rule "RT_X": shipFrom — a country must be an ISO two-letter code \(e\.g\. CN\): "China"$/, 'body.rules.routes[0].shipFrom'],
      [{ ...base, keywords: [{ code: 'K', terms: ['a'], weight: 0.1 }], watchlists: [{ code: 'K', role: 'seller', keys: ['x'], weight: 0.1 }] }, /같은 규칙 코드가 두 번 쓰였습니다: K$/, /rule code K is used twice$/, undefined],
    ];
    for (const [rules, ko, en, path] of cases) {
      const r = await createRuleDraft(deps, officer, { rules });
      if (r.ok) throw new Error(`accepted ${JSON.stringify(rules)}`);
      expect(r.error.code).toBe('RULE_SET_INVALID');
      expect(r.error.ko).toMatch(ko);
      expect(r.error.en).toMatch(en);
      // details: the problem without the frame, and where it is when it is one field's
      expect(r.error.details).toEqual({ ko: r.error.ko.replace('위험 선별 규칙 형식이 올바르지 않습니다: ', ''), en: r.error.en.replace('The risk rule set is invalid: ', ''), message: r.error.en.replace('The risk rule set is invalid: ', ''), ...(path ? { path } : {}) });
    }
    expect(created).toEqual([]);
  });
});
