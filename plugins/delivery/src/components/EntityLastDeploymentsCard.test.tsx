import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { deliveryApiRef } from '../api/DeliveryClient';
import { checkoutEntity, fakeDeliveryApi } from '../testUtils/fixtures';
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
