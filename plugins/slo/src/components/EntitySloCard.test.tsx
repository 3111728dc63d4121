import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { sloApiRef } from '../api/SloClient';
import {
  backendError,
  checkoutEntity,
  emptyResponse,
  fakeSloApi,
  healthyResponse,
  noSourceResponse,
} from '../testUtils/fixtures';
import { EntitySloCard } from './EntitySloCard';

const render = (api = fakeSloApi()) =>
  renderInTestApp(
    <TestApiProvider apis={[[sloApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntitySloCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('EntitySloCard', () => {
  it('shows each objective against its target, budget bar and chips', async () => {
    const api = fakeSloApi();
    await render(api);
    const rows = await screen.findAllByTestId('slo-card-objective');
    expect(api.getObjectives).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-service',
    });
    // Worst first: the exhausted latency objective, then availability.
    expect(rows.map(r => r.getAttribute('data-objective-id'))).toEqual([
      'checkout-latency',
      'checkout-availability',
    ]);

    const [latencyRow, availabilityRow] = rows;
    expect(
      within(availabilityRow).getByText('Checkout requests succeed'),
    ).toBeInTheDocument();
    // 1 - 400 / 1,000,000 = 99.96% against 99.9%.
    expect(
      within(availabilityRow).getByTestId('slo-card-value'),
    ).toHaveTextContent('99.96% / target 99.9%');
    expect(
      within(availabilityRow).getByRole('meter', {
        name: 'Error budget remaining: 60%',
      }),
    ).toHaveAttribute('aria-valuenow', '60');
    expect(
      within(availabilityRow).getByTestId('slo-state-chip'),
    ).toHaveTextContent('Healthy');
    expect(
      within(availabilityRow).getByTestId('slo-quality-chip'),
    ).toHaveTextContent('Data OK');
    expect(
      within(availabilityRow).queryByTestId('slo-frozen-chip'),
    ).not.toBeInTheDocument();

    // Overspent: 1 - 0.015 / 0.01 = -0.5, shown below zero, and frozen.
    expect(within(latencyRow).getByTestId('slo-card-value')).toHaveTextContent(
      '98.5% / target 99%',
    );
    const bar = within(latencyRow).getByTestId('slo-budget-bar');
    expect(bar).toHaveAttribute('data-remaining', '-0.5');
    expect(bar).toHaveTextContent('-50% (overspent) of the error budget left');
    expect(within(latencyRow).getByTestId('slo-budget-overspent')).toHaveStyle({
      width: '50%',
    });
    expect(within(latencyRow).getByTestId('slo-state-chip')).toHaveTextContent(
      'Budget exhausted',
    );
    expect(within(latencyRow).getByTestId('slo-frozen-chip')).toBeVisible();

    expect(
      screen.getByRole('link', { name: /All SLO details/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-service/slos',
    );
  });

  it('says since when the figures are stale', async () => {
    await render();
    const notice = await screen.findByTestId('slo-stale-notice');
    expect(notice).toHaveTextContent(/Out of date: last evaluated .* ago/);
    expect(notice).toHaveTextContent(
      'prometheus:default: query timed out after 30s',
    );
  });

  it('shows no stale notice when every objective is fresh', async () => {
    await render(
      fakeSloApi({ getObjectives: jest.fn(async () => healthyResponse) }),
    );
    await screen.findAllByTestId('slo-card-objective');
    expect(screen.queryByTestId('slo-stale-notice')).not.toBeInTheDocument();
  });

  it('links to the tab when no SLO is defined', async () => {
    await render(
      fakeSloApi({ getObjectives: jest.fn(async () => emptyResponse) }),
    );
    expect(await screen.findByTestId('slo-empty')).toHaveTextContent(
      'No SLOs defined. How to add one',
    );
  });

  it('lists objectives without figures when no metric source is configured', async () => {
    await render(
      fakeSloApi({ getObjectives: jest.fn(async () => noSourceResponse) }),
    );
    expect(await screen.findByTestId('slo-no-source')).toBeInTheDocument();
    const row = screen.getByTestId('slo-card-objective');
    expect(within(row).getByTestId('slo-card-value')).toHaveTextContent(
      'target 99.9%',
    );
    expect(within(row).queryByTestId('slo-budget-bar')).not.toBeInTheDocument();
  });

  it('points to the tab when the definitions have errors', async () => {
    await render(
      fakeSloApi({
        getObjectives: jest.fn(async () => ({
          ...emptyResponse,
          definitionErrors: [
            {
              document: 0,
              kind: 'SLO',
              name: 'checkout-availability',
              path: 'spec.objectives[0].target',
              message: 'must be above 0 and below 1 (or 100%)',
            },
          ],
        })),
      }),
    );
    expect(
      await screen.findByTestId('slo-definition-errors'),
    ).toHaveTextContent('1 problem in the SLO definitions: see the SLOs tab');
    expect(screen.queryByTestId('slo-empty')).not.toBeInTheDocument();
  });

  it('shows the error of the backend', async () => {
    const error = await backendError(
      403,
      'NotAllowedError',
      'Not allowed: slo.objectives.read',
    );
    await render(
      fakeSloApi({
        getObjectives: jest.fn(async () => {
          throw error;
        }),
      }),
    );
    expect(
      (await screen.findAllByText(/Not allowed: slo.objectives.read/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('slo-card-objective')).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await render(
      fakeSloApi({ getObjectives: jest.fn(() => new Promise(() => {})) }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});
