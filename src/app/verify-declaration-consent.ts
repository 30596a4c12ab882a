// Intake's consent check (issue 6): each declaration's consent.token is verified (signature,
// expiry), its order hash compared with the order the declaration states (PCCC, postcode,
// platform, seller, order no., items, value, currency: src/domain/consent.ts), and claimed once
// (single use; a retry of the same operator and ref is the same use) while its code is active. Every holder
// is told about each new declaration under their code: the usage alert, the holder's chance to say "not me"
// before the release, is queued in the intake's own transaction (the store's usageAlerts, one statement per
// batch that keeps the codes whose holder is registered) in the outbox of the holder's notices
// (migrations/114), and sent by its worker with retries: a declaration committed is never without its alert,
// whatever stops after the commit, and a retry that stores nothing (replayed) alerts nobody again.
import { canonicalOrderText, matchConsent, orderSummaryOfDeclaration, type ConsentOutcome } from '../domain/consent.ts';
import { koreanClockOf } from '../domain/dates.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { InsertedDeclaration, OperatorPrincipal, UsageAlertFacts, UsageAlerts } from './ports.ts';

export interface ConsentIntake {
  /** Outcomes for declarations that look complete enough to compare; the others are left out. */
  check(operator: OperatorPrincipal, items: { index: number; declaration: unknown }[]): Promise<Map<number, ConsentOutcome>>;
  /** The usage alerts of the declarations a batch inserts, queued by the store in the intake's transaction (UsageAlerts). */
  usageAlerts(inserted: readonly InsertedDeclaration[]): UsageAlerts;
  /** Some were committed: their worker (pcccChangeNotices) sends them now, not at its next poll. */
  queued(): void;
}

function comparable(d: unknown): d is Declaration {
  const x = d as Partial<Declaration> | null;
  return (
    !!x &&
    typeof x.ref === 'string' &&
    typeof x.consignee?.pccc === 'string' &&
    typeof x.consignee?.postcode === 'string' &&
    typeof x.order?.currency === 'string' &&
    Array.isArray(x.items) &&
    x.items.every((it) => it && typeof it.description === 'string' && typeof it.price === 'number' && typeof it.quantity === 'number')
  );
}

export async function consentOutcomeOf(deps: IdentityDeps, operator: OperatorPrincipal, d: Declaration): Promise<ConsentOutcome> {
  const token = d.consent?.token;
  if (typeof token !== 'string' || token.length === 0) return { kind: 'missing' };
  const now = deps.clock.now();
  const v = await deps.signer.verify(token, now);
  if (!v.ok) return v.why === 'expired' ? { kind: 'expired' } : { kind: 'invalid' };
  const declared = orderSummaryOfDeclaration(d);
  if (deps.secrets.sha256(canonicalOrderText(declared)) !== v.claims.orderHash) {
    const request = await deps.identity.consentRequest(v.claims.consentId);
    const fields = request ? matchConsent(request.summary, declared) : [];
    return fields.length ? { kind: 'mismatch', fields } : { kind: 'invalid' };
  }
  // The approval stands only while its code does: a holder suspends a code (a lost phone, a leaked
  // code) or reissues it to stop its use, and an approval given before must stop with it. Not
  // claimed: lifted, the same approval can be used. A code the registry does not know is not checked.
  const holder = await deps.registry.find(v.claims.pccc);
  if (holder && holder.status !== 'active') return { kind: 'code_not_active', status: holder.status };
  const claim = await deps.identity.claimToken(v.claims.tokenId, operator.operatorId, d.ref, now);
  if (!claim.claimed) return { kind: 'reused', usedBy: claim.usedBy };
  const kst = koreanClockOf(v.claims.issuedAt.toISOString()).replace('T', ' ');
  return { kind: 'verified', approvedAt: `${kst} KST`, tokenId: v.claims.tokenId };
}

/** `%` is format()'s: a link with a percent-encoded character stays as given. */
const literal = (text: string) => text.replaceAll('%', '%%');

/**
 * One alert per code of the batch (its first declaration names it, "외 N건" the others), in Korean and English;
 * the facts of each code go in the templates' places (UsageAlerts). A code with a declaration not approved by
 * the holder says so: the alert is then the only thing between a misuse and the release.
 */
export function usageAlertsOf(inserted: readonly InsertedDeclaration[], o: { appUrl: string; at: Date }): UsageAlerts {
  const byPccc = new Map<string, InsertedDeclaration[]>();
  for (const a of inserted) {
    const list = byPccc.get(a.row.pccc);
    if (list) list.push(a);
    else byPccc.set(a.row.pccc, [a]);
  }
  const codes: UsageAlertFacts[] = [];
  for (const [pccc, items] of byPccc) {
    const first = items[0]!;
    const d = first.row.declaration;
    codes.push({
      pccc,
      ref: `declaration:${first.id}`,
      platform: d.parties?.platform?.name ?? d.parties?.seller?.name ?? '',
      what: `${d.items[0]?.description ?? ''}${items.length > 1 ? ` 외 ${items.length - 1}건` : ''}`,
      cargoNo: first.cargoNo,
      unverified: items.some((a) => !a.row.assessment.signals.includes('VERIFIED_CONSUMER')),
    });
  }
  const link = literal(`${o.appUrl.replace(/\/$/, '')}/me/security`);
  return {
    subject: '[통관] 개인통관고유부호 사용 알림',
    text: {
      ko: `회원님의 개인통관고유부호로 통관 신고가 접수되었습니다: %1$s %2$s (화물관리번호 %3$s).%4$s 본인 주문이 아니면 '내가 아님'을 눌러 반출을 막으세요: ${link}`,
      en: `A customs declaration was filed under your customs code (%3$s).%4$s Not you? Tap "Not me": ${link}`,
    },
    unverified: { ko: ' 본인 승인 없이 신고되었습니다.', en: ' It was filed without your approval.' },
    url: '/me/security',
    at: o.at,
    codes,
  };
}

export function createConsentIntake(deps: IdentityDeps, o: { appUrl: () => string }): ConsentIntake {
  return {
    async check(operator, items) {
      const out = new Map<number, ConsentOutcome>();
      for (const { index, declaration } of items) {
        if (!comparable(declaration)) continue;
        out.set(index, await consentOutcomeOf(deps, operator, declaration));
      }
      return out;
    },
    usageAlerts(inserted) {
      return usageAlertsOf(inserted, { appUrl: o.appUrl(), at: deps.clock.now() });
    },
    queued() {
      deps.onChangeNoticeQueued?.();
    },
  };
}
