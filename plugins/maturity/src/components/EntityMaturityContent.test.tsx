import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { maturityApiRef } from '@internal/backstage-plugin-maturity-react';
import {
  cartEntity,
  checkoutTeamEntity,
  componentResponse,
  fakeMaturityApi,
} from '../testUtils/fixtures';
import { EntityMaturityContent } from './EntityMaturityContent';

function renderTab(entity: Entity, api = fakeMaturityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[maturityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityMaturityContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const checkIds = (container: HTMLElement) =>
  within(container)
    .getAllByTestId('maturity-check')
    .map(c => c.getAttribute('data-check-id'));

const check = (id: string) =>
  within(
    screen.getByText('Every check').closest('.MuiCard-root') as HTMLElement,
  )
    .getAllByTestId('maturity-check')
    .find(c => c.getAttribute('data-check-id') === id)!;

describe('EntityMaturityContent on a component', () => {
  beforeEach(() => {
    jest
      .spyOn(Date, 'now')
      .mockReturnValue(Date.parse('2026-12-06T09:00:00.000Z'));
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows the level, what gets it to the next level and every check with its evidence', async () => {
    const api = fakeMaturityApi();
    await renderTab(cartEntity, api);

    const level = await screen.findByTestId('maturity-level');
    expect(level).toHaveAttribute('data-level', '1');
    expect(within(level).getByTestId('maturity-level-chip')).toHaveTextContent(
      'L1 Repeatable',
    );
    expect(api.getEntity).toHaveBeenCalledWith(
      'component:default/cart-service',
    );
    expect(api.getHistory).toHaveBeenCalledWith(
      'component:default/cart-service',
      { weeks: 26 },
    );

    // Level 2 is next: the two failing checks (heaviest first), then the unknown one.
    expect(screen.getByText('What gets us to Measured')).toBeInTheDocument();
    expect(checkIds(screen.getByTestId('maturity-next-steps'))).toEqual([
      'tests-before-production',
      'runbook',
      'slo-source',
    ]);

    // Checks by level: 1, 2 and 4 (the fixture has no level 3 check).
    expect(
      screen
        .getAllByTestId('maturity-check-level')
        .map(l => l.getAttribute('data-level')),
    ).toEqual(['1', '2', '4']);

    // Unknown is not a failure: its own icon, and it says what data is missing.
    const slo = check('slo-source');
    expect(within(slo).getByTestId('maturity-check-status')).toHaveAttribute(
      'data-status',
      'unknown',
    );
    expect(
      within(slo).getByTestId('maturity-check-evidence'),
    ).toHaveTextContent('Missing data: the SLO backend could not be asked');
    expect(
      within(check('runbook')).getByTestId('maturity-check-status'),
    ).toHaveAttribute('data-status', 'fail');
    expect(
      within(check('progressive-delivery')).getByTestId(
        'maturity-check-status',
      ),
    ).toHaveAttribute('data-status', 'not-applicable');

    // The figure against its threshold: 0.428571 shown as 0.43, threshold 1.
    expect(
      within(check('deploys-daily')).getByTestId('maturity-check-evidence'),
    ).toHaveTextContent('0.43 deployments per day (figure 0.43, threshold 1)');
    // The link to the evidence, and the remedy only where the check holds it back.
    expect(
      within(check('ci-deployments')).getByTestId('maturity-check-link'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service/deployments',
    );
    expect(
      within(check('ci-deployments')).queryByTestId('maturity-check-remedy'),
    ).toBeNull();
    expect(
      within(check('runbook')).getByTestId('maturity-check-remedy'),
    ).toHaveTextContent('To pass: Add a catalog link titled "Runbook".');

    // Level by week: the week before the first facts is a gap, then L0 and L1.
    expect(
      screen
        .getAllByTestId('maturity-history-point')
        .map(p => [p.getAttribute('data-week'), p.getAttribute('data-value')]),
    ).toEqual([
      ['2026-11-23T00:00:00.000Z', '0'],
      ['2026-11-30T00:00:00.000Z', '1'],
    ]);
  });

  it('says which facts are stale and from when the checks read them', async () => {
    await renderTab(
      cartEntity,
      fakeMaturityApi({
        getEntity: async () => ({
          ...componentResponse,
          sources: [
            { domain: 'catalog', collectedAt: '2026-12-06T08:00:00.000Z' },
            {
              domain: 'slo',
              collectedAt: '2026-12-05T08:00:00.000Z',
              staleSince: '2026-12-05T09:00:00.000Z',
            },
          ],
        }),
      }),
    );
    const stale = await screen.findAllByTestId('maturity-stale-source');
    expect(stale.map(s => s.getAttribute('data-domain'))).toEqual(['slo']);
    expect(screen.getByText(/Stale facts: slo/)).toBeInTheDocument();
  });

  it('still shows the level when the history fails', async () => {
    await renderTab(
      cartEntity,
      fakeMaturityApi({
        getHistory: async () => {
          throw new Error('history down');
        },
      }),
    );
    expect(await screen.findByTestId('maturity-level')).toHaveAttribute(
      'data-level',
      '1',
    );
    expect(
      screen.getByText('The history could not be loaded.'),
    ).toBeInTheDocument();
  });

  it('says when no facts are collected for the component yet', async () => {
    await renderTab(
      cartEntity,
      fakeMaturityApi({
        getEntity: async () => ({ ...componentResponse, sources: [] }),
      }),
    );
    expect(
      await screen.findByText(/No facts collected for this component yet/),
    ).toBeInTheDocument();
    // The level the catalog's checks give is still shown.
    expect(screen.getByTestId('maturity-level')).toHaveAttribute(
      'data-level',
      '1',
    );
  });

  it('says why there is nothing to rate when the backend answers 404', async () => {
    await renderTab(
      cartEntity,
      fakeMaturityApi({
        getEntity: async () => {
          throw Object.assign(
            new Error(
              'no component component:default/cart-service in the catalog',
            ),
            { response: { status: 404 } },
          );
        },
      }),
    );
    expect(await screen.findByText('Nothing to rate')).toBeInTheDocument();
    expect(
      screen.getByText(
        'no component component:default/cart-service in the catalog',
      ),
    ).toBeInTheDocument();
  });

  it('shows any other error', async () => {
    await renderTab(
      cartEntity,
      fakeMaturityApi({
        getEntity: async () => {
          throw new Error('maturity backend down');
        },
      }),
    );
    expect(
      await screen.findByText('Error: maturity backend down'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('maturity-level')).toBeNull();
  });
});

describe('EntityMaturityContent on a team', () => {
  it('rolls up its components, child teams included', async () => {
    const api = fakeMaturityApi();
    await renderTab(checkoutTeamEntity, api);

    const level = await screen.findByTestId('maturity-level');
    expect(level).toHaveAttribute('data-level', '1');
    expect(api.getEntity).toHaveBeenCalledWith('group:default/team-checkout');
    expect(
      screen.getByText(
        'The level every one of its 3 components reaches, child teams included.',
      ),
    ).toBeInTheDocument();

    // Distribution [0, 2, 1, 0, 0]: 2 of 3 at L1 = 67%, 1 of 3 at L2 = 33%.
    const rows = screen.getAllByTestId('maturity-distribution-row');
    expect(rows.map(r => r.getAttribute('data-count'))).toEqual([
      '0',
      '2',
      '1',
      '0',
      '0',
    ]);
    expect(rows[1]).toHaveTextContent('2 components (67%)');
    expect(rows[2]).toHaveTextContent('1 component (33%)');

    // Next steps ranked by the backend's roll-up, with how many they hold back.
    expect(screen.getByText('What gets us to Measured')).toBeInTheDocument();
    const steps = screen.getAllByTestId('maturity-next-step');
    expect(steps.map(s => s.getAttribute('data-check-id'))).toEqual([
      'slo-source',
      'runbook',
    ]);
    expect(steps[0]).toHaveTextContent('holds back 2 of 3 components');
    expect(steps[0]).toHaveTextContent(
      'To pass: Define an SLO and point it at a Prometheus query.',
    );

    // Child teams and components, each linked to its Maturity tab.
    const teams = screen.getByTestId('maturity-teams');
    const payments = within(teams).getByText('Payments');
    expect(payments.closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments/maturity',
    );
    expect(within(teams).getByTestId('maturity-row')).toHaveTextContent(
      '1 at L1',
    );
    const components = within(
      screen.getByTestId('maturity-components'),
    ).getAllByTestId('maturity-row');
    expect(
      components.map(r => [
        r.getAttribute('data-entity-ref'),
        r.getAttribute('data-level'),
      ]),
    ).toEqual([
      ['component:default/cart-service', '1'],
      ['component:default/checkout-api', '2'],
      ['component:default/payments-service', '1'],
    ]);
    expect(
      within(components[0]).getByText('Cart').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service/maturity',
    );
    // A component without its level's name in the answer gets it from the rubric.
    expect(components[2]).toHaveTextContent('L1 Repeatable');

    // Per-check counts: the runbook fails on 2 components, passes on 1.
    const runbook = within(screen.getByTestId('maturity-check-counts'))
      .getAllByTestId('maturity-check-count')
      .find(r => r.getAttribute('data-check-id') === 'runbook')!;
    const count = (status: string) =>
      runbook.querySelector(`[data-status="${status}"]`)?.textContent;
    expect([count('pass'), count('fail'), count('unknown')]).toEqual([
      '1',
      '2',
      '0',
    ]);
  });

  it('says a team owning nothing has no level, not level 0', async () => {
    await renderTab(
      checkoutTeamEntity,
      fakeMaturityApi({
        getEntity: async () => ({
          kind: 'group',
          entityRef: 'group:default/team-checkout',
          computedAt: '2026-12-06T08:00:00.000Z',
          levels: [{ level: 1, name: 'Repeatable' }],
          rollup: {
            components: 0,
            level: null,
            distribution: [0, 0],
            checks: [],
            nextSteps: [],
          },
          components: [],
          teams: [],
        }),
      }),
    );
    const level = await screen.findByTestId('maturity-level');
    expect(level).toHaveAttribute('data-level', '');
    expect(within(level).getByTestId('maturity-level-chip')).toHaveTextContent(
      'Not rated',
    );
    expect(
      screen.getByText(
        'This team has no components to rate (child teams included).',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('maturity-distribution')).toBeNull();
  });
});
