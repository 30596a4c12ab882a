// Runs the real `tonggwan` (bin/tonggwan.js under the project's Node): what main.ts wires.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleDeclaration } from '../../test/fixtures/fixture-reference.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const node = join(root, 'node_modules/.bin/node');

/** English messages unless `env` says otherwise (the tests below check English texts). */
function run(args: string[], input = '', env: Record<string, string> = { TONGGWAN_LANG: 'en' }) {
  const r = spawnSync(node, ['bin/tonggwan.js', ...args], { cwd: root, encoding: 'utf8', input, timeout: 60_000, env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tonggwan', () => {
  it('help COMMAND is COMMAND --help; help alone is --help', () => {
    for (const command of ['assess', 'risk', 'secrets', 'users']) {
      const r = run(['help', command]);
      expect(r.code, command).toBe(0);
      expect(r.out).toBe(run([command, '--help']).out);
      expect(r.out).toMatch(new RegExp(`^usage: tonggwan ${command}`));
    }
    const help = run(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toBe(run(['--help']).out);
    expect(help.out).toContain('tonggwan <command> --help');
  });

  it('without a command, or a subcommand, the usage goes to stderr (exit 2) as for `tonggwan assess` alone; asked for, to stdout (exit 0)', () => {
    for (const command of [[], ['assess'], ['risk'], ['secrets'], ['users']]) {
      const r = run(command);
      expect(r.code, command.join(' ')).toBe(2);
      expect(r.out, command.join(' ')).toBe(''); // it printed the usage on stdout with exit 2: `tonggwan > out.txt` ended up with it
      expect(r.err).toMatch(/^usage: tonggwan/);
      expect(run([...command, '--help'])).toMatchObject({ code: 0, err: '', out: expect.stringMatching(/^usage: tonggwan/) });
    }
  });

  it('each command\'s --help names its exit codes, in Korean and in English (the usage of tonggwan promises it)', () => {
    for (const command of ['assess', 'risk', 'secrets', 'users']) {
      expect(run([command, '--help']).out, command).toMatch(/\n {2}Exit 0/);
      expect(run([command, '--help'], '', {}).out, command).toMatch(/\n {2}종료 코드 0/);
    }
  });

  it('assess stops quietly with 141 (as on SIGPIPE) when the reader closes the pipe early (`| head`), without a stack trace', async () => {
    const declarations = Array.from({ length: 1200 }, (_, i) =>
      sampleDeclaration({ ref: `r${i}`, consignee: { name: '김민지', pccc: `P${String(i).padStart(12, '0')}`, phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123' } }),
    );
    const child = spawn(node, ['bin/tonggwan.js', 'assess', '-'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(JSON.stringify({ declarations }));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(141);
  });

  it('under a Node older than 24 says what it needs, in both languages, exit 2 (it died with ERR_UNKNOWN_FILE_EXTENSION and a stack trace)', () => {
    // the version an older node reports, given before bin/tonggwan.js runs
    const older = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.20.2"})';
    const r = spawnSync(node, ['--import', older, 'bin/tonggwan.js', 'assess', '-'], { cwd: root, encoding: 'utf8', input: '{"declarations":[]}', timeout: 60_000 });
    expect({ code: r.status, out: r.stdout, err: r.stderr }).toEqual({
      code: 2,
      out: '',
      err:
        'tonggwan: Node.js 24 이상이 필요합니다 (지금 v20.20.2): npx tonggwan으로 실행하면 프로젝트의 Node를 씁니다\n' +
        "tonggwan: needs Node.js 24 or later (this is v20.20.2): npx tonggwan runs it with the project's own Node\n",
    });
  });

  it.skipIf(!existsSync('/dev/full'))('says so and exits 2 when standard output cannot be written (a full disk), for every command (it exited 0, the output lost)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const input = JSON.stringify({ declarations: [sampleDeclaration({ ref: 'a' })] });
      for (const [args, lang, message] of [
        [['assess', '-'], 'en', 'tonggwan: cannot write standard output: no space left on the device (ENOSPC); the output is incomplete\n'],
        [['--version'], 'ko', 'tonggwan: 표준 출력에 쓸 수 없습니다: 장치에 남은 공간이 없습니다 (ENOSPC); 출력이 완전하지 않습니다\n'],
      ] as const) {
        const r = spawnSync(node, ['bin/tonggwan.js', ...args], { cwd: root, encoding: 'utf8', input, stdio: ['pipe', full, 'pipe'], timeout: 60_000, env: { PATH: process.env.PATH ?? '', TONGGWAN_LANG: lang } });
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr.endsWith(message), r.stderr).toBe(true);
      }
    } finally {
      closeSync(full);
    }
  });

  it('--version and -v print the package version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    expect(run(['-v'], '', {})).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  it('speaks Korean without an English environment, English under TONGGWAN_LANG=en or an en locale, --lang over both', () => {
    const input = JSON.stringify({ declarations: [{ ref: 'b' }] });
    const korean = 'tonggwan assess: 신고 1건: 0건 판정 (목록통관 0, 일반수입신고 0, 보류 0), 1건 거부';
    const english = 'tonggwan assess: 1 declaration: 0 assessed (list 0, general 0, hold 0), 1 rejected';
    const firstLine = (r: { err: string }) => r.err.split('\n')[0];
    const cases: [string[], Record<string, string>, string][] = [
      [[], {}, korean],
      [[], { LANG: 'ko_KR.UTF-8' }, korean],
      [[], { LANG: 'C.UTF-8' }, korean],
      [[], { LANG: 'en_US.UTF-8' }, english],
      [[], { LC_ALL: 'en_GB.UTF-8', LANG: 'ko_KR.UTF-8' }, english],
      [[], { LC_MESSAGES: 'ko_KR.UTF-8', LANG: 'en_US.UTF-8' }, korean],
      [[], { TONGGWAN_LANG: 'en' }, english],
      [[], { TONGGWAN_LANG: 'ko', LC_ALL: 'en_US.UTF-8' }, korean],
      [['--lang', 'en'], { TONGGWAN_LANG: 'ko' }, english],
      [['--lang', 'ko'], { LANG: 'en_US.UTF-8' }, korean],
    ];
    const outs = new Set<string>();
    for (const [flags, env, line] of cases) {
      // --lang before the command works too (main.ts takes it for every command)
      const r = run([...flags, 'assess', '-'], input, env);
      expect(r.code, JSON.stringify(env)).toBe(0); // a rejected declaration is a result: exit 0 (the engine's contract)
      expect(firstLine(r), JSON.stringify([flags, env])).toBe(line);
      outs.add(r.out);
    }
    expect(outs.size).toBe(1); // standard output does not change with the language
    expect(run(['help'], '', {}).out).toMatch(/^사용법: tonggwan <명령>/);
    expect(run(['frob'], '', {}).err).toMatch(/^tonggwan: 알 수 없는 명령 "frob"\n사용법:/);
    expect(run(['frob'], '', { LANG: 'en_US.UTF-8' }).err).toMatch(/^tonggwan: unknown command "frob"\nusage:/);
  }, 180_000); // 13 processes, each loading the reference data: over 60 s on a loaded 2-core machine

  it('refuses an unknown --lang naming ko and en, for every command', () => {
    for (const command of [[], ['assess', '-'], ['risk', 'eval'], ['secrets', 'rotate']]) {
      expect(run(['--lang', 'ja', ...command], '', {})).toEqual({ code: 2, out: '', err: 'tonggwan: --lang은 ko 또는 en이어야 합니다 ("ja" 아님)\n' });
      expect(run([...command, '--lang=de'])).toEqual({ code: 2, out: '', err: 'tonggwan: --lang must be ko or en, not "de"\n' });
    }
  });
});
