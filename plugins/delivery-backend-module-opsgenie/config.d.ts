import type { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  delivery?: {
    /** The Opsgenie source of the delivery plugin. See the module's README. */
    opsgenie?: {
      /**
       * An Opsgenie API key with read access (an API integration's key), sent as
       * `Authorization: GenieKey <key>`. Without it the source is off.
       * @visibility secret
       */
      apiKey?: string;
      /**
       * The Opsgenie instance: `us` (https://api.opsgenie.com, default) or `eu`
       * (https://api.eu.opsgenie.com).
       */
      region?: 'us' | 'eu';
      /** Overrides the API base URL the region gives, e.g. for a proxy. */
      apiBaseUrl?: string;
      /**
       * Your Opsgenie web app, e.g. `https://acme.app.opsgenie.com`, for links from
       * incidents to their alerts. Without it incidents have no link.
       */
      webUrl?: string;
      /**
       * An Opsgenie alert search query every alert must also match to count as an
       * incident, e.g. `priority: P1 OR priority: P2`. Default: none (every alert
       * a component's selector matches).
       */
      query?: string;
      /**
       * When the Alert API is pulled. Default: every 30 minutes, 10 minutes
       * timeout, first run 1 minute after start. Webhook deliveries also start it.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How far back the first pull after a start reads alerts (by last update),
       * e.g. `{ days: 30 }` or `P30D`. Later pulls read what changed since the
       * previous one. Default: 14 days.
       */
      lookback?: HumanDuration | string;
    };
  };
}
