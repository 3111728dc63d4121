import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

export const VALIDATE_OWNERSHIP_ACTION_ID =
  'golden-paths:catalog:validate-ownership';

const OWNER_KINDS = ['group', 'user'];

function toRef(value: string, defaultKind: string, field: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: DEFAULT_NAMESPACE,
      }),
    );
  } catch (error) {
    throw new InputError(
      `${VALIDATE_OWNERSHIP_ACTION_ID}: ${field} "${value}" is not an entity reference: ${error}`,
    );
  }
}

/**
 * Checks that the owner (a Group or User) and the system (a System) chosen for the new
 * component exist in the catalog, so a run never publishes a repository whose
 * catalog-info.yaml points at nobody.
 */
export function createValidateOwnershipAction(options: {
  catalog: CatalogService;
}) {
  const { catalog } = options;
  return createTemplateAction({
    id: VALIDATE_OWNERSHIP_ACTION_ID,
    description:
      'Fails the run unless the owner (group or user) and the system exist in the catalog. Outputs their full entity references.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Owner and system picked in the form',
        example: [
          'steps:',
          '  - id: validate-ownership',
          '    name: Check that the owner and system exist',
          `    action: ${VALIDATE_OWNERSHIP_ACTION_ID}`,
          '    input:',
          '      owner: ${{ parameters.owner }}',
          '      system: ${{ parameters.system }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        owner: z =>
          z
            .string()
            .min(1)
            .describe('Owner entity reference; kind group when omitted'),
        system: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe('System entity reference; kind system when omitted'),
      },
      output: {
        ownerRef: z => z.string().describe('The owner, as a full entity ref'),
        systemRef: z =>
          z.string().optional().describe('The system, as a full entity ref'),
      },
    },
    async handler(ctx) {
      const ownerRef = toRef(ctx.input.owner, 'group', 'owner');
      const systemRef = ctx.input.system
        ? toRef(ctx.input.system, 'system', 'system')
        : undefined;

      if (!OWNER_KINDS.includes(parseEntityRef(ownerRef).kind)) {
        throw new InputError(
          `${VALIDATE_OWNERSHIP_ACTION_ID}: owner ${ownerRef} must be a group or a user`,
        );
      }
      if (systemRef && parseEntityRef(systemRef).kind !== 'system') {
        throw new InputError(
          `${VALIDATE_OWNERSHIP_ACTION_ID}: system ${systemRef} must be of kind System`,
        );
      }

      const refs = systemRef ? [ownerRef, systemRef] : [ownerRef];
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials: await ctx.getInitiatorCredentials() },
      );
      const missing = refs.filter((_, index) => !items[index]);
      if (missing.length > 0) {
        throw new NotFoundError(
          `${VALIDATE_OWNERSHIP_ACTION_ID}: not in the catalog: ${missing.join(
            ', ',
          )}. Pick an existing owner and system, or register them first.`,
        );
      }

      ctx.logger.info(
        `Owner ${ownerRef}${systemRef ? ` and system ${systemRef}` : ''} exist`,
      );
      ctx.output('ownerRef', ownerRef);
      if (systemRef) {
        ctx.output('systemRef', systemRef);
      }
    },
  });
}
