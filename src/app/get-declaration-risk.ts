// The risk view of one declaration for the officer: the score of the active model with its
// factors (ko/en) and model version, the rule and detector hits, the operators' order data
// reconciled live (undervaluation, substituted items), and the inspection results so far.
import { partyKeysOf, reconcileOrder, type PlatformRuleHit } from '../domain/risk/platform-risk.ts';
import { explainStoredFeatures } from '../domain/risk/score-batch.ts';
import { fail, ok, type Result } from './errors.ts';
import type { InspectionRecord, StoredOrder, StoredScore } from './ports/risk-store.ts';
import type { RiskDeps } from './risk-deps.ts';

export interface DeclarationRisk {
  activeModelVersion: string | null;
  score: Omit<StoredScore, 'features'> | null;
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
  return ok({
    activeModelVersion: active,
    score: score ? (shown as Omit<StoredScore, 'features'>) : null,
    orders: orders.map((o) => ({ ...o, findings: reconcileOrder(o, d.declaration, deps.policy) })),
    orderMissing: orders.length === 0,
    inspections,
    parties: partyKeysOf(d.declaration).filter((p) => p.role !== 'address'),
  });
}
