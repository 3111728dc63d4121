import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  componentEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { importOpenSlo } from '@internal/backstage-plugin-slo-common';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { scaffolderModuleGoldenPaths } from './module';

// Runs each template of /templates through the scaffolder's real dry-run API
// (POST /api/scaffolder/v2/dry-run: the nunjucks workflow runner and fetch:template)
// with our actions, and checks the files it produces.
const templatesDir = path.resolve(__dirname, '../../../templates');

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-checkout' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'order-management' },
    spec: { owner: 'team-checkout' },
  },
];

// publish:github / publish:gitlab come from modules the portal may not install; the
// dry run skips them like any action without dry-run support.
const publishStubs = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'publish-stubs',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        for (const id of ['publish:github', 'publish:gitlab']) {
          scaffolder.addActions(
            createTemplateAction({
              id,
              schema: {
                output: {
                  repoContentsUrl: z => z.string(),
                  remoteUrl: z => z.string(),
                },
              },
              async handler() {
                throw new Error('not in tests');
              },
            }),
          );
        }
      },
    });
  },
});

async function readTree(
  dir: string,
  prefix = '',
): Promise<{ path: string; base64Content: string }[]> {
  const result = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      result.push(...(await readTree(path.join(dir, entry.name), rel)));
    } else {
      const content = await fs.readFile(path.join(dir, entry.name));
      result.push({ path: rel, base64Content: content.toString('base64') });
    }
  }
  return result;
}

describe('golden-path templates (scaffolder dry run)', () => {
  let server: any;
  let skeletons: { path: string; base64Content: string }[];

  beforeAll(async () => {
    skeletons = await readTree(
      path.join(templatesDir, 'skeletons'),
      'skeletons',
    );
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleGoldenPaths,
        publishStubs,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            goldenPaths: {
              errorBudgetPolicy: {
                frozenSystems: ['system:default/frozen-system'],
              },
              git: { allowedRemotes: ['file:///srv/git/'] },
            },
          },
        }),
      ],
    });
    server = backend.server;
  }, 60_000);

  async function dryRun(templateFile: string, values: Record<string, unknown>) {
    const template = parse(
      await fs.readFile(path.join(templatesDir, templateFile), 'utf8'),
    );
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', 'Bearer mock-user-token')
      .send({ template, values, directoryContents: skeletons });
  }

  function files(body: any): Record<string, string> {
    return Object.fromEntries(
      body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
  }

  // template, CI, where it is published, deploy strategy, a file of its own skeleton
  const cases = [
    ['typescript-service.yaml', 'github', 'github', 'canary', 'package.json'],
    ['python-service.yaml', 'gitlab', 'gitlab', 'blue-green', 'app/main.py'],
    ['static-website.yaml', 'github', 'git', 'rolling', 'site/index.html'],
    ['python-service.yaml', 'gitlab', 'git', 'rolling', 'app/main.py'],
  ] as const;

  it.each(cases)(
    '%s with %s CI, published to %s, %s deploys',
    async (file, ci, publishTo, strategy, ownFile) => {
      const name = 'pay-api';
      const host = publishTo === 'gitlab' ? 'gitlab.com' : 'github.com';
      const gitRemoteUrl = 'file:///srv/git/pay-api.git';
      const response = await dryRun(file, {
        name,
        description: 'Payments API',
        owner: 'group:default/team-checkout',
        system: 'system:default/order-management',
        lifecycle: 'production',
        tier: 'critical',
        deployStrategy: strategy,
        ci,
        pagerdutyServiceId: 'PAY1234',
        publishTo,
        ...(publishTo === 'git'
          ? { gitRemoteUrl }
          : { repoUrl: `${host}?owner=acme-retail&repo=pay-api` }),
      });
      expect([response.status, response.body.error?.message]).toEqual([
        200,
        undefined,
      ]);
      const out = files(response.body);
      const template = parse(
        await fs.readFile(path.join(templatesDir, file), 'utf8'),
      );
      const templateName = template.metadata.name;

      // catalog-info validates with catalog-model and carries every annotation.
      const entity = parse(out['catalog-info.yaml']);
      const policy = EntityPolicies.allOf([
        new SchemaValidEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
      ]);
      await expect(policy.enforce(entity)).resolves.toEqual(entity);
      await expect(
        componentEntityV1alpha1Validator.check(entity),
      ).resolves.toBe(true);
      expect(entity.metadata.annotations).toEqual({
        // A repository on another git host has no project slug and no web page.
        ...(publishTo === 'git'
          ? {}
          : {
              [`${host}/project-slug`]: 'acme-retail/pay-api',
              'backstage.io/source-location': `url:https://${host}/acme-retail/pay-api/`,
            }),
        'argocd/app-name': 'pay-api',
        'pagerduty.com/service-id': 'PAY1234',
        'slo.acme-portal.io/openslo-file': './slo/pay-api.yaml',
        'golden-path.acme-portal.io/template': `template:default/${templateName}`,
        'golden-path.acme-portal.io/template-version':
          template.metadata.annotations['golden-path.acme-portal.io/version'],
      });
      expect(entity.spec).toEqual({
        type: templateName === 'static-website' ? 'website' : 'service',
        lifecycle: 'production',
        owner: 'group:default/team-checkout',
        system: 'system:default/order-management',
      });

      // OpenSLO file of the critical tier, read by the SLO plugin's own parser.
      const slo = parseAllDocuments(out['slo/pay-api.yaml']).map(d => d.toJS());
      expect(slo.map(d => d.kind)).toEqual(['Service', 'SLO', 'SLO']);
      const imported = importOpenSlo(out['slo/pay-api.yaml']);
      expect(imported.errors).toEqual([]);
      expect(
        imported.objectives.map(o => ({
          id: o.id,
          service: o.service,
          target: o.target,
          window: o.window,
          budgeting: o.budgeting.method,
        })),
      ).toEqual([
        {
          id: 'pay-api-availability',
          service: 'pay-api',
          target: 0.9995,
          window: expect.objectContaining({ kind: 'rolling' }),
          budgeting: 'occurrences',
        },
        {
          id: 'pay-api-latency',
          service: 'pay-api',
          target: 0.99,
          window: expect.objectContaining({ kind: 'rolling' }),
          budgeting: 'occurrences',
        },
      ]);
      // Series selectors the portal's Prometheus source accepts; the latency SLO
      // reads back as the histogram latency indicator.
      expect(imported.objectives.map(o => o.indicator)).toEqual([
        {
          kind: 'ratio',
          good: {
            query: 'http_requests_total{service="pay-api",code!~"5.."}',
            sourceType: 'Prometheus',
          },
          total: {
            query: 'http_requests_total{service="pay-api"}',
            sourceType: 'Prometheus',
          },
        },
        {
          kind: 'latency',
          metric: 'http_request_duration_seconds',
          selector: 'service="pay-api"',
          thresholdSeconds: 0.3,
        },
      ]);

      // CI: valid YAML, only the chosen variant, reporting to /api/delivery/events.
      const ciFile =
        ci === 'github' ? '.github/workflows/delivery.yaml' : '.gitlab-ci.yml';
      const other =
        ci === 'github' ? '.gitlab-ci.yml' : '.github/workflows/delivery.yaml';
      expect(out[other]).toBeUndefined();
      const pipeline = parse(out[ciFile]);
      const scripts = JSON.stringify(pipeline);
      expect(scripts).toContain('$BACKSTAGE_URL/api/delivery/events');
      expect(scripts).toContain('kind: \\"deployment\\"');
      expect(scripts).toContain('commits: $commits');
      const ciVariables = ci === 'github' ? pipeline.env : pipeline.variables;
      const ciStages =
        ci === 'github' ? Object.keys(pipeline.jobs) : pipeline.stages;
      expect(ciStages).toEqual(['test', 'build', 'deploy']);
      expect(ciVariables.ENTITY_REF).toBe('component:default/pay-api');
      // Another git host: the image is named after the owning team.
      const imagePath =
        publishTo === 'git' ? 'team-checkout/pay-api' : 'acme-retail/pay-api';
      expect(ciVariables.IMAGE).toBe(
        ci === 'github'
          ? `ghcr.io/${imagePath}`
          : `registry.gitlab.com/${imagePath}`,
      );
      // GitHub expressions survive the templating untouched.
      expect(out[ciFile]).toContain(
        ci === 'github' ? '${{ github.sha }}' : '$CI_COMMIT_SHA',
      );

      // GitOps manifests with the chosen strategy.
      const workload = parse(out['deploy/workload.yaml']);
      const expectedStrategy = {
        rolling: { kind: 'Deployment', strategy: 'type' },
        canary: { kind: 'Rollout', strategy: 'canary' },
        'blue-green': { kind: 'Rollout', strategy: 'blueGreen' },
      }[strategy];
      expect({
        kind: workload.kind,
        strategy: Object.keys(workload.spec.strategy)[0],
      }).toEqual(expectedStrategy);
      expect(
        parse(out['deploy/argocd-application.yaml']).spec.source.repoURL,
      ).toBe(
        publishTo === 'git'
          ? gitRemoteUrl
          : `https://${host}/acme-retail/pay-api.git`,
      );
      expect(parseAllDocuments(out['deploy/service.yaml']).length).toBe(
        strategy === 'blue-green' ? 2 : 1,
      );

      expect(out['README.md']).toContain('# pay-api');
      expect(out.Dockerfile).toContain('EXPOSE 8080');
      expect(out[ownFile]).toContain('pay-api');
      expect(response.body.output.links.slice(0, 2)).toEqual(
        publishTo === 'git'
          ? [
              { title: 'Repository', url: gitRemoteUrl },
              {
                title: 'First pipeline',
                icon: 'dashboard',
                url: '/catalog/default/component/pay-api/deployments',
              },
            ]
          : [
              {
                title: 'Repository',
                url: `https://${host}/acme-retail/pay-api`,
              },
              {
                title: 'First pipeline',
                icon: 'dashboard',
                url: `https://${host}/acme-retail/pay-api${
                  ci === 'github' ? '/actions' : '/-/pipelines'
                }`,
              },
            ],
      );
      // Only the chosen publish step runs (in a dry run, without pushing).
      const messages: string[] = response.body.log.map(
        (entry: any) => entry.body.message ?? '',
      );
      expect(
        messages.filter(m =>
          m.includes(
            `Dry run: would push the workspace to ${gitRemoteUrl} (main)`,
          ),
        ).length,
      ).toBe(publishTo === 'git' ? 1 : 0);
    },
    60_000,
  );

  it('refuses a run for a frozen system before writing anything', async () => {
    const response = await dryRun('typescript-service.yaml', {
      name: 'pay-api',
      description: 'Payments API',
      owner: 'group:default/team-checkout',
      system: 'system:default/frozen-system',
      lifecycle: 'production',
      tier: 'standard',
      deployStrategy: 'rolling',
      ci: 'github',
      publishTo: 'github',
      repoUrl: 'github.com?owner=acme-retail&repo=pay-api',
    });
    expect(JSON.stringify(response.body)).toContain(
      'system:default/frozen-system has a frozen error budget policy',
    );
  }, 60_000);
});
