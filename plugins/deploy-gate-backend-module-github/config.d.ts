import { HumanDuration } from '@backstage/types';

export interface Config {
  deployGate?: {
    /**
     * GitHub custom deployment protection rules answered by the deploy gate: see
     * plugins/deploy-gate-backend-module-github/README.md. The webhook secret is
     * `events.modules.github.webhookSecret`; the GitHub App (its id, private key) is
     * an `integrations.github[].apps` entry.
     */
    github?: {
      /** How a review GitHub could not take (5xx, 429, network) is posted again. */
      retry?: {
        /**
         * Attempts per review, the first included; then the review shows as failed
         * on `GET /api/deploy-gate/sources`. Default 5.
         * @visibility backend
         */
        attempts?: number;
        /**
         * Wait before the second attempt; each later wait doubles (30 s, 1 min,
         * 2 min, 4 min by default). Default: 30 seconds. Example `{ seconds: 30 }`
         * or `PT30S`.
         * @visibility backend
         */
        backoff?: HumanDuration | string;
      };
      /**
       * How long a post to GitHub may take before it counts as failed (and is
       * retried). Default: 10 seconds.
       * @visibility backend
       */
      requestTimeout?: HumanDuration | string;
    };
  };
}
