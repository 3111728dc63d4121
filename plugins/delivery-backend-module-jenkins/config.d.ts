import type { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Jenkins instances, in the shape the community Jenkins backend plugin
   * (`@backstage-community/plugin-jenkins-backend`) reads, so Jenkins is configured
   * once: either a single instance at the top level (named `default`), or
   * `instances`, or both when none of the instances is named `default`.
   */
  jenkins?: {
    /** Base URL of the default instance, e.g. `https://jenkins.example.com`. */
    baseUrl?: string;
    /** User of the default instance, with `apiKey`. */
    username?: string;
    /**
     * API token of `username` on the default instance.
     * @visibility secret
     */
    apiKey?: string;
    /** Read for compatibility; this module only sends GET requests, which need no crumb. */
    crumbIssuer?: boolean;
    /** Headers added to every request to the default instance. */
    extraRequestHeaders?: {
      /** @visibility secret */
      Authorization?: string;
      /** @visibility secret */
      authorization?: string;
      [key: string]: string | undefined;
    };
    /** Named instances; `instanceName:job/full/name` annotations pick one. */
    instances?: Array<{
      /** Name used in annotations; `default` serves annotations without a prefix. */
      name: string;
      baseUrl: string;
      username?: string;
      /** @visibility secret */
      apiKey?: string;
      crumbIssuer?: boolean;
      extraRequestHeaders?: {
        /** @visibility secret */
        Authorization?: string;
        /** @visibility secret */
        authorization?: string;
        [key: string]: string | undefined;
      };
    }>;
  };

  delivery?: {
    /** The Jenkins source of the delivery plugin. */
    jenkins?: {
      /**
       * Which builds are deployments, and to which environment. Rules are tried in
       * order for each build of an annotated job; the first that gives an
       * environment wins. A build no rule gives an environment is not a deployment.
       */
      deployments?: Array<{
        /**
         * Pattern for the job: compared with its full name (`folder/job`), then with
         * its name (the last segment). A glob, whole string, without case, `*`
         * matching any characters; or a regular expression written `/.../` (flags
         * after the closing slash, e.g. `/^deploy-(.+)$/i`). Absent: every job.
         */
        job?: string;
        /**
         * The environment. With a regular expression `job`, `$1`, `$2`... stand for
         * its groups, e.g. `$1` for `/^deploy-(.+)$/`. With `parameter`, used when
         * the build has no value for that parameter.
         */
        environment?: string;
        /** A build parameter whose value names the environment, e.g. `DEPLOY_ENV`. */
        parameter?: string;
        /** A build parameter whose value is the version; default: the build's display name. */
        versionParameter?: string;
      }>;
      /**
       * What an UNSTABLE build (it ran through, but a step such as tests marked it
       * unstable) counts as. Default: `failure`.
       */
      unstable?: 'success' | 'failure';
      /**
       * When Jenkins is pulled. Default: every 30 minutes, 10 minutes timeout, first
       * run 1 minute after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How far back each pull reads builds (by start time), e.g. `{ days: 90 }` for
       * a backfill or `P7D`. Default: 7 days.
       */
      lookback?: HumanDuration | string;
      /** At most this many of the newest builds are read per job and pull. Default: 500. */
      maxBuildsPerJob?: number;
    };
  };
}
