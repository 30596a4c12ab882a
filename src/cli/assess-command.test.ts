import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessCommand } from './assess-command.ts';
import { fixtureReference, sampleDeclaration } from '../../test/fixtures/fixture-reference.ts';

function run(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const io = { readStdin: async () => stdin, stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
  return assessCommand(args, async () => fixtureReference, io).then((code) => ({ code, out, err }));
}

describe('tonggwan assess', () => {
  it('prints one assessment per declaration, in order, and exits 0 even when some are rejected', async () => {
    const input = JSON.stringify({ declarations: [sampleDeclaration({ ref: 'a' }), { ref: 'b' }, sampleDeclaration({ ref: 'c' })] });
    const r = await run(['-'], input);
    expect(r.code).toBe(0);
    const { assessments } = JSON.parse(r.out);
    expect(assessments.map((a: { ref: string; status: string }) => `${a.ref}:${a.status}`)).toEqual(['a:assessed', 'b:rejected', 'c:assessed']);
  });

  it('--help prints the usage and exits 0; no argument prints it and exits 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: tonggwan assess FILE/);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^usage: tonggwan assess FILE/);
  });

  it('reads a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-cli-'));
    const file = join(dir, 'in.json');
    writeFileSync(file, JSON.stringify({ declarations: [sampleDeclaration()] }));
    const r = await run([file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).assessments[0].route).toBe('list');
  });

  it('exits 2 with a one-line message on unreadable JSON', async () => {
    const r = await run(['-'], '{"declarations": [');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('not valid JSON');
  });

  it('exits 2 when the JSON has no declarations array, or the file is missing', async () => {
    expect((await run(['-'], '[1,2]')).code).toBe(2);
    const missing = await run(['/nonexistent/file.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ENOENT');
  });
});
