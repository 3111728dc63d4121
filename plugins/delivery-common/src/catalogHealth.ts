import type { Band, DeploymentBasics } from './dora/types';

/** At most this many entity refs per `POST /catalog-health` (a catalog page's rows). */
export const MAX_CATALOG_HEALTH_REFS = 100;

/** Days of the DORA window of the catalog's health column. */
export const CATALOG_HEALTH_DORA_DAYS = 90;

/** A deployment run without its commits, as the timeline chart and the catalog show it. */
export interface DeploymentRun extends DeploymentBasics {
  finishedAt?: string;
  version?: string;
  url?: string;
  rollbackOf?: string;
  remediates?: string;
  /** Who or what started the run, when the source told. */
  triggeredBy?: string;
  /** A later deployment rolled it back. */
  rolledBack: boolean;
}

/**
 * The latest production deployment of a component (by start time, as the Deployments
 * table orders them), whatever its outcome.
 */
export type LatestProductionDeployment = DeploymentRun;

/** One component's delivery health, as the catalog table shows it. */
export interface CatalogDeliveryHealth {
  /** The worst band of the four key metrics (`overallBand`); unknown without deployments. */
  band: Band;
  bands: {
    deploymentFrequency: Band;
    leadTime: Band;
    changeFailureRate: Band;
    recoveryTime: Band;
  };
  /** Successful production deployments in the window. */
  deployments: number;
  /** Null when the component never deployed to production (as far as the sources tell). */
  lastProduction: LatestProductionDeployment | null;
}

/**
 * `POST /api/delivery/catalog-health` `{entityRefs}`: per requested ref (lower-cased) its
 * health, or null when the ref is not a component the caller can see.
 */
export interface CatalogDeliveryHealthResponse {
  /** The DORA window [from, to). */
  from: string;
  to: string;
  items: Record<string, CatalogDeliveryHealth | null>;
}
