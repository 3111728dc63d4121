import type { DecisionCountsResponse } from '@internal/backstage-plugin-deploy-gate-common';
import type { DeployGateFacts } from '@internal/backstage-plugin-maturity-common';
import type {
  MaturityCollectOptions,
  MaturityFactProvider,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';

/** Days of gate decisions that show the pipeline asks the gate. */
export const DEPLOY_GATE_WINDOW_DAYS = 30;

/**
 * Deploy-gate facts: decisions per component in the last 30 days, a batch of
 * components per request to the gate's `POST /decision-counts`.
 */
export class DeployGateFactProvider
  implements MaturityFactProvider<'deployGate'>
{
  readonly domain = 'deployGate' as const;
  readonly batchSize = 500;

  constructor(private readonly client: PluginBackendClient) {}

  async collect(
    entityRefs: string[],
    { credentials, now }: MaturityCollectOptions,
  ): Promise<Map<string, DeployGateFacts>> {
    const since = new Date(
      now.getTime() - DEPLOY_GATE_WINDOW_DAYS * 86_400_000,
    ).toISOString();
    const answer = await this.client.post<DecisionCountsResponse>(
      '/decision-counts',
      { entityRefs, since },
      credentials,
    );
    return new Map(
      Object.entries(answer.items).map(([ref, decisions]) => [
        ref,
        { windowDays: DEPLOY_GATE_WINDOW_DAYS, decisions },
      ]),
    );
  }
}
