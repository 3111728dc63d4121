/*
 * The SLO API as users reach it: the real slo-backend plugin with this module,
 * configured with one Prometheus instance named `test`, over a mocked catalog.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ObjectiveReport,
  ObjectivesResponse,
} from '@internal/backstage-plugin-slo-common';
import { componentEntity } from '@internal/backstage-plugin-slo-common/testUtils';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@internal/backstage-plugin-slo-backend';
import request from 'supertest';
import { sloModulePrometheus } from '../module';
import { TestPrometheus } from './prometheusServer';

type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;
export type TestServer = TestBackend['server'];

export interface SloApiOptions {
  prometheusUrl: string;
  entities: Entity[];
  queryTimeout?: string;
  /** More of the `slo` config (cache, ...). */
  sloConfig?: Record<string, unknown>;
  /** More features (a database, ...). */
  features?: Parameters<typeof startTestBackend>[0]['features'];
}

export async function startSloApi(
  options: SloApiOptions,
): Promise<TestBackend> {
  return startTestBackend({
    features: [
      sloPlugin,
      sloModulePrometheus,
      ...(options.features ?? []),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          slo: {
            ...options.sloConfig,
            prometheus: {
              instances: [
                {
                  name: 'test',
                  baseUrl: options.prometheusUrl,
                  queryTimeout: options.queryTimeout ?? '20s',
                },
              ],
            },
          },
        },
      }),
    ],
  });
}

/** The one objective of a component, evaluated `at` an instant (or now). */
export async function objectiveOf(
  server: TestServer,
  name: string,
  at?: string,
): Promise<ObjectiveReport> {
  const atQuery = at ? `&at=${encodeURIComponent(at)}` : '';
  const response = await request(server)
    .get(`/api/slo/objectives?entityRef=component:default/${name}${atQuery}`)
    .set({ Authorization: mockCredentials.user.header() });
  expect(response.status).toBe(200);
  const body = response.body as ObjectivesResponse;
  expect(body.definitionErrors).toEqual([]);
  expect(body.objectives).toHaveLength(1);
  return body.objectives[0];
}

/** A production service of team-sre whose SLOs this module's `test` instance serves. */
export const sloComponent = (name: string, openSloYaml: string): Entity =>
  componentEntity(name, {
    owner: 'team-sre',
    lifecycle: 'production',
    annotations: {
      'slo.acme-portal.io/openslo': openSloYaml,
      'slo.acme-portal.io/source': 'prometheus:test',
    },
  });

/**
 * Starts the SLO API on the Prometheus `startPrometheus` resolves to before the
 * enclosing suite's tests, and stops it after (the Prometheus too, with
 * `stopPrometheus`). Call inside a describe block.
 */
export function useSloApi(options: {
  startPrometheus: () => Promise<TestPrometheus>;
  entities: Entity[];
  stopPrometheus?: boolean;
}) {
  let prometheus: TestPrometheus | undefined;
  let backend: TestBackend | undefined;
  beforeAll(async () => {
    prometheus = await options.startPrometheus();
    backend = await startSloApi({
      prometheusUrl: prometheus.baseUrl,
      entities: options.entities,
    });
  }, 600_000);
  afterAll(async () => {
    await backend?.stop();
    if (options.stopPrometheus) await prometheus?.stop();
  }, 30_000);
  return {
    prometheus: () => prometheus!,
    server: () => backend!.server,
    /** The one objective of component `name`, evaluated `at` an instant. */
    report: (name: string, at: string) =>
      objectiveOf(backend!.server, name, at),
  };
}
