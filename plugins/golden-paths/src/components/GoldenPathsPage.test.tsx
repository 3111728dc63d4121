import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { goldenPathsApiRef } from '../api/GoldenPathsClient';
import { DriftReport, GoldenPathsApi } from '../api/types';
import { GoldenPathsContent } from './GoldenPathsPage';
import { describeDrift } from './format';

const report: DriftReport = {
  generatedAt: '2026-11-30T00:00:00.000Z',
  templates: [
    {
      entityRef: 'template:default/typescript-service',
      title: 'TypeScript HTTP service',
      latestVersion: '1.1.0',
      components: 2,
      behind: 1,
    },
  ],
  components: [
    {
      entityRef: 'component:default/cart-service',
      owner: 'team-checkout',
      template: 'template:default/typescript-service',
      version: '1.0.0',
      latestVersion: '1.1.0',
      status: 'behind',
      behind: { level: 'minor', count: 1 },
    },
    {
      entityRef: 'component:default/pay-api',
      owner: 'group:default/team-checkout',
      template: 'template:default/typescript-service',
      version: '1.1.0',
      latestVersion: '1.1.0',
      status: 'current',
    },
  ],
};

const render = (api: GoldenPathsApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[goldenPathsApiRef, api]]}>
      <GoldenPathsContent />
    </TestApiProvider>,
  );

describe('GoldenPathsContent', () => {
  it('lists components with their drift and links to them', async () => {
    await render({ getDrift: async () => report });
    expect(
      await screen.findByText('1 of 2 components on an older template version'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 minor version behind')).toBeInTheDocument();
    expect(screen.getByText('current')).toBeInTheDocument();
    expect(screen.getByText('cart-service').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service',
    );
    expect(
      screen.getByText('latest 1.1.0 · 2 components · 1 behind', {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it('keeps showing the last good report, marked stale', async () => {
    await render({
      getDrift: async () => ({
        ...report,
        stale: true,
        readAt: '2026-11-29T22:05:00.000Z',
      }),
    });
    // 22:05 UTC on 29 November 2026, as the backend's readAt says
    expect(
      await screen.findByText(
        'Warning: The catalog could not be read: showing it as read at 29/11/2026, 22:05:00 UTC',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('1 minor version behind')).toBeInTheDocument();
  });

  it('says so when no component comes from a golden path', async () => {
    await render({
      getDrift: async () => ({ ...report, components: [], templates: [] }),
    });
    expect(
      await screen.findByText('No component made from a golden path yet'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await render({
      getDrift: async () => {
        throw new Error('catalog down');
      },
    });
    expect(await screen.findByText('Error: catalog down')).toBeInTheDocument();
  });
});

describe('describeDrift', () => {
  it('pluralises and names each status', () => {
    expect(
      describeDrift({
        ...report.components[0],
        behind: { level: 'major', count: 2 },
      }),
    ).toBe('2 major versions behind');
    expect(
      describeDrift({ ...report.components[0], status: 'unknown-template' }),
    ).toBe('template not in the catalog, or unversioned');
  });
});
