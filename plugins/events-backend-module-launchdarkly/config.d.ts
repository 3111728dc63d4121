export interface Config {
  delivery?: {
    /** The LaunchDarkly source of the delivery plugin. */
    launchdarkly?: {
      /** LaunchDarkly webhooks, received on `POST /api/events/http/launchdarkly`. */
      webhook?: {
        /**
         * The secret of each LaunchDarkly webhook that delivers here (one per
         * webhook; "Sign this webhook" on). A delivery is accepted when its
         * `X-LD-Signature` is the HMAC-SHA256 of its body under one of these.
         * Without any, the source is off: every delivery is refused (401).
         * @visibility secret
         */
        secrets?: string[];
      };
    };
  };
}
