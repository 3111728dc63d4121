import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { renderOpenSloFile } from '../openslo/objectives';
import { resolveObjectives, serviceTiers } from '../openslo/tiers';

export const WRITE_OPENSLO_ACTION_ID = 'golden-paths:openslo:write';

const ratio = (z: any, what: string) =>
  z
    .number()
    .gt(0)
    .lt(1)
    .optional()
    .describe(
      `${what}, a ratio between 0 and 1 (e.g. 0.999); the tier's default when omitted`,
    );

/** A template step running this action with the given input lines. */
const exampleStep = (inputLines: string[]) =>
  [
    'steps:',
    '  - id: write-openslo',
    '    name: Write the OpenSLO file',
    `    action: ${WRITE_OPENSLO_ACTION_ID}`,
    '    input:',
    ...inputLines,
  ].join('\n');

/**
 * Writes the service's OpenSLO file (availability and latency SLOs) into the workspace,
 * with the objectives of the chosen tier unless overridden.
 */
export function createWriteOpenSloAction() {
  return createTemplateAction({
    id: WRITE_OPENSLO_ACTION_ID,
    description:
      "Writes an OpenSLO file (a Service and availability and latency SLOs) with the objectives of the service's tier.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Standard tier, written to slo/cart-service.yaml',
        example: exampleStep([
          '      service: cart-service',
          '      tier: standard',
        ]),
      },
      {
        description: 'Critical tier with a stricter latency threshold',
        example: exampleStep([
          '      service: checkout-service',
          '      tier: critical',
          '      latencyThresholdMs: 200',
          '      targetPath: ./slo/checkout.yaml',
        ]),
      },
    ],
    schema: {
      input: {
        service: z =>
          z
            .string()
            .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
              message:
                'service must be lower-case letters, digits and dashes (a catalog entity name)',
            })
            .max(63)
            .describe('Service name, the catalog component name'),
        tier: z =>
          z
            .enum(serviceTiers)
            .describe('Service tier: critical, standard or experimental'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the file in the workspace; slo/<service>.yaml by default',
            ),
        availabilityTarget: z => ratio(z, 'Availability objective'),
        latencyTarget: z =>
          ratio(z, 'Share of requests that must be under the threshold'),
        latencyThresholdMs: z =>
          z
            .number()
            .int()
            .positive()
            .optional()
            .describe('Latency threshold in milliseconds'),
        metricSelector: z =>
          z
            .string()
            .optional()
            .describe(
              'Prometheus label selector of the service\'s HTTP metrics; service="<service>" by default',
            ),
      },
      output: {
        path: z =>
          z
            .string()
            .describe('Path of the written file, relative to the workspace'),
        availabilityTarget: z => z.number(),
        latencyTarget: z => z.number(),
        latencyThresholdMs: z => z.number(),
      },
    },
    async handler(ctx) {
      const { service, tier } = ctx.input;
      const relativePath = path.posix.normalize(
        ctx.input.targetPath ?? `slo/${service}.yaml`,
      );
      let filePath: string;
      try {
        filePath = resolveSafeChildPath(ctx.workspacePath, relativePath);
      } catch {
        throw new InputError(
          `${WRITE_OPENSLO_ACTION_ID}: targetPath "${ctx.input.targetPath}" points outside the workspace`,
        );
      }
      const objectives = resolveObjectives(tier, {
        availabilityTarget: ctx.input.availabilityTarget,
        latencyTarget: ctx.input.latencyTarget,
        latencyThresholdMs: ctx.input.latencyThresholdMs,
      });

      // Dry runs write too: the workspace is a throw-away copy, and the dry-run
      // result shows the file the real run would publish.
      await fs.mkdir(path.dirname(filePath), { recursive: true });
      await fs.writeFile(
        filePath,
        renderOpenSloFile({
          service,
          tier,
          objectives,
          metricSelector: ctx.input.metricSelector,
        }),
        'utf8',
      );
      ctx.logger.info(
        `Wrote ${relativePath}: ${tier} tier, availability ${objectives.availabilityTarget}, ` +
          `${objectives.latencyTarget} of requests under ${objectives.latencyThresholdMs} ms`,
      );

      ctx.output('path', relativePath.replace(/^\.\//, ''));
      ctx.output('availabilityTarget', objectives.availabilityTarget);
      ctx.output('latencyTarget', objectives.latencyTarget);
      ctx.output('latencyThresholdMs', objectives.latencyThresholdMs);
    },
  });
}
