import type { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/*
 * The secrets this module uses are declared (with `@visibility secret`) by the
 * packages that own them: the API tokens in `integrations.gitlab[].token`
 * (@backstage/integration) and the webhook secret in
 * `events.modules.gitlab.webhookSecret`
 * (@backstage/plugin-events-backend-module-gitlab). Webhooks are only processed when
 * that secret is set.
 */
export interface Config {
  delivery?: {
    /** The GitLab source of the delivery plugin. */
    gitlab?: {
      /**
       * When the GitLab API is pulled for what webhooks missed. Default: every 30
       * minutes, 10 minutes timeout, first run 1 minute after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How far back each pull reads deployments, pipelines and merge requests, by
       * their last update, e.g. `{ days: 90 }` for a backfill or `P7D`. Merge
       * requests are read this far back by the first pull after a start, then
       * since the last successful pull. Default: 7 days.
       */
      lookback?: HumanDuration | string;
      /**
       * Whether merge requests are read, from webhooks (Merge request events,
       * Comments) and the pull, as the changes whose lead-time stages (coding,
       * pickup, review, deploy) the delivery plugin shows. Each merge request read
       * costs at least four API requests (the merge request, its commits, notes and
       * diffs); the pull reads those updated since its last successful run.
       * Default: true.
       */
      mergeRequests?: boolean;
      /**
       * Pipelines that are deployments, for projects that deploy without GitLab
       * environments (jobs with an `environment:` already make GitLab deployments,
       * which are read as such; do not map their pipelines too). Rules are tried in
       * order; the first whose patterns all match gives the environment. Patterns
       * compare whole strings without case, `*` matching any characters. A rule
       * needs `ref`, `name` or `source`. Default: none, pipelines are ignored.
       */
      pipelines?: Array<{
        /** Pattern for the branch or tag, e.g. `main` or `v*`. */
        ref?: string;
        /** Pattern for the pipeline name (`workflow:name`), e.g. `Deploy *`. */
        name?: string;
        /** Pattern for the pipeline source, e.g. `push`, `web`, `schedule`. */
        source?: string;
        /** Environment the pipeline deploys to, e.g. `production`. */
        environment: string;
      }>;
    };
  };
}
