/*
 * A golden-path template end to end, with real parts: the real scaffolder runs
 * typescript-service (loaded into a real catalog from templates/), publishes it with
 * real git to a local bare repository, and registers it; the real catalog then reads
 * catalog-info.yaml back from that repository through the git+ URL reader, and the new
 * component appears in the catalog API. On SQLite and on PostgreSQL.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModelModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { goldenPathsGitUrlReader } from './git/urlReaderFactory';
import { scaffolderModuleGoldenPaths } from './module';

const templatesDir = path.resolve(__dirname, '../../../templates');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const org = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-checkout }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: order-management }
spec: { owner: team-checkout }
`;

async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('golden path end to end: template -> bare git repository -> catalog', () => {
  it('runs on PostgreSQL too when the full test command runs', () => {
    expect({
      postgresRequired: Boolean(process.env.PORTAL_REQUIRE_POSTGRES),
      postgresMissing: !databases.supports('POSTGRES_15'),
    }).not.toEqual({ postgresRequired: true, postgresMissing: true });
  });

  it.each(databases.eachSupportedId())(
    'publishes typescript-service to a bare repository and the catalog lists it, %p',
    async (databaseId: TestDatabaseId) => {
      const root = await fs.mkdtemp(
        path.join(os.tmpdir(), 'golden-paths-e2e-'),
      );
      const bare = path.join(root, 'git', 'pay-api.git');
      await fs.mkdir(path.dirname(bare), { recursive: true });
      git(root, 'init', '--quiet', '--bare', bare);
      await fs.writeFile(path.join(root, 'org.yaml'), org);

      // Each plugin gets its own fresh database, as in production.
      const database = createServiceFactory({
        service: coreServices.database,
        deps: {},
        async factory() {
          const knex = await databases.init(databaseId);
          return { getClient: async () => knex };
        },
      });

      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          scaffolderEntityModelModule,
          scaffolderPlugin,
          scaffolderModuleGoldenPaths,
          goldenPathsGitUrlReader,
          database,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                locations: [
                  {
                    type: 'file',
                    target: path.join(root, 'org.yaml'),
                    rules: [{ allow: ['Group', 'System'] }],
                  },
                  {
                    type: 'file',
                    target: path.join(templatesDir, 'typescript-service.yaml'),
                    rules: [{ allow: ['Template'] }],
                  },
                ],
              },
              goldenPaths: {
                git: { allowedRemotes: [`file://${path.join(root, 'git')}/`] },
              },
            },
          }),
        ],
      });

      try {
        const base = `http://localhost:${backend.server.port()}/api`;
        const headers = {
          Authorization: mockCredentials.user.header('user:default/guest'),
          'Content-Type': 'application/json',
        };
        const getJson = async (url: string) => {
          const response = await fetch(`${base}${url}`, { headers });
          return response.ok ? response.json() : undefined;
        };

        await poll('the template and the org in the catalog', async () => {
          const [template, system] = await Promise.all([
            getJson(
              '/catalog/entities/by-name/template/default/typescript-service',
            ),
            getJson(
              '/catalog/entities/by-name/system/default/order-management',
            ),
          ]);
          return template && system ? true : undefined;
        });

        const created = await fetch(`${base}/scaffolder/v2/tasks`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            templateRef: 'template:default/typescript-service',
            values: {
              name: 'pay-api',
              description: 'Payments API',
              owner: 'group:default/team-checkout',
              system: 'system:default/order-management',
              lifecycle: 'experimental',
              tier: 'standard',
              deployStrategy: 'rolling',
              ci: 'gitlab',
              publishTo: 'git',
              gitRemoteUrl: `file://${bare}`,
            },
          }),
        });
        expect(created.status).toBe(201);
        const { id: taskId } = await created.json();

        const task = await poll(
          'the task to finish',
          async () => {
            const t = await getJson(`/scaffolder/v2/tasks/${taskId}`);
            return t && ['completed', 'failed'].includes(t.status)
              ? t
              : undefined;
          },
          90_000,
        );
        if (task.status !== 'completed') {
          const events = await getJson(`/scaffolder/v2/tasks/${taskId}/events`);
          throw new Error(
            `task ${task.status}: ${JSON.stringify(
              events.map((e: any) => e.body.message).filter(Boolean),
            )}`,
          );
        }

        // The bare repository holds the generated service, one commit on main.
        const files = git(bare, 'ls-tree', '-r', '--name-only', 'main').split(
          '\n',
        );
        expect(files).toEqual(
          expect.arrayContaining([
            '.gitlab-ci.yml',
            'Dockerfile',
            'README.md',
            'catalog-info.yaml',
            'deploy/argocd-application.yaml',
            'package.json',
            'slo/pay-api.yaml',
            'src/server.ts',
          ]),
        );
        expect(files).not.toContain('.github/workflows/delivery.yaml');
        expect(git(bare, 'log', '--format=%s', 'main')).toBe(
          'Initial commit from the typescript-service golden path (1.1.0)',
        );
        expect(
          parse(git(bare, 'show', 'main:deploy/argocd-application.yaml')).spec
            .source.repoURL,
        ).toBe(`file://${bare}`);

        // The task's output links point at the repository and the new entity.
        const events = await getJson(`/scaffolder/v2/tasks/${taskId}/events`);
        const completion = events.find((e: any) => e.type === 'completion');
        expect(completion.body.output.links).toEqual([
          { title: 'Repository', url: `file://${bare}` },
          {
            title: 'First pipeline',
            icon: 'dashboard',
            url: '/catalog/default/component/pay-api/deployments',
          },
          {
            title: 'Open in catalog',
            icon: 'catalog',
            entityRef: 'component:default/pay-api',
          },
        ]);

        // The catalog read catalog-info.yaml from the bare repository.
        const component = await poll('pay-api in the catalog', () =>
          getJson('/catalog/entities/by-name/component/default/pay-api'),
        );
        expect(component.spec).toEqual({
          type: 'service',
          lifecycle: 'experimental',
          owner: 'group:default/team-checkout',
          system: 'system:default/order-management',
        });
        expect(component.metadata.annotations).toMatchObject({
          'golden-path.acme-portal.io/template':
            'template:default/typescript-service',
          'golden-path.acme-portal.io/template-version': '1.1.0',
          'slo.acme-portal.io/openslo-file': './slo/pay-api.yaml',
          'backstage.io/managed-by-location': `url:git+file://${bare}#main:catalog-info.yaml`,
        });

        // And the catalog's search by annotation (what the drift report asks) finds it.
        const byTemplate = await getJson(
          `/catalog/entities/by-query?filter=${encodeURIComponent(
            'kind=component,metadata.annotations.golden-path.acme-portal.io/template=template:default/typescript-service',
          )}`,
        );
        expect(byTemplate.items.map((e: any) => e.metadata.name)).toEqual([
          'pay-api',
        ]);
      } finally {
        await backend.stop();
        // The scaffolder's task worker and the catalog's processing loop may be inside
        // one last poll; let it finish before TestDatabases drops the databases.
        await new Promise(resolve => setTimeout(resolve, 1500));
        await fs.rm(root, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
