// The profile of one party of the supply chain (platform, seller, forwarder, courier, broker,
// consignee): volumes, hold and rejection rates, inspection outcomes, undervaluation found,
// data quality, compliance decaying with time and the fast-lane decision with its reasons.
import { assessProfile, PARTY_ROLES, type ProfileAssessment, type ProfileRole } from '../domain/risk/platform-risk.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { ProfileRow } from './ports/risk-store.ts';
import { todayOf, type RiskDeps } from './risk-deps.ts';

/**
 * What an officer reads of a party (GET /api/v1/officer/parties/:role/:key, the profile page): the
 * counts and the rates and decisions derived from them. The running sums the profile tables keep to
 * derive them (withOrderData, qualitySum, inspectedDecayed, foundDecayed, decayedOn) are not in it:
 * they are bookkeeping of the scoring worker, meaningless without the decay arithmetic
 * (domain/risk/platform-risk.ts assessProfile), and their shape may change with it; the answer
 * gives what they mean instead (orderDataShare, dataQuality, compliance).
 */
export type PartyProfile = Pick<ProfileRow, 'role' | 'key' | 'name' | 'parcels' | 'valueUsd' | 'firstSeen' | 'lastSeen' | 'inspected' | 'found' | 'undervalued' | 'revenueFoundKrw' | 'outcomes' | 'held' | 'rejected'> &
  ProfileAssessment;

export function profileKey(role: ProfileRole, key: string): string {
  const k = key.trim();
  return role === 'consignee' ? k.toUpperCase() : k.toUpperCase().replace(/\s+/g, ' ');
}

export async function getPartyProfile(deps: RiskDeps, role: string, key: string): Promise<Result<PartyProfile>> {
  if (!(PARTY_ROLES as readonly string[]).includes(role)) return invalidRequest(requestFieldError('params.role', 'not_allowed_value', { allowed: PARTY_ROLES.join(' | '), allowedValues: [...PARTY_ROLES] }));
  const p = await deps.risk.profile(role, profileKey(role as ProfileRole, key));
  if (!p) return fail('PARTY_NOT_FOUND');
  const { role: r, key: k, name, parcels, valueUsd, firstSeen, lastSeen, inspected, found, undervalued, revenueFoundKrw, outcomes, held, rejected } = p;
  // Named one by one, not spread: a column added to the profile tables does not reach the API unseen.
  return ok({ role: r, key: k, name, parcels, valueUsd, firstSeen, lastSeen, inspected, found, undervalued, revenueFoundKrw, outcomes, held, rejected, ...assessProfile(p, todayOf(deps.clock), deps.policy) });
}
