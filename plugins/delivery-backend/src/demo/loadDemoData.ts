import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import { demoProfilesSchema, generateDemoEvents } from './demoEvents';
import { MAX_EVENTS_PER_REQUEST } from '../service/requests';

/**
 * Feeds the demo event set through the normal ingestion path, once at start and then
 * daily (so the history stays current). Runs on the scheduler, so only one
 * replica does it; upserts make a repeat harmless.
 */
export async function scheduleDemoData(options: {
  file: string;
  sink: DeliveryEventSink;
  scheduler: SchedulerService;
  logger: LoggerService;
}) {
  const { file, sink, scheduler, logger } = options;
  await scheduler.scheduleTask({
    id: 'delivery-demo-data',
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      const path = resolvePath(file);
      const profiles = demoProfilesSchema.parse(
        parseYaml(await readFile(path, 'utf8')),
      );
      const events = generateDemoEvents(profiles, DateTime.utc());
      let accepted = 0;
      let updated = 0;
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) {
        const result = await sink.ingest(
          events.slice(i, i + MAX_EVENTS_PER_REQUEST),
        );
        accepted += result.accepted;
        updated += result.updated;
        for (const { index, error } of result.rejected) {
          logger.warn(`Demo event ${i + index} rejected: ${error}`);
        }
      }
      logger.info(
        `Loaded demo delivery data from ${path}: ${accepted} new, ${updated} updated events`,
      );
    },
  });
}
