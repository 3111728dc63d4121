/*
 * The catalog's health columns in Debian's Chromium over the demo catalog: after guest
 * sign-in the catalog (sidebar "Catalog", at /catalog) shows DORA band, last production
 * deployment, error budget, golden-path status and maturity level for the components on screen, each
 * equal to what the plugins' batch APIs answered the page, with exactly one request per
 * plugin for those rows; no page or console error. Screenshot in e2e-tests/artifacts/
 * (git-ignored).
 */
import { test, expect, Page, Response } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isUpstreamDevWarning } from './upstreamDevWarnings';
import { artifactsDir, signInAsGuest } from './portal';

/** What a cell's data-value must be for the API's answer about its row. */
const expected = {
  dora: (item: any) => (item && item.band !== 'unknown' ? item.band : 'none'),
  lastDeployment: (item: any) =>
    item?.lastProduction
      ? `${item.lastProduction.source}/${item.lastProduction.id}`
      : 'none',
  errorBudget: (item: any) =>
    item && item.objectives > 0 && item.worstBudgetRemaining !== null
      ? String(item.worstBudgetRemaining)
      : 'none',
  goldenPath: (row: any) => (row ? row.status : 'none'),
  // No facts collected yet for the row: an empty value ("–" on screen).
  maturity: (item: any) => (item ? String(item.level) : ''),
};

/** Each cell of a column: its row's entity ref and its data-value. */
async function cells(page: Page, testId: string) {
  return page
    .locator(`[data-entity-ref]:has([data-testid="${testId}"])`)
    .evaluateAll(
      (nodes, id) =>
        nodes.map(n => ({
          entityRef: n.getAttribute('data-entity-ref')!,
          value: n
            .querySelector(`[data-testid="${id}"]`)!
            .getAttribute('data-value'),
        })),
      testId,
    );
}

test('the catalog shows health columns equal to the batch APIs, one request per plugin', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  page.on('console', message => {
    if (message.type() === 'error' && !isUpstreamDevWarning(message.text())) {
      consoleErrors.push(message.text());
    }
  });
  const health: Record<string, Response[]> = {
    delivery: [],
    slo: [],
    goldenPaths: [],
    maturity: [],
  };
  page.on('response', response => {
    const url = response.url();
    if (url.includes('/api/delivery/catalog-health')) {
      health.delivery.push(response);
    } else if (url.includes('/api/slo/catalog-health')) {
      health.slo.push(response);
    } else if (url.includes('/api/golden-paths/drift?entityRef=')) {
      health.goldenPaths.push(response);
    } else if (url.includes('/api/maturity/levels')) {
      health.maturity.push(response);
    }
  });
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await expect(page).toHaveURL(/\/catalog/);
  const table = page.getByRole('table').first();
  for (const title of [
    'DORA',
    'Last prod deploy',
    'Error budget',
    'Golden path',
    'Maturity',
  ]) {
    await expect(
      table.getByRole('columnheader', { name: title }),
    ).toBeVisible();
  }
  // Every cell settled: no placeholder, no failed load.
  await expect(page.getByTestId('catalog-dora-band').first()).toBeVisible();
  await expect(page.getByTestId('catalog-health-loading')).toHaveCount(0);
  await expect(page.getByTestId('catalog-health-error')).toHaveCount(0);

  // One request per plugin for the rows on screen.
  expect(health.delivery).toHaveLength(1);
  expect(health.slo).toHaveLength(1);
  expect(health.goldenPaths).toHaveLength(1);
  expect(health.maturity).toHaveLength(1);
  const delivery = await health.delivery[0].json();
  const slo = await health.slo[0].json();
  const drift = await health.goldenPaths[0].json();
  const maturity = await health.maturity[0].json();
  const driftOf = Object.fromEntries(
    drift.components.map((row: any) => [row.entityRef.toLowerCase(), row]),
  );

  const columns: Array<[string, (ref: string) => string]> = [
    ['catalog-dora-band', ref => expected.dora(delivery.items[ref])],
    [
      'catalog-last-deployment',
      ref => expected.lastDeployment(delivery.items[ref]),
    ],
    ['catalog-error-budget', ref => expected.errorBudget(slo.items[ref])],
    ['catalog-golden-path', ref => expected.goldenPath(driftOf[ref])],
  ];
  for (const [testId, expect_] of columns) {
    const shown = await cells(page, testId);
    expect(shown.length).toBeGreaterThan(2);
    expect(shown).toEqual(
      shown.map(cell => ({
        entityRef: cell.entityRef,
        value: expect_(cell.entityRef),
      })),
    );
  }
  // The maturity cell carries its row's ref itself.
  const levels = await page
    .locator('[data-testid="maturity-level-cell"][data-entity-ref]')
    .evaluateAll(nodes =>
      nodes.map(n => ({
        entityRef: n.getAttribute('data-entity-ref')!.toLowerCase(),
        value: n.getAttribute('data-value'),
      })),
    );
  expect(levels.length).toBeGreaterThan(2);
  expect(levels).toEqual(
    levels.map(cell => ({
      entityRef: cell.entityRef,
      value: expected.maturity(maturity.items[cell.entityRef]),
    })),
  );
  // The demo has figures: some band and some deployment are shown, not only "–".
  const bands = await cells(page, 'catalog-dora-band');
  expect(bands.some(cell => cell.value !== 'none')).toBe(true);
  const deployments = await cells(page, 'catalog-last-deployment');
  expect(deployments.some(cell => cell.value !== 'none')).toBe(true);

  await expect(page.getByTestId('catalog-health-loading')).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'catalog-health-columns.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
