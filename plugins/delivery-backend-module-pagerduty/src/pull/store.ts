import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { MappedIncident } from '../mapping/common';
import { pickComponent } from '../matching/services';

export type StoreOutcome = 'stored' | 'unmatched' | 'rejected';

export interface IncidentStoreOptions {
  sink: DeliveryEventSink;
  /** The catalog components claiming a PagerDuty service. */
  componentsOf: (serviceId: string) => Promise<string[]>;
  /**
   * The deployment an incident names. Absent without the REST API: incidents are
   * then stored without one.
   */
  deploymentOf?: (incidentId: string) => Promise<string | undefined>;
  logger: LoggerService;
}

/**
 * Hands a mapped incident to the delivery store under the component claiming its
 * service, or reports the service unmatched. The deployment is looked up only
 * for incidents that are stored: it costs two API calls.
 */
export function createIncidentStore(options: IncidentStoreOptions) {
  const { sink, componentsOf, deploymentOf, logger } = options;
  return async (
    { incident, service }: MappedIncident,
    what: string,
  ): Promise<StoreOutcome> => {
    const match = pickComponent(service, await componentsOf(service.id));
    if ('unmatched' in match) {
      logger.info(`Unmatched ${what}: ${match.unmatched.reason}`);
      await sink.reportUnmatched(match.unmatched);
      return 'unmatched';
    }
    const deploymentId = deploymentOf
      ? await deploymentOf(incident.id)
      : undefined;
    const result = await sink.ingest([
      { ...incident, entityRef: match.entityRef, deploymentId },
    ]);
    for (const rejection of result.rejected) {
      logger.warn(`Rejected ${what}: ${rejection.error}`);
    }
    return result.rejected.length > 0 ? 'rejected' : 'stored';
  };
}

export type IncidentStore = ReturnType<typeof createIncidentStore>;
