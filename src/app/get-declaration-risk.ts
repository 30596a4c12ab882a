// The risk view of one declaration for the officer: the score of the active model with its
// factors (ko/en) and model version, the rule and detector hits, the operators' order data
// reconciled live (undervaluation, substituted items), and the inspection results so far. A hit of a
// watch-list entry drafted from a partner's message names that message and, once the partner has
// withdrawn it, when and why (docs/risk-exchange.md): the rules do not change by themselves.
import { krwPerUnitOn, partyKeysOf, reconcileOrder, revenueCeilingKrw, revenueCeilingRatesOn, type PlatformRuleHit } from '../domain/risk/platform-risk.ts';
import { explainStoredFeatures, isSplitPartner } from '../domain/risk/score-batch.ts';
import { dateOfDayNumber, dayNumber } from '../domain/dates.ts';
import { IDENTITY_HITS, identityDetail } from '../domain/risk/pccc-identities.ts';
import type { RuleSourceMessage } from '../domain/risk-exchange/views.ts';
import { withdrawnSourceWarning } from '../domain/risk-exchange/withdrawn-source.ts';
import { revokedKeySourceWarning } from '../domain/risk-exchange/revoked-key-source.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import { fail, ok, type Result } from './errors.ts';
import type { InspectionRecord, StoredOrder, StoredScore } from './ports/risk-store.ts';
import type { RiskDeps } from './risk-deps.ts';

/**
 * A rule hit; `sourceMessage` only on a hit of a watch-list entry drafted from a partner's message;
 * `detail`: what a detector's hit counted, read with the view (who used the PCCC, which parcels a
 * split is with). Apart from ko/en, which stay the text as scored (the queue shows that).
 */
export type DeclarationRuleHit = PlatformRuleHit & { sourceMessage?: RuleSourceMessage; detail?: Bilingual };

export interface DeclarationRisk {
  activeModelVersion: string | null;
  /**
   * revenueCeilingKrw: the most an inspection of the parcel can recover, which bounds expectedRevenueKrw
   * (revenueCeilingKrw of the domain, from the assessment as it stands and the reference data in force
   * on the declaration's date); safetyValuePerFindKrw: the
   * policy's value of one find, priority = expected revenue + that × P(find by model or rules);
   * revenueIfFoundKrw: the revenue an inspection is expected to recover if it finds something
   * (expected revenue ÷ P(illicit)), never above revenueCeilingKrw as shown, null when there is no
   * expected revenue or P(illicit) is 0 (revenueIfFound).
   */
  score: (Omit<StoredScore, 'features' | 'ruleHits'> & { ruleHits: DeclarationRuleHit[]; revenueIfFoundKrw: number | null; revenueCeilingKrw: number | null; safetyValuePerFindKrw: number }) | null;
  orders: (StoredOrder & { findings: PlatformRuleHit[] })[];
  orderMissing: boolean;
  inspections: InspectionRecord[];
  /** The parties under their profile keys (links to GET /api/v1/officer/parties/:role/:key). */
  parties: { role: string; key: string; name: string | null }[];
}

export async function getDeclarationRisk(deps: RiskDeps, declarationId: number): Promise<Result<DeclarationRisk>> {
  const d = await deps.declarations.findById(declarationId);
  if (!d) return fail('DECLARATION_NOT_FOUND');
  const active = await deps.risk.activeModelVersion();
  const [score, orders, inspections] = await Promise.all([
    deps.risk.scoreOf(d.id, active),
    d.declaration.order.orderNo ? deps.risk.ordersFor(d.declaration.order.orderNo, d.pccc) : Promise.resolve([]),
    deps.risk.inspectionsOf(d.id),
  ]);
  if (score && score.factors.length === 0 && deps.model) {
    const model = await deps.model(score.modelVersion);
    if (model) score.factors = explainStoredFeatures(model, score.features, score.score);
  }
  const { features, ...shown } = score ?? { features: null };
  void features;
  const ceiling = d.assessment ? revenueCeilingKrw(d.assessment, deps.policy, revenueCeilingRatesOn(deps.reference.current(), d.declaration.declaredAt)) : null;
  // A score stored before expected revenue was bounded (a decided parcel: migration 080 rescored the
  // open ones only) is shown bounded as the worker now bounds it, its priority with it; a score
  // stored since is unchanged (it is at most round(score × ceiling) already).
  const stored = score?.expectedRevenueKrw ?? null;
  const expected = score && stored !== null && ceiling !== null ? Math.min(stored, Math.round(score.score * ceiling)) : stored;
  return ok({
    activeModelVersion: active,
    score: score
      ? {
          ...(shown as Omit<StoredScore, 'features'>),
          expectedRevenueKrw: expected,
          revenueIfFoundKrw: revenueIfFound(expected, score.score, ceiling),
          priority: score.priority - ((stored ?? 0) - (expected ?? 0)),
          revenueCeilingKrw: roundOrNull(ceiling),
          safetyValuePerFindKrw: deps.policy.safetyValuePerFindKrw,
          ruleHits: await withSplitParcels(deps, d.id, d.pccc.trim().toUpperCase(), d.declaration.declaredAt, await withIdentities(deps, d.pccc.trim().toUpperCase(), await withSources(deps, score))),
        }
      : null,
    orders: orders.map((o) => ({ ...o, findings: reconcileOrder(o, d.declaration, deps.policy, deps.reference.current().minorUnits, krwPerUnitOn(deps.reference.current(), d.declaration.declaredAt)) })),
    orderMissing: orders.length === 0,
    inspections,
    parties: partyKeysOf(d.declaration).filter((p) => p.role !== 'address'),
  });
}

const roundOrNull = (x: number | null) => (x === null ? null : Math.round(x));

/**
 * The revenue if found in whole won: the expected revenue (stored rounded to the won) ÷ P(illicit),
 * at most the ceiling as shown (rounded). Dividing the rounded expected revenue by a score gives
 * up to 0.5 ÷ score won more than the model's figure, so a bounded parcel's read one won or more
 * above the ceiling beside it (23,106원 above 23,105원); the bound is applied here, after the division.
 */
export function revenueIfFound(expectedRevenueKrw: number | null, score: number, ceilingKrw: number | null): number | null {
  if (expectedRevenueKrw === null || !(score > 0)) return null;
  const ifFound = Math.round(expectedRevenueKrw / score);
  return ceilingKrw === null ? ifFound : Math.min(ifFound, Math.round(ceilingKrw));
}

/**
 * A PCCC-misuse hit (one PCCC, several names, phones or postcodes) with what was declared with the
 * PCCC so far: the hit says how many, the officer asks the consignee about which.
 */
async function withIdentities<H extends PlatformRuleHit>(deps: RiskDeps, pccc: string, hits: H[]): Promise<H[]> {
  if (!hits.some((h) => h.code in IDENTITY_HITS)) return hits;
  const identities = await deps.risk.identitiesOf(pccc);
  return hits.map((h) => {
    const more = identityDetail(h.code, identities);
    return more ? { ...h, detail: more } : h;
  });
}

/**
 * A split-shipment hit with the cargo numbers of the parcels it is split with (isSplitPartner, as
 * the detector decides, over the consignee's parcels as they stand): to combine them the officer
 * has to find them. Later parcels count too, so the list may be longer than the count scored.
 */
async function withSplitParcels<H extends PlatformRuleHit>(deps: RiskDeps, id: number, pccc: string, declaredAt: string, hits: H[]): Promise<H[]> {
  if (!hits.some((h) => h.code === 'SPLIT_ACROSS_CHANNELS')) return hits;
  const t = deps.policy.detectors;
  const on = dayNumber(declaredAt);
  if (on === null) return hits;
  const parcels = await deps.risk.parcelsOfConsignee(pccc, dateOfDayNumber(on - t.windowDays), dateOfDayNumber(on + t.windowDays));
  const self = parcels.find((p) => p.id === id);
  const partners = self ? parcels.filter((p) => isSplitPartner(self, p, t)) : [];
  if (partners.length === 0) return hits;
  const cargo = partners.map((p) => p.cargoNo).join(', ');
  return hits.map((h) => (h.code === 'SPLIT_ACROSS_CHANNELS' ? { ...h, detail: { ko: `함께 볼 화물: ${cargo}`, en: `the other parcels: ${cargo}` } } : h));
}

/** The hits as scored, each of an entry drafted from a partner's message with that message (and its withdrawal, worded). */
async function withSources(deps: RiskDeps, score: StoredScore): Promise<DeclarationRuleHit[]> {
  if (!deps.exchangeSources || score.ruleHits.length === 0) return score.ruleHits;
  const sources = await deps.exchangeSources.ruleSources([...new Set(score.ruleHits.map((h) => h.code))], score.ruleSetVersion);
  return score.ruleHits.map((h) => {
    const s = sources.get(h.code);
    if (!s) return h;
    const withdrawal = s.withdrawal ? { ...s.withdrawal, warning: withdrawnSourceWarning(h.code, s, s.withdrawal) } : null;
    // Signed with a key revoked since: suspect only if compromised at or before we received it (revoked-key-source.ts says why).
    const r = s.signedWith.revocation;
    const revocation = r ? { ...r, ...revokedKeySourceWarning(h.code, s, r) } : null;
    return { ...h, sourceMessage: { ...s, withdrawal, signedWith: { keyId: s.signedWith.keyId, revocation } } };
  });
}
