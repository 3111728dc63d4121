import { DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GitRemotePolicy,
  PortalGitHost,
} from '@internal/backstage-plugin-git-remote-node';

export const LOCATE_REPOSITORY_ACTION_ID = 'golden-paths:git:locate';

/** Where a repository on a plain git host is pushed, cloned from and browsed. */
export interface RepositoryLocation {
  remoteUrl: string;
  /** What `git clone` and Argo CD use; the remote itself unless the portal serves it. */
  cloneUrl: string;
  /** A page a browser opens, or '' when the host has none (a file: remote). */
  webUrl: string;
}

/**
 * The URLs of a repository on the portal's git host (`name`) or at another remote
 * (`remoteUrl`). Pure: the same answer in a dry run. `servedAt` is the external URL of
 * the portal's read-only git HTTP route, when it serves the host.
 */
export function locateRepository(
  input: { name?: string; remoteUrl?: string },
  context: {
    remotes: GitRemotePolicy;
    portalHost?: PortalGitHost;
    servedAt?: string;
  },
): RepositoryLocation {
  if (input.remoteUrl) {
    context.remotes.check(input.remoteUrl);
    const web = /^https?:/.test(input.remoteUrl)
      ? input.remoteUrl.replace(/\.git$/, '')
      : '';
    return {
      remoteUrl: input.remoteUrl,
      cloneUrl: input.remoteUrl,
      webUrl: web,
    };
  }
  if (!input.name) {
    throw new InputError(
      `${LOCATE_REPOSITORY_ACTION_ID}: give name (the portal's git host) or remoteUrl`,
    );
  }
  if (!context.portalHost) {
    throw new InputError(
      `${LOCATE_REPOSITORY_ACTION_ID}: the portal has no git host of its own; set goldenPaths.git.portalHost.directory or publish elsewhere`,
    );
  }
  const remoteUrl = context.portalHost.remoteUrl(input.name);
  if (!context.servedAt) {
    return { remoteUrl, cloneUrl: remoteUrl, webUrl: '' };
  }
  const served = `${context.servedAt}/${input.name}.git`;
  return { remoteUrl, cloneUrl: served, webUrl: served };
}

/**
 * `golden-paths:git:locate`: the step before rendering, so the skeleton (Argo CD's
 * repoURL, README clone command) gets the clone URL of a repository not made yet.
 */
export function createLocateRepositoryAction(options: {
  remotes: GitRemotePolicy;
  portalHost?: PortalGitHost;
  discovery: DiscoveryService;
}) {
  const { remotes, portalHost, discovery } = options;
  return createTemplateAction({
    id: LOCATE_REPOSITORY_ACTION_ID,
    description:
      "The remote, clone and web URLs of a repository on the portal's git host (name) or at an allowed remote URL (remoteUrl); checks the remote is allowed.",
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .optional()
            .describe("Repository name on the portal's git host"),
        remoteUrl: z =>
          z
            .string()
            .optional()
            .describe('Remote URL on another git host; wins over name'),
      },
      output: {
        remoteUrl: z =>
          z.string().describe('What golden-paths:publish:git pushes to'),
        cloneUrl: z => z.string().describe('What git clone and Argo CD use'),
        webUrl: z =>
          z.string().describe("A page a browser opens; '' when there is none"),
      },
    },
    async handler(ctx) {
      const servedAt =
        portalHost?.serveHttp && !ctx.input.remoteUrl
          ? `${await discovery.getExternalBaseUrl('golden-paths')}/git`
          : undefined;
      const location = locateRepository(ctx.input, {
        remotes,
        portalHost,
        servedAt,
      });
      ctx.output('remoteUrl', location.remoteUrl);
      ctx.output('cloneUrl', location.cloneUrl);
      ctx.output('webUrl', location.webUrl);
    },
  });
}
