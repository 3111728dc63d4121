import {
  deliveryEventSchema,
  DeliveryEvent,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import { IngestResult } from '@internal/backstage-plugin-delivery-node';
import { DeliveryStore } from '../database/DeliveryStore';

/**
 * Validates each event on its own and stores the valid ones: one bad event never
 * costs the rest of its batch.
 */
export async function ingestEvents(
  store: DeliveryStore,
  events: unknown[],
): Promise<IngestResult> {
  const valid: DeliveryEvent[] = [];
  const rejected: IngestResult['rejected'] = [];
  events.forEach((event, index) => {
    const parsed = deliveryEventSchema.safeParse(event);
    if (parsed.success) valid.push(parsed.data);
    else rejected.push({ index, error: formatZodError(parsed.error) });
  });
  const outcomes = valid.length > 0 ? await store.upsert(valid) : [];
  return {
    accepted: outcomes.filter(o => o === 'inserted').length,
    updated: outcomes.filter(o => o === 'updated').length,
    rejected,
  };
}
