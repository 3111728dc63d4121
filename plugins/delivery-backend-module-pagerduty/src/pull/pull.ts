import { LoggerService } from '@backstage/backend-plugin-api';
import { DateTime, Duration } from 'luxon';
import { PagerDutyApi } from '../client/client';
import { mapRestIncident } from '../mapping/incident';
import { IncidentStore } from './store';

/** Services per `GET /incidents`: keeps the URL short and a failure narrow. */
export const SERVICES_PER_REQUEST = 20;

export interface PullCounts {
  stored: number;
  unmatched: number;
  skipped: number;
}

/**
 * Reads the incidents created within the lookback on every claimed service,
 * a batch of services at a time, and stores each as a webhook would. A batch or
 * an incident that fails is logged and the rest still pulled; answers what
 * failed, and why.
 */
export async function pullIncidents(options: {
  api: PagerDutyApi;
  serviceIds: () => Promise<string[]>;
  store: IncidentStore;
  lookback: Duration;
  logger: LoggerService;
  now?: () => DateTime;
}): Promise<{ counts: PullCounts; failures: string[] }> {
  const { api, store, logger } = options;
  const until = (options.now ?? DateTime.utc)();
  const since = until.minus(options.lookback);
  const counts: PullCounts = { stored: 0, unmatched: 0, skipped: 0 };
  const failures: string[] = [];
  const serviceIds = await options.serviceIds();

  for (let i = 0; i < serviceIds.length; i += SERVICES_PER_REQUEST) {
    const batch = serviceIds.slice(i, i + SERVICES_PER_REQUEST);
    try {
      for await (const incidents of api.listIncidents({
        serviceIds: batch,
        since,
        until,
      })) {
        for (const record of incidents) {
          const mapped = mapRestIncident(record);
          if ('skipped' in mapped) {
            logger.debug(
              `Skipped a pulled PagerDuty incident: ${mapped.skipped}`,
            );
            counts.skipped++;
            continue;
          }
          const { id } = mapped.incident;
          try {
            const outcome = await store(
              mapped,
              `pulled PagerDuty incident ${id}`,
            );
            if (outcome === 'stored') counts.stored++;
            else if (outcome === 'unmatched') counts.unmatched++;
            else counts.skipped++;
          } catch (error) {
            logger.warn(`Could not store PagerDuty incident ${id}: ${error}`);
            failures.push(
              `incident ${id}: ${(error as Error).message ?? error}`,
            );
          }
        }
      }
    } catch (error) {
      logger.warn(
        `Could not pull PagerDuty incidents of services ${batch.join(
          ', ',
        )}: ${error}`,
      );
      failures.push(
        `services ${batch.join(', ')}: ${(error as Error).message ?? error}`,
      );
    }
  }
  logger.info(
    `Pulled ${counts.stored} PagerDuty incidents of ${serviceIds.length} services (${counts.unmatched} unmatched, ${counts.skipped} skipped, ${failures.length} failures)`,
  );
  return { counts, failures };
}
