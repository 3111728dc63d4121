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
import { join } from 'node:path';
import {
  launchChromium,
  repoRoot as root,
  startPortal,
  waitForPortal,
} from './benchKit.mjs';

const outDir = join(root, 'test-results', 'bench-golden-path');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const reuse = Boolean(process.env.BENCH_APP_URL);
const appUrl = process.env.BENCH_APP_URL ?? 'http://localhost:3000';
const backendUrl = process.env.BENCH_BACKEND_URL ?? 'http://localhost:7007';

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

const portal = reuse
  ? undefined
  : startPortal({ logFile: join(outDir, 'portal.log') });

try {
  await waitForPortal({
    appUrl,
    backendUrl,
    ms: 600_000,
    what: 'the portal',
    intervalMs: 1000,
  });
  const browser = await launchChromium();
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
  portal?.stop();
}
