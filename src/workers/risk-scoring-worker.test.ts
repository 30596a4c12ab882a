// The hand-over from intake to the scoring worker: kept only while a model is active, bounded
// (the oldest are kept, since the worker claims in id order), taken once. The rule set a batch is
// scored with: the newest published, read again when the store refuses a batch that read it before
// a publication.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KnownDeclaration, RiskStore, ScoringVersions, StoredRuleSet } from '../app/ports/risk-store.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import { startRiskScoringWorker } from './risk-scoring-worker.ts';

const modelsDir = path.resolve(import.meta.dirname, '../../data/models');
const modelFile = fs.readdirSync(modelsDir).find((f) => f.startsWith('risk-gbdt-'))!;
const modelText = fs.readFileSync(path.join(modelsDir, modelFile), 'utf8');
const modelVersion = (JSON.parse(modelText) as { version: string }).version;

/** A queue of ids; each claim asks the worker for what intake handed over and records the answer. */
function fakeStore(active: { model: string | null }) {
  const queue: number[] = [];
  const answers = new Map<number, KnownDeclaration | undefined>();
  const store = {
    activeVersions: async () => ({ model: active.model, ruleSet: null }),
    modelJson: async () => modelText,
    scoreNext: async (_v: ScoringVersions, limit: number, _compute: unknown, known?: (id: number) => KnownDeclaration | undefined) => {
      const ids = queue.splice(0, limit);
      for (const id of ids) answers.set(id, known?.(id));
      return ids;
    },
  } as unknown as RiskStore;
  return { store, answers, queue };
}

const handed = (id: number): { id: number } & KnownDeclaration => ({
  id,
  version: 1,
  declaration: { ref: `R${id}` } as unknown as Declaration,
  assessment: { goodsValueUsd: 10, lines: [], deMinimis: { thresholdUsd: 150, exempt: true }, signals: [], taxes: null, route: 'list', reasons: [{ code: 'X', ko: '…', en: '…', ref: '' }] } as never,
});

describe('scoring worker hand-over', () => {
  it('keeps what intake committed for the first scoring, once, without the reasons', async () => {
    const { store, answers, queue } = fakeStore({ model: modelVersion });
    const worker = startRiskScoringWorker({ store, policy: {} as never, reference: () => ({}) as never, pollMs: 1000 }, false);
    await worker.drain(); // reads the active model
    worker.accepted([handed(1), handed(2)]);
    queue.push(1, 2, 3);
    await worker.drain();
    expect(answers.get(1)?.declaration).toEqual({ ref: 'R1' });
    expect(answers.get(1)?.assessment).toEqual({ goodsValueUsd: 10, lines: [], deMinimis: { thresholdUsd: 150, exempt: true }, signals: [], taxes: null, route: 'list' });
    expect(answers.get(2)?.version).toBe(1);
    expect(answers.get(3)).toBeUndefined(); // not handed over: read back by the store
    queue.push(1); // claimed again (a batch that rolled back): read back, it was taken once
    await worker.drain();
    expect(answers.get(1)).toBeUndefined();
    await worker.stop();
  });

  it('is bounded: when full, the newer declarations are left to be read back', async () => {
    const { store, answers, queue } = fakeStore({ model: modelVersion });
    const worker = startRiskScoringWorker({ store, policy: {} as never, reference: () => ({}) as never, pollMs: 1000, handoffLimit: 2 }, false);
    await worker.drain();
    worker.accepted([handed(1), handed(2), handed(3)]);
    queue.push(1, 2, 3);
    await worker.drain();
    expect([1, 2, 3].map((id) => answers.get(id) !== undefined)).toEqual([true, true, false]);
    await worker.stop();
  });

  it('keeps nothing while no model is active (nothing would claim it)', async () => {
    const active = { model: null as string | null };
    const { store, answers, queue } = fakeStore(active);
    const worker = startRiskScoringWorker({ store, policy: {} as never, reference: () => ({}) as never, pollMs: 1000 }, false);
    await worker.drain();
    worker.accepted([handed(1)]);
    active.model = modelVersion;
    queue.push(1);
    await worker.drain();
    expect(answers.has(1)).toBe(true);
    expect(answers.get(1)).toBeUndefined();
    await worker.stop();
  });
});

/**
 * Rule sets published one after the other; the store refuses a batch whose newest rule set is not
 * the newest published (as PgRiskStore.scoreNext does under its lock) and records the versions of
 * each batch it takes.
 */
function rulesStore(sets: StoredRuleSet[]) {
  const taken: ScoringVersions[] = [];
  const refused: ScoringVersions[] = [];
  const queue: number[] = [];
  const newest = () => sets.at(-1)?.version ?? null;
  let publishBeforeNextClaim: StoredRuleSet | null = null;
  const store = {
    activeVersions: async () => ({ model: modelVersion, ruleSet: newest() }),
    modelJson: async () => modelText,
    latestRuleSet: async () => sets.at(-1) ?? null,
    scoreNext: async (v: ScoringVersions, limit: number) => {
      if (publishBeforeNextClaim) sets.push(publishBeforeNextClaim), (publishBeforeNextClaim = null);
      if (v.newestRuleSet !== newest()) return refused.push(v), null;
      taken.push(v);
      return queue.splice(0, limit);
    },
  } as unknown as RiskStore;
  return { store, taken, refused, queue, publishMeanwhile: (s: StoredRuleSet) => (publishBeforeNextClaim = s) };
}
const ruleSet = (version: string, rules: unknown = { version, signals: [], keywords: [] }): StoredRuleSet => ({ version, rules, publishedBy: 'admin', publishedAt: '2026-12-05T00:00:00Z', note: '' });

describe('scoring worker rule sets', () => {
  it('a batch that read the rules before a publication is refused; the worker reads them again and scores with the new version', async () => {
    const s = rulesStore([ruleSet('r1')]);
    const worker = startRiskScoringWorker({ store: s.store, policy: {} as never, reference: () => ({}) as never, pollMs: 1000 }, false);
    s.queue.push(1);
    s.publishMeanwhile(ruleSet('r2')); // published after the worker read r1, before its claim
    expect(await worker.drain()).toBe(1);
    expect(s.refused).toEqual([{ model: modelVersion, ruleSet: 'r1', newestRuleSet: 'r1' }]);
    expect(s.taken[0]).toEqual({ model: modelVersion, ruleSet: 'r2', newestRuleSet: 'r2' });
    await worker.stop();
  });

  it('a newest set it cannot read (checked when published, so one an older release accepted) does not stop scoring: the rules it had, said once', async () => {
    const s = rulesStore([ruleSet('r1')]);
    const errors: string[] = [];
    const worker = startRiskScoringWorker({ store: s.store, policy: {} as never, reference: () => ({}) as never, pollMs: 1000, onError: (e) => errors.push((e as Error).message) }, false);
    s.queue.push(1);
    expect(await worker.drain()).toBe(1);
    s.publishMeanwhile(ruleSet('r2', { version: 'r2', signals: 'not a list', keywords: [] }));
    s.queue.push(2);
    expect(await worker.drain()).toBe(1);
    s.queue.push(3);
    expect(await worker.drain()).toBe(1);
    // Each drain claims its batch, then finds the queue empty. The one refusal: the batch that read r1
    // as the newest; then r1 is applied (and recorded), r2 known to be the newest.
    expect(s.refused).toEqual([{ model: modelVersion, ruleSet: 'r1', newestRuleSet: 'r1' }]);
    expect(s.taken.map((v) => `${v.ruleSet}/${v.newestRuleSet}`)).toEqual(['r1/r1', 'r1/r1', 'r1/r2', 'r1/r2', 'r1/r2', 'r1/r2']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^risk rule set r2 cannot be read \(.+\); scoring with r1$/);
    await worker.stop();
  });
});
