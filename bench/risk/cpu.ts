// CPU time of this process and of the PostgreSQL server it talks to, for the risk benches: the
// cost of intake and of scoring is node CPU + database CPU (wall time on a shared machine says
// more about the other jobs than about the code).
//
// The database's CPU is read from /proc: the postmaster of the backend serving this pool, its
// live children (backends, WAL writer, checkpointer, …) and the children it has reaped (cutime,
// cstime). That is the whole cluster: exact for the embedded database of a bench, and an upper
// bound on a shared server (other databases' work is counted too; the bench says so).
import fs from 'node:fs';
import type pg from 'pg';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function statOf(pid: number): { ppid: number; ms: number; childrenMs: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS, childrenMs: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** A function returning the database cluster's CPU milliseconds so far, or null when /proc does not show it (remote server). */
export async function databaseCpu(pool: pg.Pool): Promise<(() => number) | null> {
  const pid = Number((await pool.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid);
  const backend = statOf(pid);
  if (!backend) return null;
  const postmaster = backend.ppid;
  if (!statOf(postmaster)) return null;
  return () => {
    const root = statOf(postmaster)!;
    let ms = root.ms + root.childrenMs;
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const s = statOf(Number(name));
      if (s && s.ppid === postmaster) ms += s.ms;
    }
    return ms;
  };
}

export const processCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
