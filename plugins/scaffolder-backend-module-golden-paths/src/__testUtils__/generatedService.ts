/**
 * Checks and starts a generated project the way its README says: the test command
 * (and, for TypeScript, `npm ci` and the build first), then the service on loopback.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  debianPythonEnv,
  freePort,
  nodeEnv,
  run,
  RunningProcess,
  start,
  waitForOk,
} from './processes';

export type Language = 'typescript' | 'python' | 'static';

/** The commands a project's README gives for its checks, in order. */
export const checkCommands: Record<Language, string[]> = {
  typescript: ['npm ci', 'npm test', 'npm run build'],
  python: ['python3 -m pytest'],
  static: ['sh tests/check-site.sh'],
};

const envFor = (language: Language) =>
  language === 'python' ? debianPythonEnv : nodeEnv;

/** Runs the project's checks; resolves with their output. */
export async function runChecks(
  language: Language,
  dir: string,
): Promise<string> {
  let output = '';
  for (const command of checkCommands[language]) {
    output += await run(command, { cwd: dir, env: envFor(language) });
  }
  return output;
}

export interface StartedService {
  /** Where users' requests go. */
  baseUrl: string;
  /** Where Prometheus scrapes (the app itself, or the site's mtail sidecar). */
  metricsUrl: string;
  stop(): Promise<void>;
}

/** Starts a checked (and, for TypeScript, built) project on free loopback ports. */
export async function startService(
  language: Language,
  dir: string,
): Promise<StartedService> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const processes: RunningProcess[] = [];
  let metricsUrl = `${baseUrl}/metrics`;
  if (language === 'typescript') {
    processes.push(
      start('npm start', { cwd: dir, env: { ...nodeEnv, PORT: String(port) } }),
    );
  } else if (language === 'python') {
    processes.push(
      start(`python3 -m uvicorn app.main:app --host 127.0.0.1 --port ${port}`, {
        cwd: dir,
        env: debianPythonEnv,
      }),
    );
  } else {
    // The image runs `nginx -p /srv/site -c nginx.conf` with logs/ and tmp/ beside it,
    // and mtail in a sidecar on the shared logs/; here on loopback ports instead.
    await mkdir(path.join(dir, 'logs'), { recursive: true });
    await mkdir(path.join(dir, 'tmp'), { recursive: true });
    await writeFile(path.join(dir, 'logs/access.log'), '');
    const conf = await readFile(path.join(dir, 'nginx.conf'), 'utf8');
    await writeFile(
      path.join(dir, 'nginx.conf'),
      conf.replace(/listen \d+;/, `listen 127.0.0.1:${port};`),
    );
    const mtailPort = await freePort();
    metricsUrl = `http://127.0.0.1:${mtailPort}/metrics`;
    processes.push(
      start(`nginx -p ${dir} -c nginx.conf`, {
        cwd: dir,
        env: debianPythonEnv,
      }),
      start(
        `mtail --progs mtail --logs logs/access.log --address 127.0.0.1 --port ${mtailPort} --emit_prog_label=false --logtostderr`,
        { cwd: dir, env: debianPythonEnv },
      ),
    );
  }
  const stop = async () => {
    await Promise.all(processes.map(p => p.stop()));
  };
  try {
    await waitForOk(`${baseUrl}/healthz`, processes);
    await waitForOk(metricsUrl, processes);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, metricsUrl, stop };
}
