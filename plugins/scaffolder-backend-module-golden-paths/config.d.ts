export interface Config {
  goldenPaths?: {
    /**
     * Error budget policy checked by `golden-paths:policy:check-error-budget`.
     * Without it every template run passes the check.
     */
    errorBudgetPolicy?: {
      /** Systems whose policy is frozen, e.g. `system:default/order-management` or `order-management`. */
      frozenSystems?: string[];
      /** Asked with `GET <url>?system=<systemRef>`; answers `{"frozen": boolean, "reason"?: string}`. */
      url?: string;
      /**
       * Bearer token sent to `url`.
       * @visibility secret
       */
      token?: string;
    };
  };
}
