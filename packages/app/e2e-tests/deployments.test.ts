/*
 * The Deployments tab of a demo component in Debian's Chromium: the demo data
 * (examples/delivery-demo.yaml) gives cart-service production and staging deployments and
 * a few incidents over 90 days. Checks the chart's lanes and incident spans, applies an
 * environment filter, and saves a screenshot to e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, signInAsGuest } from './portal';

const errorPanels = (page: Page) =>
  page.locator(
    '[role="alert"], .bui-Alert[data-status="danger"], .bui-Alert[data-status="warning"]',
  );

test('guest sees the deployment timeline of a demo component', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));

  await signInAsGuest(page);
  await page.goto('/catalog/default/component/cart-service');
  await expect(
    page.getByRole('heading', { name: 'Cart Service' }).first(),
  ).toBeVisible();

  // The overview's "Last deployments" card: production and staging.
  const card = page.locator('[data-testid="delivery-last-row"]');
  await expect(card.filter({ hasText: 'production' })).toBeVisible();

  await page
    .getByRole('tab', { name: 'Deployments' })
    .or(page.getByRole('link', { name: 'Deployments', exact: true }))
    .first()
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/cart-service\/deployments/,
  );

  await page.getByRole('button', { name: '90 d' }).click();
  const production = page.getByTestId('delivery-lane-production');
  const staging = page.getByTestId('delivery-lane-staging');
  await expect(production).toBeVisible();
  await expect(staging).toBeVisible();
  // Production is the first lane.
  await expect(
    page.locator('[data-testid^="delivery-lane-"]').first(),
  ).toHaveAttribute('data-testid', 'delivery-lane-production');
  // Deployments are drawn (as markers or, where they would overlap, as counted buckets).
  await expect(
    page
      .locator(
        '[data-testid="delivery-marker"], [data-testid="delivery-bucket"]',
      )
      .first(),
  ).toBeVisible();
  const spans = page.getByTestId('delivery-incident-span');
  await expect(spans.first()).toBeVisible();
  await expect(spans.first()).toHaveAttribute('aria-label', /^Incident: /);
  await expect(
    page.getByTestId('delivery-deployment-row').first(),
  ).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);

  // Filter to staging: the production lane goes, the table shows staging only.
  await page.getByRole('button', { name: 'Environment' }).click();
  await page.getByRole('option', { name: 'staging', exact: true }).click();
  await expect(production).toHaveCount(0);
  await expect(staging).toBeVisible();
  const rows = page.getByTestId('delivery-deployment-row');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row.locator('td').nth(1)).toHaveText('staging');
  }

  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({
    path: join(artifactsDir, 'deployments-tab.png'),
    fullPage: true,
  });

  expect(pageErrors).toEqual([]);
});
