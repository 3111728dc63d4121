import type { ComponentDeliveryFactsResponse } from '@internal/backstage-plugin-delivery-common';
import type { ProgressiveDeliveryFacts } from '@internal/backstage-plugin-maturity-common';
import type {
  MaturityCollectOptions,
  MaturityFactProvider,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';

/**
 * Progressive delivery facts of the last 90 days from the delivery backend's
 * `POST /component-facts`, a batch of components per request: phased production
 * rollouts (canary, blue-green) and production flag releases. The backend answers
 * zeros for a component without either, so its check fails with evidence rather than
 * answering unknown; refs it answers null for (not components, not visible) get no
 * facts.
 */
export class ProgressiveDeliveryFactProvider
  implements MaturityFactProvider<'progressiveDelivery'>
{
  readonly domain = 'progressiveDelivery' as const;
  readonly batchSize = 500;

  constructor(private readonly client: PluginBackendClient) {}

  async collect(
    entityRefs: string[],
    { credentials }: MaturityCollectOptions,
  ): Promise<Map<string, ProgressiveDeliveryFacts>> {
    const answer = await this.client.post<ComponentDeliveryFactsResponse>(
      '/component-facts',
      { entityRefs },
      credentials,
    );
    const facts = new Map<string, ProgressiveDeliveryFacts>();
    for (const [ref, item] of Object.entries(answer.items)) {
      if (!item) continue;
      facts.set(ref, {
        windowDays: answer.windowDays,
        phasedDeployments: item.phasedDeployments,
        flagReleases: item.flagReleases,
      });
    }
    return facts;
  }
}
