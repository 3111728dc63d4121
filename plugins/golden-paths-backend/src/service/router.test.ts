import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { goldenPathsPlugin } from '../plugin';

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const entities: Entity[] = [
  {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: 'typescript-service',
      title: 'TypeScript HTTP service',
      annotations: { 'golden-path.acme-portal.io/version': '1.1.0' },
    },
    spec: { type: 'service', steps: [] },
  },
  component('cart-service', 'team-checkout', {
    'golden-path.acme-portal.io/template':
      'template:default/typescript-service',
    'golden-path.acme-portal.io/template-version': '1.0.0',
  }),
  component('pay-api', 'group:default/team-payments', {
    // the short form names the same template
    'golden-path.acme-portal.io/template': 'typescript-service',
    'golden-path.acme-portal.io/template-version': '1.1.0',
  }),
  component('legacy', 'team-checkout', {}),
];

describe('GET /api/golden-paths/drift', () => {
  let server: any;
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        goldenPathsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory(),
      ],
    }));
  });

  it('lists components made from golden paths with their drift', async () => {
    const response = await request(server).get('/api/golden-paths/drift');
    expect(response.status).toBe(200);
    expect(response.body.templates).toEqual([
      {
        entityRef: 'template:default/typescript-service',
        title: 'TypeScript HTTP service',
        latestVersion: '1.1.0',
        components: 2,
        // cart-service on 1.0.0, pay-api on 1.1.0: one behind
        behind: 1,
      },
    ]);
    expect(response.body.components).toEqual([
      {
        entityRef: 'component:default/cart-service',
        owner: 'team-checkout',
        template: 'template:default/typescript-service',
        version: '1.0.0',
        latestVersion: '1.1.0',
        status: 'behind',
        // 1.0.0 -> 1.1.0: 1 minor
        behind: { level: 'minor', count: 1 },
      },
      {
        entityRef: 'component:default/pay-api',
        owner: 'group:default/team-payments',
        template: 'template:default/typescript-service',
        version: '1.1.0',
        latestVersion: '1.1.0',
        status: 'current',
      },
    ]);
  });

  it('filters by entity, owner and status', async () => {
    const byRef = await request(server).get(
      '/api/golden-paths/drift?entityRef=pay-api,component:default/legacy',
    );
    expect(byRef.body.components.map((c: any) => c.entityRef)).toEqual([
      'component:default/pay-api',
    ]);
    // only the templates the rows asked for were made from, counting those rows
    expect(byRef.body.templates).toEqual([
      {
        entityRef: 'template:default/typescript-service',
        title: 'TypeScript HTTP service',
        latestVersion: '1.1.0',
        components: 1,
        behind: 0,
      },
    ]);
    const noGoldenPath = await request(server).get(
      '/api/golden-paths/drift?entityRef=component:default/legacy',
    );
    expect(noGoldenPath.body).toMatchObject({ templates: [], components: [] });
    const byOwner = await request(server).get(
      '/api/golden-paths/drift?owner=team-checkout&status=behind',
    );
    expect(byOwner.body.components.map((c: any) => c.entityRef)).toEqual([
      'component:default/cart-service',
    ]);
  });

  it('names the bad field', async () => {
    const response = await request(server).get(
      '/api/golden-paths/drift?status=late',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'status: "late" is not one of current, behind, ahead, unknown-template, invalid-version',
    );
  });
});

/** The plugin on a catalog the test can take down. */
async function startWithCatalog(
  catalog: ReturnType<typeof catalogServiceMock>,
) {
  const { server } = await startTestBackend({
    features: [
      goldenPathsPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
    ],
  });
  return server;
}

describe('GET /api/golden-paths/drift when the catalog fails', () => {
  it('answers the last good read, marked stale, and 503 without one', async () => {
    let down = false;
    const catalog = catalogServiceMock({ entities });
    const getEntities = catalog.getEntities.bind(catalog);
    catalog.getEntities = (async (...args: Parameters<typeof getEntities>) => {
      if (down) throw new Error('connect ECONNREFUSED');
      return getEntities(...args);
    }) as typeof catalog.getEntities;
    const server = await startWithCatalog(catalog);

    const good = await request(server).get('/api/golden-paths/drift');
    expect(good.body.stale).toBe(false);

    down = true;
    const stale = await request(server).get('/api/golden-paths/drift');
    expect(stale.status).toBe(200);
    expect(stale.body.stale).toBe(true);
    expect(stale.body.readAt).toBe(good.body.readAt);
    expect(stale.body.components.map((c: any) => c.entityRef)).toEqual([
      'component:default/cart-service',
      'component:default/pay-api',
    ]);

    // Another user has no earlier read: nothing to fall back on.
    const other = await request(server)
      .get('/api/golden-paths/drift')
      .set('Authorization', mockCredentials.user.header('user:default/other'));
    expect(other.status).toBe(503);
    expect(other.body.error.message).toBe(
      'the catalog could not be read, so drift is unknown: Error: connect ECONNREFUSED',
    );
  });

  it('reads only the rows asked for, and answers them from their last good read', async () => {
    let down = false;
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
    catalog.getEntitiesByRefs = (async (
      ...args: Parameters<typeof getEntitiesByRefs>
    ) => {
      if (down) throw new Error('connect ECONNREFUSED');
      return getEntitiesByRefs(...args);
    }) as typeof catalog.getEntitiesByRefs;
    const server = await startWithCatalog(catalog);
    const rows = '/api/golden-paths/drift?entityRef=component:default/pay-api';

    const good = await request(server).get(rows);
    expect(good.body.components.map((c: any) => c.entityRef)).toEqual([
      'component:default/pay-api',
    ]);
    // neither the components nor the templates are listed (a catalog table page of 20
    // rows must not read every golden-path component or template): the row and its
    // template are read by ref
    expect(getEntities).not.toHaveBeenCalled();
    expect(good.body.templates.map((t: any) => t.entityRef)).toEqual([
      'template:default/typescript-service',
    ]);

    down = true;
    const stale = await request(server).get(rows);
    expect(stale.status).toBe(200);
    expect(stale.body.stale).toBe(true);
    expect(stale.body.readAt).toBe(good.body.readAt);
    expect(stale.body.components.map((c: any) => c.entityRef)).toEqual([
      'component:default/pay-api',
    ]);
  });
});
