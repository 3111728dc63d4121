/** At most this many entity refs per `POST /api/slo/component-facts`. */
export const MAX_COMPONENT_FACTS_REFS = 100;

/** One objective of a component as batch readers (the maturity backend) see it. */
export interface SloObjectiveFacts {
  id: string;
  /** A metric source answers for it (not "no metric source configured"). */
  hasMetricSource: boolean;
  /** Its source generates burn-rate alerting rules for it (`GET /rules`). */
  alerting: boolean;
  /** Met or not in its complete compliance periods, newest first; null: no data. */
  periodsMet: (boolean | null)[];
}

/** Answer of `POST /api/slo/component-facts {entityRefs}`. */
export interface ComponentSloFactsResponse {
  /** Null for refs that are not components the caller may see. */
  items: Record<string, { objectives: SloObjectiveFacts[] } | null>;
}
