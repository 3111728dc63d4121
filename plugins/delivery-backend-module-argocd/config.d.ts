import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * The Argo CD instances, in the shape the Roadie / community Argo CD plugin reads
   * (`argocd.appLocatorMethods[].instances[]`), so one block serves both plugins.
   */
  argocd?: {
    /**
     * Default Argo CD username for instances with neither a token nor their own
     * username; used with `password` to log in through `POST /api/v1/session`.
     * @visibility secret
     */
    username?: string;
    /**
     * Default password, with `username`.
     * @visibility secret
     */
    password?: string;
    appLocatorMethods?: Array<{
      /** Only `config` is read: instances listed here. */
      type: string;
      instances: Array<{
        /**
         * The name catalog entities pick the instance by (`argocd/instance-name`) and
         * webhook bodies name it by; also the first part of every deployment id.
         */
        name: string;
        /** Base URL of the Argo CD server (API and web UI), e.g. `https://argocd.example.com`. */
        url: string;
        /**
         * API token (`argocd account generate-token`); sent as a bearer token.
         * Takes precedence over username and password.
         * @visibility secret
         */
        token?: string;
        /**
         * Username for this instance, with `password`.
         * @visibility secret
         */
        username?: string;
        /**
         * Password for this instance, with `username`.
         * @visibility secret
         */
        password?: string;
      }>;
    }>;
  };

  delivery?: {
    /** The Argo CD source of the delivery plugin. */
    argocd?: {
      /**
       * When the Argo CD API is pulled for what webhooks missed. Default: every 30
       * minutes, 10 minutes timeout, first run 1 minute after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Rules mapping an application's destination to an environment, tried in
       * order; the first whose patterns all match wins. Patterns compare whole
       * strings without case, `*` matching any characters. A rule needs at least
       * one pattern. When no rule matches, the environment is inferred from names
       * (see the README); `defaultEnvironment` when nothing tells.
       */
      environments?: Array<{
        /** The environment, e.g. `production`. */
        environment: string;
        /** Pattern for the Argo CD instance name. */
        instance?: string;
        /** Pattern for `spec.destination.server`, e.g. `https://prod-*.example.com`. */
        server?: string;
        /** Pattern for the cluster name, `spec.destination.name` (`in-cluster` for the local cluster). */
        cluster?: string;
        /** Pattern for `spec.destination.namespace`. */
        namespace?: string;
        /** Pattern for the application name. */
        app?: string;
        /** Pattern for the application's project. */
        project?: string;
      }>;
      /** Environment of a sync no rule maps and no name tells. Default: `unknown`. */
      defaultEnvironment?: string;
    };
  };
}
