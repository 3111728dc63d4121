import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { BurnDeployment } from '@internal/backstage-plugin-slo-common';

/** Pages of `GET /api/delivery/deployments` read at most, 500 deployments each. */
const MAX_PAGES = 4;

/**
 * The deployments of a component from the delivery backend (`GET
 * /api/delivery/deployments`, newest first by start), asked with the SLO backend's own
 * service token. Undefined when the delivery backend is not there, fails or is slow:
 * the caller says "deployments unknown", never "none".
 */
export class DeliveryDeployments {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs: number;
    },
  ) {}

  async started(
    entityRef: string,
    window: { from: string; to: string },
  ): Promise<{ items: BurnDeployment[]; truncated: boolean } | undefined> {
    const { discovery, auth, timeoutMs } = this.options;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const [baseUrl, { token }] = await Promise.all([
        discovery.getBaseUrl('delivery'),
        auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'delivery',
        }),
      ]);
      const items: BurnDeployment[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = new URLSearchParams({
          entityRef,
          from: window.from,
          to: window.to,
          limit: '500',
          ...(cursor ? { cursor } : {}),
        });
        const response = await fetch(`${baseUrl}/deployments?${query}`, {
          headers: { Authorization: `Bearer ${token}` },
          signal,
        });
        if (!response.ok) return undefined;
        const body = (await response.json()) as {
          items: BurnDeployment[];
          nextCursor?: string;
        };
        items.push(...body.items);
        cursor = body.nextCursor;
        if (!cursor) return { items, truncated: false };
      }
      return { items, truncated: true };
    } catch {
      return undefined;
    }
  }
}
