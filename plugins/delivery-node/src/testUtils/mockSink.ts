import {
  DeliveryEventSink,
  IngestResult,
  SourceSyncReport,
  UnmatchedEvent,
} from '../sources';

/** A sink whose methods are jest mocks, with what it was handed kept in order. */
export interface MockDeliveryEventSink extends DeliveryEventSink {
  ingest: jest.Mock<Promise<IngestResult>, [unknown[]]>;
  reportUnmatched: jest.Mock<Promise<void>, [UnmatchedEvent]>;
  reportSync: jest.Mock<Promise<void>, [SourceSyncReport]>;
  /** Every event ingested, across calls. */
  ingested: unknown[];
  unmatched: UnmatchedEvent[];
  reports: SourceSyncReport[];
}

/**
 * A fake of the delivery plugin's sink for a source module's unit tests: it accepts
 * every event (or answers `ingestResult`, for a store that rejects some) and records
 * what it was handed.
 */
export function mockDeliveryEventSink(
  options: {
    ingestResult?: (events: unknown[]) => IngestResult;
  } = {},
): MockDeliveryEventSink {
  const ingested: unknown[] = [];
  const unmatched: UnmatchedEvent[] = [];
  const reports: SourceSyncReport[] = [];
  return {
    ingested,
    unmatched,
    reports,
    ingest: jest.fn(async (events: unknown[]) => {
      ingested.push(...events);
      return (
        options.ingestResult?.(events) ?? {
          accepted: events.length,
          updated: 0,
          rejected: [],
        }
      );
    }),
    reportUnmatched: jest.fn(async (event: UnmatchedEvent) => {
      unmatched.push(event);
    }),
    reportSync: jest.fn(async (report: SourceSyncReport) => {
      reports.push(report);
    }),
  };
}
