/**
 * Every generated project passes its own checks. Each template is rendered through the
 * scaffolder's dry run for every CI (github, gitlab) and deploy strategy (rolling,
 * blue-green, canary), the three tiers spread over them; for each rendering:
 * - the GitHub workflow passes actionlint, `.gitlab-ci.yml` GitLab's CI schema;
 * - `kubectl kustomize deploy/` builds what Argo CD applies, and every Kubernetes, Argo
 *   CD and Argo Rollouts manifest of it validates against its schema (kubernetes-models);
 * - the deploy gate: CI's gate job and Argo CD's PreSync hook Job run the project's
 *   `deploy/deploy-gate/gate.sh` (deploy-gate-common's, unchanged) against a loopback
 *   fake gate (allow, warn, deny), and the GitLab include validates;
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
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { parse, parseAllDocuments } from 'yaml';
import {
  FakeGate,
  runGateScript,
  startFakeGate,
} from '@internal/backstage-plugin-deploy-gate-common/testUtils';
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
import { kustomizeBuild } from './__testUtils__/kustomize';
import { readGateScript } from './deployGate/gateScript';

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
  // typescript-service, rolling, by CI: the files and what kustomize builds of them.
  const gateRenderings: Record<
    string,
    { out: Record<string, string>; built: any[] }
  > = {};

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
      const generatorFiles = kustomization.configMapGenerator
        .flatMap((g: any) => [...(g.envs ?? []), ...(g.files ?? [])])
        .map((file: string) => `deploy/${file}`);
      // What Argo CD applies, validated against the schemas once for every variant,
      // below.
      const built = await kustomizeBuild(out);
      manifests[label] = [
        ...built,
        parse(out['deploy/argocd-application.yaml']),
      ];
      expect(JSON.stringify(kustomization.images)).not.toMatch(/latest|newTag/);
      expect(
        Object.keys(out)
          .filter(f => f.startsWith('deploy/'))
          .sort(),
      ).toEqual(
        [
          ...manifestFiles,
          ...generatorFiles,
          'deploy/kustomization.yaml',
        ].sort(),
      );

      // The deploy gate's PreSync hook: a Job running the project's gate.sh (the
      // portal's, unchanged) with gate.env, both from ConfigMaps that are hooks of an
      // earlier wave; deny fails the Job, so the sync.
      const hook = {
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      };
      const [job, ...otherJobs] = built.filter(d => d.kind === 'Job');
      expect(otherJobs).toEqual([]);
      expect(job.metadata.annotations).toEqual(hook);
      expect(job.metadata.namespace).toBe('pay-api');
      expect(job.spec.backoffLimit).toBe(0);
      const configMaps = new Map(
        built
          .filter(d => d.kind === 'ConfigMap')
          .map(d => [d.metadata.name, d]),
      );
      const pod = job.spec.template.spec;
      const [container] = pod.containers;
      expect(container.command).toEqual(['sh', '/deploy-gate/gate.sh']);
      const settings = configMaps.get(container.envFrom[0].configMapRef.name);
      const script = configMaps.get(
        pod.volumes.find((v: any) => v.name === 'script').configMap.name,
      );
      expect(script.data).toEqual({ 'gate.sh': await readGateScript() });
      expect(settings.data).toEqual({
        DEPLOY_GATE_URL: `http://localhost:${runner.port()}/api/deploy-gate`,
        DEPLOY_GATE_ENTITY_REF: 'component:default/pay-api',
        DEPLOY_GATE_ENVIRONMENT: 'production',
        DEPLOY_GATE_KIND: 'deploy',
        DEPLOY_GATE_UNREACHABLE: 'pass',
      });
      for (const configMap of [settings, script]) {
        expect(configMap.metadata.annotations).toEqual({
          ...hook,
          'argocd.argoproj.io/sync-wave': '-1',
        });
      }
      if (
        variant.language === 'typescript' &&
        variant.deployStrategy === 'rolling'
      ) {
        gateRenderings[variant.ci] = { out, built };
      }

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
    expect(
      new Set(
        Object.values(manifests).flatMap(docs => docs.map((d: any) => d.kind)),
      ),
    ).toEqual(
      new Set([
        'Deployment',
        'Rollout',
        'AnalysisTemplate',
        'Service',
        'Job',
        'ConfigMap',
        'Application',
      ]),
    );
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

  describe('the deploy gate, run as the generated project runs it', () => {
    let gate: FakeGate;
    let dir: string;
    const sha = '9f1c2ab0d4e5f60718293a4b5c6d7e8f90a1b2c3';
    const answers = {
      allow: {
        decision: 'allow',
        reasons: [{ code: 'not-frozen', message: 'pay-api is within budget' }],
        policy: { frozen: false },
        decisionId: 'd-allow',
      },
      warn: {
        decision: 'warn',
        reasons: [{ code: 'no-figures', message: 'no SLO figures yet' }],
        policy: { frozen: false },
        decisionId: 'd-warn',
      },
      deny: {
        decision: 'deny',
        reasons: [
          {
            code: 'frozen',
            message: 'error budget of pay-api-availability exhausted',
            objectiveId: 'pay-api-availability',
            link: 'https://portal.example.com/catalog/default/component/pay-api/slos',
          },
        ],
        policy: { frozen: true, budgetRemaining: 0 },
        decisionId: 'd-deny',
      },
    };

    beforeEach(async () => {
      gate = await startFakeGate();
      dir = await mkdtemp(path.join(tmpdir(), 'golden-path-gate-'));
    });
    afterEach(async () => {
      await gate.stop();
      await rm(dir, { recursive: true, force: true });
    });

    /** Writes the project with gate.env pointing at the fake gate, as a user sets it. */
    async function writeWithFakeGate(out: Record<string, string>) {
      await writeProject(
        {
          ...out,
          'deploy/deploy-gate/gate.env': out[
            'deploy/deploy-gate/gate.env'
          ].replace(/^DEPLOY_GATE_URL=.*$/m, `DEPLOY_GATE_URL=${gate.url}`),
        },
        dir,
      );
    }

    /** Runs a CI job's shell lines in the project, with the CI's variables. */
    async function runCiJob(lines: string, env: Record<string, string>) {
      await writeFile(path.join(dir, 'ci-job.sh'), `set -e\n${lines}\n`);
      return runGateScript(env, {
        shell: 'busybox',
        script: path.join(dir, 'ci-job.sh'),
        cwd: dir,
      });
    }

    it("GitLab CI's deploy-gate job: allow passes, warn is an allowed failure, deny fails", async () => {
      const { out } = gateRenderings.gitlab;
      await writeWithFakeGate(out);
      const job = parse(out['.gitlab-ci.yml'])['deploy-gate'];
      expect(job.allow_failure).toEqual({ exit_codes: [78] });
      // GitLab expands the job's variables from the predefined ones.
      const env = {
        ...Object.fromEntries(
          Object.entries(job.variables as Record<string, string>).map(
            ([k, v]) => [k, v.replace('$CI_COMMIT_SHA', sha)],
          ),
        ),
        CI_COMMIT_SHA: sha,
        GITLAB_USER_LOGIN: 'jane',
        DEPLOY_GATE_TOKEN: 'static-token',
      };
      const results: Record<string, number> = {};
      for (const [decision, body] of Object.entries(answers)) {
        gate.answer({ status: 200, body });
        const result = await runCiJob(job.script.join('\n'), env);
        results[decision] = result.exitCode;
        expect(result.output).toContain(body.reasons[0].message);
      }
      expect(results).toEqual({ allow: 0, warn: 78, deny: 1 });
      expect(gate.requests.map(r => JSON.parse(r.body))).toEqual(
        Array(3).fill({
          entityRef: 'component:default/pay-api',
          environment: 'production',
          kind: 'deploy',
          version: sha,
          commitSha: sha,
          requestedBy: 'jane',
        }),
      );
      expect(gate.requests[0].headers.authorization).toBe(
        'Bearer static-token',
      );
    });

    it("GitHub Actions' gate job: allow and warn pass, deny fails with an error annotation", async () => {
      const { out } = gateRenderings.github;
      await writeWithFakeGate(out);
      const step = parse(
        out['.github/workflows/delivery.yaml'],
      ).jobs.gate.steps.find((s: any) => s.name === 'Ask the deploy gate');
      expect(step.env).toEqual({
        DEPLOY_GATE_TOKEN: '${{ secrets.DEPLOY_GATE_TOKEN }}',
        DEPLOY_GATE_VERSION: '${{ github.sha }}',
      });
      const env = {
        DEPLOY_GATE_TOKEN: 'static-token',
        DEPLOY_GATE_VERSION: sha,
        GITHUB_ACTIONS: 'true',
        GITHUB_SHA: sha,
        GITHUB_ACTOR: 'octocat',
      };
      const results: Record<string, number> = {};
      for (const [decision, body] of Object.entries(answers)) {
        gate.answer({ status: 200, body });
        results[decision] = (await runCiJob(step.run, env)).exitCode;
      }
      expect(results).toEqual({ allow: 0, warn: 0, deny: 1 });
      gate.answer({ status: 200, body: answers.deny });
      expect((await runCiJob(step.run, env)).output).toContain(
        '::error title=Deploy gate::deny: deploy of component:default/pay-api to production; error budget of pay-api-availability exhausted\n',
      );
      expect(JSON.parse(gate.requests[0].body)).toEqual({
        entityRef: 'component:default/pay-api',
        environment: 'production',
        kind: 'deploy',
        version: sha,
        commitSha: sha,
        requestedBy: 'octocat',
      });
    });

    it("Argo CD's PreSync Job: deny fails it (so the sync), allow passes; no token, no answer", async () => {
      const { built } = gateRenderings.github;
      const job = built.find(d => d.kind === 'Job');
      const [container] = job.spec.template.spec.containers;
      const configMaps = new Map(
        built
          .filter(d => d.kind === 'ConfigMap')
          .map(d => [d.metadata.name, d]),
      );
      // The pod: the script ConfigMap mounted, the settings ConfigMap as environment,
      // the container's own variables (the token from its secret).
      const scriptFile = path.join(dir, 'gate.sh');
      const volume = job.spec.template.spec.volumes.find(
        (v: any) => v.name === 'script',
      );
      await writeFile(
        scriptFile,
        configMaps.get(volume.configMap.name).data['gate.sh'],
      );
      const podEnv = (token?: string) => ({
        ...configMaps.get(container.envFrom[0].configMapRef.name).data,
        DEPLOY_GATE_URL: gate.url,
        ...Object.fromEntries(
          container.env
            .filter((e: any) => 'value' in e)
            .map((e: any) => [e.name, e.name === 'TMPDIR' ? dir : e.value]),
        ),
        ...(token ? { DEPLOY_GATE_TOKEN: token } : {}),
      });
      const run = (token?: string) =>
        runGateScript(podEnv(token), { shell: 'busybox', script: scriptFile });

      gate.answer({ status: 200, body: answers.deny });
      const denied = await run('cluster-token');
      expect(denied.exitCode).toBe(1);
      expect(denied.output).toContain(
        'deploy gate: DENY: deploy of component:default/pay-api to production (decision d-deny)',
      );
      gate.answer({ status: 200, body: answers.allow });
      expect((await run('cluster-token')).exitCode).toBe(0);
      expect(gate.requests.map(r => JSON.parse(r.body))).toEqual(
        Array(2).fill({
          entityRef: 'component:default/pay-api',
          environment: 'production',
          kind: 'deploy',
          requestedBy: 'argocd',
        }),
      );
      // The secret deploy-gate-token missing (optional): the Job says so and fails.
      const noToken = await run();
      expect(noToken.exitCode).toBe(2);
      expect(noToken.output).toContain('DEPLOY_GATE_TOKEN is not set');
      expect(gate.requests).toHaveLength(2);
    });

    it("deploy-gate-common's GitLab include is valid GitLab CI", async () => {
      const include = parse(
        await readFile(
          path.join(
            path.dirname(
              require.resolve(
                '@internal/backstage-plugin-deploy-gate-common/package.json',
              ),
            ),
            'ci/gitlab/deploy-gate.gitlab-ci.yml',
          ),
          'utf8',
        ),
      );
      // As its header shows it used: a job extending it ahead of the deploy.
      const pipeline = {
        ...include,
        'deploy-gate': {
          extends: '.deploy-gate',
          stage: 'deploy',
          variables: { DEPLOY_GATE_ENTITY_REF: 'component:default/checkout' },
        },
        deploy: {
          stage: 'deploy',
          needs: ['deploy-gate'],
          script: ['./deploy.sh'],
        },
      };
      const valid = validateGitlabCi(pipeline);
      expect(validateGitlabCi.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });
  });

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
