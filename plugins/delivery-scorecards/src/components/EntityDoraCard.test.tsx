import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { doraScorecardsApiRef } from '../api';
import { bandPresets } from '@internal/backstage-plugin-delivery-common';
import {
  checkoutEntity,
  checkoutScorecard,
  emptyScorecard,
  fakeScorecardsApi,
  staleSources,
} from '../testUtils/fixtures';
import { EntityDoraCard } from './EntityDoraCard';

function renderCard(api = fakeScorecardsApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[doraScorecardsApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntityDoraCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const figure = (key: string) => screen.getByTestId(`scorecard-figure-${key}`);

describe('EntityDoraCard', () => {
  it('shows where lead time goes over the same 12 weeks', async () => {
    const api = fakeScorecardsApi();
    await renderCard(api);
    await screen.findByTestId('stage-bar');
    const request = api.getEntityScorecard.mock.calls[0][0];
    expect(api.getLeadTimeBreakdown).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      from: request.from,
      to: request.to,
    });
    // Pickup [2, 6]: median 4 h, p90 2 + 0.9 * 4 = 5.6 h; 1 of 3 merged unreviewed.
    expect(screen.getByTestId('stage-figure-pickup')).toHaveTextContent(
      '4 h p90 5.6 h',
    );
    expect(screen.getByTestId('stage-unreviewed')).toHaveTextContent('33.3%');
  });

  it('shows the five figures with bands, changes and sparklines, and restore time apart', async () => {
    const api = fakeScorecardsApi();
    await renderCard(api);
    await screen.findByTestId('scorecard-card');

    // The last 12 weeks.
    const request = api.getEntityScorecard.mock.calls[0][0];
    expect(request.entityRef).toBe('component:default/checkout');
    expect(Date.parse(request.to) - Date.parse(request.from)).toBe(
      84 * 86_400_000,
    );

    // 4 deployments in 7 days: 4/week, band high, doubled against the previous period.
    const frequency = figure('deploymentFrequency');
    expect(frequency).toHaveAttribute('data-value', String(4 / 7));
    expect(within(frequency).getByTestId('scorecard-value')).toHaveTextContent(
      '4/week',
    );
    expect(within(frequency).getByText('4 deployments')).toBeInTheDocument();
    expect(within(frequency).getByTestId('scorecard-band')).toHaveAttribute(
      'data-band',
      'high',
    );
    const up = within(frequency).getByTestId('scorecard-change');
    expect(up).toHaveAttribute('data-trend', 'better');
    expect(up).toHaveTextContent('+100%');

    // Lead time 4 h (elite), down from 12 h: -66.7%, better.
    const lead = figure('leadTimeMedian');
    expect(within(lead).getByTestId('scorecard-value')).toHaveTextContent(
      '4 h',
    );
    expect(within(lead).getByTestId('scorecard-band')).toHaveAttribute(
      'data-band',
      'elite',
    );
    expect(within(lead).getByTestId('scorecard-change')).toHaveTextContent(
      '-66.7%',
    );

    // Change failure rate 25% (low), from 0%: worse, no percentage from zero.
    const cfr = figure('changeFailureRate');
    expect(within(cfr).getByTestId('scorecard-value')).toHaveTextContent('25%');
    expect(within(cfr).getByText('1 of 4 deployments')).toBeInTheDocument();
    expect(within(cfr).getByTestId('scorecard-band')).toHaveAttribute(
      'data-band',
      'low',
    );
    expect(within(cfr).getByTestId('scorecard-change')).toHaveAttribute(
      'data-trend',
      'worse',
    );

    // p90 and rework carry no band; recovery 2 h is high.
    expect(
      within(figure('leadTimeP90')).queryByTestId('scorecard-band'),
    ).toBeNull();
    expect(
      within(figure('leadTimeP90')).getByTestId('scorecard-value'),
    ).toHaveTextContent('5.6 h');
    expect(
      within(figure('failedDeploymentRecoveryTime')).getByTestId(
        'scorecard-band',
      ),
    ).toHaveAttribute('data-band', 'high');
    expect(
      within(figure('deploymentReworkRate')).getByTestId('scorecard-change'),
    ).toHaveTextContent('no change');
    // Rework rate says it has no band rather than showing nothing.
    expect(
      within(figure('deploymentReworkRate')).queryByTestId('scorecard-band'),
    ).toBeNull();
    expect(
      within(figure('deploymentReworkRate')).getByTestId('scorecard-no-band'),
    ).toHaveTextContent('no band');

    // The older MTTR is shown apart and labelled so.
    expect(
      within(figure('timeToRestoreService')).getByText(
        'Time to restore service (MTTR, older metric)',
      ),
    ).toBeInTheDocument();

    // The sparkline has a gap for the week without data.
    const sparkline = within(frequency).getByTestId('scorecard-sparkline');
    expect(sparkline).toHaveAttribute(
      'aria-label',
      'Deployment frequency, weekly: no data, 4/week',
    );
  });

  it('shows the thresholds of the band on hover', async () => {
    await renderCard();
    await screen.findByTestId('scorecard-card');
    const chip = within(figure('changeFailureRate')).getByTestId(
      'scorecard-band',
    );
    fireEvent.mouseOver(chip);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Change failure rate, preset “default”');
    expect(tooltip).toHaveTextContent('elite: ≤ 5%');
    expect(tooltip).toHaveTextContent('medium: ≤ 15%');
  });

  it('shows the thresholds of whichever preset the backend says is active', async () => {
    // The backend answers the configured preset (here DORA 2022, which had no
    // elite cluster) as JSON: `elite: null`.
    const dora2022 = JSON.parse(JSON.stringify(bandPresets['dora-2022']));
    await renderCard(
      fakeScorecardsApi({
        getEntityScorecard: jest.fn(async () => ({
          ...checkoutScorecard,
          bands: dora2022,
        })),
      }),
    );
    await screen.findByTestId('scorecard-card');
    fireEvent.mouseOver(
      within(figure('deploymentFrequency')).getByTestId('scorecard-band'),
    );
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'Deployment frequency, preset “dora-2022”',
    );
    expect(tooltip).toHaveTextContent('elite: none in this preset');
    expect(tooltip).toHaveTextContent('high: ≥ 1/day');
    expect(tooltip).toHaveTextContent('medium: ≥ 1/month');
  });

  it('opens the deployments behind a figure', async () => {
    const api = fakeScorecardsApi();
    await renderCard(api);
    await screen.findByTestId('scorecard-card');
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Deployment frequency: show the deployments behind it',
      }),
    );
    const table = await screen.findByTestId('scorecard-drilldown');
    expect(within(table).getByText('v3')).toBeInTheDocument();
    expect(
      within(table).getByTestId('scorecard-drilldown-lead-time'),
    ).toHaveTextContent('4 h');
    expect(api.listDeployments).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      from: '2026-01-05T00:00:00.000Z',
      to: '2026-01-12T00:00:00.000Z',
      limit: 100,
    });
  });

  it('says "not enough data" instead of a green zero', async () => {
    await renderCard(
      fakeScorecardsApi({
        getEntityScorecard: jest.fn(async () => emptyScorecard),
      }),
    );
    await screen.findByTestId('scorecard-card');
    expect(
      screen.getByText(/no production deployment was reported/),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('scorecard-not-enough-data')).toHaveLength(7);
    expect(screen.queryByTestId('scorecard-value')).toBeNull();
    const bandsShown = screen
      .getAllByTestId('scorecard-band')
      .map(b => b.getAttribute('data-band'));
    expect(bandsShown).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(screen.getAllByText('no data')).toHaveLength(4);
    expect(
      screen
        .getAllByTestId('scorecard-sparkline')
        .every(s => s.getAttribute('data-empty') === 'true'),
    ).toBe(true);
  });

  it('shows why a change is withheld instead of a percentage', async () => {
    // The backend withholds a change whose previous period is not comparable.
    const withheld = 'data covers only 0.5 of the previous 84 days';
    await renderCard(
      fakeScorecardsApi({
        getEntityScorecard: jest.fn(async () => ({
          ...checkoutScorecard,
          changes: {
            ...checkoutScorecard.changes,
            deploymentFrequency: {
              current: 4 / 7,
              previous: 1 / 84,
              changeRatio: null,
              trend: 'unknown' as const,
              withheld,
            },
          },
        })),
      }),
    );
    await screen.findByTestId('scorecard-card');
    const change = within(figure('deploymentFrequency')).getByTestId(
      'scorecard-change',
    );
    expect(change).toHaveAttribute('data-trend', 'withheld');
    expect(change).toHaveTextContent(`not comparable: ${withheld}`);
    expect(change).not.toHaveTextContent('%');
    // The other figures keep their changes.
    expect(
      within(figure('leadTimeMedian')).getByTestId('scorecard-change'),
    ).toHaveTextContent('-66.7%');
  });

  it('lists a source that is off until configured without warning about it', async () => {
    await renderCard(
      fakeScorecardsApi({
        getSourceStatus: jest.fn(async () => [
          {
            id: 'fake/eu',
            source: 'fake',
            instance: 'eu',
            stale: false,
            failing: [],
            disabled: true,
            disabledReason: 'not configured: no token for eu',
          },
        ]),
      }),
    );
    expect(await screen.findByTestId('scorecard-sources')).toHaveTextContent(
      'Sources: fake/eu (off, not configured: no token for eu)',
    );
    expect(screen.queryByText(/may be out of date/)).toBeNull();
  });

  it('warns when a source feeding the figures is stale', async () => {
    await renderCard(
      fakeScorecardsApi({ getSourceStatus: jest.fn(async () => staleSources) }),
    );
    await waitFor(() =>
      expect(
        screen.getByText(/Figures may be out of date: fake\/eu/),
      ).toBeInTheDocument(),
    );
    expect(screen.getByTestId('scorecard-stale-fake/eu')).toHaveTextContent(
      'last error: GET /api/deployments: 503 Service Unavailable',
    );
  });
});
