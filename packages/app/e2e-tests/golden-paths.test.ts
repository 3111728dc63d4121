/*
 * A golden-path template's form in Debian's Chromium: from /create, pick the TypeScript
 * HTTP service, fill every page (owner and system from the demo catalog through the
 * pickers, a pattern-checked name, "Another git host" with a remote URL) and reach the
 * review step, which must show the values entered. Also the Golden paths drift page
 * over the demo components. Screenshots go to e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const artifactsDir = join(__dirname, 'artifacts');
const backend = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

const errorPanels = (page: Page) =>
  page.locator('.bui-Alert[data-status="danger"], [data-testid="error-panel"]');

async function signInAsGuest(page: Page) {
  // The dev backend restarts when a watched file changes; sign in once it is ready.
  await expect
    .poll(
      async () =>
        (
          await page.request
            .get(`${backend}/.backstage/health/v1/readiness`)
            .catch(() => undefined)
        )?.status(),
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe(200);
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** Picks an entity in an EntityPicker/OwnerPicker autocomplete by typing part of its title. */
async function pickEntity(
  page: Page,
  label: string,
  search: string,
  option: RegExp,
) {
  const input = page
    .getByRole('combobox', { name: label })
    .or(page.getByLabel(label, { exact: false }))
    .first();
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

/** Chooses an option of an enum field (a Material UI select). */
async function selectOption(page: Page, label: string, option: string) {
  await page
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .or(page.getByRole('combobox', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('guest fills the TypeScript service golden path and reaches the review step', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);
  await page.goto('/create');
  const card = page
    .locator('article, [class*="MuiCard-root"]')
    .filter({ hasText: 'TypeScript HTTP service' })
    // the card itself, not a container of every card
    .filter({ hasNotText: 'Python service' })
    .first();
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/typescript-service/,
  );

  // Page 1: the service. The name pattern refuses upper case before going on.
  const name = page.getByLabel('Name', { exact: false }).first();
  await name.fill('Pay API');
  await page.getByLabel('Description').fill('Payments API');
  await pickEntity(page, 'Owner', 'Checkout', /Team Checkout/);
  await pickEntity(page, 'System', 'Order', /Order Management/);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(/must match pattern/).first()).toBeVisible();
  await name.fill('pay-api');
  await page.getByRole('button', { name: 'Next' }).click();

  // Page 2: delivery and SLOs.
  await expect(page.getByText('Tier').first()).toBeVisible();
  await selectOption(page, 'Tier', 'Critical (99.95%, 99% < 300 ms)');
  await selectOption(page, 'Deployment strategy', 'Canary (Argo Rollouts)');
  await selectOption(page, 'CI', 'GitLab CI');
  await page.getByRole('button', { name: 'Next' }).click();

  // Page 3: where it is published. Another git host asks for a remote URL.
  await selectOption(page, 'Publish to', 'Another git host (remote URL)');
  const remote = page.getByLabel('Git remote URL', { exact: false }).first();
  await remote.fill('not a url');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(/must match pattern/).first()).toBeVisible();
  await remote.fill('file:///tmp/golden-paths-git/pay-api.git');
  await page.getByRole('button', { name: 'Review' }).click();

  // The review step lists what was entered, with the Create button.
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
  const reviewed: [string, string][] = [
    ['Name', 'pay-api'],
    ['Description', 'Payments API'],
    ['Owner', 'group:default/team-checkout'],
    ['System', 'system:default/order-management'],
    ['Tier', 'Critical (99.95%, 99% < 300 ms)'],
    ['Deployment strategy', 'Canary (Argo Rollouts)'],
    ['CI', 'GitLab CI'],
    ['Publish to', 'Another git host (remote URL)'],
    ['Git remote URL', 'file:///tmp/golden-paths-git/pay-api.git'],
  ];
  for (const [label, value] of reviewed) {
    const row = page
      .getByRole('row')
      .filter({ has: page.getByText(label, { exact: true }) });
    await expect(row.first()).toContainText(value);
  }
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'golden-paths-review.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('guest sees the golden-path drift of the demo components', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Golden paths' })
    .click();
  await expect(page).toHaveURL(/\/golden-paths/);
  // examples/entities.yaml: cart-service on typescript-service 1.0.0, three components
  // on 1.1.0, the template's latest (1.0.0 -> 1.1.0: 1 minor behind).
  await expect(
    page.getByText('1 of 4 components on an older template version'),
  ).toBeVisible();
  const cartRow = page.getByRole('row').filter({ hasText: 'Cart Service' });
  await expect(cartRow.getByText('1 minor version behind')).toBeVisible();
  await expect(cartRow.getByText('1.0.0', { exact: true })).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'golden-paths-drift.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});
