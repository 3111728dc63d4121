/**
 * @jest-environment node
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { gateScriptPath, runGateScript, startFakeGate } from '../testUtils';
import { GITLAB_WARN_EXIT_CODE, renderGitlabInclude } from './gitlabInclude';

const includePath = path.resolve(
  __dirname,
  '../../ci/gitlab/deploy-gate.gitlab-ci.yml',
);

describe('ci/gitlab/deploy-gate.gitlab-ci.yml', () => {
  it('is rendered from ci/gate.sh (UPDATE_GITLAB_INCLUDE=1 rewrites it)', async () => {
    const rendered = renderGitlabInclude(
      await readFile(gateScriptPath, 'utf8'),
    );
    if (process.env.UPDATE_GITLAB_INCLUDE) {
      await mkdir(path.dirname(includePath), { recursive: true });
      await writeFile(includePath, rendered);
    }
    expect(await readFile(includePath, 'utf8')).toBe(rendered);
  });

  it("its job's script writes out gate.sh unchanged and runs it: warn is GitLab's allowed failure", async () => {
    const include = parse(await readFile(includePath, 'utf8'));
    const job = include['.deploy-gate'];
    expect(job.allow_failure).toEqual({ exit_codes: [GITLAB_WARN_EXIT_CODE] });
    const [script] = job.script as string[];
    // What GitLab's runner runs, with the job's variables, in a shell.
    const gate = await startFakeGate();
    const dir = await mkdtemp(path.join(tmpdir(), 'gitlab-job-'));
    try {
      const jobScript = path.join(dir, 'job.sh');
      await writeFile(jobScript, `set -e\n${script}`);
      gate.answer({
        status: 200,
        body: {
          decision: 'warn',
          reasons: [{ code: 'no-figures', message: 'no SLO figures yet' }],
          policy: { frozen: false },
          decisionId: 'd-9',
        },
      });
      const result = await runGateScript(
        {
          ...job.variables,
          TMPDIR: dir,
          DEPLOY_GATE_URL: gate.url,
          DEPLOY_GATE_TOKEN: 't',
          DEPLOY_GATE_ENTITY_REF: 'component:default/checkout',
          CI_COMMIT_SHA: '9f1c2ab',
        },
        { shell: 'busybox', script: jobScript },
      );
      expect(result.exitCode).toBe(GITLAB_WARN_EXIT_CODE);
      expect(result.output).toContain('  - no-figures: no SLO figures yet\n');
      expect(await readFile(path.join(dir, 'deploy-gate.sh'), 'utf8')).toBe(
        await readFile(gateScriptPath, 'utf8'),
      );
      expect(JSON.parse(gate.requests[0].body).commitSha).toBe('9f1c2ab');
    } finally {
      await gate.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
