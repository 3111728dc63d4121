import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  entitySloCard,
  entitySloContent,
  sloApi,
  sloDeploymentFlagsApi,
  sloServiceSummariesApi,
} from './alpha';
import { SloDeploymentFlagsClient, SloServiceSummariesClient } from './api';
import { fakeSloApi } from './testUtils/fixtures';

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

  it('declares the SLOs tab and card', () => {
    expect(String(entitySloContent)).toContain('kind=entity-content');
    expect(String(entitySloContent)).toContain('name=slos');
    expect(String(entitySloCard)).toContain('kind=entity-card');
  });
});
