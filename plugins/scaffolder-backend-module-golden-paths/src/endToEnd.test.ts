/*
 * The golden-path templates end to end, with real parts and the form's defaults: the
 * real scaffolder runs each template (loaded into a real catalog from templates/),
 * publishes it with real git to the portal's git host (the repository is made on first
 * push), and registers it; the real catalog reads catalog-info.yaml back through the
 * git+ URL reader, the relative OpenSLO file resolves in the same repository, and
 * `git clone` over the portal's read-only HTTP route checks out main. On SQLite and on
 * PostgreSQL.
 */
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Router } from 'express';
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
import {
  createGitHttpRouter,
  GitRemotePolicy,
  PortalGitHost,
  gitRemoteUrlReader,
  GitRemoteUrlReader,
  resolveGitFileUrl,
} from '@internal/backstage-plugin-git-remote-node';
import {
  git,
  gitAsync,
} from '@internal/backstage-plugin-git-remote-node/testUtils';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { scaffolderModuleGoldenPaths } from './module';

const templatesDir = path.resolve(__dirname, '../../../templates');

// What the form sends when only the required fields are filled (the defaults).
const templates = [
  ['typescript-service', 'pay-api', 'src/main.ts'],
  ['python-service', 'ledger', 'app/metrics.py'],
  ['static-website', 'status-site', 'site/index.html'],
] as const;

/** The git route as golden-paths-backend mounts it (its plugin.ts wires the same). */
const portalGitHttp = createBackendPlugin({
  pluginId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
      },
      async init({ httpRouter, config, discovery, logger }) {
        httpRouter.addAuthPolicy({ path: '/git', allow: 'unauthenticated' });
        httpRouter.use(
          Router().use(
            '/git',
            createGitHttpRouter({
              host: PortalGitHost.fromConfig(config)!,
              logger,
              baseUrl: async () =>
                `${await discovery.getExternalBaseUrl('golden-paths')}/git`,
            }),
          ),
        );
      },
    });
  },
});

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
    "publishes every template with the form's defaults to the portal's git host and the catalog lists each, %p",
    async (databaseId: TestDatabaseId) => {
      const root = await fs.mkdtemp(
        path.join(os.tmpdir(), 'golden-paths-e2e-'),
      );
      // Not made by the test: the first publish makes each repository.
      const portalGit = path.join(root, 'data', 'git');
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

      const config = {
        catalog: {
          processingInterval: { seconds: 1 },
          locations: [
            {
              type: 'file',
              target: path.join(root, 'org.yaml'),
              rules: [{ allow: ['Group', 'System'] }],
            },
            ...templates.map(([template]) => ({
              type: 'file',
              target: path.join(templatesDir, `${template}.yaml`),
              rules: [{ allow: ['Template'] }],
            })),
          ],
        },
        goldenPaths: { git: { portalHost: { directory: portalGit } } },
      };
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          scaffolderEntityModelModule,
          scaffolderPlugin,
          scaffolderModuleGoldenPaths,
          gitRemoteUrlReader,
          portalGitHttp,
          database,
          mockServices.rootConfig.factory({ data: config }),
        ],
      });

      try {
        const origin = `http://localhost:${backend.server.port()}`;
        const base = `${origin}/api`;
        const headers = {
          Authorization: mockCredentials.user.header('user:default/guest'),
          'Content-Type': 'application/json',
        };
        // A refused or reset connection (a busy machine) is "not yet": poll again.
        const getJson = async (url: string) => {
          const response = await fetch(`${base}${url}`, { headers }).catch(
            () => undefined,
          );
          return response?.ok ? response.json() : undefined;
        };

        await poll('the templates and the org in the catalog', async () => {
          const found = await Promise.all([
            getJson(
              '/catalog/entities/by-name/system/default/order-management',
            ),
            ...templates.map(([template]) =>
              getJson(`/catalog/entities/by-name/template/default/${template}`),
            ),
          ]);
          return found.every(Boolean) ? true : undefined;
        });

        for (const [template, name, ownFile] of templates) {
          const created = await fetch(`${base}/scaffolder/v2/tasks`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              templateRef: `template:default/${template}`,
              values: {
                name,
                description: `${name} made in the end-to-end test`,
                owner: 'group:default/team-checkout',
                system: 'system:default/order-management',
                // the form's defaults
                lifecycle: 'experimental',
                tier: 'standard',
                deployStrategy: 'rolling',
                ci: 'github',
                publishTo: 'portal',
              },
            }),
          });
          expect(created.status).toBe(201);
          const { id: taskId } = await created.json();

          const task = await poll(
            `the ${template} task to finish`,
            async () => {
              const t = await getJson(`/scaffolder/v2/tasks/${taskId}`);
              return t && ['completed', 'failed'].includes(t.status)
                ? t
                : undefined;
            },
            120_000,
          ).catch(async error => {
            const log = await getJson(`/scaffolder/v2/tasks/${taskId}/events`);
            throw new Error(
              `${error.message}: ${JSON.stringify(
                log?.map((e: any) => e.body.message).filter(Boolean),
              )}`,
            );
          });
          const events = await getJson(`/scaffolder/v2/tasks/${taskId}/events`);
          if (task.status !== 'completed') {
            throw new Error(
              `${template} task ${task.status}: ${JSON.stringify(
                events.map((e: any) => e.body.message).filter(Boolean),
              )}`,
            );
          }

          // The repository was made on the portal's git host, one commit on main.
          const bare = path.join(portalGit, `${name}.git`);
          const remoteUrl = `file://${bare}`;
          const cloneUrl = `${base}/golden-paths/git/${name}.git`;
          expect(git(bare, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
          const files = git(bare, 'ls-tree', '-r', '--name-only', 'main').split(
            '\n',
          );
          expect(files).toEqual(
            expect.arrayContaining([
              '.github/workflows/delivery.yaml',
              'README.md',
              'catalog-info.yaml',
              'deploy/argocd-application.yaml',
              `slo/${name}.yaml`,
              ownFile,
            ]),
          );
          expect(git(bare, 'log', '--format=%s', 'main')).toMatch(
            new RegExp(`^Initial commit from the ${template} golden path`),
          );
          // Argo CD clones what git clone clones.
          expect(
            parse(git(bare, 'show', 'main:deploy/argocd-application.yaml')).spec
              .source.repoURL,
          ).toBe(cloneUrl);

          // git clone over the portal's read-only HTTP route checks out main.
          const clone = path.join(root, 'clones', name);
          await gitAsync(root, 'clone', '--quiet', cloneUrl, clone);
          expect(git(clone, 'branch', '--show-current')).toBe('main');
          await expect(
            fs.readFile(path.join(clone, ownFile), 'utf8'),
          ).resolves.toContain(name);

          // The task's links open in a browser: the repository's page, the tab, the entity.
          const completion = events.find((e: any) => e.type === 'completion');
          expect(completion.body.output.links).toEqual([
            { title: 'Repository', url: cloneUrl },
            {
              title: 'First pipeline',
              icon: 'dashboard',
              url: `/catalog/default/component/${name}/deployments`,
            },
            {
              title: 'Open in catalog',
              icon: 'catalog',
              entityRef: `component:default/${name}`,
            },
          ]);
          const page = await fetch(cloneUrl);
          expect(page.status).toBe(200);
          expect(await page.text()).toContain(`git clone ${cloneUrl}`);

          // The catalog read catalog-info.yaml from the new repository.
          const component = await poll(`${name} in the catalog`, () =>
            getJson(`/catalog/entities/by-name/component/default/${name}`),
          );
          expect(component.spec).toEqual({
            type: template === 'static-website' ? 'website' : 'service',
            lifecycle: 'experimental',
            owner: 'group:default/team-checkout',
            system: 'system:default/order-management',
          });
          const annotations = component.metadata.annotations;
          expect(annotations).toMatchObject({
            'golden-path.acme-portal.io/template': `template:default/${template}`,
            'slo.acme-portal.io/openslo-file': `./slo/${name}.yaml`,
            'backstage.io/managed-by-location': `url:git+${remoteUrl}#main:catalog-info.yaml`,
          });

          // Its relative OpenSLO file resolves in the same repository and ref.
          const sloUrl = resolveGitFileUrl(
            annotations['slo.acme-portal.io/openslo-file'],
            annotations['backstage.io/managed-by-location'].replace(
              /^url:/,
              '',
            ),
          );
          expect(sloUrl).toBe(`git+${remoteUrl}#main:slo/${name}.yaml`);
          const reader = new GitRemoteUrlReader(
            GitRemotePolicy.fromConfig(
              mockServices.rootConfig({ data: config }),
            ),
          );
          const slo = await (await reader.readUrl(sloUrl)).buffer();
          expect(slo.toString('utf8')).toContain(`name: ${name}-availability`);
        }
      } finally {
        await backend.stop();
        // The scaffolder's task worker and the catalog's processing loop may be inside
        // one last poll; let it finish before TestDatabases drops the databases.
        await new Promise(resolve => setTimeout(resolve, 1500));
        await fs.rm(root, { recursive: true, force: true });
      }
    },
    480_000,
  );
});
