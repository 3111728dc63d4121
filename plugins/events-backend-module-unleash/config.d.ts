export interface Config {
  delivery?: {
    /** The Unleash source of the delivery plugin. */
    unleash?: {
      /** Unleash's Webhook integration, received on `POST /api/events/http/unleash`. */
      webhook?: {
        /**
         * The values of the Authorization header the Webhook integrations that
         * deliver here are configured with (the whole value, e.g. `Bearer <token>`;
         * one per integration or instance). A delivery is accepted when its
         * Authorization header is one of these exactly. Without any, the source is
         * off: every delivery is refused (401).
         * @visibility secret
         */
        secrets?: string[];
      };
    };
  };
}
