export interface Config {
  goldenPaths?: {
    /**
     * Error budget policy checked by `golden-paths:policy:check-error-budget`.
     * Without it every template run passes the check. When several sources are set,
     * the system is frozen when any says so; a source that cannot be read refuses the
     * run (fail closed).
     */
    errorBudgetPolicy?: {
      /**
       * `slo-backend`: ask the SLO backend, `GET /api/slo/policy?entityRef=<systemRef>`.
       */
      source?: 'slo-backend';
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
