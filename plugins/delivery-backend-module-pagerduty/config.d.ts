import type { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  delivery?: {
    /** The PagerDuty source of the delivery plugin. See the module's README. */
    pagerduty?: {
      /**
       * A PagerDuty REST API key (read-only is enough), sent as `Token token=<key>`.
       * Needed for the scheduled pull, for `pagerduty.com/integration-key`
       * annotations and for deployment references; without it only webhooks are
       * read, from their payload alone.
       * @visibility secret
       */
      apiToken?: string;
      /**
       * The REST API's base URL: `https://api.pagerduty.com` (default) or, for an
       * account in the EU service region, `https://api.eu.pagerduty.com`.
       */
      apiBaseUrl?: string;
      /**
       * When the REST API is pulled for what webhooks missed. Default: every 30
       * minutes, 10 minutes timeout, first run 1 minute after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How far back each pull reads incidents (by creation time), e.g.
       * `{ days: 30 }` or `P30D`. At most 180 days (the API's longest range).
       * Default: 14 days.
       */
      lookback?: HumanDuration | string;
    };
  };
}
