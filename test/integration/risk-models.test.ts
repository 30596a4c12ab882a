// The learned models on the platform (issue 5): list with their figures, upload (administrators;
// checked, stored once per version, audited), activate (the open declarations are rescored with
// the new model and every score records its version), and the OpenAPI document.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withVersion, type RiskModel } from '../../src/domain/risk/model.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { DATA_DIR } from '../support/reference.ts';

let t: TestPlatform;
let operator: { key: string };
let officer: { token: string };
let admin: { token: string };
const shippedFile = fs.readdirSync(path.join(DATA_DIR, 'models')).find((f) => /^risk-gbdt-[0-9a-f]{16}\.json$/.test(f))!;
const shipped = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'models', shippedFile), 'utf8')) as RiskModel;
/** Another valid model: the same trees under other training metadata, hence another content-derived version. */
const retrained = withVersion({ ...shipped, training: { ...shipped.training, seed: shipped.training.seed + 1000 } });

beforeAll(async () => {
  t = await startTestPlatform();
  operator = await t.operator('MODELS');
  officer = await t.officer('model-officer');
  admin = await t.officer('model-admin', 'admin');
});
afterAll(async () => t?.close());

async function scoreOf(id: number, version: string, timeoutMs = 20_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token });
    if (r.body.score?.modelVersion === version) return r.body.score;
    if (Date.now() > until) throw new Error(`declaration ${id} not scored with ${version}: ${JSON.stringify(r.body.score?.modelVersion)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const audit = async (action: string) => (await t.db.pool.query(`SELECT actor_kind, actor_id, subject, detail FROM audit_log WHERE action = $1 ORDER BY id`, [action])).rows;

describe('risk models', () => {
  it('lists the stored models with their training and validation figures', async () => {
    const r = await api(t.base, 'GET', '/api/v1/officer/risk/models', { token: officer.token });
    expect(r.status).toBe(200);
    expect(r.body.activeModelVersion).toBe(shipped.version);
    const m = r.body.models.find((x: { version: string }) => x.version === shipped.version);
    expect(m).toMatchObject({ kind: 'gbdt', active: true, training: shipped.training });
    expect(m.metrics.validation).toMatchObject({ metric: 'logloss', rounds: expect.any(Number) });
    expect(m.metrics.columns.numeric).toBe(shipped.spec.numeric.length);
    expect(m.bytes).toBeGreaterThan(100_000);
  });

  it('refuses uploads from officers who are not administrators, and files that are not usable models (400, with the reason)', async () => {
    expect((await api(t.base, 'POST', '/api/v1/officer/risk/models', { token: officer.token, body: retrained })).status).toBe(403);
    // the Korean text says what is wrong in Korean (before: '위험 모델 파일이 올바르지 않습니다: not a tonggwan-risk-model file')
    const bad = async (body: unknown, message: RegExp, ko?: string) => {
      const r = await api(t.base, 'POST', '/api/v1/officer/risk/models', { token: admin.token, body });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('RISK_MODEL_INVALID');
      expect(r.body.error.details.message).toMatch(message);
      expect(r.body.error.ko).toContain('위험 모델');
      if (ko) expect(r.body.error.ko).toBe(ko);
    };
    await bad({ format: 'something else' }, /not a tonggwan-risk-model file/, '위험 모델 파일이 올바르지 않습니다: tonggwan risk train이 만든 모델 파일(format: tonggwan-risk-model)이 아닙니다.');
    await bad({ ...retrained, formatVersion: 2 }, /formatVersion/, '위험 모델 파일이 올바르지 않습니다: 지원하지 않는 formatVersion(2)입니다. 1만 읽습니다.');
    await bad({ ...retrained, training: { ...retrained.training, rows: 1 } }, /does not match the content/, `위험 모델 파일이 올바르지 않습니다: 버전(${retrained.version})이 파일 내용과 맞지 않습니다. 학습 뒤에 파일을 고쳤다면 다시 학습해 만드세요.`);
    const learner = retrained.learner as { trees: { left: number[] }[] };
    const looping = withVersion({ ...retrained, learner: { ...learner, trees: [{ ...learner.trees[0]!, left: learner.trees[0]!.left.map(() => 0) }, ...learner.trees.slice(1)] } as RiskModel['learner'] });
    await bad(looping, /child before its parent/);
    await bad(withVersion({ ...retrained, spec: { ...retrained.spec, numeric: [...retrained.spec.numeric.slice(0, -1), 'shoe size'] }, encoder: { ...retrained.encoder!, numeric: [...retrained.spec.numeric.slice(0, -1), 'shoe size'] } }), /"shoe size" is not among the platform's risk features/, '위험 모델 파일이 올바르지 않습니다: 플랫폼이 계산하지 않는 위험 특성 열을 씁니다: "shoe size".');
    expect((await api(t.base, 'GET', '/api/v1/officer/risk/models', { token: officer.token })).body.models).toHaveLength(1);
  });

  it('stores an uploaded model once per version (audited), and activating it rescores the open declarations', async () => {
    const [r] = (await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('MD-1')] } })).body.results;
    const first = await scoreOf(r.declarationId, shipped.version);

    const up = await api(t.base, 'POST', '/api/v1/officer/risk/models', { token: admin.token, body: { model: retrained, metrics: { precisionAt: { '1': 0.9 }, auc: 0.97, n: 100 } } });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ created: true, activated: false, model: { version: retrained.version, active: false, activatedBy: 'model-admin' } });
    expect(up.body.model.metrics.evaluation).toEqual({ precisionAt: { '1': 0.9 }, auc: 0.97, n: 100 });
    const again = await api(t.base, 'POST', '/api/v1/officer/risk/models', { token: admin.token, body: retrained });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const uploads = await audit('risk-model.upload');
    expect(uploads).toHaveLength(2);
    expect(uploads[0]).toMatchObject({ actor_kind: 'officer', subject: `risk-model:${retrained.version}`, detail: { kind: 'gbdt', created: true } });

    expect((await api(t.base, 'POST', `/api/v1/officer/risk/models/${retrained.version}/activate`, { token: officer.token })).status).toBe(403);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/models/gbdt-0000000000000000/activate`, { token: admin.token })).status).toBe(404);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/models/gbdt-0000000000000000/activate`, { token: admin.token })).body.error.code).toBe('RISK_MODEL_NOT_FOUND');
    const act = await api(t.base, 'POST', `/api/v1/officer/risk/models/${retrained.version}/activate`, { token: admin.token });
    expect(act.status).toBe(200);
    expect(act.body).toMatchObject({ version: retrained.version, previous: shipped.version });
    expect(act.body.queuedForRescoring).toBeGreaterThanOrEqual(1);
    expect(await audit('risk-model.activate')).toMatchObject([{ subject: `risk-model:${retrained.version}`, detail: { previous: shipped.version } }]);

    // The open declaration is rescored with the new model (same trees: the same score); its first score stays.
    const rescored = await scoreOf(r.declarationId, retrained.version);
    expect(rescored.score).toBe(first.score);
    const rows = await t.db.pool.query(`SELECT model_version FROM risk_scores WHERE declaration_id = $1 ORDER BY model_version`, [r.declarationId]);
    expect(rows.rows.map((x) => x.model_version).sort()).toEqual([shipped.version, retrained.version].sort());
    // New declarations are scored with it; the parcel was recorded in the profiles once.
    const [n] = (await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('MD-2')] } })).body.results;
    await scoreOf(n.declarationId, retrained.version);
    const consignee = await api(t.base, 'GET', `/api/v1/officer/parties/consignee/P123456789012`, { token: officer.token });
    expect(consignee.body.parcels).toBe(2);

    const list = await api(t.base, 'GET', '/api/v1/officer/risk/models', { token: officer.token });
    expect(list.body.activeModelVersion).toBe(retrained.version);
    expect(list.body.models.filter((m: { active: boolean }) => m.active)).toHaveLength(1);
  });

  it('are in the OpenAPI document', async () => {
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/v1/officer/risk/models'].get).toBeDefined();
    expect(doc.paths['/api/v1/officer/risk/models'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/officer/risk/models/{version}/activate'].post).toBeDefined();
  });
});
