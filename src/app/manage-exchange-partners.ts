// Partner customs administrations: an administrator registers one with its Ed25519 public key
// (received out of band, under the bilateral arrangement), adds its next key when it rotates and
// revokes a retired or compromised one; officers list them, with every key and its state, and our
// own key. Each change is audited in exchange_events and the platform audit log.
import { lateCompromiseProblem } from '../domain/risk-exchange/revoked-key-source.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { ExchangePartner, PartnerKey } from './ports/risk-exchange-ports.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';
import type { ExchangePartners } from '../domain/risk-exchange/views.ts';

export interface PartnerInput {
  code: string;
  name: string;
  country: string;
  publicKey: string;
}

/** The key id of a partner's public key, or the failure: not an Ed25519 key, or our own key. */
function partnerKeyId(deps: RiskExchangeDeps, publicKey: string): Result<string> {
  const keyId = deps.crypto.keyIdOf(publicKey);
  if (!keyId) return fail('EXCHANGE_KEY_INVALID', { path: 'body.publicKey', field: 'publicKey' });
  // Our own key registered as a partner's would let anyone replaying our reports pass them off as the partner's.
  if (keyId === deps.crypto.ownKey.keyId) return invalidRequest(requestFieldError('body.publicKey', 'own_code_or_key'));
  return ok(keyId);
}

export async function registerExchangePartner(deps: RiskExchangeDeps, admin: OfficerPrincipal, input: PartnerInput): Promise<Result<ExchangePartner & { keyId: string }>> {
  const k = partnerKeyId(deps, input.publicKey);
  if (!k.ok) return k;
  const keyId = k.value;
  if (input.code === deps.sender.code) return invalidRequest(requestFieldError('body.code', 'own_code_or_key'));
  const partner = await deps.store.registerPartner({ code: input.code, name: input.name.trim(), country: input.country, publicKey: input.publicKey, keyId, registeredBy: admin.username });
  if (!partner) return fail('EXCHANGE_PARTNER_EXISTS', { path: 'body.code', code: input.code });
  await deps.risk.risk.auditLog({ actorKind: 'officer', actorId: admin.userId, action: 'risk_exchange.partner_registered', subject: `partner:${input.code}`, detail: { keyId, country: input.country } });
  return ok({ ...partner, keyId });
}

/** A partner's next key (rotation): messages may then be signed with it as well as with its other active keys. */
export async function addExchangePartnerKey(deps: RiskExchangeDeps, admin: OfficerPrincipal, code: string, input: { publicKey: string }): Promise<Result<PartnerKey>> {
  const k = partnerKeyId(deps, input.publicKey);
  if (!k.ok) return k;
  const r = await deps.store.addPartnerKey({ partner: code, publicKey: input.publicKey, keyId: k.value, actor: admin.username });
  if (r.kind === 'no_partner') return fail('EXCHANGE_PARTNER_NOT_FOUND', { code });
  if (r.kind === 'exists') return fail('EXCHANGE_KEY_EXISTS', { path: 'body.publicKey', code, keyId: k.value });
  await deps.risk.risk.auditLog({ actorKind: 'officer', actorId: admin.userId, action: 'risk_exchange.partner_key_added', subject: `partner:${code}`, detail: { keyId: k.value } });
  return ok(r.key);
}

/**
 * Revokes a partner's key: from then on a message naming it is refused (401, refusal `revoked_key`);
 * messages received before stay stored as they are. The last active key is revoked only with
 * `lastKey: true` (a compromised key must be cut off even before the partner has sent its next one):
 * the partner can then send nothing until a key is added.
 */
export async function revokeExchangePartnerKey(
  deps: RiskExchangeDeps,
  admin: OfficerPrincipal,
  code: string,
  keyId: string,
  input: { reason: string; lastKey?: boolean; compromisedSince?: string },
): Promise<Result<PartnerKey>> {
  const reason = input.reason.trim();
  if (!reason) return invalidRequest(requestFieldError('body.reason', 'too_short'));
  // A compromise is stated with the revocation, from a time not yet to come: messages received from
  // then on are flagged as possibly forged on the hits resting on them (revoked-key-source.ts).
  let compromisedSince: string | null = null;
  if (input.compromisedSince !== undefined) {
    const at = Date.parse(input.compromisedSince);
    if (Number.isNaN(at)) return invalidRequest(requestFieldError('body.compromisedSince', 'invalid_timestamp'));
    if (at > deps.risk.clock.now().getTime())
      return invalidRequest(requestFieldError('body.compromisedSince', 'time_in_future', undefined, { ko: '유출 시점은 지금보다 늦을 수 없습니다.', en: 'The key cannot be compromised from a time still to come.' }));
    compromisedSince = new Date(at).toISOString();
  }
  const r = await deps.store.revokePartnerKey({ partner: code, keyId, actor: admin.username, reason, lastKey: input.lastKey === true, compromisedSince });
  if (r.kind === 'no_partner') return fail('EXCHANGE_PARTNER_NOT_FOUND', { code });
  if (r.kind === 'not_found') return fail('EXCHANGE_KEY_NOT_FOUND', { code, keyId });
  if (r.kind === 'already_revoked') return fail('EXCHANGE_KEY_REVOKED', { code, keyId });
  if (r.kind === 'last_key') return fail('EXCHANGE_LAST_KEY', { code, keyId });
  await deps.risk.risk.auditLog({ actorKind: 'officer', actorId: admin.userId, action: 'risk_exchange.partner_key_revoked', subject: `partner:${code}`, detail: { keyId, reason, ...(compromisedSince ? { compromisedSince } : {}) } });
  return ok(r.key);
}

/**
 * States, after the fact, that a key revoked without a stated compromise (a routine rotation) was
 * compromised, and from when: the messages it verified that reached us from then on become suspect
 * wherever they are read (the inbox, drafting, the rules page, a declaration's risk panel and hold
 * form), as if stated with the revocation. Once per key, never moved (officers may have acted on it);
 * bounds in lateCompromiseProblem (revoked-key-source.ts). Audited, with the administrator's reason.
 */
export async function stateExchangeKeyCompromise(
  deps: RiskExchangeDeps,
  admin: OfficerPrincipal,
  code: string,
  keyId: string,
  input: { compromisedSince: string; reason: string },
): Promise<Result<PartnerKey>> {
  const reason = input.reason.trim();
  if (!reason) return invalidRequest(requestFieldError('body.reason', 'required'));
  const at = Date.parse(input.compromisedSince);
  if (Number.isNaN(at)) return invalidRequest(requestFieldError('body.compromisedSince', 'invalid_timestamp'));
  const compromisedSince = new Date(at).toISOString();
  const partner = await deps.store.getPartner(code);
  if (!partner) return fail('EXCHANGE_PARTNER_NOT_FOUND', { code });
  const key = partner.keys.find((k) => k.keyId === keyId);
  if (!key) return fail('EXCHANGE_KEY_NOT_FOUND', { code, keyId });
  if (key.revokedAt === null) return fail('EXCHANGE_KEY_NOT_REVOKED', { code, keyId });
  if (key.compromisedSince !== null) return fail('EXCHANGE_KEY_COMPROMISE_STATED', { code, keyId, compromisedSince: key.compromisedSince });
  const problem = lateCompromiseProblem(compromisedSince, { revokedAt: key.revokedAt });
  if (problem) return invalidRequest(requestFieldError('body.compromisedSince', 'after_revocation', { revokedAt: key.revokedAt }, problem));
  const r = await deps.store.stateKeyCompromise({ partner: code, keyId, actor: admin.username, compromisedSince, reason });
  // A key's revocation never changes once set, so only a statement made meanwhile can be found here.
  if (r.kind === 'already_stated') return fail('EXCHANGE_KEY_COMPROMISE_STATED', { code, keyId, compromisedSince: r.compromisedSince });
  if (r.kind === 'after_revocation') return invalidRequest(requestFieldError('body.compromisedSince', 'after_revocation', { revokedAt: r.revokedAt }, lateCompromiseProblem(compromisedSince, r)!));
  if (r.kind === 'no_partner') return fail('EXCHANGE_PARTNER_NOT_FOUND', { code });
  if (r.kind === 'not_found') return fail('EXCHANGE_KEY_NOT_FOUND', { code, keyId });
  if (r.kind === 'not_revoked') return fail('EXCHANGE_KEY_NOT_REVOKED', { code, keyId });
  await deps.risk.risk.auditLog({ actorKind: 'officer', actorId: admin.userId, action: 'risk_exchange.partner_key_compromise_stated', subject: `partner:${code}`, detail: { keyId, compromisedSince, reason } });
  return ok(r.key);
}

export async function listExchangePartners(deps: RiskExchangeDeps): Promise<ExchangePartners> {
  // How far ahead our risky-party notices may run: the notice form states it (policy.exchange, data/risk-rules.json).
  return { sender: deps.sender, signingKey: deps.crypto.ownKey, partners: await deps.store.listPartners(), noticeMaxValidDays: deps.risk.policy.exchange.noticeMaxValidDays };
}
