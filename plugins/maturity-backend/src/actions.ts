import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { EntityMaturityResponse } from '@internal/backstage-plugin-maturity-common';
import { MaturityService } from './service/MaturityService';
import { entityQuery, parse } from './service/requests';

const entityInput = (z: any) =>
  z.object({
    entityRef: z
      .string()
      .describe(
        'component:default/name, group:default/team or system:default/name',
      ),
  });

/** What an agent needs of a check: its verdict and evidence. */
const checkOutput = (z: any) =>
  z.object({
    id: z.string(),
    title: z.string(),
    level: z.number(),
    status: z.string(),
    evidence: z.string(),
    remedy: z.string().optional(),
  });

/** The next steps of an entity: a component's checks, or a group's ranked by components held back. */
export function nextStepsOf(response: EntityMaturityResponse) {
  if (response.kind === 'component') {
    const { maturity } = response;
    return {
      level: maturity.level,
      nextLevel: maturity.nextLevel ?? null,
      steps: maturity.nextSteps.map(s => ({
        id: s.id,
        title: s.title,
        status: s.status,
        evidence: s.evidence,
        remedy: s.remedy,
        holdingBack: 1,
      })),
    };
  }
  const { rollup } = response;
  const nextLevel =
    rollup.level === null || rollup.level >= response.levels.length
      ? null
      : rollup.level + 1;
  return {
    level: rollup.level,
    nextLevel,
    steps: rollup.nextSteps.map(s => ({
      id: s.id,
      title: s.title,
      status: 'fail',
      evidence: `holds back ${s.holdingBack} of ${rollup.components} components`,
      remedy: s.remedy,
      holdingBack: s.holdingBack,
    })),
  };
}

/**
 * Maturity for agents (MCP actions): `maturity:entity`, the level of a component, team
 * or system with its checks, and `maturity:next-steps`, what gets it to the next level.
 * Both read with the caller's credentials, as the HTTP API does.
 */
export function registerMaturityActions(
  actionsRegistry: ActionsRegistryService,
  service: MaturityService,
) {
  const read = async (input: unknown, credentials: any) => {
    const { entityRef } = parse(entityQuery, input);
    return service.entity(entityRef, credentials);
  };

  actionsRegistry.register({
    name: 'entity',
    title: 'Maturity of an entity',
    description:
      'The delivery maturity level of a catalog entity from evidence (component, team ' +
      'or system; a team pools its child teams): the level and its name, and for a ' +
      'component every check of the rubric with pass/fail/not-applicable/unknown and ' +
      'its evidence; for a team or system the levels of its components. Unknown means ' +
      'the source could not be asked, never a failure.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          kind: z.string(),
          level: z.number().nullable(),
          levelName: z.string().nullable(),
          checks: z.array(checkOutput(z)),
          components: z.array(
            z.object({ entityRef: z.string(), level: z.number() }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const response = await read(input, credentials);
      const level =
        response.kind === 'component'
          ? response.maturity.level
          : response.rollup.level;
      return {
        output: {
          entityRef: response.entityRef,
          kind: response.kind,
          level,
          levelName: (level && response.levels[level - 1]?.name) || null,
          checks:
            response.kind === 'component'
              ? response.maturity.checks.map(c => ({
                  id: c.id,
                  title: c.title,
                  level: c.level,
                  status: c.status,
                  evidence: c.evidence,
                  remedy: c.remedy,
                }))
              : [],
          components:
            response.kind === 'component'
              ? []
              : response.components.map(c => ({
                  entityRef: c.entityRef,
                  level: c.level,
                })),
        } as any,
      };
    },
  });

  actionsRegistry.register({
    name: 'next-steps',
    title: 'What gets this team to the next level',
    description:
      'What holds a component, team or system back from its next maturity level: the ' +
      "next level's checks it does not pass, most impactful first (for a team: by how " +
      'many of its components each holds back, then weight), with evidence and remedy.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          level: z.number().nullable(),
          nextLevel: z.number().nullable(),
          steps: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              status: z.string(),
              evidence: z.string(),
              remedy: z.string().optional(),
              holdingBack: z.number(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const response = await read(input, credentials);
      return {
        output: {
          entityRef: response.entityRef,
          ...nextStepsOf(response),
        } as any,
      };
    },
  });
}
