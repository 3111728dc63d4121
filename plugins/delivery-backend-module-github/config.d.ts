import type { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  delivery?: {
    /** The GitHub source of the delivery plugin. */
    github?: {
      /**
       * GitHub Actions workflows whose completed runs are deployments. A run of any
       * other workflow is ignored. Rules are tried in order; the first whose
       * patterns all match gives the environment. Patterns compare whole strings
       * without case, `*` matching any characters. A rule needs `name`, `path` or
       * both.
       */
      workflows?: Array<{
        /** Pattern for the workflow name, e.g. `Deploy` or `Deploy *`. */
        name?: string;
        /** Pattern for the workflow file, e.g. `.github/workflows/deploy-*.yml`. */
        path?: string;
        /** Environment the run deploys to, e.g. `production`. */
        environment: string;
      }>;
      /**
       * When the GitHub API is pulled for what webhooks missed. Default: every 30
       * minutes, 10 minutes timeout, first run 1 minute after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How far back each pull reads deployments and runs (by creation) and incident
       * issues (by last update), e.g. `{ days: 90 }` for a backfill or `P7D`.
       * Default: 7 days.
       */
      lookback?: HumanDuration | string;
      /**
       * A GitHub API request that has not answered after this long fails, and the
       * pull reports the source stale. Default: 30 seconds. Example: `{ seconds: 10 }`.
       */
      requestTimeout?: HumanDuration | string;
      /**
       * Incidents from GitHub issues: an issue (not a pull request) carrying `label`
       * is an incident of the components on its repository, opened when the issue
       * was created and resolved when it was closed. See the module's README.
       */
      incidents?: {
        /** Whether issues are read at all (webhook and pull). Default: true. */
        enabled?: boolean;
        /**
         * The label that makes an issue an incident, compared without case; must not
         * contain a comma. Default: `incident`.
         */
        label?: string;
      };
      /**
       * Changes from pull requests (the lead-time stages: coding, pickup, review,
       * deploy): `pull_request` and `pull_request_review` deliveries and the pull
       * read each pull request with its commits, reviews and, on repositories whose
       * components have `delivery.acme-portal.io/paths`, its files. Needs a token or
       * GitHub App with "Pull requests: read". See the module's README.
       */
      changes?: {
        /** Whether pull requests are read at all (webhook and pull). Default: true. */
        enabled?: boolean;
      };
    };
  };
}
