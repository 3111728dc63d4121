import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEPLOY_KINDS,
  GateRulesConfig,
} from '@internal/backstage-plugin-deploy-gate-common';
import { PolicySource } from './policy/PolicySource';
import { GateService } from './service/GateService';
import {
  decisionRequestSchema,
  ownerSchema,
  parseInput,
} from './service/requests';
import { teamPolicies } from './service/teamPolicies';

const policyOutput = (z: any) =>
  z.object({
    frozen: z.boolean(),
    since: z.string().optional(),
    budgetRemaining: z.number().optional(),
    stale: z.boolean().optional(),
    asOf: z.string().optional(),
  });

/**
 * The gate for agents (MCP actions): a dry run of a decision, never stored, and a
 * team's frozen components. Inputs go through the same validation as the HTTP API.
 */
export function registerDeployGateActions(
  actionsRegistry: ActionsRegistryService,
  options: {
    gate: GateService;
    catalog: CatalogService;
    policies: PolicySource;
    rules: GateRulesConfig;
  },
) {
  actionsRegistry.register({
    name: 'would-allow',
    title: 'Would the deploy gate allow this deploy now?',
    description:
      'A dry run of the deploy gate (not stored): allow, warn or deny for a deploy of a ' +
      'component to an environment, with the reasons (an exhausted error budget freezes ' +
      'ordinary production deploys; rollbacks and remediations of an open incident pass) and ' +
      'the error budget policy it was decided on.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('component:default/name'),
          environment: z.string().describe('e.g. production'),
          kind: z
            .enum(DEPLOY_KINDS)
            .optional()
            .describe('default deploy; hotfix is gated like deploy'),
          remediates: z
            .string()
            .optional()
            .describe('id of the incident this deploy remediates'),
        }),
      output: z =>
        z.object({
          decision: z.enum(['allow', 'warn', 'deny']),
          reasons: z.array(
            z.object({
              code: z.string(),
              message: z.string(),
              objectiveId: z.string().optional(),
              link: z.string().optional(),
            }),
          ),
          policy: policyOutput(z),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await options.gate.decide(
        parseInput(decisionRequestSchema, input),
        credentials,
        { dryRun: true },
      ),
    }),
  });

  actionsRegistry.register({
    name: 'frozen-components',
    title: 'Frozen components of a team',
    description:
      'The components a group owns (its descendant groups included) whose error budget ' +
      'policy freezes ordinary production deploys, and the policy of each of its ' +
      'components; stale marks figures from before an SLO backend outage.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z.string().describe('group:default/name'),
        }),
      output: z =>
        z.object({
          owner: z.string(),
          frozen: z
            .array(z.string())
            .describe('entity refs of frozen components'),
          components: z.array(
            z.object({
              entityRef: z.string(),
              policy: policyOutput(z),
              hasFigures: z.boolean(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { owner } = parseInput(ownerSchema, input);
      const components = await teamPolicies(owner, {
        catalog: options.catalog,
        credentials,
        policies: options.policies,
        rules: options.rules,
      });
      return {
        output: {
          owner,
          frozen: components.filter(c => c.policy.frozen).map(c => c.entityRef),
          components,
        },
      };
    },
  });
}
