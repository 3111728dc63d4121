import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailable,
  isTransientDatabaseError,
  PayloadTooLargeError,
  principalKey,
  RateLimit,
  RateLimiter,
  TooManyRequestsError,
} from './guards';
import {
  deliveryEventsCreatePermission,
  deliveryEventsReadPermission,
} from '@internal/backstage-plugin-delivery-common';
import express from 'express';
import Router from 'express-promise-router';
import { DEFAULT_BODY_LIMIT } from '../config';
import { DeliveryReadStore, DeliveryWriteStore } from '../database/stores';
import { DeliveryService } from './DeliveryService';
import { parseFlagListQuery } from './flagRequests';
import { ingestEvents } from './ingest';
import {
  parseDoraQuery,
  parseEventsBody,
  parseIncidentQuery,
  parseListQuery,
} from './requests';
import { CatalogHealthService, catalogHealthRouter } from './catalogHealth';
import { ChangesService } from './changes';
import { changesRouter } from './changesRouter';
import { ComponentFactsService, componentFactsRouter } from './componentFacts';
import { ProgressiveService } from './progressive';
import { progressiveRouter } from './progressiveRouter';
import { ScorecardsService } from './scorecards';
import { scorecardsRouter } from './scorecardsRouter';
import { SourceFreshness } from './sourceFreshness';
import { parseTimelineQuery, TimelineService } from './timeline';

export interface RouterOptions {
  /** Ingestion writes; reads only the unmatched-event list. */
  store: DeliveryWriteStore & Pick<DeliveryReadStore, 'listUnmatched'>;
  service: DeliveryService;
  httpAuth: HttpAuthService;
  /** GET /timeline, the deployment chart's buckets. */
  timeline?: TimelineService;
  /** GET /sources, per-source freshness. */
  sources?: { freshness(): Promise<SourceFreshness[]> };
  /** GET /scorecards and /scorecards/entity, the DORA card and scorecard pages. */
  scorecards?: ScorecardsService;
  /** GET /lead-time-breakdown, /change-flow and /changes: where lead time goes. */
  changes?: ChangesService;
  /** POST /catalog-health, the catalog table's delivery columns. */
  catalogHealth?: CatalogHealthService;
  /** POST /component-facts, a batch of components' delivery facts (maturity). */
  componentFacts?: ComponentFactsService;
  /** GET /deployment-health and /rollout-burn: verdicts and phase burns. */
  progressive?: ProgressiveService;
  /** Limits of POST /events (config `delivery.ingestion`); defaults as in config.ts. */
  ingestion?: { bodyLimit: string; rateLimit: RateLimit };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, service, httpAuth } = options;
  const { bodyLimit, rateLimit } = options.ingestion ?? {
    bodyLimit: DEFAULT_BODY_LIMIT,
    rateLimit: { requests: 0, windowMs: 60_000 },
  };
  const limiter = new RateLimiter(rateLimit);
  const router = Router();

  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  // Who is calling and whether they may, before the body is read: an unknown or
  // over-limit caller costs no parsing.
  router.post(
    '/events',
    async (req, res, next) => {
      const caller = await credentials(req);
      await service.authorize(deliveryEventsCreatePermission, caller);
      const taken = limiter.take(principalKey(caller));
      if (!taken.allowed) {
        res.setHeader('Retry-After', String(taken.retryAfterSeconds));
        throw new TooManyRequestsError(
          taken.retryAfterSeconds,
          rateLimit.requests,
          Math.round(rateLimit.windowMs / 1000),
        );
      }
      next();
    },
    express.json({ limit: bodyLimit }),
    async (req, res) => {
      res.json(await ingestEvents(store, parseEventsBody(req.body)));
    },
  );

  router.get('/dora', async (req, res) => {
    res.json(
      await service.dora(parseDoraQuery(req.query), await credentials(req)),
    );
  });

  for (const kind of ['deployments', 'incidents'] as const) {
    router.get(`/${kind}`, async (req, res) => {
      res.json(
        await service.list(
          kind,
          parseListQuery(req.query),
          await credentials(req),
        ),
      );
    });
  }

  router.get('/flags', async (req, res) => {
    res.json(
      await service.listFlags(
        parseFlagListQuery(req.query),
        await credentials(req),
      ),
    );
  });

  // One incident by its source id, open or resolved: the deploy gate's remediation check.
  router.get('/incident', async (req, res) => {
    const caller = await credentials(req);
    res.json(await service.incident(parseIncidentQuery(req.query), caller));
  });

  router.get('/timeline', async (req, res) => {
    if (!options.timeline) throw new NotFoundError('no timeline');
    res.json(
      await options.timeline.timeline(
        parseTimelineQuery(req.query),
        await credentials(req),
      ),
    );
  });

  if (options.scorecards) {
    router.use('/scorecards', scorecardsRouter(options.scorecards, httpAuth));
  }

  if (options.changes) {
    router.use(changesRouter(options.changes, httpAuth));
  }

  if (options.catalogHealth) {
    router.use(catalogHealthRouter(options.catalogHealth, httpAuth));
  }
  if (options.componentFacts) {
    router.use(componentFactsRouter(options.componentFacts, httpAuth));
  }
  if (options.progressive) {
    router.use(progressiveRouter(options.progressive, httpAuth));
  }

  // Which sources are stale and since when: the UI's "data may be out of date".
  router.get('/sources', async (req, res) => {
    await service.authorize(
      deliveryEventsReadPermission,
      await credentials(req),
    );
    if (!options.sources) throw new NotFoundError('no source status');
    res.json({ items: await options.sources.freshness() });
  });

  // Events that sources could not attribute to any catalog entity.
  router.get('/unmatched', async (req, res) => {
    await service.authorize(
      deliveryEventsReadPermission,
      await credentials(req),
    );
    res.json({ items: await store.listUnmatched() });
  });

  // body-parser's errors carry their own status (400 malformed, 413 too large); say
  // which part of the request was wrong. A database that is down or restarting is a
  // 503 with Retry-After, never a 500: the client's retry will succeed.
  router.use(
    (
      error: Error & { type?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error.type === 'entity.parse.failed') {
        next(new InputError(`body: malformed JSON (${error.message})`));
      } else if (error.type === 'entity.too.large') {
        next(new PayloadTooLargeError(bodyLimit));
      } else if (
        error.type === 'encoding.unsupported' ||
        error.type === 'charset.unsupported'
      ) {
        next(new InputError(`body: ${error.message}`));
      } else if (isTransientDatabaseError(error)) {
        res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
        next(databaseUnavailable());
      } else {
        next(error);
      }
    },
  );

  return router;
}
