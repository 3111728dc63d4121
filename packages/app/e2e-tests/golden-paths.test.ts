/*
 * Golden-path templates in Debian's Chromium. From /create with no preparation: the
 * TypeScript HTTP service with the form's defaults (published to the portal's git host),
 * Create, the task finishes, its links open, `git clone` checks out main, and the new
 * component's page lists its objectives with no definition error, its Deployments tab
 * says what applies to a plain git host, and the Golden paths page lists it as current;
 * the Python service and the static website complete the same way. Also the form's
 * checks up to the review step ("Another git host") and the drift page over the demo
 * components. Screenshots go to e2e-tests/artifacts/ (git-ignored).
 */
import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsDir, backend, errorPanels } from './portal';

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
  // the form's own example, under the allowed prefix of app-config.yaml
  await remote.fill('file:///srv/git/pay-api.git');
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
    ['Git remote URL', 'file:///srv/git/pay-api.git'],
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

/** A name no earlier run used: the portal's git host keeps its repositories. */
const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}`.slice(0, 50);

/**
 * From /create: choose the template, fill only the required fields of page 1, keep every
 * default, Create, and wait for the task to finish. Answers the task's link targets.
 */
async function createWithDefaults(
  page: Page,
  cardTitle: string,
  name: string,
): Promise<{ repository: string; catalog: string }> {
  await page.goto('/create');
  const card = page
    .locator('article, [class*="MuiCard-root"]')
    .filter({ hasText: cardTitle })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last();
  await card.getByRole('button', { name: 'Choose' }).click();
  await page.getByLabel('Name', { exact: false }).first().fill(name);
  await page.getByLabel('Description').fill(`${cardTitle} from the e2e test`);
  await pickEntity(page, 'Owner', 'Checkout', /Team Checkout/);
  await pickEntity(page, 'System', 'Order', /Order Management/);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Tier').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText("The portal's git host", { exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();

  // The review names the portal's git host and no hosted-git leftovers.
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
  await expect(
    page
      .getByRole('row')
      .filter({ has: page.getByText('Publish to', { exact: true }) }),
  ).toContainText("The portal's git host");
  await expect(page.getByText('Repo Url')).toHaveCount(0);
  await expect(page.getByText('gitlab.com?')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page).toHaveURL(/\/create\/tasks\//);
  const openInCatalog = page.getByRole('link', { name: 'Open in catalog' });
  await expect(openInCatalog).toBeVisible({ timeout: 300_000 });
  await expect(errorPanels(page)).toHaveCount(0);
  return {
    repository: (await page
      .getByRole('link', { name: 'Repository' })
      .getAttribute('href'))!,
    catalog: (await openInCatalog.getAttribute('href'))!,
  };
}

/** `git clone` of the task's Repository link checks out main with the generated files. */
function cloneChecksOutMain(url: string, file: string, name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'golden-path-clone-'));
  try {
    execFileSync('git', ['clone', '--quiet', url, join(dir, 'repo')], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    expect(
      execFileSync('git', ['branch', '--show-current'], {
        cwd: join(dir, 'repo'),
        encoding: 'utf8',
      }).trim(),
    ).toBe('main');
    expect(readFileSync(join(dir, 'repo', file), 'utf8')).toContain(name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('guest creates a TypeScript service with the defaults and opens its page', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });
  await signInAsGuest(page);

  const name = uniqueName('e2e-ts');
  const links = await createWithDefaults(page, 'TypeScript HTTP service', name);
  await page.screenshot({
    path: join(artifactsDir, 'golden-paths-task.png'),
    fullPage: true,
  });

  // The Repository link is the portal's read-only HTTP page: it opens, and clones.
  expect(links.repository).toBe(`${backend}/api/golden-paths/git/${name}.git`);
  const repositoryPage = await page.request.get(links.repository);
  expect(repositoryPage.status()).toBe(200);
  expect(await repositoryPage.text()).toContain(
    `git clone ${links.repository}`,
  );
  cloneChecksOutMain(links.repository, 'package.json', name);

  // The component page; its SLOs tab lists both objectives, no definition error.
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  await page.goto(`/catalog/default/component/${name}/slos`);
  await expect(page.getByTestId('slo-objective')).toHaveCount(2, {
    timeout: 120_000,
  });
  const ids = await page
    .getByTestId('slo-objective')
    .evaluateAll(nodes => nodes.map(n => n.getAttribute('data-objective-id')));
  expect(ids.sort()).toEqual([`${name}-availability`, `${name}-latency`]);
  await expect(page.getByTestId('slo-definition-errors')).toHaveCount(0);
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'golden-paths-new-slos.png'),
    fullPage: true,
  });

  // The Deployments tab: what applies to a repository on a plain git host.
  await page.goto(`/catalog/default/component/${name}/deployments`);
  await expect(page.getByText('No deployments reported yet')).toBeVisible();
  const advice = page.getByTestId('delivery-annotation-snippet');
  await expect(advice).toHaveAttribute('data-repository-host', 'plain-git');
  await expect(advice).toContainText('/api/delivery/events');
  await expect(advice).toContainText(`component:default/${name}`);
  await expect(page.getByText('github.com/project-slug')).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'golden-paths-new-deployments.png'),
    fullPage: true,
  });

  // The Golden paths page lists it as current.
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Golden paths' })
    .click();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByText('current', { exact: true })).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('guest creates a Python service and a static website with the defaults', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  await signInAsGuest(page);
  for (const [title, prefix, file] of [
    ['Python service', 'e2e-py', 'app/metrics.py'],
    ['Static website', 'e2e-site', 'site/index.html'],
  ]) {
    const name = uniqueName(prefix);
    const links = await createWithDefaults(page, title, name);
    cloneChecksOutMain(links.repository, file, name);
    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await expect(
      page.getByRole('heading', { name: new RegExp(name) }).first(),
    ).toBeVisible({ timeout: 120_000 });
    await expect(errorPanels(page)).toHaveCount(0);
  }
  expect(pageErrors).toEqual([]);
});

test('guest sees the golden-path drift of the demo components', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  mkdirSync(artifactsDir, { recursive: true });

  await signInAsGuest(page);
  const driftRequest = page.waitForRequest(r =>
    r.url().includes('/api/golden-paths/drift'),
  );
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Golden paths' })
    .click();
  await expect(page).toHaveURL(/\/golden-paths/);
  // examples/entities.yaml: cart-service on typescript-service 1.0.0, three components
  // on 1.2.0, the template's latest (1.0.0 -> 1.2.0: 2 minor behind). Components the
  // tests above (or the golden-path benchmark) created from the current templates are
  // current: they add to the total only.
  const { components } = await (
    await page.request.get(`${backend}/api/golden-paths/drift`, {
      headers: {
        authorization: (await driftRequest).headers().authorization,
      },
    })
  ).json();
  const created = components.filter((c: { entityRef: string }) =>
    /^component:default\/(e2e|bench-gp)-/.test(c.entityRef),
  );
  expect(
    created.filter((c: { status: string }) => c.status !== 'current'),
  ).toEqual([]);
  await expect(
    page.getByText(
      `1 of ${4 + created.length} components on an older template version`,
    ),
  ).toBeVisible();
  const cartRow = page.getByRole('row').filter({ hasText: 'Cart Service' });
  await expect(cartRow.getByText('2 minor versions behind')).toBeVisible();
  await expect(cartRow.getByText('1.0.0', { exact: true })).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  await page.screenshot({
    path: join(artifactsDir, 'golden-paths-drift.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});
