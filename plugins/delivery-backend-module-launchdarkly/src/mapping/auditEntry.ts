import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { launchDarklyEnvelopeSchema } from '@internal/backstage-plugin-delivery-node';
import { z } from 'zod';

// The rest is read when it is there and makes sense; anything else is as if absent,
// so an unexpected version never costs the change itself.
const lenient = <T extends z.ZodType>(schema: T) =>
  schema.optional().catch(undefined);

const fallthroughSchema = z.object({
  variation: z.number().int().nullish(),
  rollout: z
    .object({
      variations: z.array(
        z.object({ variation: z.number().int(), weight: z.number() }),
      ),
    })
    .nullish(),
});

const environmentSchema = z.object({
  on: z.boolean().optional(),
  fallthrough: lenient(fallthroughSchema),
  offVariation: z.number().int().nullish(),
});

const versionSchema = z.object({
  kind: z.string().nullish(),
  variations: lenient(z.array(z.object({ value: z.unknown() }))),
  environments: lenient(z.record(z.string(), lenient(environmentSchema))),
});

const nameSchema = z.object({ name: z.string().nullish() });

/** The envelope the events module checked, and what the mapping reads besides. */
const auditEntrySchema = launchDarklyEnvelopeSchema.extend({
  titleVerb: lenient(z.string()),
  member: lenient(
    z.object({
      email: z.string().nullish(),
      firstName: z.string().nullish(),
      lastName: z.string().nullish(),
    }),
  ),
  /** Who made a change through the API or an integration, when no member did. */
  subject: lenient(nameSchema),
  token: lenient(nameSchema),
  app: lenient(nameSchema),
  previousVersion: lenient(versionSchema),
  currentVersion: lenient(versionSchema),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** A flag as one version of the entry has it. */
export type FlagVersion = z.infer<typeof versionSchema>;
/** A flag's settings in one environment. */
export type EnvironmentSettings = z.infer<typeof environmentSchema>;

/** A webhook delivery read as an audit log entry, or why it is not one. */
export function parseAuditEntry(
  payload: unknown,
): AuditEntry | { invalid: string } {
  const parsed = auditEntrySchema.safeParse(payload);
  return parsed.success
    ? parsed.data
    : {
        invalid: `not a LaunchDarkly audit log entry: ${formatZodError(
          parsed.error,
        )}`,
      };
}
