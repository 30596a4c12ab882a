// Runs the real `tonggwan` (bin/tonggwan.js under the project's Node): what main.ts wires.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleDeclaration } from '../../test/fixtures/fixture-reference.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const node = join(root, 'node_modules/.bin/node');

function run(args: string[], input = '') {
  const r = spawnSync(node, ['bin/tonggwan.js', ...args], { cwd: root, encoding: 'utf8', input, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tonggwan', () => {
  it('help COMMAND is COMMAND --help; help alone is --help', () => {
    for (const command of ['assess', 'risk', 'secrets']) {
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
});
