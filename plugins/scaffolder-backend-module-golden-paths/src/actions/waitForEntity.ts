import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

export const WAIT_FOR_ENTITY_ACTION_ID = 'golden-paths:catalog:wait-for-entity';

/**
 * Waits until the catalog has processed a newly registered entity. `catalog:register`
 * only adds the location; the entity appears after the catalog's next processing
 * pass, so without this step the run's "Open in catalog" link can land on "Entity not
 * found". A registration that takes longer than the timeout is not an error: the run
 * goes on and says so in its log.
 */
export function createWaitForEntityAction(options: {
  catalog: CatalogService;
  /** Time between two catalog reads; tests shorten it. */
  pollIntervalMs?: number;
}) {
  const { catalog, pollIntervalMs = 1000 } = options;
  return createTemplateAction({
    id: WAIT_FOR_ENTITY_ACTION_ID,
    description:
      'Waits (up to timeoutSeconds) until the catalog serves the entity, so links to it work when the run ends.',
    supportsDryRun: true,
    examples: [
      {
        description: 'After catalog:register',
        example: [
          'steps:',
          '  - id: wait-for-entity',
          '    name: Wait for the catalog',
          `    action: ${WAIT_FOR_ENTITY_ACTION_ID}`,
          '    input:',
          "      entityRef: ${{ steps['register'].output.entityRef }}",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'The registered entity, as a full ref; nothing to wait for when empty (a dry run skips catalog:register)',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(600)
            .default(120)
            .describe('How long to wait before going on without it'),
      },
      output: {
        found: z =>
          z.boolean().describe('Whether the catalog served the entity in time'),
      },
    },
    async handler(ctx) {
      const { entityRef, timeoutSeconds = 120 } = ctx.input;
      if (ctx.isDryRun || !entityRef) {
        ctx.output('found', true);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const deadline = Date.now() + timeoutSeconds * 1000;
      for (;;) {
        const entity = await catalog.getEntityByRef(entityRef, { credentials });
        if (entity) {
          ctx.logger.info(`${entityRef} is in the catalog`);
          ctx.output('found', true);
          return;
        }
        if (ctx.signal?.aborted || Date.now() + pollIntervalMs > deadline) {
          break;
        }
        await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
      }
      ctx.logger.warn(
        `${entityRef} is registered but the catalog has not processed it after ${timeoutSeconds} s; it will appear once it has`,
      );
      ctx.output('found', false);
    },
  });
}
