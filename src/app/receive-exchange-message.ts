// A message from a partner administration. It authenticates itself: the sender it names must be a
// registered partner, and its signature must verify with the non-revoked key of that partner whose
// id it names (a partner may have several while it rotates), before anything else
// is looked at (401 otherwise). Then its content is validated (400 with field paths), and it is
// stored once: the same id with the same content again is a replay (nothing changes), with other
// content a conflict. Nothing here touches the rules: officers turn a message into a rule draft.
// A withdrawal must name a notice this partner sent us, by id and digest, not withdrawn yet
// (a replay of the withdrawal is answered as the first time); refusals are recorded like the others.
import type { FieldError } from '../domain/assessment.ts';
import { validateExchangeMessage } from '../domain/risk-exchange/validate-message.ts';
import { fail, ok, type Result } from './errors.ts';
import type { ReceivedRef, ReceiveWithdrawalOutcome } from './ports/risk-exchange-ports.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Received {
  replayed: boolean;
  received: ReceivedRef;
  /** For a withdrawal: the notice it withdrew. */
  withdrawn?: { id: number; messageId: string };
}

export async function receiveExchangeMessage(deps: RiskExchangeDeps, input: unknown): Promise<Result<Received>> {
  const now = deps.risk.clock.now();
  const check = () => validateExchangeMessage(input, { now, recipient: deps.sender.code });
  // Without a sender and a signature there is nothing to verify: say what is missing.
  if (!isObj(input) || typeof input.from !== 'string' || !isObj(input.signature)) {
    const v = check();
    return fail('EXCHANGE_MESSAGE_INVALID', { errors: v.ok ? [] : v.errors });
  }
  const partner = await deps.store.getPartner(input.from);
  // An unknown sender leaves no trace: storing what anyone sends would be an open door.
  if (!partner) return fail('EXCHANGE_SIGNATURE_INVALID');
  const messageId = typeof input.id === 'string' ? input.id.slice(0, 80) : null;
  // The key the signature names, among the partner's keys: a revoked one verifies nothing any more.
  const keyId = input.signature.keyId;
  const key = partner.keys.find((k) => k.keyId === keyId);
  if (!key || key.state === 'revoked' || !deps.crypto.verify(input, key.publicKey)) {
    await deps.store.recordRefusal({ partner: partner.code, messageId, reason: !key ? 'unknown_key' : key.state === 'revoked' ? 'revoked_key' : 'bad_signature' });
    return fail('EXCHANGE_SIGNATURE_INVALID');
  }
  const v = check();
  let errors: FieldError[] = v.ok ? [] : v.errors;
  if (v.ok && v.message.body.reportingCountry !== partner.country)
    errors = [
      {
        path: 'body.reportingCountry',
        code: 'not_partner_country',
        ko: `등록된 협력 세관의 국가(${partner.country})와 다릅니다.`,
        en: `Not the country the partner is registered for (${partner.country}).`,
      },
    ];
  if (!v.ok || errors.length) {
    await deps.store.recordRefusal({ partner: partner.code, messageId, reason: 'invalid', detail: errors.map((e) => ({ path: e.path, code: e.code })) });
    return fail('EXCHANGE_MESSAGE_INVALID', { errors });
  }
  const contentHash = deps.crypto.contentHash(input);
  if (v.message.kind === 'party_notice_withdrawal') {
    const w = await deps.store.receiveWithdrawal({ partner: partner.code, message: v.message, contentHash, keyId: key.keyId });
    if (w.kind === 'stored' || w.kind === 'replayed') return ok({ replayed: w.kind === 'replayed', received: w.received, withdrawn: w.notice });
    if (w.kind === 'conflict') return fail('EXCHANGE_MESSAGE_CONFLICT', { path: 'id', messageId: v.message.id });
    // Refused: recorded like any refusal of a registered partner (the claimed id and why, no body).
    await deps.store.recordRefusal({ partner: partner.code, messageId, reason: `withdrawal_${w.kind}`, detail: { withdraws: v.message.body.withdraws.id } });
    return withdrawalRefused(w, v.message.body.withdraws.id);
  }
  const stored = await deps.store.receive({ partner: partner.code, message: v.message, contentHash, keyId: key.keyId });
  if (stored.kind === 'conflict') return fail('EXCHANGE_MESSAGE_CONFLICT', { path: 'id', messageId: v.message.id });
  return ok({ replayed: stored.kind === 'replayed', received: stored.received });
}

// Paths as the message's own field errors write them (validate-message.ts: id, body.withdraws.id).
function withdrawalRefused(w: Exclude<ReceiveWithdrawalOutcome, { kind: 'stored' | 'replayed' | 'conflict' }>, withdraws: string): Result<never> {
  const path = 'body.withdraws.id';
  switch (w.kind) {
    case 'unknown_original':
    case 'other_partner': // recorded as such, answered as unknown: the sender learns nothing of other partners' messages
      return fail('EXCHANGE_WITHDRAWAL_UNKNOWN_NOTICE', { path, withdraws });
    case 'not_a_notice':
      return fail('EXCHANGE_NOT_WITHDRAWABLE', { path, withdraws, kind: w.messageKind });
    case 'digest_mismatch':
      return fail('EXCHANGE_WITHDRAWAL_MISMATCH', { path: 'body.withdraws.digest', withdraws });
    case 'already_withdrawn':
      return fail('EXCHANGE_NOTICE_WITHDRAWN', { path, withdraws, withdrawal: w.by });
  }
}
