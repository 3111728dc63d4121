import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { doraScorecardsApiRef } from '../api';
import { fakeScorecardsApi, staleSources } from '../testUtils/fixtures';
import { OrgScorecardsPage } from './OrgScorecardsPage';

function renderPage(api = fakeScorecardsApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[doraScorecardsApiRef, api]]}>
      <OrgScorecardsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rowRefs = () =>
  within(screen.getByTestId('scorecard-teams'))
    .getAllByTestId('scorecard-row')
    .map(r => r.getAttribute('data-entity-ref'));

describe('OrgScorecardsPage', () => {
  it('lists every team with band chips, sortable, "not enough data" last', async () => {
    const api = fakeScorecardsApi();
    await renderPage(api);
    await screen.findByTestId('scorecard-teams');
    expect(rowRefs()).toEqual([
      'group:default/team-a',
      'group:default/team-b',
      'group:default/team-c',
    ]);
    const request = api.getScorecards.mock.calls[0][0];
    expect(Date.parse(request.to) - Date.parse(request.from)).toBe(
      90 * 86_400_000,
    );

    const [teamA, , teamC] = within(
      screen.getByTestId('scorecard-teams'),
    ).getAllByTestId('scorecard-row');
    const frequency = within(teamA).getByTestId(
      'scorecard-cell-deploymentFrequency',
    );
    expect(frequency).toHaveAttribute('data-value', String(5 / 7));
    expect(frequency).toHaveTextContent('5/week');
    expect(
      within(teamC)
        .getAllByTestId('scorecard-band')
        .map(b => b.getAttribute('data-band')),
    ).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);

    // Deploys, most frequent first, then least frequent first; team-c (none) stays last.
    fireEvent.click(screen.getByRole('button', { name: 'Deploys' }));
    expect(rowRefs()).toEqual([
      'group:default/team-a',
      'group:default/team-b',
      'group:default/team-c',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Deploys' }));
    expect(rowRefs()).toEqual([
      'group:default/team-b',
      'group:default/team-a',
      'group:default/team-c',
    ]);
  });

  it('filters by system and parent group and changes the period', async () => {
    const api = fakeScorecardsApi();
    await renderPage(api);
    await screen.findByTestId('scorecard-teams');

    fireEvent.mouseDown(screen.getByLabelText('System'));
    fireEvent.click(await screen.findByRole('option', { name: 'shop' }));
    await waitFor(() =>
      expect(api.getScorecards).toHaveBeenLastCalledWith(
        expect.objectContaining({ system: 'system:default/shop' }),
      ),
    );

    fireEvent.mouseDown(screen.getByLabelText('Parent group'));
    fireEvent.click(await screen.findByRole('option', { name: 'ENG' }));
    await waitFor(() =>
      expect(api.getScorecards).toHaveBeenLastCalledWith(
        expect.objectContaining({
          system: 'system:default/shop',
          parent: 'group:default/eng',
        }),
      ),
    );

    fireEvent.click(screen.getByRole('button', { name: '180 d' }));
    await waitFor(() => {
      const last = api.getScorecards.mock.calls.at(-1)![0];
      expect(Date.parse(last.to) - Date.parse(last.from)).toBe(
        180 * 86_400_000,
      );
    });
  });

  it('exports the teams as CSV', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:scorecards';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });

    await renderPage();
    await screen.findByTestId('scorecard-teams');
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));

    expect(clicked).toEqual(['dora-scorecards-2026-01-05-2026-01-12.csv']);
    const text = await blobs[0].text();
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe(
      `TEAM-B,group:default/team-b,group:default/team-a,1,1,${
        1 / 7
      },high,1,24,24,high,0,0,elite,,0,unknown,0,4,1`,
    );
  });

  it('warns about stale sources', async () => {
    await renderPage(
      fakeScorecardsApi({ getSourceStatus: jest.fn(async () => staleSources) }),
    );
    expect(
      await screen.findByText(/Figures may be out of date: fake\/eu/),
    ).toBeInTheDocument();
  });
});
