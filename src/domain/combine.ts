// Combined taxation (합산과세, 수입통관 사무처리에 관한 고시 제68조): declarations are taxed
// together when (1) one B/L or AWB was split into several declarations, or (3) the same
// consignee bought from the same overseas supplier on the same date and the goods were
// split into several parcels. The old ground (2), same arrival date, was deleted for
// declarations from 2022-11-17; it is applied only where the thresholds in force say so.
// Groups are transitive (union-find), so the result does not depend on input order.
// The supplier (ground 3) is the seller as declared: two declarations share it when both give a
// seller code and the codes are the same, or both give a name and the names are the same (each
// normalized: case, spaces and punctuation aside). A marketplace that gives the seller's code and
// name and a forwarder that gives the name alone declare the same supplier (issue 5).
// A B/L is its number and its year, as UNI-PASS keys it (화물진행정보: hblNo + blYy): forwarders
// reuse house B/L numbers, and a parcel is not one importation with another year's namesake.
import type { HistoryEntry } from './assessment.ts';

export interface CombineNode {
  ref: string;
  consigneeKey: string;
  /** The seller's code, normalized (normalizeKey); null when not given. */
  sellerCodeKey: string | null;
  /** The seller's name, normalized (normalizeKey); null when not given. */
  sellerNameKey: string | null;
  purchasedAt: string | null;
  hblNo: string | null;
  arrivalDate: string | null;
  /** Its B/L year (blYearOf), which the B/L ground joins on with hblNo. */
  blYear: string;
  goodsValueCents: number;
  combineByArrivalDate: boolean;
}

export type CombineGround = 'bl' | 'supplier-date' | 'arrival-date';

export interface CombinedGroup {
  members: number[]; // node indices
  totalCents: number;
  grounds: Set<CombineGround>;
}

const keyCache = new Map<string, string | null>();

export function normalizeKey(s: string | undefined | null): string | null {
  if (!s) return null;
  let k = keyCache.get(s);
  if (k === undefined) {
    k = s.toLowerCase().replace(/[^0-9a-z가-힣]/g, '') || null;
    if (keyCache.size > 50_000) keyCache.clear(); // sellers recur across parcels; keep it bounded
    keyCache.set(s, k);
  }
  return k;
}

/** The year of a declaration's B/L: of its arrival, else of its declaration (as its lookup row stores it, blYear). */
export function blYearOf(arrivalDate: string | null | undefined, declaredAt: string): string {
  return (arrivalDate ?? declaredAt).slice(0, 4);
}

export function historyNode(h: HistoryEntry, combineByArrivalDate: boolean): CombineNode {
  return {
    ref: h.ref,
    consigneeKey: h.consigneeKey,
    sellerCodeKey: h.sellerCodeKey,
    sellerNameKey: h.sellerNameKey,
    purchasedAt: h.purchasedAt,
    hblNo: h.hblNo,
    arrivalDate: h.arrivalDate,
    blYear: blYearOf(h.arrivalDate, h.declaredAt),
    goodsValueCents: Math.round(h.goodsValueUsd * 100),
    combineByArrivalDate,
  };
}

const GROUNDS: readonly CombineGround[] = ['bl', 'supplier-date', 'arrival-date'];

/**
 * The grounds of a group as an ordered set packed in a number, two bits per ground (its index
 * + 1), first ground in the lowest bits: no Set per link. The order is kept because it is
 * the order the reason names the grounds in.
 */
function addGround(packed: number, g: number): number {
  let shift = 0;
  for (let p = packed; p !== 0; p >>>= 2, shift += 2) if ((p & 3) === g + 1) return packed;
  return packed | ((g + 1) << shift);
}

function mergeGrounds(a: number, b: number): number {
  for (let p = b; p !== 0; p >>>= 2) a = addGround(a, (p & 3) - 1);
  return a;
}

/** A consignee's (seller code or name, purchase date) pairs, latest first, each with the first node that had it. */
interface SupplierDate {
  /** A code and a name never match each other: 'C' or 'N' (SELLER_CODE, SELLER_NAME). */
  kind: string;
  seller: string;
  date: string;
  first: number;
  next: SupplierDate | null;
}

const PAIRS_PER_CONSIGNEE = 16; // beyond, a consignee's pairs go by a composite key
const SELLER_CODE = 'C';
const SELLER_NAME = 'N';

/** The years a house B/L number was seen in (forwarders reuse numbers), each with the first node that had it. */
interface BlYear {
  year: string;
  first: number;
  next: BlYear | null;
}

/**
 * Groups nodes as they are added (a batch links its declarations while validating them, so no
 * node has to be kept): union-find over the first node seen for each key of each ground.
 */
export class Combiner {
  private parent: number[] = [];
  private groundsOf: number[] = []; // packed grounds of each root (addGround)
  private cents: number[] = [];
  // One map per ground (index in GROUNDS), so keys need no ground prefix. Supplier and date go
  // by consignee first: a consignee has a few pairs, and a key string per node costs more.
  private byBl = new Map<string, BlYear>(); // by number, then year: no key string per node
  private supplierDates = new Map<string, SupplierDate>();
  private bySupplierDate = new Map<string, number>();
  private byArrivalDate = new Map<string, number>();

  get size(): number {
    return this.parent.length;
  }

  add(node: CombineNode): void {
    const i = this.parent.length;
    this.parent.push(i);
    this.groundsOf.push(0);
    this.cents.push(node.goodsValueCents);
    if (node.hblNo) this.linkBl(node.hblNo, node.blYear, i);
    if (node.purchasedAt) {
      // By its code and by its name: either shared joins (the union-find makes it transitive).
      if (node.sellerCodeKey) this.linkSupplierDate(node.consigneeKey, SELLER_CODE, node.sellerCodeKey, node.purchasedAt, i);
      if (node.sellerNameKey) this.linkSupplierDate(node.consigneeKey, SELLER_NAME, node.sellerNameKey, node.purchasedAt, i);
    }
    if (node.combineByArrivalDate && node.arrivalDate) this.link(this.byArrivalDate, `${node.consigneeKey}|${node.arrivalDate}`, i, 2);
  }

  private linkBl(hblNo: string, year: string, i: number): void {
    const head = this.byBl.get(hblNo);
    for (let e: BlYear | null | undefined = head; e; e = e.next) if (e.year === year) return this.join(e.first, i, 0);
    this.byBl.set(hblNo, { year, first: i, next: head ?? null });
  }

  private linkSupplierDate(consignee: string, kind: string, seller: string, date: string, i: number): void {
    const head = this.supplierDates.get(consignee);
    let pairs = 0;
    for (let e: SupplierDate | null | undefined = head; e; e = e.next, pairs++) {
      if (e.seller === seller && e.date === date && e.kind === kind) return this.join(e.first, i, 1);
    }
    if (pairs < PAIRS_PER_CONSIGNEE) this.supplierDates.set(consignee, { kind, seller, date, first: i, next: head ?? null });
    else this.link(this.bySupplierDate, `${consignee}|${kind}|${seller}|${date}`, i, 1); // the list is full and stays as it is
  }

  private find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  }

  private link(firstByKey: Map<string, number>, key: string, i: number, ground: number): void {
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, i);
    else this.join(first, i, ground);
  }

  private join(first: number, i: number, ground: number): void {
    const a = this.find(first);
    const b = this.find(i);
    const grounds = addGround(mergeGrounds(this.groundsOf[a]!, a === b ? 0 : this.groundsOf[b]!), ground);
    if (a !== b) this.parent[b] = a;
    this.groundsOf[a] = grounds;
  }

  /** For each node, its group (null when it stands alone). */
  groups(): (CombinedGroup | null)[] {
    const n = this.parent.length;
    // Groups only for roots with two or more members: most declarations stand alone.
    const size = new Int32Array(n);
    for (let i = 0; i < n; i++) size[this.find(i)]!++;
    const groups = new Map<number, CombinedGroup>();
    const out: (CombinedGroup | null)[] = [];
    for (let i = 0; i < n; i++) {
      const root = this.find(i);
      if (size[root]! < 2) {
        out.push(null);
        continue;
      }
      let g = groups.get(root);
      if (!g) {
        const grounds = new Set<CombineGround>();
        for (let p = this.groundsOf[root]!; p !== 0; p >>>= 2) grounds.add(GROUNDS[(p & 3) - 1]!);
        g = { members: [], totalCents: 0, grounds };
        groups.set(root, g);
      }
      g.members.push(i);
      g.totalCents += this.cents[i]!;
      out.push(g);
    }
    return out;
  }
}
