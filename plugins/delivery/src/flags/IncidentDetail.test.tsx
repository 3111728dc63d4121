import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import { fakeDeliveryApi } from '../testUtils/fixtures';
import { flagChanges, flagIncident } from '../testUtils/progressive';
import { IncidentDetail } from './IncidentDetail';

const NOW = Date.parse('2026-01-07T00:00:00Z');

function render(api = fakeDeliveryApi(), incident = flagIncident) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <IncidentDetail
        incident={incident}
        productionEnvironments={['production']}
        now={NOW}
      />
    </TestApiProvider>,
  );
}

describe('IncidentDetail', () => {
  it('shows a flag released before the incident and turned off during it', async () => {
    const api = fakeDeliveryApi();
    await render(api);
    // One request from a week before the 2 h before it opened to its resolution (16:40).
    expect(api.listFlags).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      from: '2025-12-30T14:00:00.000Z',
      to: '2026-01-06T16:40:00.001Z',
      limit: 500,
    });
    expect(await screen.findByTestId('delivery-flag-story')).toHaveTextContent(
      'Released by flag (new-cart), rolled back by flag (new-cart).',
    );
    const before = within(screen.getByTestId('delivery-flags-before'))
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(before).toEqual([
      expect.stringMatching(
        /^new-cart rolled out to 10% by alice.* production · served 0% → 10% · 1 h before it opened$/,
      ),
      'new-cart rolled out to 50% production · served 10% → 50% · 30 min before it opened',
    ]);
    expect(
      screen.getByRole('link', {
        name: /^new-cart rolled out to 10% by alice/,
      }),
    ).toHaveAttribute(
      'href',
      'https://unleash.example.com/projects/default/features/new-cart',
    );
    expect(screen.getByTestId('delivery-flags-during')).toHaveTextContent(
      'new-cart turned off by bob production · served 50% → 0% · 20 min after it opened',
    );
    expect(screen.getByText(/resolved .* after 40 min/)).toBeInTheDocument();
  });

  it('says when no flag changed around it', async () => {
    await render(
      fakeDeliveryApi({ listFlags: jest.fn(async () => ({ items: [] })) }),
    );
    expect(
      await screen.findByTestId('delivery-flags-before'),
    ).toHaveTextContent('None in production.');
    expect(screen.getByTestId('delivery-flags-during')).toHaveTextContent(
      'None in production.',
    );
    expect(screen.queryByTestId('delivery-flag-story')).not.toBeInTheDocument();
  });

  it('says when the flag changes could not be loaded', async () => {
    await render(
      fakeDeliveryApi({
        listFlags: jest.fn(async () => {
          throw new Error('404 Not Found');
        }),
      }),
    );
    expect(
      await screen.findByTestId('delivery-incident-flags-error'),
    ).toHaveTextContent('The flag changes could not be loaded: 404 Not Found');
    expect(
      screen.queryByTestId('delivery-flags-before'),
    ).not.toBeInTheDocument();
  });

  it('leaves out flag changes in other environments', async () => {
    await render(
      fakeDeliveryApi({
        listFlags: jest.fn(async () => ({
          items: flagChanges.map(f => ({ ...f, environment: 'staging' })),
        })),
      }),
    );
    expect(
      await screen.findByTestId('delivery-flags-before'),
    ).toHaveTextContent('None in production.');
  });
});
