// How the throttling tables keep who they count: rate_limit_counts (migrations/076) and the officer
// sign-in throttle (migrations/075, 077).
import { createHash } from 'node:crypto';

/**
 * A key as stored: its SHA-256 (base64url, 43 characters). Keys are client addresses, usernames and,
 * on the consultation routes, a consumer's PCCC (src/http/auth.ts rateLimitKeyOf), on the UNI-PASS
 * routes a crkyCn API key (src/http/unipass/limits.ts): a counter needs to
 * tell them apart, not to read them, so no clear text is kept to show or to purge. Unsalted, so not a
 * secret from whoever can hash every candidate (IPv4 addresses, a staff list): it keeps the table from
 * being a readable list of who signed in from where. Migration 077 computes the same in SQL.
 */
export const storedKeyOf = (key: string): string => createHash('sha256').update(key).digest('base64url');
