/*
 * POST /component-facts {entityRefs, from?, to?}: each component's delivery over a
 * window (default the last 90 days) in one request, for batch readers such as the
 * maturity backend: the scorecards' DORA figures (`figuresOver`, never computed here
 * again) and the deployment counts, progressive delivery counts and data start of
 * `ComponentFactsReads`.
 */
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  COMPONENT_FACTS_DAYS,
  ComponentDeliveryFactsResponse,
  MAX_COMPONENT_FACTS_REFS,
  parseWindow,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import { parseEntityRefBatch, parseRequestPart } from '@internal/entity-scope';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ComponentFactsReads } from '../database/componentFactsReads';
import { lastDaysToNextHour, visibleComponents } from './componentBatch';
import { DeliveryService } from './DeliveryService';
import { ScorecardsService } from './scorecards';

const DAY_MS = 86_400_000;

const isoInstant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time, e.g. 2026-01-01T00:00:00Z',
});
const windowSchema = z
  .object({ from: isoInstant.optional(), to: isoInstant.optional() })
  .refine(w => !w.from === !w.to, {
    error: 'give both from and to, or neither',
    path: ['from'],
  })
  .refine(w => !w.from || !w.to || Date.parse(w.to) > Date.parse(w.from), {
    error: 'must be after from',
    path: ['to'],
  });

/** The default window: the last 90 days, ending at the next full hour. */
export const componentFactsWindow = (now: number) =>
  lastDaysToNextHour(now, COMPONENT_FACTS_DAYS);

export class ComponentFactsService {
  constructor(
    private readonly options: {
      reads: ComponentFactsReads;
      catalog: CatalogService;
      service: Pick<DeliveryService, 'authorize'>;
      scorecards: Pick<ScorecardsService, 'figuresOver'>;
      now?: () => number;
    },
  ) {}

  async facts(
    refs: string[],
    requested: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<ComponentDeliveryFactsResponse> {
    const { reads, catalog, service, scorecards } = this.options;
    const components = await visibleComponents(refs, credentials, {
      catalog,
      service,
    });
    const window =
      requested.from && requested.to
        ? parseWindow(requested.from, requested.to)
        : componentFactsWindow((this.options.now ?? Date.now)());
    const [figuresOf, counts, progressive, since] = await Promise.all([
      scorecards.figuresOver(components, window),
      reads.deploymentCounts(components, window),
      reads.progressiveCounts(components, window),
      reads.dataSince(components),
    ]);
    const items: ComponentDeliveryFactsResponse['items'] = Object.fromEntries(
      refs.map(ref => [ref, null]),
    );
    for (const ref of components) {
      const figures = await figuresOf([ref]);
      const count = counts.get(ref);
      const rollouts = progressive.get(ref);
      const dataSince = since.get(ref);
      items[ref] = {
        dataSince: dataSince === undefined ? null : utcIso(dataSince),
        deploymentsBySource: count?.bySource ?? {},
        productionDeployments: figures.deploymentFrequency.deployments,
        preProductionDeployments: count?.preProduction ?? 0,
        deploymentsPerDay: figures.deploymentFrequency.perDay,
        leadTimeMedianHours: figures.leadTimeForChanges.medianHours,
        changeFailureRate: {
          ratio: figures.changeFailureRate.ratio,
          band: figures.changeFailureRate.band,
        },
        recovery: {
          failures: figures.failedDeploymentRecoveryTime.failures,
          unrecovered: figures.failedDeploymentRecoveryTime.unrecovered,
          medianHours: figures.failedDeploymentRecoveryTime.medianHours,
          band: figures.failedDeploymentRecoveryTime.band,
        },
        phasedDeployments: rollouts?.phasedDeployments ?? 0,
        flagReleases: rollouts?.flagReleases ?? 0,
      };
    }
    return {
      from: utcIso(window.from),
      to: utcIso(window.to),
      windowDays: (window.to - window.from) / DAY_MS,
      items,
    };
  }
}

/** `POST /component-facts`. */
export function componentFactsRouter(
  facts: ComponentFactsService,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  router.post('/component-facts', express.json(), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const refs = parseEntityRefBatch(req.body, MAX_COMPONENT_FACTS_REFS);
    const window = parseRequestPart(windowSchema, {
      from: req.body.from,
      to: req.body.to,
    });
    res.json(await facts.facts(refs, window, credentials));
  });
  return router;
}
