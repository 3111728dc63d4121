#!/usr/bin/env node
/*
 * Browser benchmark of the Deployments tab (a measurement, not a test): time from
 * navigation to the timeline chart painted, for components with 100, 5,000 and 50,000
 * deployments in the last 90 days, in Debian's Chromium.
 *
 *   node scripts/bench-timeline.mjs            # needs ports 3000 and 7007 free
 *   BENCH_SIZES=100,5000 node scripts/bench-timeline.mjs
 *
 * It starts the portal (`yarn start`) with an extra config (written to
 * test-results/bench-timeline/): a catalog of three bench components and a static
 * external-access token; sends the generated deployments (2 commits each, 70 %
 * production, 5 % failed, some rollbacks, one incident per 100) through
 * POST /api/delivery/events; then, per component, five times (after one warm-up):
 * loads the component's overview page and navigates inside the app to its
 * Deployments tab at 90 days (/deployments?window=90d), and reads in the page, from
 * that navigation: when the chart first showed a marker or bucket (plus two animation
 * frames, i.e. painted), when the first table row showed, how long GET /timeline took,
 * and the longest main-thread task. Prints medians and maxima. The frontend is the
 * dev server's build (`yarn start`): a production build is faster.
 * All traffic stays on localhost. Stops the portal at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launchChromium,
  median,
  repoRoot as root,
  startPortal,
  waitFor,
  waitForPortal,
} from './benchKit.mjs';

const outDir = join(root, 'test-results', 'bench-timeline');
const SIZES = (process.env.BENCH_SIZES ?? '100,5000,50000')
  .split(',')
  .map(Number);
const RUNS = 5;
const TOKEN = 'bench-timeline-token-0123456789abcdef';
const backendUrl = 'http://localhost:7007';
const appUrl = 'http://localhost:3000';
const DAY = 86_400_000;
const name = size => `bench-timeline-${size}`;

function writeConfig() {
  mkdirSync(outDir, { recursive: true });
  const catalogFile = join(outDir, 'catalog.yaml');
  writeFileSync(
    catalogFile,
    SIZES.map(
      size => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name(size)}
  title: Bench timeline ${size}
  annotations:
    github.com/project-slug: acme/${name(size)}
spec:
  type: service
  lifecycle: production
  owner: group:default/platform
`,
    ).join('---\n'),
  );
  const configFile = join(outDir, 'app-config.bench.yaml');
  writeFileSync(
    configFile,
    `backend:
  auth:
    externalAccess:
      - type: static
        options:
          token: ${TOKEN}
          subject: bench-timeline
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
  return configFile;
}

const authHeaders = {
  Authorization: `Bearer ${TOKEN}`,
  'Content-Type': 'application/json',
};

/** Deterministic pseudo-random numbers, so every run sends the same data. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function eventsFor(size, now) {
  const rand = random(size);
  const entityRef = `component:default/${name(size)}`;
  const events = [];
  let lastProduction;
  for (let i = 0; i < size; i++) {
    const finished = now - 90 * DAY + ((i + 0.5) / size) * 90 * DAY;
    const production = rand() < 0.7;
    const failed = rand() < 0.05;
    const id = `${name(size)}-${i}`;
    const rollback = production && !failed && lastProduction && rand() < 0.02;
    events.push({
      kind: 'deployment',
      source: 'github',
      id,
      entityRef,
      environment: production ? 'production' : 'staging',
      status: failed ? 'failure' : 'success',
      startedAt: new Date(finished - 300_000).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      version: `v1.${i}`,
      url: `https://github.com/acme/${name(size)}/actions/runs/${i}`,
      commits: [0, 1].map(c => ({
        sha: `${size.toString(16)}${i.toString(16).padStart(8, '0')}${c}`,
        committedAt: new Date(
          finished - (1 + c) * rand() * 48 * 3_600_000,
        ).toISOString(),
        author: 'bench',
        message: `Change ${i}.${c}`,
      })),
      ...(rollback ? { rollbackOf: lastProduction } : {}),
    });
    if (production && !failed) lastProduction = id;
    if (i % 100 === 50) {
      events.push({
        kind: 'incident',
        source: 'github',
        id: `${name(size)}-incident-${i}`,
        entityRef,
        title: `Incident ${i}`,
        openedAt: new Date(finished + 600_000).toISOString(),
        resolvedAt: new Date(finished + 4_200_000).toISOString(),
      });
    }
  }
  return events;
}

async function ingest(size) {
  const events = eventsFor(size, Date.now());
  for (let i = 0; i < events.length; i += 1000) {
    const response = await fetch(`${backendUrl}/api/delivery/events`, {
      method: 'POST',
      headers: authHeaders,
      body: JSON.stringify({ events: events.slice(i, i + 1000) }),
    });
    const body = await response.json();
    if (!response.ok || body.rejected.length > 0) {
      throw new Error(
        `ingestion failed: ${JSON.stringify(body).slice(0, 500)}`,
      );
    }
  }
}

/**
 * Runs in the page before any script. `__benchNavigate(url)` navigates inside the app
 * (as a click on the tab does) and records, from that moment, when the chart and the
 * first table row were first painted and the longest main-thread task.
 */
function instrument() {
  const marks = { armed: false };
  window.__benchMarks = marks;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (marks.armed && entry.startTime >= marks.start) {
        marks.longestTaskMs = Math.max(marks.longestTaskMs, entry.duration);
      }
    }
  }).observe({ type: 'longtask' });
  // Two frames after the DOM change: the frame holding it has been painted.
  const afterPaint = key =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        marks[key] = performance.now() - marks.start;
      }),
    );
  new MutationObserver(() => {
    if (!marks.armed) return;
    if (
      marks.chart === undefined &&
      document.querySelector(
        '[data-testid="delivery-timeline-chart"] [data-testid="delivery-marker"],' +
          '[data-testid="delivery-timeline-chart"] [data-testid="delivery-bucket"]',
      )
    ) {
      marks.chart = -1;
      afterPaint('chart');
    }
    if (
      marks.row === undefined &&
      document.querySelector('[data-testid="delivery-deployment-row"]')
    ) {
      marks.row = -1;
      afterPaint('row');
    }
  }).observe(document, { childList: true, subtree: true });
  window.__benchNavigate = url => {
    Object.assign(marks, {
      armed: true,
      start: performance.now(),
      chart: undefined,
      row: undefined,
      longestTaskMs: 0,
    });
    window.history.pushState({}, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
}

async function measure(page, size) {
  // The entity page is loaded first; the measured navigation is the app's own, from
  // the overview to the Deployments tab, as a user clicking the tab makes it.
  await page.goto(`${appUrl}/catalog/default/component/${name(size)}`);
  await page
    .getByRole('tab', { name: 'Deployments' })
    .or(page.getByRole('link', { name: 'Deployments', exact: true }))
    .first()
    .waitFor();
  await page.evaluate(
    url => window.__benchNavigate(url),
    `/catalog/default/component/${name(size)}/deployments?window=90d`,
  );
  await page.waitForFunction(
    () => window.__benchMarks.chart > 0 && window.__benchMarks.row > 0,
    undefined,
    { timeout: 120_000 },
  );
  return page.evaluate(() => {
    const marks = window.__benchMarks;
    const timeline = performance
      .getEntriesByType('resource')
      .filter(
        e =>
          e.name.includes('/api/delivery/timeline') &&
          e.startTime >= marks.start,
      );
    return {
      chartMs: marks.chart,
      rowMs: marks.row,
      timelineApiMs: timeline.length
        ? timeline[timeline.length - 1].duration
        : NaN,
      longestTaskMs: marks.longestTaskMs,
    };
  });
}

const configFile = writeConfig();
console.log(
  `timeline browser benchmark: ${SIZES.join(', ')} deployments over 90 days`,
);
const portal = startPortal({
  configFiles: [configFile],
  logFile: join(outDir, 'portal.log'),
});
try {
  await waitForPortal({
    appUrl,
    backendUrl,
    ms: 600_000,
    what: 'the portal (see test-results/bench-timeline/portal.log)',
    intervalMs: 1000,
  });
  for (const size of SIZES) {
    await waitFor(
      async () =>
        (
          await fetch(
            `${backendUrl}/api/catalog/entities/by-name/component/default/${name(
              size,
            )}`,
            { headers: authHeaders },
          )
        ).ok,
      120_000,
      `${name(size)} in the catalog`,
      { intervalMs: 1000 },
    );
    const started = Date.now();
    await ingest(size);
    console.log(
      `  sent ${size} deployments in ${((Date.now() - started) / 1000).toFixed(
        1,
      )} s`,
    );
  }

  const browser = await launchChromium({ extraArgs: ['--disable-quic'] });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor();
    await page.addInitScript(instrument);

    console.log('\nresults (median / max of 5 navigations, after one warm-up)');
    for (const size of SIZES) {
      await measure(page, size);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(page, size));
      const figure = key => {
        const values = runs.map(r => r[key]);
        return `${median(values).toFixed(0)} / ${Math.max(...values).toFixed(
          0,
        )} ms`;
      };
      console.log(
        `${String(size).padStart(6)} deployments: chart painted ${figure(
          'chartMs',
        )}, first table row ${figure('rowMs')}, GET /timeline ${figure(
          'timelineApiMs',
        )}, longest task ${figure('longestTaskMs')}`,
      );
    }
  } finally {
    await browser.close();
  }
} finally {
  portal.stop();
}
