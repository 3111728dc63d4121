#!/usr/bin/env node
/*
 * Maturity benchmark (a measurement, not a test): levels for 1,000 components in 100
 * teams computed cold on PostgreSQL, then served warm from the cache.
 *
 *   node scripts/bench-maturity.mjs            # PostgreSQL on 127.0.0.1:5432 (user postgres)
 *   BENCH_MATURITY_RUNS=5 node scripts/bench-maturity.mjs
 *
 * It starts the maturity backend alone (plugins/maturity-backend/dev: the benchmark
 * organisation bench-org > 10 departments > 100 teams > 1,000 components, synthetic
 * fact providers spreading them over levels 0 to 4) on port 17047 with PostgreSQL
 * (databases prefixed bench_maturity_) and the in-memory cache. The first start
 * collects every component's facts (5 domains: 5,000 stored rows) and is stopped; each
 * further start does not collect, so its first request computes the levels from the
 * stored facts (cold: read the facts, evaluate 17 checks per component, roll up), and
 * the following ones are served from the cache (warm). Prints the collection run, and
 * per run the cold and warm times of GET /organisation (every team rolled up), of a
 * department's GET /entity (100 components, child teams pooled) and of POST /levels
 * (a catalog page of 100 rows).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = 'http://localhost:17047/api/maturity';
const RUNS = Number(process.env.BENCH_MATURITY_RUNS ?? 3);
const WARM = 5;

function start({ collect }) {
  const backend = spawn(
    'yarn',
    ['backstage-cli', 'package', 'start', '--config', 'dev/bench-config.yaml'],
    {
      cwd: join(root, 'plugins/maturity-backend'),
      env: {
        ...process.env,
        ...(collect
          ? {}
          : { APP_CONFIG_maturity_collection_initialDelay: '{"hours":6}' }),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  const stop = async () => {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await new Promise(resolve => backend.once('exit', resolve));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => stop().finally(() => process.exit(130)));
  }
  return stop;
}

async function waitFor(check, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function timed(path, init) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, init);
  const body = await response.json();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
  return { ms, body };
}

const page = Array.from(
  { length: 100 },
  (_, i) => `component:default/bench-svc-${i * 10}`,
);
const requests = {
  organisation: () => timed('/organisation'),
  department: () => timed('/entity?entityRef=group:default/bench-dept-0'),
  levels: () =>
    timed('/levels', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs: page }),
    }),
};

const median = values =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const ms = value => `${value.toFixed(0)} ms`;

// 1. Collect once: the store holds every component's facts.
let stop = start({ collect: true });
try {
  const started = Date.now();
  await waitFor(
    async () =>
      (
        await timed('/entity?entityRef=component:default/bench-svc-999')
      ).body.sources?.length === 4,
    240_000,
    'the first collection run',
  );
  console.log(
    `collection: 1,000 components, 4 providers, stored within ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s of the backend answering`,
  );
} finally {
  await stop();
}

// 2. Fresh processes (empty cache), no collection: cold, then warm.
const figures = { cold: [], warm: [], department: [], levels: [] };
for (let run = 0; run < RUNS; run++) {
  stop = start({ collect: false });
  try {
    await waitFor(
      async () =>
        (
          await fetch('http://localhost:17047/.backstage/health/v1/readiness')
        ).ok,
      240_000,
      'the backend',
    );
    const cold = await requests.organisation();
    const { distribution, teams } = cold.body;
    const warm = [];
    for (let i = 0; i < WARM; i++)
      warm.push((await requests.organisation()).ms);
    const department = [];
    const levels = [];
    for (let i = 0; i < WARM; i++) {
      department.push((await requests.department()).ms);
      levels.push((await requests.levels()).ms);
    }
    figures.cold.push(cold.ms);
    figures.warm.push(median(warm));
    figures.department.push(median(department));
    figures.levels.push(median(levels));
    console.log(
      `run ${run + 1}: /organisation cold ${ms(
        cold.ms,
      )} (levels computed from the store), warm median ${ms(
        median(warm),
      )}; distribution ${JSON.stringify(distribution)} over ${
        teams.length
      } teams`,
    );
  } finally {
    await stop();
  }
}
console.log(`
| Measurement (1,000 components, 100 teams, PostgreSQL)        | Median of ${RUNS} runs |
| ------------------------------------------------------------ | ------------- |
| GET /organisation, cold (levels computed, every team rolled) | ${ms(
  median(figures.cold),
)} |
| GET /organisation, warm (levels from the cache)              | ${ms(
  median(figures.warm),
)} |
| GET /entity, a department (100 components), warm             | ${ms(
  median(figures.department),
)} |
| POST /levels, 100 rows (catalog page), warm                  | ${ms(
  median(figures.levels),
)} |
`);
