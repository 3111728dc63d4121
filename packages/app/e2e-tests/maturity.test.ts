/*
 * Delivery maturity in Debian's Chromium over the demo catalog and data: team-platform's
 * Maturity tab (a child team, team-sre, rolls up into it), a component's tab and the
 * organisation page. Every level, count and progress on screen must equal what
 * /api/maturity answers for the same entity (asked with the page's own credentials).
 * It waits for the backend's first collection of facts (shortly after start).
 * Screenshots go to e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Locator, Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, backend, errorPanels, signInAsGuest } from './portal';

const team = 'group:default/team-platform';

/** Asks the maturity backend what the page asked, with the page's own credentials. */
async function maturityApi(page: Page, request: Request) {
  const url = new URL(request.url());
  const response = await page.request.get(
    `${backend}/api/maturity${url.pathname.replace(/^.*\/api\/maturity/, '')}${
      url.search
    }`,
    { headers: { authorization: request.headers().authorization } },
  );
  expect(response.ok()).toBe(true);
  return response.json();
}

/** Waits until the maturity backend has collected facts (a component has sources). */
async function waitForFirstCollection(page: Page, request: Request) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get(
          `${backend}/api/maturity/entity?entityRef=component:default/cart-service`,
          { headers: { authorization: request.headers().authorization } },
        );
        return response.ok()
          ? ((await response.json()).sources ?? []).length
          : 0;
      },
      { message: 'the first collection of facts', timeout: 90_000 },
    )
    .toBeGreaterThan(0);
}

const level = (value: number | null) => (value === null ? '' : String(value));

/** The rows of a level table as [entityRef, level]. */
const rowsOf = (table: Locator) =>
  table
    .getByTestId('maturity-row')
    .evaluateAll(rows =>
      rows.map(r => [
        r.getAttribute('data-entity-ref'),
        r.getAttribute('data-level'),
      ]),
    );

test('guest sees a team Maturity tab, a component tab and the organisation page with the API figures', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);

  // The team's tab: its roll-up from /entity for the group. The backend's first
  // collection runs shortly after start; until then only the catalog's checks are
  // decided, so wait for it (with the page's credentials) and load the tab again.
  const entityRequest = () =>
    page.waitForRequest(r => r.url().includes('/api/maturity/entity?'));
  let teamRequest = entityRequest();
  await page.goto('/catalog/default/group/team-platform/maturity');
  await waitForFirstCollection(page, await teamRequest);
  teamRequest = entityRequest();
  await page.reload();
  const teamAnswer = await maturityApi(page, await teamRequest);
  expect(teamAnswer.kind).toBe('group');
  expect(teamAnswer.entityRef).toBe(team);
  const { rollup } = teamAnswer;
  expect(rollup.components).toBeGreaterThan(0);

  await expect(page.getByTestId('maturity-level')).toHaveAttribute(
    'data-level',
    level(rollup.level),
  );
  await expect(page.getByTestId('maturity-distribution-row')).toHaveCount(
    rollup.distribution.length,
  );
  expect(
    await page
      .getByTestId('maturity-distribution-row')
      .evaluateAll(rows => rows.map(r => Number(r.getAttribute('data-count')))),
  ).toEqual(rollup.distribution);
  expect(
    await page
      .getByTestId('maturity-next-step')
      .evaluateAll(steps =>
        steps.map(s => [
          s.getAttribute('data-check-id'),
          Number(s.getAttribute('data-holding-back')),
        ]),
      ),
  ).toEqual(
    rollup.nextSteps.map((s: { id: string; holdingBack: number }) => [
      s.id,
      s.holdingBack,
    ]),
  );
  expect(await rowsOf(page.getByTestId('maturity-components'))).toEqual(
    teamAnswer.components.map(
      (c: { entityRef: string; level: number | null }) => [
        c.entityRef,
        level(c.level),
      ],
    ),
  );
  // team-sre rolls up into team-platform and is listed with its own level.
  expect(teamAnswer.teams.length).toBeGreaterThan(0);
  expect(await rowsOf(page.getByTestId('maturity-teams'))).toEqual(
    teamAnswer.teams.map((t: { entityRef: string; level: number | null }) => [
      t.entityRef,
      level(t.level),
    ]),
  );
  // Per-check counts, every status of every check.
  const counts = await page
    .getByTestId('maturity-check-count')
    .evaluateAll(rows =>
      rows.map(r => [
        r.getAttribute('data-check-id'),
        Object.fromEntries(
          [...r.querySelectorAll('[data-status]')].map(cell => [
            cell.getAttribute('data-status'),
            Number(cell.getAttribute('data-value')),
          ]),
        ),
      ]),
    );
  expect(Object.fromEntries(counts)).toEqual(
    Object.fromEntries(
      rollup.checks.map((c: { id: string; counts: object }) => [
        c.id,
        c.counts,
      ]),
    ),
  );
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'maturity-team-tab.png'),
    fullPage: true,
  });

  // A component's tab, from the team's list: its level and every check's status.
  const first = teamAnswer.components[0];
  const componentRequest = page.waitForRequest(r =>
    r.url().includes('/api/maturity/entity?'),
  );
  await page
    .getByTestId('maturity-components')
    .locator(`[data-entity-ref="${first.entityRef}"] a`)
    .click();
  const componentAnswer = await maturityApi(page, await componentRequest);
  expect(componentAnswer.kind).toBe('component');
  await expect(page.getByTestId('maturity-level')).toHaveAttribute(
    'data-level',
    String(componentAnswer.maturity.level),
  );
  const statuses = await page
    .getByTestId('maturity-check-level')
    .getByTestId('maturity-check')
    .evaluateAll(checks =>
      checks.map(c => [
        c.getAttribute('data-check-id'),
        c.getAttribute('data-status'),
      ]),
    );
  expect(Object.fromEntries(statuses)).toEqual(
    Object.fromEntries(
      componentAnswer.maturity.checks.map(
        (c: { id: string; status: string }) => [c.id, c.status],
      ),
    ),
  );
  expect(
    await page
      .getByTestId('maturity-next-steps')
      .getByTestId('maturity-check')
      .evaluateAll(checks => checks.map(c => c.getAttribute('data-check-id'))),
  ).toEqual(
    componentAnswer.maturity.nextSteps.map((c: { id: string }) => c.id),
  );
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'maturity-component-tab.png'),
    fullPage: true,
  });

  // The organisation page, from the sidebar; tall enough for the screenshot to show
  // the initiatives (the page scrolls inside its content, not the window).
  await page.setViewportSize({ width: 1280, height: 2400 });
  const orgRequest = page.waitForRequest(r =>
    r.url().includes('/api/maturity/organisation'),
  );
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Maturity' })
    .click();
  await expect(page).toHaveURL(/\/maturity$/);
  const org = await maturityApi(page, await orgRequest);
  await expect(page.getByTestId('maturity-organisation')).toBeVisible();
  expect(await rowsOf(page.getByTestId('maturity-org-teams'))).toEqual(
    org.teams.map((t: { entityRef: string; level: number | null }) => [
      t.entityRef,
      level(t.level),
    ]),
  );
  expect(
    await page
      .getByTestId('maturity-distribution-row')
      .evaluateAll(rows => rows.map(r => Number(r.getAttribute('data-count')))),
  ).toEqual(org.distribution);
  expect(
    await page
      .getByTestId('maturity-pillar')
      .evaluateAll(rows =>
        rows.map(r =>
          ['pillar', 'pass', 'fail', 'unknown'].map(a =>
            r.getAttribute(`data-${a}`),
          ),
        ),
      ),
  ).toEqual(
    org.pillars.map(
      (p: { pillar: string; pass: number; fail: number; unknown: number }) => [
        p.pillar,
        String(p.pass),
        String(p.fail),
        String(p.unknown),
      ],
    ),
  );
  expect(
    await page
      .getByTestId('maturity-initiative')
      .evaluateAll(cards =>
        cards.map(c =>
          ['initiative-id', 'done', 'components', 'ratio'].map(a =>
            c.getAttribute(`data-${a}`),
          ),
        ),
      ),
  ).toEqual(
    org.initiatives.map(
      (i: {
        id: string;
        progress: { done: number; components: number; ratio: number | null };
      }) => [
        i.id,
        String(i.progress.done),
        String(i.progress.components),
        i.progress.ratio === null ? '' : String(i.progress.ratio),
      ],
    ),
  );
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'maturity-org-page.png'),
    fullPage: true,
  });

  expect(pageErrors).toEqual([]);
});
