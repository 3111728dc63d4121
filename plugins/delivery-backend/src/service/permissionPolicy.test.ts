/*
 * A real permission policy, end to end: the permission backend with a per-team policy,
 * the real catalog backend holding the org, and the delivery plugin reading the
 * catalog with each caller's credentials. The delivery plugin scopes every figure
 * through the catalog (resolveComponents, the scorecards' catalog index), so a policy
 * that hides a team's entities (catalog.entity.read, conditional) hides that team's
 * DORA figures, deployments, timeline and scorecard row; and the delivery permissions
 * themselves (delivery.dora.read, delivery.events.read) gate each route per user.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  deliveryDoraReadPermission,
  deliveryEventsReadPermission,
} from '@internal/backstage-plugin-delivery-common';
import { extendingModule } from '@internal/backstage-plugin-delivery-node/testUtils';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';

/** Team membership, as the catalog's sign-in resolver would put it in the token. */
const members: Record<string, string> = {
  'user:default/alice': 'group:default/team-a',
  'user:default/bob': 'group:default/team-b',
  'user:default/outsider': 'group:default/guests',
};

/**
 * The policy under test: a user sees users, their own team's group, and the entities
 * their team owns; 'guests' may not read DORA figures or events at all. Services
 * (CI, source modules) are allowed everything.
 */
class TeamPolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return { result: AuthorizeResult.ALLOW };
    const claims = user.info.ownershipEntityRefs;
    if (
      (isPermission(query.permission, deliveryDoraReadPermission) ||
        isPermission(query.permission, deliveryEventsReadPermission)) &&
      claims.includes('group:default/guests')
    ) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(query.permission, catalogEntityReadPermission)) {
      const ownGroups = claims
        .filter(ref => ref.startsWith('group:'))
        .map(ref => parseEntityRef(ref).name);
      const criteria: PermissionCriteria<
        PermissionCondition<'catalog-entity'>
      >[] = [
        catalogConditions.isEntityKind({ kinds: ['user'] }),
        catalogConditions.isEntityOwner({ claims }),
        ...ownGroups.map(
          (
            name,
          ): PermissionCriteria<PermissionCondition<'catalog-entity'>> => ({
            allOf: [
              catalogConditions.isEntityKind({ kinds: ['group'] }),
              catalogConditions.hasMetadata({ key: 'name', value: name }),
            ],
          }),
        ),
      ];
      return createCatalogConditionalDecision(query.permission, {
        anyOf: criteria as [(typeof criteria)[0], ...typeof criteria],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const policyModule = extendingModule(
  'team-policy',
  policyExtensionPoint,
  policy => policy.setPolicy(new TeamPolicy()),
);

const location = {
  'backstage.io/managed-by-location': 'url:http://localhost/org.yaml',
  'backstage.io/managed-by-origin-location': 'url:http://localhost/org.yaml',
};
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations: location },
  spec: { type: 'team', children: [] },
});
const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: location },
  spec: { type: 'service', lifecycle: 'production', owner },
});
const org = [
  group('team-a'),
  group('team-b'),
  group('guests'),
  component('checkout', 'team-a'),
  component('search', 'team-b'),
];

/** The org, given to the real catalog as an entity provider would. */
const orgProvider = extendingModule(
  'test-org',
  catalogProcessingExtensionPoint,
  catalog =>
    catalog.addEntityProvider({
      getProviderName: () => 'test-org',
      connect: async connection => {
        await connection.applyMutation({
          type: 'full',
          entities: org.map(entity => ({ entity, locationKey: 'test-org' })),
        });
      },
    }),
);

// Ownership claims: the user and their team, as a sign-in resolver issues them.
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, members[ref]].filter(Boolean),
      };
    },
  }),
});

/*
 * In production a plugin asking the permission backend on behalf of a user sends a
 * token whose credentials name the user and the plugin as actor, which entitles it to
 * conditional decisions. The mock auth drops the actor; this puts it back, so the
 * catalog's conditional requests reach the policy as they do in production.
 */
const SERVICE_TOKEN = 'mock-service-token:';
const httpAuthKeepingActor = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const base = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req: any, options?: any): Promise<any> {
        const credentials = await base.credentials(req, options);
        const token = /^Bearer (.*)$/.exec(
          req.headers.authorization ?? '',
        )?.[1];
        if (token?.startsWith(SERVICE_TOKEN)) {
          const { obo } = JSON.parse(token.slice(SERVICE_TOKEN.length));
          if (obo)
            return mockCredentials.user(obo, { actor: { subject: 'plugin' } });
        }
        return credentials;
      },
      issueUserCookie: (res: any, options?: any) =>
        base.issueUserCookie(res, options),
    };
  },
});

describe('a per-team permission policy over the delivery API', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });
  const window = 'from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z';

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        policyModule,
        catalogPlugin,
        orgProvider,
        deliveryPlugin,
        permissionsServiceFactory,
        permissionsRegistryServiceFactory,
        userInfoFactory,
        httpAuthKeepingActor,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: { processingInterval: { seconds: 1 } },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();

    // Wait for the catalog to process and stitch the org.
    for (let attempt = 0; attempt < 200; attempt++) {
      const response = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=component')
        .set({ Authorization: mockCredentials.service.header() });
      if (
        response.body.items?.length === 2 &&
        response.body.items.every((e: Entity) => e.relations?.length)
      )
        break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }

    // One production deployment of each team's service, as a CI job reports it.
    const deployment = (id: string, entityRef: string) => ({
      kind: 'deployment',
      source: 'ci',
      id,
      entityRef,
      environment: 'production',
      status: 'success',
      startedAt: '2026-01-06T10:00:00Z',
      finishedAt: '2026-01-06T10:05:00Z',
    });
    const stored = await request(server)
      .post('/api/delivery/events')
      .set({ Authorization: mockCredentials.service.header() })
      .send({
        events: [
          deployment('a-1', 'component:default/checkout'),
          deployment('b-1', 'component:default/search'),
        ],
      });
    if (stored.body.accepted !== 2) {
      throw new Error(`seeding failed: ${JSON.stringify(stored.body)}`);
    }
  }, 90_000);

  afterAll(() => stop(), 30_000);

  it("shows a team its own component's DORA figures, and hides them from another team", async () => {
    const path = `/api/delivery/dora?entityRef=component:default/checkout&${window}`;
    const alice = await request(server).get(path).set(as('user:default/alice'));
    expect([alice.status, alice.body.error]).toEqual([200, undefined]);
    expect(alice.body.deploymentFrequency.deployments).toBe(1);

    const bob = await request(server).get(path).set(as('user:default/bob'));
    expect(bob.status).toBe(404);
    expect(bob.body.error.message).toBe(
      'entityRef: no entity component:default/checkout in the catalog',
    );
  });

  it("hides another team's group figures, deployments, flags and timeline", async () => {
    const paths = [
      `/api/delivery/dora?entityRef=group:default/team-a&${window}`,
      '/api/delivery/deployments?entityRef=component:default/checkout',
      '/api/delivery/flags?entityRef=component:default/checkout',
      `/api/delivery/timeline?entityRef=component:default/checkout&${window}`,
      `/api/delivery/scorecards/entity?entityRef=component:default/checkout&${window}`,
    ];
    for (const path of paths) {
      const alice = await request(server)
        .get(path)
        .set(as('user:default/alice'));
      expect([path, alice.status]).toEqual([path, 200]);
      const bob = await request(server).get(path).set(as('user:default/bob'));
      expect([path, bob.status]).toEqual([path, 404]);
    }
    const aliceDeployments = await request(server)
      .get('/api/delivery/deployments?entityRef=component:default/checkout')
      .set(as('user:default/alice'));
    expect(
      aliceDeployments.body.items.map((d: { id: string }) => d.id),
    ).toEqual(['a-1']);
  });

  it("leaves another team's row out of the scorecards page", async () => {
    const rows = async (user: string) => {
      const response = await request(server)
        .get(`/api/delivery/scorecards?${window}`)
        .set(as(user));
      expect([response.status, response.body.error]).toEqual([200, undefined]);
      return response.body.teams.map(
        (t: { entityRef: string; components: string[] }) => [
          t.entityRef,
          t.components,
        ],
      );
    };
    expect(await rows('user:default/alice')).toEqual([
      ['group:default/team-a', ['component:default/checkout']],
    ]);
    expect(await rows('user:default/bob')).toEqual([
      ['group:default/team-b', ['component:default/search']],
    ]);
  });

  it('denies DORA figures and events to a user the policy refuses them, with 403', async () => {
    const outsider = as('user:default/outsider');
    const dora = await request(server)
      .get(`/api/delivery/dora?entityRef=component:default/checkout&${window}`)
      .set(outsider);
    expect(dora.status).toBe(403);
    expect(dora.body.error.message).toBe('Not allowed: delivery.dora.read');
    const deployments = await request(server)
      .get('/api/delivery/deployments?entityRef=component:default/checkout')
      .set(outsider);
    expect(deployments.status).toBe(403);
    const flags = await request(server)
      .get('/api/delivery/flags?entityRef=component:default/checkout')
      .set(outsider);
    expect(flags.status).toBe(403);
  });
});
