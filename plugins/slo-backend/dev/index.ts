/*
 * Runs the SLO backend alone (yarn start in this folder): SQLite, mocked auth (requests
 * without a token act as a user), a mocked catalog and the synthetic metric source.
 * With SLO_BENCH=1 the catalog is the benchmark organisation (1,000 components), as
 * scripts/bench-slo.mjs starts it with dev/bench-config.yaml.
 *
 *   curl 'http://localhost:7007/api/slo/objectives?entityRef=component:default/sample'
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { benchCatalog } from './benchCatalog';
import { syntheticSourceModule } from './syntheticSource';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: process.env.SLO_BENCH
      ? benchCatalog
      : benchCatalog.filter(e => e.metadata.name === 'bench-svc-0'),
  }),
);
backend.add(syntheticSourceModule);
backend.add(import('../src'));

backend.start();
