/**
 * Every generated project passes its own checks. Each template is rendered through the
 * scaffolder's dry run for every CI (github, gitlab) and deploy strategy (rolling,
 * blue-green, canary), the three tiers spread over them; for each rendering:
 * - the GitHub workflow passes actionlint, `.gitlab-ci.yml` GitLab's CI schema;
 * - every Kubernetes, Argo CD and Argo Rollouts manifest validates against its schema
 *   (kubernetes-models), and the kustomization names only files that exist;
 * - the Rollout's AnalysisTemplate asks the availability SLO's own query and target;
 * - `.golden-path.yaml` records the inputs.
 * The service's own files do not depend on these options (checked), so each template's
 * project is then checked once as its README says: TypeScript `npm ci`, `npm test`,
 * `npm run build`, started, GET /healthz and /metrics; Python `python3 -m pytest` and
 * uvicorn; the static site's check, nginx and its mtail sidecar.
 */
/* eslint-disable jest/no-conditional-expect -- one test body per variant: what is
   checked depends on the variant's CI and strategy */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { parse, parseAllDocuments } from 'yaml';
import {
  formValues,
  renderedFiles,
  startTemplateDryRunner,
  TemplateDryRunner,
  templatesDir,
  writeProject,
} from './__testUtils__/dryRun';
import {
  checkCommands,
  Language,
  runChecks,
  startService,
} from './__testUtils__/generatedService';

const templates: Array<[string, Language]> = [
  ['typescript-service.yaml', 'typescript'],
  ['python-service.yaml', 'python'],
  ['static-website.yaml', 'static'],
];
const cis = ['github', 'gitlab'] as const;
const strategies = ['rolling', 'blue-green', 'canary'] as const;
const tiers = ['critical', 'standard', 'experimental'] as const;

const variants = templates.flatMap(([file, language]) =>
  cis.flatMap((ci, c) =>
    strategies.map((deployStrategy, s) => ({
      file,
      language,
      ci,
      deployStrategy,
      tier: tiers[(c * strategies.length + s) % tiers.length],
      publishTo: ci,
    })),
  ),
);

/** Files that belong to the service itself, not to CI, deployment or the catalog. */
const isServiceFile = (file: string) =>
  !/^(\.github\/|\.gitlab-ci\.yml|deploy\/|slo\/|catalog-info\.yaml|\.golden-path\.yaml|README\.md)/.test(
    file,
  );

/**
 * Runs one of the validators of __testUtils__ (their libraries load outside Jest) on
 * inputs by variant; its JSON answer by variant.
 */
function runValidator(
  script: string,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, '__testUtils__', script)],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error}\n${stderr}`))
          : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(JSON.stringify(input));
  });
}

describe('generated projects pass their own checks', () => {
  let runner: TemplateDryRunner;
  let validateGitlabCi: ReturnType<Ajv['compile']>;
  const serviceFiles = new Map<string, Map<string, string>>();
  const workflows: Record<string, string> = {};
  const manifests: Record<string, object[]> = {};
  const firstRendering = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    runner = await startTemplateDryRunner();
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validateGitlabCi = ajv.compile(
      JSON.parse(
        await readFile(
          path.join(__dirname, '__testUtils__/gitlab-ci.schema.json'),
          'utf8',
        ),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await runner?.stop();
  });

  it.each(variants)(
    '$file, $ci CI, $deployStrategy, $tier tier: valid CI and manifests',
    async variant => {
      const response = await runner.dryRun(
        variant.file,
        formValues({ name: 'pay-api', ...variant }),
      );
      expect([response.status, response.body.error?.message]).toEqual([
        200,
        undefined,
      ]);
      const out = renderedFiles(response.body);

      const label = `${variant.file} ${variant.ci} ${variant.deployStrategy}`;
      if (variant.ci === 'github') {
        // actionlint runs once over every variant, below.
        workflows[label] = out['.github/workflows/delivery.yaml'];
      } else {
        const valid = validateGitlabCi(parse(out['.gitlab-ci.yml']));
        expect(validateGitlabCi.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      }

      // Every manifest validates against its schema, and the kustomization builds
      // from files that exist.
      const kustomization = parse(out['deploy/kustomization.yaml']);
      const manifestFiles = [
        ...kustomization.resources.map((r: string) => `deploy/${r}`),
        'deploy/argocd-application.yaml',
      ];
      const docs = manifestFiles.flatMap(file => {
        expect(out[file]).toBeDefined();
        return parseAllDocuments(out[file]).map(d => d.toJS());
      });
      const kinds = docs.map(doc => doc.kind);
      // Validated against their schemas once for every variant, below.
      manifests[label] = docs;
      expect(JSON.stringify(kustomization.images)).not.toMatch(/latest|newTag/);
      expect(
        Object.keys(out)
          .filter(f => f.startsWith('deploy/'))
          .sort(),
      ).toEqual([...manifestFiles, 'deploy/kustomization.yaml'].sort());

      // The workload is scraped where its SLO metrics are served.
      const workload = parse(out['deploy/workload.yaml']);
      const podAnnotations = workload.spec.template.metadata.annotations;
      expect(podAnnotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/path': '/metrics',
        'prometheus.io/port': variant.language === 'static' ? '3903' : '8080',
      });

      // Blue-green and canary: the analysis asks the availability SLO's query.
      const slo = parseAllDocuments(out['slo/pay-api.yaml']).map(d => d.toJS());
      const availability = slo.find(
        d => d.metadata.name === 'pay-api-availability',
      );
      const ratio = availability.spec.indicator.spec.ratioMetric;
      if (variant.deployStrategy === 'rolling') {
        expect(kinds).not.toContain('AnalysisTemplate');
      } else {
        const analysis = parse(out['deploy/analysis-template.yaml']);
        const [metric] = analysis.spec.metrics;
        // The OpenSLO file names the series; the analysis asks their 5-minute ratio.
        const rate = (source: any) =>
          `sum(rate(${source.metricSource.spec.query}[5m]))`;
        expect(metric.provider.prometheus.query.trim()).toBe(
          `${rate(ratio.good)}\n/\n${rate(ratio.total)}`,
        );
        const target = availability.spec.objectives[0].target;
        expect(metric.successCondition).toBe(`result[0] >= ${target}`);
        expect(metric.failureCondition).toBe(`result[0] < ${target}`);
        const strategy = workload.spec.strategy;
        const templateNames =
          variant.deployStrategy === 'canary'
            ? strategy.canary.analysis.templates
            : strategy.blueGreen.prePromotionAnalysis.templates;
        expect(templateNames).toEqual([{ templateName: 'pay-api-slo' }]);
      }

      // Argo CD syncs the repository it was published to.
      expect(
        parse(out['deploy/argocd-application.yaml']).spec.source.repoURL,
      ).toBe(`https://${variant.ci}.com/Acme-Retail/pay-api.git`);

      // The inputs, for a later upgrade.
      const template = parse(
        await readFile(path.join(templatesDir, variant.file), 'utf8'),
      );
      expect(parse(out['.golden-path.yaml'])).toEqual({
        template: `template:default/${template.metadata.name}`,
        version:
          template.metadata.annotations['golden-path.acme-portal.io/version'],
        values: {
          name: 'pay-api',
          description: 'Payments API',
          owner: 'group:default/team-checkout',
          system: 'system:default/order-management',
          lifecycle: 'production',
          tier: variant.tier,
          deployStrategy: variant.deployStrategy,
          ci: variant.ci,
          publishTo: variant.publishTo,
          repoCloneUrl: `https://${variant.ci}.com/Acme-Retail/pay-api.git`,
        },
      });

      // The README tells the checks this test runs.
      for (const command of checkCommands[variant.language].slice(-1)) {
        expect(out['README.md']).toContain(command);
      }

      const own = new Map(
        Object.entries(out).filter(([file]) => isServiceFile(file)),
      );
      const digest = createHash('sha256')
        .update(JSON.stringify([...own].sort()))
        .digest('hex');
      serviceFiles.set(label, new Map([[variant.file, digest]]));
      if (!firstRendering.has(variant.file)) {
        firstRendering.set(variant.file, out);
      }
    },
    60_000,
  );

  it('every GitHub workflow passes actionlint', async () => {
    expect(Object.keys(workflows)).toHaveLength(9);
    const findings = await runValidator('lintWorkflow.cjs', workflows);
    expect(findings).toEqual(
      Object.fromEntries(Object.keys(workflows).map(label => [label, []])),
    );
  }, 120_000);

  it('every Kubernetes, Argo CD and Argo Rollouts manifest validates', async () => {
    expect(Object.keys(manifests)).toHaveLength(18);
    // Per manifest: null when its schema accepts it, else the error.
    expect(await runValidator('validateManifests.mjs', manifests)).toEqual(
      Object.fromEntries(
        Object.entries(manifests).map(([label, docs]) => [
          label,
          docs.map(() => null),
        ]),
      ),
    );
  }, 120_000);

  it('renders the same service files whatever the CI, strategy and tier', () => {
    for (const [file] of templates) {
      const digests = new Set(
        [...serviceFiles.values()].map(m => m.get(file)).filter(Boolean),
      );
      expect(digests.size).toBe(1);
    }
  });

  it.each(templates)(
    '%s: the README checks pass, the service starts and serves /healthz and /metrics',
    async (file, language) => {
      const out = firstRendering.get(file)!;
      const dir = await mkdtemp(path.join(tmpdir(), 'golden-path-'));
      // nginx workers read the site as an unprivileged user.
      await chmod(dir, 0o755);
      try {
        await writeProject(out, dir);
        await runChecks(language, dir);
        const service = await startService(language, dir);
        try {
          const health = await fetch(`${service.baseUrl}/healthz`);
          expect(health.status).toBe(200);
          await fetch(`${service.baseUrl}/`);
          // mtail reads the access log as it grows: give it a moment.
          await new Promise(resolve => setTimeout(resolve, 500));
          const metrics = await (await fetch(service.metricsUrl)).text();
          expect(metrics).toMatch(
            /http_requests_total\{(code="200",service="pay-api"|service="pay-api",code="200")\} 1(\.0)?\n/,
          );
          // A bucket for every latency threshold of the tiers: 0.3, 0.5 and 1 s.
          for (const le of [
            '0.3',
            '0.5',
            language === 'python' ? '1.0' : '1',
          ]) {
            expect(metrics).toContain(`le="${le}"`);
          }
        } finally {
          await service.stop();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
