/**
 * Test helpers: real git against real repositories in temporary folders.
 *
 * @packageDocumentation
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

/** Runs git and answers its trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

/**
 * Runs git without blocking the event loop: needed when the server git talks to (the
 * portal's HTTP route) runs in the same process. Never prompts.
 */
export function gitAsync(cwd: string, ...args: string[]) {
  return promisify(execFile)('git', args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
}

/** Commits everything in a work tree as a fixed test identity. */
export function commitAll(cwd: string, message: string): void {
  git(cwd, 'add', '--all');
  git(
    cwd,
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.com',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '--quiet',
    '-m',
    message,
  );
}
