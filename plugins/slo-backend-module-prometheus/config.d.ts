import type { HumanDuration } from '@backstage/types';

export interface Config {
  slo?: {
    /** Prometheus-compatible metric sources of the SLO plugin. See the module's README. */
    prometheus?: {
      /**
       * One entry per Prometheus, Thanos Query or Mimir/Cortex endpoint. Each becomes a
       * metric source with id `prometheus:<name>`.
       */
      instances?: Array<{
        /**
         * Unique name (letters, digits, `.`, `_`, `-`); the source id is
         * `prometheus:<name>`. Default: `default`.
         */
        name?: string;
        /**
         * Base URL of the HTTP API, without `/api/v1`: `http://prometheus:9090`,
         * `http://thanos-query:10902`, `https://mimir.example.com/prometheus`.
         */
        baseUrl: string;
        /**
         * Where people open the source's UI (links next to each figure, sent by the
         * SLO API as the objective's `source.url`). Default: baseUrl.
         */
        uiUrl?: string;
        /**
         * Sent as `Authorization: Bearer <token>` with every query.
         * @visibility secret
         */
        bearerToken?: string;
        /**
         * Extra request headers, e.g. `X-Scope-OrgID` for Mimir tenants or a basic
         * `Authorization` header.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /**
         * Query timeout, sent to the server as `timeout` (the client waits 5 s
         * longer). `30s`, `PT1M` or `{ seconds: 30 }`. Default: 30 seconds.
         */
        queryTimeout?: HumanDuration | string;
        /**
         * Thanos: set `false` to send `partial_response=false`, so a query fails when a
         * store does not answer instead of returning incomplete counts. Unset: the
         * parameter is not sent (Prometheus and Mimir ignore it anyway).
         */
        partialResponse?: boolean;
        /**
         * Queries in flight at once against this instance; more wait in line (a cold
         * cache evaluates many objectives at once; Mimir answers 429 beyond its
         * per-tenant limit). Default: 8.
         */
        maxConcurrentQueries?: number;
      }>;
    };
  };
}
