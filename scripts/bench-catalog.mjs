#!/usr/bin/env node
/*
 * Browser benchmark of the catalog's health columns (a measurement, not a test): with
 * 5,000 components in the catalog, the time from clicking "Catalog" in the sidebar until
 * the table's rows are painted, with the health columns (DORA, last production deploy,
 * error budget, golden path: until every cell is settled) and without them, in Debian's
 * Chromium. Target: with / without <= 1.2.
 *
 *   node scripts/bench-catalog.mjs                                   # ports 3000, 7007
 *   BENCH_FRONT=3070 BENCH_BACK=7077 node scripts/bench-catalog.mjs  # other ports
 *
 * It writes an extra config to test-results/bench-catalog/: the demo data off, a
 * generated catalog of 5,000 components owned by the guest user (every other one made
 * from a golden path), and a static external-access token. By default it builds the app
 * for production twice (`BENCH_APP=development` measures `yarn start`'s dev server
 * instead), the two variants differing only in the `page:catalog` config `healthColumns`
 * (all four, or none), serves the build on the front port with the backend behind it on
 * the same origin, as a production portal is served, and starts the backend (embedded
 * SQLite); sends 90 days of production deployments (5 per
 * component) through POST /api/delivery/events; then, in Chromium, signs in as guest and
 * 5 times per variant and case (after a warm-up) navigates from the Golden paths page to
 * the catalog. Prints medians and maxima, the requests the health columns made, and the
 * ratio; `BENCH_TRACE=1` adds the last navigation's backend requests (the catalog's
 * queries with what they asked and answered) and main-thread long tasks as one
 * waterfall, and each navigation's rows-painted / ready / last-health-answer times;
 * `BENCH_PROFILE=1` a CPU profile of the last navigation (top self times, and a
 * .cpuprofile file Chromium's DevTools open). All traffic stays on localhost. Stops
 * everything at the end.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  buildApp,
  launchChromium,
  median,
  msSummary as summary,
  repoRoot as root,
  serveBuiltApp,
  startPortal,
  waitForOwnedEntity,
  waitForPortal,
} from './benchKit.mjs';

const outDir = join(root, 'test-results', 'bench-catalog');
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5000);
const DEPLOYS = 5;
const DAYS = 90;
const RUNS = 5;
const TOKEN = 'bench-catalog-token-0123456789abcdef';
const front = Number(process.env.BENCH_FRONT ?? 3000);
// `production` (the default): the app as users get it, built once per variant and served
// beside the backend; `development`: the dev server of `yarn start` (React's development
// build, several times slower to render)
const APP = process.env.BENCH_APP ?? 'production';
if (!['production', 'development'].includes(APP)) {
  throw new Error(`BENCH_APP must be production or development, not ${APP}`);
}
const builtAppDir = withColumns =>
  join(outDir, withColumns ? 'app-with-columns' : 'app-without-columns');
const back = Number(process.env.BENCH_BACK ?? 7007);
const appUrl = `http://localhost:${front}`;
const backendUrl = `http://localhost:${back}`;
// where the browser reaches the backend: through the app's origin in production
const publicBackendUrl = APP === 'production' ? appUrl : backendUrl;
const DAY = 86_400_000;
const name = i => `bench-cat-${String(i).padStart(4, '0')}`;
const authHeaders = {
  Authorization: `Bearer ${TOKEN}`,
  'Content-Type': 'application/json',
};

function catalogYaml() {
  const docs = [];
  for (let i = 0; i < COMPONENTS; i++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name(i)}
  description: Benchmark component ${i}
${
  i % 2 === 0
    ? `  annotations:
    golden-path.acme-portal.io/template: template:default/typescript-service
    golden-path.acme-portal.io/template-version: 1.0.0
`
    : ''
}spec:
  type: service
  lifecycle: production
  owner: user:default/guest
`);
  }
  return docs.join('---\n');
}

const catalogConfigFile = join(outDir, 'app-config.bench.yaml');
const columnsConfigFile = join(outDir, 'app-config.columns.yaml');

// Config arrays replace each other rather than merge: the variant's file repeats the
// app's own extension settings (home page at /, widgets off) and adds page:catalog's.
const appExtensions = parse(readFileSync(join(root, 'app-config.yaml'), 'utf8'))
  .app.extensions;

function writeColumnsConfig(withColumns) {
  writeFileSync(
    columnsConfigFile,
    stringify({
      app: {
        extensions: [
          ...appExtensions,
          {
            'page:catalog': {
              config: {
                healthColumns: withColumns
                  ? [
                      'dora',
                      'lastDeployment',
                      'errorBudget',
                      'goldenPath',
                      'maturity',
                    ]
                  : [],
              },
            },
          },
        ],
      },
    }),
  );
}

function writeConfig() {
  mkdirSync(outDir, { recursive: true });
  const catalogFile = join(outDir, 'catalog.yaml');
  writeFileSync(catalogFile, catalogYaml());
  writeFileSync(
    catalogConfigFile,
    `app:
  baseUrl: ${appUrl}
backend:
  baseUrl: ${publicBackendUrl}
  listen:
    port: ${back}
  cors:
    origin: ${appUrl}
  auth:
    externalAccess:
      - type: static
        options:
          token: ${TOKEN}
          subject: bench-catalog
delivery:
  demo:
    enabled: false
catalog:
  locations:
    - type: file
      target: ${catalogFile}
      rules:
        - allow: [Component]
`,
  );
  writeColumnsConfig(true);
}

async function ingest() {
  const now = Date.now();
  let batch = [];
  const send = async () => {
    const response = await fetch(`${backendUrl}/api/delivery/events`, {
      method: 'POST',
      headers: authHeaders,
      body: JSON.stringify({ events: batch }),
    });
    const body = await response.json();
    if (!response.ok || body.rejected.length > 0) {
      throw new Error(
        `ingestion failed: ${JSON.stringify(body).slice(0, 500)}`,
      );
    }
    batch = [];
  };
  for (let i = 0; i < COMPONENTS; i++) {
    for (let d = 0; d < DEPLOYS; d++) {
      const finished = now - ((d + 0.5) / DEPLOYS) * DAYS * DAY - i * 1000;
      batch.push({
        kind: 'deployment',
        source: 'bench',
        id: `${name(i)}-${d}`,
        entityRef: `component:default/${name(i)}`,
        environment: 'production',
        status: d === 0 && i % 7 === 0 ? 'failure' : 'success',
        startedAt: new Date(finished - 300_000).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        commits: [
          {
            sha: `${i.toString(16)}x${d}`,
            committedAt: new Date(finished - 6 * 3_600_000).toISOString(),
          },
        ],
      });
      if (batch.length === 1000) await send();
    }
  }
  if (batch.length) await send();
}

/**
 * Each health endpoint alone, for one page of rows (20 refs), timed from this process:
 * where the columns' time goes on the server. Median of 5 after a warm-up.
 */
async function timeEndpoints() {
  const refs = Array.from(
    { length: 20 },
    (_, i) => `component:default/${name(i)}`,
  );
  const calls = {
    'delivery /catalog-health': () =>
      fetch(`${backendUrl}/api/delivery/catalog-health`, {
        method: 'POST',
        headers: authHeaders,
        body: JSON.stringify({ entityRefs: refs }),
      }),
    'slo /catalog-health': () =>
      fetch(`${backendUrl}/api/slo/catalog-health`, {
        method: 'POST',
        headers: authHeaders,
        body: JSON.stringify({ entityRefs: refs }),
      }),
    'golden-paths /drift': () =>
      fetch(
        `${backendUrl}/api/golden-paths/drift?${refs
          .map(ref => `entityRef=${encodeURIComponent(ref)}`)
          .join('&')}`,
        { headers: authHeaders },
      ),
    'maturity /levels': () =>
      fetch(`${backendUrl}/api/maturity/levels`, {
        method: 'POST',
        headers: authHeaders,
        body: JSON.stringify({ entityRefs: refs }),
      }),
  };
  const times = {};
  for (const [label, call] of Object.entries(calls)) {
    times[label] = [];
    for (let i = 0; i <= 5; i++) {
      const started = performance.now();
      const response = await call();
      await response.text();
      if (!response.ok) throw new Error(`${label}: ${response.status}`);
      if (i > 0) times[label].push(performance.now() - started);
    }
  }
  return times;
}

/**
 * One navigation from the Golden paths page to the catalog, until it is ready; with
 * `reload`, the Golden paths page is loaded afresh first, so no health answer is known.
 */
const endpointOf = url =>
  url.replace(/\?.*/, '').replace(/^.*\/api\//, '/api/');

/** BENCH_PROFILE: a sampling CPU profile of the page's main thread during one navigation. */
async function startProfiler(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      return profile;
    },
  };
}

/**
 * Self time by function (and its source file) between two offsets from the click, ms.
 * The profile stops as the page is ready, so its end is taken as `readyMs` after the click.
 */
function selfTimes(profile, readyMs, fromMs, toMs) {
  const nodes = new Map(profile.nodes.map(n => [n.id, n]));
  const totals = new Map();
  let at = (profile.startTime - profile.endTime) / 1000 + readyMs;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] / 1000;
    at += delta;
    if (at < fromMs || at > toMs) return;
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const file = url.replace(/^.*node_modules\//, '').replace(/\?.*$/, '');
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + delta);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

async function measure(page, withColumns, { reload, profile = false }) {
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Golden paths' }).click();
  await page.waitForURL(/golden-paths/);
  if (reload) {
    // a first visit: nothing loaded in this page yet (the bundle is in the HTTP cache)
    await page.reload();
    await nav.getByRole('link', { name: 'Catalog', exact: true }).waitFor();
  }
  await page.waitForTimeout(500);
  const requests = [];
  // reset just before the click; requests finishing earlier are not this navigation's
  let started = Infinity;
  let startedEpoch = Infinity;
  let firstRequestMs;
  let lastResponseMs;
  const isHealth = request =>
    /catalog-health|golden-paths\/drift\?entityRef|maturity\/levels/.test(
      request.url(),
    );
  const onRequest = request => {
    if (!isHealth(request)) return;
    requests.push(request.url().replace(/\?.*/, ''));
    firstRequestMs ??= Date.now() - started;
  };
  const waits = [];
  // every backend request of the navigation, for BENCH_TRACE's waterfall
  const backendCalls = [];
  const onFinished = request => {
    if (
      request.url().startsWith(`${publicBackendUrl}/api/`) &&
      started !== Infinity
    ) {
      const t = request.timing();
      const call = {
        endpoint: `${request.method()} ${endpointOf(request.url())}`,
        startMs: t.startTime - startedEpoch,
        endMs: t.startTime + t.responseEnd - startedEpoch,
      };
      backendCalls.push(call);
      // the catalog's queries: what each asked and how many rows it answered
      if (process.env.BENCH_TRACE && /entities\/by-query/.test(request.url())) {
        const query = decodeURIComponent(request.url().replace(/^[^?]*\?/, ''));
        request
          .response()
          .then(response => response?.json())
          .then(body => {
            call.endpoint += ` ${query.slice(0, 160)} → ${
              body?.items?.length
            } items`;
          })
          .catch(() => {});
      }
    }
    if (!isHealth(request)) return;
    lastResponseMs = Date.now() - started;
    // queued: until the request was sent (connection, preflight); server: until the
    // first byte of the answer; startMs / endMs: from the click
    const t = request.timing();
    waits.push({
      endpoint: endpointOf(request.url()),
      startMs: t.startTime - startedEpoch,
      endMs: t.startTime + t.responseEnd - startedEpoch,
      queued: t.requestStart,
      server: t.responseStart - t.requestStart,
    });
  };
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  const profiler = profile ? await startProfiler(page) : undefined;
  await page.evaluate(() => {
    window.__benchStart = performance.now();
    window.__rowsAt = undefined;
    window.__settledAt = undefined;
    // BENCH_TRACE: the main thread's long tasks (> 50 ms), which answers wait behind
    window.__longTasks = [];
    window.__longTaskObserver?.disconnect();
    window.__longTaskObserver = new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        window.__longTasks.push([
          entry.startTime - window.__benchStart,
          entry.duration,
        ]);
      }
    });
    window.__longTaskObserver.observe({ type: 'longtask' });
  });
  started = Date.now();
  startedEpoch = started;
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await page.waitForFunction(
    columns => {
      const rows = document.querySelectorAll(
        'table tbody tr a[href*="/bench-cat-"]',
      );
      if (rows.length < 20) return false;
      window.__rowsAt ??= performance.now();
      if (!columns) return true;
      return (
        document.querySelectorAll('[data-testid="catalog-golden-path"]')
          .length >= 20 &&
        document.querySelectorAll('[data-testid="catalog-health-loading"]')
          .length === 0
      );
    },
    withColumns,
    { timeout: 120_000, polling: 'raf' },
  );
  const readyMs = Date.now() - started;
  const rowsMs = await page.evaluate(
    () => window.__rowsAt - window.__benchStart,
  );
  const longTasks = await page.evaluate(() => {
    window.__longTaskObserver.disconnect();
    return window.__longTasks;
  });
  const cpuProfile = profiler ? await profiler.stop() : undefined;
  page.off('request', onRequest);
  page.off('requestfinished', onFinished);
  return {
    readyMs,
    rowsMs,
    firstRequestMs,
    lastResponseMs,
    requests,
    waits,
    backendCalls,
    longTasks,
    cpuProfile,
  };
}

writeConfig();
console.log(
  `catalog columns benchmark: ${COMPONENTS} components, ${DEPLOYS} production deployments each over ${DAYS} days, ${APP} build of the app`,
);
let servedColumns = true;
let builtApp;
if (APP === 'production') {
  for (const withColumns of [true, false]) {
    writeColumnsConfig(withColumns);
    const ms = buildApp({
      configFiles: [catalogConfigFile, columnsConfigFile],
      outDir: builtAppDir(withColumns),
      logFile: join(outDir, 'app-build.log'),
    });
    console.log(
      `  built the app ${withColumns ? 'with' : 'without'} the columns in ${(
        ms / 1000
      ).toFixed(0)} s`,
    );
  }
  writeColumnsConfig(true);
  builtApp = serveBuiltApp({
    dir: () => builtAppDir(servedColumns),
    port: front,
    backendPort: back,
  });
}
const portal = startPortal({
  configFiles: [catalogConfigFile, columnsConfigFile],
  logFile: join(outDir, 'portal.log'),
  backendOnly: APP === 'production',
});
try {
  await waitForPortal({
    appUrl,
    backendUrl,
    ms: 900_000,
    what: 'the portal (see test-results/bench-catalog/portal.log)',
  });
  await waitForOwnedEntity({
    backendUrl,
    name: name(COMPONENTS - 1),
    headers: authHeaders,
    ms: 900_000,
    what: 'the bench catalog',
  });
  const t0 = Date.now();
  await ingest();
  console.log(
    `  sent ${COMPONENTS * DEPLOYS} deployments in ${(
      (Date.now() - t0) /
      1000
    ).toFixed(1)} s`,
  );

  const endpointTimes = await timeEndpoints();
  console.log('  health endpoints for 20 rows, median / max of 5:');
  for (const [label, values] of Object.entries(endpointTimes)) {
    console.log(`    ${label.padEnd(26)} ${summary(values)}`);
  }

  const browser = await launchChromium();
  const results = {};
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  // the development server's bundle loads slowly on a busy machine: wait, do not fail
  page.setDefaultTimeout(300_000);
  try {
    const signIn = async () => {
      await page.goto(appUrl);
      // the sign-in page, or the app when the guest session is remembered
      const enter = page.getByRole('button', { name: 'Enter' });
      const catalogLink = page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Catalog', exact: true });
      await enter.or(catalogLink).first().waitFor({ timeout: 300_000 });
      if (await enter.isVisible()) await enter.click();
      await catalogLink.waitFor({ timeout: 300_000 });
    };
    const record = (withColumns, kind, run) => {
      const key = `${withColumns ? 'with' : 'without'} ${kind}`;
      results[key] = [...(results[key] ?? []), run];
    };
    const profileRun = i =>
      Boolean(process.env.BENCH_PROFILE) && i === 2 * RUNS - 1;
    if (APP === 'production') {
      // warm-up of each build: loads its chunks into the HTTP cache
      for (const withColumns of [true, false]) {
        servedColumns = withColumns;
        await signIn();
        await measure(page, withColumns, { reload: false });
      }
      // First visits alternate between the builds (each reload loads the build
      // served), so both meet the machine in the same state.
      for (let i = 0; i < 2 * RUNS; i++) {
        for (const withColumns of [true, false]) {
          servedColumns = withColumns;
          record(
            withColumns,
            'first',
            await measure(page, withColumns, {
              reload: true,
              profile: withColumns && profileRun(i),
            }),
          );
        }
      }
    }
    for (const withColumns of [true, false, true, false]) {
      const variant = withColumns ? 'with' : 'without';
      if (APP === 'production') {
        servedColumns = withColumns;
      } else {
        writeColumnsConfig(withColumns);
        // The dev server reloads the frontend config; sign in on a fresh load.
        await page.waitForTimeout(15_000);
      }
      await signIn();
      // warm-up: loads the page's chunks
      await measure(page, withColumns, { reload: false });
      const kinds = APP === 'production' ? ['return'] : ['first', 'return'];
      for (const kind of kinds) {
        for (let i = 0; i < RUNS; i++) {
          record(
            withColumns,
            kind,
            await measure(page, withColumns, {
              reload: kind === 'first',
              profile: withColumns && profileRun(RUNS + i),
            }),
          );
        }
      }
      await page.screenshot({ path: join(outDir, `catalog-${variant}.png`) });
    }
    const ready = key => results[key].map(r => r.readyMs);
    console.log(
      `\nresults (median / max of ${
        ready('with first').length
      } navigations per case)`,
    );
    for (const kind of ['first', 'return']) {
      const label =
        kind === 'first'
          ? 'first visit (page loaded afresh)'
          : 'return within a minute (in-app)';
      console.log(`${label}:`);
      console.log(
        `  without health columns: ${summary(ready(`without ${kind}`))}`,
      );
      console.log(
        `  with health columns:    ${summary(ready(`with ${kind}`))}`,
      );
      const runs = results[`with ${kind}`];
      const at = key =>
        runs.some(r => r[key] === undefined)
          ? '–'
          : `${median(runs.map(r => r[key])).toFixed(0)} ms`;
      console.log(
        `  rows painted, medians: ${median(
          results[`without ${kind}`].map(r => r.rowsMs),
        ).toFixed(0)} ms without the columns, ${median(
          runs.map(r => r.rowsMs),
        ).toFixed(0)} ms with them`,
      );
      console.log(
        `  with, per navigation, ready after the rows painted: median ${median(
          runs.map(r => r.readyMs - r.rowsMs),
        ).toFixed(0)} ms`,
      );
      console.log(
        `  with, medians: rows painted ${at(
          'rowsMs',
        )}, first health request ${at(
          'firstRequestMs',
        )}, last health response ${at('lastResponseMs')}`,
      );
      const waits = runs.flatMap(r => r.waits ?? []);
      if (waits.length > 0) {
        console.log(
          `  each health request, medians: queued ${median(
            waits.map(w => w.queued),
          ).toFixed(0)} ms before it was sent, ${median(
            waits.map(w => w.server),
          ).toFixed(0)} ms until its first byte`,
        );
      }
      for (const endpoint of [...new Set(waits.map(w => w.endpoint))]) {
        const mine = waits.filter(w => w.endpoint === endpoint);
        const med = key => median(mine.map(w => w[key])).toFixed(0);
        console.log(
          `    ${endpoint}: sent at ${med('startMs')} ms, queued ${med(
            'queued',
          )} ms, first byte after ${med('server')} ms, answered at ${med(
            'endMs',
          )} ms`,
        );
      }
      if (process.env.BENCH_TRACE) {
        const last = runs[runs.length - 1];
        console.log(
          `  waterfall of the last navigation (ready at ${
            last.readyMs
          } ms, rows at ${last.rowsMs.toFixed(0)} ms):`,
        );
        const lines = [
          ...last.backendCalls.map(call => ({
            at: call.startMs,
            text: `${call.startMs.toFixed(0).padStart(5)} → ${call.endMs
              .toFixed(0)
              .padStart(5)} ms  ${call.endpoint}`,
          })),
          ...last.longTasks.map(([at, ms]) => ({
            at,
            text: `${at.toFixed(0).padStart(5)} → ${(at + ms)
              .toFixed(0)
              .padStart(5)} ms  (main thread busy, ${ms.toFixed(0)} ms)`,
          })),
        ];
        for (const line of lines.sort((a, b) => a.at - b.at)) {
          console.log(`    ${line.text}`);
        }
        console.log(
          `  each navigation (rows painted / ready / last health answer), ms: ${runs
            .map(
              r =>
                `${r.rowsMs.toFixed(0)}/${r.readyMs}/${
                  r.lastResponseMs ?? '–'
                }`,
            )
            .join(' ')}`,
        );
      }
      const profiled = runs.find(r => r.cpuProfile);
      if (profiled) {
        writeFileSync(
          join(outDir, `catalog-with-${kind}.cpuprofile`),
          JSON.stringify(profiled.cpuProfile),
        );
        for (const [label, from, to] of [
          ['until the rows paint', 0, profiled.rowsMs],
          ['from the rows to ready', profiled.rowsMs, profiled.readyMs],
        ]) {
          const top = selfTimes(
            profiled.cpuProfile,
            profiled.readyMs,
            from,
            to,
          );
          const busy = top.reduce((sum, [, ms]) => sum + ms, 0);
          console.log(
            `  CPU ${label} (${from.toFixed(0)}–${to.toFixed(
              0,
            )} ms), ${busy.toFixed(0)} ms sampled, top self times:`,
          );
          for (const [fn, ms] of top.slice(0, 25)) {
            console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${fn}`);
          }
        }
      }
      const perNavigation = runs.map(r => r.requests.length);
      console.log(
        `  health requests per navigation: ${Math.min(
          ...perNavigation,
        )}–${Math.max(...perNavigation)}`,
      );
      console.log(
        `  ratio with / without (medians): ${(
          median(ready(`with ${kind}`)) / median(ready(`without ${kind}`))
        ).toFixed(2)} (target <= 1.2)`,
      );
    }
    console.log(
      `health endpoints called: ${[
        ...new Set(
          Object.values(results)
            .flat()
            .flatMap(r => r.requests),
        ),
      ]
        .map(u => u.replace(publicBackendUrl, ''))
        .join(', ')}`,
    );
  } catch (error) {
    await page.screenshot({ path: join(outDir, 'failure.png') });
    throw error;
  } finally {
    await browser.close();
  }
} finally {
  portal.stop();
  builtApp?.close();
}
