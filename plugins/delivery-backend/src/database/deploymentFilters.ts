import { Knex } from 'knex';

/**
 * What the table's outcome filter can ask for: the run's status, or for a successful
 * run whether a later deployment rolled it back, it is itself a rollback, or it
 * remediates an incident (the frontend's `outcomeOf`, in that order).
 */
export const deploymentOutcomes = [
  'success',
  'failure',
  'cancelled',
  'in_progress',
  'rolled_back',
  'rollback',
  'remediation',
] as const;
export type DeploymentOutcome = (typeof deploymentOutcomes)[number];

export interface DeploymentFilters {
  source?: string;
  outcome?: DeploymentOutcome;
  /** Part of a version, or the start of a commit sha; any case. */
  search?: string;
}

/** The text for LIKE, lower-cased, with the user's own % and _ taken literally. */
const literal = (text: string) =>
  text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`);

/** Narrows a query over `deployments` (unaliased) to the table's filters. */
export function applyDeploymentFilters(
  qb: Knex.QueryBuilder,
  filters: DeploymentFilters,
): void {
  if (filters.source) qb.where('deployments.source', filters.source);
  const rolledBack = (sub: Knex.QueryBuilder) =>
    sub
      .select('r.pk')
      .from('deployments as r')
      .whereRaw(
        'r.source = deployments.source and r.rollback_of = deployments.external_id',
      );
  switch (filters.outcome) {
    case undefined:
      break;
    case 'failure':
    case 'cancelled':
    case 'in_progress':
      qb.where('deployments.status', filters.outcome);
      break;
    case 'rolled_back':
      qb.where('deployments.status', 'success').whereExists(rolledBack);
      break;
    case 'rollback':
      qb.where('deployments.status', 'success')
        .whereNotExists(rolledBack)
        .whereNotNull('deployments.rollback_of');
      break;
    case 'remediation':
      qb.where('deployments.status', 'success')
        .whereNotExists(rolledBack)
        .whereNull('deployments.rollback_of')
        .whereNotNull('deployments.remediates');
      break;
    case 'success':
      qb.where('deployments.status', 'success')
        .whereNotExists(rolledBack)
        .whereNull('deployments.rollback_of')
        .whereNull('deployments.remediates');
      break;
    default:
      throw new Error(`unknown outcome ${filters.outcome satisfies never}`);
  }
  if (filters.search) {
    const text = literal(filters.search);
    qb.where(match =>
      match
        .whereRaw(`lower(deployments.version) like ? escape '\\'`, [
          `%${text}%`,
        ])
        .orWhereExists(commit =>
          commit
            .select('c.sha')
            .from('deployment_commits as c')
            .whereRaw('c.deployment_pk = deployments.pk')
            .whereRaw(`lower(c.sha) like ? escape '\\'`, [`${text}%`]),
        ),
    );
  }
}
