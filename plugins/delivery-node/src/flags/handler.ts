import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import type { FlagEvent } from '@internal/backstage-plugin-delivery-common';
import { DeliveryEventSink, UnmatchedEvent } from '../sources';
import { attributeFlag, FlagAnnotations, FlagClaim } from './attribution';

/** A flag event before a component is assigned to it, and the project it is in. */
export interface FlagChange {
  event: Omit<FlagEvent, 'entityRef'>;
  /** The tool's project, as the project annotation names it. */
  project: string;
}

/**
 * What a flag tool's delivery says: flag changes, or why it holds none (a change
 * that is no release, another kind of resource: logged, and the webhook counts as
 * working), or why it is not a delivery of the tool at all (reported as failing).
 * `what` names the delivery in logs and reports.
 */
export type FlagDeliveryMapping =
  | { what: string; changes: FlagChange[] }
  | { what: string; skipped: string }
  | { invalid: string };

/** What {@link createFlagEventHandler} needs of one flag source. */
export interface FlagEventHandlerOptions {
  /** The source id, `source` of its events: `launchdarkly`. */
  source: string;
  sink: DeliveryEventSink;
  /** The annotated components' claims (a `CatalogAnnotationIndex`). */
  claims: () => Promise<FlagClaim[]>;
  annotations: FlagAnnotations;
  /** The tool's mapping: a pure function of the published payload. */
  map: (payload: unknown) => FlagDeliveryMapping;
  logger: LoggerService;
}

/**
 * Turns one delivery of a flag tool's webhook (checked by its events module) into
 * stored flag events: each change goes to the component {@link attributeFlag}
 * finds, or to the unmatched list with why. Every delivery is reported to the
 * source status: a success, or why it failed (not the tool's payload, an event the
 * store refused, the store down).
 */
export function createFlagEventHandler(options: FlagEventHandlerOptions) {
  const { source, sink, claims, annotations, map, logger } = options;

  const report = (error?: string) =>
    sink.reportSync({ source, via: 'webhook', ...(error ? { error } : {}) });

  const store = async (what: string, changes: FlagChange[]) => {
    const known = await claims();
    const events: FlagEvent[] = [];
    const unmatched: UnmatchedEvent[] = [];
    for (const { event, project } of changes) {
      const match = attributeFlag(
        known,
        { source, project, key: event.flagKey },
        annotations,
      );
      if ('entityRef' in match) {
        events.push({ ...event, entityRef: match.entityRef });
      } else {
        unmatched.push(match.unmatched);
      }
    }
    for (const item of unmatched) await sink.reportUnmatched(item);
    if (events.length === 0) return undefined;
    const result = await sink.ingest(events);
    if (result.rejected.length === 0) return undefined;
    const { index, error } = result.rejected[0];
    return `${what}: flag event ${events[index].id} refused: ${error}`;
  };

  return async ({ eventPayload }: EventParams) => {
    let mapped: FlagDeliveryMapping;
    try {
      mapped = map(eventPayload);
    } catch (error) {
      mapped = {
        invalid: `could not read a delivery of ${source}: ${
          (error as Error).message ?? error
        }`,
      };
    }
    if ('invalid' in mapped) {
      logger.warn(
        `Could not process a delivery of ${source}: ${mapped.invalid}`,
      );
      await report(mapped.invalid);
      return;
    }
    if ('skipped' in mapped) {
      logger.debug(`Ignoring ${mapped.what}: ${mapped.skipped}`);
      await report();
      return;
    }
    try {
      const refused = await store(mapped.what, mapped.changes);
      if (refused) logger.warn(`Could not store ${refused}`);
      await report(refused);
    } catch (error) {
      const message = `${mapped.what}: ${(error as Error).message ?? error}`;
      logger.warn(`Could not process ${message}`);
      await report(message);
    }
  };
}
