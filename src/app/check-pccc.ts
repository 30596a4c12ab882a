// PCCC check against the holder registry: name + mobile + (from 2026-02-02) delivery postcode
// (domain-rules §6.3, §6.5). Returns which factors failed, in UNI-PASS API028's order.
import type { ConsumerStore, PcccHolder, Secrets } from './ports.ts';

export type PcccMismatch = 'notFound' | 'notInUse' | 'expired' | 'nameMismatch' | 'phoneMismatch' | 'zipMismatch';

export function digitsOnly(s: string): string {
  return s.replace(/\D/g, '');
}

export function normalizeName(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/**
 * The holder's names a consignee name may match: the Korean name, and the English name when the
 * registry holds one. From the 2026-02-02 strengthened check a consignee name written in Latin
 * letters is compared with the holder's English name (KCS notice, quoted at
 * jkmanlab.com/elpisbbs/board.php?bo_table=notice&wr_id=117: "목록통관 수하인명이 영문인 경우
 * 개인통관고유부호 발급자 영문명 확인"; the issuing form collects 영문 성명, domain-rules §6.4),
 * and API028 clients classify "납세의무자(영문)명" reasons as name mismatches (a client citing
 * guide v4.0, find_string id 67253235867).
 */
export function holderNames(holder: { name: string; nameEn?: string | null }): string[] {
  return [holder.name, holder.nameEn ?? ''].map(normalizeName).filter((n) => n.length > 0);
}

/** Whether any of `candidates` equals `given`, comparing every one in constant time (no early exit). */
function anySame(secrets: Pick<Secrets, 'sameSecret'>, candidates: readonly string[], given: string): boolean {
  let found = false;
  for (const c of candidates) found = secrets.sameSecret(c, given) || found;
  return found;
}

/**
 * The name, mobile and postcode are what a stranger must know to have a code sent to the holder:
 * compared in constant time (Secrets.sameSecret), so timing many guesses tells nothing of how much
 * of a factor was right.
 */
export async function checkPccc(
  deps: { consumers: Pick<ConsumerStore, 'findHolder'>; secrets: Pick<Secrets, 'sameSecret'> },
  q: { pccc: string; name: string; phone: string; postcode?: string | null; today: string },
): Promise<{ matched: boolean; mismatches: PcccMismatch[]; holder: PcccHolder | null }> {
  const holder = await deps.consumers.findHolder(q.pccc.trim().toUpperCase());
  if (!holder) return { matched: false, mismatches: ['notFound'], holder: null };
  const mismatches: PcccMismatch[] = [];
  if (holder.status !== 'active') mismatches.push('notInUse');
  if (holder.expiresOn < q.today) mismatches.push('expired');
  if (!anySame(deps.secrets, holderNames(holder), normalizeName(q.name))) mismatches.push('nameMismatch');
  if (!deps.secrets.sameSecret(digitsOnly(holder.phone), digitsOnly(q.phone))) mismatches.push('phoneMismatch');
  if (q.postcode !== undefined && q.postcode !== null && !anySame(deps.secrets, holder.postcodes, digitsOnly(q.postcode))) mismatches.push('zipMismatch');
  return { matched: mismatches.length === 0, mismatches, holder };
}
