#!/usr/bin/env node
/*
 * The long form of the delivery fuzz tests: the same property-based tests the test
 * command runs with a few hundred inputs, here with FUZZ_RUNS inputs per property
 * (default 2,000), on SQLite and the local PostgreSQL.
 *
 *   . scripts/bootstrap.sh && node scripts/fuzz-delivery.mjs
 *   FUZZ_RUNS=10000 node scripts/fuzz-delivery.mjs
 *
 * Prints each suite's result and the inputs tried; exits non-zero when one fails.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.FUZZ_RUNS ?? 2000);

const suites = [
  // [package folder, test file, properties in it]
  ['plugins/delivery-backend', 'src/service/ingestionFuzz.test.ts', 1],
  ['plugins/delivery-backend-module-github', 'src/webhookFuzz.test.ts', 2],
  ['plugins/delivery-backend-module-pagerduty', 'src/webhookFuzz.test.ts', 3],
  ['plugins/delivery-backend-module-gitlab', 'src/webhookFuzz.test.ts', 2],
  ['plugins/delivery-backend-module-argocd', 'src/webhookFuzz.test.ts', 2],
  ['plugins/delivery-backend-module-opsgenie', 'src/webhookFuzz.test.ts', 3],
];

const env = {
  ...process.env,
  CI: 'true',
  FUZZ_RUNS: String(runs),
  BACKSTAGE_TEST_DISABLE_DOCKER: '1',
  PORTAL_REQUIRE_POSTGRES: '1',
  BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
};

let failed = 0;
let inputs = 0;
const started = Date.now();
for (const [folder, file, properties] of suites) {
  console.log(`\n=== ${folder} ${file}, ${runs} inputs per property`);
  const result = spawnSync(
    'yarn',
    [
      'backstage-cli',
      'package',
      'test',
      '--watchAll=false',
      '--testTimeout=3600000',
      file,
    ],
    { cwd: join(root, folder), env, stdio: 'inherit' },
  );
  if (result.status !== 0) failed++;
  // Each property runs once per database (SQLite and PostgreSQL).
  inputs += runs * properties * 2;
}
console.log(
  `\nfuzz-delivery: ${suites.length - failed}/${
    suites.length
  } suites passed, ${inputs} generated inputs tried in ${Math.round(
    (Date.now() - started) / 1000,
  )} s`,
);
process.exit(failed ? 1 : 0);
