import { execFile } from 'node:child_process';

/** The git executable; tests and odd machines can point elsewhere. */
export const GIT_BINARY = process.env.GOLDEN_PATHS_GIT_BINARY ?? 'git';

/** A failed git command, with what git printed on stderr. */
export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(
      `git ${args.join(' ')} failed (exit ${exitCode}): ${
        stderr.trim() || 'no output'
      }`,
    );
    this.name = 'GitCommandError';
  }
}

/**
 * Runs the git CLI (no shell, so nothing in an argument is interpreted) and answers its
 * stdout. Never prompts: a remote asking for credentials fails instead of hanging.
 */
export function runGit(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      GIT_BINARY,
      args,
      {
        cwd: options.cwd,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'buffer',
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_ASKPASS: 'echo',
          // No system or user config (signing, hooks, templates) leaks into the run.
          GIT_CONFIG_NOSYSTEM: '1',
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as { code?: unknown }).code;
          reject(
            new GitCommandError(
              redactArgs(args),
              redact(stderr.toString('utf8')),
              typeof code === 'number' ? code : null,
            ),
          );
          return;
        }
        resolve(stdout.toString('utf8'));
      },
    );
  });
}

/** Credentials in a URL (https://user:token@host) never reach a log or an error. */
export function redact(text: string): string {
  return text.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1***@');
}

function redactArgs(args: string[]): string[] {
  return args.map(redact);
}
