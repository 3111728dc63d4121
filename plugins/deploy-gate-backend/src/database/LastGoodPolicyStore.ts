import { PolicySnapshot } from '@internal/backstage-plugin-deploy-gate-common';
import { Knex } from 'knex';

const TABLE = 'deploy_gate_last_policy';

/** The last policy with figures the SLO backend gave per component, across restarts. */
export class LastGoodPolicyStore {
  constructor(private readonly knex: Knex) {}

  async save(entityRef: string, snapshot: PolicySnapshot): Promise<void> {
    await this.knex(TABLE)
      .insert({
        entity_ref: entityRef,
        as_of: new Date(snapshot.asOf),
        snapshot: JSON.stringify(snapshot),
      })
      .onConflict('entity_ref')
      .merge(['as_of', 'snapshot']);
  }

  async get(entityRef: string): Promise<PolicySnapshot | undefined> {
    const row = await this.knex(TABLE).where('entity_ref', entityRef).first();
    return row ? (JSON.parse(row.snapshot) as PolicySnapshot) : undefined;
  }
}
