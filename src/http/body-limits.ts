// What a 413 PAYLOAD_TOO_LARGE says: the limit of the route the body was sent to and what to do
// about it, so an administrator whose 25 MB tariff file is refused knows to split it.
import type { Bilingual } from '../domain/bilingual.ts';
import { MAX_BATCH } from './schemas.ts';

/** A JSON body on a route without a limit of its own (Fastify's bodyLimit). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** A text body (CSV uploads) on a route without a limit of its own. */
export const TEXT_BODY_LIMIT = 20 * 1024 * 1024;

/** What a route tells a client whose body was too large; set as `config.tooLarge` (else from the content type). */
export type TooLargeAdvice = 'split-csv' | 'fewer-declarations' | 'smaller';

/** `20 MB`, `512 KB`, `1,536 bytes`: whole units only, so the figure is exact. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${(bytes / 1024).toLocaleString('en-US')} KB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/**
 * The limit Fastify applied: the route's own bodyLimit if it has one (recorded as `config.bodyLimit`
 * by app.ts), else the content type parser's (text: 20 MB; JSON: 1 MB), as content-type-parser.js rawBody does.
 */
export function effectiveBodyLimit(routeLimit: number | undefined, contentType: string | undefined): number {
  if (typeof routeLimit === 'number') return routeLimit;
  return /^text\/(csv|plain)\b/i.test(contentType ?? '') ? TEXT_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

export function adviceFor(configured: TooLargeAdvice | undefined, contentType: string | undefined): TooLargeAdvice {
  return configured ?? (/^text\/(csv|plain)\b/i.test(contentType ?? '') ? 'split-csv' : 'smaller');
}

/** The 413's words: the limit, then what to do. `largest`: refused before any route was chosen (Expect: 100-continue). */
export function payloadTooLargeText(limit: number, advice: TooLargeAdvice, largest = false): Bilingual {
  const size = sizeText(limit);
  const max = MAX_BATCH.toLocaleString('en-US');
  const head: Bilingual = largest
    ? { ko: `요청 본문이 너무 큽니다: 어떤 경로도 ${size}보다 큰 본문은 받지 않습니다.`, en: `The request body is too large: no route takes a body over ${size}.` }
    : { ko: `요청 본문이 너무 큽니다: 이 경로는 ${size}까지 받습니다.`, en: `The request body is too large: this route takes at most ${size}.` };
  const tail: Bilingual =
    advice === 'split-csv'
      ? { ko: `CSV 파일을 ${size} 이하의 여러 파일로 나누어 하나씩 올리세요.`, en: `Split the CSV into files of ${size} or less and send each one.` }
      : advice === 'fewer-declarations'
        ? { ko: `한 요청에 보내는 신고 수를 줄여 나누어 보내세요(한 번에 최대 ${max}건, ${size} 이하).`, en: `Send fewer declarations per request, in several requests (at most ${max} per request, ${size} or less).` }
        : { ko: `${size} 이하로 줄여 다시 보내세요.`, en: `Send a body of ${size} or less.` };
  return { ko: `${head.ko} ${tail.ko}`, en: `${head.en} ${tail.en}` };
}
