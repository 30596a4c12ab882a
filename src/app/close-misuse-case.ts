// An officer closes a consignee's "not me" report (a misuse case) once it has been checked, with
// a note saying what was found. Cases opened "for officers" had no way to close: the open list
// only grew. Who closed it, when and why are kept on the case (officers read them with it) and go to
// the identity audit log; the parcel's hold or release is the decision form's, not this.
import { fail, ok, type Result } from './errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { OfficerMisuseCase } from './ports/identity-ports.ts';

export const NO_OPEN_MISUSE_CASE = {
  ko: '이 신고에 대한 처리 중인 도용 신고가 없습니다(없거나 이미 종결됨).',
  en: 'No open misuse report about this declaration (none, or already closed).',
};

export async function closeMisuseCase(deps: IdentityDeps, officer: OfficerPrincipal, input: { declarationId: number; note: string }): Promise<Result<OfficerMisuseCase>> {
  const closed = await deps.identity.closeMisuseCase(input.declarationId, { userId: officer.userId, note: input.note, at: deps.clock.now() });
  // The declaration's open report is what the path names: none open is "not found".
  if (!closed) return fail('DECLARATION_NOT_FOUND', undefined, NO_OPEN_MISUSE_CASE);
  await deps.identity.audit({ actorKind: 'officer', actorId: officer.userId, action: 'pccc.not-me.closed', subject: `declaration:${input.declarationId}`, detail: { caseId: closed.id, note: input.note, officer: officer.username } });
  return ok(closed);
}
