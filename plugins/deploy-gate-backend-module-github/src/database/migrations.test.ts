/*
 * The module's migration up and down on both engines, beside the deploy gate's own
 * (the same database, a migrations table each): a request is claimed once, by its
 * delivery id and by its deployment; `down` leaves no table of the module behind and
 * the gate's tables alone.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_TABLE } from './migrate';
import { ReviewStore } from './ReviewStore';

const directory = resolvePackagePath(
  '@internal/backstage-plugin-deploy-gate-backend-module-github',
  'migrations',
);
const gateDirectory = resolvePackagePath(
  '@internal/backstage-plugin-deploy-gate-backend',
  'migrations',
);
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('goes up and down beside the gate’s, claiming each request once', async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    await knex.migrate.latest({ directory: gateDirectory });
    await knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });

    const store = new ReviewStore(knex);
    const now = new Date('2026-01-06T09:00:00.000Z');
    const request = {
      deliveryId: 'd-1',
      repository: 'acme/shop',
      repositoryUrl: 'https://github.com/acme/shop',
      environment: 'production',
      runId: '77',
      deploymentId: 9_000_000_001,
      ask: { environment: 'production', kind: 'deploy' as const },
      now,
    };
    const claimed = await store.claim(request);
    expect(claimed).toMatchObject({
      deliveryId: 'd-1',
      runId: '77',
      deploymentId: 9_000_000_001,
      status: 'deciding',
      attempts: 0,
      createdAt: '2026-01-06T09:00:00.000Z',
      request: { environment: 'production', kind: 'deploy' },
    });
    // The same delivery, and another delivery of the same deployment (any case).
    expect(await store.claim(request)).toBeUndefined();
    expect(
      await store.claim({
        ...request,
        deliveryId: 'd-2',
        repository: 'ACME/shop',
        environment: 'Production',
      }),
    ).toBeUndefined();
    expect(
      await store.claim({ ...request, deliveryId: 'd-3', deploymentId: 2 }),
    ).toMatchObject({ deploymentId: 2 });

    await store.update(
      claimed!.id,
      { status: 'pending', attempts: 1, nextAttemptAt: now },
      now,
    );
    expect(
      (await store.due(new Date('2026-01-06T08:59:59.999Z'), 10)).length,
    ).toBe(0);
    expect((await store.due(now, 10)).map(r => r.id)).toEqual([claimed!.id]);

    // An override granted on one review is taken once, by a re-run of the same
    // commit to the same environment.
    const sha = {
      ...request.ask,
      commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    };
    const rejected = await store.claim({
      ...request,
      deliveryId: 'd-4',
      runId: '78',
      ask: sha,
    });
    await store.update(
      rejected!.id,
      { overrideBy: 'user:default/lead', overrideReason: 'cve' },
      now,
    );
    const otherEnv = await store.claim({
      ...request,
      deliveryId: 'd-5',
      runId: '79',
      environment: 'staging',
      ask: sha,
    });
    expect(await store.takeOverride(otherEnv!)).toBeUndefined();
    const rerun = await store.claim({
      ...request,
      deliveryId: 'd-6',
      runId: '80',
      ask: { ...sha, commitSha: sha.commitSha.toUpperCase() },
    });
    expect(await store.takeOverride(rerun!)).toMatchObject({
      id: rejected!.id,
      overrideReason: 'cve',
    });
    const another = await store.claim({
      ...request,
      deliveryId: 'd-7',
      runId: '81',
      ask: sha,
    });
    expect(await store.takeOverride(another!)).toBeUndefined();
    expect((await store.get(rejected!.id))!.overrideUsedBy).toBe(rerun!.id);

    // Left deciding (claimed at 09:00) and found by the retry task at 09:10:00.001.
    expect(
      await store.expireDeciding(
        new Date('2026-01-06T09:00:00.001Z'),
        new Date('2026-01-06T09:10:00.001Z'),
      ),
    ).toBe(5);
    expect((await store.get(rerun!.id))!.status).toBe('error');
    expect((await store.get(claimed!.id))!.status).toBe('pending');

    await knex.migrate.down({ directory, tableName: MIGRATIONS_TABLE });
    expect(await knex.schema.hasTable('deploy_gate_github_reviews')).toBe(
      false,
    );
    expect(await knex.schema.hasTable('deploy_gate_decisions')).toBe(true);
    await knex.destroy();
  });
});
