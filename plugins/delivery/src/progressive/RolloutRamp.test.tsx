import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import { fakeDeliveryApi } from '../testUtils/fixtures';
import { noSloBurn, rolloutsPage } from '../testUtils/progressive';
import { RolloutRamp } from './RolloutRamp';

const [r3, r2, r1] = rolloutsPage.items;
const NOW = Date.parse('2026-01-07T00:00:00Z');

function render(deployment = r1, api = fakeDeliveryApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <RolloutRamp deployment={deployment} now={NOW} />
    </TestApiProvider>,
  );
}

const burns = () =>
  screen.getAllByTestId('delivery-phase-burn').map(cell => cell.textContent);

describe('RolloutRamp', () => {
  it('draws a canary’s ramp and says what each phase burned', async () => {
    const api = fakeDeliveryApi();
    await render(r1, api);
    expect(api.getRolloutBurn).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      source: 'argocd',
      id: 'r1',
    });
    const ramp = screen.getByTestId('delivery-rollout-ramp');
    expect(ramp).toHaveAttribute('data-strategy', 'canary');
    expect(ramp).toHaveAttribute('data-rollout-outcome', 'promoted');
    // Each phase is numbered above the chart, its name on hover.
    expect(
      screen
        .getAllByTestId('delivery-ramp-phase-number')
        .map(n => n.querySelector('title')?.textContent),
    ).toEqual([
      '1. setWeight 20',
      '2. pause',
      '3. setWeight 40',
      '4. pause 10m',
      '5. setWeight 80',
      '6. analysis',
      '7. promote',
    ]);
    // The burn of each phase once loaded (promotedCanaryBurn: 0.001, 0.004, ...).
    expect(await screen.findAllByText(/the budget burned/)).toHaveLength(7);
    expect(burns()).toEqual([
      'at 20% the budget burned 0.1%',
      'paused at 20% the budget burned 0.4%',
      'at 40% the budget burned 0.2%',
      'paused at 40% the budget burned 0.6%',
      'at 80% the budget burned 0.3%',
      'analysis at 80% the budget burned 1%',
      'promoted to 100% the budget burned 0.02%',
    ]);
    expect(
      screen.getByText(/^Promoted: the new version serves all traffic/),
    ).toBeInTheDocument();
    // The step line: 20 % from the start, up to 100 % at the promotion.
    expect(screen.getByTestId('delivery-ramp-chart')).toHaveAttribute(
      'aria-label',
      expect.stringMatching(
        /^Canary ramp: 20% from .*, 40% from .*, 80% from .*, 100% from /,
      ),
    );
    const rows = screen.getAllByTestId('delivery-rollout-phase');
    // The manual pause lasted 20 minutes (10:01 to 10:21).
    expect(within(rows[1]).getByText('20 min')).toBeInTheDocument();
  });

  it('shows an aborted canary clearly, and "no SLO figures" rather than 0 %', async () => {
    await render(r2);
    expect(await screen.findByTestId('delivery-burn-no-slo')).toHaveTextContent(
      'No SLO figures for this component',
    );
    expect(screen.getByTestId('delivery-rollout-aborted')).toHaveTextContent(
      /^Aborted at .* \(phase 5, “abort”\): traffic back to the stable version\.$/,
    );
    expect(screen.getByTestId('delivery-ramp-abort')).toBeInTheDocument();
    expect(burns()).toEqual([
      'at 20%: no SLO figures',
      'paused at 20%: no SLO figures',
      'at 40%: no SLO figures',
      'analysis at 40%: no SLO figures',
      'during the abort: no SLO figures',
    ]);
  });

  it('marks the moment of a blue-green switch', async () => {
    await render(r3);
    expect(
      await screen.findByTestId('delivery-rollout-switch'),
    ).toHaveTextContent(/^Switched all traffic to the new version at /);
    expect(screen.getByTestId('delivery-ramp-switch')).toBeInTheDocument();
    // No SLO for this one; the switch itself took no time (14:05 to 14:05).
    expect(
      await screen.findByTestId('delivery-burn-no-slo'),
    ).toBeInTheDocument();
    expect(burns()).toEqual([
      'analysis at 0%: no SLO figures',
      'at the switch: took no time',
      'analysis at 100%: no SLO figures',
    ]);
    expect(
      screen.getByText('Blue-green switch · promoted'),
    ).toBeInTheDocument();
  });

  it('draws the ramp while the burn loads, and says when the burn failed', async () => {
    let fail: (error: Error) => void = () => {};
    const api = fakeDeliveryApi({
      getRolloutBurn: jest.fn(
        () =>
          new Promise((_resolve, reject) => {
            fail = reject;
          }),
      ),
    });
    await render(r1, api);
    expect(screen.getByTestId('delivery-burn-loading')).toBeInTheDocument();
    expect(screen.getByTestId('delivery-ramp-chart')).toBeInTheDocument();
    // Before the burn is known a phase names its weight and no figure.
    expect(burns()[0]).toBe('at 20%');
    fail(new Error('503 Service Unavailable'));
    expect(await screen.findByTestId('delivery-burn-error')).toHaveTextContent(
      'The error budget burn could not be loaded: 503 Service Unavailable',
    );
    expect(burns()[0]).toBe('at 20%');
  });

  it('draws nothing for a deployment without phases', async () => {
    const api = fakeDeliveryApi({
      getRolloutBurn: jest.fn(async () => ({
        ...noSloBurn('plain', [], 'canary', 'promoted'),
      })),
    });
    await render({ ...r1, id: 'plain', phases: undefined }, api);
    expect(
      screen.queryByTestId('delivery-rollout-ramp'),
    ).not.toBeInTheDocument();
  });
});
