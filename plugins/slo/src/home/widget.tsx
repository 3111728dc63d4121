import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/**
 * Home widget "Error budgets": frozen services and budgets at risk for the scope the
 * home page passes (`scope` prop). @alpha
 */
export const homeErrorBudgetsWidget = HomePageWidgetBlueprint.make({
  name: 'error-budgets',
  params: {
    name: 'SloErrorBudgets',
    title: 'Error budgets',
    description:
      'Services frozen by their error budget policy and budgets at risk',
    components: () =>
      import('./ErrorBudgetsWidget').then(m => ({
        Content: m.ErrorBudgetsWidget,
      })),
    layout: { width: { minColumns: 4 }, height: { minRows: 4 } },
  },
});
