#!/usr/bin/env node
/*
 * Every check of the repo, in one command (`yarn test:everything`, or `scripts/portal test`
 * which bootstraps first):
 *   1. tsc            type check of every package
 *   2. lint           backstage-cli repo lint
 *   3. jest           unit and integration tests of every package; database tests run on
 *                     SQLite and on the local PostgreSQL (Backstage TestDatabases)
 *   4. e2e            Playwright in Debian's Chromium against the running portal
 * Every step runs even when an earlier one failed, so one run reports everything. The last
 * line is the plain `N passed, N failed` summary over all steps: each Jest and Playwright
 * test counts as one, tsc and lint count as one check each.
 *
 * Options: --skip=e2e,lint (comma list of steps to leave out, for quick local runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results');
const skip = new Set(
  (process.argv.find(arg => arg.startsWith('--skip='))?.slice('--skip='.length) ?? '')
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
  console.log(`=== ${name}: exit ${result.status ?? result.signal} after ${seconds}s`);
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

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const tally = [];
const check = (name, ok) => tally.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });

if (!skip.has('tsc')) check('tsc', run('tsc', 'yarn', ['tsc']));
if (!skip.has('lint')) check('lint', run('lint', 'yarn', ['lint:all']));

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
  const ok = run('e2e', 'yarn', ['playwright', 'test']);
  tally.push({
    name: 'e2e',
    ...playwrightCounts(existsSync(e2eReport) ? readJson(e2eReport) : undefined, ok),
  });
}

console.log('\n=== summary');
for (const { name, passed, failed } of tally) {
  console.log(`${name.padEnd(6)} ${passed} passed, ${failed} failed`);
}
const passed = tally.reduce((sum, step) => sum + step.passed, 0);
const failed = tally.reduce((sum, step) => sum + step.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && tally.length > 0 ? 0 : 1);
