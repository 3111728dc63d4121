/*
 * POST /catalog-health {entityRefs: [...]}: the catalog table's error budget column for
 * the rows on screen in one request: per component its worst objective's budget left,
 * whether it is frozen, and whether the figures are stale.
 */
import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  CatalogSloHealthResponse,
  MAX_CATALOG_HEALTH_REFS,
  sloObjectivesReadPermission,
} from '@internal/backstage-plugin-slo-common';
import { parseEntityRefBatch } from '@internal/entity-scope';
import express from 'express';
import Router from 'express-promise-router';
import { SloService } from './SloService';

/** `POST /catalog-health`. */
export function catalogHealthRouter(
  service: Pick<SloService, 'authorize' | 'componentStatuses'>,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  router.post('/catalog-health', express.json(), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const refs = parseEntityRefBatch(req.body, MAX_CATALOG_HEALTH_REFS);
    // The permission is asked beside the catalog read rather than before it (one round
    // trip less on the catalog page); a denial still answers 403 and nothing else.
    const allowed = service.authorize(sloObjectivesReadPermission, credentials);
    const statuses = service.componentStatuses(refs, credentials);
    statuses.catch(() => {}); // awaited below, after the permission
    await allowed;
    const items = await statuses;
    res.json({ items } satisfies CatalogSloHealthResponse);
  });
  return router;
}
