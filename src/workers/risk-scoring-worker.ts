// In-process risk-scoring worker: scores the declarations queued in risk_pending (written in the
// transaction that stored, amended or matched them: migrations/031_risk_queue.sql), first
// scorings before rescorings, in id order, in batches claimed with FOR UPDATE SKIP LOCKED
// (several workers or processes can run side by side). There is no cursor and no rescan: an
// intake transaction that commits late has its queue rows appear when it commits. Each batch
// reads the parties' history from the profile tables, scores with the learned model, adds the
// officers' published rules and the PCCC-misuse, split-shipment and order-data detectors, and
// writes the scores and profile updates in the transaction that removes it from the queue. The
// model and the rule set are re-read when the active version changes.
import type { KnownDeclaration, RiskStore, ScoringHandoff } from '../app/ports/risk-store.ts';
import { parseRiskModel, type RiskModel } from '../domain/risk/model.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { parsePlatformRuleSet, type PlatformRuleSet, type RiskPolicy } from '../domain/risk/platform-risk.ts';
import { scoreBatch } from '../domain/risk/score-batch.ts';

export interface RiskWorkerOptions {
  store: RiskStore;
  policy: RiskPolicy;
  /** The compiled reference data as it stands (reloaded after an upload): the revenue ceiling's legal figures on each declaration's date. */
  reference: () => Reference;
  pollMs: number;
  batchSize?: number;
  /** Model scores from which factors are computed at scoring time (others: when opened). Default 0.5. */
  explainAbove?: number;
  /** Declarations handed over by intake kept for the first scoring (default RISK_HANDOFF_DEFAULT; 0: none). */
  handoffLimit?: number;
  onError?: (e: unknown) => void;
  onBatch?: (info: { scored: number; ms: number }) => void;
}

export interface RiskWorker extends ScoringHandoff {
  stop(): Promise<void>;
  nudge(): void;
  /** Scores until nothing is left (tests, benches); returns the number scored. */
  drain(): Promise<number>;
}

/**
 * Kept for the worker at most: about 2.7 KB of heap each (measured: the parsed declaration and
 * the assessment's risk part), ~135 MB when full. Held only while the worker lags behind intake;
 * one that lags reads each declaration back from the database instead, which costs more than
 * scoring it (bench:risk:intake, 50,000 declarations: scoring added 36-43 % with 10,000, 26-31 %
 * with 60,000).
 */
export const RISK_HANDOFF_DEFAULT = 50_000;

/**
 * What intake committed, kept until the worker claims it so the first scoring need not read the
 * declaration and its assessment back from the database. Bounded: when full, newer declarations
 * are read back instead (the worker claims in id order, so it keeps the oldest); entries another
 * process's worker scored expire.
 */
function createHandoff(limit: number, ttlMs = 60_000) {
  const held = new Map<number, KnownDeclaration & { at: number }>();
  const expire = (now: number) => {
    for (const [id, k] of held) {
      if (now - k.at < ttlMs) break;
      held.delete(id);
    }
  };
  return {
    offer(declarations: readonly ({ id: number } & KnownDeclaration)[]) {
      const at = performance.now();
      expire(at);
      for (const d of declarations) {
        if (held.size >= limit) break;
        held.set(d.id, { version: d.version, declaration: d.declaration, assessment: riskPartOf(d.assessment), at });
      }
    },
    take(id: number): KnownDeclaration | undefined {
      const k = held.get(id);
      if (k) held.delete(id);
      return k;
    },
    clear: () => held.clear(),
  };
}

/** Only what the features read (RiskAssessment): the reasons' texts are not kept alive. */
function riskPartOf(a: KnownDeclaration['assessment']): KnownDeclaration['assessment'] {
  return { goodsValueUsd: a.goodsValueUsd, lines: a.lines, deMinimis: a.deMinimis, signals: a.signals, taxes: a.taxes, route: a.route };
}

/** Parsed models by version (a version names its content: parsing and checking 1.4 MB once per process is enough). */
const parsedModels = new Map<string, RiskModel>();

async function loadModel(store: RiskStore, version: string): Promise<RiskModel> {
  const cached = parsedModels.get(version);
  if (cached) return cached;
  const text = await store.modelJson(version);
  const parsed = text ? parseRiskModel(text) : null;
  if (!parsed?.ok) throw new Error(`active risk model ${version}: ${parsed ? parsed.message : 'missing'}`);
  if (parsed.model.version !== version) throw new Error(`risk model stored as ${version} is ${parsed.model.version}`);
  parsedModels.set(version, parsed.model);
  return parsed.model;
}

export function startRiskScoringWorker(o: RiskWorkerOptions, autoStart = true): RiskWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let model: RiskModel | null = null;
  let rules: { version: string; set: PlatformRuleSet } | null = null;
  /** The newest published rule set at the last refresh (null: none); `rules` unless that one could not be read. */
  let newestRuleSet: string | null = null;
  const batchSize = o.batchSize ?? 1000;
  let busy: Promise<number> = Promise.resolve(0);
  const handoff = createHandoff(o.handoffLimit ?? RISK_HANDOFF_DEFAULT);

  /** One query per batch for the active versions; the model file and the rule set are read when they change. */
  async function refresh(): Promise<boolean> {
    const active = await o.store.activeVersions();
    if (!active.model) {
      model = null;
      handoff.clear();
      return false;
    }
    if (model?.version !== active.model) model = await loadModel(o.store, active.model);
    if (active.ruleSet && rules?.version !== active.ruleSet && newestRuleSet !== active.ruleSet) {
      const latest = await o.store.latestRuleSet();
      const parsed = latest ? parsePlatformRuleSet(latest.rules) : null;
      if (latest && parsed?.ok) rules = { version: latest.version, set: { ...parsed.rules, version: latest.version } };
      // Checked when published, so only a set an older release accepted: scoring goes on with the
      // rules it had (each score records them), and says so once.
      else if (latest && parsed && !parsed.ok) o.onError?.(new Error(`risk rule set ${latest.version} cannot be read (${parsed.en}); scoring with ${rules?.version ?? 'no rules'}`));
    }
    newestRuleSet = active.ruleSet;
    return true;
  }

  async function once(): Promise<number> {
    // Twice at most: when another model became active or a rule set was published since refresh(), the store refuses the batch.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!(await refresh()) || !model) return 0;
      const m = model;
      const r = rules ?? { version: null, set: { version: 'none', signals: [], keywords: [], routes: [], valuePerKg: [], watchlists: [] } };
      const t0 = performance.now();
      const explainAbove = o.explainAbove ?? 0.5;
      const reference = o.reference();
      const ids = await o.store.scoreNext({ model: m.version, ruleSet: r.version, newestRuleSet }, batchSize, (b) => scoreBatch(m, r.set, o.policy, reference, b.book, b.inputs, b.facts, { explainAbove, record: b.record }), handoff.take);
      if (ids === null) continue;
      if (ids.length > 0) o.onBatch?.({ scored: ids.length, ms: performance.now() - t0 });
      return ids.length;
    }
    return 0;
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
    accepted(declarations) {
      // Nothing is kept while no model is active: nothing would claim it.
      if (!stopped && model) handoff.offer(declarations);
    },
    nudge() {
      if (timer) clearTimeout(timer);
      wake?.();
    },
    async drain() {
      let total = 0;
      for (;;) {
        const n = await run();
        total += n;
        if (n === 0) return total;
      }
    },
    async stop() {
      stopped = true;
      handoff.clear();
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
      await busy;
    },
  };
}
