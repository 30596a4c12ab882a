// Messages received from partner administrations: officers list them, and turn one into a rule
// draft that adds (or replaces) its watch-list entry on top of the published rule set. The draft is
// then dry-run and published like any other (manage-risk-rules.ts): only an administrator's
// publication changes the rules the scoring worker applies.
import { parsePlatformRuleSet } from '../domain/risk/platform-risk.ts';
import { proposeWatchlistEntry, withWatchlistEntry, type WatchlistProposal } from '../domain/risk-exchange/propose-watchlist.ts';
import type { InboxKind } from '../domain/risk-exchange/message.ts';
import { fail, ok, type Result } from './errors.ts';
import { ruleSetInvalid } from './manage-risk-rules.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { IncomingState } from './ports/risk-exchange-ports.ts';
import type { RuleDraft } from './ports/risk-store.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';
import { todayOf } from './risk-deps.ts';

export async function listExchangeMessages(deps: RiskExchangeDeps, q: { kind?: InboxKind; state?: IncomingState; partner?: string; withdrawn?: boolean; limit: number }) {
  return { messages: await deps.store.listIncoming(q) };
}

export async function draftRulesFromExchangeMessage(
  deps: RiskExchangeDeps,
  officer: OfficerPrincipal,
  id: number,
  input: { weight?: number; note?: string },
): Promise<Result<{ draft: RuleDraft; proposal: WatchlistProposal }>> {
  const m = await deps.store.getIncoming(id);
  if (!m) return fail('EXCHANGE_MESSAGE_NOT_FOUND');
  const revoked = m.signedWith.revokedAt;
  if (revoked) return fail('EXCHANGE_MESSAGE_KEY_REVOKED', { keyId: m.signedWith.keyId, revokedAt: revoked, reason: m.signedWith.revokedReason });
  // The partner took the notice back: nothing new rests on it (drafts made before are flagged, not removed).
  if (m.withdrawal) return fail('EXCHANGE_MESSAGE_WITHDRAWN', { withdrawal: m.withdrawal.messageId, receivedAt: m.withdrawal.receivedAt });
  const { policy, clock } = deps.risk;
  const p = proposeWatchlistEntry(m.message, { partner: m.partner, today: todayOf(clock), weight: input.weight ?? policy.exchange.watchlistWeight, seizureValidDays: policy.exchange.seizureValidDays });
  if (!p.ok) return fail('EXCHANGE_NOTHING_TO_PROPOSE', { reason: p.reason }, { ko: p.ko, en: p.en });
  const latest = await deps.risk.risk.latestRuleSet();
  const rules = withWatchlistEntry(latest?.rules ?? { signals: [], keywords: [] }, p.proposal.rule);
  const parsed = parsePlatformRuleSet(rules);
  if (!parsed.ok) return { ok: false, error: ruleSetInvalid(parsed) };
  const note = input.note ?? `협력 세관 ${m.partner} 메시지 ${m.messageId}에서 감시 대상 제안 / watch-list entry proposed from partner customs ${m.partner}, message ${m.messageId}`;
  const draft = await deps.store.createDraftFromMessage({ incomingId: m.id, basedOn: latest?.version ?? null, rules, note, actor: officer.username, proposal: p.proposal });
  return ok({ draft, proposal: p.proposal });
}
