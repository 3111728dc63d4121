/*
 * Runs the delivery backend alone (yarn start in this folder): real store on SQLite,
 * mocked auth (send `Authorization: Bearer mock-user-token`, or none for mock defaults)
 * and a small mocked catalog.
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

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', title: 'Sample Component' },
        spec: { type: 'service', owner: 'team-a' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
