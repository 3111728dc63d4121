import type {
  CatalogSloHealthResponse,
  DeploymentImpactResponse,
  ObjectivesResponse,
  PolicyResponse,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';

/** One deployment asked about in `/deployment-impact`. */
export interface DeploymentRef {
  /** Opaque id the answer repeats in `deploymentId` (the delivery key `source/id`). */
  id: string;
  /** When it finished (or started, while running), ISO-8601. */
  at: string;
}

/**
 * The SLO backend (`/api/slo`) as the frontend uses it; the answers are slo-common's
 * HTTP contract.
 *
 * @public
 */
export interface SloApi {
  getObjectives(request: { entityRef: string }): Promise<ObjectivesResponse>;
  getStatus(request: { entityRef: string }): Promise<StatusResponse>;
  getPolicy(request: { entityRef: string }): Promise<PolicyResponse>;
  /** The catalog table's error budget column for some components, in one request. */
  getCatalogHealth(entityRefs: string[]): Promise<CatalogSloHealthResponse>;
  getDeploymentImpact(request: {
    entityRef: string;
    deployments: DeploymentRef[];
  }): Promise<DeploymentImpactResponse>;
  /**
   * A document the backend renders for an entity: `openslo` (OpenSLO v1 YAML export) or
   * `rules` (Prometheus recording and alerting rules). Fetched with the user's
   * credentials, so the UI offers it as a download rather than a bare link.
   */
  getDocument(request: {
    entityRef: string;
    document: 'openslo' | 'rules';
  }): Promise<SloDocument>;
}

/** @public */
export interface SloDocument {
  text: string;
  contentType: string;
}
