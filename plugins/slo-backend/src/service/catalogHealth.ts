/*
 * POST /catalog-health {entityRefs: [...]}: the catalog table's error budget column for
 * the rows on screen in one request: per component its worst objective's budget left,
 * whether it is frozen, and whether the figures are stale.
 */
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  CatalogSloHealthResponse,
  MAX_CATALOG_HEALTH_REFS,
  sloObjectivesReadPermission,
} from '@internal/backstage-plugin-slo-common';
import { parseEntityRefBatch } from '@internal/entity-scope';
import express from 'express';
import Router from 'express-promise-router';
import { SloService } from './SloService';

/** Components evaluated at once (their summaries are cached between requests). */
const CONCURRENCY = 4;

/** `POST /catalog-health`. */
export function catalogHealthRouter(
  service: Pick<SloService, 'authorize' | 'status'>,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  router.post('/catalog-health', express.json(), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await service.authorize(sloObjectivesReadPermission, credentials);
    const refs = parseEntityRefBatch(req.body, MAX_CATALOG_HEALTH_REFS);
    const items: CatalogSloHealthResponse['items'] = {};
    const one = async (ref: string) => {
      if (!ref.startsWith('component:')) return null;
      try {
        const status = await service.status(ref, credentials);
        return status.components.find(c => c.entityRef === ref) ?? null;
      } catch (error) {
        // Not in the catalog, or not visible to the caller: no figures.
        if (isError(error) && error.name === 'NotFoundError') return null;
        throw error;
      }
    };
    for (let i = 0; i < refs.length; i += CONCURRENCY) {
      const batch = refs.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(batch.map(one));
      batch.forEach((ref, j) => {
        items[ref] = answers[j];
      });
    }
    res.json({ items } satisfies CatalogSloHealthResponse);
  });
  return router;
}
