export interface Config {
  delivery?: {
    /** The Opsgenie source of the delivery plugin. */
    opsgenie?: {
      /** The Opsgenie Webhook integration, on `POST /api/events/http/opsgenie`. */
      webhook?: {
        /**
         * The shared secret Opsgenie sends in the header below (a custom header of
         * the Webhook integration), or as the password of basic authentication in
         * the webhook URL. Without it every delivery is refused.
         * @visibility secret
         */
        token?: string;
        /** The header carrying the token. Default: `X-Opsgenie-Token`. */
        header?: string;
      };
    };
  };
}
