#!/usr/bin/env node
/*
 * The delivery load test, long form (the test command runs a 12-second form as
 * plugins/delivery-backend-module-github/src/load.test.ts):
 *
 *   . scripts/bootstrap.sh && node scripts/load-delivery.mjs
 *   LOAD_SECONDS=30 LOAD_KILL=0 node scripts/load-delivery.mjs
 *
 * Starts two delivery backend processes on a fresh database on the local PostgreSQL
 * (127.0.0.1:5432; PG_HOST/PG_PORT/PG_USER to change), behind a round-robin proxy on
 * 127.0.0.1, sends /events and signed GitHub webhook traffic for LOAD_SECONDS (default
 * 120) or LOAD_EVENTS accepted events while reading /dora and /timeline, kills one
 * replica halfway and starts a replacement (LOAD_KILL=0: no kill), then checks that
 * every accepted event is stored exactly once and that /dora equals computeDora over
 * what was sent. Prints throughput, p50/p95/p99 latencies and errors; stops by itself
 * and drops the databases it created. Everything stays on loopback.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'plugins/delivery-backend-module-github');
const require = createRequire(join(moduleDir, 'package.json'));

const result = spawnSync(
  process.execPath,
  [
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    join(moduleDir, 'dev/load.ts'),
  ],
  { cwd: moduleDir, stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
