// Messages received from partner administrations: officers list them, and turn one into a rule
// draft that adds (or replaces) its watch-list entry on top of the published rule set. The draft is
// then dry-run and published like any other (manage-risk-rules.ts): only an administrator's
// publication changes the rules the scoring worker applies.
import { parsePlatformRuleSet } from '../domain/risk/platform-risk.ts';
import { proposeWatchlistEntry, withWatchlistEntry, type WatchlistProposal } from '../domain/risk-exchange/propose-watchlist.ts';
import type { InboxKind } from '../domain/risk-exchange/message.ts';
import { revokedKeyMessageNote } from '../domain/risk-exchange/revoked-key-source.ts';
import { fail, ok, type Result } from './errors.ts';
import { ruleSetInvalid } from './manage-risk-rules.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { IncomingMessage, IncomingState, StoredIncomingMessage } from './ports/risk-exchange-ports.ts';
import type { RuleDraft } from './ports/risk-store.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';
import { todayOf } from './risk-deps.ts';

/**
 * A received message as officers see it: once its key is revoked, whether it stands or may be forged,
 * judged as a rule hit resting on it is (revoked-key-source.ts: one rule for the inbox, the draft
 * refusal, the rules page and the risk panel).
 */
export function inboxView(m: StoredIncomingMessage): IncomingMessage {
  const r = m.signedWith.revocation;
  const judged = r ? revokedKeyMessageNote(m, r) : null;
  return {
    ...m,
    signedWith: {
      keyId: m.signedWith.keyId,
      revokedAt: r?.revokedAt ?? null,
      revokedReason: r?.reason ?? null,
      compromisedSince: r?.compromisedSince ?? null,
      suspect: judged?.suspect ?? false,
      note: judged?.note ?? null,
    },
  };
}

/** A page of the inbox, newest first (`next`: pass as `after` for older messages). Before, `limit` (default 100) and nothing said of the rest. */
export async function listExchangeMessages(deps: RiskExchangeDeps, q: { kind?: InboxKind; state?: IncomingState; partner?: string; withdrawn?: boolean; limit: number; after?: number | undefined }) {
  const { after, ...filter } = q;
  const scanned = await deps.store.listIncoming({ ...filter, limit: q.limit + 1, ...(after !== undefined ? { beforeId: after } : {}) });
  const page = scanned.slice(0, q.limit);
  return { messages: page.map(inboxView), next: scanned.length > q.limit ? page[page.length - 1]!.id : null };
}

export async function draftRulesFromExchangeMessage(
  deps: RiskExchangeDeps,
  officer: OfficerPrincipal,
  id: number,
  input: { weight?: number; note?: string },
): Promise<Result<{ draft: RuleDraft; proposal: WatchlistProposal }>> {
  const stored = await deps.store.getIncoming(id);
  if (!stored) return fail('EXCHANGE_MESSAGE_NOT_FOUND');
  const m = inboxView(stored);
  // Signed with a key revoked since: refused only when it may be forged (compromised at or before we
  // received it); a message received while its key was valid stands, and is drafted from as any other.
  const k = m.signedWith;
  if (k.suspect)
    return fail('EXCHANGE_MESSAGE_KEY_REVOKED', { keyId: k.keyId, revokedAt: k.revokedAt, reason: k.revokedReason, compromisedSince: k.compromisedSince, receivedAt: m.receivedAt }, k.note!);
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
