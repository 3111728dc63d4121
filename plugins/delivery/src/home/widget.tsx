import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/** Home widget "Production deployments": the scope's latest, failures first. @alpha */
export const homeLatestDeploymentsWidget = HomePageWidgetBlueprint.make({
  name: 'latest-deployments',
  params: {
    name: 'DeliveryLatestDeployments',
    title: 'Production deployments',
    description:
      'Latest production deployments of your services, failures and rollbacks first, and stale sources',
    components: () =>
      import('./LatestDeploymentsWidget').then(m => ({
        Content: m.LatestDeploymentsWidget,
      })),
    layout: { width: { minColumns: 4 }, height: { minRows: 4 } },
  },
});
