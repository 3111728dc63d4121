/*
 * DORA scorecards in Debian's Chromium over the demo data (examples/delivery-demo.yaml):
 * team-checkout's "Delivery scorecard" tab and the organisation page. A figure on screen
 * must equal what GET /api/delivery/dora answers for the same entity and window (asked
 * with the page's own credentials). Screenshots go to e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, backend, errorPanels, signInAsGuest } from './portal';

/** /dora for an entity over the window of a request the page made, with its token. */
async function doraLike(page: Page, request: Request, entityRef: string) {
  const url = new URL(request.url());
  const response = await page.request.get(
    `${backend}/api/delivery/dora?${new URLSearchParams({
      entityRef,
      from: url.searchParams.get('from')!,
      to: url.searchParams.get('to')!,
    })}`,
    { headers: { authorization: request.headers().authorization } },
  );
  expect(response.ok()).toBe(true);
  return response.json();
}

test('guest sees a team scorecard and the organisation page with the API figures', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);

  // The team tab: its figures come from /scorecards/entity for the group.
  const teamRequest = page.waitForRequest(r =>
    r.url().includes('/api/delivery/scorecards/entity?'),
  );
  await page.goto('/catalog/default/group/team-checkout/delivery-scorecard');
  const request = await teamRequest;
  const frequency = page.getByTestId('scorecard-figure-deploymentFrequency');
  await expect(frequency.getByTestId('scorecard-value')).toBeVisible();
  const dora = await doraLike(page, request, 'group:default/team-checkout');
  expect(dora.deploymentFrequency.deployments).toBeGreaterThan(0);
  await expect(frequency).toHaveAttribute(
    'data-value',
    String(dora.deploymentFrequency.perDay),
  );
  await expect(
    page.getByTestId('scorecard-figure-changeFailureRate'),
  ).toHaveAttribute('data-value', String(dora.changeFailureRate.ratio ?? ''));
  await expect(frequency.getByTestId('scorecard-band').first()).toHaveAttribute(
    'data-band',
    dora.deploymentFrequency.band,
  );
  await expect(page.getByTestId('scorecard-trend')).toHaveCount(7);
  const services = page.getByTestId('scorecard-services');
  await expect(
    services.locator(
      '[data-testid="scorecard-row"][data-entity-ref="component:default/cart-service"]',
    ),
  ).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'scorecard-team-tab.png'),
    fullPage: true,
  });

  // The organisation page, from the sidebar.
  const orgRequest = page.waitForRequest(
    r =>
      r.url().includes('/api/delivery/scorecards?') &&
      !r.url().includes('team='),
  );
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Scorecards' })
    .click();
  await expect(page).toHaveURL(/\/scorecards$/);
  const org = await orgRequest;
  const teams = page.getByTestId('scorecard-teams');
  const checkout = teams.locator(
    '[data-entity-ref="group:default/team-checkout"]',
  );
  await expect(checkout).toBeVisible();
  await expect(
    teams.locator('[data-entity-ref="group:default/team-platform"]'),
  ).toBeVisible();
  const orgDora = await doraLike(page, org, 'group:default/team-checkout');
  await expect(
    checkout.getByTestId('scorecard-cell-deploymentFrequency'),
  ).toHaveAttribute('data-value', String(orgDora.deploymentFrequency.perDay));
  await expect(
    checkout.getByTestId('scorecard-cell-leadTimeMedian'),
  ).toHaveAttribute(
    'data-value',
    String(orgDora.leadTimeForChanges.medianHours ?? ''),
  );

  // Sort by deployment frequency: the most frequent team first.
  await teams.getByRole('button', { name: 'Deploys' }).click();
  const values = await teams
    .getByTestId('scorecard-cell-deploymentFrequency')
    .evaluateAll(cells =>
      cells.map(c => c.getAttribute('data-value')).filter(v => v !== ''),
    );
  const numbers = values.map(Number);
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

  await page.getByRole('button', { name: '30 d' }).click();
  await expect(checkout).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'scorecards-org-page.png'),
    fullPage: true,
  });

  // The DORA card on a component's overview.
  await page.goto('/catalog/default/component/cart-service');
  await expect(page.getByTestId('scorecard-card')).toBeVisible();
  await page.getByTestId('scorecard-card').screenshot({
    path: join(artifactsDir, 'scorecard-dora-card.png'),
  });

  expect(pageErrors).toEqual([]);
});
