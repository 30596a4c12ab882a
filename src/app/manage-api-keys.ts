// API keys: created (shown once), listed (prefix only), revoked. Audited.
import { fail, ok, type Result } from './errors.ts';
import { API_KEY_PREFIX } from './authenticate-token.ts';
import type { AccessStore, ApiKeyRecord, Clock, OperatorRecord, OperatorRole, Principal, Secrets } from './ports.ts';

type Deps = { access: AccessStore; secrets: Secrets; clock: Clock };

function actorOf(p: Principal | 'system'): { actorKind: string; actorId: number | null } {
  if (p === 'system') return { actorKind: 'system', actorId: null };
  if (p.kind === 'operator') return { actorKind: 'operator', actorId: p.operatorId };
  if (p.kind === 'officer') return { actorKind: 'officer', actorId: p.userId };
  return { actorKind: 'consumer', actorId: null };
}

export async function createApiKey(deps: Deps, by: Principal | 'system', operatorId: number, label: string): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = deps.secrets.randomToken(API_KEY_PREFIX);
  const record = await deps.access.createApiKey({ operatorId, prefix: key.slice(0, 12), keyHash: deps.secrets.sha256(key), label });
  await deps.access.audit({ ...actorOf(by), action: 'api-key.create', subject: `operator:${operatorId}`, detail: { keyId: record.id, prefix: record.prefix, label } });
  return { key, record };
}

export async function revokeApiKey(deps: Deps, by: Principal, operatorId: number, keyId: number): Promise<Result<{ revoked: true }>> {
  // The log names the key as the key lists do (its first characters and label): the key's id alone is shown nowhere.
  const keys = await deps.access.listApiKeys(operatorId);
  const key = keys.find((k) => k.id === keyId);
  // An operator revoking its only working key would lock itself out until an administrator issues one:
  // it creates the new key first (rotation). An administrator revokes a leaked key whatever is left.
  if (by.kind === 'operator' && key && key.revokedAt === null && !keys.some((k) => k.id !== keyId && k.revokedAt === null)) return fail('LAST_API_KEY', { path: 'params.id' });
  const done = await deps.access.revokeApiKey(operatorId, keyId, deps.clock.now());
  if (!done) return fail('API_KEY_NOT_FOUND');
  await deps.access.audit({ ...actorOf(by), action: 'api-key.revoke', subject: `operator:${operatorId}`, detail: { keyId, ...(key ? { prefix: key.prefix, label: key.label } : {}) } });
  return ok({ revoked: true });
}

/** An operator and its first API key (shown once); OPERATOR_CODE_TAKEN when the code is in use. */
export async function registerOperator(
  deps: Deps,
  by: Principal | 'system',
  input: { code: string; name: string; role: OperatorRole },
): Promise<Result<{ operator: OperatorRecord; key: string }>> {
  const operator = await deps.access.createOperator(input);
  if (!operator) return fail('OPERATOR_CODE_TAKEN', { path: 'body.code' }); // where it was sent, as every other error's path
  await deps.access.audit({ ...actorOf(by), action: 'operator.create', subject: `operator:${operator.id}`, detail: input });
  const { key } = await createApiKey(deps, by, operator.id, 'initial');
  return ok({ operator, key });
}

/** The same for set-up code (tests, benches) that knows its code is new: a taken code is a bug there. */
export async function createOperator(deps: Deps, by: Principal | 'system', input: { code: string; name: string; role: OperatorRole }): Promise<{ operator: OperatorRecord; key: string }> {
  const r = await registerOperator(deps, by, input);
  if (!r.ok) throw new Error(`operator ${input.code}: ${r.error.en}`);
  return r.value;
}

/** An administrator's view of an operator's keys (prefix, label, last use; never the key): to find and revoke a leaked one. */
export async function listOperatorKeys(deps: Deps, operatorId: number): Promise<Result<{ operator: OperatorRecord; apiKeys: ApiKeyRecord[] }>> {
  const operator = (await deps.access.listOperators()).find((o) => o.id === operatorId);
  if (!operator) return fail('OPERATOR_NOT_FOUND');
  return ok({ operator, apiKeys: await deps.access.listApiKeys(operatorId) });
}

/** An administrator issues a further key to an operator (shown once, stored as its SHA-256). */
export async function issueOperatorKey(deps: Deps, admin: Principal, operatorId: number, label: string): Promise<Result<{ key: string; record: ApiKeyRecord }>> {
  if (!(await deps.access.listOperators()).some((o) => o.id === operatorId)) return fail('OPERATOR_NOT_FOUND');
  return ok(await createApiKey(deps, admin, operatorId, label));
}

/** An administrator revokes an operator's key: requests with it answer 401 from the next one on. */
export async function revokeOperatorKey(deps: Deps, admin: Principal, operatorId: number, keyId: number): Promise<Result<{ revoked: true }>> {
  if (!(await deps.access.listOperators()).some((o) => o.id === operatorId)) return fail('OPERATOR_NOT_FOUND');
  return revokeApiKey(deps, admin, operatorId, keyId);
}
