// Bearer tokens: API keys (tgk_…) for operators, sessions (tgs_… officers, tgc_… consumers).
// Only SHA-256 digests are stored; a revoked key or expired session authenticates no one.
import type { AccessStore, Clock, Principal, Secrets } from './ports.ts';
import type { PcccRegistry } from './ports/identity-ports.ts';

export const API_KEY_PREFIX = 'tgk_';
export const OFFICER_SESSION_PREFIX = 'tgs_';
export const CONSUMER_SESSION_PREFIX = 'tgc_';
const KEY_USE_GRANULARITY_MS = 60_000;

/**
 * `registry`: a consumer's principal carries every code its registry record gives the holder (one read);
 * without it (no consumer identity wired), the session's code alone.
 */
export async function authenticateToken(
  deps: { access: AccessStore; secrets: Secrets; clock: Clock; registry?: Pick<PcccRegistry, 'holderCodes'> | null | undefined },
  token: string,
): Promise<Principal | null> {
  const hash = deps.secrets.sha256(token);
  if (token.startsWith(API_KEY_PREFIX)) {
    const key = await deps.access.findApiKeyByHash(hash);
    if (!key || key.revokedAt) return null;
    // "Last used" in the operator console tells whether a key can be revoked safely. Written at
    // most once a minute per key (the console shows minutes), so intake pays no write per call.
    const now = deps.clock.now();
    if (!key.lastUsedAt || now.getTime() - Date.parse(key.lastUsedAt) >= KEY_USE_GRANULARITY_MS) await deps.access.touchApiKey(key.id, now);
    return { kind: 'operator', operatorId: key.operatorId, operatorCode: key.operator.code, role: key.operator.role, apiKeyId: key.id };
  }
  if (token.startsWith(OFFICER_SESSION_PREFIX) || token.startsWith(CONSUMER_SESSION_PREFIX)) {
    const s = await deps.access.findSession(hash, deps.clock.now());
    if (!s) return null;
    if (s.kind === 'officer' && s.userId !== null && s.role && s.username) return { kind: 'officer', userId: s.userId, username: s.username, role: s.role };
    if (s.kind === 'consumer' && s.pccc) {
      const pccc = s.pccc;
      const others = deps.registry ? (await deps.registry.holderCodes(pccc)).filter((c) => c !== pccc) : [];
      return { kind: 'consumer', pccc, amr: s.amr, pcccs: [pccc, ...others] };
    }
  }
  return null;
}
