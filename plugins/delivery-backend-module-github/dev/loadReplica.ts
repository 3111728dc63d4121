/*
 * One replica of the long load test (scripts/load-delivery.mjs starts two): the
 * delivery backend with the events backend and this module, on the PostgreSQL named in
 * the config file the script writes; mocked auth (loopback only) and a mocked catalog
 * holding the load team.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadCatalog } from '../src/__testUtils__/load';

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities: loadCatalog() }));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@internal/backstage-plugin-delivery-backend'));
backend.add(import('../src'));
backend.start();
