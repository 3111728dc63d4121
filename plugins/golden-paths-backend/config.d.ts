import { HumanDuration } from '@backstage/types';

export interface Config {
  goldenPaths?: {
    /**
     * Owner notifications: a component's owning team is told when the component falls a
     * major version (or more) behind its golden path's latest, and when it is back
     * within the major version (topic `golden-path-major-behind`). Once per episode,
     * across replicas.
     */
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /** How often drift is checked for notifications. Default 30 minutes. */
      frequency?: HumanDuration | string;
      /** Delay after start-up before the first check. Default 1 minute. */
      initialDelay?: HumanDuration | string;
    };
  };
}
