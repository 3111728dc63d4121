import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  sloObjectivesReadPermission,
  sloRulesReadPermission,
} from '@internal/backstage-plugin-slo-common';
import express from 'express';
import Router from 'express-promise-router';
import { stringify } from 'yaml';
import {
  deploymentImpactQuery,
  entityQuery,
  objectivesQuery,
  parse,
  policyQuery,
  rulesQuery,
} from './requests';
import { SloService } from './SloService';
import { catalogHealthRouter } from './catalogHealth';
import { componentFactsRouter } from './componentFacts';
import { intervalBurnRouter } from './intervalBurn';
import { normaliseEntityRef } from './entityScope';

export interface RouterOptions {
  service: SloService;
  httpAuth: HttpAuthService;
}

/** The SLO HTTP API (`/api/slo/...`); answers follow slo-common's api.ts. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth } = options;
  const router = Router();

  // Every route authenticates first (401 before any 400), then checks the permission.
  const authorized = async (
    req: express.Request,
    permission = sloObjectivesReadPermission,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await service.authorize(permission, credentials);
    return credentials;
  };

  router.get('/objectives', async (req, res) => {
    const credentials = await authorized(req);
    const query = parse(objectivesQuery, req.query);
    res.json(await service.objectives(query.entityRef, credentials, query.at));
  });

  router.get('/status', async (req, res) => {
    const credentials = await authorized(req);
    const query = parse(entityQuery, req.query);
    res.json(await service.status(query.entityRef, credentials));
  });

  router.get('/policy', async (req, res) => {
    const credentials = await authorized(req);
    const query = parse(policyQuery, req.query);
    // `system=order-management` means the system of that name.
    const ref =
      query.entityRef ?? normaliseEntityRef(query.system!, 'system', 'system');
    res.json(await service.policy(ref, credentials));
  });

  router.get('/deployment-impact', async (req, res) => {
    const credentials = await authorized(req);
    const query = parse(deploymentImpactQuery, req.query);
    res.json(
      await service.deploymentImpact(
        query.entityRef,
        query.deployments,
        query.hours,
        credentials,
      ),
    );
  });

  router.get('/rules', async (req, res) => {
    const credentials = await authorized(req, sloRulesReadPermission);
    const query = parse(rulesQuery, req.query);
    const rules = await service.rules(query.entityRef, credentials);
    if (query.format === 'yaml') {
      res
        .type('text/yaml')
        .send(
          `# SLO rules for ${rules.entityRef} from ${
            rules.source.id
          }${rules.warnings
            .map(w => `\n# warning: ${w}`)
            .join('')}\n${stringify({ groups: rules.groups })}`,
        );
      return;
    }
    res.json(rules);
  });

  router.use(catalogHealthRouter(service, httpAuth));
  router.use(componentFactsRouter(service, httpAuth));
  router.use(intervalBurnRouter(service, httpAuth));

  router.get('/openslo', async (req, res) => {
    const credentials = await authorized(req, sloRulesReadPermission);
    const query = parse(entityQuery, req.query);
    res
      .type('text/yaml')
      .send(await service.openslo(query.entityRef, credentials));
  });

  return router;
}
