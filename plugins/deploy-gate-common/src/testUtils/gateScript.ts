import { execFile } from 'node:child_process';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The gate script every pipeline runs: `ci/gate.sh` of this package. */
export const gateScriptPath = path.resolve(__dirname, '../../ci/gate.sh');

/** The shells the script is run with: Debian's dash, and BusyBox (sh, awk, sed, ...) as in alpine and curlimages/curl. */
export type GateShell = 'dash' | 'busybox';

export interface GateScriptRun {
  exitCode: number;
  /** stdout and stderr, in order. */
  output: string;
}

let busyboxBin: Promise<string> | undefined;

/** A folder of BusyBox applets (awk, sed, tr, head, mktemp, ...) to put first on PATH. */
function busyboxApplets(): Promise<string> {
  busyboxBin ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'busybox-bin-'));
    for (const applet of [
      'sh',
      'awk',
      'sed',
      'tr',
      'head',
      'mktemp',
      'rm',
      'cat',
    ]) {
      await symlink('/usr/bin/busybox', path.join(dir, applet));
    }
    return dir;
  })();
  return busyboxBin;
}

/**
 * Runs a gate script (by default this package's `ci/gate.sh`; or a CI job's script that
 * runs it) with exactly the given environment (plus PATH), in `cwd` when given, and
 * answers its exit code and output. Needs `busybox` on the
 * machine for the BusyBox shell (scripts/ensure-golden-path-tools.sh installs it).
 */
export async function runGateScript(
  env: Record<string, string>,
  options: { shell?: GateShell; script?: string; cwd?: string } = {},
): Promise<GateScriptRun> {
  const shell = options.shell ?? 'dash';
  const systemPath = '/usr/local/bin:/usr/bin:/bin';
  const PATH =
    shell === 'busybox'
      ? `${await busyboxApplets()}:${systemPath}`
      : systemPath;
  const [file, args] =
    shell === 'busybox'
      ? ['/usr/bin/busybox', ['sh', options.script ?? gateScriptPath]]
      : ['/bin/dash', [options.script ?? gateScriptPath]];
  return new Promise(resolve => {
    let output = '';
    const child = execFile(file, args, {
      env: { ...env, PATH },
      cwd: options.cwd,
    });
    child.stdout!.on('data', chunk => (output += chunk));
    child.stderr!.on('data', chunk => (output += chunk));
    child.on('close', code => resolve({ exitCode: code ?? -1, output }));
  });
}
