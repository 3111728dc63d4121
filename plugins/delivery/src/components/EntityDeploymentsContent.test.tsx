import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  deliveryApiRef,
  deploymentFlagsApiRef,
  deployGateApiRef,
  GateDecisionRecord,
} from '@internal/backstage-plugin-delivery-react';
import {
  checkoutEntity,
  deploymentsPage,
  emptyTimeline,
  fakeDeliveryApi,
  timelineBuckets,
} from '../testUtils/fixtures';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';
import { ANNOTATION_SNIPPET } from './EmptyDeployments';
import { filterDeployments } from '../chart/model';

function renderTab(
  api = fakeDeliveryApi(),
  extraApis: Array<[any, any]> = [],
  routeEntries?: string[],
) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api], ...extraApis]}>
      <EntityProvider entity={checkoutEntity}>
        <EntityDeploymentsContent />
      </EntityProvider>
    </TestApiProvider>,
    routeEntries ? { routeEntries } : undefined,
  );
}

describe('EntityDeploymentsContent', () => {
  it('draws a lane per environment, buckets, markers and incident spans', async () => {
    const api = fakeDeliveryApi();
    await renderTab(api);

    expect(
      await screen.findByTestId('delivery-lane-production'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('delivery-lane-staging')).toBeInTheDocument();
    expect(screen.getAllByTestId('delivery-bucket')).toHaveLength(3);
    expect(screen.getAllByTestId('delivery-marker')).toHaveLength(2);
    const spans = screen.getAllByTestId('delivery-incident-span');
    expect(spans.map(s => s.getAttribute('aria-label'))).toEqual([
      'Incident: Slow payments',
      'Incident: Checkout errors',
    ]);

    // The timeline asks for the entity over the default 30 days.
    const request = api.getTimeline.mock.calls[0][0];
    expect(request.entityRef).toBe('component:default/checkout');
    expect(Date.parse(request.to) - Date.parse(request.from)).toBe(
      30 * 24 * 3_600_000,
    );

    // The table lists the first page with versions, sources and outcomes.
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    // A component's own tab needs no component column or filter.
    expect(
      screen.queryByRole('columnheader', { name: 'Component' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Component' }),
    ).not.toBeInTheDocument();
    expect(rows).toHaveLength(deploymentsPage.items.length);
    expect(within(rows[6]).getByText('v1.1')).toBeInTheDocument();
    // Who or what triggered it, as the source said; the DORA lead time per row.
    expect(
      within(rows[6]).getByTestId('delivery-triggered-by'),
    ).toHaveTextContent(/^alice \(push\)$/);
    expect(within(rows[6]).getByTestId('delivery-lead-time')).toHaveTextContent(
      '13 h',
    );
    // d2 re-shipped c1: 6 h over c3 alone, not the 28 h of its oldest commit.
    expect(within(rows[4]).getByTestId('delivery-lead-time')).toHaveTextContent(
      '6 h',
    );
    // Failed and staging runs have no lead time; no trigger known shows a dash.
    expect(within(rows[3]).getByTestId('delivery-lead-time')).toHaveTextContent(
      '–',
    );
    expect(
      within(rows[0]).getByTestId('delivery-triggered-by'),
    ).toHaveTextContent('–');
    expect(within(rows[2]).getByText('Rolled back')).toBeInTheDocument();
    expect(
      within(rows[6]).getByRole('link', { name: 'Open run in github' }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/d1');
    // One row for a rollout two sources reported, naming the other.
    expect(
      within(rows[6]).getByTestId('delivery-also-reported'),
    ).toHaveTextContent('also reported by argocd');
    expect(
      within(rows[6]).getByRole('link', { name: /^argocd/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.example.com/applications/argocd/checkout',
    );
  });

  it('names and filters the component of each row on a system’s tab', async () => {
    const api = fakeDeliveryApi({
      getTimeline: jest.fn(async () => ({
        ...timelineBuckets,
        entityRef: 'system:default/shop',
        components: ['component:default/cart', 'component:default/checkout'],
      })),
      listDeployments: jest.fn(async () => ({
        items: deploymentsPage.items.slice(0, 2).map((d, i) => ({
          ...d,
          entityRef: i === 0 ? 'component:default/cart' : d.entityRef,
        })),
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deliveryApiRef, api]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'System',
            metadata: { name: 'shop', namespace: 'default' },
            spec: { owner: 'team-a' },
          }}
        >
          <EntityDeploymentsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    expect(
      screen.getByRole('columnheader', { name: 'Component' }),
    ).toBeInTheDocument();
    // Each row names its component, linked to its page.
    expect(within(rows[0]).getByRole('link', { name: 'cart' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart',
    );
    expect(
      within(rows[1]).getByRole('link', { name: 'checkout' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');
    expect(api.listDeployments).toHaveBeenLastCalledWith(
      expect.objectContaining({ entityRef: 'system:default/shop' }),
    );

    // The component filter lists the system's components and asks for that one's rows.
    await userEvent.click(screen.getByRole('button', { name: 'Component' }));
    await userEvent.click(await screen.findByRole('option', { name: 'cart' }));
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        expect.objectContaining({ entityRef: 'component:default/cart' }),
      ),
    );
  });

  it('falls back to the first commit’s author, labelled as such', async () => {
    const api = fakeDeliveryApi({
      listDeployments: jest.fn(async () => ({
        items: deploymentsPage.items.map(d => ({
          ...d,
          triggeredBy: undefined,
        })),
      })),
    });
    await renderTab(api);
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    expect(
      within(rows[6]).getByTestId('delivery-triggered-by'),
    ).toHaveTextContent('alice (commit author)');
  });

  it('opens at the preset named by ?window=, as a shared link does', async () => {
    const api = fakeDeliveryApi();
    await renderTab(api, [], ['/?window=90d']);
    await screen.findByTestId('delivery-lane-production');
    const request = api.getTimeline.mock.calls[0][0];
    expect(Date.parse(request.to) - Date.parse(request.from)).toBe(
      90 * 24 * 3_600_000,
    );
    expect(screen.getByRole('button', { name: '90 d' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('expands a deployment’s commits with links to the repository', async () => {
    await renderTab();
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    await userEvent.click(
      within(rows[6]).getByRole('button', { name: '2 commits' }),
    );
    expect(screen.getByText('Add cart')).toBeInTheDocument();
    expect(screen.getByText('c1').closest('a')).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout/commit/c1',
    );
  });

  it('lists the pull requests a deployment shipped, with their stages', async () => {
    const api = fakeDeliveryApi();
    await renderTab(api);
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    await userEvent.click(
      within(rows[6]).getByRole('button', { name: '2 commits' }),
    );
    const shipped = screen.getByTestId('delivery-shipped-changes');
    expect(await within(shipped).findByText('#7 Cart page')).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout/pull/7',
    );
    expect(api.listChanges).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      deploymentSource: 'github',
      deploymentId: 'd1',
      limit: 20,
      cursor: undefined,
    });
    const [reviewed, unreviewed] = within(shipped).getAllByTestId(
      'delivery-change-row',
    );
    // #7: coding 2, pickup 1, review 2, deploy 2 h; 150 lines.
    expect(reviewed).toHaveTextContent('M, 150 lines');
    expect(
      within(reviewed).getByTestId('delivery-change-pickup'),
    ).toHaveTextContent('1 h');
    // #6 went in without review, 24 h after its merge.
    expect(
      within(unreviewed).getByTestId('delivery-change-unreviewed'),
    ).toBeInTheDocument();
    expect(
      within(unreviewed).getByTestId('delivery-change-review'),
    ).toHaveTextContent('no review');
    expect(
      within(unreviewed).getByTestId('delivery-change-deploy'),
    ).toHaveTextContent('24 h');
  });

  it('says a deployment shipped no pull request when it was not the first to', async () => {
    await renderTab();
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    // d2 re-shipped c1 (first shipped by d1) with c3, for which no PR is known.
    await userEvent.click(
      within(rows[4]).getByRole('button', { name: '2 commits' }),
    );
    expect(
      await screen.findByText(/No pull or merge request/),
    ).toBeInTheDocument();
  });

  it('filters by environment in the chart and the backend query', async () => {
    const api = fakeDeliveryApi();
    await renderTab(api);
    await screen.findByTestId('delivery-lane-staging');

    await userEvent.click(screen.getByRole('button', { name: 'Environment' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'staging' }),
    );

    await waitFor(() =>
      expect(
        screen.queryByTestId('delivery-lane-production'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('delivery-lane-staging')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        expect.objectContaining({ environment: 'staging' }),
      ),
    );
  });

  it('asks the backend for the outcome, source and search filters', async () => {
    // The fake answers as the backend would: the fixture page filtered by the request.
    const api = fakeDeliveryApi({
      listDeployments: jest.fn(async request => ({
        items: filterDeployments(deploymentsPage.items, {
          source: request.source,
          outcome: request.outcome,
          search: request.search,
        }),
      })),
    });
    await renderTab(api);
    await screen.findAllByTestId('delivery-deployment-row');

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search version or commit sha' }),
      'c3',
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('delivery-deployment-row')).toHaveLength(1),
    );
    expect(api.listDeployments).toHaveBeenLastCalledWith(
      expect.objectContaining({ search: 'c3' }),
    );
    // Typing pauses before asking: no request per keystroke ('c', then 'c3').
    expect(
      api.listDeployments.mock.calls.filter(([r]) => r.search === 'c'),
    ).toHaveLength(0);
    await userEvent.clear(
      screen.getByRole('textbox', { name: 'Search version or commit sha' }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Outcome' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Failure' }),
    );
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        expect.objectContaining({ outcome: 'failure', search: undefined }),
      ),
    );
    const rows = await screen.findAllByTestId('delivery-deployment-row');
    expect(rows).toHaveLength(1);
    expect(within(rows[0]).getByText('failed-run')).toBeInTheDocument();
  });

  it('zooms with presets and by dragging across the chart', async () => {
    const api = fakeDeliveryApi();
    await renderTab(api);
    await screen.findByTestId('delivery-lane-production');

    await userEvent.click(screen.getByRole('button', { name: '24 h' }));
    await waitFor(() => {
      const { from, to } = api.getTimeline.mock.lastCall![0];
      expect(Date.parse(to) - Date.parse(from)).toBe(24 * 3_600_000);
    });

    // jsdom has no layout: the chart is 1000 px wide, the plot starts after the labels.
    const chart = screen.getByTestId('delivery-timeline-chart');
    const calls = api.getTimeline.mock.calls.length;
    fireEvent.mouseDown(chart, { clientX: 110 + 100, button: 0 });
    fireEvent.mouseMove(chart, { clientX: 110 + 300 });
    expect(screen.getByTestId('delivery-zoom-selection')).toBeInTheDocument();
    fireEvent.mouseUp(chart, { clientX: 110 + 300 });
    await waitFor(() =>
      expect(api.getTimeline.mock.calls.length).toBeGreaterThan(calls),
    );
    const zoomed = api.getTimeline.mock.lastCall![0];
    const span = Date.parse(zoomed.to) - Date.parse(zoomed.from);
    expect(span).toBeLessThan(24 * 3_600_000);
    expect(span).toBeGreaterThan(0);
  });

  it('says what applies to the GitHub repository when the entity never had a deployment', async () => {
    const api = fakeDeliveryApi({
      getTimeline: jest.fn(async () => emptyTimeline),
      listDeployments: jest.fn(async () => ({ items: [] })),
    });
    await renderTab(api);
    expect(
      await screen.findByText('No deployments reported yet'),
    ).toBeInTheDocument();
    // checkout already has github.com/project-slug: no snippet asking to add it
    expect(
      screen.getByText(/The GitHub source reads acme\/checkout/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('delivery-annotation-snippet')).toHaveAttribute(
      'data-repository-host',
      'github',
    );
    expect(screen.queryByText(/my-org\/my-service/)).not.toBeInTheDocument();
    expect(ANNOTATION_SNIPPET).toContain('github.com/project-slug');
  });

  it('suggests no GitHub annotation for a repository on a plain git host', async () => {
    const api = fakeDeliveryApi({
      getTimeline: jest.fn(async () => emptyTimeline),
      listDeployments: jest.fn(async () => ({ items: [] })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deliveryApiRef, api]]}>
        <EntityProvider
          entity={{
            ...checkoutEntity,
            metadata: {
              ...checkoutEntity.metadata,
              annotations: {
                'backstage.io/managed-by-location':
                  'url:git+file:///data/git/checkout.git#main:catalog-info.yaml',
              },
            },
          }}
        >
          <EntityDeploymentsContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        /on a git host on the portal machine, which no delivery source reads/,
      ),
    ).toBeInTheDocument();
    const advice = screen.getByTestId('delivery-annotation-snippet');
    expect(advice).toHaveAttribute('data-repository-host', 'plain-git');
    expect(advice).toHaveTextContent('/api/delivery/events');
    expect(advice).toHaveTextContent(
      '"entityRef":"component:default/checkout"',
    );
    expect(advice).not.toHaveTextContent('github.com/project-slug');
  });

  it('says the window is empty when older deployments exist', async () => {
    const api = fakeDeliveryApi({
      getTimeline: jest.fn(async () => emptyTimeline),
    });
    await renderTab(api);
    expect(
      await screen.findByTestId('delivery-window-empty'),
    ).toHaveTextContent('No deployments in this window');
    expect(
      screen.queryByText('No deployments reported yet'),
    ).not.toBeInTheDocument();
  });

  it('names stale sources and since when', async () => {
    const api = fakeDeliveryApi({
      getSourceStatus: jest.fn(async () => [
        {
          id: 'argocd',
          source: 'argocd',
          stale: false,
          failing: [],
          lastSuccessAt: '2026-01-05T10:00:00Z',
        },
        {
          id: 'github',
          source: 'github',
          stale: true,
          failing: ['pull' as const],
          lastSuccessAt: '2026-01-04T10:00:00Z',
          lastErrorAt: '2026-01-05T10:00:00Z',
          lastError: 'rate limited',
        },
      ]),
    });
    await renderTab(api);
    expect(
      (await screen.findAllByText(/Data may be out of date: github/))[0],
    ).toBeInTheDocument();
    const line = screen.getByTestId('delivery-stale-github');
    expect(line).toHaveTextContent(/last successful sync .* ago/);
    expect(line).toHaveTextContent('rate limited');
    expect(
      screen.queryByTestId('delivery-stale-argocd'),
    ).not.toBeInTheDocument();
  });

  it('shows nothing about freshness when the backend does not report it', async () => {
    await renderTab();
    await screen.findByTestId('delivery-lane-production');
    expect(screen.queryByText(/out of date/)).not.toBeInTheDocument();
  });

  it('shows the backend error instead of the chart', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed: delivery.events.read',
        },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    const api = fakeDeliveryApi({
      getTimeline: jest.fn(async () => {
        throw error;
      }),
    });
    await renderTab(api);
    expect(
      (await screen.findAllByText(/Not allowed: delivery.events.read/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByTestId('delivery-timeline-chart'),
    ).not.toBeInTheDocument();
  });

  it('flags deployments made while the error budget was exhausted', async () => {
    const flagsApi = {
      getFlags: jest.fn(async () => ({
        'github/d2': { errorBudgetExhausted: true },
      })),
    };
    await renderTab(fakeDeliveryApi(), [[deploymentFlagsApiRef, flagsApi]]);
    expect(
      await screen.findByLabelText('error budget exhausted'),
    ).toBeInTheDocument();
    expect(flagsApi.getFlags).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/checkout' }),
    );
  });

  it('marks the production deployments of a freeze the gate did not let through', async () => {
    // Frozen since 2026-01-05T11:00Z. In the table: d2 allowed by the gate (commit c3);
    // d3 denied, then overridden by the lead (commit c4); failed-run, d4, d5 asked no
    // decision; d1 started before the freeze; staging-1 is not production. In the
    // chart: p1 (v2.0, only drawn) overridden.
    const CHECKOUT = 'component:default/checkout';
    const decision = (
      decisionId: string,
      createdAt: string,
      verdict: GateDecisionRecord['decision'],
      request: GateDecisionRecord['request'],
      override?: GateDecisionRecord['override'],
    ): GateDecisionRecord => ({
      decisionId,
      createdAt,
      entityRef: CHECKOUT,
      environment: 'production',
      decision: verdict,
      request,
      ...(override ? { override } : {}),
    });
    const gateApi = {
      getFreeze: jest.fn(async () => ({
        frozen: true,
        since: '2026-01-05T11:00:00.000Z',
      })),
      getDecisions: jest.fn(async () => [
        decision(
          'p1-ok',
          '2026-01-05T11:55:00.000Z',
          'allow',
          {
            version: 'v2.0',
          },
          { by: 'user:default/lead', reason: 'hotfix for checkout' },
        ),
        decision('d2-ok', '2026-01-06T11:45:00.000Z', 'allow', {
          commitSha: 'c3',
        }),
        decision('d3-deny', '2026-01-07T23:45:00.000Z', 'deny', {
          commitSha: 'c4',
        }),
        decision(
          'd3-override',
          '2026-01-07T23:48:00.000Z',
          'allow',
          { commitSha: 'c4' },
          { by: 'user:default/lead', reason: 'payment outage fix' },
        ),
      ]),
    };
    const api = fakeDeliveryApi({
      getTimeline: jest.fn(async () => ({
        ...timelineBuckets,
        environments: [
          {
            ...timelineBuckets.environments[0],
            total: 1,
            outcomes: { success: 1 },
            mode: 'deployments' as const,
            deployments: [
              {
                source: 'github',
                id: 'p1',
                entityRef: CHECKOUT,
                environment: 'production',
                status: 'success' as const,
                version: 'v2.0',
                startedAt: '2026-01-05T12:00:00.000Z',
                finishedAt: '2026-01-05T12:10:00.000Z',
                rolledBack: false,
              },
            ],
          },
        ],
      })),
    });
    await renderTab(api, [[deployGateApiRef, gateApi]]);

    const rows = await screen.findAllByTestId('delivery-deployment-row');
    await waitFor(() =>
      expect(
        within(rows[2]).getByTestId('delivery-freeze-mark'),
      ).toHaveTextContent('freeze overridden'),
    );
    expect(within(rows[2]).getByTestId('delivery-freeze-mark')).toHaveAttribute(
      'aria-label',
      'Deployed during a freeze: the deploy gate denied it, overridden by user:default/lead: payment outage fix',
    );
    const markOf = (row: HTMLElement) =>
      within(row)
        .queryByTestId('delivery-freeze-mark')
        ?.getAttribute('data-freeze');
    expect(rows.map(markOf)).toEqual([
      'not-gated', // d5
      'not-gated', // d4
      'overridden', // d3
      'not-gated', // failed-run
      undefined, // d2, allowed
      undefined, // staging-1
      undefined, // d1, before the freeze
    ]);
    const [marker] = screen.getAllByTestId('delivery-marker');
    expect(marker).toHaveAttribute('data-freeze', 'overridden');
    expect(marker.querySelector('title')?.textContent).toContain(
      'overridden by user:default/lead: hotfix for checkout',
    );
    expect(gateApi.getDecisions).toHaveBeenCalledWith(CHECKOUT);
  });

  it('marks nothing when the deploy gate cannot answer', async () => {
    const gateApi = {
      getFreeze: jest.fn(async () => ({
        frozen: true,
        since: '2026-01-05T11:00:00.000Z',
      })),
      getDecisions: jest.fn(async () => {
        throw new Error('deploy gate down');
      }),
    };
    await renderTab(fakeDeliveryApi(), [[deployGateApiRef, gateApi]]);
    await screen.findAllByTestId('delivery-deployment-row');
    await waitFor(() => expect(gateApi.getDecisions).toHaveBeenCalled());
    expect(
      screen.queryByTestId('delivery-freeze-mark'),
    ).not.toBeInTheDocument();
  });
});
