/**
 * Runs what a generated project's README and CI run: commands that must succeed, and
 * servers started on a free loopback port and always stopped again.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** PATH with the Node.js running the tests first (the machine's default may be older). */
export const nodeEnv = {
  ...process.env,
  PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
};

/**
 * PATH with Debian's python3 first: the generated Python tests run with Debian's
 * python3-* packages (scripts/ensure-golden-path-tools.sh), not a python3 that another
 * tool put earlier on PATH.
 */
export const debianPythonEnv = {
  ...process.env,
  PATH: `/usr/bin:/usr/sbin:${process.env.PATH}`,
};

/** Runs `command` in a shell (as a README writes it); rejects with its output. */
export function run(
  command: string,
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      options.timeoutMs ?? 180_000,
    );
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `\`${command}\` in ${options.cwd} exited ${
              code ?? signal
            }:\n${output}`,
          ),
        );
    });
  });
}

/** A free TCP port on 127.0.0.1 (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningProcess {
  output(): string;
  stop(): Promise<void>;
}

/** Starts a long-running command in its own process group. */
export function start(
  command: string,
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): RunningProcess {
  const child: ChildProcess = spawn('sh', ['-c', `exec ${command}`], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  return {
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      // Only the group of the process this helper spawned.
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(
        () => process.kill(-child.pid!, 'SIGKILL'),
        5000,
      );
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers 200, failing with the process output after `timeoutMs`. */
export async function waitForOk(
  url: string,
  processes: RunningProcess[],
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(
    `${url} did not answer 200 within ${timeoutMs} ms:\n${processes
      .map(p => p.output())
      .join('\n')}`,
  );
}
