/*
 * Walks the portal as a new user would, in Debian's Chromium: guest sign-in, the catalog,
 * the demo components, one entity page. Fails on any error panel or uncaught page error.
 */
import { test, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const screenshotDir = 'test-results/screenshots';

// Error panels of both UI libraries: core-components' ErrorPanel/WarningPanel (and MUI
// alerts) render with role="alert"; @backstage/ui's Alert is a .bui-Alert with a status.
const errorPanels = (page: Page) =>
  page.locator(
    '[role="alert"], .bui-Alert[data-status="danger"], .bui-Alert[data-status="warning"]',
  );

async function expectNoErrorPanel(page: Page, options?: { timeout?: number }) {
  await expect(errorPanels(page)).toHaveCount(0, options);
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  // Signed in once the sidebar shows its links (the <nav> box itself has no size).
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('guest opens the demo catalog and an entity page', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));

  await signInAsGuest(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });

  // The catalog lives at /catalog (the cockpit is at /); show everything, not only
  // what the guest owns.
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await page
    .getByRole('menuitem', { name: /^All/ })
    .or(page.getByText(/^All$/))
    .first()
    .click();

  // Demo components are listed by their titles.
  for (const name of ['Checkout Service', 'Cart Service', 'Storefront Web']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expectNoErrorPanel(page);

  await page
    .getByRole('link', { name: 'Checkout Service', exact: true })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service/,
  );
  await expect(
    page.getByRole('heading', { name: 'Checkout Service' }).first(),
  ).toBeVisible();
  await expect(page.getByText('Team Checkout').first()).toBeVisible();
  // The overview's About card shows the entity's catalog data.
  await expect(
    page.getByText('Turns a cart into an order', { exact: false }).first(),
  ).toBeVisible();
  await expectNoErrorPanel(page);

  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({
    path: `${screenshotDir}/entity-page.png`,
    fullPage: true,
  });

  expect(pageErrors).toEqual([]);
});

test('the error panel check sees an error panel', async ({ page }) => {
  // Guards the check above: a page that fails must be caught by it.
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/no-such-component');
  await expect(errorPanels(page).first()).toBeVisible();
  await expect(expectNoErrorPanel(page, { timeout: 2_000 })).rejects.toThrow();
});
