#!/usr/bin/env node
/*
 * Browser benchmark of the home cockpit at / (a measurement, not a test): how long until
 * its widgets have painted their figures, and how many requests that takes, in Debian's
 * Chromium, on the default start (demo data, guest sign-in).
 *
 *   node scripts/bench-home.mjs                 # starts the portal; ports 3000 and 7007 free
 *   BENCH_URL=http://localhost:3000 BENCH_BACKEND_URL=http://localhost:7007 \
 *     node scripts/bench-home.mjs               # measures a portal that already runs
 *
 * After guest sign-in and one warm-up, 5 times each:
 *   - full load: `/` opened afresh (the browser's cache warm): first contentful paint,
 *     and the "first meaningful paint", the time from navigation start until every
 *     widget (error budgets, DORA, production deployments, golden-path drift) has
 *     painted its content; requests made until then, all and to the backend's /api;
 *   - in-app: from /catalog, the sidebar's Home link, until the same paint.
 * Prints medians and maxima. All traffic stays on localhost.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launchChromium,
  median,
  msSummary as ms,
  repoRoot as root,
  startPortal,
  waitForPortal,
} from './benchKit.mjs';

const outDir = join(root, 'test-results', 'bench-home');
const appUrl = process.env.BENCH_URL ?? 'http://localhost:3000';
const backendUrl = process.env.BENCH_BACKEND_URL ?? 'http://localhost:7007';
const RUNS = 5;

/** Every widget's content (or its empty state) is on screen. */
const WIDGETS = [
  '[data-testid="home-error-budgets"], [data-testid="home-slo-empty"]',
  '[data-testid="home-dora-widget"]',
  '[data-testid="home-deployments"]',
  '[data-testid="home-drift"]',
];

/** Resolves with performance.now() once every widget is painted (two frames later). */
async function widgetsPainted(page) {
  await page.waitForFunction(
    selectors => {
      if (document.querySelector('[data-testid="error-panel"]')) {
        throw new Error('a widget shows an error panel');
      }
      return selectors.every(s => document.querySelector(s));
    },
    WIDGETS,
    { timeout: 120_000, polling: 'raf' },
  );
  return page.evaluate(
    () =>
      new Promise(resolve =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(performance.now())),
        ),
      ),
  );
}

function countRequests(page) {
  const counted = { all: 0, api: 0 };
  const listener = request => {
    counted.all += 1;
    if (request.url().startsWith(`${backendUrl}/api/`)) counted.api += 1;
  };
  page.on('request', listener);
  return () => {
    page.off('request', listener);
    return counted;
  };
}

async function fullLoad(page) {
  const stop = countRequests(page);
  await page.goto(`${appUrl}/`);
  const paintedMs = await widgetsPainted(page);
  const requests = stop();
  const fcpMs = await page.evaluate(
    () =>
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ??
      NaN,
  );
  return {
    paintedMs,
    fcpMs,
    requests: requests.all,
    apiRequests: requests.api,
  };
}

async function inApp(page) {
  await page.goto(`${appUrl}/catalog`);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).waitFor();
  await page.waitForTimeout(1000);
  const stop = countRequests(page);
  const started = await page.evaluate(() => performance.now());
  // The logo links home too: the sidebar item is the one with the text.
  await nav.locator('a').filter({ hasText: 'Home' }).click();
  const painted = await widgetsPainted(page);
  const requests = stop();
  return {
    paintedMs: painted - started,
    requests: requests.all,
    apiRequests: requests.api,
  };
}

const count = values => `${median(values)} / ${Math.max(...values)}`;

mkdirSync(outDir, { recursive: true });
const portal = process.env.BENCH_URL
  ? undefined
  : startPortal({ logFile: join(outDir, 'portal.log') });
try {
  await waitForPortal({
    appUrl,
    backendUrl,
    ms: 600_000,
    what: 'the portal (see test-results/bench-home/portal.log)',
  });
  const browser = await launchChromium({ extraArgs: ['--disable-quic'] });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    // The dev server compiles on first request; a busy machine is slow.
    page.setDefaultTimeout(180_000);
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await widgetsPainted(page); // warm-up: the widgets' chunks and the demo data
    const loads = [];
    const navigations = [];
    for (let i = 0; i < RUNS; i++) loads.push(await fullLoad(page));
    for (let i = 0; i < RUNS; i++) navigations.push(await inApp(page));
    await page.screenshot({ path: join(outDir, 'home.png') });
    const pick = (runs, key) => runs.map(r => r[key]);
    console.log(`home cockpit, median / max of ${RUNS} (after one warm-up)`);
    console.log(`full load of /`);
    console.log(`  first contentful paint:        ${ms(pick(loads, 'fcpMs'))}`);
    console.log(
      `  every widget painted:          ${ms(pick(loads, 'paintedMs'))}`,
    );
    console.log(
      `  requests (all):                ${count(pick(loads, 'requests'))}`,
    );
    console.log(
      `  requests to the backend's API: ${count(pick(loads, 'apiRequests'))}`,
    );
    console.log(`in-app, sidebar Home from /catalog`);
    console.log(
      `  every widget painted:          ${ms(pick(navigations, 'paintedMs'))}`,
    );
    console.log(
      `  requests (all):                ${count(
        pick(navigations, 'requests'),
      )}`,
    );
    console.log(
      `  requests to the backend's API: ${count(
        pick(navigations, 'apiRequests'),
      )}`,
    );
  } finally {
    await browser.close();
  }
} finally {
  portal?.stop();
}
