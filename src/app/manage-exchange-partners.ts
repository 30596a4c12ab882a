// Partner customs administrations: an administrator registers one with its Ed25519 public key
// (received out of band, under the bilateral arrangement), officers list them with our own key.
import { fail, ok, type Result } from './errors.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { ExchangePartner } from './ports/risk-exchange-ports.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';

export interface PartnerInput {
  code: string;
  name: string;
  country: string;
  publicKey: string;
}

export async function registerExchangePartner(deps: RiskExchangeDeps, admin: OfficerPrincipal, input: PartnerInput): Promise<Result<ExchangePartner>> {
  const keyId = deps.crypto.keyIdOf(input.publicKey);
  if (!keyId) return fail('EXCHANGE_KEY_INVALID', { field: 'publicKey' });
  // Our own key registered as a partner's would let anyone replaying our reports pass them off as the partner's.
  if (keyId === deps.crypto.ownKey.keyId || input.code === deps.sender.code) return fail('VALIDATION_FAILED', { field: input.code === deps.sender.code ? 'code' : 'publicKey', reason: 'that is our own code or key' });
  const partner = await deps.store.registerPartner({ code: input.code, name: input.name.trim(), country: input.country, publicKey: input.publicKey, keyId, registeredBy: admin.username });
  if (!partner) return fail('EXCHANGE_PARTNER_EXISTS', { code: input.code });
  await deps.risk.risk.auditLog({ actorKind: 'officer', actorId: admin.userId, action: 'risk_exchange.partner_registered', subject: `partner:${input.code}`, detail: { keyId, country: input.country } });
  return ok(partner);
}

export async function listExchangePartners(deps: RiskExchangeDeps) {
  return { sender: deps.sender, signingKey: deps.crypto.ownKey, partners: await deps.store.listPartners() };
}
