// The holder's own code: see it (with every code the holder has had and the registry's events),
// suspend it, resume it, reissue it (the old code dies at once), renew it in the window around
// expiry. When the holder has a usable passkey, reissuing needs a passkey session: a SIM swap
// (a one-time code sent to a stolen number) alone cannot take over the code. A reissue or a suspend
// signs the holder's other devices out (the session that made it stays); each change is told to the
// holder in Korean and English, the notice queued in the change's transaction and sent by its worker
// (send-pccc-change-notices.ts).
import { fail, ok, type Result } from './errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import type { ConsumerPrincipal } from './ports.ts';
import type { OwnCodeView } from '../domain/api-views.ts';
import { koreanDateOf } from '../domain/dates.ts';
import { expiryOf, renewalWindow } from '../domain/pccc-registry.ts';
import { maskPhone } from '../domain/contact-masks.ts';
export type { OwnCodeView };

async function viewOf(deps: IdentityDeps, holderId: string): Promise<OwnCodeView | null> {
  const codes = await deps.registry.codesOf(holderId);
  const live = codes[0];
  if (!live) return null;
  const rules = deps.registry.rules();
  const r = rules.registry;
  const today = koreanDateOf(deps.clock.now().toISOString());
  const window = renewalWindow(live.expiresOn, rules);
  return {
    pccc: live.pccc,
    status: live.status,
    statusReason: live.statusReason,
    suspendedBy: await deps.registry.suspendedBy(live),
    issuedOn: live.issuedOn,
    expiresOn: live.expiresOn,
    name: live.name,
    phone: maskPhone(live.phone),
    postcodes: live.postcodes,
    email: live.email,
    previous: codes.slice(1).map((c) => ({ pccc: c.pccc, status: c.status, replacedBy: c.replacedBy, issuedOn: c.issuedOn })),
    events: await deps.registry.history(holderId),
    renewal: {
      ...window,
      open: live.status === 'active' && today >= window.opensOn && today <= window.closesOn,
      expired: today > live.expiresOn,
      renewsUntil: expiryOf(live.expiresOn, rules),
    },
    rules: { reissuesPerYear: r.reissuesPerYear.value, reissuesPerYearUncertain: !!r.reissuesPerYear.uncertain, maxPostcodes: r.maxPostcodes.value },
  };
}

export async function ownCode(deps: IdentityDeps, consumer: ConsumerPrincipal): Promise<Result<OwnCodeView>> {
  const h = await holderOfConsumer(deps, consumer);
  const v = h ? await viewOf(deps, h.holder.holderId) : null;
  return v ? ok(v) : fail('PCCC_NOT_FOUND');
}

export type OwnCodeAction = 'suspend' | 'resume' | 'reissue' | 'renew';

/**
 * `sessionToken`: the bearer token of the session making the change (kept at a reissue or a suspend; the holder's other sessions end).
 * A suspend answers how many other sessions it ended (otherSessionsEnded: 0 when the holder was signed in nowhere else).
 */
export async function changeOwnCode(deps: IdentityDeps, consumer: ConsumerPrincipal, action: OwnCodeAction, reason?: string, sessionToken?: string | null): Promise<Result<OwnCodeView & { reissuesLeft?: number; otherSessionsEnded?: number }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const actor = { kind: 'consumer' as const, id: h.holder.holderId };
  const pccc = h.holder.pccc;
  const keepSession = sessionToken ? deps.secrets.sha256(sessionToken) : undefined;
  let reissuesLeft: number | undefined;
  let otherSessionsEnded: number | undefined;
  if (action === 'reissue' && consumer.amr !== 'passkey') {
    const now = deps.clock.now().getTime();
    const usable = (await deps.identity.passkeysOf(h.holder.holderId)).some((k) => Date.parse(k.usableFrom) <= now);
    if (usable) return fail('FORBIDDEN', { needs: 'passkey' }, { ko: '패스키가 등록되어 있으므로 재발급은 패스키로 로그인한 뒤에 할 수 있습니다.', en: 'You have a passkey: sign in with it to reissue the code.' });
  }
  let r: Result<unknown>;
  switch (action) {
    case 'suspend':
      r = await deps.registry.suspend(pccc, (reason ?? '').slice(0, 200) || '본인 요청 (consumer request)', actor, { keepSession, ended: (n) => (otherSessionsEnded = n), tell: 'holder' });
      break;
    case 'resume':
      r = await deps.registry.resume(pccc, actor, { tell: 'holder' });
      break;
    case 'renew':
      r = await deps.registry.renew(pccc, actor, { tell: 'holder' });
      break;
    case 'reissue': {
      const x = await deps.registry.reissue(pccc, actor, { keepSession, tell: 'holder' });
      if (x.ok) reissuesLeft = x.value.reissuesLeft;
      r = x;
      break;
    }
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
  if (!r.ok) return r;
  deps.onChangeNoticeQueued?.();
  const v = await viewOf(deps, h.holder.holderId);
  if (!v) return fail('PCCC_NOT_FOUND');
  return ok({ ...v, ...(reissuesLeft === undefined ? {} : { reissuesLeft }), ...(otherSessionsEnded === undefined ? {} : { otherSessionsEnded }) });
}
