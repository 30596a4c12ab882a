// The learned risk models on the platform (issue 5): administrators upload a model file (the JSON
// `tonggwan risk train` writes), list the stored models with what they say about their training
// and validation, and activate one. The scoring worker scores with the active model (each score
// records its version); activating another model queues the open declarations for rescoring.
// Uploads and activations are written to the audit log.
import { RISK_CATEGORICAL_FEATURES, RISK_NUMERIC_FEATURES } from '../domain/risk/features.ts';
import { checkRiskModel, RISK_MODEL_FORMAT, RISK_MODEL_FORMAT_VERSION, riskModelMetrics, serializeRiskModel, type RiskModel } from '../domain/risk/model.ts';
import { failure, ok, type AppError, type Result } from './errors.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { StoredModel } from './ports/risk-store.ts';
import type { RiskDeps } from './risk-deps.ts';

/** The checks' English messages (src/domain/risk/model.ts, unusable below) in Korean; a deep structural fault keeps its English text as the technical detail. */
function koreanOf(message: string): string {
  let m: RegExpExecArray | null;
  if (message === `not a ${RISK_MODEL_FORMAT} file`) return `tonggwan risk train이 만든 모델 파일(format: ${RISK_MODEL_FORMAT})이 아닙니다`;
  if ((m = /^unsupported formatVersion (.*)$/.exec(message))) return `지원하지 않는 formatVersion(${m[1]})입니다. ${RISK_MODEL_FORMAT_VERSION}만 읽습니다`;
  if ((m = /^version (.*) does not match the content/.exec(message))) return `버전(${m[1]})이 파일 내용과 맞지 않습니다. 학습 뒤에 파일을 고쳤다면 다시 학습해 만드세요`;
  if (message === 'malformed model: kind, learner or spec missing') return '모델 구조가 올바르지 않습니다: kind, learner 또는 spec이 없습니다';
  if (message.startsWith('malformed model: revenueTarget')) return 'revenueTarget은 "krw" 또는 "log1p"여야 합니다';
  if ((m = /^columns? (.*) (?:is|are) not among the platform's risk features$/.exec(message))) return `플랫폼이 계산하지 않는 위험 특성 열을 씁니다: ${m[1]}`;
  if (message.startsWith('malformed model: ')) return `모델 내부 구조가 올바르지 않습니다(기술 정보: ${message.slice('malformed model: '.length)})`;
  return `기술 정보: ${message}`;
}

/** An uploaded file that is not a usable model. */
export function modelInvalid(message: string): AppError {
  return failure('RISK_MODEL_INVALID', { message }, { ko: `위험 모델 파일이 올바르지 않습니다: ${koreanOf(message)}.`, en: `The risk model file is invalid: ${message}` });
}

/** What the platform computes for each declaration: a model reading other columns would score on missing values. */
const PLATFORM_COLUMNS = new Set<string>([...RISK_NUMERIC_FEATURES, ...RISK_CATEGORICAL_FEATURES, 'description', 'signals']);

function unusable(model: RiskModel): string | null {
  const spec = model.spec;
  const used = [...spec.numeric, ...spec.categorical, ...(model.kind === 'rules' ? [spec.signals, spec.text].filter((c): c is string => Boolean(c)) : [])];
  const unknown = used.filter((c) => !PLATFORM_COLUMNS.has(c));
  return unknown.length ? `column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not among the platform's risk features` : null;
}

export async function listRiskModels(deps: RiskDeps): Promise<{ activeModelVersion: string | null; models: StoredModel[] }> {
  const models = await deps.risk.listModels();
  return { activeModelVersion: models.find((m) => m.active)?.version ?? null, models };
}

/**
 * `file`: the model file as uploaded, or `{ model: file, metrics: … }` to store an evaluation
 * (e.g. the JSON of `tonggwan risk eval`) with it. The same version again is not stored twice.
 */
export async function uploadRiskModel(
  deps: RiskDeps,
  officer: OfficerPrincipal,
  input: { body: unknown; activate: boolean },
): Promise<Result<{ model: StoredModel; created: boolean; activated: boolean }>> {
  const body = input.body as { model?: unknown; metrics?: unknown; format?: unknown } | null;
  const wrapped = Boolean(body && typeof body === 'object' && body.format === undefined && body.model !== undefined);
  const checked = checkRiskModel(wrapped ? body!.model : body);
  if (!checked.ok) return { ok: false, error: modelInvalid(checked.message) };
  const model = checked.model;
  const problem = unusable(model);
  if (problem) return { ok: false, error: modelInvalid(problem) };
  const modelJson = serializeRiskModel(model);
  const saved = await deps.risk.saveModel({
    version: model.version,
    kind: model.kind,
    modelJson,
    training: model.training,
    metrics: riskModelMetrics(model, wrapped ? (body!.metrics ?? null) : null),
    activatedBy: officer.username,
    activate: false,
  });
  await deps.risk.auditLog({
    actorKind: 'officer',
    actorId: officer.userId,
    action: 'risk-model.upload',
    subject: `risk-model:${model.version}`,
    detail: { kind: model.kind, bytes: Buffer.byteLength(modelJson), created: saved.created, training: model.training },
  });
  let activated = false;
  if (input.activate) {
    const r = await activateRiskModel(deps, officer, model.version);
    if (!r.ok) return r;
    activated = true;
  }
  const stored = (await deps.risk.listModels()).find((m) => m.version === model.version)!;
  return ok({ model: stored, created: saved.created, activated });
}

/** null: no stored model has this version. */
export async function activateRiskModel(deps: RiskDeps, officer: OfficerPrincipal, version: string): Promise<Result<{ version: string; previous: string | null; queuedForRescoring: number } | null>> {
  const r = await deps.risk.activateModel(version, officer.username);
  if (!r) return ok(null);
  if (r.previous !== version) {
    await deps.risk.auditLog({ actorKind: 'officer', actorId: officer.userId, action: 'risk-model.activate', subject: `risk-model:${version}`, detail: { previous: r.previous, queuedForRescoring: r.queued } });
    deps.nudgeScoring?.();
  }
  return ok({ version, previous: r.previous, queuedForRescoring: r.queued });
}
