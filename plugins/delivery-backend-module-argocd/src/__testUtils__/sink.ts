import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';

/** A sink that records what a source hands it, accepting every event. */
export function recordingSink() {
  const sink = mockDeliveryEventSink();
  const { ingested, unmatched, reports } = sink;
  return { sink, ingested, unmatched, reports };
}
