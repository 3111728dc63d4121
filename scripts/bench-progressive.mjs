#!/usr/bin/env node
/*
 * Browser benchmark of the Deployments tab with progressive delivery (a measurement,
 * not a test): a component with 5,000 deployments in the last 90 days, 1,000 of them
 * Argo Rollouts canaries with their phases, and 2,000 feature-flag changes, against
 * the same 5,000 deployments without phases or flags, in Debian's Chromium.
 *
 *   node scripts/bench-progressive.mjs        # needs ports 3000 and 7007 free
 *   BENCH_RUNS=10 node scripts/bench-progressive.mjs
 *
 * It starts the portal (`yarn start`) with an extra config (written to
 * test-results/bench-progressive/): a catalog of the two bench components and a static
 * external-access token, the demo data off. It sends, through POST /api/delivery/events
 * (batches of 1,000): 5,000 deployments over 90 days (2 commits each, 70 % production,
 * 5 % failed, one incident per 100); on `bench-progressive` every fifth one is a
 * production canary with phases (5 -> 25 -> 50 -> 100 %, a pause and an analysis per
 * step; every twentieth of them aborted at 25 % after a failed analysis), and 2,000
 * flag changes of 40 flags in staging and production (targeting, on, rollout 10/50/100,
 * off). Then, per component, BENCH_RUNS times (default 5) after one warm-up: loads the
 * overview and navigates inside the app to the Deployments tab at 90 days
 * (/deployments?window=90d), reading in the page from that navigation when the chart
 * first showed a deployment marker or bucket, when it showed a flag marker, when
 * the first table row showed and when a row's health verdict showed (each plus two
 * animation frames: painted), how long GET /timeline and GET /deployment-health took
 * and the longest main-thread task. Prints medians and maxima and
 * the machine's load. The frontend is the dev server's build (`yarn start`): a
 * production build is faster. All traffic stays on localhost. Stops the portal at the
 * end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  launchChromium,
  msSummary,
  repoRoot as root,
  startPortal,
  waitFor,
  waitForPortal,
} from './benchKit.mjs';

const outDir = join(root, 'test-results', 'bench-progressive');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DEPLOYMENTS = 5000;
const PHASED_EVERY = 5; // 1,000 of 5,000
const ABORTED_EVERY = 20; // of the phased ones: 50 aborted
const FLAG_EVENTS = 2000;
const FLAG_KEYS = 40;
const TOKEN = 'bench-progressive-token-0123456789abcdef';
const backendUrl = 'http://localhost:7007';
const appUrl = 'http://localhost:3000';
const MINUTE = 60_000;
const DAY = 86_400_000;
const COMPONENTS = [
  { name: 'bench-progressive', progressive: true },
  { name: 'bench-plain', progressive: false },
];

function writeConfig() {
  mkdirSync(outDir, { recursive: true });
  const catalogFile = join(outDir, 'catalog.yaml');
  writeFileSync(
    catalogFile,
    COMPONENTS.map(
      ({ name }) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  title: ${name}
  annotations:
    github.com/project-slug: acme/${name}
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
          subject: bench-progressive
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

const iso = ms => new Date(ms).toISOString();

/**
 * A canary's phases from `start`: per step (5, 25, 50 %) a weight change of a minute,
 * a 2-minute pause and a 1-minute analysis, then the promotion; aborted ones fail the
 * analysis at 25 % and abort. 13 minutes when promoted.
 */
function canaryPhases(start, aborted) {
  const phases = [];
  let at = start;
  const add = (name, kind, minutes, status, weight) => {
    phases.push({
      name,
      kind,
      weight,
      startedAt: iso(at),
      finishedAt: iso(at + minutes * MINUTE),
      status,
    });
    at += minutes * MINUTE;
  };
  for (const weight of [5, 25, 50]) {
    const failing = aborted && weight === 25;
    add(`setWeight: ${weight}`, 'canary-step', 1, 'succeeded', weight);
    add('pause: 2m', 'pause', 2, 'succeeded', weight);
    add(
      'analysis: slo',
      'analysis',
      1,
      failing ? 'failed' : 'succeeded',
      weight,
    );
    if (failing) {
      add('abort', 'abort', 1, 'succeeded', 0);
      return { phases, finishedAt: at };
    }
  }
  add('promote: full', 'promote', 1, 'succeeded', 100);
  return { phases, finishedAt: at };
}

function deploymentsFor({ name, progressive }, now) {
  const rand = random(DEPLOYMENTS);
  const entityRef = `component:default/${name}`;
  const events = [];
  let lastProduction;
  let phased = 0;
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const finished = now - 90 * DAY + ((i + 0.5) / DEPLOYMENTS) * 90 * DAY;
    // The same deployments on both components (same draws); the canary slots are
    // production rollouts of 13 minutes, with their phases on bench-progressive only.
    const canarySlot = i % PHASED_EVERY === 0;
    const production = rand() < 0.7 || canarySlot;
    const failed = rand() < 0.05 && !canarySlot;
    const id = `${name}-${i}`;
    const rollback = production && !failed && lastProduction && rand() < 0.02;
    const rollout = canarySlot
      ? canaryPhases(finished - 13 * MINUTE, phased++ % ABORTED_EVERY === 0)
      : undefined;
    events.push({
      kind: 'deployment',
      source: 'github',
      id,
      entityRef,
      environment: production ? 'production' : 'staging',
      status: failed ? 'failure' : 'success',
      startedAt: iso(rollout ? finished - 13 * MINUTE : finished - 5 * MINUTE),
      finishedAt: iso(rollout ? rollout.finishedAt : finished),
      version: `v1.${i}`,
      url: `https://github.com/acme/${name}/actions/runs/${i}`,
      commits: [0, 1].map(c => ({
        sha: `${name.length.toString(16)}${i
          .toString(16)
          .padStart(8, '0')}${c}`,
        committedAt: iso(finished - (1 + c) * rand() * 48 * 3_600_000),
        author: 'bench',
        message: `Change ${i}.${c}`,
      })),
      ...(rollback ? { rollbackOf: lastProduction } : {}),
      ...(rollout && progressive ? { phases: rollout.phases } : {}),
    });
    if (production && !failed) lastProduction = id;
    if (i % 100 === 50) {
      events.push({
        kind: 'incident',
        source: 'github',
        id: `${name}-incident-${i}`,
        entityRef,
        title: `Incident ${i}`,
        openedAt: iso(finished + 10 * MINUTE),
        resolvedAt: iso(finished + 70 * MINUTE),
      });
    }
  }
  return { events, phased: progressive ? phased : 0 };
}

/** A flag's changes cycle through targeting, on (staging) and 10/50/100 % then off. */
const FLAG_STEPS = [
  { environment: 'staging', action: 'targeting' },
  { environment: 'staging', action: 'on', percentage: 100 },
  { environment: 'production', action: 'rollout', percentage: 10 },
  { environment: 'production', action: 'rollout', percentage: 50 },
  { environment: 'production', action: 'rollout', percentage: 100 },
  { environment: 'production', action: 'off', percentage: 0 },
];

function flagsFor({ name }, now) {
  const entityRef = `component:default/${name}`;
  return Array.from({ length: FLAG_EVENTS }, (_, i) => {
    const key = i % FLAG_KEYS;
    const step = FLAG_STEPS[Math.floor(i / FLAG_KEYS) % FLAG_STEPS.length];
    return {
      kind: 'flag',
      source: 'launchdarkly',
      id: `${name}-flag-${i}`,
      entityRef,
      flagKey: `bench-flag-${key}`,
      ...step,
      at: iso(now - 90 * DAY + ((i + 0.5) / FLAG_EVENTS) * 90 * DAY),
      author: 'bench',
    };
  });
}

async function ingest(events) {
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
 * (as a click on the tab does) and records, from that moment, when the chart's first
 * deployment marker, its first flag marker and the first table row were painted, and
 * the longest main-thread task.
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
  const watched = {
    chart:
      '[data-testid="delivery-timeline-chart"] [data-testid="delivery-marker"],' +
      '[data-testid="delivery-timeline-chart"] [data-testid="delivery-bucket"]',
    flags:
      '[data-testid="delivery-timeline-chart"] [data-testid^="delivery-flag"]',
    row: '[data-testid="delivery-deployment-row"]',
    // a production row's health verdict answered (GET /deployment-health)
    verdict:
      '[data-testid="delivery-deployment-row"] [data-testid="delivery-verdict"]:not([data-verdict="none"])',
  };
  new MutationObserver(() => {
    if (!marks.armed) return;
    for (const [key, selector] of Object.entries(watched)) {
      if (marks[key] === undefined && document.querySelector(selector)) {
        marks[key] = -1;
        afterPaint(key);
      }
    }
  }).observe(document, { childList: true, subtree: true });
  window.__benchNavigate = url => {
    Object.assign(marks, {
      armed: true,
      start: performance.now(),
      chart: undefined,
      flags: undefined,
      row: undefined,
      verdict: undefined,
      longestTaskMs: 0,
    });
    window.history.pushState({}, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
}

async function measure(page, { name, progressive }) {
  // The entity page is loaded first; the measured navigation is the app's own, from
  // the overview to the Deployments tab, as a user clicking the tab makes it.
  await page.goto(`${appUrl}/catalog/default/component/${name}`);
  await page
    .getByRole('tab', { name: 'Deployments' })
    .or(page.getByRole('link', { name: 'Deployments', exact: true }))
    .first()
    .waitFor();
  await page.evaluate(
    url => window.__benchNavigate(url),
    `/catalog/default/component/${name}/deployments?window=90d`,
  );
  await page.waitForFunction(
    withFlags =>
      window.__benchMarks.chart > 0 &&
      window.__benchMarks.row > 0 &&
      window.__benchMarks.verdict > 0 &&
      (!withFlags || window.__benchMarks.flags > 0),
    progressive,
    { timeout: 120_000 },
  );
  return page.evaluate(() => {
    const marks = window.__benchMarks;
    const lastCall = path => {
      const calls = performance
        .getEntriesByType('resource')
        .filter(e => e.name.includes(path) && e.startTime >= marks.start);
      return calls.length ? calls[calls.length - 1].duration : NaN;
    };
    return {
      chartMs: marks.chart,
      flagsMs: marks.flags ?? NaN,
      rowMs: marks.row,
      verdictMs: marks.verdict,
      timelineApiMs: lastCall('/api/delivery/timeline'),
      healthApiMs: lastCall('/api/delivery/deployment-health'),
      longestTaskMs: marks.longestTaskMs,
    };
  });
}

const load = () =>
  loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

const configFile = writeConfig();
console.log(
  `progressive delivery browser benchmark: ${DEPLOYMENTS} deployments over 90 days, ` +
    `${
      DEPLOYMENTS / PHASED_EVERY
    } with canary phases, ${FLAG_EVENTS} flag changes ` +
    `(against the same deployments without phases or flags); load average ${load()}`,
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
    what: 'the portal (see test-results/bench-progressive/portal.log)',
    intervalMs: 1000,
  });
  const now = Date.now();
  for (const component of COMPONENTS) {
    await waitFor(
      async () =>
        (
          await fetch(
            `${backendUrl}/api/catalog/entities/by-name/component/default/${component.name}`,
            { headers: authHeaders },
          )
        ).ok,
      120_000,
      `${component.name} in the catalog`,
      { intervalMs: 1000 },
    );
    const { events, phased } = deploymentsFor(component, now);
    let started = Date.now();
    await ingest(events);
    const seconds = ms => ((Date.now() - ms) / 1000).toFixed(1);
    console.log(
      `  ${
        component.name
      }: sent ${DEPLOYMENTS} deployments (${phased} with phases) in ${seconds(
        started,
      )} s`,
    );
    if (component.progressive) {
      started = Date.now();
      await ingest(flagsFor(component, now));
      console.log(
        `  ${component.name}: sent ${FLAG_EVENTS} flag changes in ${seconds(
          started,
        )} s`,
      );
    }
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

    console.log(
      `\nresults (median / max of ${RUNS} navigations, after one warm-up)`,
    );
    for (const component of COMPONENTS) {
      await measure(page, component);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(page, component));
      const figure = key => msSummary(runs.map(r => r[key]));
      console.log(
        `${component.name.padEnd(18)} chart painted ${figure(
          'chartMs',
        )}, first table row ${figure('rowMs')}, verdicts ${figure(
          'verdictMs',
        )}${
          component.progressive ? `, flag markers ${figure('flagsMs')}` : ''
        }, GET /timeline ${figure(
          'timelineApiMs',
        )}, GET /deployment-health ${figure(
          'healthApiMs',
        )}, longest task ${figure('longestTaskMs')}`,
      );
    }
    console.log(`load average at the end: ${load()}`);
  } finally {
    await browser.close();
  }
} finally {
  portal.stop();
}
