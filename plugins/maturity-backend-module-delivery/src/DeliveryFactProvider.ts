import type { ComponentDeliveryFactsResponse } from '@internal/backstage-plugin-delivery-common';
import type { DeliveryFacts } from '@internal/backstage-plugin-maturity-common';
import type {
  MaturityCollectOptions,
  MaturityFactProvider,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';

/**
 * Delivery facts of the last 90 days, a batch of components per request to the
 * delivery backend's `POST /component-facts` (its DORA figures, deployments by source,
 * pre-production deployments, data start). Refs the backend answers null for (not
 * components, not visible) get no facts.
 */
export class DeliveryFactProvider implements MaturityFactProvider<'delivery'> {
  readonly domain = 'delivery' as const;
  readonly batchSize = 500;

  constructor(private readonly client: PluginBackendClient) {}

  async collect(
    entityRefs: string[],
    { credentials }: MaturityCollectOptions,
  ): Promise<Map<string, DeliveryFacts>> {
    const answer = await this.client.post<ComponentDeliveryFactsResponse>(
      '/component-facts',
      { entityRefs },
      credentials,
    );
    const facts = new Map<string, DeliveryFacts>();
    for (const [ref, item] of Object.entries(answer.items)) {
      if (!item) continue;
      // Progressive delivery is its own domain (ProgressiveDeliveryFactProvider).
      const {
        dataSince,
        phasedDeployments: _phased,
        flagReleases: _flags,
        ...figures
      } = item;
      facts.set(ref, {
        windowDays: answer.windowDays,
        ...(dataSince ? { dataSince } : {}),
        ...figures,
      });
    }
    return facts;
  }
}
