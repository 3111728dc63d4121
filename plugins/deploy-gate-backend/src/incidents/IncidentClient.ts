import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { RemediatedIncident } from '@internal/backstage-plugin-deploy-gate-common';

/** The fields of `GET /api/delivery/incident` items the gate reads. */
export interface DeliveryIncident {
  source: string;
  id: string;
  openedAt: string;
  resolvedAt?: string | null;
}

/**
 * The state of an incident from the delivery backend's answer (one item per source
 * that has the id): open when any of them is not resolved, else resolved at the latest
 * resolution, unknown when there is none.
 */
export function incidentStateOf(items: DeliveryIncident[]): RemediatedIncident {
  if (items.length === 0) return { state: 'unknown' };
  const open = items.filter(i => !i.resolvedAt);
  if (open.length > 0) {
    const openedAt = open.map(i => i.openedAt).sort()[0];
    return { state: 'open', ...(openedAt ? { openedAt } : {}) };
  }
  const resolvedAt = items
    .map(i => i.resolvedAt!)
    .sort()
    .at(-1)!;
  return { state: 'resolved', resolvedAt };
}

/**
 * Asks the delivery backend (`GET /api/delivery/incident?entityRef=&id=`) about the
 * incident a deploy claims to remediate, with the gate's own service token. Never
 * throws: a delivery backend that is down, slow or answers an error gives
 * `unavailable`, which the rules trust with a warning.
 */
export class IncidentClient {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs: number;
    },
  ) {}

  async state(entityRef: string, id: string): Promise<RemediatedIncident> {
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
      const query = new URLSearchParams({ entityRef, id });
      const response = await fetch(`${baseUrl}/incident?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal,
      });
      if (!response.ok) {
        return {
          state: 'unavailable',
          error: `delivery backend answered ${response.status} ${response.statusText}`,
        };
      }
      const body = (await response.json()) as { items: DeliveryIncident[] };
      return incidentStateOf(body.items ?? []);
    } catch (error) {
      return { state: 'unavailable', error: String(error) };
    }
  }
}
