// The language of the CLI's own messages (usage, errors, the summary on stderr): Korean by
// default, English on request (docs/style.md). Standard output (JSON, with both) does not change.

export type Lang = 'ko' | 'en';

export const LANGS: readonly Lang[] = ['ko', 'en'];

/**
 * The language the environment asks for: TONGGWAN_LANG, else the locale (LC_ALL, LC_MESSAGES,
 * LANG: the first one set decides, as in POSIX); English when it starts with "en", else Korean.
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const chosen = [env.TONGGWAN_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return chosen?.toLowerCase().startsWith('en') ? 'en' : 'ko';
}

export type LangPick = { ok: true; lang: Lang; args: string[] } | { ok: false; lang: Lang; message: string };

const BAD_LANG: Record<Lang, (value: string | null) => string> = {
  ko: (v) => (v === null ? '--lang 뒤에 언어를 주세요: ko 또는 en' : `--lang은 ko 또는 en이어야 합니다 ("${v}" 아님)`),
  en: (v) => (v === null ? '--lang needs a value: ko or en' : `--lang must be ko or en, not "${v}"`),
};

/**
 * Takes `--lang ko|en` (or `--lang=…`) out of `args`, wherever it is; the last one wins. Without it,
 * `fallback` (the environment's). An unknown value is refused in the fallback language.
 */
export function pickLang(args: readonly string[], fallback: Lang): LangPick {
  let lang = fallback;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a !== '--lang' && !a.startsWith('--lang=')) {
      rest.push(a);
      continue;
    }
    const value = a === '--lang' ? (args[++i] ?? null) : a.slice('--lang='.length);
    if (value === null || !(LANGS as readonly string[]).includes(value)) return { ok: false, lang: fallback, message: BAD_LANG[fallback](value) };
    lang = value as Lang;
  }
  return { ok: true, lang, args: rest };
}

export interface LangIo {
  /** The environment's language (main.ts: langFromEnv); Korean when absent. */
  lang?: Lang;
  stderr(text: string): void;
}

/**
 * What `tonggwan` and each of its commands do first: the language of their messages, --lang in
 * `args` over the environment's (io.lang), and the arguments without --lang. An unknown --lang is
 * refused on stderr, prefixed with `who` ("tonggwan risk"): then null, and the caller exits with 2.
 */
export function commandLang(who: string, args: readonly string[], io: LangIo): { lang: Lang; args: string[] } | null {
  const picked = pickLang(args, io.lang ?? 'ko');
  if (picked.ok) return { lang: picked.lang, args: picked.args };
  io.stderr(`${who}: ${picked.message}\n`);
  return null;
}

/** Node's parseArgs errors ("Unknown option '--x'. …"), first sentence, in Korean or English. */
export function argsErrorText(e: unknown, lang: Lang): string {
  const error = e as { code?: string; message: string };
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  // `--seed -1`: Node's first sentence ("argument is ambiguous") leaves out the way to write it, which its next ones give
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument is ambiguous/.test(error.message)) {
    return lang === 'en' ? `the value of ${quoted} starts with "-": write ${quoted}=-…` : `${quoted}의 값이 "-"로 시작합니다: ${quoted}=-… 형식으로 쓰세요`;
  }
  const en = error.message.split('\n')[0]!.replace(/\. .*$/, '');
  if (lang === 'en') return en;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `알 수 없는 옵션 '${quoted}'`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `예상하지 못한 인수 '${quoted}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `옵션 '${quoted}'의 값이 없거나 올바르지 않습니다`;
    default:
      return en;
  }
}
