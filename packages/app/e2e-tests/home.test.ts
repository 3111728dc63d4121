/*
 * The home cockpit at / in Debian's Chromium: after guest sign-in it shows the guest's
 * teams (team-checkout and team-catalog), and every figure on it equals the answer of the API the page
 * asked (the test repeats each request with the page's own credentials). No page error,
 * no console error; then the switch to the whole organisation. Screenshots go to
 * e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isUpstreamDevWarning } from './upstreamDevWarnings';
import { artifactsDir, backend, errorPanels } from './portal';

const teams = ['group:default/team-catalog', 'group:default/team-checkout'];

/** Repeats a request the page made, with its credentials; answers the JSON. */
async function sameAnswer(page: Page, request: Request) {
  const response = await page.request.get(request.url(), {
    headers: { authorization: request.headers().authorization },
  });
  expect(response.ok()).toBe(true);
  return response.json();
}

/** The scorecard figures as the widget reads them (plugins/delivery-scorecards metrics). */
const doraValues = (f: any): Record<string, number | null> => ({
  deploymentFrequency:
    f.deploymentFrequency.deployments > 0 ? f.deploymentFrequency.perDay : null,
  leadTimeMedian: f.leadTimeForChanges.medianHours,
  leadTimeP90: f.leadTimeForChanges.p90Hours,
  changeFailureRate: f.changeFailureRate.ratio,
  failedDeploymentRecoveryTime: f.failedDeploymentRecoveryTime.medianHours,
  deploymentReworkRate: f.deploymentReworkRate.ratio,
});

test("guest lands on the cockpit of the guest's teams, figures equal to the APIs", async ({
  page,
}) => {
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  page.on('console', message => {
    const text = message.text();
    if (message.type() === 'error' && !isUpstreamDevWarning(text)) {
      consoleErrors.push(text);
    }
  });
  mkdirSync(artifactsDir, { recursive: true });

  const requests: Request[] = [];
  page.on('request', r => {
    if (r.url().startsWith(`${backend}/api/`)) requests.push(r);
  });
  const settled = (part: string) =>
    page.waitForResponse(r => r.url().includes(part) && r.ok());
  const answers = Promise.all([
    settled('/api/delivery/scorecards/entity?'),
    settled('/api/slo/status?'),
    settled('/api/golden-paths/drift?'),
    settled('/api/delivery/timeline?'),
  ]);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Sign-in lands on the cockpit at /, for the guest's team.
  await expect(
    page.getByRole('heading', { name: 'Delivery cockpit' }),
  ).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  await expect(page.getByTestId('home-scope')).toContainText('Your teams: ');
  for (const team of teams) {
    await expect(page.getByTestId('home-scope')).toContainText(
      team.replace('group:default/', ''),
    );
  }
  await answers;
  const asked = (part: string) => requests.filter(r => r.url().includes(part));

  // DORA: each team's figures are the backend's, for the team and the window the page asked.
  const doraRequests = asked('/api/delivery/scorecards/entity?');
  expect(
    doraRequests
      .map(r => new URL(r.url()).searchParams.get('entityRef'))
      .sort(),
  ).toEqual(teams);
  for (const doraRequest of doraRequests) {
    const team = new URL(doraRequest.url()).searchParams.get('entityRef');
    const scorecard = await sameAnswer(page, doraRequest);
    const dora = page.locator(
      `[data-testid="home-dora"][data-entity-ref="${team}"]`,
    );
    await expect(dora).toBeVisible();
    for (const [key, value] of Object.entries(doraValues(scorecard))) {
      await expect(dora.getByTestId(`home-dora-${key}`)).toHaveAttribute(
        'data-value',
        value === null ? '' : String(value),
      );
    }
    // The demo teams deploy: a real figure, not "not enough data".
    expect(scorecard.deploymentFrequency.deployments).toBeGreaterThan(0);
  }

  // Error budgets: the services with SLOs and the frozen ones are the roll-up's.
  // one roll-up per team; a component owned by both counts once
  const statuses = await Promise.all(
    asked('/api/slo/status?').map(r => sameAnswer(page, r)),
  );
  const status = {
    components: [
      ...new Map(
        statuses
          .flatMap((answer: any) => answer.components)
          .map((c: any) => [c.entityRef, c]),
      ).values(),
    ],
  };
  const withSlos = status.components.filter((c: any) => c.objectives > 0);
  if (withSlos.length === 0) {
    await expect(page.getByTestId('home-slo-empty')).toBeVisible();
  } else {
    await expect(page.getByTestId('home-error-budgets')).toHaveAttribute(
      'data-covered',
      String(withSlos.length),
    );
    const frozen = withSlos
      .filter((c: any) => c.frozen)
      .map((c: any) => c.entityRef)
      .sort();
    await expect(page.getByTestId('home-frozen')).toHaveCount(frozen.length);
    const atRisk = withSlos.filter(
      (c: any) =>
        !c.frozen &&
        c.worstBudgetRemaining !== null &&
        c.worstBudgetRemaining < 0.25,
    );
    await expect(page.getByTestId('home-at-risk')).toHaveCount(
      Math.min(5, atRisk.length),
    );
    const burning = withSlos.filter(
      (c: any) => !c.frozen && (c.fastestBurnRate ?? 0) > 1,
    );
    await expect(page.getByTestId('home-burning')).toHaveCount(
      Math.min(5, burning.length),
    );
  }

  // Production deployments: every row shown is one the API listed for the team.
  await expect(page.getByTestId('home-deployments')).toBeVisible();
  const listed = (
    await Promise.all(
      asked('/api/delivery/deployments?').map(r => sameAnswer(page, r)),
    )
  ).flatMap((answer: any) => answer.items);
  const shownIds = await page
    .getByTestId('home-deployment')
    .evaluateAll(rows => rows.map(row => row.getAttribute('data-id')));
  expect(shownIds.length).toBe(Math.min(8, listed.length));
  const listedIds = new Set(listed.map((d: any) => d.id));
  for (const id of shownIds) expect(listedIds.has(id!)).toBe(true);

  // Golden-path drift of the components the team owns.
  const [driftRequest] = asked('/api/golden-paths/drift?');
  expect(
    new URL(driftRequest.url()).searchParams.getAll('owner').sort(),
  ).toEqual(teams);
  const drift = await sameAnswer(page, driftRequest);
  if (drift.components.length > 0) {
    await expect(page.getByTestId('home-drift')).toHaveAttribute(
      'data-total',
      String(drift.components.length),
    );
  }

  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'home.png'),
    fullPage: true,
  });

  // The switch: the whole organisation, kept in the URL.
  const orgScorecard = settled('/api/delivery/scorecards/entity?');
  await page.getByRole('button', { name: 'Whole organisation' }).click();
  await expect(page.getByTestId('home-scope')).toHaveText('Organisation: acme');
  expect(new URL(page.url()).searchParams.get('scope')).toBe('organization');
  const orgAnswer = await orgScorecard;
  expect(new URL(orgAnswer.url()).searchParams.get('entityRef')).toBe(
    'group:default/acme',
  );
  await expect(
    page.locator(
      '[data-testid="home-dora"][data-entity-ref="group:default/acme"]',
    ),
  ).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'home-organisation.png'),
    fullPage: true,
  });

  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
