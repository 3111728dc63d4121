#!/usr/bin/env node
/*
 * Delivery benchmark (a measurement, not a test): ingestion rate through
 * POST /api/delivery/events and GET /api/delivery/dora latency on PostgreSQL.
 *
 *   node scripts/bench-delivery.mjs                      # 1,000,000 deployments (long)
 *   BENCH_DEPLOYMENTS=100000 node scripts/bench-delivery.mjs
 *   BENCH_REUSE=1 node scripts/bench-delivery.mjs        # time the reads again on the data
 *                                                        # the last run left (after a change)
 *
 * It drops and recreates the database bench_delivery on the local PostgreSQL, starts the
 * delivery backend alone (plugins/delivery-backend/dev with DELIVERY_BENCH=1: 1,000
 * components in 10 teams of 100 under group bench-org) on port 7017, sends deployments with 3 commits
 * each spread over the last 90 days, 1,000 events a request with 4 requests in flight,
 * then times /dora for one component, one team (100 components) and the whole org.
 * All traffic stays on localhost. Prints the figures and the PostgreSQL version.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { localPostgres as pg, psql, repoRoot as root } from './benchKit.mjs';

const TOTAL = Number(process.env.BENCH_DEPLOYMENTS ?? 1_000_000);
const COMPONENTS = 1000;
const BATCH = 1000;
const IN_FLIGHT = 4;
const DAYS = 90;
const base = 'http://localhost:7017';

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not come up`);
}

const now = Date.now();
const windowStart = now - DAYS * 86_400_000;
/** Deployment n: component n % 1000, evenly spread over the window, every 20th fails. */
function deploymentEvent(n) {
  const finished =
    windowStart + Math.floor(((n + 0.5) / TOTAL) * DAYS * 86_400_000);
  const id = `bench-${n}`;
  return {
    kind: 'deployment',
    source: 'bench',
    id,
    entityRef: `component:default/bench-svc-${n % COMPONENTS}`,
    environment: 'production',
    status: 'success',
    startedAt: new Date(finished - 300_000).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    version: `v${n}`,
    commits: [0, 1, 2].map(c => ({
      sha: `${n.toString(16)}c${c}`,
      committedAt: new Date(finished - (c + 1) * 3_600_000).toISOString(),
    })),
    ...(n % 20 === 19 ? { remediates: `incident-${n}` } : {}),
  };
}

async function ingest() {
  let next = 0;
  let sent = 0;
  const started = performance.now();
  async function worker() {
    while (next < TOTAL) {
      const from = next;
      next = Math.min(TOTAL, next + BATCH);
      const events = [];
      for (let n = from; n < next; n++) events.push(deploymentEvent(n));
      const response = await fetch(`${base}/api/delivery/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      const body = await response.json();
      if (!response.ok || body.rejected.length > 0) {
        throw new Error(
          `ingestion failed: ${JSON.stringify(body).slice(0, 500)}`,
        );
      }
      sent += events.length;
      // This machine's PostgreSQL runs with autovacuum off; analyze as it would,
      // or the planner keeps the empty tables' estimates and scans them whole.
      if (sent % 50_000 === 0 && autovacuumOff) {
        psql('ANALYZE', 'bench_delivery');
      }
      if (sent % 100_000 === 0) {
        const rate = sent / ((performance.now() - started) / 1000);
        console.log(`  ${sent} deployments, ${rate.toFixed(0)} events/s`);
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return TOTAL / ((performance.now() - started) / 1000);
}

async function timeDora(entityRef, runs) {
  const from = new Date(windowStart).toISOString();
  const to = new Date(now + 1000).toISOString();
  const times = [];
  let body;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(
      `${base}/api/delivery/dora?entityRef=${entityRef}&from=${from}&to=${to}`,
    );
    body = await response.json();
    if (!response.ok) throw new Error(JSON.stringify(body));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor((times.length - 1) / 2)],
    maxMs: times[times.length - 1],
    deployments: body.deploymentFrequency.deployments,
    components: body.components.length,
  };
}

console.log(
  `delivery benchmark: ${TOTAL} deployments, ${
    TOTAL * 3
  } commits, ${COMPONENTS} components`,
);
const reuse =
  process.env.BENCH_REUSE === '1' &&
  psql("SELECT count(*) FROM pg_database WHERE datname = 'bench_delivery'") ===
    '1';
if (reuse) {
  console.log('  (BENCH_REUSE: timing reads on the data of the last run)');
} else {
  psql('DROP DATABASE IF EXISTS bench_delivery');
}
const autovacuumOff = psql('SHOW autovacuum') === 'off';
if (autovacuumOff) {
  console.log(
    '  (autovacuum is off: the benchmark runs ANALYZE every 50,000 and VACUUM (ANALYZE) at the end)',
  );
}
const backend = spawn(
  'yarn',
  ['backstage-cli', 'package', 'start', '--config', 'dev/bench-config.yaml'],
  {
    cwd: join(root, 'plugins/delivery-backend'),
    env: {
      ...process.env,
      DELIVERY_BENCH: '1',
      BENCH_PG_HOST: pg.host,
      BENCH_PG_PORT: pg.port,
      BENCH_PG_USER: pg.user,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  },
);
// Interrupted: stop what was started, or it keeps the ports.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } finally {
      process.exit(130);
    }
  });
}
try {
  await waitFor(`${base}/.backstage/health/v1/readiness`, 180_000);
  const rate = reuse ? NaN : await ingest();
  // What autovacuum does to insert-heavy tables (PostgreSQL 13+): statistics and the
  // visibility map that index-only scans rely on.
  if (autovacuumOff) psql('VACUUM (ANALYZE)', 'bench_delivery');
  const component = await timeDora('component:default/bench-svc-1', 20);
  const team = await timeDora('group:default/bench-team-1', 5);
  const org = await timeDora('group:default/bench-org', 3);
  console.log('\nresults');
  console.log(
    `PostgreSQL         ${psql('SHOW server_version')}, autovacuum ${
      autovacuumOff ? 'off (ANALYZE and VACUUM run by the benchmark)' : 'on'
    }`,
  );
  console.log(
    `ingestion          ${rate.toFixed(
      0,
    )} events/s (${TOTAL} deployments, 3 commits each)`,
  );
  for (const [name, r] of [
    ['component', component],
    ['team (100)', team],
    ['org (1,000)', org],
  ]) {
    console.log(
      `/dora ${name.padEnd(12)} median ${r.medianMs.toFixed(
        0,
      )} ms, max ${r.maxMs.toFixed(0)} ms` +
        ` (${r.components} components, ${r.deployments} deployments)`,
    );
  }
} finally {
  try {
    process.kill(-backend.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
