/*
 * The main pages on the default start (`scripts/portal start`: demo catalog, demo delivery
 * history, demo Prometheus), in Debian's Chromium, as a new user sees them after guest
 * sign-in: home, catalog, every tab of checkout-service and of team-checkout, the
 * scorecards, golden paths and create pages. None may show an error panel, throw a page
 * error or log a console error. checkout-service's SLOs tab shows figures (the demo
 * Prometheus is part of the start); no page warns about a stale source nobody configured;
 * a change against the previous period is shown exactly where the API gives one, and
 * where it withholds it the page says why instead of a percentage.
 * Screenshots go to e2e-tests/artifacts/main-*.png (git-ignored).
 */
import { test, expect, Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isUpstreamDevWarning } from './upstreamDevWarnings';
import { artifactsDir, backend, errorPanels } from './portal';

/** Page errors and console errors, each with the page it happened on. */
function collectErrors(page: Page) {
  const errors: string[] = [];
  const add = (error: string) => {
    errors.push(error);
    // Printed as it happens, so a run that fails earlier still names it.
    // eslint-disable-next-line no-console -- the e2e log is where a reader looks first
    console.log(error);
  };
  page.on('pageerror', error => add(`${page.url()}: page error: ${error}`));
  page.on('console', message => {
    if (message.type() === 'error' && !isUpstreamDevWarning(message.text())) {
      add(`${page.url()}: console error: ${message.text()}`);
    }
  });
  return errors;
}

const sidebar = (page: Page) =>
  page.getByRole('navigation', { name: 'sidebar nav' });

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  await expect(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * Waits until the page has settled: network quiet and no progress bar, twice a second
 * apart (a lazily loaded tab shows its progress bar only after a moment).
 */
async function settle(page: Page) {
  // The app has booted (a full load of the dev bundle takes a while).
  await expect(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible({ timeout: 120_000 });
  for (let pass = 0; pass < 2; pass++) {
    if (pass > 0) await page.waitForTimeout(1_000);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('progressbar')).toHaveCount(0, {
      timeout: 60_000,
    });
  }
}

async function shoot(page: Page, name: string) {
  await page.screenshot({
    path: join(artifactsDir, `main-${name}.png`),
    fullPage: true,
  });
}

/** Opens every tab of an entity page, checking each for error panels. */
async function visitTabs(page: Page, path: string, name: string) {
  await page.goto(path);
  await settle(page);
  const tabs = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link');
  await expect(tabs.first()).toBeVisible();
  const labels = await tabs.allInnerTexts();
  const hrefs = await tabs.evaluateAll(links =>
    links.map(link => link.getAttribute('href')!),
  );
  expect(labels.length).toBeGreaterThan(1);
  for (const [index, label] of labels.entries()) {
    await page.goto(hrefs[index]);
    await expect(
      page.getByRole('navigation', { name: 'Content navigation' }),
    ).toBeVisible();
    await settle(page);
    await expect(errorPanels(page), `${name} tab ${label}`).toHaveCount(0);
    await shoot(
      page,
      `${name}-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    );
  }
  return labels;
}

/** Asks the backend what a request of the page asked, with the page's credentials. */
async function api(page: Page, request: Request, path: string) {
  const response = await page.request.get(`${backend}${path}`, {
    headers: { authorization: request.headers().authorization },
  });
  expect(response.ok()).toBe(true);
  return response.json();
}

/** Opens a page and answers the entity scorecard it asked for, asked again. */
async function scorecardOn(page: Page, path: string) {
  const requested = page.waitForRequest(r =>
    r.url().includes('/api/delivery/scorecards/entity?'),
  );
  await page.goto(path);
  const request = await requested;
  return api(
    page,
    request,
    `/api/delivery/scorecards/entity?${new URL(request.url()).searchParams}`,
  );
}

/**
 * Every figure tile shows the API's change: a direction where there is one, the
 * reason where the API withheld it, and never a percentage for a withheld change.
 */
async function expectChangesAsApi(
  page: Page,
  changes: Record<string, { trend: string; withheld?: string }>,
) {
  for (const [metric, change] of Object.entries(changes)) {
    const shown = page
      .getByTestId(`scorecard-figure-${metric}`)
      .first()
      .getByTestId('scorecard-change');
    if (change.withheld) {
      await expect(shown).toHaveAttribute('data-trend', 'withheld');
      await expect(shown).toContainText(change.withheld);
      await expect(shown).not.toContainText('%');
    } else {
      await expect(shown).toHaveAttribute('data-trend', change.trend);
    }
  }
}

test('the main pages show no error and the demo lights every panel', async ({
  page,
}) => {
  test.setTimeout(900_000);
  mkdirSync(artifactsDir, { recursive: true });
  const errors = collectErrors(page);

  // Home: whatever the landing page is, it renders without an error.
  await signInAsGuest(page);
  await settle(page);
  await expect(errorPanels(page)).toHaveCount(0);
  await shoot(page, 'home');

  // The catalog, from the sidebar.
  await sidebar(page)
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await expect(
    page.getByRole('link', { name: /checkout.?service/i }).first(),
  ).toBeVisible();
  await settle(page);
  await expect(errorPanels(page)).toHaveCount(0);
  await shoot(page, 'catalog');

  // checkout-service: every tab; the SLOs tab has figures from the demo Prometheus.
  const tabs = await visitTabs(
    page,
    '/catalog/default/component/checkout-service',
    'checkout-service',
  );
  expect(tabs).toContain('SLOs');
  const objectivesRequest = page.waitForRequest(r =>
    r.url().includes('/api/slo/objectives?'),
  );
  await page.goto('/catalog/default/component/checkout-service/slos');
  const objectives = await api(
    page,
    await objectivesRequest,
    `/api/slo/objectives?entityRef=${encodeURIComponent(
      'component:default/checkout-service',
    )}`,
  );
  const withFigures = objectives.objectives.filter(
    (o: { sli: number | null }) => o.sli !== null,
  );
  expect(withFigures.length).toBeGreaterThan(0);
  for (const objective of withFigures) {
    await expect(
      page
        .locator(
          `[data-testid="slo-objective"][data-objective-id="${objective.id}"]`,
        )
        .getByTestId('slo-figure-sli'),
    ).toHaveAttribute('data-value', String(objective.sli));
  }
  await expect(page.getByTestId('slo-no-source')).toHaveCount(0);
  await settle(page);
  await shoot(page, 'checkout-service-slos-figures');

  // A component that deploys about once in two months: its DORA card withholds the
  // changes its previous period cannot support, and says why.
  const legacy = await scorecardOn(
    page,
    '/catalog/default/component/legacy-invoicing',
  );
  await expect(page.getByTestId('scorecard-card')).toBeVisible();
  await expectChangesAsApi(page, legacy.changes);
  await shoot(page, 'legacy-invoicing-dora-card');

  // team-checkout: every tab; the scorecard's changes are the API's.
  await visitTabs(
    page,
    '/catalog/default/group/team-checkout',
    'team-checkout',
  );
  const team = await scorecardOn(
    page,
    '/catalog/default/group/team-checkout/delivery-scorecard',
  );
  await expectChangesAsApi(page, team.changes);
  await expect(page.getByText(/may be out of date/)).toHaveCount(0);

  // The scorecards page: no warning about sources nobody configured.
  await sidebar(page).getByRole('link', { name: 'Scorecards' }).click();
  await expect(page.getByTestId('scorecard-teams')).toBeVisible();
  await settle(page);
  await expect(page.getByText(/may be out of date/)).toHaveCount(0);
  await expect(errorPanels(page)).toHaveCount(0);
  await shoot(page, 'scorecards');

  // Golden paths and create.
  await page.goto('/golden-paths');
  await settle(page);
  await expect(errorPanels(page)).toHaveCount(0);
  await shoot(page, 'golden-paths');
  await page.goto('/create');
  await expect(page.getByText('TypeScript HTTP service').first()).toBeVisible();
  await settle(page);
  await expect(page.getByText('Example Node.js Template')).toHaveCount(0);
  await expect(errorPanels(page)).toHaveCount(0);
  await shoot(page, 'create');

  expect(errors).toEqual([]);
});
