#!/usr/bin/env node
/*
 * A Prometheus with 35 days of made-up metrics for the demo components' SLOs
 * (examples/slo/*.yaml). `scripts/portal start` runs it (scripts/start-portal.mjs, which
 * picks a free port and points slo.prometheus at it); alone:
 *
 *   node scripts/demo-prometheus.mjs             # serves http://127.0.0.1:19090 until Ctrl-C
 *   DEMO_PROMETHEUS_PORT=19191 node scripts/demo-prometheus.mjs
 *
 * It writes http_requests_total{job,handler,code} and the http_request_duration_seconds
 * histogram of checkout-service, cart-service, product-catalog-service and search-service
 * (one sample a minute, from 35 days ago until 24 hours ahead, so the demo stays current
 * for a day), backfills them with `promtool tsdb create-blocks-from openmetrics` (a
 * minute or two) and starts Debian's /usr/bin/prometheus on loopback. The stories:
 *   checkout-service         burning fast: 99.98%, and an incident from an hour before
 *                            the start until an hour after it (4% errors on /payments, so
 *                            its 5-minute slices stay good, 8% on /cart): availability's
 *                            1-hour burn rate is about 147 (44 errors a minute of 600,
 *                            against a 0.05% budget); 40% of its 30-day budget is left at
 *                            start, 19% after the incident. Not frozen.
 *   cart-service             healthy: 99.95% against 99.9%, half the budget left
 *   product-catalog-service  frozen: 99.85% against 99.9%, budget exhausted
 *   search-service           low traffic: 20 requests a minute, and 6 hours without
 *                            scrapes 5 days ago
 * and the progressive-delivery stories of examples/delivery-demo.yaml, on the days the
 * delivery demo places them (the same arithmetic as plugins/delivery-backend/src/demo/
 * demoRollouts.ts: UTC day number % everyDays = dayOffset):
 *   checkout-service         the aborted canary: while it serves 25% (16 minutes from
 *                            14:16 UTC), 4% of its requests fail: 1% of all, 6 errors a
 *                            minute, 96 in all, 0.74% of the 30-day budget (12,960 bad
 *                            requests allowed: 600 a minute * 43,200 minutes * 0.05%);
 *                            every 28 days, so one or two in the 30-day window: the
 *                            budget left at start is 0.7 to 1.5 points below the 40%
 *                            above
 *   cart-service             the flag released, then turned off during an incident: 4%
 *                            of the requests the flag serves fail, at 10% for 2 hours
 *                            (400 * 0.4% * 120 = 192 errors) and at 50% for 45 minutes
 *                            (400 * 2% * 45 = 360): 552 of the 17,280 allowed (3.2%)
 * The TSDB lives in a temporary folder removed on exit.
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';

const execFileAsync = promisify(execFile);
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
const PORT = Number(process.env.DEMO_PROMETHEUS_PORT ?? 19090);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const now = Math.floor(Date.now() / MINUTE) * MINUTE;
const from = Math.floor(now / DAY) * DAY - 35 * DAY;
const to = now + DAY;
const INCIDENT = { from: now - HOUR, to: now + HOUR };
const GAP = { from: now - 5 * DAY, to: now - 5 * DAY + 6 * HOUR };
const BUCKETS = ['0.1', '0.25', '0.3', '0.5', '1', '+Inf'];

/** Minutes of [from, t] that fall inside a span. */
const overlap = (span, t) =>
  Math.max(0, Math.min(t, span.to) - Math.max(from, span.from)) / MINUTE;

/** The delivery demo's profiles: where its progressive-delivery stories happen. */
const DELIVERY_DEMO = parseYaml(
  readFileSync(
    join(
      dirname(fileURLToPath(import.meta.url)),
      '..',
      'examples',
      'delivery-demo.yaml',
    ),
    'utf8',
  ),
);
/** A canary step's scaling minute, as in demoRollouts.ts. */
const SCALE_MINUTES = 1;

/** Starts (ms) of a story's days in [from, to]: day number % everyDays = dayOffset. */
function storyStarts(story) {
  const [hour, minute] = story.at.split(':').map(Number);
  const starts = [];
  for (let day = from; day <= to; day += DAY) {
    if ((day / DAY) % story.everyDays === story.dayOffset) {
      starts.push(day + hour * HOUR + minute * MINUTE);
    }
  }
  return starts;
}

/**
 * Extra error ratios of a job from the delivery demo's stories, as spans {from, to,
 * ratio}: the aborted canary's step (its weight * the canary's error ratio) and each
 * production step of the flag story (its percentage * the flag's error ratio).
 */
function storyBursts(job) {
  const profile = DELIVERY_DEMO.components.find(
    c => c.entityRef === `component:default/${job}`,
  );
  const bursts = [];
  const canary = profile?.rollout;
  if (canary?.strategy === 'canary' && canary.aborted) {
    const stepMs =
      (SCALE_MINUTES + canary.pauseMinutes + canary.analysisMinutes) * MINUTE;
    const index = canary.steps.indexOf(canary.aborted.atWeight);
    for (const start of storyStarts(canary.aborted)) {
      bursts.push({
        from: start + index * stepMs,
        to: start + (index + 1) * stepMs,
        ratio:
          (canary.aborted.atWeight / 100) * canary.aborted.canaryErrorRatio,
      });
    }
  }
  const flag = profile?.flags?.story;
  if (flag) {
    for (const start of storyStarts(flag)) {
      let at = start;
      for (const step of flag.steps) {
        const end = at + step.minutes * MINUTE;
        bursts.push({
          from: at,
          to: end,
          ratio: (step.percentage / 100) * flag.errorRatio,
        });
        at = end;
      }
    }
  }
  return bursts;
}

/**
 * Services: requests per minute per handler, error ratio, share of requests within
 * each bucket, and extra errors during the incident.
 */
const SERVICES = [
  {
    job: 'checkout-service',
    handlers: { '/payments': 100, '/cart': 500 },
    errorRatio: 0.0002,
    incidentErrorRatio: { '/payments': 0.04, '/cart': 0.08 },
    within: { 0.1: 0.6, 0.25: 0.9, 0.3: 0.95, 0.5: 0.995, 1: 0.999 },
  },
  {
    job: 'cart-service',
    handlers: { '/': 400 },
    errorRatio: 0.0005,
    within: { 0.1: 0.7, 0.25: 0.993, 0.3: 0.995, 0.5: 0.998, 1: 0.9995 },
  },
  {
    job: 'product-catalog-service',
    handlers: { '/': 800 },
    errorRatio: 0.0015,
    within: { 0.1: 0.5, 0.25: 0.97, 0.3: 0.985, 0.5: 0.995, 1: 0.999 },
  },
  {
    job: 'search-service',
    handlers: { '/': 20 },
    errorRatio: 0.003,
    within: { 0.1: 0.4, 0.25: 0.8, 0.3: 0.9, 0.5: 0.96, 1: 0.99 },
    gap: true,
  },
];

/** The demo's series: labels and the counter's value at time t (undefined: no scrape). */
function allSeries() {
  const series = [];
  for (const s of SERVICES) {
    const skip = t => s.gap && t > GAP.from && t < GAP.to;
    const bursts = storyBursts(s.job);
    const total = t =>
      Object.values(s.handlers).reduce((a, b) => a + b, 0) *
      ((t - from) / MINUTE);
    for (const [handler, perMinute] of Object.entries(s.handlers)) {
      const errors = t =>
        Math.floor(
          perMinute * s.errorRatio * ((t - from) / MINUTE) +
            perMinute *
              ((s.incidentErrorRatio?.[handler] ?? 0) - s.errorRatio) *
              (s.incidentErrorRatio ? overlap(INCIDENT, t) : 0) +
            bursts.reduce(
              (sum, burst) => sum + perMinute * burst.ratio * overlap(burst, t),
              0,
            ),
        );
      const requests = t => perMinute * ((t - from) / MINUTE);
      series.push({
        family: 'http_requests_total',
        labels: `job="${s.job}",handler="${handler}",code="500"`,
        value: t => (skip(t) ? undefined : errors(t)),
      });
      series.push({
        family: 'http_requests_total',
        labels: `job="${s.job}",handler="${handler}",code="200"`,
        value: t => (skip(t) ? undefined : requests(t) - errors(t)),
      });
    }
    for (const le of BUCKETS) {
      const share = le === '+Inf' ? 1 : s.within[le];
      series.push({
        family: 'http_request_duration_seconds_bucket',
        labels: `job="${s.job}",le="${le}"`,
        value: t => (skip(t) ? undefined : Math.floor(total(t) * share)),
      });
    }
    series.push({
      family: 'http_request_duration_seconds_count',
      labels: `job="${s.job}"`,
      value: t => (skip(t) ? undefined : total(t)),
    });
  }
  return series;
}

async function writeDay(path, dayStart, series) {
  const out = createWriteStream(path);
  let buffer = '';
  let family;
  for (const s of series) {
    if (s.family !== family) {
      family = s.family;
      buffer += `# TYPE ${family} unknown\n`;
    }
    for (let t = dayStart; t < Math.min(dayStart + DAY, to + 1); t += MINUTE) {
      const value = s.value(t);
      if (value !== undefined)
        buffer += `${family}{${s.labels}} ${value} ${t / 1000}\n`;
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(`${buffer}# EOF\n`);
  out.end();
  await once(out, 'finish');
}

const dir = await mkdtemp(join(tmpdir(), 'demo-prometheus-'));
let prometheus;
async function stop() {
  prometheus?.kill('SIGTERM');
  await new Promise(r => setTimeout(r, 1000));
  await rm(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stop().finally(() => process.exit(0)));
}

try {
  const series = allSeries().sort((a, b) => a.family.localeCompare(b.family));
  const dataDir = join(dir, 'data');
  console.log(
    `demo-prometheus: backfilling ${series.length} series, 36 days at 1-minute samples ...`,
  );
  for (let day = from; day <= to; day += DAY) {
    const file = join(dir, `day-${day}.om.txt`);
    await writeDay(file, day, series);
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
  await writeFile(
    join(dir, 'prometheus.yml'),
    'global:\n  scrape_interval: 1m\n',
  );
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${PORT}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  prometheus.on('exit', code => {
    console.error(`demo-prometheus: prometheus exited (${code})`);
    stop().finally(() => process.exit(1));
  });
  console.log(
    `demo-prometheus: serving http://127.0.0.1:${PORT} (Ctrl-C stops it)`,
  );
} catch (error) {
  console.error(error);
  await stop();
  process.exit(1);
}
