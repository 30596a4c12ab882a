// What the consent page and the demo shop say about a request, from its status and the answer to
// the decision just made. Pure: unit-tested in consent-state.test.ts.
import type { ConsentStatus } from '../../../src/domain/consent.ts';

type Closed = Exclude<ConsentStatus, 'pending'>;
export type ConsentScreen = { state: 'pending' } | { state: 'result'; status: Closed } | { state: 'closed'; status: Closed };

/** Refusals that close the request: said as its outcome (no error and no code), the buttons gone. */
const CLOSING: Record<string, Closed> = { CONSENT_NUMBER_MISMATCH: 'refused', CONSENT_EXPIRED: 'expired' };

/**
 * `result`: what this tab's decision led to, said where the buttons were (it takes their focus);
 * `closed`: the request as it stood when read (opened already decided, or decided elsewhere).
 */
export function consentScreen(status: ConsentStatus, decided: 'approved' | 'declined' | null, errorCode: string | null): ConsentScreen {
  if (decided) return { state: 'result', status: decided };
  const closedBy = errorCode ? CLOSING[errorCode] : undefined;
  if (closedBy) return { state: 'result', status: closedBy };
  return status === 'pending' ? { state: 'pending' } : { state: 'closed', status };
}

/**
 * When the holder's passkey can approve, if the refusal says it is still in its cooling period (a
 * passkey added on a text-message code next to others waits: register-passkey.ts): NO_PASSKEY when
 * every key waits (options), PASSKEY_INVALID for an assertion by a waiting key (decision); both
 * carry details.usableFrom. Null for any other refusal.
 */
export function passkeyWaitEnds(code: string | null, details: unknown): string | null {
  if (code !== 'NO_PASSKEY' && code !== 'PASSKEY_INVALID') return null;
  const at = (details as { usableFrom?: unknown } | null | undefined)?.usableFrom;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : null;
}

/**
 * A passkey refused with no waiting period: one this device still offers but the platform no longer
 * knows (removed here or on another device) or that does not verify. Said with what to do next.
 */
export function passkeyRefusedHere(code: string | null, details: unknown): boolean {
  return code === 'PASSKEY_INVALID' && passkeyWaitEnds(code, details) === null;
}

export type MallStatusKey = 'mall.waiting' | 'mall.approved' | 'mall.declined' | 'mall.refused' | 'mall.expired' | 'mall.ended';

/** The shop's line for the request's status: each status its own words, never the raw status. */
export function mallStatusKey(status: string): MallStatusKey {
  switch (status) {
    case 'pending':
      return 'mall.waiting';
    case 'approved':
      return 'mall.approved';
    case 'declined':
      return 'mall.declined';
    case 'refused':
      return 'mall.refused';
    case 'expired':
      return 'mall.expired';
    default:
      return 'mall.ended';
  }
}
