/*
 * What the benchmarks share: starting the portal and waiting for it, Debian's
 * Chromium with the same flags (bench-catalog, bench-golden-path, bench-home,
 * bench-scorecards, bench-timeline), psql on the local PostgreSQL (bench-delivery,
 * bench-changes), and the median / max figures they print.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
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

/** The local PostgreSQL the benchmarks run on (scripts/ensure-postgres.sh). */
export const localPostgres = {
  host: '127.0.0.1',
  port: '5432',
  user: 'postgres',
};

/** Runs one statement with psql on the local PostgreSQL; answers its output. */
export function psql(sql, database = 'postgres') {
  const { host, port, user } = localPostgres;
  const result = spawnSync(
    'psql',
    ['-h', host, '-p', port, '-U', user, '-d', database, '-tA', '-c', sql],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
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
export function startPortal({
  configFiles = [],
  logFile,
  backendOnly = false,
}) {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'w');
  const configArgs = configFilesArgs(configFiles);
  const command = backendOnly
    ? ['workspace', 'backend', 'start', ...configArgs]
    : ['start', ...configArgs];
  const portal = spawn('yarn', command, {
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

function configFilesArgs(configFiles) {
  return configFiles.length
    ? [join(repoRoot, 'app-config.yaml'), ...configFiles].flatMap(file => [
        '--config',
        file,
      ])
    : [];
}

/**
 * A production build of the app (`backstage-cli package build`, minified, React's
 * production build) with the given config files built in, copied to `outDir`.
 */
export function buildApp({ configFiles, outDir, logFile }) {
  const started = Date.now();
  const log = openSync(logFile, 'w');
  const build = spawnSync(
    'yarn',
    ['workspace', 'app', 'build', ...configFilesArgs(configFiles)],
    { cwd: repoRoot, stdio: ['ignore', log, log] },
  );
  if (build.status !== 0) {
    throw new Error(`the app build failed: see ${logFile}`);
  }
  rmSync(outDir, { recursive: true, force: true });
  cpSync(join(repoRoot, 'packages', 'app', 'dist'), outDir, {
    recursive: true,
  });
  return Date.now() - started;
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves a built app as a production portal is served, on one origin with its backend
 * (no CORS preflights): `/api/` and `/.backstage/` passed to the backend on
 * `backendPort`, hashed files under `static/` cached for good, every other path answered
 * with `index.html` (the app routes it). `dir()` is asked on every request, so a
 * benchmark can switch builds without a restart.
 */
export function serveBuiltApp({ dir, port, backendPort }) {
  const server = createServer((request, response) => {
    if (/^\/(api|\.backstage)\//.test(request.url)) {
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: backendPort,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        answer => {
          response.writeHead(answer.statusCode, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', error => {
        response.writeHead(502);
        response.end(String(error));
      });
      request.pipe(upstream);
      return;
    }
    const root = dir();
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = resolve(root, `.${path}`);
    const isFile =
      file.startsWith(root + sep) &&
      (() => {
        try {
          return statSync(file).isFile();
        } catch {
          return false;
        }
      })();
    const served = isFile ? file : join(root, 'index.html');
    response.writeHead(200, {
      'Content-Type':
        contentTypes[extname(served)] ?? 'application/octet-stream',
      'Cache-Control': path.startsWith('/static/')
        ? 'public, max-age=31536000, immutable'
        : 'no-store',
    });
    response.end(readFileSync(served));
  });
  server.listen(port, '127.0.0.1');
  return { close: () => server.close() };
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
