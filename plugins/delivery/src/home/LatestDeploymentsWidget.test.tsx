import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import { fakeDeliveryApi } from '../testUtils/fixtures';
import {
  progressiveTimeline,
  rolloutsHealth,
  rolloutsPage,
} from '../testUtils/progressive';
import { LatestDeploymentsWidget } from './LatestDeploymentsWidget';

function render(api = fakeDeliveryApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <LatestDeploymentsWidget
        scope={{ kind: 'teams', entityRefs: ['group:default/team-a'] }}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const production = {
  items: rolloutsPage.items.filter(d => d.environment === 'production'),
};

describe('LatestDeploymentsWidget', () => {
  it('shows each production deployment’s verdict, failures first', async () => {
    const api = fakeDeliveryApi({
      getTimeline: jest.fn(async () => progressiveTimeline),
      listDeployments: jest.fn(async () => production),
      getDeploymentHealth: jest.fn(async () => rolloutsHealth),
    });
    await render(api);
    const rows = await screen.findAllByTestId('home-deployment');
    // r2 failed (aborted canary) comes first; then the newest.
    expect(rows.map(r => r.getAttribute('data-id'))).toEqual([
      'r2',
      'r3',
      'r1',
    ]);
    expect(
      rows.map(r =>
        within(r).getByTestId('delivery-verdict').getAttribute('data-verdict'),
      ),
    ).toEqual(['unhealthy', 'ailing', 'healthy']);
    expect(within(rows[0]).getByTestId('delivery-verdict')).toHaveAttribute(
      'title',
      'Unhealthy\nincident INC-7 names it\nits rollout was aborted\nno SLO figures: no traffic measured in the 2 h after it',
    );
    // The week of the widget, for the scope's group.
    const request = api.getDeploymentHealth.mock.calls[0][0];
    expect(request.entityRef).toBe('group:default/team-a');
    expect(Date.parse(request.to) - Date.parse(request.from)).toBe(
      7 * 24 * 3_600_000,
    );
  });

  it('keeps its rows when the verdicts cannot be read, without a verdict', async () => {
    await render(
      fakeDeliveryApi({
        getTimeline: jest.fn(async () => progressiveTimeline),
        listDeployments: jest.fn(async () => production),
        getDeploymentHealth: jest.fn(async () => {
          throw new Error('404 Not Found');
        }),
      }),
    );
    const rows = await screen.findAllByTestId('home-deployment');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const cell = within(row).getByTestId('delivery-verdict');
      expect(cell).toHaveAttribute('data-verdict', 'none');
      expect(cell).toHaveAttribute(
        'title',
        'The verdicts could not be loaded: 404 Not Found',
      );
    }
  });
});
