#!/usr/bin/env node
/*
 * The default start (`scripts/portal start`, and the portal the e2e step of
 * `scripts/test-everything.mjs` starts): the demo Prometheus (scripts/demo-prometheus.mjs)
 * and `yarn start`, with the SLO backend pointed at that Prometheus, so every panel has
 * figures. Arguments are passed on to `yarn start`.
 *
 *   DEMO_PROMETHEUS_PORT=19090   first loopback port tried; when it is taken (another
 *                                portal on the machine) the next free one of the 20 after it
 *   DEMO_PROMETHEUS=off          start the portal without the demo Prometheus
 *
 * Debian's `prometheus` package is installed when it is missing and we are root
 * (scripts/ensure-prometheus.sh). When the demo Prometheus cannot run, this says why
 * once and the portal starts anyway (its SLO panels then say no source is configured).
 * Ctrl-C or SIGTERM stops both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
const FIRST_PORT = Number(process.env.DEMO_PROMETHEUS_PORT ?? 19090);
const PORTS_TRIED = 20;

const say = message => console.log(`start-portal: ${message}`);

/** Whether 127.0.0.1:port can be bound now. */
function isFree(port) {
  return new Promise(resolve => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first free loopback port from `first`, or undefined. */
async function freePort(first, tries = PORTS_TRIED) {
  for (let port = first; port < first + tries; port++) {
    if (await isFree(port)) return port;
  }
  return undefined;
}

/** Why the demo Prometheus cannot run here, or undefined when it can. */
function prometheusMissing() {
  if (existsSync(PROMETHEUS) && existsSync(PROMTOOL)) return undefined;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    return `${PROMETHEUS} or ${PROMTOOL} is missing and installing Debian's prometheus package needs root (sudo apt-get install prometheus, or set PROMETHEUS_BIN and PROMTOOL_BIN)`;
  }
  say("installing Debian's prometheus package for the demo metrics");
  const result = spawnSync(join(root, 'scripts', 'ensure-prometheus.sh'), {
    stdio: 'inherit',
  });
  return result.status === 0
    ? undefined
    : "installing Debian's prometheus package failed (see above)";
}

/**
 * Starts the demo Prometheus on a free loopback port; answers its base URL and the
 * child process, or undefined after saying why it cannot.
 */
async function startDemoPrometheus() {
  if (process.env.DEMO_PROMETHEUS === 'off') return undefined;
  const missing = prometheusMissing();
  if (missing) {
    say(
      `no demo Prometheus: ${missing}. The portal starts without SLO figures.`,
    );
    return undefined;
  }
  const port = await freePort(FIRST_PORT);
  if (port === undefined) {
    say(
      `no demo Prometheus: ports ${FIRST_PORT}-${
        FIRST_PORT + PORTS_TRIED - 1
      } are all taken (set DEMO_PROMETHEUS_PORT). The portal starts without SLO figures.`,
    );
    return undefined;
  }
  if (port !== FIRST_PORT) say(`port ${FIRST_PORT} is taken: using ${port}`);
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'demo-prometheus.mjs')],
    {
      cwd: root,
      env: { ...process.env, DEMO_PROMETHEUS_PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  child.on('exit', code => {
    if (!stopping && code !== 0) {
      say(
        `the demo Prometheus stopped (exit ${code}); the portal keeps running, its SLO panels say the source is unreachable`,
      );
    }
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

let stopping = false;
const prometheus = await startDemoPrometheus();
const env = { ...process.env, BROWSER: process.env.BROWSER ?? 'none' };
if (prometheus) {
  // The SLO backend's metric source (slo.prometheus.instances), as an override that
  // needs no config file: Backstage reads APP_CONFIG_* variables as JSON.
  env.APP_CONFIG_slo_prometheus_instances = JSON.stringify([
    { name: 'default', baseUrl: prometheus.url },
  ]);
  say(`SLO metric source: ${prometheus.url} (the demo Prometheus)`);
}
const portal = spawn('yarn', ['start', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});

function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of [portal, prometheus?.child]) {
    if (child && child.exitCode === null) child.kill(signal);
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stop(signal));
}
portal.on('exit', code => {
  stop('SIGTERM');
  const done = () => process.exit(code ?? 1);
  if (prometheus && prometheus.child.exitCode === null) {
    prometheus.child.once('exit', done);
    setTimeout(done, 5_000).unref();
  } else {
    done();
  }
});
