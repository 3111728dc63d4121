import {
  deliveryEventSchema,
  DeliveryEvent,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import { IngestResult } from '@internal/backstage-plugin-delivery-node';
import { DeliveryWriteStore, UpsertOutcome } from '../database/stores';
import { isTransactionConflict } from './guards';

/** A transaction PostgreSQL rolled back for a conflict (deadlock) is tried this often. */
const CONFLICT_ATTEMPTS = 3;

/**
 * Validates each event on its own and stores the valid ones: one bad event never
 * costs the rest of its batch. The batch is stored in one transaction, so it is
 * stored whole or not at all.
 */
export async function ingestEvents(
  store: Pick<DeliveryWriteStore, 'upsert'>,
  events: unknown[],
): Promise<IngestResult> {
  const valid: DeliveryEvent[] = [];
  const rejected: IngestResult['rejected'] = [];
  events.forEach((event, index) => {
    const parsed = deliveryEventSchema.safeParse(event);
    if (!parsed.success) {
      rejected.push({ index, error: formatZodError(parsed.error) });
      return;
    }
    const unstorable = unstorableTextPath(parsed.data);
    if (unstorable !== undefined) {
      rejected.push({
        index,
        error: `${unstorable}: must be well-formed Unicode without NUL characters`,
      });
      return;
    }
    valid.push(parsed.data);
  });
  const outcomes =
    valid.length > 0 ? await upsertRetryingConflicts(store, valid) : [];
  return {
    accepted: outcomes.filter(o => o === 'inserted').length,
    updated: outcomes.filter(o => o === 'updated').length,
    rejected,
  };
}

/**
 * Two replicas storing overlapping batches at once can deadlock on PostgreSQL; the
 * database rolls one back, and trying it again is the documented remedy.
 */
async function upsertRetryingConflicts(
  store: Pick<DeliveryWriteStore, 'upsert'>,
  events: DeliveryEvent[],
): Promise<UpsertOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.upsert(events);
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isTransactionConflict(error)) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 20 * attempt));
    }
  }
}

// A NUL, or half of a surrogate pair (JSON can spell "\ud800" alone).
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text the databases cannot store as sent: PostgreSQL refuses U+0000, and both store a
 * lone surrogate as U+FFFD, so the stored identity would differ from the one sent.
 * Refused, naming the field, rather than failing the batch in the database.
 */
function unstorableTextPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value) ? path || '(root)' : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextPath(
        value[i],
        path ? `${path}.${i}` : `${i}`,
      );
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = unstorableTextPath(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}
