/*
 * Runs the maturity backend alone (yarn start in this folder): mocked auth (requests
 * without a token act as a user), a mocked catalog of the benchmark organisation
 * (1,000 components in 100 teams) and synthetic fact providers, as
 * scripts/bench-maturity.mjs starts it with dev/bench-config.yaml.
 *
 *   curl 'http://localhost:17047/api/maturity/organisation'
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { benchOrganisation, benchProvidersModule } from './benchOrganisation';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities: benchOrganisation() }));
backend.add(benchProvidersModule);
backend.add(import('../src'));

backend.start();
