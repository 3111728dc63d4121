#!/usr/bin/env node
/*
 * Every check of the repo, in one command (`yarn test:everything`, or `scripts/portal test`
 * which bootstraps first):
 *   1. tsc            type check of every package, and each package's API against its
 *                     committed API report (`yarn build:api-reports` writes them anew)
 *   2. lint           backstage-cli repo lint, and prettier --check
 *   3. jest           unit and integration tests of every package; database tests run on
 *                     SQLite and on the local PostgreSQL (Backstage TestDatabases)
 *   4. e2e            Playwright in Debian's Chromium against the portal, which this script
 *                     starts as `scripts/portal start` does (demo Prometheus, frontend dev
 *                     server + backend) and always stops again
 * Every step runs even when an earlier one failed, so one run reports everything. The last
 * line is the plain `N passed, N failed` summary over all steps: each Jest and Playwright
 * test counts as one, tsc, lint and prettier count as one check each.
 *
 * Options: --skip=e2e,lint (comma list of steps to leave out, for quick local runs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results');
const skip = new Set(
  (
    process.argv
      .find(arg => arg.startsWith('--skip='))
      ?.slice('--skip='.length) ?? ''
  )
    .split(',')
    .filter(Boolean),
);

// The machine's local PostgreSQL (trust auth) unless the caller names another server.
// TestDatabases only runs PostgreSQL when this variable is set; docker is never used here.
const testEnv = {
  ...process.env,
  CI: 'true',
  BACKSTAGE_TEST_DISABLE_DOCKER: '1',
  BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
  PORTAL_REQUIRE_POSTGRES: '1',
  // Playwright targets the portal this script starts instead of starting its own.
  PLAYWRIGHT_URL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
};

function run(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    env: testEnv,
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `=== ${name}: exit ${result.status ?? result.signal} after ${seconds}s`,
  );
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts from Jest's --json report; a crashed run without a report counts as one failure. */
function jestCounts(report, exitedCleanly) {
  if (!report) return { passed: 0, failed: 1 };
  const failedSuites = report.testResults.filter(
    suite => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  const failed = report.numFailedTests + failedSuites;
  return {
    passed: report.numPassedTests,
    failed: failed === 0 && !exitedCleanly ? 1 : failed,
  };
}

/** Counts from Playwright's JSON reporter; a flaky test that passed on retry counts as passed. */
function playwrightCounts(report, exitedCleanly) {
  if (!report) return { passed: 0, failed: 1 };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const failed = unexpected + (report.errors?.length ?? 0);
  return {
    passed: expected + flaky,
    failed: failed === 0 && !exitedCleanly ? 1 : failed,
  };
}

async function isUp(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Whether the demo Prometheus the portal's log names (start-portal.mjs prints "SLO
 * metric source: <url>") answers ready, i.e. has its history loaded; true when the
 * portal runs without one.
 */
async function demoPrometheusReady(logFile) {
  const log = readFileSync(logFile, 'utf8');
  const url = /SLO metric source: (http:\/\/\S+)/.exec(log)?.[1];
  if (!url || log.includes('the demo Prometheus stopped')) return true;
  return isUp(`${url}/-/ready`);
}

/**
 * Starts the portal as `scripts/portal start` does (scripts/start-portal.mjs: the demo
 * Prometheus, then `yarn start` with frontend on :3000 and backend on :7007), in its own
 * process group, so that stop() ends every process it spawned: CI must not be left
 * waiting on a stray dev server or Prometheus.
 */
async function startPortal() {
  const frontend = 'http://localhost:3000';
  const backend = 'http://localhost:7007/.backstage/health/v1/readiness';
  for (const url of [frontend, backend]) {
    if (await isUp(url)) {
      console.error(
        `e2e: ${url} is already in use; stop the running portal first`,
      );
      return { ready: false, stop: async () => {} };
    }
  }
  console.log(
    '\n=== e2e: starting the portal (scripts/start-portal.mjs), log in test-results/portal.log',
  );
  const logFile = join(resultsDir, 'portal.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['scripts/start-portal.mjs'], {
    cwd: root,
    env: { ...testEnv, BROWSER: 'none' },
    stdio: ['ignore', log, log],
    detached: true,
  });
  const stop = async () => {
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        return; // the group is gone
      }
      await new Promise(r => setTimeout(r, 5_000));
    }
  };
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (
      (await isUp(frontend)) &&
      (await isUp(backend)) &&
      (await demoPrometheusReady(logFile))
    ) {
      return { ready: true, stop };
    }
    await new Promise(r => setTimeout(r, 2_000));
  }
  console.error('e2e: the portal did not come up; see test-results/portal.log');
  await stop();
  return { ready: false, stop: async () => {} };
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const tally = [];
const check = (name, ok) =>
  tally.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });

if (!skip.has('tsc')) {
  // from scratch: an incremental build may order union members differently in the
  // declarations, which the API reports would show as a change
  rmSync(join(root, 'dist-types'), { recursive: true, force: true });
  check('tsc', run('tsc', 'yarn', ['tsc']));
  // each package's public API against its committed report.api.md (from tsc's dist-types)
  check(
    'api-reports',
    run('api-reports', 'yarn', ['build:api-reports:only', '--ci']),
  );
}
if (!skip.has('lint')) {
  check('lint', run('lint', 'yarn', ['lint:all']));
  check('prettier', run('prettier', 'yarn', ['prettier:check']));
}

if (!skip.has('jest')) {
  const jestReport = join(resultsDir, 'jest.json');
  const ok = run('jest', 'yarn', [
    'backstage-cli',
    'repo',
    'test',
    '--ci',
    '--json',
    `--outputFile=${jestReport}`,
  ]);
  tally.push({ name: 'jest', ...jestCounts(readJson(jestReport), ok) });
}

if (!skip.has('e2e')) {
  const e2eReport = join(resultsDir, 'e2e.json');
  // An explicit PLAYWRIGHT_URL means a portal is already running there.
  const portal = process.env.PLAYWRIGHT_URL
    ? { ready: true, stop: async () => {} }
    : await startPortal();
  let ok = false;
  try {
    ok = portal.ready && run('e2e', 'yarn', ['playwright', 'test']);
  } finally {
    await portal.stop();
  }
  tally.push({
    name: 'e2e',
    ...playwrightCounts(
      existsSync(e2eReport) ? readJson(e2eReport) : undefined,
      ok,
    ),
  });
}

console.log('\n=== summary');
for (const { name, passed, failed } of tally) {
  console.log(`${name.padEnd(8)} ${passed} passed, ${failed} failed`);
}
const passed = tally.reduce((sum, step) => sum + step.passed, 0);
const failed = tally.reduce((sum, step) => sum + step.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && tally.length > 0 ? 0 : 1);
