// Combined taxation (합산과세, 수입통관 사무처리에 관한 고시 제68조): declarations are taxed
// together when (1) one B/L or AWB was split into several declarations, or (3) the same
// consignee bought from the same overseas supplier on the same date and the goods were
// split into several parcels. The old ground (2), same arrival date, was deleted for
// declarations from 2022-11-17; it is applied only where the thresholds in force say so.
// Groups are transitive (union-find), so the result does not depend on input order.
import type { HistoryEntry } from './assessment.ts';

export interface CombineNode {
  ref: string;
  consigneeKey: string;
  sellerKey: string | null;
  purchasedAt: string | null;
  hblNo: string | null;
  arrivalDate: string | null;
  goodsValueCents: number;
  combineByArrivalDate: boolean;
}

export type CombineGround = 'bl' | 'supplier-date' | 'arrival-date';

export interface CombinedGroup {
  members: number[]; // node indices
  totalCents: number;
  grounds: Set<CombineGround>;
}

export function normalizeKey(s: string | undefined | null): string | null {
  if (!s) return null;
  const k = s.toLowerCase().replace(/[^0-9a-z가-힣]/g, '');
  return k || null;
}

export function historyNode(h: HistoryEntry, combineByArrivalDate: boolean): CombineNode {
  return {
    ref: h.ref,
    consigneeKey: h.consigneeKey,
    sellerKey: h.sellerKey,
    purchasedAt: h.purchasedAt,
    hblNo: h.hblNo,
    arrivalDate: h.arrivalDate,
    goodsValueCents: Math.round(h.goodsValueUsd * 100),
    combineByArrivalDate,
  };
}

/** For each node, its group (null when it stands alone). */
export function groupForCombination(nodes: CombineNode[]): (CombinedGroup | null)[] {
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const groundsOf = new Map<number, Set<CombineGround>>();
  const firstByKey = new Map<string, number>();
  const link = (key: string, i: number, ground: CombineGround) => {
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, i);
      return;
    }
    const a = find(first);
    const b = find(i);
    const grounds = new Set([...(groundsOf.get(a) ?? []), ...(groundsOf.get(b) ?? []), ground]);
    if (a !== b) parent[b] = a;
    groundsOf.set(a, grounds);
  };
  nodes.forEach((n, i) => {
    if (n.hblNo) link(`B|${n.hblNo}`, i, 'bl');
    if (n.sellerKey && n.purchasedAt) link(`S|${n.consigneeKey}|${n.sellerKey}|${n.purchasedAt}`, i, 'supplier-date');
    if (n.combineByArrivalDate && n.arrivalDate) link(`A|${n.consigneeKey}|${n.arrivalDate}`, i, 'arrival-date');
  });
  const groups = new Map<number, CombinedGroup>();
  nodes.forEach((n, i) => {
    const root = find(i);
    const g = groups.get(root) ?? { members: [], totalCents: 0, grounds: new Set<CombineGround>() };
    g.members.push(i);
    g.totalCents += n.goodsValueCents;
    groups.set(root, g);
  });
  for (const [root, g] of groups) for (const ground of groundsOf.get(root) ?? []) g.grounds.add(ground);
  return nodes.map((_, i) => {
    const g = groups.get(find(i))!;
    return g.members.length > 1 ? g : null;
  });
}
