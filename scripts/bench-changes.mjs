#!/usr/bin/env node
/*
 * Change benchmark (a measurement, not a test): ingestion of pull requests through
 * POST /api/delivery/events and GET /api/delivery/lead-time-breakdown latency on
 * PostgreSQL.
 *
 *   node scripts/bench-changes.mjs                       # 1,000,000 changes (long)
 *   BENCH_CHANGES=100000 node scripts/bench-changes.mjs  # a shorter run
 *   BENCH_REUSE=1 node scripts/bench-changes.mjs         # re-time the reads on the data
 *                                                        # the last run left
 *   BENCH_RESUME=1 node scripts/bench-changes.mjs        # go on sending where the last
 *                                                        # run stopped (it re-sends the
 *                                                        # last few batches: idempotent)
 *
 * It drops and recreates the database bench_changes_delivery on the local PostgreSQL,
 * starts the delivery backend alone (plugins/delivery-backend/dev with DELIVERY_BENCH=1:
 * 1,000 components in 10 teams of 100 under group bench-org) on port 7018, and sends,
 * in time order, changes merged evenly over the last 90 days (2 commits, a merge
 * commit, 4 in 5 reviewed) and the production deployments shipping them (one per
 * 3 changes of a component, 1 to 5 hours after the last merge), 1,000 events a
 * request with 4 requests in flight. Then it times the breakdown for one component,
 * one team (100 components) and the whole organisation over the 90 days. Targets
 * (issue 19): >= 2,000 changes/s ingested, breakdown < 50 ms for a component,
 * < 200 ms for a team, < 1 s for the organisation. All traffic stays on localhost.
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  localPostgres as pg,
  median,
  psql,
  repoRoot,
  waitFor,
} from './benchKit.mjs';

const TOTAL = Number(process.env.BENCH_CHANGES ?? 1_000_000);
const COMPONENTS = 1000;
const CHANGES_PER_DEPLOYMENT = 3;
const BATCH = 1000;
const IN_FLIGHT = 4;
const DAYS = 90;
const HOUR = 3_600_000;
const DATABASE = 'bench_changes_delivery';
const base = 'http://localhost:7018';

const now = Date.now();
const windowStart = now - DAYS * 86_400_000;
const iso = ms => new Date(ms).toISOString();
/** A number in [0, 1) that depends only on n and salt: the data is the same every run. */
const unit = (n, salt) =>
  (((n + 1) * 2654435761 + salt * 40503) % 10007) / 10007;
const mergedAt = n =>
  windowStart + Math.floor(((n + 0.5) / TOTAL) * DAYS * 86_400_000);

/** Change n: component n % 1000, merged evenly over the window. */
function changeEvent(n) {
  const merged = mergedAt(n);
  const opened = merged - Math.floor((2 + 46 * unit(n, 1)) * HOUR);
  const reviewed = unit(n, 2) < 0.8;
  return {
    kind: 'change',
    source: 'bench',
    id: `pr-${n}`,
    entityRef: `component:default/bench-svc-${n % COMPONENTS}`,
    number: n,
    title: `Change ${n}`,
    author: `dev-${n % 37}`,
    openedAt: iso(opened),
    ...(reviewed
      ? {
          firstReviewAt: iso(
            opened + Math.floor((merged - opened) * unit(n, 3)),
          ),
        }
      : {}),
    mergedAt: iso(merged),
    mergeCommitSha: `m${n.toString(16)}`,
    additions: Math.floor(800 * unit(n, 4) ** 3),
    deletions: Math.floor(200 * unit(n, 5)),
    commits: [0, 1].map(c => ({
      sha: `${n.toString(16)}c${c}`,
      committedAt: iso(opened - Math.floor((c + 1) * 8 * HOUR * unit(n, 6))),
    })),
  };
}

/** The deployment shipping the changes of a component up to change n (its third). */
function deploymentEvent(n) {
  const shipped = [0, 1, 2].map(k => n - k * COMPONENTS).filter(k => k >= 0);
  const finished = mergedAt(n) + Math.floor((1 + 4 * unit(n, 7)) * HOUR);
  return {
    kind: 'deployment',
    source: 'bench',
    id: `deploy-${n}`,
    entityRef: `component:default/bench-svc-${n % COMPONENTS}`,
    environment: 'production',
    status: 'success',
    startedAt: iso(finished - 300_000),
    finishedAt: iso(finished),
    commits: shipped.map(k => ({
      sha: `m${k.toString(16)}`,
      committedAt: iso(mergedAt(k)),
    })),
  };
}

/** Events from change `start`: each change, and after every third of a component its deployment. */
function* events(start) {
  for (let n = start; n < TOTAL; n++) {
    yield changeEvent(n);
    const nth = Math.floor(n / COMPONENTS);
    if (nth % CHANGES_PER_DEPLOYMENT === CHANGES_PER_DEPLOYMENT - 1) {
      yield deploymentEvent(n);
    }
  }
}

async function ingest(autovacuumOff, start) {
  const source = events(start);
  let changes = 0;
  let deployments = 0;
  let nextAnalyze = 50_000;
  let nextReport = 100_000;
  const started = performance.now();
  const take = () => {
    const batch = [];
    for (let i = 0; i < BATCH; i++) {
      const { value, done } = source.next();
      if (done) break;
      batch.push(value);
    }
    return batch;
  };
  async function worker() {
    for (let batch = take(); batch.length > 0; batch = take()) {
      const response = await fetch(`${base}/api/delivery/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ events: batch }),
      });
      const body = await response.json();
      if (!response.ok || body.rejected.length > 0) {
        throw new Error(
          `ingestion failed: ${JSON.stringify(body).slice(0, 500)}`,
        );
      }
      const shipped = batch.filter(e => e.kind === 'change').length;
      changes += shipped;
      deployments += batch.length - shipped;
      // This machine's PostgreSQL runs with autovacuum off; analyze as it would,
      // or the planner keeps the empty tables' estimates and scans them whole.
      if (changes >= nextAnalyze && autovacuumOff) {
        nextAnalyze += 50_000;
        psql('ANALYZE', DATABASE);
      }
      if (changes >= nextReport) {
        nextReport += 100_000;
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `  ${changes} changes, ${(changes / seconds).toFixed(0)} changes/s`,
        );
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { changes, deployments, seconds };
}

async function timeBreakdown(entityRef, runs) {
  const query = new URLSearchParams({
    entityRef,
    from: iso(windowStart),
    to: iso(now + 1000),
  });
  const times = [];
  let body;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(
      `${base}/api/delivery/lead-time-breakdown?${query}`,
    );
    body = await response.json();
    if (!response.ok) throw new Error(JSON.stringify(body));
    times.push(performance.now() - started);
  }
  return {
    medianMs: median(times),
    maxMs: Math.max(...times),
    changes: body.changes,
    awaiting: body.awaitingDeploy,
    deployMedian: body.stages.deploy.medianHours,
  };
}

console.log(
  `change benchmark: ${TOTAL} changes, ${Math.ceil(
    TOTAL / CHANGES_PER_DEPLOYMENT,
  )} deployments, ${COMPONENTS} components, ${DAYS} days`,
);
const stored =
  psql(`SELECT count(*) FROM pg_database WHERE datname = '${DATABASE}'`) ===
  '1';
const reuse = process.env.BENCH_REUSE === '1' && stored;
const resume = process.env.BENCH_RESUME === '1' && stored;
// A stopped run stored its batches in order, 4 at a time: start 4 batches back.
const start = resume
  ? Math.max(
      0,
      Number(psql('SELECT count(*) FROM changes', DATABASE)) - 4 * BATCH,
    )
  : 0;
if (reuse) {
  console.log('  (BENCH_REUSE: timing reads on the data of the last run)');
} else if (resume) {
  console.log(`  (BENCH_RESUME: sending from change ${start} on)`);
} else {
  psql(`DROP DATABASE IF EXISTS ${DATABASE}`);
}
const autovacuumOff = psql('SHOW autovacuum') === 'off';
if (autovacuumOff) {
  console.log(
    '  (autovacuum is off: the benchmark runs ANALYZE every 50,000 changes and VACUUM (ANALYZE) at the end)',
  );
}
const backendLogFile = join(tmpdir(), 'bench-changes-backend.log');
const backendLog = openSync(backendLogFile, 'w');
console.log(`  (backend log: ${backendLogFile})`);
const backend = spawn(
  'yarn',
  [
    'backstage-cli',
    'package',
    'start',
    '--config',
    'dev/bench-changes-config.yaml',
  ],
  {
    cwd: join(repoRoot, 'plugins/delivery-backend'),
    env: {
      ...process.env,
      DELIVERY_BENCH: '1',
      BENCH_PG_HOST: pg.host,
      BENCH_PG_PORT: pg.port,
      BENCH_PG_USER: pg.user,
    },
    // The backend's own log, to read when it stops answering.
    stdio: ['ignore', backendLog, backendLog],
    detached: true,
  },
);
const stop = () => {
  try {
    process.kill(-backend.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
// Interrupted: stop what was started, or it keeps the port.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stop();
    process.exit(130);
  });
}
try {
  await waitFor(
    async () => (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
    180_000,
    'the delivery backend',
    { intervalMs: 1000 },
  );
  const loaded = reuse ? undefined : await ingest(autovacuumOff, start);
  // What autovacuum does to insert-heavy tables (PostgreSQL 13+): statistics and the
  // visibility map that index-only scans rely on.
  if (autovacuumOff) psql('VACUUM (ANALYZE)', DATABASE);
  const component = await timeBreakdown('component:default/bench-svc-1', 20);
  const team = await timeBreakdown('group:default/bench-team-1', 10);
  const org = await timeBreakdown('group:default/bench-org', 5);
  console.log('\nresults');
  console.log(
    `PostgreSQL           ${psql('SHOW server_version')}, autovacuum ${
      autovacuumOff ? 'off (ANALYZE and VACUUM run by the benchmark)' : 'on'
    }`,
  );
  if (loaded) {
    console.log(
      `ingestion            ${(loaded.changes / loaded.seconds).toFixed(
        0,
      )} changes/s (${loaded.changes} changes and ${
        loaded.deployments
      } deployments in ${loaded.seconds.toFixed(0)} s: ${(
        (loaded.changes + loaded.deployments) /
        loaded.seconds
      ).toFixed(0)} events/s)`,
    );
  }
  for (const [name, r] of [
    ['component', component],
    ['team (100)', team],
    ['org (1,000)', org],
  ]) {
    console.log(
      `breakdown ${name.padEnd(11)} median ${r.medianMs.toFixed(
        0,
      )} ms, max ${r.maxMs.toFixed(0)} ms (${r.changes} changes, ${
        r.awaiting
      } awaiting deploy, deploy median ${r.deployMedian?.toFixed(2)} h)`,
    );
  }
} finally {
  stop();
}
