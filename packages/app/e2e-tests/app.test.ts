/*
 * Walks the portal as a new user would, in Debian's Chromium: guest sign-in, the catalog,
 * the demo components, one entity page. Fails on any error panel or uncaught page error.
 */
import { test, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const screenshotDir = 'test-results/screenshots';

async function expectNoErrorPanel(page: Page) {
  // Backstage's ErrorPanel/WarningPanel render with role="alert" and an "Error" title.
  const errorPanels = page.getByRole('alert').filter({ hasText: /error/i });
  await expect(errorPanels).toHaveCount(0);
}

test('guest opens the demo catalog and an entity page', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));

  await page.goto('/');

  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();

  // The catalog is the landing page; show everything, not only what the guest owns.
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await page.getByRole('menuitem', { name: /^All/ }).or(page.getByText(/^All$/)).first().click();

  // Demo components are listed by their titles.
  for (const name of ['Checkout Service', 'Cart Service', 'Storefront Web']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expectNoErrorPanel(page);

  await page.getByRole('link', { name: 'Checkout Service', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/checkout-service/);
  await expect(
    page.getByRole('heading', { name: 'Checkout Service' }).first(),
  ).toBeVisible();
  await expect(page.getByText('Team Checkout').first()).toBeVisible();
  await expectNoErrorPanel(page);

  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/entity-page.png`, fullPage: true });

  expect(pageErrors).toEqual([]);
});
