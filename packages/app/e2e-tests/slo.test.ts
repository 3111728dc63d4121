/*
 * The SLOs tab in Debian's Chromium over the demo definitions (examples/slo/*.yaml, named
 * by the slo.acme-portal.io/openslo-file annotation of four demo components). Every
 * objective the backend answers for checkout-service must be listed; with a metric
 * source its figures must equal the API's, without one (`yarn start` has no Prometheus)
 * the tab says no source is configured. Also the overview card and a system's roll-up.
 * Screenshots go to e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, backend, errorPanels, signInAsGuest } from './portal';

const component = 'component:default/checkout-service';

/** Asks the SLO backend what the page asked, with the page's own credentials. */
async function sloApi(
  page: Page,
  request: Request,
  path: string,
  entityRef: string,
) {
  const response = await page.request.get(
    `${backend}/api/slo${path}?${new URLSearchParams({ entityRef })}`,
    { headers: { authorization: request.headers().authorization } },
  );
  expect(response.ok()).toBe(true);
  return response.json();
}

test('guest sees the SLOs of a demo component, its card and a system roll-up', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);

  // The SLOs tab of checkout-service: one panel per objective the backend answers.
  const objectivesRequest = page.waitForRequest(r =>
    r.url().includes('/api/slo/objectives?'),
  );
  await page.goto('/catalog/default/component/checkout-service/slos');
  const request = await objectivesRequest;
  const answer = await sloApi(page, request, '/objectives', component);
  expect(answer.objectives.length).toBeGreaterThan(0);

  const panels = page.getByTestId('slo-objective');
  await expect(panels).toHaveCount(answer.objectives.length);
  const shownIds = await panels.evaluateAll(nodes =>
    nodes.map(n => n.getAttribute('data-objective-id')),
  );
  expect([...shownIds].sort()).toEqual(
    answer.objectives.map((o: { id: string }) => o.id).sort(),
  );
  // Each panel shows its definition with the target.
  await expect(page.getByTestId('slo-definition')).toHaveCount(
    answer.objectives.length,
  );

  const noSource =
    answer.metricSourceConfigured === false ||
    answer.objectives.every(
      (o: { source: { type: string } }) => o.source.type === 'none',
    );
  if (noSource) {
    await expect(page.getByTestId('slo-no-source')).toBeVisible();
  } else {
    // With a metric source: the indicator on screen is the API's.
    for (const objective of answer.objectives) {
      const panel = page.locator(
        `[data-testid="slo-objective"][data-objective-id="${objective.id}"]`,
      );
      await expect(panel.getByTestId('slo-figure-sli')).toHaveAttribute(
        'data-value',
        objective.sli === null ? '' : String(objective.sli),
      );
      await expect(panel.getByTestId('slo-burndown-chart')).toBeVisible();
    }
  }
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'slo-tab.png'),
    fullPage: true,
  });

  // The overview card lists the same objectives.
  await page.goto('/catalog/default/component/checkout-service');
  const card = page.getByTestId('slo-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('slo-card-objective')).toHaveCount(
    answer.objectives.length,
  );
  await card.screenshot({ path: join(artifactsDir, 'slo-card.png') });

  // The system's roll-up: a row per component with objectives.
  const statusRequest = page.waitForRequest(r =>
    r.url().includes('/api/slo/status?'),
  );
  await page.goto('/catalog/default/system/order-management/slos');
  const status = await sloApi(
    page,
    await statusRequest,
    '/status',
    'system:default/order-management',
  );
  const withObjectives = status.components.filter(
    (c: { objectives: number }) => c.objectives > 0,
  );
  if (withObjectives.length > 0) {
    await expect(page.getByTestId('slo-rollup-row')).toHaveCount(
      withObjectives.length,
    );
    await expect(
      page.locator(
        `[data-testid="slo-rollup-row"][data-entity-ref="${component}"]`,
      ),
    ).toBeVisible();
  } else {
    await expect(page.getByTestId('slo-empty')).toBeVisible();
  }
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'slo-system-rollup.png'),
    fullPage: true,
  });

  // The seams: installing the SLO plugin lights up the delivery plugins. The team
  // scorecard gets its SLO column, asked of /api/slo/status per service ...
  const scorecardStatus = page.waitForRequest(r =>
    r.url().includes('/api/slo/status?'),
  );
  await page.goto('/catalog/default/group/team-checkout/delivery-scorecard');
  await expect(
    page.getByRole('columnheader', { name: 'SLO (budget left)' }),
  ).toBeVisible();
  await scorecardStatus;
  // ... and the Deployments tab asks which deployments were made while frozen.
  const impactRequest = page.waitForRequest(r =>
    r.url().includes('/api/slo/deployment-impact?'),
  );
  await page.goto('/catalog/default/component/checkout-service/deployments');
  const impact = await impactRequest;
  expect(new URL(impact.url()).searchParams.get('deployments')).toMatch(
    /^[^,@]+\/[^,@]+@\d{4}-\d\d-\d\dT/,
  );
  await expect(errorPanels(page)).toHaveCount(0);

  expect(pageErrors).toEqual([]);
});
