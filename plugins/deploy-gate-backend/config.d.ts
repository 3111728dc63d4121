import { HumanDuration } from '@backstage/types';

export interface Config {
  /** The deploy gate (`/api/deploy-gate`): see plugins/deploy-gate-backend/README.md. */
  deployGate?: {
    /**
     * Environment names the error budget policy gates, compared without case; deploys
     * to any other environment are allowed. Default: ['production'].
     * @visibility backend
     */
    productionEnvironments?: string[];
    /**
     * The decision when there are no SLO figures at all: the component has no
     * objective with data, or the SLO backend cannot answer and the gate has never seen
     * figures for it. Default: 'warn'.
     * @visibility backend
     */
    noFigures?: 'allow' | 'warn' | 'deny';
    /**
     * How long the gate waits for the SLO backend before it answers from the last good
     * policy it stored (marked stale), and for the delivery backend's answer about the
     * incident a remediation names (then the claim is trusted, with a warning).
     * Default: 3 seconds. Example: `{ seconds: 5 }`
     * or `PT5S`.
     * @visibility backend
     */
    policyTimeout?: HumanDuration | string;
  };
}
