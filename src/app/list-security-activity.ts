// The holder's security activity (/me/security "보안 활동"): the registry's events of the signed-in holder,
// on every code they have had, newest first, a page at a time by the id of the last one shown (`before`),
// each as it may be shown (codes by their last four digits, contacts masked, no free text) with its sentence
// in Korean and English (src/domain/security-activity.ts). Only the holder's own: the holder comes from the
// session's code, never from the request.
import { fail, ok, type Result } from './errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import type { ConsumerPrincipal } from './ports.ts';
import { activityOf, activityText, type SecurityActivity } from '../domain/security-activity.ts';

export const ACTIVITY_PAGE = { default: 20, max: 100 };

export type SecurityActivityView = SecurityActivity & { text: { ko: string; en: string } };

export async function listSecurityActivity(
  deps: Pick<IdentityDeps, 'registry'>,
  consumer: ConsumerPrincipal,
  page: { before?: number | undefined; limit?: number | undefined } = {},
): Promise<Result<{ events: SecurityActivityView[]; next: number | null }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const limit = page.limit ?? ACTIVITY_PAGE.default;
  // One row more than shown says whether older ones follow.
  const rows = await deps.registry.historyPage(h.holder.holderId, { before: page.before, limit: limit + 1 });
  const events = rows.slice(0, limit).map((e) => {
    const a = activityOf(e);
    return { ...a, text: activityText(a) };
  });
  return ok({ events, next: rows.length > limit ? events[events.length - 1]!.id : null });
}
