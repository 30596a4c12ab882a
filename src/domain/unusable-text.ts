// Text PostgreSQL cannot store (U+0000 anywhere, an unpaired UTF-16 surrogate in jsonb) and
// declarations nested deeper than MAX_NESTING: intake (app/submit-declarations.ts) refuses such a
// declaration on its own, naming the field, and so does the CLI (cli/assess-command.ts), which runs
// the same engine offline: a file the CLI assesses is a file the platform accepts.
import type { FieldError } from './assessment.ts';
import { canonicalJsonOrNull, MAX_NESTING, UNSTORABLE_TEXT_ESCAPE } from './canonical-json.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store `s` as text and in jsonb. */
export const isStorableText = (s: string): boolean => textProblem(s) === null;

/** Why `s` cannot be stored: NUL first (PostgreSQL refuses it in any text), then an unpaired surrogate. */
function textProblem(s: string): 'nul_character' | 'unpaired_surrogate' | null {
  if (s.includes('\u0000')) return 'nul_character';
  return LONE_SURROGATE.test(s) ? 'unpaired_surrogate' : null;
}

const nulCharacter = (path: string): FieldError => ({ path, code: 'nul_character', ko: '문자열에 NUL 문자(\\u0000)를 쓸 수 없습니다.', en: 'Strings may not contain the NUL character (\\u0000).' });
const unpairedSurrogate = (path: string): FieldError => ({
  path,
  code: 'unpaired_surrogate',
  ko: '문자열에 짝이 없는 서로게이트(\\ud800 등)를 쓸 수 없습니다.',
  en: 'Strings may not contain an unpaired surrogate (such as \\ud800).',
});
export const TOO_DEEPLY_NESTED: FieldError = {
  path: '',
  code: 'too_deeply_nested',
  ko: `신고의 중첩 깊이가 ${MAX_NESTING}단계를 넘습니다.`,
  en: `The declaration nests deeper than ${MAX_NESTING} levels.`,
};

/** The field error of a string PostgreSQL cannot store at `path`, or null when it can be stored. */
export function unstorableStringError(s: string, path: string): FieldError | null {
  const problem = textProblem(s);
  return problem === null ? null : problem === 'nul_character' ? nulCharacter(path) : unpairedSurrogate(path);
}

/**
 * The first string (or object key) of `value` that cannot be stored, in document order, as a
 * field error with its path ("items[0].description"; a key as `consignee["bad\u0000key"]`), or null.
 * Iterative; `value` is at most MAX_NESTING deep when called from declarationTextError.
 */
function unstorableTextError(value: unknown): FieldError | null {
  const stack: [unknown, string][] = [[value, '']];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return problem === 'nul_character' ? nulCharacter(path) : unpairedSurrogate(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        // JSON.stringify escapes NUL and unpaired surrogates: the path itself can be stored.
        if (textProblem(k)) stack.push([k, `${path}[${JSON.stringify(k)}]`]);
        else stack.push([x, join(path, k)]);
      }
    }
  }
  return null;
}

/**
 * Why a declaration cannot be taken as it is: nested too deep, or holding text that cannot be
 * stored; null when it can. `canonical` is its canonicalJsonOrNull when the caller has it (intake
 * hashes it): most declarations are cleared by a scan of that text, without walking the value.
 */
export function declarationTextError(value: unknown, canonical: string | null | undefined = canonicalJsonOrNull(value)): FieldError | null {
  if (canonical === null) return TOO_DEEPLY_NESTED;
  // JSON.stringify escapes exactly U+0000 (as \u0000) and unpaired surrogates: without such an escape, nothing to find.
  if (!canonical.includes('\\u') || !UNSTORABLE_TEXT_ESCAPE.test(canonical)) return null;
  return unstorableTextError(value);
}
