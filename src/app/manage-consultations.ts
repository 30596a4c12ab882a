// Consultation (민원상담): a verified consumer opens one (topic, optionally one of their own
// declarations, a first message) and replies; officers read the inbox, reply and close with a
// note. The state rule is src/domain/consultation.ts. Another PCCC's consultation or
// declaration answers NOT_FOUND: others' data is never revealed.
import { nextConsultationStatus, normalizeMessage, type ConsultationStatus, type ConsultationTopic } from '../domain/consultation.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import { keysetPage } from './keyset-page.ts';
import type { ConsumerPrincipal, DeclarationStore, OfficerPrincipal, Principal } from './ports.ts';
import type { ConsultationMessageRecord, ConsultationRecord, ConsultationStore, StoreOutcome } from './ports/consultation-store.ts';
import { alertHolder, type HolderAlerts } from './alert-holder.ts';

export interface ConsultationDeps {
  consultations: ConsultationStore;
  declarations: DeclarationStore;
  /**
   * The PCCC holder's channels (SMS, e-mail, Web Push): an officer's answer is announced to the
   * consumer, who has usually left the page (a session lasts 30 minutes). Absent: nobody is told.
   */
  answerAlerts?: HolderAlerts | null;
}

type Thread = { consultation: ConsultationRecord; messages: ConsultationMessageRecord[] };

function text(raw: string, field: string): Result<string> {
  const m = normalizeMessage(raw);
  if (m.ok) return ok(m.text);
  return invalidRequest(m.reason === 'empty' ? requestFieldError(field, 'too_short') : requestFieldError(field, 'too_long', { limit: 2000 }));
}

const fromStore = <T>(r: StoreOutcome<T>): Result<T> => (r.ok ? ok(r.value) : fail(r.code));

/** The consumer owns it (opened under any code the holder has had), or the principal is an officer; anything else is not found. */
export function maySee(p: Principal, c: ConsultationRecord): boolean {
  return p.kind === 'officer' || (p.kind === 'consumer' && p.pcccs.includes(c.pccc));
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
    if (!d || !p.pcccs.includes(d.pccc)) return fail('DECLARATION_NOT_FOUND', { path: 'body.declarationId' });
    declarationId = d.id;
  }
  return ok(await deps.consultations.open({ pccc: p.pccc, declarationId, topic: input.topic, message: { authorKind: 'consumer', authorUserId: null, body: body.value } }));
}

/** The consumer's consultations listed at most, newest activity first. */
export const OWN_CONSULTATIONS = 200;

/** The consumer's latest consultations, `truncated` when there are more (said on the page, not left out unsaid). */
export async function listOwnConsultations(deps: ConsultationDeps, p: ConsumerPrincipal): Promise<{ consultations: ConsultationRecord[]; truncated: boolean }> {
  const found = await deps.consultations.listByPcccs(p.pcccs, OWN_CONSULTATIONS + 1);
  return { consultations: found.slice(0, OWN_CONSULTATIONS), truncated: found.length > OWN_CONSULTATIONS };
}

/** The latest own parcels offered in the consultation form's list; an older one is found by its cargo number. */
export const CONSULTABLE_PARCELS = 200;

type ConsultableParcel = { declarationId: number; cargoNo: string; description: string; status: string };

/**
 * The parcels a consumer may attach to a consultation: their own declarations, newest first, the
 * latest CONSULTABLE_PARCELS (`truncated`: there are more); or, by `cargoNo`, that one own parcel
 * however old (the "ask customs" link on an older parcel found nothing to attach before).
 */
export async function listConsultableParcels(deps: ConsultationDeps, p: ConsumerPrincipal, q: { cargoNo?: string | undefined } = {}): Promise<{ parcels: ConsultableParcel[]; truncated: boolean }> {
  const view = (d: { id: number; cargoNo: string; status: string; declaration: { items: { description: string }[] } }): ConsultableParcel => ({
    declarationId: d.id,
    cargoNo: d.cargoNo,
    description: d.declaration.items[0]?.description ?? '',
    status: d.status,
  });
  if (q.cargoNo !== undefined) {
    const d = await deps.declarations.findByCargoNo(q.cargoNo.trim().toUpperCase());
    return { parcels: d && p.pcccs.includes(d.pccc) ? [view(d)] : [], truncated: false }; // another PCCC's parcel is not found
  }
  const found = await deps.declarations.pageByPcccs(p.pcccs, { limit: CONSULTABLE_PARCELS + 1 });
  return { parcels: found.slice(0, CONSULTABLE_PARCELS).map(view), truncated: found.length > CONSULTABLE_PARCELS };
}

export const INBOX_PAGE = { default: 200, max: 200 };

/**
 * The inbox's cursor: `<asOf>-<id>`, the time of the first page (microseconds on the database's
 * clock) and the last consultation shown. Every page after the first reads the inbox in its order
 * as of that time, so a consultation that moves while an officer pages (a new message puts it
 * first, an answer takes it out of "open") keeps its place: read once, neither skipped nor again.
 * It shows as it is now; one opened since is on a fresh first page.
 */
export const INBOX_CURSOR = /^([0-9]{1,16})-([0-9]{1,16})$/;

const inboxCursorOf = (asOf: number, id: number): string => `${asOf}-${id}`;

function parseInboxCursor(raw: string): { asOf: number; afterId: number } | null {
  const m = INBOX_CURSOR.exec(raw);
  if (!m) return null;
  const [asOf, afterId] = [Number(m[1]), Number(m[2])];
  return Number.isSafeInteger(asOf) && Number.isSafeInteger(afterId) && afterId > 0 ? { asOf, afterId } : null;
}

/**
 * A page of the officer's inbox (unanswered first, then latest activity, then newest id), with the
 * counts of all and how many the filter holds now. `after`: the `next` of the page before; `offset`
 * (deprecated, kept one release for clients that page by it): rows of the order as it is now
 * skipped, as before, the moves between reads included (its answer has a `next` to go on with).
 */
export async function listConsultationInbox(
  deps: ConsultationDeps,
  status: ConsultationStatus | null,
  page: { limit?: number | undefined; after?: string | undefined; offset?: number | undefined } = {},
): Promise<Result<{ consultations: ConsultationRecord[]; counts: Record<ConsultationStatus, number>; total: number; limit: number; offset: number; next: string | null }>> {
  const statuses: ConsultationStatus[] = status ? [status] : ['open', 'answered'];
  const limit = page.limit ?? INBOX_PAGE.default;
  const offset = page.offset ?? 0;
  if (page.after !== undefined && offset > 0) return invalidRequest(requestFieldError('querystring.offset', 'not_allowed_with', { other: 'after' }));
  const cursor = page.after !== undefined ? parseInboxCursor(page.after) : null;
  if (page.after !== undefined && !cursor) return invalidRequest(requestFieldError('querystring.after', 'bad_format', { format: 'the next of a page' }));
  const asOf = cursor?.asOf ?? (await deps.consultations.inboxTime());
  const [{ page: consultations, next }, counts] = await Promise.all([
    keysetPage(limit, { after: cursor?.afterId }, (_forward, afterId, n) => deps.consultations.listForOfficers(statuses, { asOf, limit: n, afterId, offset })),
    deps.consultations.countByStatus(),
  ]);
  return ok({ consultations, counts, total: statuses.reduce((n, s) => n + counts[s], 0), limit, offset, next: next === null ? null : inboxCursorOf(asOf, next) });
}

export async function findConsultation(deps: ConsultationDeps, p: Principal, id: number): Promise<Result<ConsultationRecord>> {
  const c = await deps.consultations.find(id);
  return c && maySee(p, c) ? ok(c) : fail('CONSULTATION_NOT_FOUND');
}

/** The store answers this many messages at a time (consultation-repository LIMIT). */
export const MESSAGES_BATCH = 1000;

/** Every message after `afterId` (all without it), oldest first, read a batch at a time. */
export async function allMessages(store: Pick<ConsultationStore, 'messages'>, id: number, afterId?: number): Promise<ConsultationMessageRecord[]> {
  const out: ConsultationMessageRecord[] = [];
  for (let from = afterId; ; ) {
    const batch = await store.messages(id, from);
    out.push(...batch);
    if (batch.length < MESSAGES_BATCH) return out;
    from = batch[batch.length - 1]!.id;
  }
}

export async function getConsultationThread(deps: ConsultationDeps, p: Principal, id: number, afterId?: number): Promise<Result<Thread>> {
  const c = await findConsultation(deps, p, id);
  if (!c.ok) return c;
  // All of them: a thread past one batch showed its first 1000 messages, not the latest answers.
  return ok({ consultation: c.value, messages: await allMessages(deps.consultations, id, afterId) });
}

export async function postConsultationMessage(
  deps: ConsultationDeps,
  p: ConsumerPrincipal | OfficerPrincipal,
  id: number,
  message: string,
  /** Where the consumer reads an officer's answer (the portal's /me), for the alert. */
  consumerLink?: string,
): Promise<Result<{ consultation: ConsultationRecord; message: ConsultationMessageRecord }>> {
  const body = text(message, 'body.message');
  if (!body.ok) return body;
  const c = await findConsultation(deps, p, id);
  if (!c.ok) return c;
  const action = p.kind === 'officer' ? 'officer_message' : 'consumer_message';
  const author = p.kind === 'officer' ? { authorKind: 'officer' as const, authorUserId: p.userId } : { authorKind: 'consumer' as const, authorUserId: null };
  const posted = fromStore(await deps.consultations.append(id, action, { ...author, body: body.value }, (s) => nextConsultationStatus(s, action)));
  if (posted.ok && p.kind === 'officer' && consumerLink) await announceAnswer(deps, posted.value.consultation, consumerLink);
  return posted;
}

/**
 * "An officer answered" to the consumer's mobile (and e-mail, installed apps): no message text, only where to read it.
 * Best effort, after the answer's commit, not through the holder notices' outbox (migrations/114): neither a
 * security nor a money notice, the answer is on /me and streamed to an open page, and a lost alert costs a later look.
 */
async function announceAnswer(deps: ConsultationDeps, c: ConsultationRecord, link: string): Promise<void> {
  const alerts = deps.answerAlerts;
  if (!alerts) return;
  const cargo = c.cargoNo ? { ko: `(화물관리번호 ${c.cargoNo})`, en: ` (${c.cargoNo})` } : { ko: '', en: '' };
  // the answer is stored and streamed either way
  await alertHolder(alerts, c.pccc, {
    subject: '[통관] 민원상담 답변 알림',
    body: `[Tonggwan 통관] 문의하신 민원상담${cargo.ko}에 세관 담당자가 답변했습니다. 본인 확인 후 확인하세요: ${link} / A customs officer answered your consultation${cargo.en}: ${link}`,
    url: '/me',
  });
}

export async function closeConsultation(deps: ConsultationDeps, p: OfficerPrincipal, id: number, note: string): Promise<Result<ConsultationRecord>> {
  const n = text(note, 'body.note');
  if (!n.ok) return n;
  return fromStore(await deps.consultations.close(id, { userId: p.userId, note: n.value }, (s) => nextConsultationStatus(s, 'close')));
}
