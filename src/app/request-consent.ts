// Order-time approval, the operator's side: a consent request with the order summary. The
// PCCC, name, mobile and delivery postcode must match an active registration (one answer for
// every mismatch); requests per PCCC are limited (approval fatigue); the request lives 10
// minutes. The answer carries a QR code (cross-device: the consumer's phone), a deep link (same
// device) and the matching number the shop shows next to them.
import { canonicalOrderText, orderSummaryOf, type OrderSummaryInput } from '../domain/consent.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import { recordExpiryIfDue, type IdentityDeps } from './identity-deps.ts';
import type { OperatorPrincipal } from './ports.ts';
import type { ConsentRequestRecord } from './ports/identity-ports.ts';

export interface ConsentRequestInput extends OrderSummaryInput {
  consigneeName: string;
  consigneePhone: string;
  /** Where the consumer's browser goes after deciding on the same device (the shop's page). */
  returnUrl?: string | null;
}

export interface ConsentRequestCreated {
  id: string;
  status: 'pending';
  expiresAt: string;
  matchingNumber: string;
  orderHash: string;
  deepLink: string;
  qr: { png: string; svg: string };
}

/** The shop-side status; the token only for the operator that asked, once approved. */
export interface ConsentRequestStatus {
  id: string;
  status: ConsentRequestRecord['status'];
  refusal: string | null;
  expiresAt: string;
  decidedAt: string | null;
  matchingNumber: string;
  orderHash: string;
  token: string | null;
}

export function orderHashOf(deps: Pick<IdentityDeps, 'secrets'>, summary: Parameters<typeof canonicalOrderText>[0]): string {
  return deps.secrets.sha256(canonicalOrderText(summary));
}

/** Two digits, 10–99, from a one-time code. */
function twoDigits(deps: Pick<IdentityDeps, 'secrets'>): string {
  return String(10 + (Number(deps.secrets.otpCode()) % 90));
}

export async function createConsentRequest(
  deps: IdentityDeps,
  operator: OperatorPrincipal,
  input: ConsentRequestInput,
  o: { baseUrl: string; currencies?: ReadonlySet<string> },
): Promise<Result<ConsentRequestCreated>> {
  const now = deps.clock.now();
  const s = orderSummaryOf(input);
  // Refused as every other request whose fields fail a check: 400 VALIDATION_FAILED, field errors naming body.<field>.
  if (!s.ok) return invalidRequest(s.problems.map((p) => requestFieldError(`body.${p.path}`, p.code, undefined, { ko: p.ko, en: p.en })));
  const summary = s.summary;
  // As a declaration's and an order's currency (validate-declaration.ts, submit-order.ts): a consent in
  // "ZZZ" asked the buyer to approve an order no declaration could ever carry (refused, currency_unknown).
  if (o.currencies && !o.currencies.has(summary.currency)) return invalidRequest(requestFieldError('body.currency', 'currency_unknown', { value: input.currency }));
  if (input.returnUrl) {
    const problem = returnUrlProblem(input.returnUrl);
    if (problem) return invalidRequest(requestFieldError('body.returnUrl', problem.code, undefined, problem));
  }
  const check = await deps.registry.check({ pccc: summary.pccc, name: input.consigneeName, phone: input.consigneePhone, postcode: summary.postcode });
  if (!check.matched || !check.holder) {
    await deps.identity.audit({ actorKind: 'operator', actorId: operator.operatorId, action: 'consent.request-refused', subject: `pccc:${summary.pccc}`, detail: { mismatches: check.mismatches } });
    return fail('CONSENT_PCCC_CHECK_FAILED');
  }
  const rules = deps.registry.rules().consent;
  const limit = { since: new Date(now.getTime() - 10 * 60_000), max: rules.requestsPerPcccPer10Minutes.value };
  // Counted here to refuse early; counted again when stored, per PCCC in turn (requests made at once).
  const recent = await deps.identity.recentConsentRequests(summary.pccc, limit.since);
  if (recent >= limit.max) return fail('CONSENT_RATE_LIMITED');
  const id = deps.secrets.randomToken('cr_');
  const nonce = deps.secrets.randomToken('');
  const orderHash = orderHashOf(deps, summary);
  const matchingNumber = twoDigits(deps);
  const expiresAt = new Date(now.getTime() + rules.requestMinutes.value * 60_000);
  const created = await deps.identity.createConsentRequest({
    id,
    operatorId: operator.operatorId,
    holderId: check.holder.holderId,
    pccc: summary.pccc,
    summary,
    orderHash,
    nonce,
    matchingNumber,
    createdAt: now,
    expiresAt: expiresAt.toISOString(),
    returnUrl: input.returnUrl ?? null,
  }, limit);
  if (!created) return fail('CONSENT_RATE_LIMITED');
  await deps.identity.audit({ actorKind: 'operator', actorId: operator.operatorId, action: 'consent.request', subject: `consent:${id}`, detail: { orderHash, pccc: summary.pccc } });
  const deepLink = `${o.baseUrl.replace(/\/$/, '')}/consent/${encodeURIComponent(id)}`;
  return ok({ id, status: 'pending', expiresAt: expiresAt.toISOString(), matchingNumber, orderHash, deepLink, qr: await deps.qr.render(deepLink) });
}

export async function consentRequestStatus(deps: IdentityDeps, operator: OperatorPrincipal, id: string): Promise<Result<ConsentRequestStatus>> {
  let r = await deps.identity.consentRequest(id);
  if (!r || r.operatorId !== operator.operatorId) return fail('CONSENT_NOT_FOUND');
  const now = deps.clock.now();
  if (await recordExpiryIfDue(deps, r, now)) r = (await deps.identity.consentRequest(id))!;
  let token: string | null = null;
  if (r.status === 'approved' && r.tokenId && r.decidedAt) {
    const issuedAt = new Date(r.decidedAt);
    token = await deps.signer.sign({
      tokenId: r.tokenId,
      consentId: r.id,
      orderHash: r.orderHash,
      pccc: r.pccc,
      operatorCode: r.operatorCode,
      amr: 'passkey',
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + deps.registry.rules().consent.tokenDays.value * 86_400_000),
    });
  }
  return ok({ id: r.id, status: r.status, refusal: r.refusal, expiresAt: r.expiresAt, decidedAt: r.decidedAt, matchingNumber: r.matchingNumber, orderHash: r.orderHash, token });
}

/**
 * What is wrong with the address the consumer is sent back to, if anything: it must parse as an
 * http(s) URL, and carry no user name or password. The consumer's browser shows it and goes there
 * after the decision: credentials would be shown to every consumer, and 'https://shop.example@evil.example/'
 * reads as the shop while it leads elsewhere (RFC 3986 §7.6, semantic attacks).
 */
function returnUrlProblem(text: string): { code: 'url_invalid' | 'url_has_credentials'; ko: string; en: string } | null {
  const url = /^https?:\/\//i.test(text) && URL.canParse(text) ? new URL(text) : null;
  if (!url) return { code: 'url_invalid', ko: 'http(s) 주소여야 합니다.', en: 'Must be an http(s) URL.' };
  if (url.username !== '' || url.password !== '')
    return {
      code: 'url_has_credentials',
      ko: '주소에 사용자 이름이나 비밀번호(https://사용자:비밀번호@…)를 넣을 수 없습니다. 소비자 화면에 그대로 보이고, @ 앞의 이름이 실제로 가는 곳을 가립니다.',
      en: 'The URL cannot carry a user name or password (https://user:password@…): consumers see it, and the name before @ hides where it leads.',
    };
  return null;
}
