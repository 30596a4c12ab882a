// Order-time approval, the consumer's side (the phone that opened the QR code or the deep link):
// see exactly the order, pick the number the shop shows (a wrong pick cancels the request: it may
// have been started by someone else), then approve or decline with a passkey. The WebAuthn
// challenge is SHA-256 of (order hash, server nonce, decision): the assertion is bound to this
// order and this decision. Approval makes the request's single-use consent token available to
// the operator that asked. The holder is told of an approval and of a request cancelled on a wrong
// number (security notices: an approval they did not make, someone trying to lead them to approve),
// queued with the decision and sent by the worker of the holder's notices (migrations/114).
import { consentChallengeText, maskPccc, maskPostcode, type OrderSummary } from '../domain/consent.ts';
import { fail, ok, type Result } from './errors.ts';
import { recordExpiryIfDue, type IdentityDeps } from './identity-deps.ts';
import type { ConsentRequestRecord, HolderNotice, RegistryHolder } from './ports/identity-ports.ts';
import type { ConsentView } from '../domain/api-views.ts';
import { orderAmountText } from './order-amount-text.ts';
export type { ConsentView };

export type ConsentDecision = 'approve' | 'decline';

/** NO_PASSKEY's words when the holder's keys are all in their cooling period; the time it ends is in details.usableFrom. */
function waitingText(hours: number) {
  return {
    ko: `등록된 패스키가 아직 보안 대기 중이라 승인에 쓸 수 없습니다. 문자 인증으로 추가한 패스키는 ${hours}시간 뒤부터 쓸 수 있습니다.`,
    en: `The registered passkey is still in its security waiting period and cannot approve orders yet: a passkey added with a text-message code can approve from ${hours} hours after it was added.`,
  };
}

/** The holder's notice that a request was cancelled on a wrong number, in Korean and English. */
export function consentCancelledNotice(holder: RegistryHolder, r: ConsentRequestRecord, at: Date): HolderNotice {
  return {
    kind: 'consent_cancelled',
    holder,
    ref: `consent:${r.id}`,
    subject: '[통관] 주문 승인 요청 취소',
    text: {
      ko: `${r.operatorName}의 주문 승인 요청(${r.summary.platform} ${r.summary.orderNo})이 번호 불일치로 취소되었습니다. 누군가 승인을 유도했다면 응하지 마세요.`,
      en: `An approval request from ${r.operatorName} (${r.summary.platform} order ${r.summary.orderNo}) was cancelled: the wrong number was picked. If someone is urging you to approve, do not.`,
    },
    at,
  };
}

/** The holder's notice that they approved an order's use of their code, in Korean and English. */
export function consentApprovedNotice(holder: RegistryHolder, r: ConsentRequestRecord, at: Date): HolderNotice {
  const amount = orderAmountText(r.summary.total, r.summary.currency);
  return {
    kind: 'consent_approved',
    holder,
    ref: `consent:${r.id}`,
    subject: '[통관] 주문 승인 완료',
    text: {
      ko: `${r.summary.platform} 주문 ${r.summary.orderNo}(${amount})에 개인통관고유부호 사용을 승인했습니다. 본인이 아니면 앱에서 '내가 아님'을 누르세요.`,
      en: `You approved the use of your customs code for ${r.summary.platform} order ${r.summary.orderNo} (${amount}). If it was not you, report it as “Not me” in the app.`,
    },
    at,
  };
}

/** Decoys derived from the nonce: the same three choices on every reload, order not revealing. */
function choicesOf(deps: Pick<IdentityDeps, 'secrets'>, r: ConsentRequestRecord): string[] {
  const hex = deps.secrets.sha256(`choices:${r.nonce}`);
  const set = new Set([r.matchingNumber]);
  for (let i = 0; set.size < 3 && i + 4 <= hex.length; i += 4) set.add(String(10 + (parseInt(hex.slice(i, i + 4), 16) % 90)));
  return [...set].sort((a, b) => deps.secrets.sha256(`${r.nonce}:${a}`).localeCompare(deps.secrets.sha256(`${r.nonce}:${b}`)));
}

function maskedOrder({ pccc, postcode, ...order }: OrderSummary): ConsentView['order'] {
  return { ...order, postcodeMasked: maskPostcode(postcode), pcccMasked: maskPccc(pccc) };
}

async function openRequest(deps: IdentityDeps, id: string): Promise<Result<ConsentRequestRecord>> {
  const r = await deps.identity.consentRequest(id);
  if (!r) return fail('CONSENT_NOT_FOUND');
  const now = deps.clock.now();
  if ((await recordExpiryIfDue(deps, r, now)) || r.status === 'expired') return fail('CONSENT_EXPIRED');
  if (r.status !== 'pending') return fail('CONSENT_NOT_PENDING', { status: r.status, refusal: r.refusal });
  return ok(r);
}

export async function viewConsentRequest(deps: IdentityDeps, id: string): Promise<Result<ConsentView>> {
  let r = await deps.identity.consentRequest(id);
  if (!r) return fail('CONSENT_NOT_FOUND');
  const now = deps.clock.now();
  if (await recordExpiryIfDue(deps, r, now)) r = (await deps.identity.consentRequest(id))!;
  return ok({
    id: r.id,
    status: r.status,
    refusal: r.refusal,
    expiresAt: r.expiresAt,
    operator: { name: r.operatorName, code: r.operatorCode },
    order: maskedOrder({ ...r.summary, pccc: r.pccc }),
    orderHash: r.orderHash,
    choices: r.status === 'pending' ? choicesOf(deps, r) : [],
    returnUrl: r.returnUrl,
  });
}

function challengeOf(deps: IdentityDeps, r: ConsentRequestRecord, decision: ConsentDecision): string {
  return deps.webauthn.challengeFrom(consentChallengeText(r.orderHash, r.nonce, decision));
}

/**
 * A suspended (or cancelled) code approves no order (domain: 정지 중에는 주문 승인이 되지 않음): a request is
 * made only for an active code (API028), but one made before the suspend waits up to 10 minutes. Before, it
 * could still be approved after the suspend (by the holder, or whoever holds the holder's phone and passkey).
 */
async function codeApproves(deps: IdentityDeps, r: ConsentRequestRecord): Promise<boolean> {
  return (await deps.registry.find(r.pccc))?.status === 'active';
}

/** Step 1: the number (for an approval), then the WebAuthn options with the order-bound challenge. */
export async function consentOptions(deps: IdentityDeps, id: string, input: { decision: ConsentDecision; number?: string | null }): Promise<Result<{ options: unknown }>> {
  const o = await openRequest(deps, id);
  if (!o.ok) return o;
  const r = o.value;
  const now = deps.clock.now();
  if (input.decision === 'approve' && !(await codeApproves(deps, r))) return fail('PCCC_NOT_ACTIVE');
  // The matching number is the proof that the approver sees the shop's screen: compared in constant time.
  if (input.decision === 'approve' && !deps.secrets.sameSecret(input.number ?? '', r.matchingNumber)) {
    const holder = (await deps.registry.codesOf(r.holderId))[0];
    // Told only when this pick cancelled it (a second wrong pick finds it refused already).
    if (await deps.identity.decideConsentRequest(id, { status: 'refused', refusal: 'wrong_number' }, now, holder ? consentCancelledNotice(holder, r, now) : undefined)) deps.onChangeNoticeQueued?.();
    await deps.identity.audit({ actorKind: 'consumer', actorId: null, action: 'consent.wrong-number', subject: `consent:${id}`, detail: { picked: input.number ?? null } });
    return fail('CONSENT_NUMBER_MISMATCH', { path: 'body.number' });
  }
  const all = await deps.identity.passkeysOf(r.holderId);
  const keys = all.filter((k) => Date.parse(k.usableFrom) <= now.getTime());
  if (keys.length === 0) {
    // Keys registered but all in their cooling period (added on SMS proof: register-passkey.ts): said, with when the first becomes usable.
    const first = all.map((k) => k.usableFrom).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    return first ? fail('NO_PASSKEY', { usableFrom: first }, waitingText(deps.registry.rules().consent.newPasskeyCoolingHours.value)) : fail('NO_PASSKEY');
  }
  const { options } = await deps.webauthn.authenticationOptions({ challenge: challengeOf(deps, r, input.decision), allow: keys.map((k) => ({ id: k.credentialId, transports: k.transports })) });
  return ok({ options });
}

/** Step 2: the assertion. Checks the passkey belongs to the order's PCCC holder and signed this order's challenge. */
export async function decideConsent(
  deps: IdentityDeps,
  id: string,
  input: { decision: ConsentDecision; response: unknown },
): Promise<Result<{ status: 'approved' | 'declined'; returnUrl: string | null }>> {
  const o = await openRequest(deps, id);
  if (!o.ok) return o;
  const r = o.value;
  const now = deps.clock.now();
  if (input.decision === 'approve' && !(await codeApproves(deps, r))) return fail('PCCC_NOT_ACTIVE');
  const credentialId = deps.webauthn.credentialIdOf(input.response);
  const key = credentialId ? await deps.identity.findPasskey(credentialId) : null;
  if (!key) return fail('PASSKEY_INVALID');
  if (key.holderId !== r.holderId) return fail('CONSENT_WRONG_HOLDER');
  if (Date.parse(key.usableFrom) > now.getTime()) return fail('PASSKEY_INVALID', { usableFrom: key.usableFrom });
  const v = await deps.webauthn.verifyAuthentication({
    response: input.response,
    challenge: challengeOf(deps, r, input.decision),
    credential: { id: key.credentialId, publicKey: key.publicKey, counter: key.counter, transports: key.transports },
  });
  if (!v.ok) return fail('PASSKEY_INVALID', { why: v.why });
  await deps.identity.touchPasskey(key.credentialId, v.newCounter, now);
  const status = input.decision === 'approve' ? 'approved' : 'declined';
  const tokenId = input.decision === 'approve' ? deps.secrets.randomToken('ct_') : null;
  const holder = status === 'approved' ? (await deps.registry.codesOf(r.holderId))[0] : undefined;
  if (!(await deps.identity.decideConsentRequest(id, { status, credentialId: key.credentialId, tokenId }, now, holder ? consentApprovedNotice(holder, r, now) : undefined))) return fail('CONSENT_NOT_PENDING');
  if (holder) deps.onChangeNoticeQueued?.();
  await deps.identity.audit({ actorKind: 'consumer', actorId: null, action: `consent.${status}`, subject: `consent:${id}`, detail: { orderHash: r.orderHash, credentialId: key.credentialId, tokenId } });
  return ok({ status, returnUrl: r.returnUrl });
}
