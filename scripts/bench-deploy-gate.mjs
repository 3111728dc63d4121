#!/usr/bin/env node
/*
 * Deploy gate benchmark (a measurement, not a test): POST /api/deploy-gate/decisions
 * for each of 1,000 components, one after the other as pipelines would ask, in three
 * passes, printing p50 / p99 / max per decision:
 *   cold      a fresh backend: the SLO backend evaluates each component for the first
 *             time (the dev metric source answers at once), the gate stores the policy
 *             as last good and the decision;
 *   warm      the same again: the SLO backend answers from its cache;
 *   slo down  the SLO backend unreachable for the gate (discovery answers a closed
 *             loopback port): every decision comes from the gate's last good policy,
 *             marked stale.
 * Every decision is stored (in-memory SQLite). Decisions are checked: every tenth
 * component is frozen (deny), the others allowed; stale only while the SLO backend
 * is down.
 *
 *   node scripts/bench-deploy-gate.mjs
 *
 * It starts plugins/deploy-gate-backend/dev (the gate and the SLO backend in one
 * process, mocked auth and catalog) with DEPLOY_GATE_BENCH=1 (dev/bench.ts) on port
 * 17116 (DEPLOY_GATE_BENCH_PORT).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMPONENTS = 1000;
const port = Number(process.env.DEPLOY_GATE_BENCH_PORT ?? 17116);
const base = `http://localhost:${port}/api/deploy-gate`;

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not come up`);
}

/** Nearest-rank quantile of sorted values. */
const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(
    sorted,
    0.99,
  ).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms, total ${(
    times.reduce((a, b) => a + b, 0) / 1000
  ).toFixed(1)} s`;
}

async function decide(i) {
  const response = await fetch(`${base}/decisions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      entityRef: `component:default/bench-svc-${i}`,
      environment: 'production',
      version: `1.0.${i}`,
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`bench-svc-${i}: ${JSON.stringify(body)}`);
  return body;
}

async function pass(name, { stale }) {
  const times = [];
  const counts = { allow: 0, warn: 0, deny: 0 };
  for (let i = 0; i < COMPONENTS; i++) {
    const started = performance.now();
    const body = await decide(i);
    times.push(performance.now() - started);
    counts[body.decision] += 1;
    const expected = i % 10 === 0 ? 'deny' : 'allow';
    if (body.decision !== expected || !!body.policy.stale !== stale) {
      throw new Error(
        `bench-svc-${i}: expected ${expected}${
          stale ? ' (stale)' : ''
        }, got ${JSON.stringify(body)}`,
      );
    }
  }
  console.log(
    `${name.padEnd(8)} ${COMPONENTS} decisions (${counts.deny} deny, ${
      counts.allow
    } allow): ${summary(times)}`,
  );
}

const switchSlo = async down => {
  const response = await fetch(`${base}/bench/slo?down=${down}`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`bench switch: ${response.status}`);
};

console.log(
  `Deploy gate benchmark: ${COMPONENTS} components, one objective each, every tenth frozen; decisions asked one at a time`,
);
const backend = spawn('yarn', ['backstage-cli', 'package', 'start'], {
  cwd: join(root, 'plugins/deploy-gate-backend'),
  env: { ...process.env, DEPLOY_GATE_BENCH: '1', PORT: String(port) },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-backend.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stop();
    process.exit(130);
  });
}
try {
  await waitFor(
    `http://localhost:${port}/.backstage/health/v1/readiness`,
    180_000,
  );
  await pass('cold', { stale: false });
  await pass('warm', { stale: false });
  await switchSlo(true);
  await pass('slo down', { stale: true });
  await switchSlo(false);
} finally {
  stop();
}
