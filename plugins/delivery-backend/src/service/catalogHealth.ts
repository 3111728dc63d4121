/*
 * POST /catalog-health {entityRefs: [...]}: the delivery columns of the catalog table for
 * the rows on screen, in one request: per component its DORA band over the last 90 days
 * (the worst of its four key metrics) and its latest production deployment.
 */
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CATALOG_HEALTH_DORA_DAYS,
  CatalogDeliveryHealthResponse,
  deliveryDoraReadPermission,
  deliveryEventsReadPermission,
  MAX_CATALOG_HEALTH_REFS,
  overallBand,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { loadLatestProductionDeployments } from '../database/latestProduction';
import { DeliveryService } from './DeliveryService';
import { parse } from './requests';
import { ScorecardsService } from './scorecards';

const entityRefs = z
  .array(
    z.string().refine(
      value => {
        try {
          parseEntityRef(value, { defaultKind: 'component' });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'each must be an entity ref, e.g. component:default/name' },
    ),
    { error: 'entityRefs must be an array of entity refs' },
  )
  .min(1, 'entityRefs must name at least one entity')
  .max(
    MAX_CATALOG_HEALTH_REFS,
    `entityRefs may name at most ${MAX_CATALOG_HEALTH_REFS} entities per request`,
  );

const bodySchema = z.object(
  { entityRefs },
  { error: 'body must be a JSON object {"entityRefs":[...]}' },
);

/**
 * The catalog column's window: the last 90 days, ending at the next full hour, so every
 * request within an hour asks the same question.
 */
export function catalogHealthWindow(now: number) {
  const to = DateTime.fromMillis(now, { zone: 'utc' })
    .startOf('hour')
    .plus({ hours: 1 });
  return {
    from: to.minus({ days: CATALOG_HEALTH_DORA_DAYS }).toMillis(),
    to: to.toMillis(),
  };
}

export class CatalogHealthService {
  constructor(
    private readonly options: {
      knex: Knex;
      catalog: CatalogService;
      service: Pick<DeliveryService, 'authorize'>;
      scorecards: Pick<ScorecardsService, 'figuresOver'>;
      productionEnvironments: string[];
      now?: () => number;
    },
  ) {}

  async health(
    requested: string[],
    credentials: BackstageCredentials,
  ): Promise<CatalogDeliveryHealthResponse> {
    const { knex, catalog, service, scorecards } = this.options;
    await service.authorize(deliveryDoraReadPermission, credentials);
    await service.authorize(deliveryEventsReadPermission, credentials);
    const refs = [
      ...new Set(
        requested.map(ref =>
          stringifyEntityRef(
            parseEntityRef(ref, { defaultKind: 'component' }),
          ).toLowerCase(),
        ),
      ),
    ];
    // Only components the caller can see get figures; the rest answer null.
    const { items: entities } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    const components = refs.filter(
      (_ref, i) => entities[i]?.kind.toLowerCase() === 'component',
    );
    const window = catalogHealthWindow((this.options.now ?? Date.now)());
    const [figuresOf, latest] = await Promise.all([
      scorecards.figuresOver(components, window),
      loadLatestProductionDeployments(knex, {
        entityRefs: components,
        productionEnvironments: this.options.productionEnvironments,
      }),
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
    const body = parse(bodySchema, req.body);
    res.json(await health.health(body.entityRefs, credentials));
  });
  return router;
}
