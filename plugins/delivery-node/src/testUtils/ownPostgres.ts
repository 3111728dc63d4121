/*
 * A PostgreSQL cluster of the test's own (initdb into a temporary folder, a random
 * port on 127.0.0.1), so a test may stop and restart it without touching the
 * machine's shared server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.PORTAL_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Whether initdb and pg_ctl are installed here. */
export const ownPostgresAvailable = () =>
  existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));

// An absolute path: a caller's PATH (CI's, `env -i`) may leave out /usr/sbin.
const runuser = () =>
  ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(path =>
    existsSync(path),
  ) ?? 'runuser';

export interface OwnPostgres {
  port: number;
  connection: { host: string; port: number; user: string };
  /** Fast shutdown: open connections are terminated, as in a failover. */
  stop(): void;
  start(): void;
  /** Stops the server and deletes its folder. */
  destroy(): void;
}

export function startOwnPostgres(): OwnPostgres {
  const dir = mkdtempSync(join(tmpdir(), 'delivery-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: run the server as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (command: string, args: string[]) => {
    const full = join(BIN, command);
    const result = asRoot
      ? spawnSync(runuser(), ['-u', 'postgres', '--', full, ...args], {
          encoding: 'utf8',
        })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(
        `${command} failed: ${
          result.error?.message || result.stderr || result.stdout
        }`,
      );
    }
  };
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const port = 20000 + Math.floor(Math.random() * 9000);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    port,
    connection: { host: '127.0.0.1', port, user: 'postgres' },
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
