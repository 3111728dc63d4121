import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import { sloApiRef } from '../api/SloClient';
import {
  backendError,
  checkoutEntity,
  checkoutSystem,
  deliveryDeployments,
  emptyResponse,
  fakeSloApi,
  noSourceResponse,
  systemStatus,
} from '../testUtils/fixtures';
import { EntitySloContent } from './EntitySloContent';
import { ANNOTATION_SNIPPET } from './notices';

function fakeDeliveryApi() {
  return {
    getTimeline: jest.fn(),
    getSourceStatus: jest.fn(async () => []),
    listDeployments: jest.fn(async () => ({ items: deliveryDeployments })),
  };
}

function renderTab(
  api = fakeSloApi(),
  options: { entity?: Entity; delivery?: any } = {},
) {
  const apis: Array<[any, any]> = [[sloApiRef, api]];
  if (options.delivery !== null) {
    apis.push([deliveryApiRef, options.delivery ?? fakeDeliveryApi()]);
  }
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      <EntityProvider entity={options.entity ?? checkoutEntity}>
        <EntitySloContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const panel = async (id: string) =>
  (await screen.findAllByTestId('slo-objective')).find(
    p => p.getAttribute('data-objective-id') === id,
  )!;

describe('EntitySloContent on a component', () => {
  it('lists every objective, worst first, with its figures', async () => {
    await renderTab();
    const panels = await screen.findAllByTestId('slo-objective');
    expect(panels.map(p => p.getAttribute('data-objective-id'))).toEqual([
      'checkout-latency',
      'checkout-availability',
    ]);
    const availability = panels[1];
    const figure = (key: string) =>
      within(availability).getByTestId(`slo-figure-${key}`);
    expect(figure('sli')).toHaveAttribute('data-value', '0.9996');
    expect(figure('sli')).toHaveTextContent('99.96%');
    expect(figure('sli')).toHaveTextContent('target 99.9%');
    expect(figure('errorRatio')).toHaveTextContent('400 of 1,000,000');
    expect(figure('budgetRemaining')).toHaveTextContent('60%');
    expect(figure('badEventsLeft')).toHaveTextContent('600');
    expect(figure('timeLeft')).toHaveTextContent('24 min 12 s');
    expect(figure('timeToExhaustion')).toHaveTextContent('33 d 14 h');
    expect(figure('currentBurnRate')).toHaveTextContent('0.5×');

    const latency = panels[0];
    expect(
      within(latency).getByTestId('slo-figure-budgetRemaining'),
    ).toHaveTextContent('-50% (overspent)');
    expect(within(latency).getByTestId('slo-frozen-chip')).toBeVisible();
    expect(latency).toHaveTextContent(/budget exhausted since .* ago/);
    // The tab header says deploys are frozen.
    expect(screen.getAllByTestId('slo-frozen-chip').length).toBe(2);
  });

  it('explains a figure: formula, window, event counts and PromQL', async () => {
    await renderTab();
    const availability = await panel('checkout-availability');
    expect(
      within(availability).queryByTestId('slo-explanation'),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(availability).getByRole('button', {
        name: 'Explain Budget remaining',
      }),
    );
    const explanation = within(availability).getByTestId('slo-explanation');
    expect(
      within(explanation).getByTestId('slo-explanation-formula'),
    ).toHaveTextContent(
      'budget remaining = 1 - error ratio / B = 1 - 0.0004 / 0.001 = 0.6',
    );
    expect(
      within(explanation).getByTestId('slo-explanation-counts'),
    ).toHaveTextContent('Events: 999,600 good, 400 bad of 1,000,000 total');
    expect(
      within(explanation).getByTestId('slo-explanation-window'),
    ).toHaveTextContent(/Jan 1, 2026.*→.*Jan 29, 2026/);
    expect(
      within(explanation).getByTestId('slo-explanation-queries'),
    ).toHaveTextContent(
      'sum(increase(http_requests_total{job="checkout",code=~"5.."}[1h]))',
    );
    // A figure the backend did not explain has no expander.
    expect(
      within(availability).queryByRole('button', {
        name: 'Explain Budget as time',
      }),
    ).not.toBeInTheDocument();
    // The budget B has no tile: it is explained below the figures.
    await userEvent.click(
      within(availability).getByRole('button', {
        name: 'Explain Error budget B',
      }),
    );
    expect(
      within(availability).getByText('B = 1 - target = 1 - 0.999 = 0.001'),
    ).toBeInTheDocument();
  });

  it('draws the burndown with the ideal line and deployment markers', async () => {
    const delivery = fakeDeliveryApi();
    const api = fakeSloApi();
    await renderTab(api, { delivery });
    const availability = await panel('checkout-availability');
    const chart = within(availability).getByTestId('slo-burndown-chart');
    expect(
      within(chart).getByTestId('slo-burndown-remaining').getAttribute('d'),
    ).toMatch(/^M.*L.*M/); // the Jan 22 gap splits the line
    expect(
      within(chart).getByTestId('slo-burndown-ideal').getAttribute('d'),
    ).toMatch(/^M[^M]*$/);
    expect(
      within(availability).getByTestId('slo-target-line'),
    ).toBeInTheDocument();

    // Deployments of the window from the delivery plugin, production only; the one
    // made while the budget was exhausted is marked.
    await waitFor(() =>
      expect(
        within(chart).getAllByTestId('slo-deployment-marker'),
      ).toHaveLength(2),
    );
    expect(delivery.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout-service',
        // The span of both objectives' windows.
        from: '2025-12-31T21:00:00.000Z',
        to: '2026-01-29T00:00:00.000Z',
      }),
    );
    await waitFor(() =>
      expect(
        within(chart)
          .getAllByTestId('slo-deployment-marker')
          .map(m => m.getAttribute('data-frozen')),
      ).toEqual(['false', 'true']),
    );
    expect(
      within(chart).getAllByTestId('slo-deployment-marker')[1],
    ).toHaveAttribute(
      'aria-label',
      expect.stringContaining(
        '(made while the error budget was exhausted): burned 5% of the budget in the 6 h after (4% in the 6 h before)',
      ),
    );
    expect(api.getDeploymentImpact).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-service',
      deployments: [
        { id: 'github/d1', at: '2026-01-14T12:00:00.000Z' },
        { id: 'argocd/sync-7', at: '2026-01-20T00:00:00.000Z' },
      ],
    });
  });

  it('says how to get deployment markers without the delivery plugin', async () => {
    await renderTab(fakeSloApi(), { delivery: null });
    const availability = await panel('checkout-availability');
    expect(availability).toHaveTextContent(
      'Install the delivery plugin to see deployments on the charts.',
    );
    expect(
      within(availability).queryByTestId('slo-deployment-marker'),
    ).not.toBeInTheDocument();
  });

  it('lists burn-rate tiers with thresholds, states and warnings', async () => {
    await renderTab();
    const availability = await panel('checkout-availability');
    const rows = within(availability).getAllByTestId('slo-tier-row');
    expect(rows.map(r => r.getAttribute('data-tier'))).toEqual([
      'page-fast',
      'page-slow',
      'ticket-fast',
    ]);
    // page-fast: 1h / 5m, long 0.5, short 1, threshold 0.02 * 672 / 1 = 13.44.
    expect(rows[0]).toHaveTextContent('1h / 5m');
    expect(rows[0]).toHaveTextContent('0.5×');
    expect(rows[0]).toHaveTextContent('13.44×');
    // 24 h is written as 1 day; threshold 0.1 * 672 / 24 = 2.8. (ticket-slow, 0.93x
    // on 28 days, is below 1: the evaluator drops it.)
    expect(rows[2]).toHaveTextContent('1d / 2h');
    expect(rows[2]).toHaveTextContent('2.8×');

    const latency = await panel('checkout-latency');
    const latencyRows = within(latency).getAllByTestId('slo-tier-row');
    expect(latencyRows).toHaveLength(2);
    expect(latencyRows[1]).toHaveAttribute('data-state', 'firing');
  });

  it('shows a tier that can never fire', async () => {
    const api = fakeSloApi();
    const base = await api.getObjectives();
    const objective = base.objectives[0];
    api.getObjectives.mockResolvedValue({
      ...base,
      objectives: [
        {
          ...objective,
          burnRates: [
            {
              ...objective.burnRates[0],
              warning:
                'tier page-fast can never fire: a burn rate of 13.44 needs an error ratio of 1.344, above 100%',
            },
          ],
        },
      ],
    });
    await renderTab(api);
    expect(await screen.findByTestId('slo-tier-warning')).toHaveTextContent(
      'can never fire',
    );
  });

  it('shows compliance per month', async () => {
    await renderTab();
    const availability = await panel('checkout-availability');
    const periods = within(availability).getAllByTestId(
      'slo-compliance-period',
    );
    expect(
      periods.map(p => [p.getAttribute('data-period'), p.textContent]),
    ).toEqual([
      ['2025-11', '2025-11: met · 99.953%'],
      ['2025-12', '2025-12: missed · 99.87%'],
      ['2026-01', '2026-01 (so far): met · 99.96%'],
    ]);
  });

  it('shows the definition and exports it as OpenSLO', async () => {
    const api = fakeSloApi();
    const createObjectURL = jest.fn(() => 'blob:openslo');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderTab(api);
    const latency = await panel('checkout-latency');
    const definition = within(latency).getByTestId('slo-definition');
    expect(definition).toHaveTextContent('Target99%');
    expect(definition).toHaveTextContent('Windowrolling 28 days');
    expect(definition).toHaveTextContent(
      'http_request_duration_seconds_bucket{le="0.3",job="checkout"}',
    );
    expect(definition).toHaveTextContent('page-fast, page-slow');
    await userEvent.click(screen.getByTestId('slo-download-openslo'));
    await waitFor(() =>
      expect(api.getDocument).toHaveBeenCalledWith({
        entityRef: 'component:default/checkout-service',
        document: 'openslo',
      }),
    );
    expect(createObjectURL).toHaveBeenCalled();
  });

  it('says since when the figures are stale', async () => {
    await renderTab();
    const notice = await screen.findByTestId('slo-stale-notice');
    expect(notice).toHaveTextContent(
      /Figures may be out of date: last successful evaluation .* ago/,
    );
  });

  it('explains the annotation when no SLO is defined', async () => {
    await renderTab(
      fakeSloApi({ getObjectives: jest.fn(async () => emptyResponse) }),
    );
    expect(await screen.findByTestId('slo-empty')).toHaveTextContent(
      'slo.acme-portal.io/openslo-file',
    );
    expect(ANNOTATION_SNIPPET).toContain(
      'slo.acme-portal.io/openslo-file: ./slo.yaml',
    );
    expect(screen.getByTestId('slo-annotation-snippet')).toBeInTheDocument();
  });

  it('lists definitions only when no metric source is configured', async () => {
    const delivery = fakeDeliveryApi();
    await renderTab(
      fakeSloApi({ getObjectives: jest.fn(async () => noSourceResponse) }),
      { delivery },
    );
    expect(await screen.findByTestId('slo-no-source')).toHaveTextContent(
      'No metric source configured',
    );
    const objective = screen.getByTestId('slo-objective');
    expect(within(objective).getByTestId('slo-definition')).toBeVisible();
    expect(
      within(objective).queryByTestId('slo-figure-sli'),
    ).not.toBeInTheDocument();
    expect(
      within(objective).queryByTestId('slo-state-chip'),
    ).not.toBeInTheDocument();
    expect(delivery.listDeployments).not.toHaveBeenCalled();
  });

  it('lists definition errors per field', async () => {
    await renderTab(
      fakeSloApi({
        getObjectives: jest.fn(async () => ({
          ...emptyResponse,
          definitionErrors: [
            {
              document: 1,
              kind: 'SLO',
              name: 'checkout-latency',
              path: 'spec.timeWindow[0].duration',
              message: 'invalid duration "30x"',
            },
          ],
        })),
      }),
    );
    expect(
      await screen.findByTestId('slo-definition-errors'),
    ).toHaveTextContent(
      'Document 2: SLO checkout-latency: spec.timeWindow[0].duration: invalid duration "30x"',
    );
    expect(screen.queryByTestId('slo-empty')).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const error = await backendError(
      503,
      'ServiceUnavailableError',
      'SLO backend is starting',
    );
    await renderTab(
      fakeSloApi({
        getObjectives: jest.fn(async () => {
          throw error;
        }),
      }),
    );
    expect(
      (await screen.findAllByText(/SLO backend is starting/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('slo-objective')).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderTab(
      fakeSloApi({ getObjectives: jest.fn(() => new Promise(() => {})) }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});

describe('EntitySloContent on a system or group', () => {
  it('rolls up each component: state, budget left, frozen', async () => {
    const api = fakeSloApi({ getStatus: jest.fn(async () => systemStatus) });
    await renderTab(api, { entity: checkoutSystem });
    const rows = await screen.findAllByTestId('slo-rollup-row');
    expect(api.getStatus).toHaveBeenCalledWith({
      entityRef: 'system:default/order-management',
    });
    expect(api.getObjectives).not.toHaveBeenCalled();
    // Components without objectives are left out; frozen and worst first.
    expect(rows.map(r => r.getAttribute('data-entity-ref'))).toEqual([
      'component:default/checkout-service',
      'component:default/search-service',
      'component:default/cart-service',
    ]);
    expect(rows[0]).toHaveAttribute('data-budget', '-0.5');
    expect(within(rows[0]).getByTestId('slo-frozen-chip')).toBeVisible();
    expect(within(rows[1]).getByTestId('slo-budget-bar')).toHaveTextContent(
      '18%',
    );
    expect(rows[1]).toHaveTextContent('allowed');
    expect(within(rows[0]).getByRole('link', { name: 'SLOs' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-service/slos',
    );
    expect(screen.getByTestId('slo-rollup')).toHaveTextContent(
      '3 components with SLOs, 1 frozen',
    );
  });

  it('marks components whose figures are the last good ones as stale', async () => {
    const [cart, search, checkout, legacy] = systemStatus.components;
    await renderTab(
      fakeSloApi({
        getStatus: jest.fn(async () => ({
          ...systemStatus,
          stale: true,
          components: [cart, { ...search, stale: true }, checkout, legacy],
        })),
      }),
      { entity: checkoutSystem },
    );
    const rows = await screen.findAllByTestId('slo-rollup-row');
    // search-service (second, by state) is stale; the others are current.
    expect(within(rows[1]).getByTestId('slo-stale-chip')).toBeVisible();
    expect(within(rows[0]).queryByTestId('slo-stale-chip')).toBeNull();
    expect(within(rows[2]).queryByTestId('slo-stale-chip')).toBeNull();
    expect(screen.getByTestId('slo-rollup')).toHaveTextContent(
      '3 components with SLOs, 1 frozen, 1 showing their last good figures (metric source failing)',
    );
  });

  it('says when no component has SLOs', async () => {
    await renderTab(
      fakeSloApi({
        getStatus: jest.fn(async () => ({
          ...systemStatus,
          state: 'unknown',
          frozen: false,
          components: [],
        })),
      }),
      { entity: checkoutSystem },
    );
    expect(await screen.findByTestId('slo-empty')).toHaveTextContent(
      'No component here has SLOs yet',
    );
  });
});
