import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import { checkoutEntity, fakeDeliveryApi } from '../testUtils/fixtures';
import {
  progressiveTimeline,
  rolloutsHealth,
  rolloutsPage,
} from '../testUtils/progressive';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

/** The tab over a window of three rollouts, a staging run, flag changes and an incident. */
function renderTab(overrides: Parameters<typeof fakeDeliveryApi>[0] = {}) {
  const api = fakeDeliveryApi({
    getTimeline: jest.fn(async () => progressiveTimeline),
    listDeployments: jest.fn(async () => rolloutsPage),
    getDeploymentHealth: jest.fn(async () => rolloutsHealth),
    ...overrides,
  });
  return {
    api,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[deliveryApiRef, api]]}>
        <EntityProvider entity={checkoutEntity}>
          <EntityDeploymentsContent />
        </EntityProvider>
      </TestApiProvider>,
    ),
  };
}

const verdictOf = (row: HTMLElement) =>
  within(row).getByTestId('delivery-verdict');

describe('EntityDeploymentsContent: rollouts, verdicts and flags', () => {
  it('gives each production row its verdict from one request for the window', async () => {
    const { api, rendered } = renderTab();
    await rendered;
    await screen.findAllByTestId('delivery-deployment-row');
    await waitFor(() =>
      expect(
        verdictOf(screen.getAllByTestId('delivery-deployment-row')[0]),
      ).toHaveAttribute('data-verdict', 'ailing'),
    );
    const rows = screen.getAllByTestId('delivery-deployment-row');
    expect(rows.map(r => verdictOf(r).getAttribute('data-verdict'))).toEqual([
      'ailing',
      'unhealthy',
      'healthy',
      'none',
    ]);
    expect(verdictOf(rows[0])).toHaveTextContent('ailing');
    // Reasons and burn on hover.
    expect(verdictOf(rows[0])).toHaveAttribute(
      'title',
      'Ailing\ncheckout-availability burned 3% of its error budget in the 2 h after it, 0.5% in the 2 h before (+2.5 points; ailing from +1 points)',
    );
    // Staging: a dash, no verdict.
    expect(verdictOf(rows[3])).toHaveTextContent('—');
    // One request, for the tab's entity and window (the same as the timeline's).
    expect(api.getDeploymentHealth).toHaveBeenCalledTimes(1);
    const timelineRequest = api.getTimeline.mock.calls[0][0];
    expect(api.getDeploymentHealth).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      from: timelineRequest.from,
      to: timelineRequest.to,
    });
  });

  it('keeps the table when the verdicts cannot be read, with dashes saying why', async () => {
    const { rendered } = renderTab({
      getDeploymentHealth: jest.fn(async () => {
        throw new Error('404 Not Found');
      }),
    });
    await rendered;
    await screen.findAllByTestId('delivery-deployment-row');
    await waitFor(() =>
      expect(
        verdictOf(screen.getAllByTestId('delivery-deployment-row')[0]),
      ).toHaveAttribute(
        'title',
        'The verdicts could not be loaded: 404 Not Found',
      ),
    );
    const rows = screen.getAllByTestId('delivery-deployment-row');
    expect(rows).toHaveLength(4);
    expect(verdictOf(rows[0])).toHaveTextContent('—');
  });

  it('marks rollouts in the table and opens a canary’s ramp with its burns', async () => {
    const { rendered } = renderTab();
    await rendered;
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    const marks = rows.map(r =>
      within(r).queryByTestId('delivery-rollout-mark'),
    );
    expect(marks.map(m => m?.textContent)).toEqual([
      'blue-green · promoted',
      'canary · aborted',
      'canary · promoted',
      undefined,
    ]);
    await userEvent.click(marks[2]!);
    expect(marks[2]).toHaveAttribute('aria-expanded', 'true');
    const ramp = await screen.findByTestId('delivery-rollout-ramp');
    expect(
      await within(ramp).findByText('at 40% the budget burned 0.2%'),
    ).toBeInTheDocument();
    // The commit list still follows the ramp.
    expect(screen.getByTestId('delivery-shipped-changes')).toBeInTheDocument();
  });

  it('rings production markers with their verdict and draws flag changes beside them', async () => {
    const { rendered } = renderTab();
    await rendered;
    await waitFor(() =>
      expect(screen.getAllByTestId('delivery-marker-verdict')).toHaveLength(3),
    );
    expect(
      screen
        .getAllByTestId('delivery-marker-verdict')
        .map(ring => ring.getAttribute('data-verdict')),
    ).toEqual(['ailing', 'unhealthy', 'healthy']);
    const flagMarks = screen.getAllByTestId('delivery-flag-mark');
    // Three changes in production, one in staging; off drawn hollow.
    expect(
      flagMarks.map(m => [
        m.getAttribute('aria-label'),
        m.getAttribute('data-off'),
      ]),
    ).toEqual([
      ['1 flag change in production: new-cart rollout', 'false'],
      ['1 flag change in production: new-cart rollout', 'false'],
      ['1 flag change in production: new-cart off', 'true'],
      ['1 flag change in staging: dark-mode targeting', 'false'],
    ]);
    expect(flagMarks[0].querySelector('title')?.textContent).toContain(
      'new-cart rolled out to 10% by alice',
    );
    // A change with a link opens it.
    expect(flagMarks[0].closest('a')).toHaveAttribute(
      'href',
      'https://unleash.example.com/projects/default/features/new-cart',
    );
    expect(screen.getByTestId('delivery-flag-legend')).toBeInTheDocument();
  });

  it('opens a rollout’s ramp from its marker', async () => {
    const { rendered } = renderTab();
    await rendered;
    const markers = await screen.findAllByTestId('delivery-rollout-marker');
    expect(markers.map(m => m.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(
        /^Show the ramp of v3\.0 Success in production.*blue-green · promoted$/,
      ),
      expect.stringMatching(
        /^Show the ramp of v2\.1 Failure in production.*canary · aborted$/,
      ),
      expect.stringMatching(
        /^Show the ramp of v2\.0 Success in production.*canary · promoted$/,
      ),
    ]);
    await userEvent.click(markers[1]);
    const detail = screen.getByTestId('delivery-chart-detail');
    expect(
      await within(detail).findByTestId('delivery-rollout-aborted'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Close the detail' }),
    );
    expect(
      screen.queryByTestId('delivery-chart-detail'),
    ).not.toBeInTheDocument();
  });

  it('opens an incident’s flag changes from its span', async () => {
    const { rendered } = renderTab();
    await rendered;
    await userEvent.click(
      await screen.findByRole('button', { name: 'Incident: Cart errors' }),
    );
    expect(
      await within(screen.getByTestId('delivery-chart-detail')).findByTestId(
        'delivery-flag-story',
      ),
    ).toHaveTextContent(
      'Released by flag (new-cart), rolled back by flag (new-cart).',
    );
  });
});
