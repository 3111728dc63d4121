#!/usr/bin/env node
/*
 * Browser benchmark of the DORA scorecards organisation page (a measurement, not a
 * test): API time of GET /api/delivery/scorecards and the longest main-thread task while
 * /scorecards renders, for 1,000 services in 100 teams over 90 days, in Debian's Chromium.
 *
 *   node scripts/bench-scorecards.mjs        # needs ports 3000 and 7007 free
 *   BENCH_DEPLOYS_PER_DAY=2 node scripts/bench-scorecards.mjs
 *
 * It starts the portal (`yarn start`, embedded SQLite) with an extra config written to
 * test-results/bench-scorecards/: the demo data off, a generated catalog (group
 * bench-sc-org > 10 departments > 100 teams, 10 systems, 1,000 components, 10 per
 * team) instead of nothing else added to the demo catalog, and a static external-access
 * token. It sends 90 days of deployments (1 per component per day by default, 2 commits
 * each, every 25th followed by an incident naming it, some rollbacks and remediations)
 * through POST /api/delivery/events, then
 *   - times GET /api/delivery/scorecards?from&to (90 days) 5 times after a warm-up;
 *   - in Chromium, signs in as guest, opens the catalog, and 5 times (after a warm-up)
 *     navigates inside the app to /scorecards via the sidebar, waiting until the 100
 *     team rows are painted: the in-page API time (resource timing) and the longest
 *     main-thread task (PerformanceObserver longtask) during that navigation.
 * Prints medians and maxima. All traffic stays on localhost. Stops the portal at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launchChromium,
  median,
  msSummary as summary,
  repoRoot as root,
  startPortal,
  waitForOwnedEntity,
  waitForPortal,
} from './benchKit.mjs';

const outDir = join(root, 'test-results', 'bench-scorecards');
const DEPARTMENTS = 10;
const TEAMS_PER_DEPARTMENT = 10;
const SERVICES_PER_TEAM = 10;
const SYSTEMS = 10;
const DAYS = 90;
const DEPLOYS_PER_DAY = Number(process.env.BENCH_DEPLOYS_PER_DAY ?? 1);
const RUNS = 5;
const TOKEN = 'bench-scorecards-token-0123456789abcdef';
const backendUrl = 'http://localhost:7007';
const appUrl = 'http://localhost:3000';
const DAY = 86_400_000;
const TEAMS = DEPARTMENTS * TEAMS_PER_DEPARTMENT;
const SERVICES = TEAMS * SERVICES_PER_TEAM;

const team = t => `bench-sc-team-${t}`;
const service = s => `bench-sc-svc-${s}`;

function catalogYaml() {
  const docs = [];
  const group = (name, type, parent, children) =>
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: ${type}
${parent ? `  parent: ${parent}\n` : ''}  children: [${children.join(', ')}]
`);
  const departments = Array.from(
    { length: DEPARTMENTS },
    (_, d) => `bench-sc-dept-${d}`,
  );
  group('bench-sc-org', 'organization', undefined, departments);
  departments.forEach((dept, d) =>
    group(
      dept,
      'department',
      'bench-sc-org',
      Array.from({ length: TEAMS_PER_DEPARTMENT }, (_, i) =>
        team(d * TEAMS_PER_DEPARTMENT + i),
      ),
    ),
  );
  for (let t = 0; t < TEAMS; t++) {
    group(
      team(t),
      'team',
      `bench-sc-dept-${Math.floor(t / TEAMS_PER_DEPARTMENT)}`,
      [],
    );
  }
  for (let s = 0; s < SYSTEMS; s++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: bench-sc-system-${s}
spec:
  owner: group:default/bench-sc-org
`);
  }
  for (let s = 0; s < SERVICES; s++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${service(s)}
spec:
  type: service
  lifecycle: production
  owner: group:default/${team(Math.floor(s / SERVICES_PER_TEAM))}
  system: bench-sc-system-${s % SYSTEMS}
`);
  }
  return docs.join('---\n');
}

function writeConfig() {
  mkdirSync(outDir, { recursive: true });
  const catalogFile = join(outDir, 'catalog.yaml');
  writeFileSync(catalogFile, catalogYaml());
  const configFile = join(outDir, 'app-config.bench.yaml');
  writeFileSync(
    configFile,
    `backend:
  auth:
    externalAccess:
      - type: static
        options:
          token: ${TOKEN}
          subject: bench-scorecards
delivery:
  demo:
    enabled: false
catalog:
  locations:
    - type: file
      target: ${catalogFile}
      rules:
        - allow: [Component, Group, System]
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

/** A component's deployments and incidents over the last 90 days. */
function eventsFor(s, now) {
  const rand = random(s + 1);
  const entityRef = `component:default/${service(s)}`;
  const count = Math.round(DAYS * DEPLOYS_PER_DAY);
  const events = [];
  for (let i = 0; i < count; i++) {
    const finished = now - DAYS * DAY + ((i + rand()) / count) * DAYS * DAY;
    const id = `${service(s)}-${i}`;
    const failed = i % 25 === 12;
    events.push({
      kind: 'deployment',
      source: 'bench',
      id,
      entityRef,
      environment: 'production',
      status: 'success',
      startedAt: new Date(finished - 300_000).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      commits: [0, 1].map(c => ({
        sha: `${s.toString(16)}x${i.toString(16)}x${c}`,
        committedAt: new Date(
          finished - (1 + rand() * 72) * 3_600_000,
        ).toISOString(),
      })),
      ...(i % 25 === 13 && rand() < 0.5
        ? { rollbackOf: `${service(s)}-${i - 1}` }
        : {}),
      ...(i % 25 === 14
        ? { remediates: `${service(s)}-incident-${i - 2}` }
        : {}),
    });
    if (failed) {
      events.push({
        kind: 'incident',
        source: 'bench',
        id: `${service(s)}-incident-${i}`,
        entityRef,
        title: `Incident ${i}`,
        openedAt: new Date(finished + 600_000).toISOString(),
        resolvedAt: new Date(
          finished + (1 + rand() * 24) * 3_600_000,
        ).toISOString(),
        deploymentId: id,
      });
    }
  }
  return events;
}

async function ingest() {
  const now = Date.now();
  let batch = [];
  let sent = 0;
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
    sent += batch.length;
    batch = [];
  };
  for (let s = 0; s < SERVICES; s++) {
    for (const event of eventsFor(s, now)) {
      batch.push(event);
      if (batch.length === 1000) await send();
    }
  }
  if (batch.length) await send();
  return sent;
}

function window90() {
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  return {
    from: new Date(to - DAYS * DAY).toISOString(),
    to: to.toISOString(),
  };
}

/** Runs in the page before any script: longest task since the last reset. */
function instrument() {
  const marks = { longestTaskMs: 0 };
  window.__bench = marks;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= (marks.since ?? 0)) {
        marks.longestTaskMs = Math.max(marks.longestTaskMs, entry.duration);
      }
    }
  }).observe({ type: 'longtask', buffered: true });
}

async function measure(page, teams) {
  await page.goto(`${appUrl}/catalog`);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor();
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    performance.clearResourceTimings();
    window.__bench.since = performance.now();
    window.__bench.longestTaskMs = 0;
  });
  const started = await page.evaluate(() => performance.now());
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Scorecards' })
    .click();
  await page.waitForFunction(
    count =>
      document.querySelectorAll(
        '[data-testid="scorecard-teams"] [data-testid="scorecard-row"]',
      ).length === count,
    teams,
    { timeout: 120_000 },
  );
  const painted = await page.evaluate(
    () =>
      new Promise(resolve =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(performance.now())),
        ),
      ),
  );
  // Let late tasks land in the observer.
  await page.waitForTimeout(500);
  return page.evaluate(
    ({ painted: p, started: s }) => {
      const api = performance
        .getEntriesByType('resource')
        .filter(e => /\/api\/delivery\/scorecards\?/.test(e.name));
      return {
        paintedMs: p - s,
        apiMs: api.length ? api[api.length - 1].duration : NaN,
        longestTaskMs: window.__bench.longestTaskMs,
      };
    },
    { painted, started },
  );
}

const configFile = writeConfig();
console.log(
  `scorecards browser benchmark: ${SERVICES} services, ${TEAMS} teams, ${DAYS} days, ${DEPLOYS_PER_DAY} deployment(s) per service per day`,
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
    what: 'the portal (see test-results/bench-scorecards/portal.log)',
  });
  // The last component, with its owner relation processed.
  await waitForOwnedEntity({
    backendUrl,
    name: service(SERVICES - 1),
    headers: authHeaders,
    ms: 300_000,
    what: 'the bench catalog',
  });
  const started = Date.now();
  const sent = await ingest();
  console.log(
    `  sent ${sent} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const { from, to } = window90();
  const url = `${backendUrl}/api/delivery/scorecards?${new URLSearchParams({
    from,
    to,
  })}`;
  const apiRuns = [];
  let teamsAnswered = 0;
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: authHeaders });
    const body = await response.json();
    if (!response.ok) throw new Error(JSON.stringify(body).slice(0, 500));
    if (i > 0) apiRuns.push(performance.now() - t0);
    teamsAnswered = body.teams.length;
  }

  const browser = await launchChromium({ extraArgs: ['--disable-quic'] });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.addInitScript(instrument);
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor();
    await measure(page, teamsAnswered); // warm-up: loads the page's chunk
    const runs = [];
    for (let i = 0; i < RUNS; i++)
      runs.push(await measure(page, teamsAnswered));
    await page.screenshot({
      path: join(outDir, 'scorecards-org-page.png'),
      fullPage: false,
    });
    const figure = key => summary(runs.map(r => r[key]));
    console.log(`\nresults (median / max of ${RUNS}, after one warm-up)`);
    console.log(
      `GET /scorecards (${teamsAnswered} teams, 90 days), from Node: ${summary(
        apiRuns,
      )}`,
    );
    console.log(`GET /scorecards, in the page:          ${figure('apiMs')}`);
    console.log(
      `navigation to 100 rows painted:        ${figure('paintedMs')}`,
    );
    console.log(
      `longest main-thread task:              ${figure('longestTaskMs')}`,
    );
  } finally {
    await browser.close();
  }
} finally {
  portal.stop();
}
