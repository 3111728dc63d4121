/*
 * Owner notifications in Debian's Chromium, over the demo (scripts/portal start: demo
 * Prometheus, where product-catalog-service has spent its error budget and is frozen).
 * As the guest: the components the guest's teams own that the SLO backend reports frozen
 * must each have a "Deploys frozen" notification in the guest's bell (the SLO backend's
 * scheduled task sends it, slo.notifications), once, linking to the component's SLOs
 * tab; opening it lands on the burn-down. Screenshots go to e2e-tests/artifacts/
 * (git-ignored).
 *
 * The guest signs in as user:default/guest (examples/org.yaml), so a frozen component
 * must be owned by one of the guest's teams; the test says so when the demo has none.
 */
import { test, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, backend, errorPanels } from './portal';

/** The first SLO evaluation runs slo.notifications.initialDelay after start-up. */
const NOTIFICATION_WAIT_MS = 240_000;

async function signInAsGuest(page: Page): Promise<string> {
  const tokenRequest = page.waitForRequest(
    r =>
      r.url().startsWith(`${backend}/api/`) &&
      (r.headers().authorization ?? '').startsWith('Bearer '),
  );
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  return (await tokenRequest).headers().authorization;
}

interface Notification {
  id: string;
  payload: {
    title: string;
    link?: string;
    topic?: string;
    severity?: string;
    scope?: string;
  };
}

/**
 * The component a freeze notification is about, from its scope
 * (`slo:freeze:<entityRef>:<objective>#<episode>`): the notifications backend does not
 * hand the payload's metadata back to the user.
 */
const frozenEntityRef = (n: Notification) =>
  /^slo:freeze:([^:]+:[^:]+):/.exec(n.payload.scope ?? '')?.[1];

test('a member of the owning team finds the frozen component in the bell, linking to the burn', async ({
  page,
}) => {
  test.setTimeout(NOTIFICATION_WAIT_MS + 120_000);
  mkdirSync(artifactsDir, { recursive: true });
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));

  const authorization = await signInAsGuest(page);
  const api = async (path: string) => {
    const response = await page.request.get(`${backend}${path}`, {
      headers: { authorization },
    });
    expect(response.ok(), path).toBe(true);
    return response.json();
  };

  // The guest's teams, and the frozen components they own (the SLO roll-up per team).
  const guest = await api('/api/catalog/entities/by-name/user/default/guest');
  const teams: string[] = (guest.relations ?? [])
    .filter((r: { type: string }) => r.type === 'memberOf')
    .map((r: { targetRef: string }) => r.targetRef);
  expect(teams.length).toBeGreaterThan(0);
  const frozen: string[] = [];
  for (const team of teams) {
    const status = await api(
      `/api/slo/status?${new URLSearchParams({ entityRef: team })}`,
    );
    for (const c of status.components) {
      if (c.frozen && !frozen.includes(c.entityRef)) frozen.push(c.entityRef);
    }
  }
  expect(
    frozen,
    `no component owned by the guest's teams (${teams.join(
      ', ',
    )}) is frozen: the demo's frozen component must be owned by a team the guest belongs to`,
  ).not.toEqual([]);

  // The scheduled evaluation tells the owners: wait for it, then exactly one per episode.
  const freezeNotifications = async (): Promise<Notification[]> => {
    const { notifications } = await api(
      '/api/notifications/notifications?limit=200',
    );
    return (notifications as Notification[]).filter(
      n =>
        n.payload.topic === 'slo-budget-freeze' &&
        frozen.includes(frozenEntityRef(n) ?? '') &&
        n.payload.title.startsWith('Deploys frozen'),
    );
  };
  await expect
    .poll(async () => (await freezeNotifications()).length, {
      timeout: NOTIFICATION_WAIT_MS,
      intervals: [5_000],
    })
    .toBeGreaterThanOrEqual(frozen.length);
  const told = await freezeNotifications();
  // No repeat while the freeze lasts: one notification per (component, objective) scope.
  const scopes = told.map(n => n.payload.scope);
  expect(new Set(scopes).size).toBe(scopes.length);
  for (const n of told) {
    expect(n.payload.severity).toBe('high');
    const [, namespace, name] = /^component:([^/]+)\/(.+)$/.exec(
      frozenEntityRef(n)!,
    )!;
    expect(n.payload.link).toBe(`/catalog/${namespace}/component/${name}/slos`);
  }

  // The bell: the sidebar's notifications item shows an unread count, and its page
  // lists the notification as a link to the burn.
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  const bell = nav.getByRole('link', { name: /Notifications/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page).toHaveURL(/\/notifications/);
  const first = told[0];
  // Other topics' notices (burns, initiatives) may fill the first page: filter by title.
  await page.getByRole('textbox', { name: 'Search' }).fill(first.payload.title);
  const link = page.getByRole('link', { name: first.payload.title }).first();
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', first.payload.link!);
  await page.screenshot({
    path: join(artifactsDir, 'notifications-frozen.png'),
    fullPage: true,
  });

  // Opening it lands on the component's SLOs tab, with the burn-down.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${first.payload.link}$`));
  await expect(page.getByTestId('slo-burndown-chart').first()).toBeVisible();
  await expect(errorPanels(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a user mutes an SLO topic in Settings > Notifications, and unmutes it', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  const authorization = await signInAsGuest(page);
  const webTopicEnabled = async () => {
    const response = await page.request.get(
      `${backend}/api/notifications/settings`,
      { headers: { authorization } },
    );
    expect(response.ok()).toBe(true);
    const settings = await response.json();
    const web = settings.channels.find((c: { id: string }) => c.id === 'Web');
    const origin = web.origins.find(
      (o: { id: string }) => o.id === 'plugin:slo',
    );
    return origin.topics.find((t: { id: string }) => t.id === 'slo-burn-page')
      .enabled as boolean;
  };

  // Listed from the start (notifications.defaultSettings in app-config.yaml).
  await page.goto('/settings/notifications');
  const originRow = page.getByRole('row', { name: /SLOs and error budgets/ });
  await expect(originRow).toBeVisible();
  await originRow.getByRole('button', { name: 'expand row' }).click();
  const topicRow = page.getByRole('row', { name: /Burn rate: page tiers/ });
  const webSwitch = topicRow.getByRole('switch').first();
  await expect(webSwitch).toBeChecked();

  await webSwitch.click({ force: true });
  await expect.poll(webTopicEnabled).toBe(false);
  await page.screenshot({
    path: join(artifactsDir, 'notification-settings-muted.png'),
    fullPage: true,
  });

  // Back as it was, so other runs see the default.
  await webSwitch.click({ force: true });
  await expect.poll(webTopicEnabled).toBe(true);
  await expect(errorPanels(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
