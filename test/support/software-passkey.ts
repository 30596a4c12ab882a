// A passkey in software (ES256 on P-256, user present and verified) for tests over HTTP without a
// browser: its COSE public key is stored as a registration would store it, and it signs WebAuthn
// assertions (authenticator data ‖ SHA-256 of the client data) as an authenticator does, so the
// server verifies them with @simplewebauthn/server like any other. The browser ceremonies
// themselves are tested in test/e2e.
import crypto from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

export interface SoftwarePasskey {
  credentialId: string;
  /** The COSE_Key (RFC 9052 §7): kty EC2, alg ES256, crv P-256, x, y. */
  publicKey: Uint8Array;
  /** An AuthenticationResponseJSON for this challenge (base64url), as the browser library sends it. */
  assert(challenge: string): Record<string, unknown>;
  /** A RegistrationResponseJSON for this challenge (attestation format none), as the browser library sends it. */
  attest(challenge: string): Record<string, unknown>;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest();

export function softwarePasskey(options: { rpId?: string; origin?: string } = {}): SoftwarePasskey {
  const rpId = options.rpId ?? 'localhost';
  const origin = options.origin ?? 'http://localhost';
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const coordinate = (c: string | undefined) => new Uint8Array(Buffer.from(c!, 'base64url'));
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, coordinate(jwk.x)],
      [-3, coordinate(jwk.y)],
    ]),
  );
  const credentialId = crypto.randomBytes(16).toString('base64url');
  let counter = 0;
  return {
    credentialId,
    publicKey: new Uint8Array(cose),
    attest(challenge) {
      const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge, origin, crossOrigin: false }));
      const id = Buffer.from(credentialId, 'base64url');
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      // WebAuthn §6.1: rpIdHash, flags (user present, user verified, attested credential data), counter, then AAGUID, id length, id, COSE key
      const authData = Buffer.concat([sha256(Buffer.from(rpId)), Buffer.from([0x01 | 0x04 | 0x40]), Buffer.alloc(4), Buffer.alloc(16), idLength, id, Buffer.from(cose)]);
      const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', new Uint8Array(authData)]]) as never);
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        response: { clientDataJSON: clientDataJSON.toString('base64url'), attestationObject: Buffer.from(attestationObject).toString('base64url'), transports: ['internal'] },
        clientExtensionResults: {},
      };
    },
    assert(challenge) {
      const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false }));
      const count = Buffer.alloc(4);
      count.writeUInt32BE(++counter);
      const flags = Buffer.from([0x01 | 0x04]); // user present, user verified
      const authenticatorData = Buffer.concat([sha256(Buffer.from(rpId)), flags, count]);
      const signature = crypto.sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), privateKey); // DER, as WebAuthn's ES256
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        response: { clientDataJSON: clientDataJSON.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signature: signature.toString('base64url') },
        clientExtensionResults: {},
      };
    },
  };
}
