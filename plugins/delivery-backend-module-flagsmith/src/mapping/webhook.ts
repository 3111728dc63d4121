import {
  EVENT_LIMITS,
  FlagAction,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import {
  FLAGSMITH_FLAG_TYPES,
  FlagDeliveryMapping,
  flagsmithEnvelopeSchema,
  flagsmithFlagDataSchema,
  FlagsmithState,
} from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';

export const SOURCE_ID = 'flagsmith';

/** Which of the flag's states a delivery is about: the environment's, or an override's. */
function scopeOf(state: FlagsmithState): string {
  if (state.identity !== null && state.identity !== undefined) {
    return `identity-${state.identity}`;
  }
  if (state.feature_segment) {
    return `segment-${state.feature_segment.segment.id}`;
  }
  return 'environment';
}

/**
 * `<environment id>:<feature id>:<scope>:<timestamp>`: Flagsmith gives a delivery
 * no id, but the timestamp is the state's history record's, so every delivery of
 * one change (to several webhooks, or again) has the same. One too long for the
 * schema keeps its start and a hash of it all.
 */
function eventId(state: FlagsmithState, timestamp: string): string {
  const id = `${state.environment.id}:${state.feature.id}:${scopeOf(
    state,
  )}:${timestamp}`;
  if (id.length <= EVENT_LIMITS.id) return id;
  const hash = createHash('sha256').update(id).digest('hex');
  return `${id.slice(0, EVENT_LIMITS.id - hash.length - 1)}~${hash}`;
}

type Outcome = { action: FlagAction } | { skipped: string };

/**
 * What a change of a flag's state did in its environment:
 * - the environment's own state enabled or disabled: `on` or `off`; created
 *   enabled: `on` (created disabled releases nothing);
 * - the environment's state changed otherwise (its value, or a multivariate split
 *   the payload does not show): `targeting`;
 * - a segment or identity override set, changed or deleted: `targeting` (who gets
 *   the flag changed, not whether it is on);
 * - the environment's state deleted (the flag deleted): nothing to release.
 */
function outcomeOf(
  type: (typeof FLAGSMITH_FLAG_TYPES)[number],
  state: FlagsmithState,
  previous: FlagsmithState | null | undefined,
): Outcome {
  if (scopeOf(state) !== 'environment') return { action: 'targeting' };
  if (type === 'FLAG_DELETED') return { skipped: 'the flag was deleted' };
  if (!previous) {
    return state.enabled
      ? { action: 'on' }
      : { skipped: 'created disabled: releases nothing' };
  }
  if (previous.enabled !== state.enabled) {
    return { action: state.enabled ? 'on' : 'off' };
  }
  return { action: 'targeting' };
}

/**
 * A Flagsmith webhook delivery as a flag event: the flag (`feature.name`) of
 * project `feature.project.id` changed in `environment.name`, at the state's
 * `timestamp`, by `changed_by`. Deliveries about other things (an organisation
 * webhook's AUDIT_LOG_CREATED) hold none. Flagsmith's payload names no page of the
 * flag that could be linked (that needs the environment's key), so there is no url.
 */
export function mapFlagsmithWebhook(payload: unknown): FlagDeliveryMapping {
  const envelope = flagsmithEnvelopeSchema.safeParse(payload);
  if (!envelope.success) {
    return {
      invalid: `not a Flagsmith webhook delivery: ${formatZodError(
        envelope.error,
      )}`,
    };
  }
  const type = FLAGSMITH_FLAG_TYPES.find(t => t === envelope.data.event_type);
  if (!type) {
    return {
      what: `Flagsmith ${envelope.data.event_type} delivery`,
      skipped: 'not about a flag',
    };
  }
  // The envelope checked it.
  const data = flagsmithFlagDataSchema.parse(envelope.data.data);
  const state =
    type === 'FLAG_DELETED' ? data.previous_state! : data.new_state!;
  const what = `Flagsmith ${type} of ${state.feature.name} in ${state.environment.name} at ${data.timestamp}`;
  const outcome = outcomeOf(type, state, data.previous_state);
  if ('skipped' in outcome) return { what, skipped: outcome.skipped };
  const author = data.changed_by?.slice(0, EVENT_LIMITS.author);
  return {
    what,
    changes: [
      {
        project: String(state.feature.project.id),
        event: {
          kind: 'flag',
          source: SOURCE_ID,
          id: eventId(state, data.timestamp),
          flagKey: state.feature.name,
          environment: state.environment.name,
          action: outcome.action,
          at: DateTime.fromISO(data.timestamp, { setZone: true })
            .toUTC()
            .toISO()!,
          ...(author ? { author } : {}),
        },
      },
    ],
  };
}
