export interface Config {
  delivery?: {
    /** The PagerDuty source of the delivery plugin. */
    pagerduty?: {
      /** Webhooks v3, received on `POST /api/events/http/pagerduty`. */
      webhook?: {
        /**
         * The signing secrets of the webhook subscriptions that deliver here (one
         * per subscription). A delivery is accepted when one of its
         * `X-PagerDuty-Signature` signatures is the HMAC-SHA256 of its body under
         * one of these. Without any, every delivery is refused.
         * @visibility secret
         */
        secrets?: string[];
        /**
         * How old an event (`event.occurred_at`) may be when it arrives; older
         * ones are refused as replays. PagerDuty retries a failed delivery for
         * about 20 minutes. Default: 30 minutes.
         */
        maxAge?:
          | {
              days?: number;
              hours?: number;
              minutes?: number;
              seconds?: number;
            }
          | string;
      };
    };
  };
}
