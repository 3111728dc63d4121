/**
 * Git remotes for the backend: `git+<remote>#<ref>:<path>` URLs (format, parse, resolve
 * a relative path) and their URL reader, the allowed-remotes policy
 * (`goldenPaths.git.allowedRemotes`), the git CLI runner, and the portal's own git host
 * (`goldenPaths.git.portalHost`) with its read-only smart-HTTP router.
 *
 * @packageDocumentation
 */

export { GitCommandError, runGit, redact } from './gitCli';
export {
  GIT_URL_PREFIX,
  GitRemotePolicy,
  formatGitFileUrl,
  parseGitFileUrl,
  resolveGitFileUrl,
} from './gitRemotes';
export type { GitFileLocation } from './gitRemotes';
export { GitRemoteUrlReader } from './GitRemoteUrlReader';
export { gitRemoteReaderFactory, gitRemoteUrlReader } from './urlReaderFactory';
export { PortalGitHost } from './portalGitHost';
export { createGitHttpRouter } from './gitHttpRouter';
