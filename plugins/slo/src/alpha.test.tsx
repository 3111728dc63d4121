import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import alphaPlugin, {
  entitySloCard,
  entitySloContent,
  sloApi,
  sloDeploymentFlagsApi,
  sloServiceSummariesApi,
} from './alpha';
import { SloDeploymentFlagsClient, SloServiceSummariesClient } from './api';
import { fakeSloApi, kindsShown } from './testUtils/fixtures';

describe('slo /alpha', () => {
  it('provides the seams of the delivery plugins as API extensions', () => {
    const flags = createExtensionTester(sloDeploymentFlagsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(flags.api.id).toBe('plugin.delivery.deployment-flags');
    const sloClient = fakeSloApi();
    expect(flags.factory({ sloApi: sloClient } as any)).toBeInstanceOf(
      SloDeploymentFlagsClient,
    );

    const summaries = createExtensionTester(sloServiceSummariesApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(summaries.api.id).toBe('plugin.delivery-scorecards.slo');
    expect(summaries.factory({ sloApi: sloClient } as any)).toBeInstanceOf(
      SloServiceSummariesClient,
    );

    expect(
      createExtensionTester(sloApi).get(ApiBlueprint.dataRefs.factory).api.id,
    ).toBe('plugin.slo.api');
  });

  it('the SLOs tab shows on components, systems and groups', () => {
    const tab = createExtensionTester(entitySloContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('/slos');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('SLOs');
    expect(
      kindsShown(tab.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Component', 'System', 'Group']);
  });

  it('app-config can rename the SLOs tab', () => {
    const tab = createExtensionTester(entitySloContent, {
      config: { title: 'Objectives' },
    });
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Objectives');
    expect(tab.get(coreExtensionData.routePath)).toBe('/slos');
  });

  it('the SLOs card shows on components only', () => {
    const card = createExtensionTester(entitySloCard);
    expect(
      kindsShown(card.get(EntityCardBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Component']);
  });

  it.each([
    'api:slo',
    'api:slo/deployment-flags',
    'api:slo/service-slo',
    'entity-content:slo/slos',
    'entity-card:slo/slos',
    'home-page-widget:slo/error-budgets',
  ])('the plugin installs %s', id => {
    expect(alphaPlugin.getExtension(id as any)).toBeDefined();
  });
});
