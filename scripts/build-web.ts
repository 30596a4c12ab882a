// Builds the portal (web/) with Vite when web/dist is missing or older than its sources
// (web/src, web/public, web/index.html, web/vite.config.ts, and src/domain, which the portal
// imports). `npm start` runs this first; `--force` always builds.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist', 'index.html');
const sources = [path.join(web, 'src'), path.join(web, 'public'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), path.join(root, 'src', 'domain')];

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

export function webBuildNeeded(): { needed: boolean; why: string } {
  if (!fs.existsSync(dist)) return { needed: true, why: 'web/dist is missing' };
  const built = fs.statSync(dist).mtimeMs;
  const changed = Math.max(...sources.map(newest));
  return changed > built ? { needed: true, why: 'the portal sources changed since the last build' } : { needed: false, why: 'web/dist is up to date' };
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  // A production bundle whatever the caller's NODE_ENV (vitest sets 'test', which would make
  // Vite bundle the development build of React and leave the service worker unregistered).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(web, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

if (import.meta.main) {
  const force = process.argv.includes('--force');
  const { needed, why } = webBuildNeeded();
  if (force || needed) {
    const started = Date.now();
    console.log(`Building the portal (${force ? 'forced' : why})…`);
    await buildWeb();
    console.log(`Portal built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    console.log(`Portal: ${why}`);
  }
}
