// Intake's consent check (issue 6): each declaration's consent.token is verified (signature,
// expiry), its order hash compared with the order the declaration states (PCCC, postcode,
// platform, seller, order no., items, value, currency: src/domain/consent.ts), and claimed once
// (single use; a retry of the same operator and ref is the same use) while its code is active. After the batch commits,
// every holder is told at once about each new declaration under their code: the usage alert, the holder's chance
// to say "not me" before the release, is queued in the outbox of the holder's notices (migrations/114) and sent by
// its worker with retries, so a gateway down does not lose it. A stop between the intake's commit and this queue
// still loses it: queueing it in the intake's own transaction would put a registry read and an outbox insert
// per holder in the bulk (COPY) path; left as it is.
import { canonicalOrderText, matchConsent, orderSummaryOfDeclaration, type ConsentOutcome } from '../domain/consent.ts';
import { koreanClockOf } from '../domain/dates.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { HolderNotice } from './ports/identity-ports.ts';
import type { OperatorPrincipal } from './ports.ts';

export interface AcceptedDeclaration {
  declarationId: number;
  cargoNo: string;
  declaration: Declaration;
  signals: string[];
}

export interface ConsentIntake {
  /** Outcomes for declarations that look complete enough to compare; the others are left out. */
  check(operator: OperatorPrincipal, items: { index: number; declaration: unknown }[]): Promise<Map<number, ConsentOutcome>>;
  /** After commit: usage alerts to the holders (queued in the holder notices' outbox; intake does not wait for them). */
  accepted(operator: OperatorPrincipal, declarations: AcceptedDeclaration[]): void;
  /** Resolves when the alerts accepted so far are in the outbox (shutdown, tests); its worker sends them (pcccChangeNotices). */
  drain(): Promise<void>;
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

export function createConsentIntake(deps: IdentityDeps, o: { appUrl: () => string; onError?: (e: unknown) => void }): ConsentIntake {
  let queue: Promise<void> = Promise.resolve();
  const onError = o.onError ?? (() => undefined);

  async function alert(operator: OperatorPrincipal, list: AcceptedDeclaration[]): Promise<void> {
    const byPccc = new Map<string, AcceptedDeclaration[]>();
    for (const a of list) {
      const p = a.declaration.consignee.pccc.trim().toUpperCase();
      byPccc.set(p, [...(byPccc.get(p) ?? []), a]);
    }
    // One registry read for the batch: most codes in a bulk load have no holder registered here.
    const holders = await deps.registry.findMany([...byPccc.keys()]);
    const at = deps.clock.now();
    const notices: HolderNotice[] = [];
    for (const [pccc, items] of byPccc) {
      const holder = holders.get(pccc);
      if (!holder) continue;
      const first = items[0]!;
      const platform = first.declaration.parties?.platform?.name ?? first.declaration.parties?.seller?.name ?? '';
      const what = `${first.declaration.items[0]?.description ?? ''}${items.length > 1 ? ` 외 ${items.length - 1}건` : ''}`;
      const unverified = items.some((a) => !a.signals.includes('VERIFIED_CONSUMER'));
      const link = `${o.appUrl().replace(/\/$/, '')}/me/security`;
      notices.push({
        kind: 'declaration_filed',
        holder,
        ref: `declaration:${first.declarationId}`,
        subject: '[통관] 개인통관고유부호 사용 알림',
        text: {
          ko:
            `회원님의 개인통관고유부호로 통관 신고가 접수되었습니다: ${platform} ${what} (화물관리번호 ${first.cargoNo}).` +
            `${unverified ? ' 본인 승인 없이 신고되었습니다.' : ''} 본인 주문이 아니면 '내가 아님'을 눌러 반출을 막으세요: ${link}`,
          en: `A customs declaration was filed under your customs code (${first.cargoNo}). Not you? Tap "Not me": ${link}`,
        },
        url: '/me/security',
        at,
      });
    }
    await deps.identity.queueHolderNotices(notices);
    if (notices.length > 0) deps.onChangeNoticeQueued?.();
  }

  return {
    async check(operator, items) {
      const out = new Map<number, ConsentOutcome>();
      for (const { index, declaration } of items) {
        if (!comparable(declaration)) continue;
        out.set(index, await consentOutcomeOf(deps, operator, declaration));
      }
      return out;
    },
    accepted(operator, declarations) {
      if (declarations.length === 0) return;
      queue = queue.then(() => alert(operator, declarations)).catch(onError);
    },
    drain() {
      return queue;
    },
  };
}
