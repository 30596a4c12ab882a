// Response schemas of consumer identity (issue 6): passkeys, the usage ledger, "not me", the
// holder's own code, Web Push, the operator's poll of a consent request, the consent-token JWKS
// and the registry desk; published in /api/openapi.json as response-schemas.ts does, held to the
// real answers by test/integration/openapi-contract.test.ts.
import { Type } from '@sinclair/typebox';
import { Closed, DateTime, Nullable } from './response-schemas.ts';
import { declaredGoodsFields, lookupViewFields } from './public-response-schemas.ts';
import { Id } from './schemas.ts';
import { REGISTRY_EVENT_KINDS } from '../domain/security-activity.ts';

const IsoDate = (description: string) => Type.String({ format: 'date', description });
const HolderStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('cancelled')], { description: 'the code’s status in the registry' });
const ConsentStatus = Type.Union(
  ['pending', 'approved', 'declined', 'expired', 'refused'].map((s) => Type.Literal(s)),
  { description: 'pending until the holder decides on the phone; refused: a wrong number or a check failed (refusal says which)' },
);

// ---- passkeys ----

export const PasskeyRegistrationStarted = Closed({
  ceremonyId: Type.String({ description: 'pass to …/registration/{ceremonyId} with the attestation (5 minutes)' }),
  options: Type.Object(
    { challenge: Type.String() },
    { additionalProperties: true, description: 'WebAuthn PublicKeyCredentialCreationOptionsJSON (resident key, user verification required), for navigator.credentials.create (@simplewebauthn/browser startRegistration)' },
  ),
});

export const PasskeyView = Closed({
  id: Type.String({ description: 'the credential id (base64url): DELETE /api/v1/consumer/passkeys/{credentialId}' }),
  label: Type.String({ description: 'the name given at registration, or 패스키 N' }),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  usableFrom: Type.String({ format: 'date-time', description: 'a key added on SMS proof next to existing keys approves orders only from then (SIM-swap cooling period)' }),
  backedUp: Type.Boolean({ description: 'synced by the platform’s passkey provider' }),
  registeredVia: Type.String({ description: 'the session it was registered from: otp (name + mobile + postcode and a code) or passkey' }),
});
export const PasskeyList = Closed({ passkeys: Type.Array(PasskeyView, { description: 'oldest first' }) });
export const PasskeyRemoved = Closed({ removed: Type.Literal(true) });

// ---- ledger, "not me" ----

export const Ledger = Closed({
  pccc: Type.String({ description: 'the holder’s live code' }),
  declarations: Type.Array(
    Closed({
      ...lookupViewFields,
      pccc: Type.String({ description: 'the code the declaration names: the live one or an earlier one of the same holder' }),
      platform: Nullable(Type.String({ description: 'the shopping platform, as declared' })),
      seller: Nullable(Type.String({ description: 'the seller, as declared' })),
      courier: Nullable(Type.String({ description: 'the courier (특송업체), as declared' })),
      orderNo: Nullable(Type.String({ description: 'the order number, as declared' })),
      ...declaredGoodsFields,
      consent: Type.Union(['verified', 'missing', 'mismatch', 'unknown'].map((s) => Type.Literal(s)), {
        description: 'verified: the operator presented the holder’s consent token for this order; missing: none; mismatch: a token for another order; unknown: not checked',
      }),
      reported: Nullable(
        Closed(
          {
            caseId: Type.Integer(),
            held: Type.Boolean({ description: 'the report held the parcel' }),
            reportedAt: DateTime,
            status: Type.Union([Type.Literal('open'), Type.Literal('closed')], { description: 'open: customs is checking; closed: an officer closed the case' }),
            closedAt: Nullable(Type.String({ format: 'date-time', description: 'when an officer closed the case; null while open (or a case closed before the time was kept)' })),
            outcome: Type.Union([...['refused', 'withdrawn', 'held', 'released'].map((s) => Type.Literal(s)), Type.Null()], {
              description:
                'closed: what became of the parcel, by its status now. refused: clearance refused, not delivered; withdrawn: the declaration was withdrawn, not delivered under it; held: still held, customs has not decided; released: not held, clearance goes on or is done and the goods go to the declared address. null while open. The officer’s closing note is not given',
            }),
          },
          { description: 'the holder’s "not me" report, or null' },
        ),
      ),
      holdable: Type.Boolean({ description: 'true: not released yet, "not me" still holds it (one already held stays held)' }),
    }),
    { description: 'the declarations under any code the holder has had, newest first (by when they were received): one page of `limit`' },
  ),
  next: Nullable(Id({ description: 'pass as `after` for the older declarations; null: none older' })),
  approvals: Type.Array(
    Closed({
      id: Type.String(),
      status: ConsentStatus,
      platform: Type.String(),
      orderNo: Type.String(),
      total: Type.Integer({ description: 'hundredths of `currency` (cents)' }),
      currency: Type.String({ description: 'ISO 4217' }),
      operator: Type.String({ description: 'the operator that asked' }),
      createdAt: DateTime,
      decidedAt: Nullable(DateTime),
    }),
    { description: 'the latest 20 order-time consent requests for the holder’s codes, newest first' },
  ),
});

const MisuseCase = Closed({
  id: Type.Integer({ description: 'the case, as officers see it at /api/v1/officer/misuse-cases' }),
  holderId: Type.String(),
  pccc: Type.String({ description: 'the code the declaration names' }),
  declarationId: Type.Integer(),
  cargoNo: Type.String({ description: '화물관리번호' }),
  operatorId: Type.Integer({ description: 'the declaring operator' }),
  operatorName: Type.String(),
  held: Type.Boolean(),
  consent: Type.String({ description: 'verified, missing, mismatch or unknown (as in the ledger)' }),
  note: Type.String({ description: 'the holder’s note, trimmed (empty when none)' }),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  reportedAt: DateTime,
});
export const NotMeReported = Closed({
  case: MisuseCase,
  held: Type.Boolean({ description: 'true: the parcel is held until customs has checked (or was already held); false: already released, too late to hold' }),
  status: Type.String({ description: 'the declaration’s status after the report' }),
});

// ---- the holder's own code ----

const registryEvent = Closed({
  at: DateTime,
  pccc: Type.String(),
  action: Type.String({ description: 'issue, suspend, resume, cancel, reissue, renew, postcodes, phone, email, passkey_added, passkey_removed, not_me_reported …' }),
  actorKind: Type.String({ description: 'consumer, officer, system or operator' }),
  detail: Type.Unknown({ description: 'what the action recorded, e.g. {reason}, {replaces}, a passkey’s {label} or a report’s {cargoNo}' }),
});
const ownCodeFields = {
  pccc: Type.String({ description: 'the live code (개인통관고유부호)' }),
  status: HolderStatus,
  statusReason: Nullable(Type.String({ description: 'why it is suspended or cancelled' })),
  suspendedBy: Nullable(
    Type.Union([Type.Literal('holder'), Type.Literal('officer')], {
      description:
        'who suspended it (by its latest suspend): officer, customs ex officio (직권 사용정지: only customs lifts it; the holder’s resume and reissue are refused, PCCC_NOT_ACTIVE, details.suspendedBy officer; ask customs, 125 관세청 고객지원센터); holder, the holder’s own (or any other not by customs: the holder may resume it); null unless suspended',
    }),
  ),
  issuedOn: IsoDate('the day it was issued'),
  expiresOn: IsoDate('the last day it is valid'),
  name: Type.String(),
  phone: Type.String({ description: 'the registered mobile, masked (010-****-5678)' }),
  postcodes: Type.Array(Type.String(), { description: 'the registered delivery postcodes' }),
  email: Nullable(Type.String()),
  previous: Type.Array(Closed({ pccc: Type.String(), status: Type.String(), replacedBy: Nullable(Type.String()), issuedOn: IsoDate('the day it was issued') }), { description: 'earlier codes, newest first' }),
  events: Type.Array(registryEvent, { description: 'the registry’s events for the holder, newest first (at most 200; all of them, a page at a time and in words safe to show: GET /api/v1/consumer/pccc/events)' }),
  renewal: Closed(
    {
      opensOn: IsoDate('the first day the code can be renewed (30 days before expiry)'),
      closesOn: IsoDate('the last day it can be renewed (30 days after expiry); not renewed by then, it is cancelled'),
      open: Type.Boolean({ description: 'today (Korean date) is within the window and the code is active' }),
      expired: Type.Boolean({ description: 'today is after expiresOn' }),
      renewsUntil: IsoDate('the last valid day after a renewal (a year after expiresOn)'),
    },
    { description: 'the renewal window around expiry (고시 2025-06-18)' },
  ),
  rules: Closed({
    reissuesPerYear: Type.Integer({ description: 'reissues allowed a year' }),
    reissuesPerYearUncertain: Type.Boolean({ description: 'true: the figure is an assumption, not confirmed by a published rule' }),
    maxPostcodes: Type.Integer(),
  }),
};
export const OwnCode = Closed(ownCodeFields);
/** GET /api/v1/consumer/pccc/events: the holder's security activity (src/domain/security-activity.ts). */
export const SecurityActivityPage = Closed({
  events: Type.Array(
    Closed({
      id: Id({ description: 'the event; the last one shown is `next`' }),
      at: DateTime,
      kind: Type.Union(
        [...REGISTRY_EVENT_KINDS, 'other'].map((k) => Type.Literal(k)),
        { description: 'what changed; other: a kind this version has no words for (told in general words)' },
      ),
      by: Type.Union([Type.Literal('holder'), Type.Literal('customs'), Type.Literal('system')], { description: 'holder: the holder’s own session; customs: an officer (직권); system: a job or an import' }),
      codeEnding: Nullable(Type.String({ description: 'the last four digits of the code the event is about (never the whole code)' })),
      from: Nullable(Type.String({ description: 'phone/email: the earlier one, masked (010-****-5678, m***@example.com); renew: the expiry before; issue after a reissue: the replaced code’s last four digits' })),
      to: Nullable(Type.String({ description: 'phone/email: the new one, masked; renew: the new expiry; reissue: the new code’s last four digits' })),
      count: Nullable(Type.Integer({ minimum: 0, description: 'postcodes: how many are registered now (never which)' })),
      otherSessionsEnded: Nullable(Type.Integer({ minimum: 0, description: 'phone/email: the holder’s other sessions the change signed out' })),
      label: Nullable(Type.String({ description: 'passkey_added/passkey_removed: the label the holder gave the passkey (never its credential id or key)' })),
      cargoNo: Nullable(Type.String({ description: 'not_me_reported: the cargo number (화물관리번호) the report was about' })),
      text: Closed({ ko: Type.String(), en: Type.String() }, { description: 'the event in a sentence, e.g. 휴대전화 번호를 010-****-5432(으)로 바꿨습니다. / Changed the mobile number to 010-****-5432. (no reason or other free text)' }),
    }),
    { description: 'the holder’s registry events on every code they have had, newest first: one page of `limit`' },
  ),
  next: Nullable(Id({ description: 'pass as `before` for the older events; null: none older' })),
});
export const OwnCodeChanged = Closed({
  ...ownCodeFields,
  reissuesLeft: Type.Optional(Type.Integer({ minimum: 0, description: 'after a reissue: reissues left this year' })),
  otherSessionsEnded: Type.Optional(Type.Integer({ minimum: 0, description: 'after a suspend: how many of the holder’s other sessions it signed out (0: signed in nowhere else)' })),
});
/** A confirmed change of where notices go (POST /api/v1/consumer/contacts/{phone|email}/confirm). */
export const ContactChanged = Closed({
  ...ownCodeFields,
  otherSessionsEnded: Type.Integer({
    minimum: 0,
    description: 'how many of the holder’s other sessions the change signed out (the contact recovers the code; the session that made the change stays; 0: signed in nowhere else)',
  }),
});

// ---- Web Push ----

export const VapidPublicKey = Closed({ publicKey: Nullable(Type.String({ description: 'the applicationServerKey (base64url); null: Web Push is not configured' })) });
export const PushSubscribed = Closed({ subscribed: Type.Literal(true) });
export const PushDevices = Closed({
  devices: Type.Integer({ minimum: 0, description: 'how many installed apps (browsers) get the holder’s alerts by Web Push' }),
  thisDevice: Type.Boolean({ description: 'whether the endpoint asked about is one of them (false without one)' }),
});
export const PushRemoved = Closed({ removed: Type.Integer({ minimum: 0, description: 'how many installed apps no longer get the alerts' }) });

// ---- consent: the operator's poll, the token keys ----

export const ConsentRequestStatus = Closed({
  id: Type.String(),
  status: ConsentStatus,
  refusal: Nullable(Type.String({ description: 'why the request was refused, e.g. wrong_number' })),
  expiresAt: DateTime,
  decidedAt: Nullable(DateTime),
  matchingNumber: Type.String({ pattern: '^\\d{2}$' }),
  orderHash: Type.String({ description: 'the hash of the order the approval is bound to' }),
  token: Nullable(Type.String({ description: 'once approved: the consent token, a compact JWS (ES256) to send with the declaration; verify it with /api/v1/identity/jwks.json' })),
});

export const Jwks = Closed({
  keys: Type.Array(
    Closed({
      kty: Type.Literal('EC'),
      crv: Type.Literal('P-256'),
      x: Type.String(),
      y: Type.String(),
      kid: Type.String({ description: 'the RFC 7638 thumbprint; the consent token’s header names it' }),
      alg: Type.Literal('ES256'),
      use: Type.Literal('sig'),
    }),
  ),
});

// ---- the registry desk (officers) ----

const registryHolderFields = {
  pccc: Type.String(),
  holderId: Type.String({ description: 'the person behind every code they have had' }),
  name: Type.String(),
  phone: Type.String({ description: 'digits only' }),
  postcodes: Type.Array(Type.String()),
  status: HolderStatus,
  issuedOn: IsoDate('the day it was issued'),
  expiresOn: IsoDate('the last day it is valid'),
  email: Nullable(Type.String()),
  nameEn: Nullable(Type.String()),
  replacedBy: Nullable(Type.String({ description: 'the code that replaced it on reissue' })),
  statusReason: Nullable(Type.String()),
};
export const RegistryHolder = Closed(registryHolderFields, { description: 'A code in the registry, as the desk sees it (unmasked)' });
export const RegistryReissued = Closed({
  previous: Closed(registryHolderFields, { description: 'the old code, cancelled at once' }),
  current: Closed(registryHolderFields, { description: 'the new code' }),
  reissuesLeft: Type.Integer({ minimum: 0, description: 'reissues left this year' }),
});

/** A change of the holder's contact started: the one-time code went to the new number or address (change-holder-contact.ts). */
export const ContactChangeStarted = Closed({
  challengeId: Type.String({ description: 'pass to …/confirm with the code and the same new value' }),
  field: Type.Union([Type.Literal('phone'), Type.Literal('email')]),
  sentTo: Type.String({ description: 'the new number or address, masked (010-****-5678, h***@example.com)' }),
  expiresAt: Type.String({ format: 'date-time', description: 'the code expires (5 minutes)' }),
});
