/*
 * Reads behind GET /deployment-health and GET /rollout-burn: the production
 * deployments of a window with what names them failed, and one rollout by identity.
 */
import {
  DeploymentPhase,
  failureEvidence,
  FailureEvidence,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { loadFailureEvents } from './failureReads';
import { phasesOf } from './phases';
import { DeploymentRow, deploymentBasics, toIso } from './rows';

/** A production deployment (a rollout's primary report) as the verdicts read it. */
export interface HealthDeployment {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  /** UTC ISO-8601. */
  finishedAt: string;
  /** The steps of its progressive rollout, in start order, when it had them. */
  phases?: DeploymentPhase[];
}

/** A deployment with the phases of its rollout (none for an all-at-once one). */
export interface RolloutRead {
  source: string;
  id: string;
  entityRef: string;
  phases: DeploymentPhase[];
}

export class ProgressiveReads {
  constructor(
    private readonly knex: Knex,
    private readonly productionEnvironments: string[],
  ) {}

  /**
   * The successful production deployments (DORA's deployments: primaries only) of the
   * components finished in [from, to) (epoch ms), newest first, at most `limit`.
   */
  async productionDeployments(scope: {
    entityRefs: string[];
    from: number;
    to: number;
    limit: number;
  }): Promise<{ items: HealthDeployment[]; truncated: boolean }> {
    if (scope.entityRefs.length === 0) return { items: [], truncated: false };
    const rows: Array<DeploymentRow> = await this.knex('dora_deployments as dd')
      .join('deployments as d', 'd.pk', 'dd.deployment_pk')
      .whereIn('dd.entity_ref', scope.entityRefs)
      .where('dd.finished_ms', '>=', scope.from)
      .where('dd.finished_ms', '<', scope.to)
      .select('d.*')
      .orderBy([
        { column: 'dd.finished_ms', order: 'desc' },
        { column: 'd.pk', order: 'desc' },
      ])
      .limit(scope.limit + 1);
    const page = rows.slice(0, scope.limit);
    const phases = await phasesOf(
      this.knex,
      page.map(row => Number(row.pk)),
    );
    return {
      items: page.map(row => {
        const { source, id, entityRef, environment } = deploymentBasics(row);
        const own = phases.get(Number(row.pk));
        return {
          source,
          id,
          entityRef,
          environment,
          finishedAt: toIso(row.finished_at)!,
          ...(own ? { phases: own } : {}),
        };
      }),
      truncated: rows.length > scope.limit,
    };
  }

  /**
   * What names each deployment of the window failed, by rollout key: the incidents
   * naming it and the production deployments rolling it back (the change failure
   * rate's reads, without incident attribution: a verdict rests on what names it).
   */
  async failureEvidence(scope: {
    entityRefs: string[];
    from: number;
    to: number;
  }): Promise<Map<string, FailureEvidence>> {
    const events = await loadFailureEvents(this.knex, scope);
    return failureEvidence({
      ...events,
      productionEnvironments: this.productionEnvironments,
    });
  }

  /**
   * One deployment of the components by identity, with the phases of its rollout: its
   * own, or else those another report of the same rollout carries (e.g. Argo
   * Rollouts' report of a rollout the CI pipeline reported first). Undefined when
   * the components have no such deployment.
   */
  async rollout(query: {
    entityRefs: string[];
    source: string;
    id: string;
  }): Promise<RolloutRead | undefined> {
    if (query.entityRefs.length === 0) return undefined;
    const row: DeploymentRow | undefined = await this.knex('deployments')
      .whereIn('entity_ref', query.entityRefs)
      .where({ source: query.source, external_id: query.id })
      .first();
    if (!row) return undefined;
    const pk = Number(row.pk);
    const primary = row.duplicate_of ? Number(row.duplicate_of) : pk;
    // Its own report first, then the primary, then the primary's other reports.
    const reports: Array<{ pk: number | string }> = await this.knex(
      'deployments',
    )
      .where('pk', primary)
      .orWhere('duplicate_of', primary)
      .select('pk')
      .orderBy('pk');
    const order = [
      pk,
      primary,
      ...reports.map(r => Number(r.pk)).filter(p => p !== pk && p !== primary),
    ];
    const phases = await phasesOf(this.knex, order);
    const found = order.map(p => phases.get(p)).find(list => !!list?.length);
    return {
      source: row.source,
      id: row.external_id,
      entityRef: row.entity_ref,
      phases: found ?? [],
    };
  }
}
