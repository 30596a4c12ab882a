// The hand-over from intake to the scoring worker: kept only while a model is active, bounded
// (the oldest are kept, since the worker claims in id order), taken once.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KnownDeclaration, RiskStore } from '../app/ports/risk-store.ts';
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
    scoreNext: async (_m: string, _r: string | null, limit: number, _compute: unknown, known?: (id: number) => KnownDeclaration | undefined) => {
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
