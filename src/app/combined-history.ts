// The combined-taxation history traced through the group (src/domain/combined-history.ts: a group
// chains through its members' keys, 고시 제68조 as the engine applies it): a read of the rows sharing
// the declarations' own keys, then, while members of their groups have keys no read asked for,
// reads of those keys (the store runs the rounds in its transaction: HistoryQuery.follow), at most
// FOLLOW_ROUNDS more reads and FOLLOW_ROWS more rows. A group still open at the cap is summed as
// far as it was found, and the assessments of its declarations say so (COMBINED_HISTORY_CAPPED).
import type { Assessment } from '../domain/assessment.ts';
import { askedKeys, historyCappedReason, historyFrontier, type CombineKeys } from '../domain/combined-history.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import type { DeclarationStore, HistoryQuery, StoredHistoryEntry } from './ports.ts';

/** Reads after the first, each one link further from the declarations (a chain of B/L → supplier-date → B/L … pairs). */
export const FOLLOW_ROUNDS = 8;
/** Rows those reads may add (a consolidator's B/L shared by thousands of parcels would otherwise be read whole, again and again). */
export const FOLLOW_ROWS = 500;

/**
 * One traced read (or its retries: a read starts again at its first round). `follow` is given to
 * the store with the query; after the read, `open` holds the refs of the seeds whose group was cut
 * at the cap and `lockKeys` the intake lock keys of what was followed.
 */
export class GroupTrace {
  private readonly seeds: readonly CombineKeys[];
  private readonly arrivalGround: (declaredAt: string) => boolean;
  private firstRows = 0;
  private found = 0;
  private followedKeys = new Set<string>();
  /** Refs of the seeds whose group reached the cap, with how many of its members on record were found. */
  open = new Map<string, number>();

  constructor(seeds: readonly (CombineKeys | null)[], reference: Reference) {
    this.seeds = seeds.filter((s): s is CombineKeys => s !== null);
    this.arrivalGround = (d) => (d ? (reference.asOf(d)?.thresholds.combineBySameArrivalDate ?? false) : false);
  }

  /** Intake's lock keys (`consignee:`, `bl:`) of the keys followed beyond the first read. */
  lockKeys(): string[] {
    return [...this.followedKeys];
  }

  readonly follow = (loaded: readonly StoredHistoryEntry[], asked: readonly HistoryQuery[]): HistoryQuery | null => {
    if (asked.length === 1) {
      this.firstRows = loaded.length;
      this.followedKeys = new Set();
      this.open = new Map();
    }
    if (this.seeds.length === 0 || loaded.length === 0) return null;
    const next = historyFrontier(this.seeds, loaded, askedKeys(asked), this.arrivalGround);
    if (next.openSeeds.length === 0) return null;
    if (asked.length > FOLLOW_ROUNDS || loaded.length - this.firstRows >= FOLLOW_ROWS) {
      next.openSeeds.forEach((i, k) => this.open.set(this.seeds[i]!.ref, next.openFound[k]!));
      return null;
    }
    for (const b of next.hblNos) this.followedKeys.add(`bl:${b}`);
    for (const p of next.consigneeDates) this.followedKeys.add(`consignee:${p.pccc}`);
    return {
      pcccs: [...new Set(next.consigneeDates.map((p) => p.pccc))],
      hblNos: next.hblNos,
      dates: [...new Set(next.consigneeDates.map((p) => p.date))],
    };
  };

  /** The assessment with COMBINED_HISTORY_CAPPED when its group was cut at the cap. */
  mark(a: Assessment): Assessment {
    const found = a.status === 'assessed' ? this.open.get(a.ref) : undefined;
    if (found === undefined || a.combinedWith.length === 0) return a;
    return { ...a, reasons: [...a.reasons, historyCappedReason(found)] };
  }
}

/** The query traced through the groups of `trace`'s seeds. */
export function traced(q: HistoryQuery, trace: GroupTrace): HistoryQuery {
  return { ...q, follow: trace.follow };
}

/**
 * The lock keys and query of a stored declaration's change (correction, withdrawal, decision again)
 * traced through its group: a read without locks finds the keys the group reaches, whose locks
 * are then taken with the declaration's own, in one sorted statement, before the read under them
 * (which traces again: a member added meanwhile through a key not locked is still read, only a
 * concurrent change through such a key is not waited for).
 */
export async function tracedScope(
  store: DeclarationStore,
  reference: Reference,
  scope: { lockKeys: string[]; query: HistoryQuery },
  seeds: readonly (CombineKeys | null)[],
): Promise<{ scope: { lockKeys: string[]; query: HistoryQuery }; trace: GroupTrace }> {
  const pre = new GroupTrace(seeds, reference);
  await store.historyFor(traced(scope.query, pre));
  const trace = new GroupTrace(seeds, reference);
  return { scope: { lockKeys: [...new Set([...scope.lockKeys, ...pre.lockKeys()])], query: traced(scope.query, trace) }, trace };
}
