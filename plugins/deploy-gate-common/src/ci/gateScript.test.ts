/**
 * @jest-environment node
 */
/**
 * ci/gate.sh, run as pipelines run it (Debian's dash; BusyBox's sh and awk as in alpine
 * and curlimages/curl) against a loopback fake gate answering allow, warn, deny, 400,
 * 401, 500, a 200 that is not a decision, or nothing at all.
 */
import {
  FakeGate,
  GateShell,
  runGateScript,
  startFakeGate,
  unreachableGateUrl,
} from '../testUtils';

const shells: GateShell[] = ['dash', 'busybox'];

const frozen = {
  code: 'frozen',
  message:
    'error budget of checkout-availability (component:default/checkout) exhausted since 2026-01-05T10:00:00Z: ordinary deploys to production are frozen',
  objectiveId: 'checkout-availability',
  link: 'https://portal.example.com/catalog/default/component/checkout/slos',
};

describe.each(shells)('gate.sh under %s', shell => {
  let gate: FakeGate;
  let env: Record<string, string>;
  const run = (extra: Record<string, string> = {}) =>
    runGateScript({ ...env, ...extra }, { shell });

  beforeEach(async () => {
    gate = await startFakeGate();
    env = {
      DEPLOY_GATE_URL: gate.url,
      DEPLOY_GATE_TOKEN: 'static-token',
      DEPLOY_GATE_ENTITY_REF: 'component:default/checkout',
      DEPLOY_GATE_RETRIES: '0',
    };
  });
  afterEach(() => gate.stop());

  it('allow: asks with the request built from the settings and exits 0', async () => {
    gate.answer({
      status: 200,
      body: {
        decision: 'allow',
        reasons: [
          {
            code: 'not-frozen',
            message: 'checkout is within its error budget',
          },
        ],
        policy: { frozen: false, budgetRemaining: 0.42 },
        decisionId: 'd-1',
      },
    });
    const result = await run({
      DEPLOY_GATE_ENVIRONMENT: 'prod-eu',
      DEPLOY_GATE_VERSION: '1.4.2',
      CI_COMMIT_SHA: '9f1c2ab',
      GITLAB_USER_LOGIN: 'jane "the\\deployer"\tdoe',
    });
    expect(result).toEqual({
      exitCode: 0,
      output: [
        `deploy gate: asking ${gate.url}/decisions: deploy of component:default/checkout to prod-eu`,
        'deploy gate: ALLOW: deploy of component:default/checkout to prod-eu (decision d-1)',
        '  - not-frozen: checkout is within its error budget',
        '',
      ].join('\n'),
    });
    expect(gate.requests).toHaveLength(1);
    const [request] = gate.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/deploy-gate/decisions');
    expect(request.headers.authorization).toBe('Bearer static-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      entityRef: 'component:default/checkout',
      environment: 'prod-eu',
      kind: 'deploy',
      version: '1.4.2',
      commitSha: '9f1c2ab',
      requestedBy: 'jane "the\\deployer"\tdoe',
    });
  });

  it('sends a remediation, its incident and an override; BACKSTAGE_URL names the portal', async () => {
    const { DEPLOY_GATE_URL: url, ...rest } = env;
    env = {
      ...rest,
      BACKSTAGE_URL: `${url.replace(/\/api\/deploy-gate$/, '')}/`,
    };
    const result = await run({
      DEPLOY_GATE_KIND: 'remediation',
      DEPLOY_GATE_REMEDIATES: 'INC-42',
      DEPLOY_GATE_OVERRIDE_REASON: 'security fix\nfor CVE-2026-1234',
      GITHUB_SHA: 'abcdef0123',
      GITHUB_ACTOR: 'octocat',
    });
    expect(result.exitCode).toBe(0);
    expect(gate.requests.map(r => r.path)).toEqual([
      '/api/deploy-gate/decisions',
    ]);
    expect(JSON.parse(gate.requests[0].body)).toEqual({
      entityRef: 'component:default/checkout',
      environment: 'production',
      kind: 'remediation',
      remediates: 'INC-42',
      commitSha: 'abcdef0123',
      requestedBy: 'octocat',
      override: { reason: 'security fix\nfor CVE-2026-1234' },
    });
  });

  it('warn: prints the reasons and exits 0, or DEPLOY_GATE_WARN_EXIT_CODE', async () => {
    gate.answer({
      status: 200,
      body: {
        decision: 'warn',
        reasons: [
          {
            code: 'stale-figures',
            message:
              'the SLO backend did not answer: deciding on figures of 2026-01-06T09:00:00.000Z',
          },
          { code: 'not-frozen', message: 'within budget' },
        ],
        policy: { frozen: false, stale: true },
        decisionId: 'd-2',
      },
    });
    const expected = [
      `deploy gate: asking ${gate.url}/decisions: deploy of component:default/checkout to production`,
      'deploy gate: WARN: deploy of component:default/checkout to production (decision d-2); deploying, read why:',
      '  - stale-figures: the SLO backend did not answer: deciding on figures of 2026-01-06T09:00:00.000Z',
      '  - not-frozen: within budget',
      '',
    ].join('\n');
    expect(await run()).toEqual({ exitCode: 0, output: expected });
    expect(await run({ DEPLOY_GATE_WARN_EXIT_CODE: '78' })).toEqual({
      exitCode: 78,
      output: expected,
    });
  });

  it('deny: prints the reasons with their links and exits 1', async () => {
    gate.answer({
      status: 200,
      body: {
        decision: 'deny',
        reasons: [frozen],
        policy: {
          frozen: true,
          since: '2026-01-05T10:00:00Z',
          budgetRemaining: 0,
        },
        decisionId: 'd-3',
      },
    });
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.output.split('\n').slice(1, 4)).toEqual([
      'deploy gate: DENY: deploy of component:default/checkout to production (decision d-3)',
      `  - frozen: ${frozen.message}`,
      `    ${frozen.link}`,
    ]);
    expect(result.output).toContain(
      'A rollback passes (DEPLOY_GATE_KIND=rollback)',
    );
  });

  it('deny in GitHub Actions: an error annotation', async () => {
    gate.answer({
      status: 200,
      body: { decision: 'deny', reasons: [frozen], policy: { frozen: true } },
    });
    const result = await run({ GITHUB_ACTIONS: 'true' });
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain(
      `::error title=Deploy gate::deny: deploy of component:default/checkout to production; ${frozen.message}\n`,
    );
  });

  it('500: no answer passes loudly by default, fails with DEPLOY_GATE_UNREACHABLE=fail', async () => {
    gate.answer({
      status: 500,
      body: { error: { name: 'Error', message: 'database is down' } },
    });
    const passed = await run();
    expect(passed.exitCode).toBe(0);
    expect(passed.output).toContain(
      `deploy gate: NO ANSWER: HTTP 500 from ${gate.url}/decisions: database is down\n` +
        "deploy gate: deploying WITHOUT the gate's decision (DEPLOY_GATE_UNREACHABLE=pass)\n",
    );
    const failed = await run({ DEPLOY_GATE_UNREACHABLE: 'fail' });
    expect(failed.exitCode).toBe(3);
    expect(failed.output).toContain(
      'deploy gate: the deploy stops here (DEPLOY_GATE_UNREACHABLE=fail)',
    );
  });

  it('5xx: retried DEPLOY_GATE_RETRIES times; an empty body says only the status', async () => {
    gate.answer({ status: 503, body: '' });
    const result = await run({ DEPLOY_GATE_RETRIES: '1' });
    expect(result.exitCode).toBe(0);
    expect(gate.requests).toHaveLength(2);
    expect(result.output).toContain(
      `deploy gate: NO ANSWER: HTTP 503 from ${gate.url}/decisions\n`,
    );
  });

  it('a 200 that is not a decision (a sign-in page) is no answer', async () => {
    gate.answer({ status: 200, body: '<html><body>Sign in</body></html>' });
    const passed = await run();
    expect(passed.exitCode).toBe(0);
    expect(passed.output).toContain(
      `deploy gate: NO ANSWER: HTTP 200 without a decision from ${gate.url}/decisions: <html><body>Sign in</body></html>`,
    );
    expect((await run({ DEPLOY_GATE_UNREACHABLE: 'fail' })).exitCode).toBe(3);
  });

  it('unreachable: passes loudly by default, fails with DEPLOY_GATE_UNREACHABLE=fail', async () => {
    const url = await unreachableGateUrl();
    const passed = await run({ DEPLOY_GATE_URL: url });
    expect(passed.exitCode).toBe(0);
    expect(passed.output).toMatch(
      /deploy gate: NO ANSWER: curl: \(7\) .* \(curl exit 7\)\n/,
    );
    expect(passed.output).toContain('deploying WITHOUT');
    // GitLab's include shows a passed no answer as a warning, like a warn.
    expect(
      (await run({ DEPLOY_GATE_URL: url, DEPLOY_GATE_WARN_EXIT_CODE: '78' }))
        .exitCode,
    ).toBe(78);
    const failed = await run({
      DEPLOY_GATE_URL: url,
      DEPLOY_GATE_UNREACHABLE: 'fail',
    });
    expect(failed.exitCode).toBe(3);
  });

  it('400 and 401: the request is refused (exit 2), whatever DEPLOY_GATE_UNREACHABLE says', async () => {
    gate.answer({
      status: 400,
      body: {
        error: {
          name: 'InputError',
          message:
            'kind: kind must be one of deploy, rollback, remediation, hotfix',
        },
        response: { statusCode: 400 },
      },
    });
    expect(await run({ DEPLOY_GATE_KIND: 'yolo' })).toEqual({
      exitCode: 2,
      output: [
        `deploy gate: asking ${gate.url}/decisions: yolo of component:default/checkout to production`,
        'deploy gate: the gate refused the request (HTTP 400): kind: kind must be one of deploy, rollback, remediation, hotfix',
        '',
      ].join('\n'),
    });
    gate.answer({
      status: 401,
      body: {
        error: { name: 'AuthenticationError', message: 'Illegal token' },
      },
    });
    const refused = await run({ DEPLOY_GATE_UNREACHABLE: 'pass' });
    expect(refused.exitCode).toBe(2);
    expect(refused.output).toContain('(HTTP 401): Illegal token');
  });

  it('a missing setting: exit 2 without asking', async () => {
    const { DEPLOY_GATE_TOKEN: _token, ...withoutToken } = env;
    env = withoutToken;
    expect(await run()).toEqual({
      exitCode: 2,
      output:
        'deploy gate: DEPLOY_GATE_TOKEN is not set (a Backstage token; for a pipeline an external-access static token)\n',
    });
    expect(
      (await run({ DEPLOY_GATE_TOKEN: 't', DEPLOY_GATE_UNREACHABLE: 'maybe' }))
        .exitCode,
    ).toBe(2);
    expect(gate.requests).toEqual([]);
  });
});
