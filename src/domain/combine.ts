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

/**
 * The first node seen with each key of one ground, a key being up to four strings: an
 * open-addressing hash table whose slots are typed arrays. A Map by key string cost about twice
 * as much per declaration in a batch of 100,000 (a key string or a list object per node, and
 * probes of a table the collector must scan and copy as it grows); here a node adds its strings
 * to four arrays and the slots hold numbers. The hash is FNV-1a over the parts' UTF-16 units,
 * each part ended by 0xFFFF so that "ab"+"c" and "a"+"bc" hash apart; a key matches only when
 * every part is equal, so two keys with one hash cost a comparison, never a wrong link.
 */
class FirstByKey {
  private mask = 15; // slots - 1, a power of two less one; grown at half full (most batches assess one declaration)
  private slots = new Int32Array(16).fill(-1); // entry of each slot, -1 when empty
  private hashes = new Int32Array(16); // the hash of the entry in each slot
  private readonly a: string[] = [];
  private readonly b: string[] = [];
  private readonly c: string[] = [];
  private readonly d: string[] = [];
  private readonly first: number[] = []; // of each entry

  /** The first node with the key (a, b, c, d); when none, node i becomes it and -1 is given. */
  firstOr(a: string, b: string, c: string, d: string, i: number): number {
    const h = mix(mix(mix(mix(0x811c9dc5, a), b), c), d);
    const mask = this.mask;
    let s = h & mask;
    for (let e = this.slots[s]!; e >= 0; e = this.slots[s]!) {
      if (this.hashes[s] === h && this.a[e] === a && this.b[e] === b && this.c[e] === c && this.d[e] === d) return this.first[e]!;
      s = (s + 1) & mask;
    }
    const e = this.first.length;
    this.a.push(a);
    this.b.push(b);
    this.c.push(c);
    this.d.push(d);
    this.first.push(i);
    this.slots[s] = e;
    this.hashes[s] = h;
    if (e * 2 >= mask) this.grow();
    return -1;
  }

  private grow(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    const mask = this.mask * 2 + 1;
    this.mask = mask;
    this.slots = new Int32Array(mask + 1).fill(-1);
    this.hashes = new Int32Array(mask + 1);
    for (let k = 0; k < slots.length; k++) {
      const e = slots[k]!;
      if (e < 0) continue;
      const h = hashes[k]!;
      let s = h & mask;
      while (this.slots[s]! >= 0) s = (s + 1) & mask;
      this.slots[s] = e;
      this.hashes[s] = h;
    }
  }
}

function mix(h: number, s: string): number {
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return Math.imul(h ^ 0xffff, 0x01000193);
}

/** A seller code and a seller name never match each other (the supplier-date key's second part). */
const SELLER_CODE = 'C';
const SELLER_NAME = 'N';

/**
 * Groups nodes as they are added (a batch links its declarations while validating them, so no
 * node has to be kept): union-find over the first node seen for each key of each ground.
 */
export class Combiner {
  private parent: number[] = [];
  private groundsOf: number[] = []; // packed grounds of each root (addGround)
  private cents: number[] = [];
  // One table per ground (index in GROUNDS), so keys need no ground prefix. A B/L is its number
  // and its year; a supplier and date go with the consignee and whether the seller is a code or a name.
  private byBl = new FirstByKey();
  private bySupplierDate = new FirstByKey();
  private byArrivalDate = new FirstByKey();

  get size(): number {
    return this.parent.length;
  }

  add(node: CombineNode): void {
    const i = this.parent.length;
    this.parent.push(i);
    this.groundsOf.push(0);
    this.cents.push(node.goodsValueCents);
    if (node.hblNo) this.link(this.byBl.firstOr(node.hblNo, node.blYear, '', '', i), i, 0);
    if (node.purchasedAt) {
      // By its code and by its name: either shared joins (the union-find makes it transitive).
      if (node.sellerCodeKey) this.link(this.bySupplierDate.firstOr(node.consigneeKey, SELLER_CODE, node.sellerCodeKey, node.purchasedAt, i), i, 1);
      if (node.sellerNameKey) this.link(this.bySupplierDate.firstOr(node.consigneeKey, SELLER_NAME, node.sellerNameKey, node.purchasedAt, i), i, 1);
    }
    if (node.combineByArrivalDate && node.arrivalDate) this.link(this.byArrivalDate.firstOr(node.consigneeKey, node.arrivalDate, '', '', i), i, 2);
  }

  private find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  }

  /** Joins node i with the first node that had its key (none: -1, i was the first). */
  private link(first: number, i: number, ground: number): void {
    if (first >= 0) this.join(first, i, ground);
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
