import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { DeliveryService } from './service/DeliveryService';
import { parseDoraQuery, parseListQuery } from './service/requests';

/**
 * The read operations as actions, so the MCP actions backend can offer them to agents.
 * Inputs go through the same validation as the HTTP API.
 */
export function registerDeliveryActions(
  actionsRegistry: ActionsRegistryService,
  service: DeliveryService,
) {
  actionsRegistry.register({
    name: 'get-dora-metrics',
    title: 'Get DORA metrics',
    description:
      'DORA figures (deployment frequency, lead time for changes, change failure rate, ' +
      'failed deployment recovery time, time to restore service, rework rate) with bands ' +
      'for a component, a system or a group (team) over [from, to).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'component:default/name, system:default/name or group:default/name',
            ),
          from: z.string().describe('window start, ISO-8601 (inclusive)'),
          to: z.string().describe('window end, ISO-8601 (exclusive)'),
          interval: z.enum(['week']).optional().describe('add a weekly series'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          from: z.string(),
          to: z.string(),
          components: z.array(z.string()),
          // Figures as documented for GET /api/delivery/dora.
          deploymentFrequency: z.any(),
          leadTimeForChanges: z.any(),
          changeFailureRate: z.any(),
          failedDeploymentRecoveryTime: z.any(),
          timeToRestoreService: z.any(),
          deploymentReworkRate: z.any(),
          series: z.array(z.any()).optional(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await service.dora(parseDoraQuery(input), credentials),
    }),
  });

  actionsRegistry.register({
    name: 'list-recent-deployments',
    title: 'List recent deployments',
    description:
      'Deployments of a component, system or group, newest first, with commits, status, ' +
      'environment and links to the source system.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string(),
          environment: z.string().optional(),
          limit: z.number().int().min(1).max(500).optional(),
          cursor: z.string().optional(),
        }),
      output: z =>
        z.object({
          items: z
            .array(z.any())
            .describe('deployments as in GET /deployments'),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await service.list(
        'deployments',
        parseListQuery(input),
        credentials,
      ),
    }),
  });
}
