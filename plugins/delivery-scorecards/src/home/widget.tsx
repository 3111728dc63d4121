import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/** Home widget "DORA": the scope's figures with band and change. @alpha */
export const homeDoraWidget = HomePageWidgetBlueprint.make({
  name: 'dora',
  params: {
    name: 'DeliveryDora',
    title: 'DORA',
    description:
      'Deployment frequency, lead time, change failure rate and recovery of your teams',
    components: () =>
      import('./DoraWidget').then(m => ({ Content: m.DoraWidget })),
    layout: { width: { minColumns: 4 }, height: { minRows: 5 } },
  },
});
