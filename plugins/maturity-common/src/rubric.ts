import { z } from 'zod';
import { checkKinds, CheckKindName, pillars } from './checks';

const kindNames = Object.keys(checkKinds) as [
  CheckKindName,
  ...CheckKindName[],
];

/** One check of a rubric: a kind of check with its parameters, at a level. */
export const rubricCheckSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
    error: 'must be lower-case words joined by -',
  }),
  title: z.string().min(1),
  pillar: z.enum(pillars),
  /** The level whose reaching needs this check. */
  level: z.number().int().min(1),
  kind: z.enum(kindNames),
  params: z.record(z.string(), z.unknown()).default({}),
  /** How much passing it matters; the next steps list the heaviest first. */
  weight: z.number().min(0).default(1),
  /** What to do to pass it, for the next-steps list. */
  remedy: z.string().optional(),
});

export const rubricSchema = z
  .object({
    name: z.string().min(1),
    /**
     * The component types (`spec.type`) the rubric rates; others (libraries, say) are
     * not rated rather than failed on deployments and SLOs they never have.
     */
    componentTypes: z
      .array(z.string().min(1))
      .min(1)
      .default(['service', 'website']),
    levels: z
      .array(
        z.object({
          level: z.number().int().min(1),
          name: z.string().min(1),
          description: z.string().optional(),
        }),
      )
      .min(1),
    checks: z.array(rubricCheckSchema).min(1),
  })
  .superRefine((rubric, ctx) => {
    rubric.levels.forEach((level, i) => {
      if (level.level !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'level'],
          message: `levels must be numbered 1, 2, 3... in order; expected ${
            i + 1
          }`,
        });
      }
    });
    const seen = new Set<string>();
    rubric.checks.forEach((check, i) => {
      if (seen.has(check.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['checks', i, 'id'],
          message: `duplicate check id ${check.id}`,
        });
      }
      seen.add(check.id);
      if (check.level > rubric.levels.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['checks', i, 'level'],
          message: `no level ${check.level} in this rubric`,
        });
      }
      const params = checkKinds[check.kind].params.safeParse(check.params);
      if (!params.success) {
        for (const issue of params.error.issues) {
          ctx.addIssue({
            code: 'custom',
            path: ['checks', i, 'params', ...issue.path.map(String)],
            message: issue.message,
          });
        }
      }
    });
  });

export type Rubric = z.infer<typeof rubricSchema>;
export type RubricCheck = z.infer<typeof rubricCheckSchema>;

/**
 * Whether the rubric rates a component of this type; a component without a type is
 * rated (the catalog requires one, so it is rare).
 */
export function ratesComponentType(
  rubric: Pick<Rubric, 'componentTypes'>,
  type: string | undefined,
): boolean {
  if (!type) return true;
  const wanted = type.toLocaleLowerCase('en-US');
  return rubric.componentTypes.some(
    t => t.toLocaleLowerCase('en-US') === wanted,
  );
}

/** Parses a rubric (from config or YAML), throwing one message naming each bad field. */
export function parseRubric(input: unknown): Rubric {
  const parsed = rubricSchema.safeParse(input);
  if (!parsed.success) {
    throw new TypeError(
      `Invalid maturity rubric: ${parsed.error.issues
        .map(i => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

const CI_SOURCES = ['github', 'gitlab', 'jenkins'];

/**
 * The rubric shipped by default: four levels over the maturity model's pillars
 * (collaboration, automation, observability, shift left) and DORA's delivery and
 * reliability figures.
 */
export const defaultRubric: Rubric = parseRubric({
  name: 'default',
  levels: [
    {
      level: 1,
      name: 'Repeatable',
      description:
        'Someone owns it, can be paged for it, and its deployments are reported by CI.',
    },
    {
      level: 2,
      name: 'Measured',
      description:
        'A quarter of delivery data, SLOs read from a metric source and alerting, tests before production.',
    },
    {
      level: 3,
      name: 'Reliable',
      description:
        'SLOs met two periods running, few failed changes recovered fast, on the current golden path, delivered through GitOps.',
    },
    {
      level: 4,
      name: 'Continuous',
      description:
        'Deploys daily with lead times under a day, releases progressively, and the pipeline asks the deploy gate.',
    },
  ],
  checks: [
    {
      id: 'owner',
      title: 'Owner set',
      pillar: 'collaboration',
      level: 1,
      kind: 'owner-set',
      weight: 3,
      remedy: 'Set spec.owner in catalog-info.yaml.',
    },
    {
      id: 'on-call',
      title: 'On-call source',
      pillar: 'collaboration',
      level: 1,
      kind: 'annotation-present',
      params: {
        annotations: [
          'pagerduty.com/service-id',
          'pagerduty.com/integration-key',
          'opsgenie.com/component-selector',
          'opsgenie.com/team',
        ],
      },
      weight: 2,
      remedy: 'Annotate the PagerDuty service or Opsgenie team that is paged.',
    },
    {
      id: 'ci-deployments',
      title: 'Deployments reported by CI',
      pillar: 'automation',
      level: 1,
      kind: 'deployments-reported',
      params: { sources: CI_SOURCES },
      weight: 3,
      remedy:
        'Annotate the repository (github.com/project-slug or gitlab.com/project-slug) so CI deployments are read.',
    },
    {
      id: 'runbook',
      title: 'Runbook linked',
      pillar: 'collaboration',
      level: 2,
      kind: 'link-present',
      params: { word: 'runbook' },
      remedy: 'Add a catalog link titled "Runbook".',
    },
    {
      id: 'delivery-history',
      title: 'DORA data for 90 days',
      pillar: 'delivery',
      level: 2,
      kind: 'delivery-history',
      params: { days: 90 },
      weight: 2,
      remedy:
        'Keep deployments reported; the figures need a quarter of history.',
    },
    {
      id: 'slo-source',
      title: 'An SLO with a metric source',
      pillar: 'observability',
      level: 2,
      kind: 'slo-with-source',
      weight: 3,
      remedy: 'Define an SLO and point it at a Prometheus query.',
    },
    {
      id: 'slo-alerts',
      title: 'Burn-rate alerts from the generated rules',
      pillar: 'observability',
      level: 2,
      kind: 'slo-alerting',
      remedy: 'Load the SLO backend’s generated rules into Prometheus.',
    },
    {
      id: 'tests-before-production',
      title: 'Tests and scans before production',
      pillar: 'shift-left',
      level: 2,
      kind: 'tests-before-production',
      weight: 2,
      remedy:
        'Deploy to staging before production, or adopt the golden path’s pipeline.',
    },
    {
      id: 'slos-met',
      title: 'SLOs met two periods running',
      pillar: 'reliability',
      level: 3,
      kind: 'slos-met',
      params: { periods: 2 },
      weight: 3,
      remedy: 'Follow the error budget policy: freeze features while burning.',
    },
    {
      id: 'change-failure-rate',
      title: 'Change failure rate high or better',
      pillar: 'reliability',
      level: 3,
      kind: 'change-failure-band',
      params: { atLeast: 'high' },
      weight: 2,
      remedy:
        'Catch failures before production: tests, canaries, the deploy gate.',
    },
    {
      id: 'recovery-time',
      title: 'Recovery time high or better',
      pillar: 'reliability',
      level: 3,
      kind: 'recovery-band',
      params: { atLeast: 'high' },
      weight: 2,
      remedy: 'Make rollback one click: keep the previous release deployable.',
    },
    {
      id: 'golden-path',
      title: 'Golden path current',
      pillar: 'automation',
      level: 3,
      kind: 'golden-path-current',
      params: { allow: 'minor' },
      remedy: 'Apply the golden path’s upgrade (Golden paths > drift report).',
    },
    {
      id: 'gitops',
      title: 'Delivered through GitOps',
      pillar: 'automation',
      level: 3,
      kind: 'deployments-reported',
      params: { sources: ['argocd'] },
      remedy: 'Sync production from Git with Argo CD.',
    },
    {
      id: 'deploys-daily',
      title: 'Deploys daily',
      pillar: 'delivery',
      level: 4,
      kind: 'deployment-frequency',
      params: { perDay: 1 },
      weight: 2,
      remedy: 'Ship smaller changes more often.',
    },
    {
      id: 'lead-time-day',
      title: 'Lead time under a day',
      pillar: 'delivery',
      level: 4,
      kind: 'lead-time',
      params: { hours: 24 },
      weight: 2,
      remedy: 'Review sooner and deploy on merge.',
    },
    {
      id: 'progressive-delivery',
      title: 'Progressive delivery or flags',
      pillar: 'automation',
      level: 4,
      kind: 'progressive-delivery',
      remedy:
        'Release with canary or blue-green rollouts, or behind feature flags.',
    },
    {
      id: 'deploy-gate',
      title: 'Deploy gate in the pipeline',
      pillar: 'shift-left',
      level: 4,
      kind: 'deploy-gate',
      remedy: 'Add the golden path’s gate job before production deploys.',
    },
  ],
});
