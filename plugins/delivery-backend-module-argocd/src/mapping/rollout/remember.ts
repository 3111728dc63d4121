import { RolloutMemory } from '../../database/RolloutMemory';
import { syncOfRevision } from './attribution';
import { advanceFacts } from './facts';
import { RolloutObservation } from './observation';

/** Where an observation went. */
export interface Remembered {
  /** The sync the revision belongs to; undefined when none started before it. */
  deploymentId?: string;
  /** Syncs whose older revision of the Rollout the observed one replaced. */
  superseded: string[];
}

/**
 * Adds an observation of a Rollout to what the module knows of its revision, and
 * answers the sync (deployment id) the revision belongs to: the one it was
 * attributed to when first seen, else the application's sync that started it (see
 * `syncOfRevision`); nothing is kept when no sync of the application started before
 * the revision did. Older revisions of the Rollout that had not ended are marked
 * replaced from when this one began.
 */
export async function rememberObservation(
  memory: RolloutMemory,
  options: {
    /** `<instance>/<app namespace>/<app name>`. */
    application: string;
    /** The application's syncs, as `syncsOf` lists them. */
    syncs: { id: string; startedAt: string }[];
    observation: RolloutObservation;
  },
): Promise<Remembered> {
  const { application, syncs, observation } = options;
  const key = {
    application,
    rollout: `${observation.rollout.namespace}/${observation.rollout.name}`,
    revision: observation.revision,
  };
  const remembered = await memory.update(key, previous => {
    const facts = advanceFacts(previous?.facts, observation);
    const deploymentId =
      previous?.deploymentId ?? syncOfRevision(syncs, facts, observation.at);
    return deploymentId ? { deploymentId, facts } : undefined;
  });
  if (!remembered) return { superseded: [] };
  const first = remembered.facts.attempts[0];
  const began = first.startedAt ?? first.stepStartedAt['0'] ?? observation.at;
  return {
    deploymentId: remembered.deploymentId,
    superseded: (await memory.supersedeOlder(key, began)).filter(
      id => id !== remembered.deploymentId,
    ),
  };
}
