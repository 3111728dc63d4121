/*
 * The long form of the delivery load test (run by scripts/load-delivery.mjs): two
 * backend processes (dev/loadReplica.ts) on a fresh database on the local PostgreSQL,
 * behind a loopback round-robin proxy, under sustained /events and GitHub webhook
 * traffic with /dora and /timeline reads. Halfway, one replica is killed (SIGKILL) and
 * a replacement started, as an orchestrator would. Then: every accepted event stored
 * exactly once, /dora equal to computeDora over what was sent. Prints throughput,
 * latencies and errors; exits 1 on a lost or duplicated event or a DORA mismatch.
 *
 * Environment: LOAD_SECONDS (default 120), LOAD_EVENTS (stop after this many accepted,
 * default 1,000,000), LOAD_KILL=0 to keep both replicas alive, PG_HOST/PG_PORT/PG_USER
 * (default 127.0.0.1:5432 postgres). The databases it creates are dropped at the end.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiStoreReader,
  checkLoad,
  formatLoadReport,
  runLoad,
} from '../src/__testUtils__/load';
import { roundRobinProxy } from '../src/__testUtils__/proxy';

const seconds = Number(process.env.LOAD_SECONDS ?? 120);
const maxEvents = Number(process.env.LOAD_EVENTS ?? 1_000_000);
const kill = process.env.LOAD_KILL !== '0';
const pg = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
};
const SECRET = 'load-secret';
const prefix = `load_delivery_${process.pid}_`;
const dir = mkdtempSync(join(tmpdir(), 'delivery-load-'));
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** psql's arguments to connect to `database` on the load's server. */
const psqlConnection = (database: string) => [
  '-h',
  pg.host,
  '-p',
  String(pg.port),
  '-U',
  pg.user,
  '-d',
  database,
];

function psql(sql: string) {
  const result = spawnSync(
    'psql',
    [...psqlConnection('postgres'), '-tA', '-c', sql],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

function replicaConfig(name: string, port: number) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        database: { client: 'pg', prefix, connection: pg },
      },
      events: {
        useEventBus: 'never',
        http: { topics: ['github'] },
        modules: { github: { webhookSecret: SECRET } },
      },
      delivery: {
        demo: { enabled: false },
        ingestion: { rateLimit: { requests: 0 } },
      },
    }),
  );
  return file;
}

const children: ChildProcess[] = [];
async function startReplica(name: string, port: number) {
  const log = openSync(join(dir, `${name}.log`), 'a');
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, 'loadReplica.ts'),
      '--config',
      replicaConfig(name, port),
    ],
    {
      cwd: join(__dirname, '..'),
      stdio: ['ignore', log, log],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  children.push(child);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/delivery/sources`)).ok)
        return child;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) break;
    await sleep(500);
  }
  throw new Error(
    `replica ${name} did not start; see ${join(dir, `${name}.log`)}`,
  );
}

async function main() {
  const ports = [0, 1].map(() => 20000 + Math.floor(Math.random() * 9000));
  const alive = new Set<string>();
  console.log(
    `PostgreSQL ${psql('show server_version')} at ${pg.host}:${
      pg.port
    }, databases ${prefix}*`,
  );
  let victim = await startReplica('a', ports[0]);
  alive.add(`http://127.0.0.1:${ports[0]}`);
  await startReplica('b', ports[1]);
  alive.add(`http://127.0.0.1:${ports[1]}`);
  const proxy = await roundRobinProxy(() => [...alive]);
  const proxyUrl = `http://127.0.0.1:${
    (proxy.address() as { port: number }).port
  }`;
  const replicaUrls = ports.map(p => `http://127.0.0.1:${p}`);
  const faults: string[] = [];
  // This machine's PostgreSQL runs with autovacuum off; do what it would do in
  // production (ANALYZE as tables grow), or the planner reads a growing table with the
  // statistics of an empty one. Asynchronous: the load's timing is not held up.
  const autovacuum = psql('show autovacuum');
  const analyze =
    autovacuum === 'off'
      ? setInterval(() => {
          spawn(
            'psql',
            [...psqlConnection(`${prefix}delivery`), '-qc', 'ANALYZE'],
            { stdio: 'ignore' },
          );
        }, 15_000)
      : undefined;
  try {
    const report = await runLoad({
      baseUrl: proxyUrl,
      // Every 10th batch and delivery also goes to both replicas directly.
      replicaUrls,
      durationMs: seconds * 1000,
      maxEvents,
      batchSize: 200,
      eventWriters: 3,
      webhookWriters: 2,
      readers: 1,
      webhookSecret: SECRET,
      midway: kill
        ? async () => {
            const url = replicaUrls[0];
            alive.delete(url);
            victim.kill('SIGKILL');
            faults.push(
              `replica a killed (SIGKILL) at ${new Date().toISOString()} mid-load`,
            );
            victim = await startReplica('a2', ports[0]);
            alive.add(url);
            faults.push('replacement replica started, traffic resumed');
          }
        : undefined,
    });
    const check = await checkLoad(report, {
      baseUrl: proxyUrl,
      store: apiStoreReader(proxyUrl),
    });
    console.log(formatLoadReport(report, check));
    if (faults.length) console.log(`faults: ${faults.join('; ')}`);
    const failed =
      check.lost.length > 0 ||
      check.unexpected.length > 0 ||
      check.duplicated > 0 ||
      !check.doraMatches;
    if (!check.doraMatches) console.log(JSON.stringify(check.dora, null, 2));
    process.exitCode = failed ? 1 : 0;
  } finally {
    if (analyze) clearInterval(analyze);
    proxy.close();
    for (const child of children) child.kill('SIGTERM');
    await sleep(2000);
    for (const child of children) child.kill('SIGKILL');
    for (const db of ['delivery', 'events']) {
      try {
        psql(`DROP DATABASE IF EXISTS ${prefix}${db} WITH (FORCE)`);
      } catch (error) {
        console.error(String(error));
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
