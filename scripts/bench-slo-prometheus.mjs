#!/usr/bin/env node
/*
 * SLO benchmark against a REAL Prometheus (a measurement, not a test): /api/slo/objectives
 * for 1,000 components evaluated by the SLO backend through
 * slo-backend-module-prometheus, first with a cold cache (a fresh backend), then warm.
 * scripts/bench-slo.mjs measures the backend alone with a synthetic source; this one
 * adds the real queries: what Prometheus is asked and how long it takes.
 *
 *   node scripts/bench-slo-prometheus.mjs
 *   BENCH_COMPONENTS=200 node scripts/bench-slo-prometheus.mjs    # smaller and faster
 *
 * 1. Writes 31 days (up to 2 hours ahead of now) of two counters per component,
 *    bench_requests_total and bench_errors_total{service="bench-prom-svc-<i>"}, sampled
 *    every 5 minutes (1,000 components: 2,000 series, 18 million samples), as
 *    OpenMetrics, one file per day, and backfills them with
 *    `promtool tsdb create-blocks-from openmetrics` (a few minutes).
 * 2. Starts /usr/bin/prometheus on a random loopback port on those blocks.
 * 3. Starts the SLO backend with this module (plugins/slo-backend-module-prometheus/dev,
 *    port 17028, in-memory SQLite and cache, a mocked catalog of the components, one
 *    99.9%/30d availability objective each).
 * 4. Requests every component's entity page data once (cold: every objective queries
 *    Prometheus) and again (warm: from the cache), and prints the time per entity page,
 *    the queries Prometheus received (its own prometheus_http_requests_total) and the
 *    time Prometheus spent answering them.
 * Everything stays on localhost; the processes and the temporary TSDB are removed at the end.
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 1000);
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
const backendBase = 'http://localhost:17028';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SCRAPE = 5 * MINUTE;
const REQUESTS_PER_SCRAPE = 500; // 100 a minute

const service = c => `bench-prom-svc-${c}`;
/** Error ratio of component c: 0 to 0.19% in steps of 0.01%. */
const errorRatio = c => (c % 20) / 10_000;

async function writeDay(path, dayStart, from, to) {
  const out = createWriteStream(path);
  let buffer = '';
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  const dayEnd = Math.min(dayStart + DAY, to + 1);
  for (const [family, value] of [
    ['bench_requests', n => n * REQUESTS_PER_SCRAPE],
    [
      'bench_errors',
      (n, c) => Math.floor(n * REQUESTS_PER_SCRAPE * errorRatio(c)),
    ],
  ]) {
    buffer += `# TYPE ${family} counter\n`;
    for (let c = 0; c < COMPONENTS; c++) {
      const prefix = `${family}_total{service="${service(c)}"} `;
      for (let t = Math.max(dayStart, from); t < dayEnd; t += SCRAPE) {
        buffer += `${prefix}${value((t - from) / SCRAPE, c)} ${t / 1000}\n`;
      }
      if (buffer.length > 1 << 20) await flush();
    }
  }
  buffer += '# EOF\n';
  await flush();
  out.end();
  await once(out, 'finish');
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up within ${ms / 1000} s`);
}

/** Range and instant queries Prometheus answered, and the seconds it spent on them. */
async function prometheusLoad(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  let queries = 0;
  let seconds = 0;
  for (const line of text.split('\n')) {
    const handler = /handler="\/api\/v1\/query(_range)?"/.test(line);
    if (!handler) continue;
    if (line.startsWith('prometheus_http_requests_total{')) {
      queries += Number(line.split(' ').pop());
    } else if (
      line.startsWith('prometheus_http_request_duration_seconds_sum{')
    ) {
      seconds += Number(line.split(' ').pop());
    }
  }
  return { queries, seconds };
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

async function pass(name, prometheusBase) {
  const before = await prometheusLoad(prometheusBase);
  const times = [];
  const states = {};
  for (let c = 0; c < COMPONENTS; c++) {
    const started = performance.now();
    const response = await fetch(
      `${backendBase}/api/slo/objectives?entityRef=component:default/${service(
        c,
      )}`,
    );
    const body = await response.json();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${service(c)}: ${JSON.stringify(body)}`);
    for (const objective of body.objectives) {
      const key = `${objective.state}/${objective.dataQuality.status}`;
      states[key] = (states[key] ?? 0) + 1;
    }
  }
  const after = await prometheusLoad(prometheusBase);
  const queries = after.queries - before.queries;
  console.log(
    `/objectives ${name.padEnd(5)} ${COMPONENTS} entity pages: ${summary(
      times,
    )}; ` +
      `${queries} Prometheus queries (${(queries / COMPONENTS).toFixed(
        1,
      )} per page), ` +
      `${(after.seconds - before.seconds).toFixed(1)} s inside Prometheus; ` +
      `objectives by state/data quality: ${JSON.stringify(states)}`,
  );
}

const children = [];
const dir = await mkdtemp(join(tmpdir(), 'bench-slo-prometheus-'));
async function cleanUp() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await new Promise(r => setTimeout(r, 1000));
  await rm(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => cleanUp().finally(() => process.exit(130)));
}

try {
  const to = Math.floor(Date.now() / SCRAPE) * SCRAPE + 2 * 60 * MINUTE;
  const from = Math.floor((to - 31 * DAY) / DAY) * DAY;
  const dataDir = join(dir, 'data');
  console.log(
    `SLO benchmark on a real Prometheus: ${COMPONENTS} components, one 99.9%/30d objective each, ` +
      `${2 * COMPONENTS} series sampled every 5 minutes from ${new Date(
        from,
      ).toISOString()}`,
  );
  let started = performance.now();
  for (let day = from; day <= to; day += DAY) {
    const file = join(dir, `day-${day}.om.txt`);
    await writeDay(file, day, from, to);
    await execFileAsync(PROMTOOL, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '-q',
      file,
      dataDir,
    ]);
    await rm(file);
  }
  console.log(
    `backfill: ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const port = 19000 + Math.floor(Math.random() * 11000);
  const prometheusBase = `http://127.0.0.1:${port}`;
  await writeFile(
    join(dir, 'prometheus.yml'),
    'global:\n  scrape_interval: 1m\n',
  );
  children.push(
    spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
    ),
  );
  await waitFor(`${prometheusBase}/-/ready`, 120_000);

  started = performance.now();
  children.push(
    spawn(
      'yarn',
      [
        'backstage-cli',
        'package',
        'start',
        '--config',
        'dev/bench-config.yaml',
      ],
      {
        cwd: join(root, 'plugins/slo-backend-module-prometheus'),
        env: {
          ...process.env,
          BENCH_PROMETHEUS_URL: prometheusBase,
          BENCH_COMPONENTS: String(COMPONENTS),
        },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      },
    ),
  );
  await waitFor(`${backendBase}/.backstage/health/v1/readiness`, 240_000);
  console.log(
    `backend up: ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  await pass('cold', prometheusBase);
  await pass('warm', prometheusBase);
} finally {
  await cleanUp();
}
