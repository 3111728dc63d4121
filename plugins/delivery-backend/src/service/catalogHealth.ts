/*
 * POST /catalog-health {entityRefs: [...]}: the delivery columns of the catalog table for
 * the rows on screen, in one request: per component its DORA band over the last 90 days
 * (the worst of its four key metrics) and its latest production deployment.
 */
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CATALOG_HEALTH_DORA_DAYS,
  CatalogDeliveryHealthResponse,
  MAX_CATALOG_HEALTH_REFS,
  overallBand,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import express from 'express';
import Router from 'express-promise-router';
import { parseEntityRefBatch } from '@internal/entity-scope';
import { DeliveryReadStore } from '../database/stores';
import { lastDaysToNextHour, visibleComponents } from './componentBatch';
import { DeliveryService } from './DeliveryService';
import { ScorecardsService } from './scorecards';

/** The catalog column's window: the last 90 days, ending at the next full hour. */
export const catalogHealthWindow = (now: number) =>
  lastDaysToNextHour(now, CATALOG_HEALTH_DORA_DAYS);

export class CatalogHealthService {
  constructor(
    private readonly options: {
      store: Pick<DeliveryReadStore, 'latestProductionDeployments'>;
      catalog: CatalogService;
      service: Pick<DeliveryService, 'authorize'>;
      scorecards: Pick<ScorecardsService, 'figuresOver'>;
      now?: () => number;
    },
  ) {}

  async health(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<CatalogDeliveryHealthResponse> {
    const { store, catalog, service, scorecards } = this.options;
    // Only components the caller can see get figures; the rest null.
    const components = await visibleComponents(refs, credentials, {
      catalog,
      service,
    });
    const window = catalogHealthWindow((this.options.now ?? Date.now)());
    const [figuresOf, latest] = await Promise.all([
      scorecards.figuresOver(components, window),
      store.latestProductionDeployments(components),
    ]);
    const items: CatalogDeliveryHealthResponse['items'] = Object.fromEntries(
      refs.map(ref => [ref, null]),
    );
    for (const ref of components) {
      const figures = await figuresOf([ref]);
      items[ref] = {
        band: overallBand(figures),
        bands: {
          deploymentFrequency: figures.deploymentFrequency.band,
          leadTime: figures.leadTimeForChanges.band,
          changeFailureRate: figures.changeFailureRate.band,
          recoveryTime: figures.failedDeploymentRecoveryTime.band,
        },
        deployments: figures.deploymentFrequency.deployments,
        lastProduction: latest.get(ref) ?? null,
      };
    }
    return { from: utcIso(window.from), to: utcIso(window.to), items };
  }
}

/** `POST /catalog-health`. */
export function catalogHealthRouter(
  health: CatalogHealthService,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  router.post('/catalog-health', express.json(), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const refs = parseEntityRefBatch(req.body, MAX_CATALOG_HEALTH_REFS);
    res.json(await health.health(refs, credentials));
  });
  return router;
}
