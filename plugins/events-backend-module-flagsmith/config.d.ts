export interface Config {
  delivery?: {
    /** The Flagsmith source of the delivery plugin. */
    flagsmith?: {
      /** Flagsmith environment webhooks, received on `POST /api/events/http/flagsmith`. */
      webhook?: {
        /**
         * The secret of each Flagsmith webhook that delivers here (one per
         * environment webhook). A delivery is accepted when its
         * `X-Flagsmith-Signature` is the HMAC-SHA256 of its body under one of
         * these. Without any, the source is off: every delivery is refused (401).
         * @visibility secret
         */
        secrets?: string[];
      };
    };
  };
}
