import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createSecretBox, parseSecretKey, promoteNextKeyFile, resolveSecretKey, secretKeyFiles, writeKeyFile } from './secret-box.ts';

const key = crypto.randomBytes(32);
const box = createSecretBox(key, 'webhook-secret');

/** Flips one bit of the n-th `:`-separated part after `enc:v1:` (0 iv, 1 ciphertext, 2 tag). */
function flip(sealed: string, part: number): string {
  const parts = sealed.slice('enc:v1:'.length).split(':');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0]! ^= 1;
  parts[part] = bytes.toString('base64url');
  return `enc:v1:${parts.join(':')}`;
}

describe('secret box (AES-256-GCM)', () => {
  it('seals to enc:v1 and opens back', () => {
    const sealed = box.seal('whsec_abc');
    expect(sealed).toMatch(/^enc:v1:[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(box.isSealed(sealed)).toBe(true);
  });

  it('uses a random IV: two seals of the same text differ', () => {
    expect(box.seal('whsec_same')).not.toBe(box.seal('whsec_same'));
  });

  it('refuses a tampered IV, ciphertext or tag, a wrong key and another purpose', () => {
    const sealed = box.seal('whsec_abc');
    for (const part of [0, 1, 2]) expect(() => box.open(flip(sealed, part))).toThrow(/cannot decrypt webhook-secret: wrong key .* or tampered value/);
    expect(() => createSecretBox(crypto.randomBytes(32), 'webhook-secret').open(sealed)).toThrow(/wrong key/);
    expect(() => createSecretBox(key, 'other-use').open(sealed)).toThrow(/cannot decrypt/);
    expect(() => box.open('enc:v1:abc')).toThrow(/malformed/);
  });

  it('passes plaintext stored before encryption through unchanged', () => {
    expect(box.isSealed('whsec_legacy')).toBe(false);
    expect(box.open('whsec_legacy')).toBe('whsec_legacy');
  });

  it('round-trips any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => box.open(box.seal(s)) === s));
  });
});

describe('secret key', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tonggwan-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reads SECRET_KEY as base64, base64url or hex', () => {
    expect(parseSecretKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64url')).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('hex')).equals(key)).toBe(true);
    expect(resolveSecretKey({ secretKey: key.toString('hex'), dataDir: '/nonexistent' })).toMatchObject({ source: 'env', file: null });
  });

  it('refuses a malformed SECRET_KEY, naming the variable', () => {
    for (const bad of ['secret', crypto.randomBytes(16).toString('base64'), crypto.randomBytes(31).toString('hex') + 'zz', `${key.toString('base64').slice(0, 40)}!!!=`]) {
      expect(() => resolveSecretKey({ secretKey: bad, dataDir: '' })).toThrow(/^SECRET_KEY must be 32 bytes as base64 .* or hex/);
    }
  });

  it('without SECRET_KEY creates a 0600 key file in the data directory and reuses it', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = resolveSecretKey({ secretKey: null, dataDir });
    expect(first.source).toBe('file');
    expect(first.file).toBe(path.join(dataDir, 'secret.key'));
    expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual(['secret.key']);
    const second = resolveSecretKey({ secretKey: undefined, dataDir });
    expect(second.key.equals(first.key)).toBe(true);
    // a value sealed before the restart opens after it
    expect(createSecretBox(second.key, 'webhook-secret').open(createSecretBox(first.key, 'webhook-secret').seal('whsec_x'))).toBe('whsec_x');
  });

  it('refuses a corrupt key file instead of replacing it', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'secret.key'), 'not a key\n');
    expect(() => resolveSecretKey({ dataDir })).toThrow(/secret\.key must be 32 bytes/);
  });
});

describe('key files of a rotation', () => {
  it('writes a key file whole (0600, no temp file left) and promotes secret.key.next, keeping the old key', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonggwan-key-'));
    onTestFinished(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const files = secretKeyFiles(dataDir);
    const oldKey = resolveSecretKey({ dataDir }).key;
    const newKey = crypto.randomBytes(32);
    writeKeyFile(files.next, newKey);
    expect(fs.statSync(files.next).mode & 0o777).toBe(0o600);
    expect(parseSecretKey(fs.readFileSync(files.next, 'utf8')).equals(newKey)).toBe(true);
    expect(fs.readdirSync(dataDir).sort()).toEqual(['secret.key', 'secret.key.next']);

    expect(promoteNextKeyFile(dataDir)).toEqual({ key: newKey, file: files.current, previous: files.previous });
    expect(fs.readdirSync(dataDir).sort()).toEqual(['secret.key', 'secret.key.previous']);
    expect(resolveSecretKey({ dataDir }).key.equals(newKey)).toBe(true);
    expect(parseSecretKey(fs.readFileSync(files.previous, 'utf8')).equals(oldKey)).toBe(true);
    expect(fs.statSync(files.previous).mode & 0o777).toBe(0o600);
  });
});
