import { rolloutKey } from '../dora/duplicates';
import { namedDeploymentSources } from '../dora/facts';
import type { DoraDeployment, DoraIncident } from '../dora/types';
import { productionEnvironmentSet } from '../production';

/** What says a deployment failed in production, by the DORA rule. */
export interface FailureEvidence {
  /** Incidents naming it (or one of its duplicate reports), in input order. */
  incidentIds: string[];
  /** Successful production deployments that rolled it back (their primary's id). */
  rolledBackBy: string[];
}

/**
 * The incidents naming each rollout and the deployments rolling it back, keyed by
 * the primary report's `rolloutKey`: the two things that make a deployment failed
 * for the change failure rate (DESIGN.md), as `deriveFacts` reads them. An incident
 * names a deployment of its own source, or, when its source ran none with that id
 * (PagerDuty, Opsgenie), of another source on the same component
 * (`namedDeploymentSources`); a reference to a duplicate report is one to its
 * rollout. Rollouts with neither are absent.
 */
export function failureEvidence(input: {
  deployments: DoraDeployment[];
  incidents: DoraIncident[];
  /** Each duplicate report's key to its primary's key (`findDuplicateRollouts`). */
  duplicateOf?: Map<string, string>;
  productionEnvironments?: string[];
}): Map<string, FailureEvidence> {
  const duplicateOf = input.duplicateOf ?? new Map<string, string>();
  const rolloutOf = (key: string) => duplicateOf.get(key) ?? key;
  const idOf = new Map(
    input.deployments.map(d => [rolloutKey(d.source, d.id), d.id]),
  );
  const found = new Map<string, FailureEvidence>();
  const add = (key: string, part: keyof FailureEvidence, id: string) => {
    const evidence = found.get(key) ?? { incidentIds: [], rolledBackBy: [] };
    if (!evidence[part].includes(id)) evidence[part].push(id);
    found.set(key, evidence);
  };

  const sourceOfNamed = namedDeploymentSources(input.deployments);
  for (const incident of input.incidents) {
    if (!incident.deploymentId) continue;
    const source = incident.deploymentSource ?? sourceOfNamed(incident);
    if (source === undefined) continue;
    add(
      rolloutOf(rolloutKey(source, incident.deploymentId)),
      'incidentIds',
      incident.id,
    );
  }

  const production = productionEnvironmentSet(input.productionEnvironments);
  for (const d of input.deployments) {
    if (
      !d.rollbackOf ||
      d.status !== 'success' ||
      !production.has(d.environment.toLowerCase())
    ) {
      continue;
    }
    const rollback = rolloutOf(rolloutKey(d.source, d.id));
    add(
      rolloutOf(rolloutKey(d.source, d.rollbackOf)),
      'rolledBackBy',
      idOf.get(rollback) ?? d.id,
    );
  }
  return found;
}
