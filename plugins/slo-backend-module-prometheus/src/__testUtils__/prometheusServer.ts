/**
 * A real Prometheus for integration tests: backfills known series with promtool and
 * serves them on a random loopback port. `scripts/ensure-prometheus.sh` installs
 * Debian's `prometheus` package (which ships both binaries) in CI.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BackfillFamily, sampleSpan, writeOpenMetrics } from './openMetrics';

const DAY_MS = 24 * 3600_000;

const execFileAsync = promisify(execFile);

export const PROMETHEUS_BIN =
  process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

export function prometheusAvailable(): boolean {
  return existsSync(PROMETHEUS_BIN) && existsSync(PROMTOOL_BIN);
}

/** CI (and the repo's test runner) install Prometheus: there, missing is a failure. */
export function prometheusRequired(): boolean {
  return Boolean(process.env.CI || process.env.PORTAL_REQUIRE_POSTGRES);
}

const MISSING_MESSAGE = `${PROMETHEUS_BIN} or ${PROMTOOL_BIN} not found: run scripts/ensure-prometheus.sh (apt-get install prometheus)`;

/**
 * The `describe` to use for suites that need Prometheus: `describe` when it is
 * installed or required (CI, PORTAL_REQUIRE_POSTGRES: then `assertPrometheusInstalled`
 * and `startTestPrometheus` fail the suite), `describe.skip` with a message locally.
 */
export function describeIfPrometheus(name: string): jest.Describe {
  if (prometheusAvailable() || prometheusRequired()) {
    return describe;
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${name}": ${MISSING_MESSAGE}`);
  return describe.skip;
}

export function assertPrometheusInstalled(): void {
  if (!prometheusAvailable()) {
    throw new Error(MISSING_MESSAGE);
  }
}

async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 19000 + Math.floor(Math.random() * 11000);
    const free = await new Promise<boolean>(resolve => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found in 19000-29999');
}

/** Starts Prometheus on `port` and waits until /-/ready answers (or it exits). */
async function startOnPort(
  configFile: string,
  dataDir: string,
  port: number,
): Promise<{ started?: { child: ChildProcess; port: number }; log: string }> {
  const output: string[] = [];
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', chunk => output.push(String(chunk)));
  child.stderr!.on('data', chunk => output.push(String(chunk)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/-/ready`)).ok) {
        return { started: { child, port }, log: output.join('') };
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  return { log: output.join('') };
}

export interface TestPrometheus {
  baseUrl: string;
  /** Samples written by the backfill. */
  samples: number;
  /** promtool's output, for debugging. */
  backfillLog: string;
  /**
   * Stops the Prometheus process (an outage) and keeps its data directory; `start`
   * brings it back on the same data and port.
   */
  kill(): Promise<void>;
  /** Starts Prometheus again after `kill`, on the same data directory and port. */
  start(): Promise<void>;
  /** Stops Prometheus for good and deletes its data. */
  stop(): Promise<void>;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([
    exited,
    new Promise(resolve => setTimeout(resolve, 10_000)),
  ]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Backfills `families` into a fresh TSDB and starts Prometheus on it. The TSDB
 * retention is 100 years so old blocks are kept, and no scrape job is configured, so
 * the head stays empty and every answer comes from the backfilled blocks.
 */
export async function startTestPrometheus(
  families: BackfillFamily[],
): Promise<TestPrometheus> {
  assertPrometheusInstalled();
  const dir = await mkdtemp(join(tmpdir(), 'slo-prometheus-'));
  const dataDir = join(dir, 'data');
  // promtool 2.42 cuts 2-hour blocks and re-reads its whole input for each one, so
  // 32 days in one file take minutes. One file per UTC day (days start on a 2-hour
  // block boundary, so blocks never overlap) costs 12 passes over each day instead.
  const span = sampleSpan(families);
  let samples = 0;
  let backfillLog = '';
  for (
    let dayStart = Math.floor(span.fromMs / DAY_MS) * DAY_MS;
    dayStart <= span.toMs;
    dayStart += DAY_MS
  ) {
    const input = join(dir, `series-${dayStart}.om.txt`);
    const written = await writeOpenMetrics(input, families, {
      fromMs: dayStart,
      toMs: dayStart + DAY_MS,
    });
    if (written > 0) {
      samples += written;
      const backfill = await execFileAsync(
        PROMTOOL_BIN,
        ['tsdb', 'create-blocks-from', 'openmetrics', '-q', input, dataDir],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      backfillLog += `${backfill.stdout}${backfill.stderr}`;
    }
    await rm(input);
  }
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, 'global:\n  scrape_interval: 1m\n');

  let started: { child: ChildProcess; port: number } | undefined;
  let log = '';
  for (let attempt = 0; attempt < 3 && !started; attempt++) {
    const attemptResult = await startOnPort(
      configFile,
      dataDir,
      await freePort(),
    );
    log += attemptResult.log;
    started = attemptResult.started;
  }
  if (!started) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Prometheus did not become ready:\n${log}`);
  }
  const port = started.port;
  // Only ever the process this helper spawned.
  let running: ChildProcess | undefined = started.child;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    samples,
    backfillLog,
    async kill() {
      if (running) await terminate(running);
      running = undefined;
    },
    async start() {
      if (running) return;
      const restarted = await startOnPort(configFile, dataDir, port);
      if (!restarted.started) {
        throw new Error(
          `Prometheus did not come back on port ${port}:\n${restarted.log}`,
        );
      }
      running = restarted.started.child;
    },
    async stop() {
      if (running) await terminate(running);
      running = undefined;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
