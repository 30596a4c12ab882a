// Which stored declarations a combined-taxation group reaches (수입통관 사무처리에 관한 고시 제68조).
//
// The notice lists the grounds (1: one B/L or AWB split; 3: the same overseas supplier and purchase
// date, split into several shipments; 2, the same arrival date, deleted from 2022-11-17) and says the
// goods of "each" case are combined; it does not say whether two cases that share a parcel make one
// group. The engine has always answered yes (combine.ts: union-find, so that the result does not
// depend on the order or the batching of the declarations, issue 2's property), and the platform
// follows the engine: a parcel that shares a B/L with one parcel and a supplier and date with
// another is one importation with both, whether the three came in one batch or one by one. The
// history read is therefore traced through the group: the rows sharing the new declaration's own
// keys, then the rows sharing the keys of the members found, until no member has a key not asked
// for, or a cap is reached (src/app/combined-history.ts), which the assessment then says.
// Pure: no I/O.
import type { HistoryEntry, Reason } from './assessment.ts';
import { blYearOf, Combiner, normalizeKey, type CombinedGroup } from './combine.ts';
import { isRealDate } from './dates.ts';

/** What linking needs of a declaration (a HistoryEntry has it all). */
export type CombineKeys = Pick<HistoryEntry, 'ref' | 'consigneeKey' | 'sellerCodeKey' | 'sellerNameKey' | 'purchasedAt' | 'hblNo' | 'arrivalDate' | 'declaredAt' | 'personal'>;

/** The keys reads have asked for: B/Ls, and consignees on dates. */
export interface AskedKeys {
  hblNos: ReadonlySet<string>;
  /** Whether a read asked for the consignee on the date (or on every date). */
  consigneeOn(pccc: string, date: string): boolean;
}

/** A read as the store answers it: the rows of its B/Ls, and of each of its consignees on each of its dates (no dates: on every date). */
export interface AskedRead {
  pcccs: readonly string[];
  hblNos: readonly string[];
  dates?: readonly string[] | null;
}

/**
 * The keys `reads` asked for. Kept read by read: the pairs a read asks for are its consignees times
 * its dates (a batch's first read: ~1,000 × ~36), too many to list each time the trace looks.
 */
export function askedKeys(reads: readonly AskedRead[]): AskedKeys {
  const hblNos = new Set<string>();
  const byRead = reads.map((r) => {
    for (const b of r.hblNos) hblNos.add(b);
    return { pcccs: new Set(r.pcccs), dates: r.dates ? new Set(r.dates) : null };
  });
  return {
    hblNos,
    consigneeOn: (pccc, date) => byRead.some((r) => r.pcccs.has(pccc) && (r.dates === null || r.dates.has(date))),
  };
}

export const consigneeDateKey = (pccc: string, date: string) => `${pccc}|${date}`;

export interface GroupFrontier {
  /** Keys of members of the seeds' groups that no read asked for: the next read. */
  hblNos: string[];
  consigneeDates: { pccc: string; date: string }[];
  /** Indices (in `seeds`) of the seeds whose group has such a member: not complete yet. */
  openSeeds: number[];
  /** For each open seed, how many members on record its group has found so far. */
  openFound: number[];
}

/**
 * The keys of the stored members (`loaded`) of the seeds' groups that no read asked for yet. Only
 * members linked to a seed count (a row read for its consignee and date but from another seller
 * is not followed). Empty lists: every group is complete.
 */
export function historyFrontier(
  seeds: readonly CombineKeys[],
  loaded: readonly CombineKeys[],
  asked: AskedKeys,
  combineByArrivalDate: (declaredAt: string) => boolean,
): GroupFrontier {
  const combiner = new Combiner();
  const seedNode: number[] = seeds.map(() => -1);
  const loadedNodes: CombineKeys[] = [];
  const add = (k: CombineKeys) =>
    combiner.add({
      ref: k.ref,
      consigneeKey: k.consigneeKey,
      sellerCodeKey: k.sellerCodeKey,
      sellerNameKey: k.sellerNameKey,
      purchasedAt: k.purchasedAt,
      hblNo: k.hblNo,
      arrivalDate: k.arrivalDate,
      blYear: blYearOf(k.arrivalDate, k.declaredAt),
      goodsValueCents: 0,
      combineByArrivalDate: combineByArrivalDate(k.declaredAt),
    });
  seeds.forEach((s, i) => {
    if (!s.personal) return;
    seedNode[i] = combiner.size;
    add(s);
  });
  const first = combiner.size;
  for (const h of loaded) {
    if (!h.personal) continue;
    loadedNodes.push(h);
    add(h);
  }
  const out: GroupFrontier = { hblNos: [], consigneeDates: [], openSeeds: [], openFound: [] };
  if (loadedNodes.length === 0) return out;
  const groups = combiner.groups();
  const seedGroups = new Set<CombinedGroup>();
  for (const n of seedNode) if (n >= 0 && groups[n]) seedGroups.add(groups[n]!);
  if (seedGroups.size === 0) return out;
  const open = new Set<CombinedGroup>();
  const hbls = new Set<string>();
  const pairs = new Map<string, { pccc: string; date: string }>();
  loadedNodes.forEach((h, k) => {
    const g = groups[first + k];
    if (!g || !seedGroups.has(g)) return;
    if (h.hblNo && !asked.hblNos.has(h.hblNo)) {
      hbls.add(h.hblNo);
      open.add(g);
    }
    const dates = [(h.sellerCodeKey || h.sellerNameKey) && h.purchasedAt ? h.purchasedAt : null, combineByArrivalDate(h.declaredAt) ? h.arrivalDate : null];
    for (const date of dates) {
      if (!date || asked.consigneeOn(h.consigneeKey, date)) continue;
      pairs.set(consigneeDateKey(h.consigneeKey, date), { pccc: h.consigneeKey, date });
      open.add(g);
    }
  });
  out.hblNos = [...hbls].sort();
  out.consigneeDates = [...pairs.values()];
  seedNode.forEach((n, i) => {
    const g = n >= 0 ? groups[n] : null;
    if (!g || !open.has(g)) return;
    out.openSeeds.push(i);
    out.openFound.push(g.members.filter((m) => m >= first).length);
  });
  return out;
}

/**
 * The keys of a declaration as given (intake reads the history before it validates): null without
 * a PCCC; a date that is not a real date is no key. Valid declarations give the engine's keys.
 */
export function combineKeysOfInput(raw: unknown): CombineKeys | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as {
    ref?: unknown;
    declaredAt?: unknown;
    purpose?: unknown;
    consignee?: { pccc?: unknown };
    parties?: { seller?: { code?: unknown; name?: unknown } };
    order?: { purchasedAt?: unknown };
    shipment?: { hblNo?: unknown; arrivalDate?: unknown };
  };
  const pccc = d.consignee?.pccc;
  if (typeof pccc !== 'string' || pccc.trim() === '') return null;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const date = (x: unknown) => (typeof x === 'string' && isRealDate(x) ? x : null);
  const hbl = str(d.shipment?.hblNo)?.trim().toUpperCase().replace(/[\s-]/g, '');
  const seller = d.parties?.seller;
  return {
    ref: str(d.ref) ?? '',
    consigneeKey: pccc.trim().toUpperCase(),
    sellerCodeKey: normalizeKey(str(seller?.code)),
    sellerNameKey: normalizeKey(str(seller?.name)),
    purchasedAt: date(d.order?.purchasedAt),
    hblNo: hbl ? hbl : null,
    arrivalDate: date(d.shipment?.arrivalDate),
    declaredAt: date(d.declaredAt) ?? '',
    personal: d.purpose !== 'business',
  };
}

export const COMBINED_HISTORY_CAPPED_LAW = '수입통관 사무처리에 관한 고시 제68조';

/**
 * The reason of an assessment whose group was traced only up to the cap: the members found are
 * summed; members linked further are not, and customs may still combine them.
 */
export function historyCappedReason(found: number): Reason {
  return {
    code: 'COMBINED_HISTORY_CAPPED',
    ko:
      `합산과세: 이 신고와 합산 사유(같은 B/L, 같은 판매자·같은 구매일)로 이어진 신고를 이력에서 ${found}건까지 찾아 합산했으나, ` +
      `더 이어진 신고가 있어 합산액에 넣지 못했습니다(수입통관 사무처리에 관한 고시 제68조). ` +
      `다음 할 일: 세관 심사에서 더 합산되면 면세가 배제되고 세금이 생길 수 있으니, 같은 B/L이나 같은 판매자에게서 같은 날 구매한 다른 주문이 있으면 함께 신고하세요.`,
    en:
      `Combined taxation: ${found} declaration(s) on record linked to this one (same B/L, or same seller and purchase date) were found and summed, ` +
      `but more are linked beyond them and were not summed (KCS Notice on Import Clearance Art. 68). ` +
      `Next: customs may still combine them, which can remove the exemption and make taxes due; declare other orders on the same B/L, or from the same seller on the same day, together.`,
    ref: COMBINED_HISTORY_CAPPED_LAW,
  };
}
