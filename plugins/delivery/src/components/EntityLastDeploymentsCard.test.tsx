import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import {
  checkoutEntity,
  deploymentsPage,
  fakeDeliveryApi,
} from '../testUtils/fixtures';
import { EntityLastDeploymentsCard } from './EntityLastDeploymentsCard';

describe('EntityLastDeploymentsCard', () => {
  const render = (api = fakeDeliveryApi()) =>
    renderInTestApp(
      <TestApiProvider apis={[[deliveryApiRef, api]]}>
        <EntityProvider entity={checkoutEntity}>
          <EntityLastDeploymentsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

  it('shows the latest deployment per environment and links to the tab', async () => {
    await render();
    const rows = await screen.findAllByTestId('delivery-last-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('production')).toBeInTheDocument();
    expect(within(rows[0]).getByText('d5')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Remediation')).toBeInTheDocument();
    expect(within(rows[0]).getByText(/ago$/)).toBeInTheDocument();
    expect(within(rows[1]).getByText('staging')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All deployments/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/deployments',
    );
  });

  it('finds the latest production deployment behind a page of busier environments', async () => {
    // The first page holds staging only; the chart's lanes name production too, so
    // the card asks for production's latest on its own.
    const staging = deploymentsPage.items.filter(
      d => d.environment === 'staging',
    );
    const production = deploymentsPage.items.find(d => d.id === 'd5')!;
    const api = fakeDeliveryApi({
      listDeployments: jest.fn(async request => ({
        items: request.environment === 'production' ? [production] : staging,
      })),
    });
    await render(api);
    const rows = await screen.findAllByTestId('delivery-last-row');
    expect(
      rows.map(
        r =>
          within(r).getByRole('cell', { name: /^(production|staging)$/ })
            .textContent,
      ),
    ).toEqual(['production', 'staging']);
    expect(within(rows[0]).getByText('d5')).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      environment: 'production',
      limit: 1,
    });
    expect(api.getTimeline.mock.calls[0][0].buckets).toBe(1);
  });

  it('says when nothing was reported', async () => {
    await render(
      fakeDeliveryApi({
        listDeployments: jest.fn(async () => ({ items: [] })),
      }),
    );
    expect(
      await screen.findByText(/No deployments reported yet/),
    ).toBeInTheDocument();
  });
});
