// Officer-editable selection rules: keyword lists (ko/en), signal weights, origin/route pairs,
// value-per-kg anomalies by HS heading and party watch-lists (src/domain/risk/platform-risk.ts).
// Officers edit drafts; a dry run applies a draft to past declarations ("this rule would have
// flagged N parcels, M of them found bad": parcels whose rule score reaches the policy's
// selection threshold, domain dryRunRules); an administrator publishes a draft as a new,
// immutable version, which the scoring worker picks up for new parcels and for the open ones,
// queued for rescoring when it is published. Every step is in the audit log.
import { dryRunRules, parsePlatformRuleSet, ruleContext, type PlatformRuleSet } from '../domain/risk/platform-risk.ts';
import { ruleSetProblem, type RuleSetProblem } from '../domain/risk/rule-set-check.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import { ERROR_TEXT, fail, failure, ok, type AppError, type Result } from './errors.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { RuleDraft, StoredRuleSet } from './ports/risk-store.ts';
import type { RuleSource } from './ports/risk-exchange-ports.ts';
import type { DryRun, DryRunRule, RevokedKeyEntry, WithdrawnEntry } from '../domain/api-views.ts';
export type { DryRun, DryRunRule, RevokedKeyEntry, WithdrawnEntry };
import { revokedKeySourceWarning } from '../domain/risk-exchange/revoked-key-source.ts';
import { todayOf, type RiskDeps } from './risk-deps.ts';

/** The watch-list codes of a stored rule set (its JSON as drafts and versions keep it, checked or not). */
export function watchlistCodesOf(rules: unknown): string[] {
  const w = (rules as { watchlists?: unknown } | null)?.watchlists;
  return Array.isArray(w) ? w.map((x: { code?: unknown } | null) => x?.code).filter((c): c is string => typeof c === 'string') : [];
}

/**
 * Published sets, drafts and the audit; each set and draft with its watch-list entries resting on
 * withdrawn notices, and on messages whose signing key was revoked since (standing or suspect). Computed here, once for all the codes listed, rather than by each reader from
 * the inbox (which it had to page through). A code drafted from more than one message (ids that read
 * alike) is traced to the draft published last, as for a declaration's hits (ruleSources).
 */
export async function listRiskRules(deps: RiskDeps) {
  const list = await deps.risk.listRules();
  const codes = [...new Set([...list.published, ...list.drafts].flatMap((r) => watchlistCodesOf(r.rules)))];
  const sources = deps.exchangeSources && codes.length ? await deps.exchangeSources.ruleSources(codes, null) : new Map<string, RuleSource>();
  const withdrawnIn = (rules: unknown): WithdrawnEntry[] =>
    watchlistCodesOf(rules).flatMap((code) => {
      const s = sources.get(code);
      return s?.withdrawal ? [{ code, sourceId: s.id, partner: s.partner, messageId: s.messageId, withdrawnAt: s.withdrawal.receivedAt, grounds: s.withdrawal.reason.grounds }] : [];
    });
  const revokedKeyIn = (rules: unknown): RevokedKeyEntry[] =>
    watchlistCodesOf(rules).flatMap((code) => {
      const s = sources.get(code);
      const r = s?.signedWith.revocation;
      if (!s || !r) return [];
      return [{ code, sourceId: s.id, partner: s.partner, messageId: s.messageId, revokedAt: r.revokedAt, compromisedSince: r.compromisedSince, ...revokedKeySourceWarning(code, s, r) }];
    });
  return {
    published: list.published.map((p) => ({ ...p, withdrawnEntries: withdrawnIn(p.rules), revokedKeyEntries: revokedKeyIn(p.rules) })),
    drafts: list.drafts.map((d) => ({ ...d, withdrawnEntries: withdrawnIn(d.rules), revokedKeyEntries: revokedKeyIn(d.rules) })),
    audit: list.audit,
  };
}

/**
 * A refused rule set: the problem in both languages, in the error's text and in its details (`message`: the English, as before;
 * `path`: where in the request body, when the problem is one field's: "body.rules.keywords[3].weight").
 */
export function ruleSetInvalid(problem: Bilingual & { path?: string }): AppError {
  return failure(
    'RULE_SET_INVALID',
    { message: problem.en, ko: problem.ko, en: problem.en, ...(problem.path ? { path: `body.rules.${problem.path}` } : {}) },
    { ko: `위험 선별 규칙 형식이 올바르지 않습니다: ${problem.ko}`, en: `The risk rule set is invalid: ${problem.en}` },
  );
}

/**
 * Checks rules an officer wrote (a draft given, edited, tried or published): field by field
 * (ruleSetProblem), then the shape as scoring reads it. `edit: false` for the published set a new
 * draft starts from, held to the shape only: one published before a field check came in still
 * opens as a draft, whose dry run then names what to fix.
 */
function check(rules: unknown, edit = true): Result<PlatformRuleSet> {
  const problem: RuleSetProblem | null = edit ? ruleSetProblem(rules) : null;
  if (problem) return { ok: false, error: ruleSetInvalid(problem) };
  const parsed = parsePlatformRuleSet(rules);
  return parsed.ok ? ok(parsed.rules) : { ok: false, error: ruleSetInvalid(parsed) };
}

export async function createRuleDraft(deps: RiskDeps, officer: OfficerPrincipal, input: { rules?: unknown; note?: string }): Promise<Result<RuleDraft>> {
  const latest = await deps.risk.latestRuleSet();
  const rules = input.rules ?? latest?.rules;
  if (!rules) return { ok: false, error: ruleSetInvalid({ ko: '시작할 게시된 규칙 집합이 없습니다. rules를 주세요', en: 'no published rule set to start from; give rules' }) };
  const c = check(rules, input.rules !== undefined);
  if (!c.ok) return c;
  return ok(await deps.risk.createDraft({ basedOn: latest?.version ?? null, rules, note: input.note ?? '', createdBy: officer.username }));
}

export async function updateRuleDraft(deps: RiskDeps, officer: OfficerPrincipal, id: number, input: { rules: unknown; note?: string }): Promise<Result<RuleDraft>> {
  const c = check(input.rules);
  if (!c.ok) return c;
  // PATCH: a note left out keeps the draft's note (an edit of the rules alone does not erase it).
  const d = await deps.risk.updateDraft(id, { rules: input.rules, note: input.note ?? null, actor: officer.username });
  return d ? ok(d) : fail('RULE_DRAFT_NOT_FOUND');
}

export async function dryRunRuleDraft(deps: RiskDeps, officer: OfficerPrincipal, id: number, limit: number): Promise<Result<DryRun>> {
  const draft = await deps.risk.getDraft(id);
  if (!draft) return fail('RULE_DRAFT_NOT_FOUND');
  const c = check(draft.rules);
  if (!c.ok) return c;
  const latest = await deps.risk.latestRuleSet();
  const base = latest ? parsePlatformRuleSet(latest.rules) : null;
  const past = await deps.risk.pastDeclarations(limit);
  const run = dryRunRules(c.value, base?.ok ? base.rules : null, past.map((p) => ({ context: ruleContext(p.declaration, p.assessment), found: p.found })), deps.policy.selection.ruleScoreThreshold);
  const result: DryRun = { draftId: id, against: latest?.version ?? null, ...run };
  await deps.risk.audit({ actor: officer.username, action: 'dry_run', draftId: id, version: null, detail: { declarations: past.length, threshold: run.threshold, flagged: run.flagged, inspected: run.inspected, foundBad: run.foundBad } });
  return ok(result);
}

/** The rule audit's action of a refused publication (audit_log: risk-rule.publish_refused, migration 090's mirror). */
export const RULE_PUBLISH_REFUSED = 'publish_refused';

/**
 * Publishes a draft (a rollback draft and a watch-list draft from a partner's message alike) as a new
 * version (refused, RULE_SET_UNCHANGED, when its rules are those in force). The open declarations are queued for rescoring in the publishing transaction, as at a
 * model's activation, so the parcels waiting in the officers' queue get the new rules too; the
 * answer and the audit entry say how many.
 *
 * A refusal is in the rule audit too (RULE_PUBLISH_REFUSED, mirrored to audit_log): who tried to
 * publish which draft as which version, and why not (detail.code, the error's code; detail.reason, its
 * English text; what the refusal names: the version in force, the field of an invalid set). Before,
 * only what was published was recorded: an administrator's attempts to publish rules that were refused
 * left no trace. Refusals before the draft is reached (no administrator's session: 401/403; a body
 * the route's schema refuses: 400) are not the rules' and are not recorded here.
 */
export async function publishRuleDraft(deps: RiskDeps, officer: OfficerPrincipal, id: number, input: { version?: string; note?: string }): Promise<Result<StoredRuleSet & { queuedForRescoring: number }>> {
  // The draft is read and checked, then published in a transaction that locks it and makes sure it
  // is still unpublished and unedited: two publications of one draft publish it once, and a draft
  // edited between the read and the publication is read and checked again (bounded: each round
  // means another edit committed meanwhile).
  const refused = async (error: AppError, version: string | null, detail: Record<string, unknown> = {}): Promise<Result<never>> => {
    await deps.risk.audit({ actor: officer.username, action: RULE_PUBLISH_REFUSED, draftId: id, version, detail: { code: error.code, reason: error.en, ...detail } });
    return { ok: false, error };
  };
  for (let round = 0; ; round++) {
    const draft = await deps.risk.getDraft(id);
    if (!draft || draft.publishedAs) return refused(failure('RULE_DRAFT_NOT_FOUND'), input.version ?? null, draft ? { publishedAs: draft.publishedAs } : {});
    const version = input.version ?? `risk-rules-${todayOf(deps.clock)}-d${id}`;
    const c = check({ ...(draft.rules as object), version });
    const where = (c.ok ? undefined : (c.error.details as { path?: string } | undefined))?.path;
    if (!c.ok) return refused(c.error, version, where ? { path: where } : {});
    // A version already taken is refused by the store, in the same transaction (not read here first).
    const outcome = await deps.risk.publishRuleSet({
      version,
      rules: { ...(draft.rules as object), version },
      publishedBy: officer.username,
      note: input.note ?? draft.note,
      draft: { id, rules: draft.rules, note: draft.note },
    });
    if (outcome === 'draft_published') return refused(failure('RULE_DRAFT_NOT_FOUND'), version);
    if (outcome === 'version_exists') return refused(failure('RULE_VERSION_EXISTS', { ...(input.version !== undefined ? { path: 'body.version' } : {}), version }), version);
    if (outcome === 'draft_changed') {
      if (round < MAX_PUBLISH_ROUNDS) continue;
      return refused(failure('CONCURRENT_UPDATE'), version, { rounds: round + 1 });
    }
    if ('unchanged' in outcome) {
      const t = ERROR_TEXT.RULE_SET_UNCHANGED;
      return refused(
        failure('RULE_SET_UNCHANGED', { version: outcome.unchanged }, { ko: `${t.ko} (게시된 버전: ${outcome.unchanged})`, en: `${t.en} (in force: ${outcome.unchanged})` }),
        version,
        { inForce: outcome.unchanged },
      );
    }
    deps.nudgeScoring?.();
    return ok({ ...outcome.published, queuedForRescoring: outcome.queuedForRescoring });
  }
}

const MAX_PUBLISH_ROUNDS = 5; // beyond, the officer is told to try again (409 CONCURRENT_UPDATE)
