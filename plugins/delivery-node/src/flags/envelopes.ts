/*
 * What each flag tool's webhook delivery must carry, shared by the tool's events
 * module (which answers anything else 400 naming the field) and its delivery module
 * (which reads the rest of the payload on top of it).
 */
import { z } from 'zod';

/** The latest instant the event schema stores, 9999-12-31T23:59:59.999Z, in ms. */
const LATEST_MS = 253402300799999;

/** A LaunchDarkly webhook delivery: an audit log entry. */
export const launchDarklyEnvelopeSchema = z.object({
  _id: z.string().min(1),
  /** When the change was made, ms since the epoch. */
  date: z.number().int().min(0).max(LATEST_MS),
  /** The resource kind: `flag`, `environment`, `segment`, … */
  kind: z.string(),
  accesses: z.array(z.object({ action: z.string(), resource: z.string() })),
});

/** The Unleash event types that change a flag in an environment. */
export const UNLEASH_RELEASE_TYPES = [
  'feature-environment-enabled',
  'feature-environment-disabled',
  'feature-strategy-add',
  'feature-strategy-update',
  'feature-strategy-remove',
] as const;

const isUnleashReleaseType = (type: string) =>
  (UNLEASH_RELEASE_TYPES as readonly string[]).includes(type);

/**
 * An Unleash Webhook integration delivery without a body template: the event. An
 * event changing a flag in an environment must name the flag, its project and the
 * environment.
 */
export const unleashEnvelopeSchema = z
  .object({
    id: z.union([z.number().int().min(0), z.string().min(1)]),
    type: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
    featureName: z.string().min(1).nullish(),
    project: z.string().min(1).nullish(),
    environment: z.string().min(1).nullish(),
  })
  .superRefine((event, context) => {
    if (!isUnleashReleaseType(event.type)) return;
    for (const field of ['featureName', 'project', 'environment'] as const) {
      if (!event[field]) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `required for ${event.type}`,
        });
      }
    }
  });

/** A flag's state in one environment, as a Flagsmith webhook gives it. */
export const flagsmithStateSchema = z.object({
  enabled: z.boolean(),
  environment: z.object({ id: z.number().int(), name: z.string().min(1) }),
  feature: z.object({
    id: z.number().int(),
    name: z.string().min(1),
    project: z.object({ id: z.number().int(), name: z.string().nullish() }),
  }),
  /** Set for a segment override. */
  feature_segment: z
    .object({
      segment: z.object({ id: z.number().int(), name: z.string().nullish() }),
    })
    .nullish(),
  /** Set for an identity override. */
  identity: z.union([z.number(), z.string()]).nullish(),
  identity_identifier: z.string().nullish(),
  feature_state_value: z.unknown(),
});

/** The Flagsmith event types about a flag's state. */
export const FLAGSMITH_FLAG_TYPES = ['FLAG_UPDATED', 'FLAG_DELETED'] as const;

export const flagsmithFlagDataSchema = z.object({
  changed_by: z.string().nullish(),
  /** When the state was saved, from its history record. */
  timestamp: z.iso.datetime({ offset: true }),
  new_state: flagsmithStateSchema.nullish(),
  previous_state: flagsmithStateSchema.nullish(),
});

/**
 * A Flagsmith webhook delivery. Flag events (`FLAG_UPDATED`, `FLAG_DELETED`) must
 * carry the change's time and the state it is about (`new_state`, or
 * `previous_state` for a deletion); other events (an organisation webhook's
 * `AUDIT_LOG_CREATED`) only their type.
 */
export const flagsmithEnvelopeSchema = z
  .object({ event_type: z.string().min(1), data: z.unknown() })
  .superRefine((delivery, context) => {
    const type = delivery.event_type;
    if (!(FLAGSMITH_FLAG_TYPES as readonly string[]).includes(type)) return;
    const data = flagsmithFlagDataSchema.safeParse(delivery.data);
    if (!data.success) {
      for (const issue of data.error.issues) {
        context.addIssue({
          code: 'custom',
          path: ['data', ...issue.path.map(p => p as string | number)],
          message: issue.message,
        });
      }
      return;
    }
    const needed = type === 'FLAG_DELETED' ? 'previous_state' : 'new_state';
    if (!data.data[needed]) {
      context.addIssue({
        code: 'custom',
        path: ['data', needed],
        message: `required for ${type}`,
      });
    }
  });

export type FlagsmithState = z.infer<typeof flagsmithStateSchema>;
export type FlagsmithFlagData = z.infer<typeof flagsmithFlagDataSchema>;
