import {
  EVENT_LIMITS,
  FlagAction,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import {
  FlagDeliveryMapping,
  UNLEASH_RELEASE_TYPES,
  unleashEnvelopeSchema,
} from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const SOURCE_ID = 'unleash';

// Read when there and sensible; anything else is as if absent.
const lenient = <T extends z.ZodType>(schema: T) =>
  schema.optional().catch(undefined);

/** An activation strategy, as feature-strategy-* events carry it. */
const strategySchema = z.object({
  name: z.string(),
  parameters: lenient(z.record(z.string(), z.unknown())),
  constraints: lenient(z.array(z.unknown())),
  segments: lenient(z.array(z.unknown())),
});

type Strategy = z.infer<typeof strategySchema>;

const detailsSchema = z.object({
  createdBy: lenient(z.string()),
  /** The strategy after the change; before it, in `preData`. */
  data: lenient(strategySchema.nullable()),
  preData: lenient(strategySchema.nullable()),
});

type ReleaseType = (typeof UNLEASH_RELEASE_TYPES)[number];

/**
 * The share of users a strategy enables the flag for, when it is a plain share:
 * `flexibleRollout`'s `rollout` (the gradual rollout), the legacy gradual rollouts'
 * `percentage`, 100 for the `default` (standard) strategy, and only without
 * constraints or segments (with them, it is a share of some users). Parameters are
 * strings in Unleash (`"25"`).
 */
export function strategyShare(
  strategy: Strategy | null | undefined,
): number | undefined {
  if (!strategy) return undefined;
  if ((strategy.constraints?.length ?? 0) > 0) return undefined;
  if ((strategy.segments?.length ?? 0) > 0) return undefined;
  if (strategy.name === 'default') return 100;
  const parameters = strategy.parameters ?? {};
  let value: unknown;
  if (strategy.name === 'flexibleRollout') value = parameters.rollout;
  else if (strategy.name.startsWith('gradualRollout')) {
    value = parameters.percentage;
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const share = Number(value);
  return Number.isFinite(share) && share >= 0 && share <= 100
    ? share
    : undefined;
}

/**
 * What an event did to the flag in its environment: enabled `on`, disabled `off`;
 * a strategy added or updated to enable it for another plain share of users
 * (`strategyShare`) `rollout` to that share; any other strategy change (constraints,
 * segments, stickiness, a strategy removed) `targeting`.
 */
function actionOf(
  type: ReleaseType,
  details: z.infer<typeof detailsSchema>,
): { action: FlagAction; percentage?: number } {
  switch (type) {
    case 'feature-environment-enabled':
      return { action: 'on' };
    case 'feature-environment-disabled':
      return { action: 'off' };
    case 'feature-strategy-add':
    case 'feature-strategy-update': {
      const share = strategyShare(details.data);
      const before =
        type === 'feature-strategy-add'
          ? undefined
          : strategyShare(details.preData);
      return share !== undefined && share !== before
        ? { action: 'rollout', percentage: share }
        : { action: 'targeting' };
    }
    default:
      return { action: 'targeting' };
  }
}

/** Unleash's event id; one too long for the schema keeps its start and a hash of it all. */
function eventId(id: number | string): string {
  const text = String(id);
  if (text.length <= EVENT_LIMITS.id) return text;
  const hash = createHash('sha256').update(text).digest('hex');
  return `${text.slice(0, EVENT_LIMITS.id - hash.length - 1)}~${hash}`;
}

/** The flag's page in the Unleash admin UI, when its base URL is configured. */
function flagUrl(
  baseUrl: string | undefined,
  project: string,
  featureName: string,
): string | undefined {
  if (!baseUrl) return undefined;
  const url = `${baseUrl}/projects/${encodeURIComponent(
    project,
  )}/features/${encodeURIComponent(featureName)}`;
  return url.length <= EVENT_LIMITS.url ? url : undefined;
}

/**
 * An Unleash event as a flag event: the flag (`featureName`) of project `project`
 * changed in `environment`, id the event's id (so a redelivery updates it), at
 * `createdAt`, by `createdBy`. Events that release nothing (a flag created, tagged,
 * archived, its metadata) hold none.
 */
export function mapUnleashEvent(
  payload: unknown,
  options: { baseUrl?: string },
): FlagDeliveryMapping {
  const envelope = unleashEnvelopeSchema.safeParse(payload);
  if (!envelope.success) {
    return {
      invalid: `not an Unleash event: ${formatZodError(envelope.error)}`,
    };
  }
  const event = envelope.data;
  const what = `Unleash event ${event.id} (${event.type})`;
  const type = UNLEASH_RELEASE_TYPES.find(t => t === event.type);
  if (!type) return { what, skipped: `${event.type} releases nothing` };
  // The envelope requires these for release types.
  const project = event.project!;
  const featureName = event.featureName!;
  const details = detailsSchema.parse(payload);
  const author = details.createdBy?.slice(0, EVENT_LIMITS.author);
  const url = flagUrl(options.baseUrl, project, featureName);
  return {
    what,
    changes: [
      {
        project,
        event: {
          kind: 'flag',
          source: SOURCE_ID,
          id: eventId(event.id),
          flagKey: featureName,
          environment: event.environment!,
          ...actionOf(type, details),
          at: DateTime.fromISO(event.createdAt, { setZone: true })
            .toUTC()
            .toISO()!,
          ...(author ? { author } : {}),
          ...(url ? { url } : {}),
        },
      },
    ],
  };
}
