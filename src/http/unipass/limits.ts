// Rate limits of the UNI-PASS-compatible routes, counted by @fastify/rate-limit in the platform's
// shared store (src/http/rate-limit-store.ts: per route, keys kept as SHA-256). One count per request:
// a valid key counts as that key, a request without a key or with a wrong one as its client address.
import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import type { UnipassApi, UnipassPorts } from './ports.ts';

/**
 * Requests a minute per key on the read-only lookups (API001 cargo progress, API012 exchange rates,
 * API018 HS search, API030 tariff): public or the key holder's own data, so the limit only keeps one
 * client from taking the database; 600 (10 a second) lets an operator track a day's parcels
 * (10,000 a batch) in well under an hour. UNIPASS_RATE_LIMIT.
 */
export const UNIPASS_LOOKUPS_PER_KEY = 600;
/**
 * API028 checks a minute per key: each answer says whether a name, PCCC and phone belong together
 * (and which does not), an oracle on personal data. 60 (one a second) is more than a shop's checkout
 * asks of it, and keeps a key holder from confirming leaked records at speed: 86,400 a day at most,
 * each counted against a known operator's key. UNIPASS_PCCC_RATE_LIMIT.
 */
export const UNIPASS_PCCC_CHECKS_PER_KEY = 60;
/**
 * Requests a minute per client address (per API) without a key or with a wrong one, as the sign-in
 * routes allow 30: a client with a working key never reaches it, and over it the address is refused
 * whatever key it sends (below), so keys cannot be tried at full speed. UNIPASS_WRONG_KEY_RATE_LIMIT.
 */
export const UNIPASS_WRONG_KEYS_PER_ADDRESS = 30;

export interface UnipassLimits {
  /** Per key a minute on API001/012/018/030; 0: not limited. */
  lookupsPerKey: number;
  /** Per key a minute on API028; 0: not limited. */
  pcccChecksPerKey: number;
  /** Per client address a minute without a valid key, per API (always limited). */
  wrongKeysPerAddress: number;
  /** This route's count of `countedAs` in its open window, without counting (the shared store's peek; 0 when unknown). */
  peek(request: FastifyRequest, countedAs: string): Promise<number>;
}

const KEY = 'unipass-key:';

/** Who a request counts as: 'unipass-address:<address>' (an IPv6 client by its /56, as the plugin's default) or 'unipass-key:<crkyCn>'. */
export const addressOf = (request: FastifyRequest): string => `unipass-address:${normalizeIP(request.ip)}`;

/**
 * The route's `config.rateLimit`. The key is checked here (the answer is kept for the handler, so one
 * request checks it once). An address over its wrong keys is counted as its address whatever it sends,
 * valid key included, without checking the key: refused only for wrong keys, a right guess would still
 * answer, and the refusals would tell wrong keys from right ones at full speed.
 */
export function routeRateLimit(
  api: UnipassApi,
  limits: UnipassLimits,
  ports: Pick<UnipassPorts, 'isValidKey'>,
  keyOf: (request: FastifyRequest) => string | undefined,
  checked: WeakMap<FastifyRequest, boolean>,
) {
  const perKey = api === 'API028' ? limits.pcccChecksPerKey : limits.lookupsPerKey;
  return {
    timeWindow: '1 minute',
    async keyGenerator(request: FastifyRequest): Promise<string> {
      const address = addressOf(request);
      const crkyCn = keyOf(request);
      if (crkyCn === undefined) return address;
      if ((await limits.peek(request, address)) >= limits.wrongKeysPerAddress) return address;
      const valid = await ports.isValidKey(api, crkyCn);
      checked.set(request, valid);
      return valid ? `${KEY}${crkyCn}` : address;
    },
    max: (_request: FastifyRequest, countedAs: string): number =>
      countedAs.startsWith(KEY) ? perKey || Number.POSITIVE_INFINITY : limits.wrongKeysPerAddress,
  };
}
