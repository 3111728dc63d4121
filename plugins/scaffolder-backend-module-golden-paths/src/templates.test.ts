import {
  componentEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { importOpenSlo } from '@internal/backstage-plugin-slo-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  renderedFiles as files,
  startTemplateDryRunner,
  TemplateDryRunner,
  templatesDir,
} from './__testUtils__/dryRun';
import { readGateScript } from './deployGate/gateScript';

// Runs each template of /templates through the scaffolder's real dry-run API
// (POST /api/scaffolder/v2/dry-run: the nunjucks workflow runner and fetch:template)
// with our actions, and checks the files it produces.
describe('golden-path templates (scaffolder dry run)', () => {
  let runner: TemplateDryRunner;

  beforeAll(async () => {
    runner = await startTemplateDryRunner();
  }, 60_000);

  afterAll(async () => {
    await runner?.stop();
  });

  const dryRun = (templateFile: string, values: Record<string, unknown>) =>
    runner.dryRun(templateFile, values);

  // template, CI, where it is published, deploy strategy, a file of its own skeleton
  const cases = [
    ['typescript-service.yaml', 'github', 'github', 'canary', 'package.json'],
    ['python-service.yaml', 'gitlab', 'gitlab', 'blue-green', 'app/metrics.py'],
    ['static-website.yaml', 'github', 'git', 'rolling', 'site/index.html'],
    ['python-service.yaml', 'gitlab', 'git', 'rolling', 'app/metrics.py'],
    ['typescript-service.yaml', 'github', 'portal', 'rolling', 'package.json'],
  ] as const;

  it.each(cases)(
    '%s with %s CI, published to %s, %s deploys',
    async (file, ci, publishTo, strategy, ownFile) => {
      const name = 'pay-api';
      const host = publishTo === 'gitlab' ? 'gitlab.com' : 'github.com';
      const gitRemoteUrl = 'file:///srv/git/pay-api.git';
      const hosted = publishTo === 'github' || publishTo === 'gitlab';
      // the portal's git host: pushed to a file: remote, cloned and browsed over HTTP
      const servedUrl = `http://localhost:${runner.port()}/api/golden-paths/git/pay-api.git`;
      const pushedTo =
        publishTo === 'portal'
          ? 'file:///srv/portal-git/pay-api.git'
          : gitRemoteUrl;
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
        ...(publishTo === 'git' ? { gitRemoteUrl } : {}),
        ...(hosted
          ? { repoUrl: `${host}?owner=acme-retail&repo=pay-api` }
          : {}),
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
        // A repository on another git host has no project slug and no web page; on
        // the portal's git host its page is the read-only HTTP one.
        ...(hosted
          ? {
              [`${host}/project-slug`]: 'acme-retail/pay-api',
              'backstage.io/source-location': `url:https://${host}/acme-retail/pay-api/`,
            }
          : {}),
        ...(publishTo === 'portal'
          ? { 'backstage.io/source-location': `url:${servedUrl}/` }
          : {}),
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
      expect(ciStages).toEqual(['test', 'build', 'gate', 'deploy']);
      // The deploy gate decides before the deploy: its job runs the project's copy of
      // the portal's gate.sh with the settings the PreSync hook reads too.
      const gateJob =
        ci === 'github' ? pipeline.jobs.gate : pipeline['deploy-gate'];
      expect(JSON.stringify(gateJob)).toContain(
        'set -a && . deploy/deploy-gate/gate.env && set +a',
      );
      expect(JSON.stringify(gateJob)).toContain(
        'sh deploy/deploy-gate/gate.sh',
      );
      // GitHub: deploy needs the gate job; GitLab: the gate stage comes before deploy.
      expect(
        ci === 'github' ? pipeline.jobs.deploy.needs : [gateJob.stage],
      ).toEqual(ci === 'github' ? ['build', 'gate'] : ['gate']);
      expect(out['deploy/deploy-gate/gate.sh']).toBe(await readGateScript());
      expect(
        out['deploy/deploy-gate/gate.env']
          .split('\n')
          .filter(line => line && !line.startsWith('#')),
      ).toEqual([
        `DEPLOY_GATE_URL=http://localhost:${runner.port()}/api/deploy-gate`,
        'DEPLOY_GATE_ENTITY_REF=component:default/pay-api',
        'DEPLOY_GATE_ENVIRONMENT=production',
        'DEPLOY_GATE_KIND=deploy',
        'DEPLOY_GATE_UNREACHABLE=pass',
      ]);
      expect(ciVariables.ENTITY_REF).toBe('component:default/pay-api');
      // The image comes from the CI platform's registry for this repository: GitHub
      // Actions computes ghcr.io/<owner>/<repo> (lower case), GitLab CI uses the
      // project's $CI_REGISTRY_IMAGE. The kustomization names it when the host is known
      // (CI pins the digest); it never names a tag.
      const imageSource =
        ci === 'gitlab'
          ? ciVariables.IMAGE
          : /ghcr\.io\/\$\{GITHUB_REPOSITORY,,\}/.exec(out[ciFile])?.[0];
      expect(imageSource).toBe(
        ci === 'gitlab'
          ? '$CI_REGISTRY_IMAGE'
          : 'ghcr.io/${GITHUB_REPOSITORY,,}',
      );
      const kustomization = parse(out['deploy/kustomization.yaml']);
      expect(kustomization.images).toEqual([
        !hosted
          ? { name: 'app' }
          : {
              name: 'app',
              newName: `${
                ci === 'github' ? 'ghcr.io' : 'registry.gitlab.com'
              }/acme-retail/pay-api`,
            },
      ]);
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
        {
          git: gitRemoteUrl,
          portal: servedUrl,
          github: `https://${host}/acme-retail/pay-api.git`,
          gitlab: `https://${host}/acme-retail/pay-api.git`,
        }[publishTo],
      );
      expect(parseAllDocuments(out['deploy/service.yaml']).length).toBe(
        strategy === 'blue-green' ? 2 : 1,
      );

      expect(out['README.md']).toContain('# pay-api');
      expect(out.Dockerfile).toContain('EXPOSE 8080');
      expect(out[ownFile]).toContain('pay-api');
      expect(response.body.output.links.slice(0, 2)).toEqual(
        !hosted
          ? [
              // no link a browser cannot open: none for a file: remote
              {
                title: 'Repository',
                url: publishTo === 'portal' ? servedUrl : '',
              },
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
          m.includes(`Dry run: would push the workspace to ${pushedTo} (main)`),
        ).length,
      ).toBe(hosted ? 0 : 1);
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
