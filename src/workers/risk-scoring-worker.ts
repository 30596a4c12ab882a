// In-process risk-scoring worker: scores every declaration that has no score for the active
// model, in id order, in batches claimed with FOR UPDATE SKIP LOCKED (several workers or
// processes can run side by side). Each batch reads the parties' history from the profile
// tables, scores with the learned model, adds the officers' published rules and the PCCC-misuse,
// split-shipment and order-data detectors, and writes the scores and profile updates in the
// same transaction. The model and the rule set are re-read when the active version changes.
import type { RiskStore } from '../app/ports/risk-store.ts';
import { parseRiskModel, type RiskModel } from '../domain/risk/model.ts';
import { parsePlatformRuleSet, type PlatformRuleSet, type RiskPolicy } from '../domain/risk/platform-risk.ts';
import { scoreBatch } from '../domain/risk/score-batch.ts';

export interface RiskWorkerOptions {
  store: RiskStore;
  policy: RiskPolicy;
  pollMs: number;
  batchSize?: number;
  /** Model scores from which factors are computed at scoring time (others: when opened). Default 0.5. */
  explainAbove?: number;
  /** A full rescan from the first id this often (catches intake transactions that committed late). */
  rescanMs?: number;
  onError?: (e: unknown) => void;
  onBatch?: (info: { scored: number; ms: number }) => void;
}

export interface RiskWorker {
  stop(): Promise<void>;
  nudge(): void;
  /** Scores until nothing is left (tests, benches); returns the number scored. */
  drain(): Promise<number>;
}

export function startRiskScoringWorker(o: RiskWorkerOptions, autoStart = true): RiskWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let model: RiskModel | null = null;
  let rules: { version: string; set: PlatformRuleSet } | null = null;
  let floor = 0;
  let lastRescan = Date.now();
  const batchSize = o.batchSize ?? 500;
  let busy: Promise<number> = Promise.resolve(0);

  async function refresh(): Promise<boolean> {
    const version = await o.store.activeModelVersion();
    if (!version) {
      model = null;
      return false;
    }
    if (model?.version !== version) {
      const text = await o.store.activeModelJson();
      const parsed = text ? parseRiskModel(text) : null;
      if (!parsed?.ok) throw new Error(`active risk model ${version}: ${parsed ? parsed.message : 'missing'}`);
      model = parsed.model;
      floor = 0;
    }
    const latest = await o.store.latestRuleSet();
    if (latest && rules?.version !== latest.version) {
      const parsed = parsePlatformRuleSet(latest.rules);
      if (parsed.ok) rules = { version: latest.version, set: { ...parsed.rules, version: latest.version } };
    }
    return true;
  }

  async function once(): Promise<number> {
    if (!(await refresh()) || !model) return 0;
    const m = model;
    const r = rules ?? { version: null, set: { version: 'none', signals: [], keywords: [], routes: [], valuePerKg: [], watchlists: [] } };
    const t0 = performance.now();
    const ids = await o.store.scoreNext(m.version, r.version, batchSize, floor, (inputs, book, facts) => scoreBatch(m, r.set, o.policy, book, inputs, facts, { explainAbove: o.explainAbove ?? 0.5 }));
    if (ids.length > 0) {
      floor = Math.min(...ids);
      o.onBatch?.({ scored: ids.length, ms: performance.now() - t0 });
    } else if (Date.now() - lastRescan > (o.rescanMs ?? 60_000)) {
      floor = 0;
      lastRescan = Date.now();
    }
    return ids.length;
  }

  const run = () => {
    const next = busy.then(once, once);
    busy = next.catch(() => 0);
    return next;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  const loop = autoStart
    ? (async () => {
        while (!stopped) {
          let n = 0;
          try {
            n = await run();
          } catch (e) {
            if (!stopped) o.onError?.(e);
          }
          if (!stopped && n < batchSize) await sleep(o.pollMs);
        }
      })()
    : Promise.resolve();
  return {
    nudge() {
      if (timer) clearTimeout(timer);
      wake?.();
    },
    async drain() {
      floor = 0;
      let total = 0;
      for (;;) {
        const n = await run();
        total += n;
        if (n === 0) return total;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
      await busy;
    },
  };
}
