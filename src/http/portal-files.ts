// The built portal (web/dist) served beside the API: its files, and the app shell (index.html) for a
// page path the client-side router answers. Both follow the files on disk, so that rebuilding the
// portal under a running server (`npm run build:web`: web/dist emptied, new content hashes) serves the
// new build. Before, @fastify/static routed the files one by one as found at start-up (wildcard:
// false): the shell, read from disk on each request, named scripts with the new hashes that had no
// route, answered 404, and the page stayed blank until a restart. The shell's existence was also
// decided at start-up, so a portal built after it was never served.
//
// The build's new names are under assets/ (content hashes): that folder is looked up on disk when asked
// (one route, /assets/*). The other files (the shell, sw.js, the manifest, icons) keep their names from
// build to build: routed as found at start-up, each still read from disk when asked. Not one wildcard
// route for the whole root: it would answer every path no route matches, a path parameter over
// fastify's maxParamLength among them (414 URI_TOO_LONG, frameworkErrorCode), which would become 404.
//
// The cost per request: none more for a routed file; a page path stats index.html once before
// sendFile reads it (as it did). Nothing is held in memory to go stale.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

export interface Portal {
  /**
   * Sends the app shell and says true, or says false when web/dist has none now (the caller answers
   * 404). Not the reply itself: a reply is thenable, so an async function returning it waits for the
   * answer and resolves to undefined, and the caller answered a second time (FST_ERR_REP_ALREADY_SENT).
   */
  shell(reply: FastifyReply): Promise<boolean>;
}

export async function servePortal(app: FastifyInstance, web: string): Promise<Portal> {
  // The files whose names do not change, as found now (assets/ is the next registration's).
  await app.register(fastifyStatic, {
    root: web,
    prefix: '/',
    wildcard: false,
    globIgnore: ['assets/**'],
    // The shell, the manifest and the service worker must revalidate.
    setHeaders: (reply) => reply.header('cache-control', 'no-cache'),
  });
  // The hashed files, looked up in web/dist/assets when asked: what the build holds now. A name it does
  // not hold goes on to the not-found handler (404: the path has an extension).
  await app.register(fastifyStatic, {
    root: path.join(web, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    decorateReply: false,
    // a build with no assets/ yet (the portal not built): served once it is, no warning meanwhile
    suppressWarning: true,
    // Dot files are not the build's (the glob that routed them before skipped them).
    dotfiles: 'ignore',
    // Built files carry a content hash: kept for a year.
    setHeaders: (reply) => reply.header('cache-control', 'public, max-age=31536000, immutable'),
  });
  const index = path.join(web, 'index.html');
  return {
    async shell(reply) {
      // Checked each time (a stat): sendFile of a missing file hands the request back to the
      // not-found handler, which would ask for the shell again.
      const there = await fs.promises.stat(index).then((s) => s.isFile(), () => false);
      if (!there) return false;
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
      return true;
    },
  };
}
