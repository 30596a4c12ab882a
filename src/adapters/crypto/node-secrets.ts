// Randomness and hashing with node:crypto: SHA-256 for high-entropy tokens, scrypt for passwords.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Secrets } from '../../app/ports.ts';

/**
 * Constant-time equality of two strings: crypto.timingSafeEqual over their SHA-256 digests, which
 * are always 32 bytes (timingSafeEqual needs equal lengths and would throw, or a length check
 * before it would tell the length of the secret).
 */
export function sameSecret(a: string, b: string): boolean {
  return crypto.timingSafeEqual(crypto.createHash('sha256').update(a).digest(), crypto.createHash('sha256').update(b).digest());
}

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;
const N = 16384;
const R = 8;
const P = 1;

/** 18 random bytes in base64url: 24 characters (the staff-password rules' 12 to 200). */
export function randomPassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export const nodeSecrets: Secrets = {
  randomPassword,
  randomToken: (prefix) => `${prefix}${crypto.randomBytes(32).toString('base64url')}`,
  otpCode: () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0'),
  sha256: (text) => crypto.createHash('sha256').update(text).digest('hex'),
  hmacSha256Hex: (secret, text) => crypto.createHmac('sha256', secret).update(text).digest('hex'),
  sameSecret,
  async hashPassword(password) {
    const salt = crypto.randomBytes(16);
    const hash = await scrypt(password, salt, 32, { N, r: R, p: P });
    return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
  },
  async verifyPassword(password, stored) {
    const [alg, n, r, p, salt, hash] = stored.split('$');
    if (alg !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64url');
    const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length || 32, { N: Number(n), r: Number(r), p: Number(p) });
    return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
  },
};
