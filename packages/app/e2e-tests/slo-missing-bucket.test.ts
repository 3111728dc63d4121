/*
 * A latency objective whose threshold matches no histogram bucket, in Debian's
 * Chromium: search-service's "Latency (200 ms)" (examples/slo/search-service.yaml) asks
 * for le="0.2" while the demo histogram has 0.1, 0.25, 0.3, 0.5 and 1 s. The SLOs tab
 * must show it as a data quality error naming the selector and the buckets that
 * exist, with no figures and never frozen. Needs the demo Prometheus of the default
 * start (scripts/portal start). Screenshot in e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, backend } from './portal';

const objectiveId = 'search-service-latency-200ms';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('an objective whose latency threshold matches no bucket shows a data quality error naming the selector and the buckets', async ({
  page,
}) => {
  mkdirSync(artifactsDir, { recursive: true });
  await signInAsGuest(page);

  const objectivesRequest = page.waitForRequest(r =>
    r.url().includes('/api/slo/objectives?'),
  );
  await page.goto('/catalog/default/component/search-service/slos');
  const request = await objectivesRequest;
  const response = await page.request.get(
    `${backend}/api/slo/objectives?${new URLSearchParams({
      entityRef: 'component:default/search-service',
    })}`,
    { headers: { authorization: request.headers().authorization } },
  );
  expect(response.ok()).toBe(true);
  const answer = await response.json();
  const objective = answer.objectives.find(
    (o: { id: string }) => o.id === objectiveId,
  );
  expect(
    objective?.source.type,
    'the default start runs the demo Prometheus (scripts/portal start)',
  ).toBe('prometheus');

  // The API: an error, no figures, not frozen; the reason names the selector and the
  // buckets the histogram has.
  expect(objective.dataQuality.status).toBe('error');
  expect(objective.sli).toBeNull();
  expect(objective.frozen).toBe(false);
  expect(objective.dataQuality.reason).toContain(
    'http_request_duration_seconds_bucket{job="search-service",le=~"0\\\\.20*"}',
  );
  expect(objective.dataQuality.reason).toContain(
    'le = 0.1, 0.25, 0.3, 0.5, 1, +Inf',
  );

  // The page: the objective's panel carries the error chip, whose explanation is the
  // same reason; no frozen chip.
  const panel = page.locator(
    `[data-testid="slo-objective"][data-objective-id="${objectiveId}"]`,
  );
  await expect(panel).toBeVisible();
  const chip = panel.getByTestId('slo-quality-chip');
  await expect(chip).toHaveAttribute('data-quality', 'error');
  await expect(panel.getByTestId('slo-frozen-chip')).toHaveCount(0);
  await chip.hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText(
    'the good selector http_request_duration_seconds_bucket{job="search-service",le=~"0\\\\.20*"} matches no series',
  );
  await expect(tooltip).toContainText('le = 0.1, 0.25, 0.3, 0.5, 1, +Inf');
  await panel.screenshot({
    path: join(artifactsDir, 'slo-missing-bucket.png'),
  });
});
