// Risk-information exchange with partner customs administrations (docs/risk-exchange.md):
// partners and their keys — registration, rotation, revocation (administrators), the export of signed seizure reports, our risky-party notices and their withdrawal, and the inbox of
// received messages (officers), a rule draft from a received message (officers; publishing stays
// with administrators at /api/v1/officer/risk/rules/drafts/:id/publish), and the inbound route
// partners post to, which authenticates each message by its Ed25519 signature, not by a session.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { exportSeizureReports } from '../../app/export-seizure-reports.ts';
import { issuePartyNotice, listPartyNotices } from '../../app/issue-party-notice.ts';
import { draftRulesFromExchangeMessage, listExchangeMessages } from '../../app/manage-exchange-messages.ts';
import { addExchangePartnerKey, listExchangePartners, registerExchangePartner, revokeExchangePartnerKey, stateExchangeKeyCompromise } from '../../app/manage-exchange-partners.ts';
import type { OfficerPrincipal } from '../../app/ports.ts';
import { receiveExchangeMessage } from '../../app/receive-exchange-message.ts';
import type { RiskExchangeDeps } from '../../app/risk-exchange-deps.ts';
import { withdrawPartyNotice } from '../../app/withdraw-party-notice.ts';
import { EnvelopeSchema, ExchangeMessageDoc, INBOX_KINDS, OFFENCE_CATEGORIES, OFFENCES, MESSAGE_KINDS, PartyNoticeWithdrawalBodySchema, WITHDRAWAL_GROUNDS } from '../../domain/risk-exchange/message.ts';
import { PARTY_ROLES } from '../../domain/risk/platform-risk.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { Closed, DateTime, described, errorResponses, Nullable } from '../response-schemas.ts';
import { Id, IdParams } from '../schemas.ts';

const PartnerBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,31}$', description: "the partner's code: the `from` of its messages and the `to` of ours, e.g. JP-CUSTOMS" }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2; the reportingCountry of its messages' }),
    publicKey: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'Ed25519 public key: the 32 raw bytes, base64url (the "x" of its JWK, RFC 8037)' }),
  },
  { additionalProperties: false },
);

const PartnerCode = Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,31}$' });
const KeyId = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: "the key's RFC 7638 thumbprint, as messages name it" });

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const SigningKey = Closed({ alg: Type.Literal('Ed25519'), keyId: Type.String(), publicKey: Type.String() });
const WithdrawalMessage = Closed({ ...EnvelopeSchema.properties, kind: Type.Literal('party_notice_withdrawal'), body: PartyNoticeWithdrawalBodySchema }, { description: 'signed, as partners receive it' });
// ---- the answers of the officer routes (documentation; the contract test holds them) ----

const PartnerKeySchema = Closed({
  keyId: Type.String({ description: "the key's RFC 7638 thumbprint, as messages name it" }),
  publicKey: Type.String({ description: 'Ed25519 public key: the 32 raw bytes, base64url' }),
  addedBy: Type.String({ description: 'the administrator who added it' }),
  addedAt: DateTime,
  state: Type.Union([Type.Literal('active'), Type.Literal('revoked')], { description: 'active: messages may be signed with it; revoked: messages signed with it are refused (401)' }),
  revokedAt: Nullable(DateTime),
  revokedBy: Nullable(Type.String()),
  revokedReason: Nullable(Type.String()),
  compromisedSince: Nullable(Type.String({ format: 'date-time', description: 'the key is held compromised from then, stated with the revocation or since (…/compromise): messages received since may be forged; null: not said (retired)' })),
});
const partnerFields = {
  code: Type.String({ description: "the partner's code: the `from` of its messages, the `to` of ours" }),
  name: Type.String(),
  country: Type.String({ description: 'ISO 3166-1 alpha-2' }),
  registeredBy: Type.String({ description: 'the administrator who registered it' }),
  registeredAt: DateTime,
  keys: Type.Array(PartnerKeySchema, { description: 'every key it has had, oldest first, revoked ones included' }),
};
const PartnerRegistered = Closed({ ...partnerFields, keyId: Type.String({ description: 'the id of the key registered with it' }) });
const Sender = Closed({ code: Type.String({ description: 'our code, the `from` of our messages' }), country: Type.String() });
const PartnerList = Closed({
  sender: Sender,
  signingKey: described('our public key: hand it to partners', SigningKey),
  partners: Type.Array(Closed(partnerFields)),
  noticeMaxValidDays: Type.Integer({ description: 'how far ahead a notice of ours may run (policy.exchange of data/risk-rules.json)' }),
});
const SignedMessage = described('A signed message as partners receive it (docs/risk-exchange.md)', ExchangeMessageDoc);
const SeizureExport = Closed({
  format: Type.Literal('tonggwan-risk-exchange'),
  version: Type.String(),
  sender: Sender,
  signingKey: SigningKey,
  period: Closed({ from: IsoDate, to: IsoDate }),
  recipient: Nullable(Type.String({ description: 'the partner the reports are addressed to; null: no one in particular' })),
  messages: Type.Array(SignedMessage, { description: 'one seizure_report per inspection that found something; signed once, the same on every export' }),
  skipped: Type.Array(Closed({ inspectionId: Type.Integer(), declarationId: Type.Integer(), reason: Type.String(), itemIndex: Type.Integer() }), { description: 'findings that could not be reported, with why' }),
  truncated: Type.Boolean({ description: 'more findings in the period than limit: narrow the period' }),
});
const NoticeIssued = Closed({ message: SignedMessage, signingKey: SigningKey });

const NoticeWithdrawn = Closed({
  message: WithdrawalMessage,
  withdraws: Closed({ messageId: Type.String(), recipient: Nullable(Type.String({ description: 'the partner the notice (and so the withdrawal) is addressed to' })) }),
  signingKey: SigningKey,
});

const OurWithdrawal = Closed({ messageId: Type.String(), createdBy: Type.String(), createdAt: DateTime, message: WithdrawalMessage });
const PartyNoticeList = Closed({
  notices: Type.Array(
    Closed({
      id: Type.Integer(),
      messageId: Type.String({ description: 'e.g. KR-TG-PN-00000001' }),
      recipient: Nullable(Type.String()),
      createdBy: Type.String({ description: 'the officer who issued it' }),
      createdAt: DateTime,
      message: SignedMessage,
      withdrawal: Nullable(OurWithdrawal),
    }),
    { description: 'newest first, one page of `limit`' },
  ),
  next: Nullable(Type.Integer({ description: 'pass as `after` for the older notices; null: none older' })),
});
const InboxList = Closed({
  messages: Type.Array(
    Closed({
      id: Type.Integer({ description: 'our inbox id: POST …/messages/{id}/draft' }),
      partner: Type.String(),
      messageId: Type.String({ description: 'the sender’s id of the message' }),
      kind: Type.Union(INBOX_KINDS.map((k) => Type.Literal(k))),
      message: SignedMessage,
      receivedAt: DateTime,
      signedWith: Closed(
        {
          keyId: Type.String(),
          revokedAt: Nullable(DateTime),
          revokedReason: Nullable(Type.String()),
          compromisedSince: Nullable(Type.String({ format: 'date-time', description: 'the key is held compromised from then (stated with its revocation or since); null: not said' })),
          suspect: Type.Boolean({ description: 'true: its key was compromised at or before we received it, it may be forged, and no rule is drafted from it; false: active, or revoked but received while valid (it stands)' }),
          note: Nullable(Closed({ ko: Type.String(), en: Type.String() }, { description: 'once the key is revoked: whether it stands or may be forged, and why; null while the key is active' })),
        },
        { description: 'the key its signature named and, once revoked, whether the message stands (src/domain/risk-exchange/revoked-key-source.ts)' },
      ),
      state: Type.Union([Type.Literal('verified'), Type.Literal('in_draft'), Type.Literal('applied')], {
        description: 'verified: stored after its checks; in_draft: in a rule draft not yet published; applied: in a published rule set',
      }),
      drafts: Type.Array(Closed({ draftId: Type.Integer(), publishedAs: Nullable(Type.String()), ruleCode: Nullable(Type.String({ description: 'the watch-list entry’s code' })) })),
      withdrawal: Nullable(
        Closed(
          { messageId: Type.String(), id: Type.Integer(), issuedAt: DateTime, receivedAt: DateTime, reason: PartyNoticeWithdrawalBodySchema.properties.reason },
          { description: 'the partner took the notice back: nothing new rests on it' },
        ),
      ),
    }),
    { description: 'newest first, one page of `limit`' },
  ),
  next: Nullable(Type.Integer({ description: 'pass as `after` for the older messages; null: none older' })),
});
const RuleDrafted = Closed({
  draft: Closed({
    id: Type.Integer(),
    basedOn: Nullable(Type.String({ description: 'the published rule-set version it starts from; null: none published yet' })),
    rules: Type.Object({}, { additionalProperties: true, description: 'the whole rule set with the watch-list entry added' }),
    note: Type.String(),
    createdBy: Type.String(),
    updatedAt: DateTime,
    publishedAs: Nullable(Type.String()),
  }),
  proposal: Closed({
    rule: Closed({
      code: Type.String(),
      ko: Type.String(),
      en: Type.String(),
      role: Type.String({ description: 'the profile role of the party' }),
      keys: Type.Array(Type.String(), { description: 'the profile keys the entry matches' }),
      weight: Type.Number(),
      validUntil: Type.Optional(IsoDate),
    }),
    source: Closed({ partner: Type.String(), messageId: Type.String(), kind: Type.Union(MESSAGE_KINDS.map((k) => Type.Literal(k))), validUntil: IsoDate }),
  }),
});
const OFFICER_ERRORS = { 401: 'Not signed in (UNAUTHENTICATED; INVALID_API_KEY for an unknown tgk_ key)', 403: 'Not an officer (FORBIDDEN)' };
const ADMIN_ERRORS = { 401: OFFICER_ERRORS[401], 403: 'Not an administrator (FORBIDDEN)' };

export const riskExchangeRoutes: FastifyPluginAsyncTypebox<{ exchange: RiskExchangeDeps | null | undefined }> = async (app, { exchange }) => {
  if (!exchange) return;
  const officer = requirePrincipal(['officer']);
  const admin = requirePrincipal(['officer'], ['admin']);
  const tags = ['risk-exchange'];
  const ExchangeReceived = Closed({
    received: Closed({
      id: Type.Integer({ description: 'our inbox id (officers: /api/v1/officer/risk-exchange/messages)' }),
      messageId: Type.String({ description: 'the sender’s id of the message' }),
      kind: Type.Union(MESSAGE_KINDS.map((k) => Type.Literal(k))),
      receivedAt: DateTime,
    }),
    replayed: Type.Boolean({ description: 'true: this id was received before with the same content; nothing new was stored' }),
    withdrawn: Type.Optional(
      Closed(
        { id: Type.Integer({ description: 'our inbox id of the notice' }), messageId: Type.String({ description: 'the partner’s id of the notice' }) },
        { description: 'a withdrawal only: the notice of the partner it withdraws' },
      ),
    ),
  });

  app.post(
    '/api/v1/officer/risk-exchange/partners',
    {
      preHandler: admin,
      config: {
        docResponses: {
          201: described('Registered, with its first key', PartnerRegistered),
          ...errorResponses({
            400: 'Bad body (VALIDATION_FAILED); not an Ed25519 public key (EXCHANGE_KEY_INVALID); our own code or key (VALIDATION_FAILED, code own_code_or_key on body.code or body.publicKey)',
            ...ADMIN_ERRORS,
            409: 'A partner with this code exists (EXCHANGE_PARTNER_EXISTS; details.path body.code)',
          }),
        },
      },
      schema: { tags, summary: 'Register a partner customs administration and its Ed25519 public key (administrators; audited)', body: PartnerBody } },
    async (request, reply) => {
      const r = await registerExchangePartner(exchange, request.principal as OfficerPrincipal, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/api/v1/officer/risk-exchange/partners/:code/keys',
    {
      preHandler: admin,
      config: {
        docResponses: {
          201: described('Added, active', PartnerKeySchema),
          ...errorResponses({
            400: 'Bad body or code (VALIDATION_FAILED); not an Ed25519 public key (EXCHANGE_KEY_INVALID); our own key',
            ...ADMIN_ERRORS,
            404: 'No such partner (EXCHANGE_PARTNER_NOT_FOUND)',
            409: 'The partner has this key already (EXCHANGE_KEY_EXISTS; details.path body.publicKey)',
          }),
        },
      },
      schema: {
        tags,
        summary: "Add a partner's next Ed25519 public key (rotation): messages may then be signed with it or with its other active keys (administrators; audited)",
        params: Type.Object({ code: PartnerCode }),
        body: Type.Object({ publicKey: PartnerBody.properties.publicKey }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const r = await addExchangePartnerKey(exchange, request.principal as OfficerPrincipal, request.params.code, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/api/v1/officer/risk-exchange/partners/:code/keys/:keyId/revoke',
    {
      preHandler: admin,
      config: {
        docResponses: {
          200: described('Revoked', PartnerKeySchema),
          ...errorResponses({
            400: 'Bad body, code or key id, or a reason empty once trimmed (VALIDATION_FAILED)',
            ...ADMIN_ERRORS,
            404: 'No such partner (EXCHANGE_PARTNER_NOT_FOUND), or no such key of it (EXCHANGE_KEY_NOT_FOUND)',
            409: 'Revoked already (EXCHANGE_KEY_REVOKED), or the last active key without lastKey: true (EXCHANGE_LAST_KEY)',
          }),
        },
      },
      schema: {
        tags,
        summary:
          "Revoke a partner's key (retired or compromised): messages signed with it are refused from now on (401); those received before stay. The last active key only with lastKey: true (the partner can then send nothing until a key is added). Administrators; audited",
        params: Type.Object({ code: PartnerCode, keyId: KeyId }),
        body: Type.Object(
          {
            reason: Type.String({ minLength: 1, maxLength: 500 }),
            lastKey: Type.Optional(Type.Boolean({ description: "revoke even the partner's last active key" })),
            compromisedSince: Type.Optional(
              Type.String({
                format: 'date-time',
                description:
                  'the key was compromised from then (not in the future; before it was added: from the start). Messages received from then on are flagged as possibly forged where a rule hit rests on them; those received before stay valid. Absent: retired, not compromised',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await revokeExchangePartnerKey(exchange, request.principal as OfficerPrincipal, request.params.code, request.params.keyId, request.body);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/api/v1/officer/risk-exchange/partners/:code/keys/:keyId/compromise',
    {
      preHandler: admin,
      config: {
        docResponses: {
          200: described('The key, with its compromise', PartnerKeySchema),
          ...errorResponses({
            400: 'Bad body, code or key id, a reason empty once trimmed, or a time after the revocation (VALIDATION_FAILED)',
            ...ADMIN_ERRORS,
            404: 'No such partner (EXCHANGE_PARTNER_NOT_FOUND), or no such key of it (EXCHANGE_KEY_NOT_FOUND)',
            409: 'The key is active: revoke it stating the compromise (EXCHANGE_KEY_NOT_REVOKED); a compromise is already on record (EXCHANGE_KEY_COMPROMISE_STATED)',
          }),
        },
      },
      schema: {
        tags,
        summary:
          "State that a key revoked without a compromise (a routine rotation) was compromised, and from when: the messages it verified that we received from then on become suspect everywhere (inbox, drafting, rules page, risk panel, hold form). Once per key, never changed. Administrators; audited",
        params: Type.Object({ code: PartnerCode, keyId: KeyId }),
        body: Type.Object(
          {
            compromisedSince: Type.String({
              format: 'date-time',
              description: 'compromised from then: at or before the revocation (no message naming the key was accepted after it); before the key was added: from the start',
            }),
            reason: Type.String({ minLength: 1, maxLength: 500, description: 'how the compromise became known' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await stateExchangeKeyCompromise(exchange, request.principal as OfficerPrincipal, request.params.code, request.params.keyId, request.body);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.get(
    '/api/v1/officer/risk-exchange/partners',
    { preHandler: officer, config: { docResponses: { 200: described('Partners, our code and our key', PartnerList), ...errorResponses(OFFICER_ERRORS) } }, schema: { tags, summary: 'Partner administrations with each of their keys and its state (active, revoked), our sender code and our public signing key (to hand to partners)' } },
    async () => listExchangePartners(exchange),
  );

  // POST, not GET: an export signs and stores the reports not exported before, and is audited.
  app.post(
    '/api/v1/officer/risk-exchange/seizure-reports/export',
    {
      preHandler: officer,
      config: {
        docResponses: {
          200: described('The signed reports of the period', SeizureExport),
          ...errorResponses({
            400: 'Bad body; from or to not a real date, to before from, or more than 366 days (VALIDATION_FAILED naming body.from or body.to)',
            ...OFFICER_ERRORS,
            404: 'The recipient is not a registered partner (EXCHANGE_PARTNER_NOT_FOUND)',
          }),
        },
      },
      schema: {
        tags,
        summary: 'Signed seizure reports of the inspections that found something between two days of the Korean calendar (KST, inclusive); no consumer personal data. Signed once: the same period gives the same messages',
        body: Type.Object(
          {
            from: IsoDate,
            to: IsoDate,
            recipient: Type.Optional(Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,31}$', description: 'a registered partner: the messages are addressed to it (`to`, covered by the signature)' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { from, to, recipient, limit } = request.body;
      const r = await exportSeizureReports(exchange, request.principal as OfficerPrincipal, { from, to, ...(recipient ? { recipient } : {}), limit: limit ?? 1000 });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/api/v1/officer/risk-exchange/party-notices',
    {
      preHandler: officer,
      config: {
        docResponses: {
          201: described('Issued: the signed notice (id KR-TG-PN-<n>, numbered without gaps), stored and audited', NoticeIssued),
          ...errorResponses({
            400: 'Bad body; a consignee or a broker (body.role, code role_not_exchanged); validUntil before today or too far ahead (body.validUntil, code valid_until_past, or valid_until_too_far with params.latest) (VALIDATION_FAILED)',
            ...OFFICER_ERRORS,
            404: 'No profile of this party (PARTY_NOT_FOUND; details.path body.key), or the recipient is not a registered partner (EXCHANGE_PARTNER_NOT_FOUND)',
            409: 'Our inspections found nothing on this party (EXCHANGE_NOTICE_WITHOUT_FINDINGS; details: one field error on body.role)',
          }),
        },
      },
      schema: {
        tags,
        summary:
          "Issue a signed risky-party notice about a platform, seller, forwarder or courier of our records (its profile: role and key), resting on our inspections' findings on it (evidenceCount is counted, not given). Never a consignee or a broker (400); a party with no findings: 409. Audited",
        body: Type.Object(
          {
            role: Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)), { description: 'the profile role; consignee and broker are refused with the reason' }),
            key: Type.String({ minLength: 1, maxLength: 200, description: 'the profile key, as in /api/v1/officer/parties/:role/:key' }),
            category: Type.Optional(Type.Union(OFFENCE_CATEGORIES.map((c) => Type.Literal(c)), { description: 'default: the category of what our findings on the party show most' })),
            offence: Type.Optional(Type.Union(OFFENCES.map((o) => Type.Literal(o)))),
            text: Type.Object({ en: Type.String({ minLength: 1, maxLength: 500 }), ko: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false }),
            validUntil: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the last day (Korean calendar) we stand by the notice: today at the earliest, at most policy.exchange.noticeMaxValidDays ahead' }),
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: "the party's country, ISO 3166-1 alpha-2, when known" })),
            recipient: Type.Optional(Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,31}$', description: 'a registered partner: the notice is addressed to it (`to`, covered by the signature)' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await issuePartyNotice(exchange, request.principal as OfficerPrincipal, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );

  app.get(
    '/api/v1/officer/risk-exchange/party-notices',
    {
      preHandler: officer,
      config: { docResponses: { 200: described('Our notices, newest first, a page at a time: pass `next` as `after` for older ones', PartyNoticeList), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', ...OFFICER_ERRORS }) } },
      schema: {
        tags,
        summary: 'Our risky-party notices, newest first, each as signed, with who issued it and for whom, and our withdrawal of it (as signed, who and when) or null',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), after: Type.Optional(Id({ description: 'the `next` of the page before: older notices' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => listPartyNotices(exchange, { limit: request.query.limit ?? 100, after: request.query.after }),
  );

  app.post(
    '/api/v1/officer/risk-exchange/party-notices/:messageId/withdraw',
    {
      preHandler: officer,
      config: {
        docResponses: {
          201: described('The signed withdrawal (id KR-TG-PW-<n>, numbered without gaps), addressed as the notice was; stored and audited', NoticeWithdrawn),
          ...errorResponses({
            400: 'Bad body, or a Korean reason empty once trimmed (VALIDATION_FAILED)',
            401: 'Not signed in (UNAUTHENTICATED)',
            403: 'Not an officer (FORBIDDEN)',
            404: 'No notice of ours with this id (EXCHANGE_NOTICE_NOT_FOUND)',
            409: 'Already withdrawn (EXCHANGE_NOTICE_WITHDRAWN, with the withdrawal, when and by whom)',
            422: 'Not a risky-party notice: a seizure report or a withdrawal (EXCHANGE_NOT_WITHDRAWABLE)',
          }),
        },
      },
      schema: {
        tags,
        summary:
          'Withdraw one of our risky-party notices (issued in error, or the party cleared since): a signed party_notice_withdrawal naming the notice by id and digest, addressed to its recipient. Once per notice; only notices. The reason in Korean, English optional. Audited',
        params: Type.Object({ messageId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{2,79}$', description: 'the notice id, e.g. KR-TG-PN-00000001' }) }),
        body: Type.Object(
          {
            grounds: Type.Union(WITHDRAWAL_GROUNDS.map((g) => Type.Literal(g)), { description: 'issued_in_error (a wrong identification, a finding overturned), party_cleared (e.g. an appeal won), other' }),
            reason: Type.String({ minLength: 1, maxLength: 500, description: 'in Korean' }),
            reasonEn: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'in English, for partners reading English' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await withdrawPartyNotice(exchange, request.principal as OfficerPrincipal, request.params.messageId, request.body);
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/api/v1/risk-exchange/messages',
    {
      // Authorization is the message's own: a registered partner's Ed25519 signature over its content.
      config: {
        docBody: ExchangeMessageDoc,
        rateLimit: { max: 600, timeWindow: '1 minute' },
        docResponses: {
          201: described('Received and stored', ExchangeReceived),
          200: described('The same message again (same id, same content): what was received the first time', ExchangeReceived),
          ...errorResponses({
            400: 'Not JSON, or a message that breaks the format (EXCHANGE_MESSAGE_INVALID, details.errors with field paths, in Korean and English)',
            401: 'Unknown sender, a key it does not hold, or a signature that does not verify over the content (EXCHANGE_SIGNATURE_INVALID)',
            409: 'Another content under an id already received (EXCHANGE_MESSAGE_CONFLICT; details.path id)',
            429: 'More than 600 messages a minute from this address (RATE_LIMITED)',
          }),
        },
      },
      schema: {
        tags,
        summary:
          "A partner administration sends a seizure report, a risky-party notice or the withdrawal of one of its notices. Authenticated by its signature (unknown sender, another key or altered content: 401), then validated (400 with field paths); the same id again: 200 (replayed) with the same content, 409 with other content. A withdrawal must name a notice the partner sent, by id and digest (422 EXCHANGE_WITHDRAWAL_UNKNOWN_NOTICE, 409 EXCHANGE_WITHDRAWAL_MISMATCH, 422 EXCHANGE_NOT_WITHDRAWABLE), once (409 EXCHANGE_NOTICE_WITHDRAWN); each names the field in details.path (body.withdraws.id, body.withdraws.digest), as the message's field errors do",
        body: Type.Unknown(),
        security: [],
      },
    },
    async (request, reply) => {
      const r = await receiveExchangeMessage(exchange, request.body);
      if (!r.ok) return sendFailure(reply, r.error);
      const { received, replayed, withdrawn } = r.value;
      return reply.code(replayed ? 200 : 201).send({ received, replayed, ...(withdrawn ? { withdrawn } : {}) });
    },
  );

  app.get(
    '/api/v1/officer/risk-exchange/messages',
    {
      preHandler: officer,
      config: { docResponses: { 200: described('The inbox, newest first, a page at a time: pass `next` as `after` for older messages', InboxList), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', ...OFFICER_ERRORS }) } },
      schema: {
        tags,
        summary:
          'Messages received from partners, newest first, with their state (verified, in_draft, applied), the drafts made from them and, for a notice the partner withdrew, its withdrawal (withdrawals are not listed apart); withdrawn=true lists only withdrawn notices',
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.Union(INBOX_KINDS.map((k) => Type.Literal(k)))),
            withdrawn: Type.Optional(Type.Boolean()),
            state: Type.Optional(Type.Union(['verified', 'in_draft', 'applied'].map((s) => Type.Literal(s as 'verified' | 'in_draft' | 'applied')))),
            partner: Type.Optional(Type.String({ maxLength: 32 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            after: Type.Optional(Id({ description: 'the `next` of the page before: older messages' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { kind, state, partner, withdrawn, limit, after } = request.query;
      return listExchangeMessages(exchange, { ...(kind ? { kind } : {}), ...(state ? { state } : {}), ...(partner ? { partner } : {}), ...(withdrawn === undefined ? {} : { withdrawn }), limit: limit ?? 100, after });
    },
  );

  app.post(
    '/api/v1/officer/risk-exchange/messages/:id/draft',
    {
      preHandler: officer,
      config: {
        docResponses: {
          201: described('The draft (not published) and the watch-list entry it adds', RuleDrafted),
          ...errorResponses({
            400: 'Bad body or id (VALIDATION_FAILED)',
            ...OFFICER_ERRORS,
            404: 'No such received message (EXCHANGE_MESSAGE_NOT_FOUND)',
            409: 'Signed with a key revoked as compromised at or before we received the message, which may be forged (EXCHANGE_MESSAGE_KEY_REVOKED; a message received while its key was valid is drafted from), or withdrawn by the partner (EXCHANGE_MESSAGE_WITHDRAWN)',
            422: 'Nothing to propose from it, e.g. a party without a name to match (EXCHANGE_NOTHING_TO_PROPOSE); the rule set with the entry would not be valid (RULE_SET_INVALID)',
          }),
        },
      },
      schema: {
        tags,
        summary: 'A rule draft: the published rule set plus a watch-list entry proposed from this message (its party, reason and validity). An administrator publishes it',
        params: IdParams,
        body: Type.Object(
          { weight: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, description: 'default: policy.exchange.watchlistWeight of data/risk-rules.json' })), note: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await draftRulesFromExchangeMessage(exchange, request.principal as OfficerPrincipal, request.params.id, request.body ?? {});
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
};
