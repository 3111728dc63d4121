/*
 * Where lead time goes, in Debian's Chromium over the demo data (examples/delivery-demo.yaml
 * gives every demo component pull requests): storefront-web's DORA card draws the stage
 * bar, which must equal what GET /api/delivery/lead-time-breakdown answers for the same
 * entity and window (asked with the page's own credentials); the bar opens the changes;
 * a production deployment lists the changes it shipped. Screenshots go to
 * e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, backend, errorPanels, signInAsGuest } from './portal';

const STAGES = ['coding', 'pickup', 'review', 'deploy'];

/** The stage figures on the page equal the breakdown's. */
async function expectStages(
  scope: ReturnType<Page['getByTestId']>,
  breakdown: any,
) {
  for (const stage of STAGES) {
    const figure = scope.getByTestId(`stage-figure-${stage}`);
    const expected = breakdown.stages[stage];
    await expect(figure).toHaveAttribute(
      'data-median',
      String(expected.medianHours ?? ''),
    );
    await expect(figure).toHaveAttribute(
      'data-p90',
      String(expected.p90Hours ?? ''),
    );
    await expect(figure).toHaveAttribute('data-count', String(expected.count));
  }
}

/** The same request the page made, asked again with its token. */
async function askLike(page: Page, request: Request) {
  const response = await page.request.get(
    request.url().replace(/^https?:\/\/[^/]+/, backend),
    { headers: { authorization: request.headers().authorization } },
  );
  expect(response.ok()).toBe(true);
  return response.json();
}

test("a demo component's stage bar equals the API's breakdown, and opens its changes", async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);
  const breakdownRequest = page.waitForRequest(r =>
    r.url().includes('/api/delivery/lead-time-breakdown?'),
  );
  await page.goto('/catalog/default/component/storefront-web');
  const request = await breakdownRequest;
  const url = new URL(request.url());
  expect(url.searchParams.get('entityRef')).toBe(
    'component:default/storefront-web',
  );
  const card = page.getByTestId('scorecard-card');
  const bar = card.getByTestId('stage-bar');
  await expect(bar).toBeVisible();

  const breakdown = await askLike(page, request);
  expect(breakdown.changes).toBeGreaterThan(0);
  await expectStages(card, breakdown);
  // Each segment is its median over the sum of the medians.
  const total = STAGES.reduce(
    (sum, stage) => sum + (breakdown.stages[stage].medianHours ?? 0),
    0,
  );
  const deployShare = Number(
    await card.getByTestId('stage-segment-deploy').getAttribute('data-share'),
  );
  expect(deployShare).toBeCloseTo(
    breakdown.stages.deploy.medianHours / total,
    12,
  );
  await expect(card.getByTestId('stage-unreviewed')).toHaveAttribute(
    'data-value',
    String(breakdown.unreviewed / breakdown.changes),
  );
  await expect(card.getByTestId('stage-awaiting')).toHaveAttribute(
    'data-value',
    String(breakdown.awaitingDeploy),
  );
  await expect(errorPanels(page)).toHaveCount(0);
  await card.screenshot({ path: join(artifactsDir, 'changes-dora-card.png') });

  // The drill-down: the changes of the window, each with a link to its pull request.
  await card
    .getByRole('button', {
      name: 'Lead-time stages: show the changes behind them',
    })
    .click();
  const dialog = page.getByRole('dialog');
  const rows = dialog.getByTestId('delivery-change-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().getByRole('link').first()).toHaveAttribute(
    'href',
    /^https:\/\/github\.com\/acme-retail\/storefront-monorepo\/pull\/\d+$/,
  );
  await page.screenshot({
    path: join(artifactsDir, 'changes-drilldown.png'),
    fullPage: true,
  });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // A planned production deployment (not a rollback or a fix, whose version names
  // the day) lists the pull requests it shipped.
  await page.goto('/catalog/default/component/storefront-web/deployments');
  const production = page
    .getByTestId('delivery-deployment-row')
    .filter({ has: page.locator('td', { hasText: /^production$/ }) })
    .filter({
      has: page.locator('code', { hasText: /^v\d{4}\.\d{2}\.\d{2}\.\d+$/ }),
    })
    .first();
  await production.getByRole('button', { name: /commits?$/ }).click();
  const shipped = page.getByTestId('delivery-shipped-changes');
  await expect(
    shipped.getByTestId('delivery-change-row').first(),
  ).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'changes-deployment-row.png'),
    fullPage: true,
  });

  // The team scorecard pools the team's components.
  const teamRequest = page.waitForRequest(r =>
    r.url().includes('/api/delivery/lead-time-breakdown?'),
  );
  await page.goto('/catalog/default/group/team-checkout/delivery-scorecard');
  const teamBreakdownRequest = await teamRequest;
  expect(
    new URL(teamBreakdownRequest.url()).searchParams.get('entityRef'),
  ).toBe('group:default/team-checkout');
  const stages = page.getByTestId('lead-time-stages');
  await expect(stages.getByTestId('stage-bar')).toBeVisible();
  const teamBreakdown = await askLike(page, teamBreakdownRequest);
  expect(teamBreakdown.changes).toBeGreaterThan(breakdown.changes);
  await expectStages(stages, teamBreakdown);
  await expect(errorPanels(page)).toHaveCount(0);
  await stages.screenshot({
    path: join(artifactsDir, 'changes-team-scorecard.png'),
  });

  expect(pageErrors).toEqual([]);
});
