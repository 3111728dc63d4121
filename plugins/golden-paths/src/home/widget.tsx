import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/** Home widget "Golden-path drift": services behind their template. @alpha */
export const homeGoldenPathDriftWidget = HomePageWidgetBlueprint.make({
  name: 'drift',
  params: {
    name: 'GoldenPathDrift',
    title: 'Golden-path drift',
    description: 'Services not on their golden path template’s latest version',
    components: () =>
      import('./GoldenPathDriftWidget').then(m => ({
        Content: m.GoldenPathDriftWidget,
      })),
    layout: { width: { minColumns: 3 }, height: { minRows: 3 } },
  },
});
