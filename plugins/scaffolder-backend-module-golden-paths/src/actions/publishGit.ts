import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatGitFileUrl,
  GitCommandError,
  GitRemotePolicy,
  PortalGitHost,
  runGit,
} from '@internal/backstage-plugin-git-remote-node';

export const PUBLISH_GIT_ACTION_ID = 'golden-paths:publish:git';

/**
 * Publishes the workspace to any git remote URL with the git CLI: a first commit on the
 * default branch of an empty repository. For the portal's own git host (the repository
 * is made on first publish), and hosts without a Backstage publish action (a bare
 * repository on a file share, Gitea, a self-hosted server). The remote must be on the
 * portal's host or under `goldenPaths.git.allowedRemotes`.
 */
export function createPublishGitAction(options: {
  remotes: GitRemotePolicy;
  portalHost?: PortalGitHost;
}) {
  const { remotes, portalHost } = options;
  return createTemplateAction({
    id: PUBLISH_GIT_ACTION_ID,
    description:
      'Commits the workspace and pushes it to an empty git repository on the portal git host (made on first publish) or at any allowed remote URL (goldenPaths.git.allowedRemotes). Outputs the catalog-info URL the catalog reads through the git+ URL reader.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish to a bare repository on a file share',
        example: [
          'steps:',
          '  - id: publish-git',
          '    name: Publish to the git remote',
          `    action: ${PUBLISH_GIT_ACTION_ID}`,
          '    input:',
          '      remoteUrl: file:///srv/git/pay-api.git',
          '      defaultBranch: main',
          "      gitCommitMessage: 'Initial commit from the typescript-service golden path'",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        remoteUrl: z =>
          z
            .string()
            .min(1)
            .describe(
              'Remote URL of an empty repository, e.g. file:///srv/git/pay-api.git or https://git.example.com/acme/pay-api.git',
            ),
        defaultBranch: z =>
          z
            .string()
            .regex(/^[A-Za-z0-9][\w./-]*$/, {
              message: 'defaultBranch must be a plain branch name',
            })
            .default('main')
            .describe('Branch to push to; main by default'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Sub-directory of the workspace to publish; all of it by default',
            ),
        gitCommitMessage: z =>
          z
            .string()
            .default('Initial commit')
            .describe('Message of the first commit'),
        gitAuthorName: z =>
          z
            .string()
            .default('Backstage Scaffolder')
            .describe('Commit author name'),
        gitAuthorEmail: z =>
          z
            .string()
            .email()
            .default('scaffolder@backstage.io')
            .describe('Commit author e-mail'),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe(
              'Path of the catalog file in the repository, for the catalogInfoUrl output',
            ),
      },
      output: {
        remoteUrl: z => z.string().describe('The remote pushed to'),
        commitHash: z =>
          z.string().describe('The pushed commit; empty in a dry run'),
        repoContentsUrl: z =>
          z.string().describe('git+<remote>#<branch>: the repository root'),
        catalogInfoUrl: z =>
          z
            .string()
            .describe(
              'git+<remote>#<branch>:<catalogInfoPath>, for catalog:register',
            ),
      },
    },
    async handler(ctx) {
      // Defaults again: the schema applies them in the runner, not in direct calls.
      const {
        remoteUrl,
        defaultBranch = 'main',
        gitCommitMessage = 'Initial commit',
        gitAuthorName = 'Backstage Scaffolder',
        gitAuthorEmail = 'scaffolder@backstage.io',
        catalogInfoPath = 'catalog-info.yaml',
      } = ctx.input;
      remotes.check(remoteUrl);
      let sourceDir: string;
      try {
        sourceDir = resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.sourcePath ?? '.',
        );
      } catch {
        throw new InputError(
          `${PUBLISH_GIT_ACTION_ID}: sourcePath "${ctx.input.sourcePath}" points outside the workspace`,
        );
      }
      const outputs = () => {
        ctx.output('remoteUrl', remoteUrl);
        ctx.output(
          'repoContentsUrl',
          formatGitFileUrl({ remoteUrl, ref: defaultBranch, path: '' }),
        );
        ctx.output(
          'catalogInfoUrl',
          formatGitFileUrl({
            remoteUrl,
            ref: defaultBranch,
            path: catalogInfoPath,
          }),
        );
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would push ${
            ctx.input.sourcePath ?? 'the workspace'
          } to ${remoteUrl} (${defaultBranch})`,
        );
        ctx.output('commitHash', '');
        outputs();
        return;
      }

      const portalRepository = portalHost?.repositoryOf(remoteUrl);
      if (portalRepository) {
        if (
          await portalHost!.ensureRepository(portalRepository, defaultBranch)
        ) {
          ctx.logger.info(`Created ${remoteUrl} on the portal's git host`);
        }
      }

      // An existing branch means someone else's repository: never overwrite it.
      let heads: string;
      try {
        heads = await runGit(['ls-remote', '--heads', remoteUrl]);
      } catch (error) {
        throw new InputError(
          `${PUBLISH_GIT_ACTION_ID}: cannot reach ${remoteUrl}; create an empty repository there first. ${
            error instanceof GitCommandError ? error.stderr.trim() : error
          }`,
        );
      }
      if (heads.trim() !== '') {
        throw new ConflictError(
          `${PUBLISH_GIT_ACTION_ID}: ${remoteUrl} is not empty (it has ${heads
            .trim()
            .split('\n')
            .map(line => line.split('\t')[1])
            .join(', ')}); pick a new repository`,
        );
      }

      if (await exists(path.join(sourceDir, '.git'))) {
        throw new InputError(
          `${PUBLISH_GIT_ACTION_ID}: ${
            ctx.input.sourcePath ?? 'the workspace'
          } is already a git repository`,
        );
      }
      const identity = {
        GIT_AUTHOR_NAME: gitAuthorName,
        GIT_AUTHOR_EMAIL: gitAuthorEmail,
        GIT_COMMITTER_NAME: gitAuthorName,
        GIT_COMMITTER_EMAIL: gitAuthorEmail,
      };
      const git = (args: string[]) =>
        runGit(args, { cwd: sourceDir, env: identity });
      await git(['init', '--quiet', `--initial-branch=${defaultBranch}`]);
      await git(['add', '--all']);
      await git([
        '-c',
        'commit.gpgsign=false',
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        gitCommitMessage,
      ]);
      const commitHash = (await git(['rev-parse', 'HEAD'])).trim();
      try {
        await git([
          'push',
          '--quiet',
          remoteUrl,
          `HEAD:refs/heads/${defaultBranch}`,
        ]);
      } catch (error) {
        throw new Error(
          `${PUBLISH_GIT_ACTION_ID}: push to ${remoteUrl} failed: ${
            error instanceof GitCommandError ? error.stderr.trim() : error
          }`,
        );
      }
      await pointHeadAt(remoteUrl, defaultBranch);
      ctx.logger.info(
        `Pushed ${commitHash} to ${remoteUrl} (${defaultBranch})`,
      );
      ctx.output('commitHash', commitHash);
      outputs();
    },
  });
}

/**
 * A bare repository made with plain `git init --bare` has HEAD `master`; after the first
 * push to `main` a clone would check out nothing. For a repository on this machine
 * (file: remote) HEAD is pointed at the pushed branch; a server's default branch is
 * the server's to set.
 */
async function pointHeadAt(remoteUrl: string, branch: string): Promise<void> {
  if (!remoteUrl.startsWith('file:')) return;
  const gitDir = fileURLToPath(remoteUrl);
  await runGit([
    '--git-dir',
    gitDir,
    'symbolic-ref',
    'HEAD',
    `refs/heads/${branch}`,
  ]);
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
