// What the identity use cases (issue 6) need, and the holder behind a consumer session.
import { consentRequestStatusAt } from '../domain/consent.ts';
import type { ConsentRequestRecord, GivenUpHolderNotices, HolderNotifier, IdentityStore, PcccRegistry, QrRenderer, RegistryHolder, WebAuthn, ConsentSigner } from './ports/identity-ports.ts';
import type { AccessStore, Clock, ConsumerPrincipal, DeclarationStore, Secrets } from './ports.ts';

export interface IdentityDeps {
  registry: PcccRegistry;
  identity: IdentityStore;
  signer: ConsentSigner;
  webauthn: WebAuthn;
  qr: QrRenderer;
  holders: HolderNotifier;
  access: AccessStore;
  declarations: DeclarationStore;
  secrets: Secrets;
  clock: Clock;
  /** A notice to the holder was queued and committed (PcccRegistry's `tell`, the identity store's for a passkey, a "not me" report, a consent): its worker sends it now, not at its next poll. */
  onChangeNoticeQueued?: () => void;
  /** The notices given up, for the administrators (manage-holder-notices.ts); absent: no such list. */
  givenUpNotices?: GivenUpHolderNotices;
}

/** The holder of the session's PCCC (the session may name a code since reissued). */
export async function holderOfConsumer(deps: Pick<IdentityDeps, 'registry'>, consumer: ConsumerPrincipal): Promise<{ holder: RegistryHolder; codes: RegistryHolder[] } | null> {
  const named = await deps.registry.find(consumer.pccc);
  if (!named) return null;
  const codes = await deps.registry.codesOf(named.holderId);
  return { holder: codes[0] ?? named, codes: codes.length ? codes : [named] };
}

/**
 * Records as expired a pending consent request whose deadline has passed (consentRequestStatusAt),
 * when someone opens it; says whether it did. Reads elsewhere (the ledger) compute it without writing.
 */
export async function recordExpiryIfDue(deps: Pick<IdentityDeps, 'identity'>, r: ConsentRequestRecord, now: Date): Promise<boolean> {
  if (r.status !== 'pending' || consentRequestStatusAt(r.status, r.expiresAt, now.getTime()) !== 'expired') return false;
  await deps.identity.decideConsentRequest(r.id, { status: 'expired' }, now);
  return true;
}
