import {
  DeliveryEventSink,
  SourceSyncReport,
  UnmatchedEvent,
} from '@internal/backstage-plugin-delivery-node';

/** A sink that records what a source hands it, accepting every event. */
export function recordingSink() {
  const ingested: unknown[] = [];
  const unmatched: UnmatchedEvent[] = [];
  const reports: SourceSyncReport[] = [];
  const sink: DeliveryEventSink = {
    async ingest(events) {
      ingested.push(...events);
      return { accepted: events.length, updated: 0, rejected: [] };
    },
    async reportUnmatched(event) {
      unmatched.push(event);
    },
    async reportSync(report) {
      reports.push(report);
    },
  };
  return { sink, ingested, unmatched, reports };
}
