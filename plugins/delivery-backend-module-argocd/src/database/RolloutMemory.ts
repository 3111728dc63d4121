import { Knex } from 'knex';
import { hasEnded, RolloutFacts, supersede } from '../mapping/rollout/facts';

const TABLE = 'delivery_argocd_rollouts';

/** Bumped when `RolloutFacts` changes shape: rows of another format are ignored. */
const FORMAT = 1;

/** Ids per `whereIn`: under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/** One revision of one Rollout, and the sync it belongs to. */
export interface RememberedRevision {
  deploymentId: string;
  facts: RolloutFacts;
}

/** Where the module keeps what it learnt of each Rollout revision. */
export interface RolloutMemory {
  /**
   * Reads a revision's facts and writes what `update` makes of them, in one
   * transaction (the row locked on PostgreSQL, so a notification and a pull do not
   * overwrite each other's times). `update` answers undefined to write nothing.
   */
  update(
    key: { application: string; rollout: string; revision: string },
    update: (
      previous: RememberedRevision | undefined,
    ) => RememberedRevision | undefined,
  ): Promise<RememberedRevision | undefined>;
  /**
   * Marks the Rollout's older revisions that had not ended as replaced by `key`'s
   * revision at `at` (see `supersede`); answers the syncs whose facts changed.
   */
  supersedeOlder(
    key: { application: string; rollout: string; revision: string },
    at: string,
  ): Promise<string[]>;
  /** The facts of the revisions attributed to each of these syncs. */
  factsOf(deploymentIds: string[]): Promise<Map<string, RolloutFacts[]>>;
  /**
   * Forgets an application's revisions attributed to syncs other than `keep`: Argo
   * CD no longer tells of those syncs, so they are never sent again.
   */
  forgetOthers(application: string, keep: string[]): Promise<number>;
}

function parse(text: string): RolloutFacts | undefined {
  try {
    const stored = JSON.parse(text) as {
      format?: number;
      facts?: RolloutFacts;
    };
    return stored.format === FORMAT ? stored.facts : undefined;
  } catch {
    return undefined;
  }
}

const rolloutKey = (facts: RolloutFacts) =>
  `${facts.rollout.namespace}/${facts.rollout.name}`;

/** The memory in the delivery plugin's database (table `delivery_argocd_rollouts`). */
export class DatabaseRolloutMemory implements RolloutMemory {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async update(
    key: { application: string; rollout: string; revision: string },
    update: (
      previous: RememberedRevision | undefined,
    ) => RememberedRevision | undefined,
  ): Promise<RememberedRevision | undefined> {
    return this.knex.transaction(async tx => {
      const row = await tx(TABLE)
        .where(key)
        .forUpdate()
        .first('deployment_id', 'facts');
      const facts = row ? parse(row.facts) : undefined;
      const next = update(
        row && facts ? { deploymentId: row.deployment_id, facts } : undefined,
      );
      if (!next) return undefined;
      await tx(TABLE)
        .insert({
          ...key,
          deployment_id: next.deploymentId,
          facts: JSON.stringify({ format: FORMAT, facts: next.facts }),
          updated_at: this.now(),
        })
        .onConflict(['application', 'rollout', 'revision'])
        .merge();
      return next;
    });
  }

  async supersedeOlder(
    key: { application: string; rollout: string; revision: string },
    at: string,
  ): Promise<string[]> {
    return this.knex.transaction(async tx => {
      const rows = await tx(TABLE)
        .where({ application: key.application, rollout: key.rollout })
        .whereNot({ revision: key.revision })
        .forUpdate()
        .select('revision', 'deployment_id', 'facts');
      const changed: string[] = [];
      for (const row of rows) {
        const facts = parse(row.facts);
        if (
          !facts ||
          hasEnded(facts) ||
          !(Number(row.revision) < Number(key.revision))
        ) {
          continue;
        }
        await tx(TABLE)
          .where({ ...key, revision: row.revision })
          .update({
            facts: JSON.stringify({
              format: FORMAT,
              facts: supersede(facts, at),
            }),
            updated_at: this.now(),
          });
        changed.push(row.deployment_id);
      }
      return changed;
    });
  }

  async factsOf(deploymentIds: string[]): Promise<Map<string, RolloutFacts[]>> {
    const found = new Map<string, RolloutFacts[]>();
    const ids = [...new Set(deploymentIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.knex(TABLE)
        .whereIn('deployment_id', ids.slice(i, i + CHUNK))
        .orderBy(['rollout', 'revision'])
        .select('deployment_id', 'facts');
      for (const row of rows) {
        const facts = parse(row.facts);
        if (!facts) continue;
        const list = found.get(row.deployment_id) ?? [];
        // One revision per Rollout and sync: a later one (a second revision
        // attributed to the same sync) replaces the earlier.
        const index = list.findIndex(f => rolloutKey(f) === rolloutKey(facts));
        if (index < 0) list.push(facts);
        else if (Number(facts.revision) > Number(list[index].revision)) {
          list[index] = facts;
        }
        found.set(row.deployment_id, list);
      }
    }
    return found;
  }

  async forgetOthers(application: string, keep: string[]): Promise<number> {
    const rows = await this.knex(TABLE)
      .where({ application })
      .select('deployment_id');
    const kept = new Set(keep);
    const gone = [
      ...new Set(
        rows.map(r => r.deployment_id as string).filter(id => !kept.has(id)),
      ),
    ];
    let deleted = 0;
    for (let i = 0; i < gone.length; i += CHUNK) {
      deleted += await this.knex(TABLE)
        .where({ application })
        .whereIn('deployment_id', gone.slice(i, i + CHUNK))
        .delete();
    }
    return deleted;
  }
}
