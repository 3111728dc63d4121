import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { bands, teamAFigures } from '../testUtils/fixtures';
import { ROWS_PER_SLICE, ScorecardTable } from './ScorecardTable';

describe('ScorecardTable', () => {
  it('renders many rows a slice at a time, then all of them', async () => {
    // 45 teams: 20 in the first render, all 45 once the later slices ran.
    const figures = teamAFigures;
    const rows = Array.from({ length: 45 }, (_, i) => ({
      entityRef: `group:default/team-${String(i).padStart(2, '0')}`,
      title: `Team ${String(i).padStart(2, '0')}`,
      figures,
    }));
    // Every row count the page showed on its way: one slice more per task.
    const counts: number[] = [];
    const observer = new MutationObserver(() => {
      const count = document.querySelectorAll(
        '[data-testid=scorecard-row]',
      ).length;
      if (count > 0 && count !== counts[counts.length - 1]) counts.push(count);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    await renderInTestApp(
      <ScorecardTable rows={rows} bands={bands} nameHeader="Team" />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(ROWS_PER_SLICE).toBe(20);
    await waitFor(() =>
      expect(screen.getAllByTestId('scorecard-row')).toHaveLength(45),
    );
    observer.disconnect();
    expect(counts).toEqual([20, 40, 45]);
    const refs = screen
      .getAllByTestId('scorecard-row')
      .map(r => r.getAttribute('data-entity-ref'));
    expect(refs[0]).toBe('group:default/team-00');
    expect(refs[44]).toBe('group:default/team-44');
  });
});
