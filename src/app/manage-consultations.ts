// Consultation (민원상담): a verified consumer opens one (topic, optionally one of their own
// declarations, a first message) and replies; officers read the inbox, reply and close with a
// note. The state rule is src/domain/consultation.ts. Another PCCC's consultation or
// declaration answers NOT_FOUND: others' data is never revealed.
import { nextConsultationStatus, normalizeMessage, type ConsultationStatus, type ConsultationTopic } from '../domain/consultation.ts';
import { fail, ok, type Result } from './errors.ts';
import type { ConsumerPrincipal, DeclarationStore, OfficerPrincipal, Principal } from './ports.ts';
import type { ConsultationMessageRecord, ConsultationRecord, ConsultationStore, StoreOutcome } from './ports/consultation-store.ts';

export interface ConsultationDeps {
  consultations: ConsultationStore;
  declarations: DeclarationStore;
}

type Thread = { consultation: ConsultationRecord; messages: ConsultationMessageRecord[] };

function text(raw: string, field: string): Result<string> {
  const m = normalizeMessage(raw);
  if (m.ok) return ok(m.text);
  return fail('VALIDATION_FAILED', [{ path: field, keyword: m.reason === 'empty' ? 'minLength' : 'maxLength', message: m.reason === 'empty' ? 'must not be empty' : 'must NOT have more than 2000 characters' }]);
}

const fromStore = <T>(r: StoreOutcome<T>): Result<T> => (r.ok ? ok(r.value) : fail(r.code));

/** The consumer owns it, or the principal is an officer; anything else is not found. */
export function maySee(p: Principal, c: ConsultationRecord): boolean {
  return p.kind === 'officer' || (p.kind === 'consumer' && p.pccc === c.pccc);
}

export async function openConsultation(
  deps: ConsultationDeps,
  p: ConsumerPrincipal,
  input: { topic: ConsultationTopic; declarationId?: number | null; message: string },
): Promise<Result<{ consultation: ConsultationRecord; message: ConsultationMessageRecord }>> {
  const body = text(input.message, 'body.message');
  if (!body.ok) return body;
  let declarationId: number | null = null;
  if (input.declarationId != null) {
    const d = await deps.declarations.findById(input.declarationId);
    if (!d || d.pccc !== p.pccc) return fail('DECLARATION_NOT_FOUND');
    declarationId = d.id;
  }
  return ok(await deps.consultations.open({ pccc: p.pccc, declarationId, topic: input.topic, message: { authorKind: 'consumer', authorUserId: null, body: body.value } }));
}

export async function listOwnConsultations(deps: ConsultationDeps, p: ConsumerPrincipal): Promise<ConsultationRecord[]> {
  return deps.consultations.listByPccc(p.pccc, 200);
}

/** The parcels a consumer may attach to a consultation: their own declarations, newest first. */
export async function listConsultableParcels(deps: ConsultationDeps, p: ConsumerPrincipal): Promise<{ declarationId: number; cargoNo: string; description: string; status: string }[]> {
  const found = await deps.declarations.findByPccc(p.pccc, 200);
  return found.map((d) => ({ declarationId: d.id, cargoNo: d.cargoNo, description: d.declaration.items[0]?.description ?? '', status: d.status }));
}

export async function listConsultationInbox(
  deps: ConsultationDeps,
  status: ConsultationStatus | null,
): Promise<{ consultations: ConsultationRecord[]; counts: Record<ConsultationStatus, number> }> {
  const statuses: ConsultationStatus[] = status ? [status] : ['open', 'answered'];
  const [consultations, counts] = await Promise.all([deps.consultations.listForOfficers(statuses, 200), deps.consultations.countByStatus()]);
  return { consultations, counts };
}

export async function findConsultation(deps: ConsultationDeps, p: Principal, id: number): Promise<Result<ConsultationRecord>> {
  const c = await deps.consultations.find(id);
  return c && maySee(p, c) ? ok(c) : fail('CONSULTATION_NOT_FOUND');
}

export async function getConsultationThread(deps: ConsultationDeps, p: Principal, id: number, afterId?: number): Promise<Result<Thread>> {
  const c = await findConsultation(deps, p, id);
  if (!c.ok) return c;
  return ok({ consultation: c.value, messages: await deps.consultations.messages(id, afterId) });
}

export async function postConsultationMessage(
  deps: ConsultationDeps,
  p: ConsumerPrincipal | OfficerPrincipal,
  id: number,
  message: string,
): Promise<Result<{ consultation: ConsultationRecord; message: ConsultationMessageRecord }>> {
  const body = text(message, 'body.message');
  if (!body.ok) return body;
  const c = await findConsultation(deps, p, id);
  if (!c.ok) return c;
  const action = p.kind === 'officer' ? 'officer_message' : 'consumer_message';
  const author = p.kind === 'officer' ? { authorKind: 'officer' as const, authorUserId: p.userId } : { authorKind: 'consumer' as const, authorUserId: null };
  return fromStore(await deps.consultations.append(id, action, { ...author, body: body.value }, (s) => nextConsultationStatus(s, action)));
}

export async function closeConsultation(deps: ConsultationDeps, p: OfficerPrincipal, id: number, note: string): Promise<Result<ConsultationRecord>> {
  const n = text(note, 'body.note');
  if (!n.ok) return n;
  return fromStore(await deps.consultations.close(id, { userId: p.userId, note: n.value }, (s) => nextConsultationStatus(s, 'close')));
}
