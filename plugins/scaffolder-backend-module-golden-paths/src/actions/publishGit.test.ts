import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { git } from '@internal/backstage-plugin-git-remote-node/testUtils';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GitRemotePolicy,
  GitRemoteUrlReader,
  PortalGitHost,
} from '@internal/backstage-plugin-git-remote-node';
import { createPublishGitAction } from './publishGit';

// Real git processes: slow when the machine is busy.
jest.setTimeout(60_000);

// Real git against real bare repositories in a temp directory.

describe('golden-paths:publish:git and the git+ URL reader', () => {
  let root: string;
  let remotes: GitRemotePolicy;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'golden-paths-git-'));
    remotes = GitRemotePolicy.fromConfig(
      mockServices.rootConfig({
        data: { goldenPaths: { git: { allowedRemotes: [`file://${root}/`] } } },
      }),
    );
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  async function bareRepo(name: string) {
    const dir = path.join(root, `${name}.git`);
    // as `git init --bare` makes it with git's stock default: HEAD master
    git(
      root,
      '-c',
      'init.defaultBranch=master',
      'init',
      '--quiet',
      '--bare',
      dir,
    );
    return { dir, url: `file://${dir}` };
  }

  async function workspaceWith(files: Record<string, string>) {
    const ctx = createMockActionContext();
    for (const [file, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(ctx.workspacePath, file)), {
        recursive: true,
      });
      await fs.writeFile(path.join(ctx.workspacePath, file), content);
    }
    return ctx.workspacePath;
  }

  it('pushes the workspace as the first commit of main and outputs a readable catalog URL', async () => {
    const remote = await bareRepo('pay-api');
    const workspacePath = await workspaceWith({
      'catalog-info.yaml': 'kind: Component\n',
      'src/server.ts': 'export {};\n',
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        remoteUrl: remote.url,
        defaultBranch: 'main',
        gitCommitMessage: 'Initial commit from typescript-service 1.1.0',
        gitAuthorName: 'Golden Path',
        gitAuthorEmail: 'golden@acme.example',
        catalogInfoPath: 'catalog-info.yaml',
      },
    });
    await createPublishGitAction({ remotes }).handler(ctx as any);

    expect(git(remote.dir, 'ls-tree', '-r', '--name-only', 'main')).toBe(
      'catalog-info.yaml\nsrc/server.ts',
    );
    expect(git(remote.dir, 'log', '--format=%an <%ae>|%s', 'main')).toBe(
      'Golden Path <golden@acme.example>|Initial commit from typescript-service 1.1.0',
    );
    const head = git(remote.dir, 'rev-parse', 'main');
    expect(ctx.output).toHaveBeenCalledWith('commitHash', head);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      `git+${remote.url}#main:catalog-info.yaml`,
    );

    // The catalog reads it back through the git+ reader; the commit is the ETag.
    const reader = new GitRemoteUrlReader(remotes);
    const file = await reader.readUrl(
      `git+${remote.url}#main:catalog-info.yaml`,
    );
    expect((await file.buffer()).toString('utf8')).toBe('kind: Component\n');
    expect(file.etag).toBe(head);
    await expect(
      reader.readUrl(`git+${remote.url}#main:catalog-info.yaml`, {
        etag: head,
      }),
    ).rejects.toBeInstanceOf(NotModifiedError);
    await expect(
      reader.readUrl(`git+${remote.url}#main:missing.yaml`),
    ).rejects.toThrow(`missing.yaml does not exist in ${remote.url}`);
    await expect(
      reader.readUrl(`git+${remote.url}#develop:catalog-info.yaml`),
    ).rejects.toThrow(`${remote.url} has no branch or tag develop`);
    expect(
      (await reader.search(`git+${remote.url}#main:missing.yaml`)).files,
    ).toEqual([]);

    // A second run against the same repository must not overwrite it.
    const again = createMockActionContext({
      workspacePath: await workspaceWith({ 'README.md': '# other\n' }),
      input: { remoteUrl: remote.url, defaultBranch: 'main' },
    });
    await expect(
      createPublishGitAction({ remotes }).handler(again as any),
    ).rejects.toThrow(
      `golden-paths:publish:git: ${remote.url} is not empty (it has refs/heads/main); pick a new repository`,
    );
    expect(git(remote.dir, 'rev-parse', 'main')).toBe(head);
  });

  it('pushes nothing in a dry run but answers the same URLs', async () => {
    const remote = await bareRepo('dry');
    const ctx = {
      ...createMockActionContext({
        workspacePath: await workspaceWith({ 'catalog-info.yaml': 'x: 1\n' }),
        input: { remoteUrl: remote.url, defaultBranch: 'trunk' },
      }),
      isDryRun: true,
    };
    await createPublishGitAction({ remotes }).handler(ctx as any);
    expect(git(remote.dir, 'for-each-ref')).toBe('');
    expect(ctx.output).toHaveBeenCalledWith('commitHash', '');
    expect(ctx.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      `git+${remote.url}#trunk:`,
    );
  });

  it('names the problem when the remote is not allowed, not a URL or unreachable', async () => {
    const action = createPublishGitAction({ remotes });
    const run = (remoteUrl: string) =>
      action.handler(
        createMockActionContext({
          input: { remoteUrl, defaultBranch: 'main' },
        }) as any,
      );
    await expect(run('file:///etc/elsewhere.git')).rejects.toThrow(
      `remoteUrl "file:///etc/elsewhere.git" is not under an allowed prefix of goldenPaths.git.allowedRemotes (file://${root}/)`,
    );
    await expect(run('pay-api.git')).rejects.toThrow(
      'remoteUrl "pay-api.git" is not a URL',
    );
    await expect(run(`file://${root}/../x.git`)).rejects.toThrow(
      `remoteUrl "file://${root}/../x.git" must not contain ".."`,
    );
    await expect(
      run('https://user:token@git.example.com/a.git'),
    ).rejects.toThrow('remoteUrl must not carry credentials');
    await expect(run(`file://${root}/never-created.git`)).rejects.toThrow(
      `golden-paths:publish:git: cannot reach file://${root}/never-created.git; create an empty repository there first.`,
    );

    const nothingAllowed = createPublishGitAction({
      remotes: GitRemotePolicy.fromConfig(mockServices.rootConfig()),
    });
    await expect(
      nothingAllowed.handler(
        createMockActionContext({
          input: { remoteUrl: 'https://git.example.com/a.git' },
        }) as any,
      ),
    ).rejects.toThrow(
      'no git remotes are allowed; add a prefix to goldenPaths.git.allowedRemotes',
    );
  });

  it("makes the repository on the portal's git host on first publish; git clone checks out main", async () => {
    const config = mockServices.rootConfig({
      data: {
        goldenPaths: { git: { portalHost: { directory: `${root}/portal` } } },
      },
    });
    const portalHost = PortalGitHost.fromConfig(config)!;
    const action = createPublishGitAction({
      remotes: GitRemotePolicy.fromConfig(config),
      portalHost,
    });
    const remoteUrl = portalHost.remoteUrl('orders');
    expect(remoteUrl).toBe(`file://${root}/portal/orders.git`);
    await action.handler(
      createMockActionContext({
        workspacePath: await workspaceWith({ 'catalog-info.yaml': 'a: 1\n' }),
        input: { remoteUrl, defaultBranch: 'main' },
      }) as any,
    );
    git(root, 'clone', '--quiet', remoteUrl, `${root}/orders-clone`);
    expect(git(`${root}/orders-clone`, 'branch', '--show-current')).toBe(
      'main',
    );
    await expect(
      fs.readFile(`${root}/orders-clone/catalog-info.yaml`, 'utf8'),
    ).resolves.toBe('a: 1\n');
  });

  it('points HEAD of a plain `git init --bare` repository (HEAD master) at the pushed branch', async () => {
    const remote = await bareRepo('made-by-hand');
    expect(git(remote.dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/master');
    await createPublishGitAction({ remotes }).handler(
      createMockActionContext({
        workspacePath: await workspaceWith({ 'README.md': '# x\n' }),
        input: { remoteUrl: remote.url, defaultBranch: 'main' },
      }) as any,
    );
    expect(git(remote.dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    git(root, 'clone', '--quiet', remote.url, `${root}/by-hand-clone`);
    expect(git(`${root}/by-hand-clone`, 'branch', '--show-current')).toBe(
      'main',
    );
  });
});
