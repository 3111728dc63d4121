/*
 * Reads behind POST /component-facts that the DORA reads do not already answer: each
 * component's deployments by source (any environment and status, every source's report
 * of a rollout), its successful pre-production deployments, where its data starts, and
 * its progressive delivery (phased production rollouts, production flag releases).
 */
import { productionEnvironmentSet } from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { placeholders } from './chunks';

/** Entity refs per query: under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

export interface ComponentDeploymentCounts {
  /** Deployments finished in the window, any environment and status, by source. */
  bySource: Record<string, number>;
  /** Successful deployments to an environment that is not production. */
  preProduction: number;
}

/** A component's progressive delivery over a window. */
export interface ComponentProgressiveCounts {
  /**
   * Production rollouts finished in the window that carry phases (canary steps, a
   * blue-green switch...), any outcome; one per rollout however many sources reported
   * it with phases. Rollbacks derived from aborted rollouts are not counted.
   */
  phasedDeployments: number;
  /** Production flag releases (flags' is_release rows) at a time in the window. */
  flagReleases: number;
}

export class ComponentFactsReads {
  constructor(
    private readonly knex: Knex,
    private readonly productionEnvironments: string[],
  ) {}

  /** Counts per component of deployments finished in [from, to) (epoch ms). */
  async deploymentCounts(
    entityRefs: string[],
    window: { from: number; to: number },
  ): Promise<Map<string, ComponentDeploymentCounts>> {
    const production = [
      ...productionEnvironmentSet(this.productionEnvironments),
    ];
    const counts = new Map<string, ComponentDeploymentCounts>();
    const of = (ref: string) => {
      let entry = counts.get(ref);
      if (!entry) {
        entry = { bySource: {}, preProduction: 0 };
        counts.set(ref, entry);
      }
      return entry;
    };
    const isProduction =
      production.length > 0
        ? `lower(environment) in (${production.map(() => '?').join(', ')})`
        : '1 = 0';
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const rows: Array<Record<string, unknown>> = await this.knex(
        'deployments',
      )
        .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK))
        .where('finished_ms', '>=', window.from)
        .where('finished_ms', '<', window.to)
        .groupBy('entity_ref', 'source')
        .select('entity_ref', 'source', {
          deployments: this.knex.raw('count(*)'),
          preProduction: this.knex.raw(
            `sum(case when status = 'success' and not (${isProduction}) then 1 else 0 end)`,
            production,
          ),
        });
      for (const row of rows) {
        const entry = of(String(row.entity_ref));
        entry.bySource[String(row.source)] = Number(row.deployments);
        entry.preProduction += Number(row.preProduction ?? 0);
      }
    }
    return counts;
  }

  /**
   * Per component, its phased production rollouts finished in [from, to) and its
   * production flag releases at [from, to) (epoch ms); absent with neither.
   */
  async progressiveCounts(
    entityRefs: string[],
    window: { from: number; to: number },
  ): Promise<Map<string, ComponentProgressiveCounts>> {
    const production = [
      ...productionEnvironmentSet(this.productionEnvironments),
    ];
    const counts = new Map<string, ComponentProgressiveCounts>();
    if (production.length === 0) return counts;
    const of = (ref: string) => {
      let entry = counts.get(ref);
      if (!entry) {
        entry = { phasedDeployments: 0, flagReleases: 0 };
        counts.set(ref, entry);
      }
      return entry;
    };
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const refs = entityRefs.slice(i, i + CHUNK);
      const [phased, releases]: Array<Array<Record<string, unknown>>> =
        await Promise.all([
          this.knex('deployments as d')
            .whereIn('d.entity_ref', refs)
            .whereNull('d.derived_from')
            .where('d.finished_ms', '>=', window.from)
            .where('d.finished_ms', '<', window.to)
            .whereRaw(
              `lower(d.environment) in (${placeholders(production)})`,
              production,
            )
            .whereExists(phases =>
              phases
                .select(this.knex.raw('1'))
                .from('deployment_phases as p')
                .whereRaw('p.deployment_pk = d.pk'),
            )
            .groupBy('d.entity_ref')
            // A rollout reported by two sources counts once: its primary's pk.
            .select({
              entity_ref: 'd.entity_ref',
              n: this.knex.raw(
                'count(distinct coalesce(d.duplicate_of, d.pk))',
              ),
            }),
          this.knex('flags')
            .whereIn('entity_ref', refs)
            .where('is_release', 1)
            .where('at_ms', '>=', window.from)
            .where('at_ms', '<', window.to)
            .whereRaw(
              `lower(environment) in (${placeholders(production)})`,
              production,
            )
            .groupBy('entity_ref')
            .select('entity_ref', { n: this.knex.raw('count(*)') }),
        ]);
      for (const row of phased) {
        of(String(row.entity_ref)).phasedDeployments += Number(row.n);
      }
      for (const row of releases) {
        of(String(row.entity_ref)).flagReleases += Number(row.n);
      }
    }
    return counts;
  }

  /**
   * Per component, epoch ms of its earliest successful production deployment or
   * incident (as `earliestEventAt` counts for a set); absent without either.
   */
  async dataSince(entityRefs: string[]): Promise<Map<string, number>> {
    const since = new Map<string, number>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const refs = entityRefs.slice(i, i + CHUNK);
      const [deployments, incidents] = await Promise.all([
        this.knex('dora_deployments')
          .whereIn('entity_ref', refs)
          .groupBy('entity_ref')
          .select('entity_ref', { at: this.knex.raw('min(finished_ms)') }),
        this.knex('incidents')
          .whereIn('entity_ref', refs)
          .groupBy('entity_ref')
          .select('entity_ref', { at: this.knex.raw('min(opened_ms)') }),
      ]);
      for (const row of [...deployments, ...incidents]) {
        if (row.at === null || row.at === undefined) continue;
        const ref = String(row.entity_ref);
        const at = Number(row.at);
        since.set(ref, Math.min(since.get(ref) ?? at, at));
      }
    }
    return since;
  }
}
