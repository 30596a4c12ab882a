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
  ProfileAssessment & {
    /** The party's declarations waiting for their first scoring: `parcels` and the rates do not count them yet. */
    unscored: number;
    /** Says so when some are waiting (null: none). */
    unscoredNote: { ko: string; en: string } | null;
  };

export function profileKey(role: ProfileRole, key: string): string {
  const k = key.trim();
  return role === 'consignee' ? k.toUpperCase() : k.toUpperCase().replace(/\s+/g, ' ');
}

export async function getPartyProfile(deps: RiskDeps, role: string, key: string): Promise<Result<PartyProfile>> {
  if (!(PARTY_ROLES as readonly string[]).includes(role)) return invalidRequest(requestFieldError('params.role', 'not_allowed_value', { allowed: PARTY_ROLES.join(' | '), allowedValues: [...PARTY_ROLES] }));
  const pk = profileKey(role as ProfileRole, key);
  const [stored, waiting] = await Promise.all([deps.risk.profile(role, pk), deps.risk.unscoredOf(role, pk)]);
  // The scoring worker writes a profile at a party's first scored parcel: a party seen only in
  // parcels still waiting (just after intake) has parcels, so a profile of nothing counted yet, not 404.
  const p = stored ?? (waiting.firstSeen !== null && waiting.lastSeen !== null ? notScoredYet(role, pk, waiting.name, waiting.firstSeen, waiting.lastSeen) : null);
  if (!p) return fail('PARTY_NOT_FOUND');
  const { role: r, key: k, name, parcels, valueUsd, firstSeen, lastSeen, inspected, found, undervalued, revenueFoundKrw, outcomes, held, rejected } = p;
  // Named one by one, not spread: a column added to the profile tables does not reach the API unseen.
  return ok({
    role: r,
    key: k,
    name,
    parcels,
    valueUsd,
    firstSeen,
    lastSeen,
    inspected,
    found,
    undervalued,
    revenueFoundKrw,
    outcomes,
    held,
    rejected,
    ...assessProfile(p, todayOf(deps.clock), deps.policy),
    unscored: waiting.count,
    unscoredNote: waiting.count === 0 ? null : unscoredNote(waiting.count, parcels),
  });
}

/** The profile of a party none of whose parcels is scored yet: nothing counted, seen on the days its waiting parcels were declared. */
function notScoredYet(role: string, key: string, name: string | null, firstSeen: string, lastSeen: string): ProfileRow {
  return { role, key, name, parcels: 0, valueUsd: 0, firstSeen, lastSeen, withOrderData: 0, qualitySum: 0, inspected: 0, found: 0, undervalued: 0, revenueFoundKrw: 0, outcomes: {}, inspectedDecayed: 0, foundDecayed: 0, decayedOn: null, held: 0, rejected: 0 };
}

function unscoredNote(n: number, parcels: number): { ko: string; en: string } {
  const parcelsEn = n === 1 ? '1 parcel' : `${n} parcels`;
  return parcels === 0
    ? {
        ko: `이 당사자의 신고 ${n}건은 아직 위험 선별(채점) 전입니다. 처리 건수·비율·신속통관 판단은 채점된 건부터 반영되므로 지금은 0으로 표시됩니다. 신고 목록은 아래에 있습니다.`,
        en: `${parcelsEn} of this party ${n === 1 ? 'is' : 'are'} not scored yet. Counts, rates and the fast-lane decision begin with a parcel's first scoring, so they read 0 for now; the parcels are listed below.`,
      }
    : {
        ko: `이 밖에 신고 ${n}건은 아직 위험 선별(채점) 전이라 위 실적에 포함되지 않았습니다.`,
        en: `${parcelsEn} more ${n === 1 ? 'is' : 'are'} not scored yet and not in these counts.`,
      };
}
