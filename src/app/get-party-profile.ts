// The profile of one party of the supply chain (platform, seller, forwarder, courier, broker,
// consignee): volumes, hold and rejection rates, inspection outcomes, undervaluation found,
// data quality, compliance decaying with time and the fast-lane decision with its reasons.
import { assessProfile, PARTY_ROLES, type ProfileAssessment, type ProfileRole } from '../domain/risk/platform-risk.ts';
import { fail, ok, type Result } from './errors.ts';
import type { ProfileRow } from './ports/risk-store.ts';
import { todayOf, type RiskDeps } from './risk-deps.ts';

export interface PartyProfile extends ProfileRow, ProfileAssessment {}

export function profileKey(role: ProfileRole, key: string): string {
  const k = key.trim();
  return role === 'consignee' ? k.toUpperCase() : k.toUpperCase().replace(/\s+/g, ' ');
}

export async function getPartyProfile(deps: RiskDeps, role: string, key: string): Promise<Result<PartyProfile>> {
  if (!(PARTY_ROLES as readonly string[]).includes(role)) return fail('VALIDATION_FAILED', { field: 'role', allowed: PARTY_ROLES });
  const p = await deps.risk.profile(role, profileKey(role as ProfileRole, key));
  if (!p) return fail('PARTY_NOT_FOUND');
  return ok({ ...p, ...assessProfile(p, todayOf(deps.clock), deps.policy) });
}
