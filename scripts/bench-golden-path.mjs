#!/usr/bin/env node
/*
 * Browser benchmark of a golden path (a measurement, not a test): in Debian's Chromium,
 * the time from pressing "Create" on the TypeScript HTTP service's review step (the
 * form's defaults: published to the portal's git host) to
 *   - the task finished (its "Open in catalog" link shown),
 *   - the new component's page shown (after following that link),
 *   - its SLOs tab listing both objectives.
 *
 *   node scripts/bench-golden-path.mjs                       # starts the portal (ports 3000, 7007 free)
 *   BENCH_APP_URL=http://localhost:3040 BENCH_BACKEND_URL=http://localhost:7047 \
 *     node scripts/bench-golden-path.mjs                     # reuses a portal already running there
 *   BENCH_RUNS=5 node scripts/bench-golden-path.mjs          # runs (default 3), after one warm-up
 *
 * Each run creates a new component (bench-gp-<time>) and its repository in the
 * portal's git host folder (goldenPaths.git.portalHost, .data/git by default).
 * Prints each run and the medians and maxima. All traffic stays on localhost. A portal
 * the script started is stopped at the end.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test-results', 'bench-golden-path');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const reuse = Boolean(process.env.BENCH_APP_URL);
const appUrl = process.env.BENCH_APP_URL ?? 'http://localhost:3000';
const backendUrl = process.env.BENCH_BACKEND_URL ?? 'http://localhost:7007';

async function waitFor(check, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Fills the form with the defaults and stops on the review step. */
async function fillForm(page, name) {
  await page.goto(`${appUrl}/create/templates/default/typescript-service`);
  await page.getByLabel('Name', { exact: false }).first().fill(name);
  await page.getByLabel('Description').fill('Benchmark service');
  for (const [label, search, option] of [
    ['Owner', 'Checkout', /Team Checkout/],
    ['System', 'Order', /Order Management/],
  ]) {
    // the entity picker is a combobox, or a labelled text field (as the e2e test picks it)
    const input = page
      .getByRole('combobox', { name: label })
      .or(page.getByLabel(label, { exact: false }))
      .first();
    await input.click();
    await input.fill(search);
    await page.getByRole('option', { name: option }).first().click();
  }
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).waitFor();
}

/** One run: milliseconds from Create to each milestone. */
async function run(page, name) {
  await fillForm(page, name);
  const start = Date.now();
  await page.getByRole('button', { name: 'Create' }).click();
  const open = page.getByRole('link', { name: 'Open in catalog' });
  await open.waitFor({ timeout: 600_000 });
  const taskDone = Date.now() - start;
  await open.click();
  await page
    .getByRole('heading', { name, exact: true })
    .first()
    .waitFor({ timeout: 600_000 });
  const componentPage = Date.now() - start;
  // the entity page's tabs are links (new frontend system)
  await page.getByRole('link', { name: 'SLOs', exact: true }).click();
  await page
    .locator('[data-testid="slo-objective"]')
    .nth(1)
    .waitFor({ timeout: 600_000 });
  const objectives = Date.now() - start;
  return { taskDone, componentPage, objectives };
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
};
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

let portal;
if (!reuse) {
  mkdirSync(outDir, { recursive: true });
  const log = openSync(join(outDir, 'portal.log'), 'w');
  portal = spawn('yarn', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
  });
}
const stop = () => {
  if (portal) {
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

try {
  await waitFor(
    async () =>
      (await fetch(`${backendUrl}/.backstage/health/v1/readiness`)).ok &&
      (
        await fetch(appUrl)
      ).ok,
    600_000,
    'the portal',
  );
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
  });
  // the dev server's first load and a busy machine are slow: wait, do not fail
  page.setDefaultTimeout(300_000);
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor();

  const results = [];
  for (let i = 0; i <= RUNS; i++) {
    const name = `bench-gp-${Date.now().toString(36)}`;
    const result = await run(page, name);
    console.log(
      `${i === 0 ? 'warm-up' : `run ${i}`}  ${name}: task finished ${seconds(
        result.taskDone,
      )}, component page ${seconds(
        result.componentPage,
      )}, objectives listed ${seconds(result.objectives)}`,
    );
    if (i > 0) results.push(result);
  }
  await browser.close();
  console.log(`\nfrom Create, ${RUNS} runs (median / max):`);
  for (const [key, label] of [
    ['taskDone', 'task finished       '],
    ['componentPage', 'component page shown'],
    ['objectives', 'objectives listed   '],
  ]) {
    const values = results.map(r => r[key]);
    console.log(
      `  ${label} ${seconds(median(values))} / ${seconds(Math.max(...values))}`,
    );
  }
} finally {
  stop();
}
