/*
 * What the maturity checks read of one component, gathered by the backend from the
 * catalog and the portal's own backends. A domain that could not be asked (its backend
 * down, or not installed) is absent: its checks answer `unknown`, never `fail`.
 */

/** DORA bands as the delivery backend names them. */
export type MaturityBand = 'elite' | 'high' | 'medium' | 'low' | 'unknown';

/** The catalog's view: always known, the component came from the catalog. */
export interface CatalogFacts {
  owner?: string;
  annotations: Record<string, string>;
  links: { url: string; title?: string; type?: string }[];
}

/** The delivery backend's view of the last `windowDays` days. */
export interface DeliveryFacts {
  windowDays: number;
  /** When the component's delivery data starts (earliest event), ISO-8601. */
  dataSince?: string;
  /** Deployments of any environment and status, by source (github, argocd, ...). */
  deploymentsBySource: Record<string, number>;
  /** Successful production deployments (DORA's deployments). */
  productionDeployments: number;
  /** Successful deployments to a non-production environment before production. */
  preProductionDeployments: number;
  deploymentsPerDay: number;
  leadTimeMedianHours: number | null;
  changeFailureRate: { ratio: number | null; band: MaturityBand };
  recovery: {
    failures: number;
    unrecovered: number;
    medianHours: number | null;
    band: MaturityBand;
  };
}

/** One SLO objective's view from the SLO backend. */
export interface ObjectiveFacts {
  name: string;
  /** A metric source answers for it (not "no metric source configured"). */
  hasMetricSource: boolean;
  /** Burn-rate alerting rules are generated for it. */
  alerting: boolean;
  /** Met or not in the latest complete periods, newest first; null: no data. */
  periodsMet: (boolean | null)[];
}

export interface SloFacts {
  objectives: ObjectiveFacts[];
}

/** The golden-paths backend's view: the template the component was made from. */
export interface GoldenPathFacts {
  /** Absent when the component was not created from a golden path. */
  template?: string;
  version?: string;
  latestVersion?: string;
  /** How far behind the latest version: current, minor or major versions behind. */
  drift?: 'current' | 'minor' | 'major';
  /** The template's pipeline runs tests and scans before production. */
  testsAndScansBeforeProduction?: boolean;
}

/** The deploy gate's view of the last `windowDays` days. */
export interface DeployGateFacts {
  windowDays: number;
  /** Gate decisions asked for the component's deployments. */
  decisions: number;
}

/** Rollouts and flag releases (progressive delivery), once a source reports them. */
export interface ProgressiveDeliveryFacts {
  windowDays: number;
  /** Deployments with canary or blue-green phases. */
  phasedDeployments: number;
  /** Feature-flag releases. */
  flagReleases: number;
}

export interface ComponentFacts {
  entityRef: string;
  catalog: CatalogFacts;
  delivery?: DeliveryFacts;
  slo?: SloFacts;
  goldenPath?: GoldenPathFacts;
  deployGate?: DeployGateFacts;
  progressiveDelivery?: ProgressiveDeliveryFacts;
  /**
   * Domains a fact provider is installed for but whose facts of this component are
   * missing (its collection failed or answered none) or too old to use. A check that
   * does not apply without its provider answers unknown for these, never "not
   * applicable".
   */
  unavailable?: string[];
  /** Links to where each domain's evidence can be seen, keyed by domain. */
  links?: Partial<
    Record<'catalog' | 'delivery' | 'slo' | 'goldenPath' | 'deployGate', string>
  >;
}
