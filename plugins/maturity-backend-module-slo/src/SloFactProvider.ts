import type { SloFacts } from '@internal/backstage-plugin-maturity-common';
import type {
  MaturityCollectOptions,
  MaturityFactProvider,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';
import type { ComponentSloFactsResponse } from '@internal/backstage-plugin-slo-common';

/**
 * SLO facts, a batch of components per request to the SLO backend's
 * `POST /component-facts`: each objective's metric source, generated alerting rules and
 * complete periods met. A component without objectives has facts (no SLOs), so its SLO
 * checks fail rather than answer unknown.
 */
export class SloFactProvider implements MaturityFactProvider<'slo'> {
  readonly domain = 'slo' as const;
  /** The SLO backend's limit per request. */
  readonly batchSize = 100;

  constructor(private readonly client: PluginBackendClient) {}

  async collect(
    entityRefs: string[],
    { credentials }: MaturityCollectOptions,
  ): Promise<Map<string, SloFacts>> {
    const answer = await this.client.post<ComponentSloFactsResponse>(
      '/component-facts',
      { entityRefs },
      credentials,
    );
    const facts = new Map<string, SloFacts>();
    for (const [ref, item] of Object.entries(answer.items)) {
      if (!item) continue;
      facts.set(ref, {
        objectives: item.objectives.map(o => ({
          name: o.id,
          hasMetricSource: o.hasMetricSource,
          alerting: o.alerting,
          periodsMet: o.periodsMet,
        })),
      });
    }
    return facts;
  }
}
