/**
 * What the browser tests share about the portal under test: where screenshots go, the
 * backend's address, the error panels a page must not show, and guest sign-in.
 */
import { expect, Page } from '@playwright/test';
import { join } from 'node:path';

/** Screenshots (git-ignored). */
export const artifactsDir = join(__dirname, 'artifacts');

export const backend =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

/** Backstage's error panels, old and new design system. */
export const errorPanels = (page: Page) =>
  page.locator('.bui-Alert[data-status="danger"], [data-testid="error-panel"]');

/** Signs in as guest from the start page and waits for the sidebar. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}
