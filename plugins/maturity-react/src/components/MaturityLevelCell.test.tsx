import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { MaturityApi } from '@internal/backstage-plugin-maturity-common/client';
import { maturityApiRef } from '../apis';
import { useMaturityLevels } from '../hooks/useMaturityLevels';
import { MaturityLevelCell } from './MaturityLevelCell';

/** A table as the catalog or a scorecard renders it: one cell per row. */
function LevelColumn(props: { refs: string[] }) {
  const levels = useMaturityLevels(props.refs);
  if (!levels.available) return <p>no maturity plugin</p>;
  return (
    <ul>
      {props.refs.map(ref => (
        <li key={ref}>
          <MaturityLevelCell
            entityRef={ref}
            level={levels.levelOf(ref)}
            link={`/catalog/${ref}/maturity`}
          />
        </li>
      ))}
    </ul>
  );
}

const rows = [
  'component:default/cart',
  'Component:default/Checkout',
  'component:default/new-service',
];

function fakeApi() {
  return {
    getLevels: jest.fn(async (_refs: string[]) => ({
      items: {
        'component:default/cart': {
          entityRef: 'component:default/cart',
          level: 2,
          levelName: 'Measured',
        },
        'component:default/checkout': {
          entityRef: 'component:default/checkout',
          level: 0,
        },
      },
    })),
  };
}

const cells = () =>
  screen
    .getAllByTestId('maturity-level-cell')
    .map(c => [
      c.getAttribute('data-entity-ref'),
      c.getAttribute('data-value'),
    ]);

describe('MaturityLevelCell with useMaturityLevels', () => {
  it('loads every row with one request and shows each level', async () => {
    const api = fakeApi();
    const { rerender } = await renderInTestApp(
      <TestApiProvider apis={[[maturityApiRef, api as Partial<MaturityApi>]]}>
        <LevelColumn refs={rows} />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(cells()).toEqual([
        ['component:default/cart', '2'],
        ['Component:default/Checkout', '0'],
        // No facts for it: a dash, not level 0.
        ['component:default/new-service', ''],
      ]),
    );
    expect(api.getLevels).toHaveBeenCalledTimes(1);
    expect(api.getLevels).toHaveBeenCalledWith([
      'component:default/cart',
      'component:default/checkout',
      'component:default/new-service',
    ]);
    expect(screen.getByText('L2 Measured').closest('a')).toHaveAttribute(
      'href',
      '/catalog/component:default/cart/maturity',
    );
    expect(screen.getByText('L0 No level yet')).toBeInTheDocument();

    // The same rows in another order (a re-sort) ask nothing again.
    rerender(
      <TestApiProvider apis={[[maturityApiRef, api as Partial<MaturityApi>]]}>
        <LevelColumn refs={[...rows].reverse()} />
      </TestApiProvider>,
    );
    expect(api.getLevels).toHaveBeenCalledTimes(1);
  });

  it('shows nothing and asks nothing without the maturity plugin', async () => {
    await renderInTestApp(<LevelColumn refs={rows} />);
    expect(screen.getByText('no maturity plugin')).toBeInTheDocument();
  });
});
