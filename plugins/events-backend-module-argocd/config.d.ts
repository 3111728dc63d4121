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
      /** Argo Rollouts, read through the Argo CD instances. */
      rollouts?: {
        webhook?: {
          /**
           * The shared secret Argo Rollouts' notifications webhook sends in the
           * `X-Delivery-Webhook-Secret` header. Without it every delivery to
           * `/api/events/http/argo-rollouts` is refused with 401.
           * @visibility secret
           */
          secret?: string;
        };
      };
    };
  };
}
