import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { maturityApiRef } from '@internal/backstage-plugin-maturity-react';
import { fakeMaturityApi, organisationResponse } from '../testUtils/fixtures';
import { MaturityPage } from './MaturityPage';

function renderPage(api = fakeMaturityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[maturityApiRef, api]]}>
      <MaturityPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const initiative = (id: string) =>
  screen
    .getAllByTestId('maturity-initiative')
    .find(i => i.getAttribute('data-initiative-id') === id)!;

describe('MaturityPage', () => {
  beforeEach(() => {
    jest
      .spyOn(Date, 'now')
      .mockReturnValue(Date.parse('2026-12-06T09:00:00.000Z'));
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows levels by team, the distribution and the pillars', async () => {
    await renderPage();
    const teams = await screen.findByTestId('maturity-org-teams');
    const rows = within(teams).getAllByTestId('maturity-row');
    expect(
      rows.map(r => [
        r.getAttribute('data-entity-ref'),
        r.getAttribute('data-level'),
      ]),
    ).toEqual([
      ['group:default/team-checkout', '1'],
      ['group:default/team-platform', '0'],
      ['group:default/team-empty', ''],
    ]);
    expect(within(rows[0]).getByText('Checkout').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-checkout/maturity',
    );
    expect(rows[0]).toHaveTextContent('L1 Repeatable');
    expect(rows[0]).toHaveTextContent('2 at L1, 1 at L2');
    // A team owning nothing is not rated, not level 0.
    expect(rows[2]).toHaveTextContent('Not rated');
    expect(rows[2]).toHaveTextContent('no components');

    // [1, 3, 1, 0, 0] of 5 components: 20%, 60%, 20%, 0%, 0%.
    const levels = screen.getAllByTestId('maturity-distribution-row');
    [
      '1 component (20%)',
      '3 components (60%)',
      '1 component (20%)',
      '0 components (0%)',
      '0 components (0%)',
    ].forEach((text, level) => expect(levels[level]).toHaveTextContent(text));

    // Passing share of the known results: 9 / (9 + 3) = 75%, 1 / (1 + 1) = 50%;
    // shift left has only unknown results: no share, not 0%.
    const pillars = screen.getAllByTestId('maturity-pillar');
    expect(
      pillars.map(p => [
        p.getAttribute('data-pillar'),
        p.getAttribute('data-share'),
      ]),
    ).toEqual([
      ['collaboration', '0.75'],
      ['observability', '0.5'],
      ['shift-left', ''],
    ]);
    expect(pillars[0]).toHaveTextContent('75%');
    expect(pillars[1]).toHaveTextContent('50%');
    expect(pillars[2]).toHaveTextContent('no known results');
    expect(pillars[2]).not.toHaveTextContent('0%');
  });

  it('shows initiatives with their progress, deadline, owners and what remains', async () => {
    await renderPage();
    await screen.findByTestId('maturity-organisation');

    const checkout = initiative('checkout-reliable');
    // 1 of 3 components: 33%.
    expect(
      within(checkout).getByTestId('maturity-initiative-progress'),
    ).toHaveTextContent('1 / 3 components (33%)');
    // 2026-12-06T09:00Z to 2027-03-31T00:00Z: 114 days 15 h, rounded up to 115.
    expect(
      within(checkout).getByTestId('maturity-initiative-deadline'),
    ).toHaveTextContent(
      'Deadline 2027-03-31 (due in 115 days) · started 2026-11-01',
    );
    expect(checkout).toHaveTextContent(
      'Every component at level 3 (Reliable) or above · scope: teams group:default/team-checkout',
    );
    // The owner, then the owning teams told of its milestones, each linked.
    expect(
      within(checkout)
        .getAllByText(/^team-(checkout|payments)$/)
        .map(e => e.closest('a')?.getAttribute('href')),
    ).toEqual([
      '/catalog/default/group/team-checkout',
      '/catalog/default/group/team-checkout',
      '/catalog/default/group/team-payments',
    ]);
    const remaining = within(checkout).getByTestId(
      'maturity-initiative-remaining',
    );
    expect(
      within(remaining).getByText('cart-service').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service/maturity',
    );
    expect(within(remaining).getAllByRole('listitem')).toHaveLength(2);
    // Progress by week: 0 of 3, then 1 of 3.
    expect(
      within(checkout)
        .getAllByTestId('maturity-initiative-history-point')
        .map(p => p.getAttribute('data-value')),
    ).toEqual(['0', String(1 / 3)]);

    // No components in scope: said so, never 0%; 2026-12-01 is 5 days 9 h past: 6 days.
    const runbooks = initiative('java-runbooks');
    expect(
      within(runbooks).getByTestId('maturity-initiative-progress'),
    ).toHaveTextContent('no components in scope');
    expect(runbooks).not.toHaveTextContent('0%');
    expect(
      within(runbooks).queryAllByTestId('maturity-initiative-history-point'),
    ).toHaveLength(0);
    expect(
      within(runbooks).getByTestId('maturity-initiative-deadline'),
    ).toHaveTextContent('(6 days overdue)');
  });

  it('says no facts are collected yet before the first collection', async () => {
    await renderPage(
      fakeMaturityApi({
        getOrganisation: async () => ({
          ...organisationResponse,
          distribution: [0, 0, 0, 0, 0],
          teams: [],
          initiatives: [],
        }),
      }),
    );
    expect(await screen.findByText('No facts yet')).toBeInTheDocument();
    expect(screen.queryByTestId('maturity-organisation')).toBeNull();
  });

  it('shows the error when the backend fails', async () => {
    await renderPage(
      fakeMaturityApi({
        getOrganisation: async () => {
          throw new Error('maturity backend down');
        },
      }),
    );
    expect(
      await screen.findByText('Error: maturity backend down'),
    ).toBeInTheDocument();
  });
});
