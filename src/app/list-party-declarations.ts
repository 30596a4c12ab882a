// The parcels of one party of the supply chain, as its profile page lists them (issue 5: "every
// platform, seller, forwarder, courier, broker and consignee … gets a profile with its history"):
// the profile's counts and rates say a seller holds 30 % of the time, this says which parcels.
// Every parcel of the party, those not scored yet too (score null: the worker has not reached them;
// the profile's counts begin with a parcel's first scoring). Newest first (by id, the order the platform received them), keyset-paged: `after` continues past
// the `next` of a page, so a parcel scored meanwhile neither repeats a row nor pushes one out.
import { PARTY_ROLES, type ProfileRole } from '../domain/risk/platform-risk.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import { keysetPage } from './keyset-page.ts';
import { profileKey } from './get-party-profile.ts';
import type { PartyDeclaration } from './ports/risk-store.ts';
import type { RiskDeps } from './risk-deps.ts';

export const PARTY_DECLARATIONS_PAGE = { default: 20, max: 100 };

export async function listPartyDeclarations(
  deps: Pick<RiskDeps, 'risk'>,
  role: string,
  key: string,
  page: { limit?: number | undefined; after?: number | undefined } = {},
): Promise<Result<{ declarations: PartyDeclaration[]; next: number | null; unscored: number }>> {
  if (!(PARTY_ROLES as readonly string[]).includes(role)) return invalidRequest(requestFieldError('params.role', 'not_allowed_value', { allowed: PARTY_ROLES.join(' | '), allowedValues: [...PARTY_ROLES] }));
  const k = profileKey(role as ProfileRole, key);
  const active = await deps.risk.activeModelVersion();
  let known = true;
  let unscored = 0;
  const { page: found, next } = await keysetPage(page.limit ?? PARTY_DECLARATIONS_PAGE.default, { after: page.after || undefined }, async (_forward, from, n) => {
    const got = await deps.risk.partyDeclarations(role, k, { limit: n, activeModelVersion: active, ...(from !== undefined ? { beforeId: from } : {}) });
    known = got !== null;
    unscored = got?.unscored ?? 0;
    return got?.rows ?? [];
  });
  if (!known) return fail('PARTY_NOT_FOUND');
  return ok({ declarations: found, next, unscored });
}
