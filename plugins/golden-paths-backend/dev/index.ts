/*
 * Runs the golden-paths backend alone (yarn start in this folder): mocked auth
 * (requests without a token act as a user) and a mocked catalog holding one template
 * and one component made from an older version of it (a minor drift).
 *
 *   curl 'http://localhost:7007/api/golden-paths/drift'
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  LATEST_VERSION_ANNOTATION,
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '../src/drift/drift';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: {
          name: 'node-service',
          annotations: { [LATEST_VERSION_ANNOTATION]: '1.2.0' },
        },
        spec: { type: 'service', owner: 'platform', steps: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'sample',
          annotations: {
            [TEMPLATE_ANNOTATION]: 'node-service',
            [TEMPLATE_VERSION_ANNOTATION]: '1.0.0',
          },
        },
        spec: { type: 'service', owner: 'team-a' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
