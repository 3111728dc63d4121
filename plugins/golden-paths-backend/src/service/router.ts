import {
  AuthService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { computeDrift, DriftStatus, summariseTemplates } from '../drift/drift';
import { readGoldenPaths } from './catalogSource';
import { LastGoodReads } from './lastGoodReads';

const STATUSES: DriftStatus[] = [
  'current',
  'behind',
  'ahead',
  'unknown-template',
  'invalid-version',
];

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap(v =>
    String(v).split(','),
  );
}

function toRef(value: string, field: string, defaultKind: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    throw new InputError(`${field}: "${value}" is not an entity reference`);
  }
}

/**
 * `GET /drift`: every component made from a golden path with its template, version,
 * the template's latest version and how far behind it is; plus a summary per template.
 * Filters (repeatable or comma-separated): `entityRef`, `owner`, `template`, `status`.
 * When the catalog cannot be read, the caller's last good read is answered with
 * `stale: true` and its `readAt`; without one, 503.
 */
const readKey = (caller: string, entityRefs: string[]) =>
  entityRefs.length === 0 ? caller : `${caller} ${[...entityRefs].sort()}`;

export async function createRouter(options: {
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
}): Promise<express.Router> {
  const { catalog, auth, httpAuth, logger } = options;
  const router = Router();
  router.use(express.json());
  const lastGood = new LastGoodReads<
    Awaited<ReturnType<typeof readGoldenPaths>>
  >();

  router.get('/drift', async (req, res) => {
    const entityRefs = list(req.query.entityRef).map(v =>
      toRef(v, 'entityRef', 'component'),
    );
    const owners = list(req.query.owner).map(v => toRef(v, 'owner', 'group'));
    const templateRefs = list(req.query.template).map(v =>
      toRef(v, 'template', 'template'),
    );
    const statuses = list(req.query.status);
    const unknownStatus = statuses.find(
      s => !STATUSES.includes(s as DriftStatus),
    );
    if (unknownStatus) {
      throw new InputError(
        `status: "${unknownStatus}" is not one of ${STATUSES.join(', ')}`,
      );
    }

    const credentials = await httpAuth.credentials(req);
    // Users see their own last good read; other callers get no fallback.
    const caller = auth.isPrincipal(credentials, 'user')
      ? credentials.principal.userEntityRef
      : undefined;
    let source;
    let readAt = new Date();
    let stale = false;
    try {
      source = await readGoldenPaths(catalog, credentials, { entityRefs });
      // a read of some rows (a catalog table page) is remembered under those rows
      if (caller)
        lastGood.remember(readKey(caller, entityRefs), source, readAt);
    } catch (error) {
      const previous = caller
        ? lastGood.recall(readKey(caller, entityRefs)) ??
          lastGood.recall(caller)
        : undefined;
      if (!previous) {
        logger.warn(`could not read the catalog: ${error}`);
        throw new ServiceUnavailableError(
          `the catalog could not be read, so drift is unknown: ${error}`,
        );
      }
      logger.warn(
        `could not read the catalog, answering the read of ${previous.readAt.toISOString()}: ${error}`,
      );
      ({ value: source, readAt } = previous);
      stale = true;
    }
    const drift = computeDrift(source.components, source.templates).filter(
      row =>
        (entityRefs.length === 0 || entityRefs.includes(row.entityRef)) &&
        (owners.length === 0 ||
          (row.owner !== undefined &&
            owners.includes(toRef(row.owner, 'owner', 'group')))) &&
        (templateRefs.length === 0 || templateRefs.includes(row.template)) &&
        (statuses.length === 0 || statuses.includes(row.status)),
    );
    res.json({
      generatedAt: new Date().toISOString(),
      // When the catalog read failed: the last good read, and since when it is stale.
      readAt: readAt.toISOString(),
      stale,
      templates: summariseTemplates(source.templates, drift),
      components: drift,
    });
  });

  return router;
}
