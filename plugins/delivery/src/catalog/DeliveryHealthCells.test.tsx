import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { CatalogDeliveryHealth } from '@internal/backstage-plugin-delivery-common';
import { LastProductionDeploymentCell } from './DeliveryHealthCells';

const entityLink = '/catalog/default/component/checkout';

function health(
  lastProduction: CatalogDeliveryHealth['lastProduction'],
): CatalogDeliveryHealth {
  return {
    band: 'high',
    bands: {
      deploymentFrequency: 'high',
      leadTime: 'high',
      changeFailureRate: 'elite',
      recoveryTime: 'high',
    },
    deployments: 4,
    lastProduction,
  };
}

describe('LastProductionDeploymentCell', () => {
  it('shows how long ago, linking to the Deployments tab, and the outcome in its colour', async () => {
    const finishedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await renderInTestApp(
      <LastProductionDeploymentCell
        entityRef="component:default/checkout"
        entityLink={entityLink}
        health={health({
          source: 'github',
          id: 'run-7',
          entityRef: 'component:default/checkout',
          environment: 'production',
          status: 'failure',
          startedAt: finishedAt,
          finishedAt,
          rolledBack: false,
        })}
      />,
    );
    const cell = screen.getByTestId('catalog-last-deployment');
    expect(cell).toHaveAttribute('data-value', 'github/run-7');
    expect(screen.getByRole('link', { name: '3 hours ago' })).toHaveAttribute(
      'href',
      `${entityLink}/deployments`,
    );
    const outcome = screen.getByText('Failure');
    expect(outcome).toHaveAttribute('data-outcome', 'failure');
    expect(outcome).toHaveStyle({ backgroundColor: '#D55E00' });
  });

  it('marks a deployment a later one rolled back', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    await renderInTestApp(
      <LastProductionDeploymentCell
        entityRef="component:default/checkout"
        entityLink={entityLink}
        health={health({
          source: 'github',
          id: 'run-8',
          entityRef: 'component:default/checkout',
          environment: 'production',
          status: 'success',
          startedAt: at,
          finishedAt: at,
          rolledBack: true,
        })}
      />,
    );
    expect(screen.getByText('Rolled back')).toHaveAttribute(
      'data-outcome',
      'rolled_back',
    );
  });

  it('shows "–" with the reason when there is no production deployment', async () => {
    await renderInTestApp(
      <LastProductionDeploymentCell
        entityRef="component:default/checkout"
        entityLink={entityLink}
        health={health(null)}
      />,
    );
    const cell = screen.getByTestId('catalog-last-deployment');
    expect(cell).toHaveTextContent('–');
    expect(cell).toHaveAttribute('data-value', 'none');
    expect(cell.parentElement).toHaveAttribute(
      'title',
      'No production deployment reported by any source',
    );
  });
});
