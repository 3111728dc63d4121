import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { ComponentSloStatus } from '@internal/backstage-plugin-slo-common';
import { ErrorBudgetCell } from './ErrorBudgetCell';

const entityLink = '/catalog/default/component/checkout';
const status = (over: Partial<ComponentSloStatus>): ComponentSloStatus => ({
  entityRef: 'component:default/checkout',
  state: 'ok',
  objectives: 2,
  worstBudgetRemaining: 0.5,
  frozen: false,
  ...over,
});

describe('ErrorBudgetCell', () => {
  it('shows the worst budget left, linking to the SLOs tab, without marks when healthy', async () => {
    await renderInTestApp(
      <ErrorBudgetCell
        entityRef="component:default/checkout"
        entityLink={entityLink}
        status={status({})}
      />,
    );
    const cell = screen.getByTestId('catalog-error-budget');
    expect(cell).toHaveAttribute('data-value', '0.5');
    expect(cell).toHaveAttribute('data-frozen', 'false');
    // 0.5 of the budget left = 50%
    expect(screen.getByRole('link', { name: '50%' })).toHaveAttribute(
      'href',
      `${entityLink}/slos`,
    );
    expect(screen.queryByTestId('slo-frozen-chip')).not.toBeInTheDocument();
    expect(screen.queryByTestId('slo-stale-chip')).not.toBeInTheDocument();
  });

  it('marks a frozen component with stale figures, each mark explained on hover', async () => {
    await renderInTestApp(
      <ErrorBudgetCell
        entityRef="component:default/checkout"
        entityLink={entityLink}
        status={status({
          state: 'exhausted',
          worstBudgetRemaining: -0.25,
          frozen: true,
          stale: true,
        })}
      />,
    );
    expect(screen.getByTestId('catalog-error-budget')).toHaveAttribute(
      'data-frozen',
      'true',
    );
    // -0.25 of the budget = 25% overspent
    expect(
      screen.getByRole('link', { name: '-25% (overspent)' }),
    ).toBeVisible();
    const frozen = screen.getByTestId('slo-frozen-chip');
    expect(frozen).toHaveTextContent('Deploys frozen');
    expect(frozen).toHaveAttribute(
      'title',
      expect.stringMatching(/^Error budget exhausted/),
    );
    expect(screen.getByTestId('slo-stale-chip')).toHaveAttribute(
      'title',
      expect.stringMatching(/last good figures$/),
    );
  });

  it('shows "–" with the reason for a component without SLOs', async () => {
    await renderInTestApp(
      <ErrorBudgetCell
        entityRef="component:default/checkout"
        entityLink={entityLink}
        status={status({ objectives: 0, worstBudgetRemaining: null })}
      />,
    );
    const cell = screen.getByTestId('catalog-error-budget');
    expect(cell).toHaveTextContent('–');
    expect(cell.parentElement).toHaveAttribute(
      'title',
      'No SLOs defined (slo.acme-portal.io annotations)',
    );
  });
});
