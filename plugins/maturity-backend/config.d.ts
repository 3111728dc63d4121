import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Delivery maturity: the rubric, its collection of facts, initiatives. */
  maturity?: {
    /**
     * The rubric: numbered levels and checks (kind, params, level, pillar, weight,
     * remedy), validated at start (plugins/maturity-common `rubricSchema`); a bad one
     * stops the start naming each bad field. Default: the shipped four-level rubric
     * (README "Default rubric").
     */
    rubric?: {
      name: string;
      /**
       * The component types (`spec.type`) it rates, default service and website; other
       * components (libraries, say) are not rated: no level, left out of roll-ups.
       */
      componentTypes?: string[];
      levels: Array<{ level: number; name: string; description?: string }>;
      checks: Array<{
        id: string;
        title: string;
        pillar: string;
        level: number;
        kind: string;
        params?: { [key: string]: unknown };
        weight?: number;
        remedy?: string;
      }>;
    };
    /**
     * Initiatives: a target (a level, or checks to pass) for a scope (teams, systems,
     * tags) by a deadline, driven by owners (user or group refs). Validated at start.
     */
    initiatives?: Array<{
      id: string;
      title: string;
      description?: string;
      target: { level: number } | { checks: string[] };
      scope: { teams?: string[]; systems?: string[]; tags?: string[] };
      /** ISO-8601 date or date-time. */
      startsAt: string;
      /** ISO-8601 date or date-time, after startsAt. */
      deadline: string;
      owners?: string[];
    }>;
    /** When facts are collected from the catalog and the fact providers. */
    collection?: {
      /** Default 30 minutes. */
      frequency?: HumanDuration | string;
      /** Delay after start-up before the first run. Default 20 seconds. */
      initialDelay?: HumanDuration | string;
      /** Components per provider request. Default 100, at most 1000. */
      batchSize?: number;
      /**
       * A source that cannot be asked leaves its last good facts in use, marked stale,
       * for at most this long; after that its checks answer unknown. Default 7 days.
       */
      maxFactAge?: HumanDuration | string;
    };
    /**
     * Owner notifications of initiatives (topic `maturity-initiative`): the owning
     * teams of the components in scope and the initiative's owners are told when it
     * starts, a month and a week before its deadline, and when it is complete; once per
     * milestone, across replicas.
     */
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /** How often milestones are looked for. Default 1 hour. */
      frequency?: HumanDuration | string;
      /** Delay after start-up before the first look. Default 2 minutes. */
      initialDelay?: HumanDuration | string;
    };
  };
}
