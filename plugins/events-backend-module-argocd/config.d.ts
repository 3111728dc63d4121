export interface Config {
  delivery?: {
    /** The Argo CD source of the delivery plugin. */
    argocd?: {
      webhook?: {
        /**
         * The shared secret Argo CD's notifications webhook sends in the
         * `X-Delivery-Webhook-Secret` header. Without it every delivery to
         * `/api/events/http/argocd` is refused with 403.
         * @visibility secret
         */
        secret?: string;
      };
    };
  };
}
