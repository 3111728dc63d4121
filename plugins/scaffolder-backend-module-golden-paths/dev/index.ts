/*
 * Runs the scaffolder with the golden-path actions (yarn start in this folder):
 * in-memory SQLite, mocked auth (requests without a token act as a user) and the
 * real catalog, empty until templates are registered.
 *
 *   curl 'http://localhost:7007/api/scaffolder/v2/actions'
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('../src'));

backend.start();
