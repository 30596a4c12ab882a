import fs from 'node:fs';
import path from 'node:path';

/**
 * Copies a stopped platform's data folder with each entry's mode and owner: fs.cpSync gives new
 * folders the default mode (PostgreSQL refuses a pgdata not 0700 or 0750) and, run as root, root as
 * owner (the embedded PostgreSQL runs as the postgres user and must own its files).
 */
export function copyDataDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  const root = process.getuid?.() === 0;
  const walk = (src: string, dst: string) => {
    const st = fs.lstatSync(src);
    if (root) fs.lchownSync(dst, st.uid, st.gid);
    if (st.isSymbolicLink()) return;
    fs.chmodSync(dst, st.mode & 0o7777);
    if (st.isDirectory()) for (const name of fs.readdirSync(src)) walk(path.join(src, name), path.join(dst, name));
  };
  walk(from, to);
}
