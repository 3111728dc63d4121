import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { doraScorecardsApiRef } from '../api';
import {
  goldenPathApiRef,
  serviceSloApiRef,
} from '@internal/backstage-plugin-delivery-react';
import { maturityApiRef } from '@internal/backstage-plugin-maturity-react';
import { fakeScorecardsApi, teamAEntity } from '../testUtils/fixtures';
import { TeamScorecardContent } from './TeamScorecardContent';

function renderTab(
  api = fakeScorecardsApi(),
  extraApis: Array<[any, any]> = [],
) {
  return renderInTestApp(
    <TestApiProvider apis={[[doraScorecardsApiRef, api], ...extraApis]}>
      <EntityProvider entity={teamAEntity}>
        <TeamScorecardContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rowRefs = (table: HTMLElement) =>
  within(table)
    .getAllByTestId('scorecard-row')
    .map(r => r.getAttribute('data-entity-ref'));

describe('TeamScorecardContent', () => {
  it("shows where the team's lead time goes, over the selected period", async () => {
    const api = fakeScorecardsApi();
    await renderTab(api);
    await screen.findByTestId('stage-bar');
    // The team's pool (the backend pools its components) over the tab's 90 days.
    const entityRequest = api.getEntityScorecard.mock.calls[0][0];
    expect(api.getLeadTimeBreakdown).toHaveBeenCalledWith({
      entityRef: 'group:default/team-a',
      from: entityRequest.from,
      to: entityRequest.to,
    });
    // deploy [10, 22, 24]: median 22 h, p90 23.6 h.
    expect(screen.getByTestId('stage-figure-deploy')).toHaveTextContent(
      '22 h p90 23.6 h',
    );

    // Another period asks again for it.
    fireEvent.click(screen.getByRole('button', { name: '30 d' }));
    await waitFor(() =>
      expect(api.getLeadTimeBreakdown).toHaveBeenCalledTimes(2),
    );
    const request = api.getLeadTimeBreakdown.mock.calls[1][0];
    expect(Date.parse(request.to) - Date.parse(request.from)).toBe(
      30 * 86_400_000,
    );
  });

  it("shows the team's rolled-up figures, weekly trends, services and child teams", async () => {
    const api = fakeScorecardsApi();
    await renderTab(api);
    const services = await screen.findByTestId('scorecard-services');

    // Both requests over the same 90 days, the team's services with `team`.
    const entityRequest = api.getEntityScorecard.mock.calls[0][0];
    const teamRequest = api.getScorecards.mock.calls[0][0];
    expect(entityRequest.entityRef).toBe('group:default/team-a');
    expect(teamRequest.team).toBe('group:default/team-a');
    expect(teamRequest.from).toBe(entityRequest.from);
    expect(Date.parse(teamRequest.to) - Date.parse(teamRequest.from)).toBe(
      90 * 86_400_000,
    );

    // team-a pools checkout and cart: 5 deployments in 7 days, 20% failed.
    expect(
      within(
        screen.getByTestId('scorecard-figure-deploymentFrequency'),
      ).getByTestId('scorecard-value'),
    ).toHaveTextContent('5/week');
    expect(
      within(
        screen.getByTestId('scorecard-figure-changeFailureRate'),
      ).getByTestId('scorecard-value'),
    ).toHaveTextContent('20%');
    expect(screen.getAllByTestId('scorecard-trend')).toHaveLength(7);

    // Services by name; cart's recovery is "not enough data", not 0.
    expect(rowRefs(services)).toEqual([
      'component:default/cart',
      'component:default/checkout',
    ]);
    const cart = within(services).getAllByTestId('scorecard-row')[0];
    const recovery = within(cart).getByTestId(
      'scorecard-cell-failedDeploymentRecoveryTime',
    );
    expect(recovery).toHaveTextContent('not enough data');
    expect(within(recovery).getByTestId('scorecard-band')).toHaveAttribute(
      'data-band',
      'unknown',
    );
    expect(
      within(cart).getByTestId('scorecard-cell-changeFailureRate'),
    ).toHaveTextContent('0% elite');

    // The outlier by change failure rate comes first when sorted on it.
    fireEvent.click(within(services).getByRole('button', { name: 'CFR' }));
    expect(rowRefs(services)).toEqual([
      'component:default/checkout',
      'component:default/cart',
    ]);
    fireEvent.click(within(services).getByRole('button', { name: 'CFR' }));
    expect(rowRefs(services)).toEqual([
      'component:default/cart',
      'component:default/checkout',
    ]);

    // team-b rolls up into team-a and is listed as a child team.
    expect(rowRefs(screen.getByTestId('scorecard-child-teams'))).toEqual([
      'group:default/team-b',
    ]);

    // No SLO or golden-path plugin: no such columns.
    expect(screen.queryByText('SLO (budget left)')).toBeNull();
    expect(screen.queryByText('Golden path')).toBeNull();
    expect(screen.queryByText('Maturity')).toBeNull();
  });

  it('asks for the period chosen', async () => {
    const api = fakeScorecardsApi();
    await renderTab(api);
    await screen.findByTestId('scorecard-services');
    fireEvent.click(screen.getByRole('button', { name: '30 d' }));
    await waitFor(() => expect(api.getScorecards).toHaveBeenCalledTimes(2));
    const request = api.getScorecards.mock.calls[1][0];
    expect(Date.parse(request.to) - Date.parse(request.from)).toBe(
      30 * 86_400_000,
    );
  });

  it('shows SLO and golden-path columns when those plugins provide them', async () => {
    const slo = {
      getSloSummaries: jest.fn(async () => ({
        'component:default/checkout': {
          status: 'warning' as const,
          errorBudgetRemaining: 0.42,
        },
      })),
    };
    const goldenPath = {
      getGoldenPaths: jest.fn(async () => ({
        'component:default/cart': {
          template: 'template:default/typescript-service',
          version: '1.2.0',
          latestVersion: '1.3.0',
        },
      })),
    };
    await renderTab(fakeScorecardsApi(), [
      [serviceSloApiRef, slo],
      [goldenPathApiRef, goldenPath],
    ]);
    const services = await screen.findByTestId('scorecard-services');
    await waitFor(() =>
      expect(within(services).getByText('warning (42%)')).toBeInTheDocument(),
    );
    expect(
      within(services).getByText(
        'template:default/typescript-service v1.2.0 (latest 1.3.0)',
      ),
    ).toBeInTheDocument();
    expect(slo.getSloSummaries).toHaveBeenCalledWith([
      'component:default/cart',
      'component:default/checkout',
    ]);
  });

  it('shows each service’s maturity level from one batch request, linked to its tab', async () => {
    const maturity = {
      getLevels: jest.fn(async () => ({
        items: {
          'component:default/checkout': {
            entityRef: 'component:default/checkout',
            level: 2,
            levelName: 'Measured',
          },
        },
      })),
    };
    await renderTab(fakeScorecardsApi(), [[maturityApiRef, maturity]]);
    const services = await screen.findByTestId('scorecard-services');
    const cells = await within(services).findAllByTestId('maturity-level-cell');
    await waitFor(() =>
      expect(
        cells.map(c => [
          c.getAttribute('data-entity-ref'),
          c.getAttribute('data-value'),
        ]),
      ).toEqual([
        // No facts for cart yet: "–", not level 0.
        ['component:default/cart', ''],
        ['component:default/checkout', '2'],
      ]),
    );
    expect(
      within(services).getByText('L2 Measured').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/maturity');
    expect(maturity.getLevels).toHaveBeenCalledTimes(1);
  });
});
