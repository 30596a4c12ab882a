// The portal's files follow web/dist on disk: rebuilt under a running server (`npm run build:web`, new
// content hashes, the old files removed), the shell names the new files and they are served. Before,
// the files were routed one by one as found at start-up (@fastify/static's wildcard: false): the new
// shell's script answered 404 and the page stayed blank until a restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { servePortal } from './portal-files.ts';

let dir = '';
let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A build as vite writes it: web/dist emptied, then the shell and its hashed script. */
function build(web: string, hash: string): void {
  fs.rmSync(web, { recursive: true, force: true });
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'index.html'), `<!doctype html><script type="module" src="/assets/index-${hash}.js"></script>`);
  fs.writeFileSync(path.join(web, 'assets', `index-${hash}.js`), `console.log('${hash}')`);
}

/** As app.ts: a page path (GET, no extension, not /api) answers with the shell; anything else 404. */
/** The warnings and errors the server logged (a second answer to one request is one: FST_ERR_REP_ALREADY_SENT). */
let logged: string[] = [];
async function start(web: string): Promise<FastifyInstance> {
  logged = [];
  const a = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logged.push(line) } } });
  let portal: Awaited<ReturnType<typeof servePortal>> | null = null;
  a.setNotFoundHandler(async (request, reply) => {
    const p = request.url.split('?')[0] ?? '';
    const isPage = request.method === 'GET' && !/^\/api(\/|$)/.test(p) && !/\.[a-z0-9]+$/i.test(p);
    if (isPage && portal && (await portal.shell(reply))) return reply;
    return reply.code(404).send({ error: 'ROUTE_NOT_FOUND' });
  });
  portal = await servePortal(a, web);
  return a;
}

describe('the portal served from web/dist', () => {
  it('rebuilt under the running server: the shell names the new script and the script is served; the old one is gone', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-portal-'));
    const web = path.join(dir, 'dist');
    build(web, 'AAAA1111');
    app = await start(web);
    expect((await app.inject('/me')).body).toContain('/assets/index-AAAA1111.js');
    expect((await app.inject('/assets/index-AAAA1111.js')).statusCode).toBe(200);

    build(web, 'BBBB2222');
    for (const page of ['/', '/me', '/estimate?x=1']) {
      const r = await app.inject(page);
      expect([page, r.statusCode, r.headers['cache-control']]).toEqual([page, 200, 'no-cache']);
      expect(r.body).toContain('/assets/index-BBBB2222.js');
    }
    const script = await app.inject('/assets/index-BBBB2222.js');
    expect([script.statusCode, script.body, script.headers['cache-control']]).toEqual([200, "console.log('BBBB2222')", 'public, max-age=31536000, immutable']);
    expect((await app.inject('/assets/index-AAAA1111.js')).statusCode).toBe(404);
    // Each page answered once: before, shell() returned the (thenable) reply from an async function,
    // resolved to undefined, and the handler sent a 404 after the shell, logged as a warning per page.
    expect(logged).toEqual([]);
  });

  it('an asset added after start is served; dot files and paths out of web/dist are not; /api stays JSON 404', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-portal-'));
    const web = path.join(dir, 'dist');
    build(web, 'CCCC3333');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    app = await start(web);
    fs.writeFileSync(path.join(web, 'assets', 'chunk-EEEE5555.js'), 'export {}');
    fs.writeFileSync(path.join(web, 'assets', '.env'), 'TOKEN=1');
    fs.writeFileSync(path.join(web, '.env'), 'TOKEN=1');
    expect((await app.inject('/assets/chunk-EEEE5555.js')).statusCode).toBe(200);
    expect((await app.inject('/assets/.env')).statusCode).toBe(404);
    expect((await app.inject('/.env')).statusCode).toBe(404);
    expect((await app.inject('/../secret.txt')).body).not.toContain('outside');
    expect((await app.inject('/%2e%2e/secret.txt')).body).not.toContain('outside');
    expect((await app.inject('/api/v1/nothing')).json()).toEqual({ error: 'ROUTE_NOT_FOUND' });
  });

  it('no shell when the build left none: page paths answer 404, and it is served once built', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-portal-'));
    const web = path.join(dir, 'dist');
    fs.mkdirSync(web);
    app = await start(web);
    expect((await app.inject('/me')).statusCode).toBe(404);
    build(web, 'DDDD4444');
    expect((await app.inject('/me')).body).toContain('/assets/index-DDDD4444.js');
  });
});
