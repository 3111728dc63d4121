import { RolloutMemory } from '../../database/RolloutMemory';
import { syncOfRevision } from './attribution';
import { advanceFacts } from './facts';
import { RolloutObservation } from './observation';

/**
 * Adds an observation of a Rollout to what the module knows of its revision, and
 * answers the sync (deployment id) the revision belongs to: the one it was
 * attributed to when first seen, else the application's sync that started it (see
 * `syncOfRevision`). Undefined, with nothing kept, when no sync of the application
 * started before the revision did.
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
): Promise<string | undefined> {
  const { application, syncs, observation } = options;
  const remembered = await memory.update(
    {
      application,
      rollout: `${observation.rollout.namespace}/${observation.rollout.name}`,
      revision: observation.revision,
    },
    previous => {
      const facts = advanceFacts(previous?.facts, observation);
      const deploymentId =
        previous?.deploymentId ?? syncOfRevision(syncs, facts, observation.at);
      return deploymentId ? { deploymentId, facts } : undefined;
    },
  );
  return remembered?.deploymentId;
}
