#!/usr/bin/env node
/*
 * SLO benchmark (a measurement, not a test): /api/slo/objectives for 1,000 components,
 * first with a cold cache (a fresh backend), then warm, plus the team (100 components)
 * and org (1,000) roll-ups of /api/slo/status (first from the cached reports, then
 * from the cached roll-up summaries).
 *
 *   node scripts/bench-slo.mjs
 *   SLO_BENCH_SOURCE_LATENCY_MS=50 node scripts/bench-slo.mjs   # a slower source
 *
 * It starts the SLO backend alone (plugins/slo-backend/dev with SLO_BENCH=1: 10 teams of
 * 100 components, two objectives each) on port 17027 with in-memory SQLite and cache,
 * and the synthetic metric source of dev/syntheticSource.ts, which answers every
 * countSeries call after SLO_BENCH_SOURCE_LATENCY_MS (default 20 ms) and counts the
 * queries a Prometheus source would send (two range queries per call). Prints the time
 * per entity page (one /objectives request) and the queries it sent.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMPONENTS = 1000;
const base = 'http://localhost:17027';

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

const queriesSent = async () =>
  (await (await fetch(`${base}/api/slo/bench/queries`)).json()).queries;

async function get(path) {
  const response = await fetch(`${base}/api/slo${path}`);
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
  return body;
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = q =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(
    1,
  )} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms, total ${(
    times.reduce((a, b) => a + b, 0) / 1000
  ).toFixed(1)} s`;
}

async function pass(name) {
  const before = await queriesSent();
  const times = [];
  let objectives = 0;
  for (let c = 0; c < COMPONENTS; c++) {
    const started = performance.now();
    const body = await get(
      `/objectives?entityRef=component:default/bench-svc-${c}`,
    );
    times.push(performance.now() - started);
    objectives += body.objectives.length;
    if (body.objectives.some(o => o.state === 'unknown')) {
      throw new Error(`bench-svc-${c}: an objective has no figures`);
    }
  }
  const queries = (await queriesSent()) - before;
  console.log(
    `/objectives ${name.padEnd(
      5,
    )} ${COMPONENTS} entity pages (${objectives} objectives): ${summary(
      times,
    )}; ${queries} queries (${(queries / COMPONENTS).toFixed(1)} per page)`,
  );
}

async function rollUp(name, entityRef) {
  const before = await queriesSent();
  const started = performance.now();
  const body = await get(`/status?entityRef=${entityRef}`);
  const ms = performance.now() - started;
  const queries = (await queriesSent()) - before;
  console.log(
    `/status ${name.padEnd(11)} ${
      body.components.length
    } components: ${ms.toFixed(0)} ms, ${queries} queries`,
  );
}

console.log(
  `SLO benchmark: ${COMPONENTS} components, 2 objectives each, source latency ${
    process.env.SLO_BENCH_SOURCE_LATENCY_MS ?? 20
  } ms per countSeries (3 per objective: window, burn-rate windows, history)`,
);
const backend = spawn(
  'yarn',
  ['backstage-cli', 'package', 'start', '--config', 'dev/bench-config.yaml'],
  {
    cwd: join(root, 'plugins/slo-backend'),
    env: { ...process.env, SLO_BENCH: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  },
);
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
  await pass('cold');
  await pass('warm');
  // The first roll-up reads the cached reports; the next ones their cached summaries.
  await rollUp('team (100)', 'group:default/bench-team-1');
  await rollUp('team again', 'group:default/bench-team-1');
  await rollUp('org (1,000)', 'group:default/bench-org');
  await rollUp('org again', 'group:default/bench-org');
} finally {
  try {
    process.kill(-backend.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
