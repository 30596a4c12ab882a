// The language of the CLI's messages: --lang beats TONGGWAN_LANG, which beats the locale; every
// command (and tonggwan itself) takes it the same way, through commandLang.
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../../test/fixtures/fixture-reference.ts';
import { assessCommand, type CommandIo } from './assess-command.ts';
import { argsErrorText, commandLang, langFromEnv, type Lang } from './lang.ts';
import { riskCommand } from './risk-command.ts';
import { secretsCommand } from './secrets-command.ts';

/** The language main.ts would hand the commands for `env`, then `--lang` in `args` over it. */
function langOf(args: string[], env: Record<string, string>) {
  let err = '';
  const picked = commandLang('tonggwan', args, { lang: langFromEnv(env), stderr: (t) => void (err += t) });
  return picked ? picked.lang : err;
}

describe('langFromEnv and commandLang', () => {
  it('--lang over TONGGWAN_LANG over the locale (LC_ALL, LC_MESSAGES, LANG: the first set); Korean by default', () => {
    const cases: [string[], Record<string, string>, Lang][] = [
      [[], {}, 'ko'],
      [[], { LANG: 'C.UTF-8' }, 'ko'],
      [[], { LANG: 'en_US.UTF-8' }, 'en'],
      [[], { LC_MESSAGES: 'ko_KR.UTF-8', LANG: 'en_US.UTF-8' }, 'ko'],
      [[], { LC_ALL: 'en_GB.UTF-8', LC_MESSAGES: 'ko_KR.UTF-8' }, 'en'],
      [[], { LC_ALL: '', LANG: 'en_US.UTF-8' }, 'en'], // an empty variable is not set
      [[], { TONGGWAN_LANG: 'ko', LC_ALL: 'en_US.UTF-8' }, 'ko'],
      [[], { TONGGWAN_LANG: 'en', LANG: 'ko_KR.UTF-8' }, 'en'],
      [['--lang', 'en'], { TONGGWAN_LANG: 'ko', LANG: 'ko_KR.UTF-8' }, 'en'],
      [['--lang=ko'], { TONGGWAN_LANG: 'en' }, 'ko'],
      [['--lang', 'en', 'x', '--lang', 'ko'], { LANG: 'en_US.UTF-8' }, 'ko'], // the last one wins
    ];
    for (const [args, env, lang] of cases) expect(langOf(args, env), JSON.stringify([args, env])).toBe(lang);
  });

  it('takes --lang out of the arguments, except after --', () => {
    const io = { lang: 'ko' as Lang, stderr: () => undefined };
    expect(commandLang('tonggwan', ['assess', '--lang', 'en', '-'], io)).toEqual({ lang: 'en', args: ['assess', '-'] });
    expect(commandLang('tonggwan', ['--', '--lang', 'en'], io)).toEqual({ lang: 'ko', args: ['--', '--lang', 'en'] });
  });

  it('refuses an unknown value on stderr, in the environment\'s language, prefixed with the command', () => {
    let err = '';
    expect(commandLang('tonggwan risk', ['--lang', 'fr'], { lang: 'en', stderr: (t) => void (err += t) })).toBeNull();
    expect(err).toBe('tonggwan risk: --lang must be ko or en, not "fr"\n');
    expect(langOf(['--lang'], {})).toBe('tonggwan: --lang 뒤에 언어를 주세요: ko 또는 en\n');
  });
});

describe('every command speaks the language it is given', () => {
  const io = (lang: Lang | undefined) => {
    const o = { out: '', err: '' };
    const commandIo: CommandIo = { lang, readStdin: async () => '', stdout: (t) => void (o.out += t), stderr: (t) => void (o.err += t) };
    return { o, commandIo };
  };
  const commands: [string, (args: string[], io: CommandIo) => Promise<number>, RegExp, RegExp][] = [
    ['assess', (args, commandIo) => assessCommand(args, async () => fixtureReference, commandIo), /^사용법: tonggwan assess/, /^usage: tonggwan assess/],
    ['risk', (args, commandIo) => riskCommand(args, { io: commandIo, loadReference: async () => fixtureReference, defaultRulesFile: '/nonexistent', now: () => ({ wallMs: 0, cpuMs: 0 }) }), /^사용법: tonggwan risk/, /^usage: tonggwan risk/],
    ['secrets', (args, commandIo) => secretsCommand(args, { io: commandIo, config: { dataDir: '/nonexistent' }, openDatabase: () => Promise.reject(new Error('not opened')) }), /^사용법: tonggwan secrets/, /^usage: tonggwan secrets/],
  ];
  it.each(commands)('%s: --lang over io.lang (the environment\'s), io.lang over Korean', async (name, run, korean, english) => {
    const cases: [string[], Lang | undefined, RegExp][] = [
      [['--help'], undefined, korean],
      [['--help'], 'en', english],
      [['--help', '--lang', 'en'], 'ko', english],
      [['--lang=ko', '--help'], 'en', korean],
    ];
    for (const [args, lang, usage] of cases) {
      const { o, commandIo } = io(lang);
      expect(await run(args, commandIo), `${name} ${args.join(' ')}`).toBe(0);
      expect(o.out).toMatch(usage);
    }
    const { o, commandIo } = io('en');
    expect(await run(['--lang', 'ja', '--help'], commandIo)).toBe(2);
    expect(o).toEqual({ out: '', err: `tonggwan ${name}: --lang must be ko or en, not "ja"\n` });
  });
});

describe('argsErrorText', () => {
  const errorOf = (args: string[]) => {
    try {
      parseArgs({ args, options: { seed: { type: 'string' } }, strict: true, allowPositionals: false });
    } catch (e) {
      return e;
    }
    throw new Error('no error');
  };

  it('says how to write a value that starts with "-" (it said only "Option \'--seed\' argument is ambiguous.")', () => {
    expect(argsErrorText(errorOf(['--seed', '-1']), 'en')).toBe('the value of --seed starts with "-": write --seed=-…');
    expect(argsErrorText(errorOf(['--seed', '-1']), 'ko')).toBe('--seed의 값이 "-"로 시작합니다: --seed=-… 형식으로 쓰세요');
  });

  it('keeps the first sentence of the other errors in English, and words them in Korean', () => {
    expect(argsErrorText(errorOf(['--frob']), 'en')).toBe("Unknown option '--frob'");
    expect(argsErrorText(errorOf(['--frob']), 'ko')).toBe("알 수 없는 옵션 '--frob'");
    expect(argsErrorText(errorOf(['x']), 'ko')).toBe("예상하지 못한 인수 'x'");
    expect(argsErrorText(errorOf(['--seed']), 'en')).toBe("Option '--seed <value>' argument missing");
  });
});
