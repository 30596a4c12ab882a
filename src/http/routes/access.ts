// Officer sign-in (bearer token + HttpOnly cookie), API keys (shown once, revocable),
// operator administration.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { signInOfficer, signInThrottle, signOut, OFFICER_SESSION_HOURS } from '../../app/sign-in-officer.ts';
import { createApiKey, issueOperatorKey, listOperatorKeys, registerOperator, revokeApiKey, revokeOperatorKey } from '../../app/manage-api-keys.ts';
import { readAuditLog } from '../../app/read-audit-log.ts';
import { changeOwnPassword, createStaffAccount, listStaffAccounts, resetStaffPassword, setStaffAccountDisabled } from '../../app/manage-staff-accounts.ts';
import type { OfficerPrincipal, OperatorPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal, servedOverHttps, sessionCookie } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { ApiKeyBody, Id, IdParams, OperatorBody, OwnPasswordBody, SignInBody, StaffUserBody } from '../schemas.ts';
import { described, errorResponses, SignedIn } from '../response-schemas.ts';
import { ApiKeyCreated, ApiKeyList, AuditLog, Me, OperatorCreated, OperatorKeyList, OperatorList, StaffPasswordReset, StaffUser, StaffUserCreated, StaffUserList } from '../officer-response-schemas.ts';

export const accessRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const https = servedOverHttps(deps.options.publicUrl);
  const throttle = signInThrottle(deps.signInThrottle);
  app.post(
    '/api/v1/auth/sign-in',
    {
      config: {
        rateLimit: { max: 30, timeWindow: '1 minute' },
        docResponses: {
          200: described(`Signed in: the bearer token (${OFFICER_SESSION_HOURS} hours), also set as the tg_session cookie (HttpOnly, SameSite=Strict; Secure when PUBLIC_URL is https)`, SignedIn),
          ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED)', 401: 'Wrong username or password; one answer for both (INVALID_CREDENTIALS)', 429: 'More than 30 sign-ins a minute from this address (RATE_LIMITED); 10 failed ones under this username from this address in 15 minutes (SIGN_IN_RATE_LIMITED; known or not); or, from an address this username has not signed in from in 30 days, an attempt too soon after many failures under it from anywhere (SIGN_IN_SLOWED: past 20 in an hour, 1 s doubling to 5 minutes). Retry-After: the seconds to wait' }),
        },
      },
      schema: { tags: ['auth'], summary: 'Officer/admin password sign-in; returns a bearer token and sets the tg_session cookie', security: [], body: SignInBody },
    },
    async (request, reply) => {
      const r = await signInOfficer({ ...deps, throttle }, { ...request.body, address: request.ip });
      if (!r.ok) {
        const wait = (r.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (wait) reply.header('retry-after', String(wait));
        return sendFailure(reply, r.error);
      }
      reply.header('set-cookie', sessionCookie(encodeURIComponent(r.value.token), OFFICER_SESSION_HOURS * 3600, https));
      return r.value;
    },
  );
  app.post(
    '/api/v1/auth/sign-out',
    {
      preHandler: requirePrincipal(['officer', 'consumer']),
      config: { docResponses: { 204: { description: 'Signed out: the token no longer works; the tg_session cookie is cleared' }, ...errorResponses({ 401: 'No or an invalid session', 403: 'An operator API key: revoke it instead (FORBIDDEN)' }) } },
      schema: { tags: ['auth'], summary: 'End the session' },
    },
    async (request, reply) => {
      if (request.presentedToken) await signOut(deps, request.presentedToken);
      reply.header('set-cookie', sessionCookie('', 0, https));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/me',
    {
      preHandler: requirePrincipal(['operator', 'officer', 'consumer']),
      config: { docResponses: { 200: described('The principal of the token, by `kind`', Me), ...errorResponses({ 401: 'No or an invalid token' }) } },
      schema: { tags: ['auth'], summary: 'Who am I' },
    },
    async (request) => {
      const p = request.principal!;
      if (p.kind === 'consumer') return { kind: p.kind, pccc: p.pccc };
      // An operator by its name too, as the console greets it (its code alone read 'MALLTAIL').
      if (p.kind === 'operator') return { ...p, operatorName: (await deps.access.findOperatorByCode(p.operatorCode))?.name ?? p.operatorCode };
      return p;
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      preHandler: requirePrincipal(['officer']),
      // Guessing the current password with a stolen session: the sign-in throttle counts wrong current passwords
      // with failed sign-ins (manage-staff-accounts.ts changeOwnPassword); each is in the audit log
      // (user.password-change-failed), and so is the one that starts a wait (reason throttled).
      config: {
        rateLimit: { max: 30, timeWindow: '1 minute' },
        docResponses: {
          204: { description: 'Changed: the next sign-in takes the new password; the account’s other sessions have ended, this one goes on' },
          ...errorResponses({
            400: 'Bad body (VALIDATION_FAILED); the current password is wrong (CURRENT_PASSWORD_WRONG; details.path: "body.currentPassword"); the new one breaks the rules, 12 to 200 characters, not the username nor the current password (PASSWORD_TOO_WEAK; details.path: "body.newPassword")',
            401: 'No or an invalid session',
            403: 'Not a staff session: an operator key or a consumer (FORBIDDEN)',
            429: 'More than 30 tries a minute from this address (RATE_LIMITED); or too many wrong passwords for this account, counted with its failed sign-ins (PASSWORD_CHANGE_RATE_LIMITED; details.throttle: locked, 10 from this address in 15 minutes, until the window passes; or slowed, past 20 from anywhere in an hour and this address not one the account signed in from in 30 days, 1 s doubling to 5 minutes). Retry-After and the text: the wait. The wrong password after which this session’s own wrong passwords alone would be locked (10 in 15 minutes) or slowed (20 in an hour, whatever the address) also ends this session (details.signedOut: true; the text says to sign in again after the wait, the shared throttle’s if in effect, else the session’s own): its token answers 401 from then on. Others’ failures under the account never end it',
          }),
        },
      },
      schema: { tags: ['auth'], summary: 'Change own password (officers, administrators), proved by the current one', body: OwnPasswordBody },
    },
    async (request, reply) => {
      const r = await changeOwnPassword({ ...deps, throttle }, request.principal as OfficerPrincipal, { ...request.body, sessionToken: request.presentedToken, address: request.ip });
      if (r.ok) return reply.code(204).send();
      const wait = (r.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (wait) reply.header('retry-after', String(wait));
      return sendFailure(reply, r.error);
    },
  );

  const operatorOnly = requirePrincipal(['operator']);
  const asOperator = { 401: 'No or an invalid API key', 403: 'Not an operator (FORBIDDEN)' };
  const asAdmin = { 401: 'No or an invalid session', 403: 'Not an administrator (FORBIDDEN)' };
  app.get('/api/v1/api-keys', { preHandler: operatorOnly, config: { docResponses: { 200: described('Own keys, revoked ones too, oldest first', ApiKeyList), ...errorResponses(asOperator) } }, schema: { tags: ['auth'], summary: 'List own API keys (prefix only)' } }, async (request) => ({
    apiKeys: await deps.access.listApiKeys((request.principal as OperatorPrincipal).operatorId),
  }));
  app.post('/api/v1/api-keys', { preHandler: operatorOnly, config: { docResponses: { 201: described('Created', ApiKeyCreated), ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED)', ...asOperator }) } }, schema: { tags: ['auth'], summary: 'Create an API key (shown once)', body: ApiKeyBody } }, async (request, reply) => {
    const p = request.principal as OperatorPrincipal;
    const { key, record } = await createApiKey(deps, p, p.operatorId, request.body.label ?? '');
    return reply.code(201).send({ ...record, key });
  });
  app.delete('/api/v1/api-keys/:id', {
    preHandler: operatorOnly,
    config: { docResponses: { 204: { description: 'Revoked (also when it was revoked already); requests with it answer 401 from now on' }, ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...asOperator, 404: 'None of own keys has this id (API_KEY_NOT_FOUND)', 409: 'The only key not revoked: create a new one first (LAST_API_KEY, details.path "params.id")' }) } },
    schema: { tags: ['auth'], summary: 'Revoke an API key', params: IdParams } }, async (request, reply) => {
    const p = request.principal as OperatorPrincipal;
    const r = await revokeApiKey(deps, p, p.operatorId, request.params.id);
    return r.ok ? reply.code(204).send() : sendFailure(reply, r.error);
  });

  const adminOnly = requirePrincipal(['officer'], ['admin']);
  app.get('/api/v1/admin/operators', { preHandler: adminOnly, config: { docResponses: { 200: described('Every operator, by id', OperatorList), ...errorResponses(asAdmin) } }, schema: { tags: ['admin'], summary: 'List operators' } }, async () => ({
    operators: await deps.access.listOperators(),
  }));
  app.post(
    '/api/v1/admin/operators',
    {
      preHandler: adminOnly,
      config: { docResponses: { 201: described('Created', OperatorCreated), ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED)', 409: 'An operator already has this code (OPERATOR_CODE_TAKEN; details.path: "body.code")', ...asAdmin }) } },
      schema: { tags: ['admin'], summary: 'Create an operator and its first API key (shown once)', body: OperatorBody },
    },
    async (request, reply) => {
      const r = await registerOperator(deps, request.principal!, request.body);
      if (!r.ok) return sendFailure(reply, r.error);
      return reply.code(201).send({ operator: r.value.operator, apiKey: r.value.key });
    },
  );
  // An administrator manages any operator's keys: a leaked key is revoked without waiting for its operator.
  const OperatorKeyParams = Type.Object({ id: Id(), keyId: Id() });
  const notFound = { 404: 'No operator with this id (OPERATOR_NOT_FOUND)' };
  app.get(
    '/api/v1/admin/operators/:id/api-keys',
    {
      preHandler: adminOnly,
      config: { docResponses: { 200: described('The operator and its keys (prefix only)', OperatorKeyList), ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...asAdmin, ...notFound }) } },
      schema: { tags: ['admin'], summary: "List an operator's API keys (prefix, label, last use; never the key)", params: IdParams },
    },
    async (request, reply) => {
      const r = await listOperatorKeys(deps, request.params.id);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/admin/operators/:id/api-keys',
    {
      preHandler: adminOnly,
      config: { docResponses: { 201: described('Issued: the key, shown only here (stored as its SHA-256)', ApiKeyCreated), ...errorResponses({ 400: 'Bad id or body (VALIDATION_FAILED)', ...asAdmin, ...notFound }) } },
      schema: { tags: ['admin'], summary: 'Issue an operator a further API key (shown once; audited)', params: IdParams, body: ApiKeyBody },
    },
    async (request, reply) => {
      const r = await issueOperatorKey(deps, request.principal!, request.params.id, request.body?.label ?? '');
      return r.ok ? reply.code(201).send({ ...r.value.record, key: r.value.key }) : sendFailure(reply, r.error);
    },
  );
  app.delete(
    '/api/v1/admin/operators/:id/api-keys/:keyId',
    {
      preHandler: adminOnly,
      config: { docResponses: { 204: { description: 'Revoked (also when it was revoked already); requests with it answer 401 from now on' }, ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...asAdmin, 404: 'No operator with this id (OPERATOR_NOT_FOUND), or none of its keys has this id (API_KEY_NOT_FOUND)' }) } },
      schema: { tags: ['admin'], summary: "Revoke an operator's API key (audited)", params: OperatorKeyParams },
    },
    async (request, reply) => {
      const r = await revokeOperatorKey(deps, request.principal!, request.params.id, request.params.keyId);
      return r.ok ? reply.code(204).send() : sendFailure(reply, r.error);
    },
  );
  // Staff accounts: administrators create them, reset their passwords, disable a leaver's (kept, not deleted: the audit log names it).
  const userNotFound = { 404: 'No staff account with this id (USER_NOT_FOUND; details.path: "params.id")' };
  app.get(
    '/api/v1/admin/users',
    { preHandler: adminOnly, config: { docResponses: { 200: described('Every staff account, oldest first, disabled ones too', StaffUserList), ...errorResponses(asAdmin) } }, schema: { tags: ['admin'], summary: 'List staff accounts (officers, administrators)' } },
    async () => ({ users: await listStaffAccounts(deps) }),
  );
  app.post(
    '/api/v1/admin/users',
    {
      preHandler: adminOnly,
      config: { docResponses: { 201: described('Created: the account and its random password, shown only here', StaffUserCreated), ...errorResponses({ 400: 'Bad body (VALIDATION_FAILED)', 409: 'An account already has this username (USERNAME_TAKEN; details.path: "body.username")', ...asAdmin }) } },
      schema: { tags: ['admin'], summary: 'Create an officer or administrator account (random password, shown once; audited)', body: StaffUserBody },
    },
    async (request, reply) => {
      const r = await createStaffAccount(deps, request.principal as OfficerPrincipal, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/admin/users/:id/password',
    {
      preHandler: adminOnly,
      config: { docResponses: { 200: described('Reset: the new random password, shown only here; the account’s sessions have ended', StaffPasswordReset), ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...asAdmin, ...userNotFound }) } },
      schema: { tags: ['admin'], summary: "Reset a staff account's password (random, shown once; ends its sessions; audited)", params: IdParams },
    },
    async (request, reply) => {
      const r = await resetStaffPassword(deps, request.principal as OfficerPrincipal, request.params.id);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  for (const action of ['disable', 'enable'] as const) {
    const disabling = action === 'disable';
    app.post(
      `/api/v1/admin/users/:id/${action}`,
      {
        preHandler: adminOnly,
        config: {
          docResponses: {
            200: described(disabling ? 'Disabled (also when it was already): it cannot sign in, its sessions have ended' : 'Enabled (also when it was already): it signs in with its password', StaffUser),
            ...errorResponses({
              400: 'Bad id (VALIDATION_FAILED)',
              ...asAdmin,
              ...userNotFound,
              ...((disabling ? { 409: 'Own account (CANNOT_DISABLE_SELF), or the only enabled administrator (LAST_ADMIN); details.path: "params.id"' } : {}) as Record<number, string>),
            }),
          },
        },
        schema: { tags: ['admin'], summary: disabling ? 'Disable a staff account (a leaver’s; ends its sessions; audited)' : 'Enable a disabled staff account (audited)', params: IdParams },
      },
      async (request, reply) => {
        const r = await setStaffAccountDisabled(deps, request.principal as OfficerPrincipal, request.params.id, disabling);
        return r.ok ? r.value : sendFailure(reply, r.error);
      },
    );
  }

  const AuditQueryParams = Type.Object(
    {
      action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "an action code (api-key.revoke), or a prefix ending in '.' (reference.)" })),
      actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "an officer's username or an operator's code" })),
      subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'exact, e.g. operator:12' })),
      before: Type.Optional(Id()),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    },
    { additionalProperties: false },
  );
  app.get(
    '/api/v1/admin/audit',
    {
      preHandler: adminOnly,
      config: { docResponses: { 200: described('Entries, newest first, each action named in Korean and English', AuditLog), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', ...asAdmin }) } },
      schema: { tags: ['admin'], summary: 'The audit log: who did what, when, to what', querystring: AuditQueryParams },
    },
    async (request) => {
      const q = request.query;
      return readAuditLog(deps, { action: q.action, actor: q.actor, subject: q.subject, beforeId: q.before, limit: q.limit });
    },
  );
};
