import {
  DecisionReason,
  DecisionRequest,
  DeployKind,
  GateDecision,
  PolicySummary,
  StoredDecision,
} from '@internal/backstage-plugin-deploy-gate-common';
import { Knex } from 'knex';

const TABLE = 'deploy_gate_decisions';

interface DecisionRow {
  decision_id: string;
  created_at: Date | string;
  entity_ref: string;
  environment: string;
  kind: string;
  decision: string;
  principal: string;
  requested_by: string | null;
  override_by: string | null;
  override_reason: string | null;
  request: string;
  reasons: string;
  policy: string;
}

/** Every decision the gate took, newest first on read. */
export class DecisionStore {
  constructor(private readonly knex: Knex) {}

  async record(decision: StoredDecision): Promise<void> {
    await this.knex<DecisionRow>(TABLE).insert({
      decision_id: decision.decisionId,
      created_at: new Date(decision.createdAt),
      entity_ref: decision.entityRef,
      environment: decision.environment,
      kind: decision.kind,
      decision: decision.decision,
      principal: decision.principal,
      requested_by: decision.request.requestedBy ?? null,
      override_by: decision.override?.by ?? null,
      override_reason: decision.override?.reason ?? null,
      request: JSON.stringify(decision.request),
      reasons: JSON.stringify(decision.reasons),
      policy: JSON.stringify(decision.policy),
    });
  }

  /** Decisions per component taken at or after `since`; components without any are 0. */
  async countSince(
    entityRefs: string[],
    since: Date,
  ): Promise<Map<string, number>> {
    const counts = new Map(entityRefs.map(ref => [ref, 0]));
    // Chunks stay under SQLite's and PostgreSQL's parameter limits.
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.knex<DecisionRow>(TABLE)
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .where('created_at', '>=', since)
        .groupBy('entity_ref')
        .select('entity_ref', { count: this.knex.raw('count(*)') });
      for (const row of rows as unknown as Array<{
        entity_ref: string;
        count: number | string;
      }>) {
        counts.set(row.entity_ref, Number(row.count));
      }
    }
    return counts;
  }

  async list(options: {
    entityRef?: string;
    limit: number;
  }): Promise<StoredDecision[]> {
    const query = this.knex<DecisionRow>(TABLE)
      .orderBy('seq', 'desc')
      .limit(options.limit);
    if (options.entityRef) query.where('entity_ref', options.entityRef);
    return (await query).map(toDecision);
  }
}

function toDecision(row: DecisionRow): StoredDecision {
  return {
    decisionId: row.decision_id,
    // SQLite hands back what it stored (epoch ms or text), PostgreSQL a Date.
    createdAt: new Date(row.created_at).toISOString(),
    entityRef: row.entity_ref,
    environment: row.environment,
    kind: row.kind as DeployKind,
    decision: row.decision as GateDecision,
    principal: row.principal,
    request: JSON.parse(row.request) as DecisionRequest,
    reasons: JSON.parse(row.reasons) as DecisionReason[],
    policy: JSON.parse(row.policy) as PolicySummary,
    ...(row.override_by
      ? { override: { by: row.override_by, reason: row.override_reason ?? '' } }
      : {}),
  };
}
