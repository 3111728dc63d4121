/*
 * Runs the delivery backend alone (yarn start in this folder): real store on SQLite,
 * mocked auth (requests without a token act as a user) and a small mocked catalog.
 * With DELIVERY_BENCH=1 the catalog is the benchmark organisation instead, and
 * scripts/bench-delivery.mjs starts it with dev/bench-config.yaml (PostgreSQL).
 *
 *   curl -X POST http://localhost:7007/api/delivery/events -H 'Content-Type: application/json' \
 *     -d '{"events":[{"kind":"deployment","source":"ci","id":"1","entityRef":"component:default/sample",
 *          "environment":"production","status":"success","startedAt":"2026-01-05T10:00:00Z",
 *          "finishedAt":"2026-01-05T10:05:00Z","commits":[]}]}'
 *   curl 'http://localhost:7007/api/delivery/dora?entityRef=component:default/sample&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z'
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { benchCatalog } from './benchCatalog';

const sampleCatalog = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'sample', title: 'Sample Component' },
    spec: { type: 'service', owner: 'team-a' },
  },
];

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: process.env.DELIVERY_BENCH ? benchCatalog : sampleCatalog,
  }),
);
backend.add(import('../src'));

backend.start();
