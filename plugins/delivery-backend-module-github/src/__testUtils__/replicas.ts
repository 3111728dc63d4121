/*
 * Delivery backends with this module and the events backend on one PostgreSQL
 * database of the test's own cluster, as replicas behind a load balancer: what the
 * load and replica tests share.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import {
  OwnPostgres,
  ownPostgresAvailable,
  SourceTestBackendOptions,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { AddressInfo } from 'node:net';
import { githubConfig, githubFeatures } from './scenario';

/** Runs where initdb and pg_ctl are installed (or CI asks for it and fails without). */
export const describeWithPostgres =
  ownPostgresAvailable() || process.env.PORTAL_REQUIRE_POSTGRES
    ? describe
    : describe.skip;

export interface Replica {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts one replica on `pg`: the webhook checked with `secret`, GitHub's API reached
 * with `token`, `github` as `delivery.github`, and no ingestion rate limit (the load
 * comes from one client).
 */
export async function startGithubReplica(options: {
  pg: OwnPostgres;
  entities: Entity[];
  secret: string;
  token?: string;
  github?: NonNullable<SourceTestBackendOptions['config']>;
  features?: SourceTestBackendOptions['features'];
}): Promise<Replica> {
  const backend = await startTestBackend({
    features: [
      eventsPlugin,
      ...githubFeatures,
      eventsServiceFactory,
      ...(options.features ?? []),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'pg', connection: options.pg.connection },
          },
          ...githubConfig(options),
          delivery: {
            ingestion: { rateLimit: { requests: 0 } },
            ...(options.github ? { github: options.github } : {}),
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () => backend.stop(),
  };
}
