// Consultation (민원상담): consumers open and follow their consultations, officers answer and
// close them, and both sides follow a thread live over Server-Sent Events
// (GET /api/v1/consultations/:id/events). The stream is fed by PostgreSQL LISTEN/NOTIFY
// (src/adapters/db/consultation-repository.ts), so a message posted to any platform process on
// the same database reaches subscribers of every process.
//
// EventSource cannot send an Authorization header, so the events route (and only it) also
// accepts the bearer token as `?access_token=`. Tokens are short-lived sessions; the query
// string may appear in access logs of proxies, which is why no other route accepts it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { CONSULTATION_TOPICS, excerptOf } from '../../domain/consultation.ts';
import { authenticateToken } from '../../app/authenticate-token.ts';
import {
  closeConsultation,
  findConsultation,
  getConsultationThread,
  allMessages,
  CONSULTABLE_PARCELS,
  INBOX_CURSOR,
  INBOX_PAGE,
  OWN_CONSULTATIONS,
  listConsultableParcels,
  listConsultationInbox,
  listOwnConsultations,
  openConsultation,
  postConsultationMessage,
  type ConsultationDeps,
} from '../../app/manage-consultations.ts';
import type { ConsumerPrincipal, OfficerPrincipal, Principal } from '../../app/ports.ts';
import type { ConsultationChange, ConsultationFeed, ConsultationMessageRecord, ConsultationRecord, ConsultationStore } from '../../app/ports/consultation-store.ts';
import type { AppDeps } from '../app.ts';
import { authenticate, rateLimitKeyOf, requirePrincipal, servedOverHttps } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { publicOriginOf } from '../public-origin.ts';
import { securityHeaders } from '../security-headers.ts';
import { Cursor, Id, IdParams } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { CONSUMER_AUTH_ERRORS } from '../public-response-schemas.ts';

export interface ConsultationHttp {
  store: ConsultationStore;
  feed: ConsultationFeed;
}

const HEARTBEAT_MS = 25_000;

const Topic = Type.Union([Type.Literal('clearance_status'), Type.Literal('hold'), Type.Literal('taxes'), Type.Literal('pccc'), Type.Literal('other')], { description: CONSULTATION_TOPICS.join(' | ') });
const Status = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('closed')]);
const Author = Type.Union([Type.Literal('consumer'), Type.Literal('officer')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });
const MessageText = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: '1–2000 characters, trimmed' });

export const ConsultationMessageSchema = Type.Object(
  {
    id: Type.Integer(),
    authorKind: Author,
    authorName: Nullable(Type.String({ description: "the officer's display name; null on the consumer's messages" })),
    body: Type.String({ description: 'as written (trimmed)' }),
    createdAt: DateTime(),
  },
  { additionalProperties: false },
);

const consultationProps = {
  id: Type.Integer(),
  topic: Topic,
  status: Status,
  declarationId: Nullable(Type.Integer({ description: 'the declaration it is about; null for a general question' })),
  cargoNo: Nullable(Type.String({ description: '화물관리번호 of that declaration' })),
  declarationStatus: Nullable(Type.String({ description: 'the declaration’s current status' })),
  createdAt: DateTime(),
  updatedAt: DateTime('the last message or status change'),
  closedAt: Nullable(DateTime()),
  closedByName: Nullable(Type.String({ description: 'the display name of the officer who closed it' })),
  closeNote: Nullable(Type.String({ description: 'the officer’s closing note' })),
  messageCount: Type.Integer({ minimum: 0 }),
  lastMessage: Nullable(Type.Object({ authorKind: Author, excerpt: Type.String({ description: 'the first 120 characters' }), createdAt: DateTime() }, { additionalProperties: false })),
};
/** The consumer's view: no PCCC (they know their own; nobody else's is ever shown). */
export const ConsultationSchema = Type.Object(consultationProps, { additionalProperties: false });
/** The officers' view: with the PCCC. */
export const OfficerConsultationSchema = Type.Object({ ...consultationProps, pccc: Type.String() }, { additionalProperties: false });

type ConsultationView = Static<typeof ConsultationSchema>;
type OfficerConsultationView = Static<typeof OfficerConsultationSchema>;

function consumerView(c: ConsultationRecord): ConsultationView {
  return {
    id: c.id,
    topic: c.topic,
    status: c.status,
    declarationId: c.declarationId,
    cargoNo: c.cargoNo,
    declarationStatus: c.declarationStatus,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    closedByName: c.closedByName,
    closeNote: c.closeNote,
    messageCount: c.messageCount,
    lastMessage: c.lastMessage ? { authorKind: c.lastMessage.authorKind, excerpt: excerptOf(c.lastMessage.body, 120), createdAt: c.lastMessage.createdAt } : null,
  };
}
const officerView = (c: ConsultationRecord): OfficerConsultationView => ({ ...consumerView(c), pccc: c.pccc });
const viewFor = (p: Principal, c: ConsultationRecord) => (p.kind === 'officer' ? officerView(c) : consumerView(c));
const messageView = (m: ConsultationMessageRecord) => ({ id: m.id, authorKind: m.authorKind, authorName: m.authorName, body: m.body, createdAt: m.createdAt });

const MessageBody = Type.Object({ message: MessageText }, { additionalProperties: false });
const OpenBody = Type.Object(
  { topic: Topic, declarationId: Type.Optional(Nullable(Id({ description: "one of the consumer's own declarations" }))), message: MessageText },
  { additionalProperties: false },
);
const CloseBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false });
const Counts = Type.Object({ open: Type.Integer(), answered: Type.Integer(), closed: Type.Integer() }, { additionalProperties: false, description: 'consultations by status, all of them' });
const Parcel = Type.Object(
  { declarationId: Type.Integer(), cargoNo: Type.String({ description: '화물관리번호' }), description: Type.String({ description: 'the first item' }), status: Type.String({ description: 'the declaration’s status' }) },
  { additionalProperties: false },
);
const closed = <P extends Parameters<typeof Type.Object>[0]>(props: P) => Type.Object(props, { additionalProperties: false });
const OFFICER_AUTH_ERRORS = { 401: 'No, an expired or an unknown session (UNAUTHENTICATED)', 403: 'Not an officer (FORBIDDEN)' };
const NOT_FOUND = { 404: 'No such consultation, or not the consumer’s own (CONSULTATION_NOT_FOUND)' };
const CLOSED = { 409: 'The consultation is closed (CONSULTATION_CLOSED)' };
const RATE_LIMITED = { 429: 'More than 30 messages a minute by this person (RATE_LIMITED)' };
const EventsQuery = Type.Object(
  {
    access_token: Type.Optional(Type.String({ maxLength: 200, description: 'the bearer token, for EventSource (which cannot send headers); this route only' })),
    after: Type.Optional(Cursor({ description: 'first send the messages after this message id (also read from Last-Event-ID)' })),
  },
  { additionalProperties: false },
);

export const consultationRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps: appDeps }) => {
  const c = appDeps.consultations;
  if (!c) return;
  const identity = appDeps.identity;
  const deps: ConsultationDeps = {
    consultations: c.store,
    declarations: appDeps.declarations,
    answerAlerts: identity ? { registry: identity.deps.registry, holders: identity.deps.holders, onError: (e) => app.log.warn({ err: e }, 'consultation answer alert failed') } : null,
  };
  const feed = c.feed;
  const consumerTags = ['consultation'];
  const consumer = requirePrincipal(['consumer']);
  const officer = requirePrincipal(['officer']);
  // 30 messages a minute per signed-in person (not per address: consumers share addresses behind NAT).
  const messageLimit = { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: rateLimitKeyOf } };

  // ---- consumer ----
  app.post(
    '/api/v1/consumer/consultations',
    {
      preHandler: consumer,
      config: {
        ...messageLimit,
        docResponses: {
          201: described('Opened, with its first message', closed({ consultation: ConsultationSchema, message: ConsultationMessageSchema })),
          ...errorResponses({ 400: 'Bad body, or a message empty once trimmed (VALIDATION_FAILED)', ...CONSUMER_AUTH_ERRORS, 404: 'declarationId is not one of the consumer’s own declarations (DECLARATION_NOT_FOUND)', ...RATE_LIMITED }),
        },
      },
      schema: { tags: consumerTags, summary: 'Open a consultation (민원상담) with a topic, optionally about one of the own declarations, and a first message', body: OpenBody },
    },
    async (request, reply) => {
      const r = await openConsultation(deps, request.principal as ConsumerPrincipal, request.body);
      return r.ok ? reply.code(201).send({ consultation: consumerView(r.value.consultation), message: messageView(r.value.message) }) : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/consumer/consultations',
    {
      preHandler: consumer,
      config: {
        docResponses: {
          200: described(
            `Newest activity first, the latest ${OWN_CONSULTATIONS}`,
            closed({ consultations: Type.Array(ConsultationSchema), truncated: Type.Boolean({ description: `more consultations than the ${OWN_CONSULTATIONS} listed` }) }),
          ),
          ...errorResponses(CONSUMER_AUTH_ERRORS),
        },
      },
      schema: { tags: consumerTags, summary: "The verified consumer's consultations, newest activity first" },
    },
    async (request) => {
      const r = await listOwnConsultations(deps, request.principal as ConsumerPrincipal);
      return { consultations: r.consultations.map(consumerView), truncated: r.truncated };
    },
  );
  app.get(
    '/api/v1/consumer/consultations/parcels',
    {
      preHandler: consumer,
      config: {
        docResponses: {
          200: described(
            `The latest ${CONSULTABLE_PARCELS} declarations naming the session’s PCCC, newest first (truncated: there are more), or with cargoNo that one if it is the consumer’s own (else none)`,
            closed({ parcels: Type.Array(Parcel), truncated: Type.Boolean({ description: `more own declarations than the ${CONSULTABLE_PARCELS} listed: ask for an older one by cargoNo` }) }),
          ),
          ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', ...CONSUMER_AUTH_ERRORS }),
        },
      },
      schema: {
        tags: consumerTags,
        summary: 'The own parcels a consultation may be about (declaration id, cargo number, first item, status)',
        querystring: Type.Object(
          { cargoNo: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '화물관리번호: only this own parcel, however old (in any case)' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => listConsultableParcels(deps, request.principal as ConsumerPrincipal, { cargoNo: request.query.cargoNo }),
  );
  app.get(
    '/api/v1/consumer/consultations/:id',
    {
      preHandler: consumer,
      config: {
        docResponses: {
          200: described('The consultation and its messages, oldest first', closed({ consultation: ConsultationSchema, messages: Type.Array(ConsultationMessageSchema) })),
          ...errorResponses({ 400: 'Bad id or after (VALIDATION_FAILED)', ...CONSUMER_AUTH_ERRORS, ...NOT_FOUND }),
        },
      },
      schema: {
        tags: consumerTags,
        summary: 'One own consultation with its messages (`after`: only the messages after that id, for polling)',
        params: IdParams,
        querystring: Type.Object({ after: Type.Optional(Cursor()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await getConsultationThread(deps, request.principal as ConsumerPrincipal, request.params.id, request.query.after);
      return r.ok ? { consultation: consumerView(r.value.consultation), messages: r.value.messages.map(messageView) } : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consumer/consultations/:id/messages',
    {
      preHandler: consumer,
      config: {
        ...messageLimit,
        docResponses: {
          201: described('Added (an answered consultation is open again)', closed({ message: ConsultationMessageSchema })),
          ...errorResponses({ 400: 'Bad body, or a message empty once trimmed (VALIDATION_FAILED)', ...CONSUMER_AUTH_ERRORS, ...NOT_FOUND, ...CLOSED, ...RATE_LIMITED }),
        },
      },
      schema: { tags: consumerTags, summary: 'Add a message to an own consultation (a closed one answers 409 CONSULTATION_CLOSED)', params: IdParams, body: MessageBody },
    },
    async (request, reply) => {
      const r = await postConsultationMessage(deps, request.principal as ConsumerPrincipal, request.params.id, request.body.message);
      return r.ok ? reply.code(201).send({ message: messageView(r.value.message) }) : sendFailure(reply, r.error);
    },
  );

  // ---- officer ----
  const officerTags = ['officer', 'consultation'];
  app.get(
    '/api/v1/officer/consultations',
    {
      preHandler: officer,
      config: {
        docResponses: {
          200: described(
            'A page of the inbox (`limit` after `after`), with the counts of all and the cursor of the page after',
            closed({
              counts: Counts,
              total: Type.Integer({ minimum: 0, description: 'consultations the filter holds now, all pages together' }),
              next: Type.Union([Type.String({ pattern: INBOX_CURSOR.source }), Type.Null()], {
                description: 'Pass as `after` for the page after; null at the end. Opaque: it holds the time of the first page, and the pages after it keep the order the inbox had then',
              }),
              offset: Type.Integer({ minimum: 0, deprecated: true, description: 'Deprecated with the `offset` parameter: the offset sent, 0 without' }),
              limit: Type.Integer({ minimum: 1 }),
              consultations: Type.Array(OfficerConsultationSchema),
            }),
          ),
          ...errorResponses({ 400: 'Unknown status, a malformed `after`, or `after` with `offset` (VALIDATION_FAILED)', ...OFFICER_AUTH_ERRORS }),
        },
      },
      schema: {
        tags: officerTags,
        summary: 'The consultation inbox: unanswered first, then latest activity (default: open and answered); paged by limit and after (the next of the page before)',
        description:
          'Keyset paging: the first page (no `after`) reads the inbox as it is now; each page after it, asked with the `next` of the page before, continues the order the inbox had at the first page, so a consultation that moves meanwhile (a new message puts it first, an answer takes it out of `open`) is read once, neither skipped nor repeated. It shows as it is now (its status may no longer match the filter); one opened since is on a fresh first page. ' +
          '`offset` is deprecated and will be removed in the next release: it skips rows of the order as it is now, so threads that move between two reads are skipped or repeated; its answer carries `next` to continue with.',
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: INBOX_PAGE.max, default: INBOX_PAGE.default })),
            after: Type.Optional(Type.String({ pattern: INBOX_CURSOR.source, maxLength: 33, description: 'the `next` of the page before: the consultations after it in the inbox’s order as of the first page; absent: the first page' })),
            offset: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 1_000_000,
                default: 0,
                deprecated: true,
                description: 'Deprecated (use `after`; removed in the next release): consultations of the order as it is now to skip. Not with `after`',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { status, limit, after, offset } = request.query;
      const r = await listConsultationInbox(deps, status ?? null, { limit, after, offset });
      if (!r.ok) return sendFailure(reply, r.error);
      return { counts: r.value.counts, total: r.value.total, next: r.value.next, offset: r.value.offset, limit: r.value.limit, consultations: r.value.consultations.map(officerView) };
    },
  );
  app.get(
    '/api/v1/officer/consultations/:id',
    {
      preHandler: officer,
      config: {
        docResponses: {
          200: described('The consultation and its messages, oldest first', closed({ consultation: OfficerConsultationSchema, messages: Type.Array(ConsultationMessageSchema) })),
          ...errorResponses({ 400: 'Bad id (VALIDATION_FAILED)', ...OFFICER_AUTH_ERRORS, 404: 'No such consultation (CONSULTATION_NOT_FOUND)' }),
        },
      },
      schema: { tags: officerTags, summary: 'One consultation with its messages, the PCCC and the declaration (cargo number, status)', params: IdParams },
    },
    async (request, reply) => {
      const r = await getConsultationThread(deps, request.principal as OfficerPrincipal, request.params.id);
      return r.ok ? { consultation: officerView(r.value.consultation), messages: r.value.messages.map(messageView) } : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/officer/consultations/:id/messages',
    {
      preHandler: officer,
      config: {
        docResponses: {
          201: described('Replied; the consumer is alerted', closed({ message: ConsultationMessageSchema, consultation: OfficerConsultationSchema })),
          ...errorResponses({ 400: 'Bad body, or a message empty once trimmed (VALIDATION_FAILED)', ...OFFICER_AUTH_ERRORS, 404: 'No such consultation (CONSULTATION_NOT_FOUND)', ...CLOSED }),
        },
      },
      schema: { tags: officerTags, summary: "Reply (status becomes 'answered'); a closed consultation answers 409", params: IdParams, body: MessageBody },
    },
    async (request, reply) => {
      const r = await postConsultationMessage(deps, request.principal as OfficerPrincipal, request.params.id, request.body.message, `${publicOriginOf(request, identity?.publicUrl ?? null)}/me`);
      return r.ok ? reply.code(201).send({ message: messageView(r.value.message), consultation: officerView(r.value.consultation) }) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/officer/consultations/:id/close',
    {
      preHandler: officer,
      config: {
        docResponses: {
          200: described('Closed', closed({ consultation: OfficerConsultationSchema })),
          ...errorResponses({ 400: 'No note (VALIDATION_FAILED)', ...OFFICER_AUTH_ERRORS, 404: 'No such consultation (CONSULTATION_NOT_FOUND)', 409: 'Already closed (CONSULTATION_CLOSED)' }),
        },
      },
      schema: { tags: officerTags, summary: 'Close a consultation with a note', params: IdParams, body: CloseBody },
    },
    async (request, reply) => {
      const r = await closeConsultation(deps, request.principal as OfficerPrincipal, request.params.id, request.body.note);
      return r.ok ? { consultation: officerView(r.value) } : sendFailure(reply, r.error);
    },
  );

  // ---- live events (SSE) ----
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  /** EventSource cannot set headers: for this route, `?access_token=` stands in for Authorization. */
  const tokenFromQuery = async (request: FastifyRequest) => {
    // Before validation (it runs with the guard, auth.ts guardBeforeValidation): a repeated access_token is an array, no token.
    const token: unknown = (request.query as Static<typeof EventsQuery>).access_token;
    if (!request.principal && typeof token === 'string' && token) {
      request.presentedToken = token;
      request.principal = await authenticate(appDeps, token);
    }
  };

  app.get(
    '/api/v1/consultations/:id/events',
    {
      preHandler: [tokenFromQuery, requirePrincipal(['consumer', 'officer'])],
      config: {
        docResponses: {
          200: {
            description:
              'The stream (text/event-stream; first `retry: 3000`). Events, each with `data:` one JSON object: ' +
              '`ready` {consultationId, status} once subscribed (after the missed messages); ' +
              '`message` (with `id:` the message id) a ConsultationMessage {id, authorKind, authorName, body, createdAt}; ' +
              '`status` the consultation as the reader’s other routes show it (an officer’s view with the PCCC) when its status changes; ' +
              '`session_ended` {consultationId} when the session expired or was signed out (the stream then ends). A `: heartbeat` comment every 25 s.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errorResponses({
            400: 'Bad id, query or Last-Event-ID (VALIDATION_FAILED)',
            401: 'No, an expired or an unknown token, in the header or in access_token (UNAUTHENTICATED; INVALID_API_KEY for an unknown tgk_ key)',
            403: 'Not a consumer or an officer (FORBIDDEN)',
            ...NOT_FOUND,
          }),
        },
      },
      schema: {
        tags: consumerTags,
        summary: 'Live events of a consultation (text/event-stream): `message` (id: the message id) and `status`; a `: heartbeat` comment every 25 s',
        description:
          'For the consumer who owns it or any officer. EventSource cannot send headers, so the bearer token may be given as `?access_token=` (this route only). A reconnecting EventSource sends Last-Event-ID and gets the messages it missed. The first event, `ready`, tells the subscription is live.',
        params: IdParams,
        querystring: EventsQuery,
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const principal = request.principal as ConsumerPrincipal | OfficerPrincipal;
      const found = await findConsultation(deps, principal, request.params.id);
      if (!found.ok) return sendFailure(reply, found.error);
      const id = found.value.id;
      const header = Number(request.headers['last-event-id']);
      // A safe integer only: Last-Event-ID "100000000000000000000" ended the stream at once (bigint out of range).
      let lastSent = Number.isSafeInteger(header) && header > 0 ? header : (request.query.after ?? null);
      let lastStatus = found.value.status;
      await stream(request, reply, async (send, onEnd, end) => {
        // A stream outlives its request: the session is checked again at intervals, so a stream
        // whose session expired or was signed out stops (the portal then asks to sign in again), as
        // does one whose code an officer cancelled (the cancel ends its sessions). The session alone:
        // the thread was found readable above under any of the holder's codes (principal.pcccs), and
        // a reissue keeps it so (the session moves to the new code, the thread's code stays the holder's).
        const token = request.presentedToken;
        const recheck = setInterval(() => {
          if (!token) return;
          authenticateToken(appDeps, token).then(
            (p) => {
              if (p) return;
              send('session_ended', { consultationId: id });
              end();
            },
            () => undefined,
          );
        }, appDeps.options.streamSessionCheckMs ?? HEARTBEAT_MS);
        onEnd(() => clearInterval(recheck));
        let chain = Promise.resolve();
        const sendMessage = (m: ConsultationMessageRecord) => {
          if (lastSent !== null && m.id <= lastSent) return;
          lastSent = m.id;
          send('message', messageView(m), String(m.id));
        };
        const handle = async (change: ConsultationChange) => {
          if (change.messageId !== null) {
            const m = await deps.consultations.message(change.messageId);
            if (m) sendMessage(m);
          }
          if (change.status !== lastStatus || change.messageId === null) {
            const now = await deps.consultations.find(id);
            if (now) {
              lastStatus = now.status;
              send('status', viewFor(principal, now));
            }
          }
        };
        const unsubscribe = await feed.subscribe(id, (change) => {
          chain = chain.then(() => handle(change)).catch(() => undefined);
        });
        onEnd(unsubscribe);
        // Catch up after subscribing, so nothing falls between the two.
        if (lastSent !== null) for (const m of await allMessages(deps.consultations, id, lastSent)) sendMessage(m);
        send('ready', { consultationId: id, status: lastStatus });
      });
    },
  );

  type Send = (event: string, data: unknown, id?: string) => void;
  async function stream(request: FastifyRequest, reply: FastifyReply, start: (send: Send, onEnd: (fn: () => void) => void, end: () => void) => Promise<void>): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    const type = 'text/event-stream; charset=utf-8';
    // A hijacked reply skips the onSend hooks: the security headers every answer carries are written here.
    // no-store: the stream carries the consultation's messages, which no cache or proxy may keep.
    raw.writeHead(200, {
      ...securityHeaders(type, { https: servedOverHttps(appDeps.options.publicUrl) }),
      'content-type': type,
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // HEAD: the headers a GET gets, and the end: a HEAD answer has no body, so a stream would never end.
    if (request.method === 'HEAD') {
      raw.end();
      return;
    }
    raw.write('retry: 3000\n\n');
    const cleanups: (() => void)[] = [];
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      streams.delete(end);
      for (const fn of cleanups) fn();
      raw.end();
    };
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    streams.add(end);
    raw.on('close', end); // the client went away (the response's socket closed)
    raw.on('error', end);
    const send: Send = (event, data, id) => {
      if (!ended) raw.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    try {
      await start(send, (fn) => (ended ? fn() : cleanups.push(fn)), end);
    } catch (e) {
      request.log.error({ err: e }, 'consultation stream');
      end();
    }
  }
};
