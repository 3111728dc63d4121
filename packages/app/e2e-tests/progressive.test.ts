/*
 * Progressive delivery on the default start, in Debian's Chromium, over the demo data
 * (examples/delivery-demo.yaml): checkout-service ships by Argo Rollouts canary and one
 * canary every four weeks fails its analysis at 25% and aborts, so the Deployments tab's
 * default 30 days hold at least one. Its ramp must show the phases the API lists, and
 * each phase's error budget burn must read what GET /api/delivery/rollout-burn answers
 * (with the demo Prometheus the 25% step burns more than the 5% one; without a metric
 * source every phase says it has no SLO figures); its health verdict is the one
 * GET /deployment-health answers. Flag changes are marked on the timeline in both
 * environments, and cart-service's flag story ("released by flag,
 * rolled back by flag") shows on its incident. Screenshots go to e2e-tests/artifacts/
 * (git-ignored).
 */
import { test, expect, Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, backend, errorPanels, signInAsGuest } from './portal';

const CHECKOUT = 'component:default/checkout-service';

// Wide enough for the Deployments table with its Verdict column and the sidebar.
test.use({ viewport: { width: 1600, height: 1000 } });

interface Phase {
  name: string;
  kind: string;
  weight?: number;
  startedAt: string;
  finishedAt?: string;
  status: string;
  consumed?: number | null;
}

/** GET /api/delivery/`path` with the credentials of a request the page made. */
async function deliveryApi(page: Page, request: Request, path: string) {
  const response = await page.request.get(`${backend}/api/delivery/${path}`, {
    headers: { authorization: request.headers().authorization },
  });
  expect(response.ok(), `GET ${path}`).toBe(true);
  return response.json();
}

/**
 * What a phase's "Error budget" cell reads for a consumed share: the lead of where the
 * phase stood ("at 25%", "paused at 25%", "analysis at 25%", "during the abort") and the
 * share in percent at two decimals at most ("<0.01%" for a burn that rounds to 0), or
 * "no SLO figures".
 */
function burnText(phase: Phase, weight: number, sloAvailable: boolean) {
  const lead = {
    'canary-step': `at ${weight}%`,
    pause: `paused at ${weight}%`,
    analysis: `analysis at ${weight}%`,
    promote: 'promoted to 100%',
    switch: 'after the switch',
    abort: 'during the abort',
  }[phase.kind];
  if (!sloAvailable || phase.consumed === null || phase.consumed === undefined)
    return `${lead}: no SLO figures`;
  const percent = Number((phase.consumed * 100).toPrecision(12));
  const rounded = Math.round(percent * 100) / 100;
  const share = rounded === 0 && percent > 0 ? '<0.01%' : `${rounded}%`;
  return `${lead} the budget burned ${share}`;
}

test('guest sees an aborted canary of checkout-service with its ramp, phase burns and the flag marks', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });
  await signInAsGuest(page);

  const timelineRequest = page.waitForRequest(r =>
    r.url().includes('/api/delivery/timeline?'),
  );
  await page.goto('/catalog/default/component/checkout-service/deployments');
  const request = await timelineRequest;
  const window = new URL(request.url()).searchParams;
  await expect(
    page.getByTestId('delivery-deployment-row').first(),
  ).toBeVisible();

  // The newest aborted canary of the window, as the API lists it.
  const listed = await deliveryApi(
    page,
    request,
    `deployments?${new URLSearchParams({
      entityRef: CHECKOUT,
      from: window.get('from')!,
      to: window.get('to')!,
      environment: 'production',
      limit: '200',
    })}`,
  );
  const aborted = listed.items.find((d: { phases?: Phase[] }) =>
    d.phases?.some(p => p.kind === 'abort'),
  );
  expect(aborted, 'an aborted canary in the last 30 days').toBeDefined();
  const burn = await deliveryApi(
    page,
    request,
    `rollout-burn?${new URLSearchParams({
      entityRef: CHECKOUT,
      source: aborted.source,
      id: aborted.id,
    })}`,
  );
  expect(burn).toMatchObject({ strategy: 'canary', outcome: 'aborted' });
  const phases: Phase[] = burn.phases;
  // The demo's ramp: 5% and 25%, each with a pause and an analysis, the one at 25%
  // failed, then the abort back to 0%.
  expect(phases.map(p => [p.kind, p.weight, p.status])).toEqual([
    ['canary-step', 5, 'succeeded'],
    ['pause', 5, 'succeeded'],
    ['analysis', 5, 'succeeded'],
    ['canary-step', 25, 'succeeded'],
    ['pause', 25, 'succeeded'],
    ['analysis', 25, 'failed'],
    ['abort', 0, 'succeeded'],
  ]);

  // Its row: the mark says "canary · aborted" and opens the ramp.
  const row = page
    .getByTestId('delivery-deployment-row')
    .filter({ has: page.locator('code', { hasText: aborted.version }) });
  const mark = row.getByTestId('delivery-rollout-mark');
  await expect(mark).toHaveAttribute('data-rollout-outcome', 'aborted');
  await expect(mark).toHaveText('canary · aborted');
  await mark.click();
  const ramp = page.getByTestId('delivery-rollout-ramp');
  await expect(ramp).toBeVisible();
  await expect(ramp).toHaveAttribute('data-strategy', 'canary');
  await expect(ramp).toHaveAttribute('data-rollout-outcome', 'aborted');
  await expect(ramp.getByTestId('delivery-ramp-chart')).toBeVisible();
  await expect(ramp.getByTestId('delivery-rollout-aborted')).toContainText(
    'traffic back to the stable version',
  );
  await expect(ramp.getByTestId('delivery-burn-loading')).toHaveCount(0);
  await expect(ramp.getByTestId('delivery-burn-error')).toHaveCount(0);

  // One row per phase, in the API's order, each burn as the API answers it.
  const rows = ramp.getByTestId('delivery-rollout-phase');
  await expect(rows).toHaveCount(phases.length);
  let weight = 0;
  for (const [i, phase] of phases.entries()) {
    weight = phase.weight ?? weight;
    await expect(rows.nth(i)).toHaveAttribute('data-kind', phase.kind);
    await expect(rows.nth(i)).toContainText(phase.name);
    await expect(rows.nth(i).getByTestId('delivery-phase-burn')).toHaveText(
      burnText(phase, weight, burn.sloAvailable),
    );
  }
  if (burn.sloAvailable) {
    // The story the demo Prometheus tells: the canary's errors while it served 25%.
    const consumed = (kind: string, at: number) =>
      phases.find(p => p.kind === kind && p.weight === at)!.consumed!;
    expect(consumed('pause', 25)).toBeGreaterThan(consumed('pause', 5));
    expect(consumed('pause', 25)).toBeGreaterThan(0.001);
  } else {
    await expect(ramp.getByTestId('delivery-burn-no-slo')).toBeVisible();
  }
  // Its health verdict, as GET /deployment-health answers it for the window.
  const health = await deliveryApi(
    page,
    request,
    `deployment-health?${new URLSearchParams({
      entityRef: CHECKOUT,
      from: window.get('from')!,
      to: window.get('to')!,
    })}`,
  );
  const verdict = health.items.find(
    (h: { source: string; id: string }) =>
      h.source === aborted.source && h.id === aborted.id,
  );
  expect(verdict?.verdict).toBe('unhealthy');
  await expect(row.getByTestId('delivery-verdict')).toHaveAttribute(
    'data-verdict',
    verdict.verdict,
  );

  // The ramp as the user sees it, beside the sidebar.
  await ramp.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifactsDir, 'progressive-ramp.png') });

  // Flag changes are marked on the chart, in production and in staging.
  const flagMarks = page.getByTestId('delivery-flag-mark');
  await expect(flagMarks.first()).toBeVisible();
  const labels = await flagMarks.evaluateAll(nodes =>
    nodes.map(n => n.getAttribute('aria-label') ?? ''),
  );
  expect(labels.some(l => l.includes(' in production: '))).toBe(true);
  expect(labels.some(l => l.includes(' in staging: '))).toBe(true);

  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'progressive-canary.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('guest sees a flag released before an incident of cart-service and turned off during it', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/cart-service/deployments');
  // The flag story's incident (every four weeks, so one in the default 30 days).
  const span = page
    .getByTestId('delivery-incident-span')
    .and(page.getByLabel(/^Incident: Carts with bundled items fail to update/))
    .last();
  await expect(span).toBeVisible();
  await span.click();
  const detail = page.getByTestId('delivery-incident-detail');
  await expect(detail).toBeVisible();
  // The 50% step 20 minutes before it opened, the flag off 25 minutes in.
  await expect(detail.getByTestId('delivery-flag-story')).toHaveText(
    /^Released by flag \((bundle-discounts-v\d+)\), rolled back by flag \(\1\)\.$/,
  );
  await expect(detail.getByTestId('delivery-flags-before')).toContainText(
    /bundle-discounts-v\d+ rolled out to 50%/,
  );
  await expect(detail.getByTestId('delivery-flags-during')).toContainText(
    /bundle-discounts-v\d+ turned off/,
  );
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'progressive-flag-story.png'),
  });
  expect(pageErrors).toEqual([]);
});
