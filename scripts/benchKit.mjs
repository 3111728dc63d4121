/*
 * What the browser benchmarks (bench-catalog, bench-golden-path, bench-home,
 * bench-scorecards, bench-timeline) share: starting the portal and waiting for it,
 * Debian's Chromium with the same flags, and the median / max figures they print.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Polls `check` until it answers true (a throw counts as not yet), or fails after `ms`. */
export async function waitFor(check, ms, what, { intervalMs = 2000 } = {}) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The middle value; of an even count, the lower of the two middle ones. */
export const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/** "median / max ms" of a list of milliseconds. */
export const msSummary = values =>
  `${median(values).toFixed(0)} / ${Math.max(...values).toFixed(0)} ms`;

/**
 * `yarn start` (frontend and backend) with extra config files, its output in `logFile`,
 * in a process group of its own so that `stop()` (and Ctrl-C) ends all of it and frees
 * the ports.
 */
export function startPortal({ configFiles = [], logFile }) {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'w');
  const configArgs = configFiles.length
    ? [join(repoRoot, 'app-config.yaml'), ...configFiles].flatMap(file => [
        '--config',
        file,
      ])
    : [];
  const portal = spawn('yarn', ['start', ...configArgs], {
    cwd: repoRoot,
    stdio: ['ignore', log, log],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-portal.pid, 'SIGTERM');
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
  return { stop };
}

/** Until the backend is ready and the development server answers. */
export async function waitForPortal({
  appUrl,
  backendUrl,
  ms,
  what,
  intervalMs,
}) {
  await waitFor(
    async () =>
      (await fetch(`${backendUrl}/.backstage/health/v1/readiness`)).ok &&
      (
        await fetch(appUrl)
      ).ok,
    ms,
    what,
    { intervalMs },
  );
}

/** Until the catalog serves the entity with its owner relation processed. */
export async function waitForOwnedEntity({
  backendUrl,
  name,
  headers,
  ms,
  what,
}) {
  await waitFor(
    async () => {
      const response = await fetch(
        `${backendUrl}/api/catalog/entities/by-name/component/default/${name}`,
        { headers },
      );
      const entity = response.ok ? await response.json() : undefined;
      return entity?.relations?.some(r => r.type === 'ownedBy');
    },
    ms,
    what,
  );
}

/** Debian's Chromium (or PLAYWRIGHT_CHROMIUM_PATH), nothing it would fetch on its own. */
export function launchChromium({ extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
