// Passkeys of a PCCC holder: register (after proving name + mobile + postcode with the one-time
// code, or from a passkey session), list, remove. A passkey added by SMS proof while the holder
// already has passkeys approves orders only after a cooling period (SIM swap), and every
// change is announced on every channel the holder has: a security notice ("someone who got into the
// account adds their own passkey"), queued in the change's transaction and sent by the worker of the
// holder's notices with retries (send-pccc-change-notices.ts, migrations/114). Before, it was sent after
// the commit, best effort: a crash or the SMS gateway down lost it.
import { fail, ok, type Result } from './errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import type { ConsumerPrincipal } from './ports.ts';
import type { HolderNotice, PasskeyRecord, RegistryHolder } from './ports/identity-ports.ts';
import type { PasskeyView } from '../domain/api-views.ts';
export type { PasskeyView };

const REGISTER_MINUTES = 5;

/** The holder's notice of a passkey added to their code, in Korean and English; `coolingHours` when it approves orders only after them. */
export function passkeyAddedNotice(holder: RegistryHolder, p: { credentialId: string; label: string; coolingHours: number | null }, at: Date): HolderNotice {
  const cooling = p.coolingHours;
  return {
    kind: 'passkey_added',
    holder,
    ref: `passkey:${p.credentialId}`,
    subject: '[통관] 새 패스키 등록',
    text: {
      ko: `개인통관고유부호에 새 패스키(${p.label})가 등록되었습니다.${cooling === null ? '' : ` 보안을 위해 ${cooling}시간 뒤부터 주문 승인에 쓸 수 있습니다.`} 본인이 아니면 즉시 앱에서 패스키를 삭제하고 부호를 사용정지하세요.`,
      en: `A new passkey (${p.label}) was added to your customs code.${cooling === null ? '' : ` For your security it approves orders only after ${cooling} hours.`} If it was not you, remove it in the app and suspend your code at once.`,
    },
    at,
  };
}

/** The holder's notice of a passkey removed from their code, in Korean and English. */
export function passkeyRemovedNotice(holder: RegistryHolder, credentialId: string, at: Date): HolderNotice {
  return {
    kind: 'passkey_removed',
    holder,
    ref: `passkey:${credentialId}`,
    subject: '[통관] 패스키 삭제',
    text: { ko: '개인통관고유부호에서 패스키 하나가 삭제되었습니다. 본인이 아니면 부호를 사용정지하세요.', en: 'A passkey was removed from your customs code. If it was not you, suspend your code.' },
    at,
  };
}

export function passkeyView(p: PasskeyRecord): PasskeyView {
  return { id: p.credentialId, label: p.label, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt, usableFrom: p.usableFrom, backedUp: p.backedUp, registeredVia: p.registeredVia };
}

export async function startPasskeyRegistration(deps: IdentityDeps, consumer: ConsumerPrincipal): Promise<Result<{ ceremonyId: string; options: unknown }>> {
  if (consumer.amr !== 'otp' && consumer.amr !== 'passkey') return fail('PASSKEY_PROOF_REQUIRED');
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const existing = await deps.identity.passkeysOf(h.holder.holderId);
  const { challenge, options } = await deps.webauthn.registrationOptions({
    holderId: h.holder.holderId,
    userName: `${h.holder.name} (${h.holder.pccc.slice(0, 3)}…${h.holder.pccc.slice(-4)})`,
    displayName: h.holder.name,
    exclude: existing.map((p) => p.credentialId),
  });
  const ceremonyId = deps.secrets.randomToken('wac_');
  await deps.identity.createCeremony({
    id: ceremonyId,
    purpose: 'register',
    holderId: h.holder.holderId,
    challenge,
    detail: { amr: consumer.amr },
    expiresAt: new Date(deps.clock.now().getTime() + REGISTER_MINUTES * 60_000),
  });
  return ok({ ceremonyId, options });
}

export async function finishPasskeyRegistration(
  deps: IdentityDeps,
  consumer: ConsumerPrincipal,
  input: { ceremonyId: string; response: unknown; label?: string },
): Promise<Result<PasskeyView>> {
  const now = deps.clock.now();
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const c = await deps.identity.takeCeremony(input.ceremonyId, 'register', now);
  if (!c || c.holderId !== h.holder.holderId) return fail('PASSKEY_INVALID');
  const v = await deps.webauthn.verifyRegistration({ response: input.response, challenge: c.challenge });
  if (!v.ok) return fail('PASSKEY_INVALID', { why: v.why });
  const coolingHours = deps.registry.rules().consent.newPasskeyCoolingHours.value;
  // A key added on SMS proof alone next to existing keys waits (SIM swap). The store counts the
  // others in turn with concurrent registrations of the same holder.
  const cooledWith = (others: number) => consumer.amr === 'otp' && others > 0;
  const key = {
    credentialId: v.credentialId,
    holderId: h.holder.holderId,
    publicKey: v.publicKey,
    counter: v.counter,
    transports: v.transports,
    deviceType: v.deviceType,
    backedUp: v.backedUp,
    registeredVia: consumer.amr,
  };
  const stored = await deps.identity.addPasskey(
    key,
    (others) => ({
      label: (input.label ?? '').trim().slice(0, 60) || `패스키 ${others + 1}`,
      usableFrom: new Date(now.getTime() + (cooledWith(others) ? coolingHours * 3600_000 : 0)).toISOString(),
    }),
    // Told in the registration's transaction: committed with the passkey, sent by the notices' worker.
    (s) => passkeyAddedNotice(h.holder, { credentialId: v.credentialId, label: s.label, coolingHours: cooledWith(s.others) ? coolingHours : null }, now),
  );
  const cooled = cooledWith(stored.others);
  const record = { ...key, label: stored.label, usableFrom: stored.usableFrom };
  deps.onChangeNoticeQueued?.();
  await deps.identity.audit({ actorKind: 'consumer', actorId: null, action: 'passkey.register', subject: `holder:${h.holder.holderId}`, detail: { credentialId: v.credentialId, via: consumer.amr, cooled } });
  return ok(passkeyView({ ...record, createdAt: now.toISOString(), lastUsedAt: null }));
}

export async function listPasskeys(deps: IdentityDeps, consumer: ConsumerPrincipal): Promise<Result<PasskeyView[]>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  return ok((await deps.identity.passkeysOf(h.holder.holderId)).map(passkeyView));
}

export async function removePasskey(deps: IdentityDeps, consumer: ConsumerPrincipal, credentialId: string): Promise<Result<{ removed: true }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const now = deps.clock.now();
  if (!(await deps.identity.removePasskey(h.holder.holderId, credentialId, now, passkeyRemovedNotice(h.holder, credentialId, now)))) return fail('PASSKEY_NOT_FOUND');
  deps.onChangeNoticeQueued?.();
  await deps.identity.audit({ actorKind: 'consumer', actorId: null, action: 'passkey.remove', subject: `holder:${h.holder.holderId}`, detail: { credentialId, via: consumer.amr } });
  return ok({ removed: true });
}
