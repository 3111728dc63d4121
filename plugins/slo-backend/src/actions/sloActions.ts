import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  biggestBurns,
  explainBurns,
  sloObjectivesReadPermission,
} from '@internal/backstage-plugin-slo-common';
import { z as zod } from 'zod';
import { parse } from '../service/requests';
import { normaliseEntityRef } from '../service/entityScope';
import { SloService } from '../service/SloService';
import { DeliveryDeployments } from './DeliveryDeployments';
import { deploymentWindow, statusSummary, whyFrozenSummary } from './summaries';

/** A deployment that finished this long before a burn started is still named. */
export const BURN_LOOKBACK_MS = 60 * 60_000;

const entityInput = zod.object({
  entityRef: zod
    .string({ error: 'entityRef is required' })
    .trim()
    .min(1, 'entityRef is required')
    .max(300, 'entityRef is longer than 300 characters'),
  limit: zod
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(10, 'limit must be at most 10')
    .optional(),
});

const objectiveOutput = (z: any) =>
  z.object({
    id: z.string(),
    entityRef: z.string(),
    state: z.string(),
    target: z.number(),
    attainment: z.number().nullable(),
    budgetRemaining: z.number().nullable(),
    burnTiersFiring: z.array(
      z.object({
        tier: z.string(),
        severity: z.enum(['page', 'ticket']),
        threshold: z.number(),
        longBurnRate: z.number().nullable(),
        shortBurnRate: z.number().nullable(),
      }),
    ),
    frozen: z.boolean(),
    exhaustedSince: z.string().nullable(),
    stale: z.boolean(),
    window: z.object({ from: z.string(), to: z.string() }),
  });

const deploymentOutput = (z: any) =>
  z.object({
    id: z.string(),
    source: z.string(),
    environment: z.string(),
    status: z.string(),
    finishedAt: z.string().nullable().optional(),
    version: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
  });

/**
 * The SLO plugin for agents (MCP actions): `slo:status`, an entity's objectives and
 * error budget policy, and `slo:why-frozen`, the burns that consumed the most budget
 * and the production deployments made in or just before them. Both read with the
 * caller's credentials and the `slo.objectives.read` permission, as the HTTP API does.
 */
export function registerSloActions(
  actionsRegistry: ActionsRegistryService,
  options: {
    service: SloService;
    deployments: DeliveryDeployments;
    productionEnvironments: string[];
  },
) {
  const { service } = options;
  const read = async (input: unknown, credentials: any) => {
    const { entityRef, limit } = parse(entityInput, input);
    await service.authorize(sloObjectivesReadPermission, credentials);
    const ref = normaliseEntityRef(entityRef);
    return { ref, limit, response: await service.objectives(ref, credentials) };
  };

  actionsRegistry.register({
    name: 'status',
    title: "An entity's SLO status",
    description:
      'The service level objectives of a catalog entity (component:default/name): per ' +
      'objective its target, attainment over the window, error budget remaining, the ' +
      'burn-rate alert tiers firing, whether it freezes deploys and since when, and ' +
      'whether the figures are stale (the metric source failed; last good figures).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('component:default/name'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          frozen: z.boolean(),
          frozenSince: z.string().nullable(),
          stale: z.boolean(),
          metricSourceConfigured: z.boolean(),
          objectives: z.array(objectiveOutput(z)),
          definitionErrors: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const { response } = await read(input, credentials);
      return { output: statusSummary(response) as any };
    },
  });

  actionsRegistry.register({
    name: 'why-frozen',
    title: 'Why is this component frozen?',
    description:
      "Why a component's deploys are frozen (or not): its exhausted objectives, the " +
      'biggest burns in the objective windows (runs of steps burning the error budget ' +
      'faster than it can sustain, by share of budget consumed) and the successful ' +
      'production deployments that finished in each burn or the hour before it, from ' +
      'the delivery backend. "deploymentsChecked: false" means the delivery backend ' +
      'could not be asked, not that there were none.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('component:default/name'),
          limit: z
            .number()
            .optional()
            .describe('how many burns to explain, 1 to 10; default 3'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          frozen: z.boolean(),
          frozenSince: z.string().nullable(),
          exhaustedObjectives: z.array(z.string()),
          stale: z.boolean(),
          burns: z.array(
            z.object({
              entityRef: z.string(),
              objectiveId: z.string(),
              from: z.string(),
              to: z.string(),
              consumed: z.number(),
              peakBurnRate: z.number(),
              deployments: z.array(deploymentOutput(z)),
              explanation: z.string(),
            }),
          ),
          deploymentsChecked: z.boolean(),
          summary: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { ref, limit, response } = await read(input, credentials);
      const status = statusSummary(response);
      const burns = biggestBurns(
        response.objectives.map(o => ({
          entityRef: o.entityRef,
          objectiveId: o.id,
          budget: o.budget.total,
          windowFrom: o.window.from,
          windowTo: o.window.to,
          indicatorSeries: o.indicatorSeries,
        })),
        { limit: limit ?? 3 },
      );
      const window = deploymentWindow(burns, BURN_LOOKBACK_MS);
      const deployments = window
        ? await options.deployments.started(ref, window)
        : { items: [], truncated: false };
      const explained = explainBurns(burns, deployments?.items, {
        productionEnvironments: options.productionEnvironments,
        lookbackMs: BURN_LOOKBACK_MS,
      });
      const exhausted = status.objectives.filter(o => o.frozen).map(o => o.id);
      return {
        output: {
          entityRef: ref,
          frozen: status.frozen,
          frozenSince: status.frozenSince,
          exhaustedObjectives: exhausted,
          stale: status.stale,
          burns: explained,
          deploymentsChecked: deployments !== undefined,
          summary: whyFrozenSummary(ref, { ...status, exhausted }, explained),
        } as any,
      };
    },
  });
}
