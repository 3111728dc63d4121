import { mockServices } from '@backstage/backend-test-utils';
import { promises as fs } from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createGitHttpRouter } from './gitHttpRouter';
import { PortalGitHost } from './portalGitHost';
import { commitAll, git, gitAsync } from './testUtils';

// Real git processes: slow when the machine is busy.
jest.setTimeout(60_000);

describe('the portal git host over HTTP (git http-backend, read-only)', () => {
  let root: string;
  let server: ReturnType<express.Express['listen']>;
  let base: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-git-http-'));
    const host = new PortalGitHost(path.join(root, 'git'));
    await host.ensureRepository('pay-api', 'main');
    await host.ensureRepository('empty', 'main');
    const work = path.join(root, 'work');
    await fs.mkdir(work);
    git(work, 'init', '--quiet', '--initial-branch=main');
    await fs.writeFile(
      path.join(work, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    commitAll(work, 'first');
    git(work, 'push', '--quiet', host.repositoryPath('pay-api'), 'main');

    const app = express();
    app.use(
      '/git',
      createGitHttpRouter({
        host,
        logger: mockServices.logger.mock(),
        baseUrl: async () => `${base}/git`,
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    await fs.rm(root, { recursive: true, force: true });
  });

  it('git clone over HTTP checks out main', async () => {
    await gitAsync(
      root,
      'clone',
      '--quiet',
      `${base}/git/pay-api.git`,
      'clone',
    );
    const clone = path.join(root, 'clone');
    expect(git(clone, 'branch', '--show-current')).toBe('main');
    await expect(
      fs.readFile(path.join(clone, 'catalog-info.yaml'), 'utf8'),
    ).resolves.toBe('kind: Component\n');
  });

  it('refuses pushes', async () => {
    const clone = path.join(root, 'push-clone');
    await gitAsync(root, 'clone', '--quiet', `${base}/git/pay-api.git`, clone);
    await fs.writeFile(path.join(clone, 'x'), 'x');
    commitAll(clone, 'x');
    await expect(gitAsync(clone, 'push', 'origin', 'main')).rejects.toThrow(
      /403/,
    );
    const refused = await fetch(
      `${base}/git/pay-api.git/info/refs?service=git-receive-pack`,
    );
    expect(refused.status).toBe(403);
  });

  it('answers a browser with the clone command, branches and files', async () => {
    const page = await fetch(`${base}/git/pay-api.git`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await page.text();
    expect(text).toContain(`git clone ${base}/git/pay-api.git`);
    expect(text).toMatch(/branches:\n {2}main [0-9a-f]+ first\n/);
    expect(text).toContain(
      'files on the default branch:\n  catalog-info.yaml\n',
    );
    expect(await (await fetch(`${base}/git/empty.git`)).text()).toContain(
      '(empty repository)',
    );
    expect((await fetch(`${base}/git/missing.git`)).status).toBe(404);
    expect(
      (await fetch(`${base}/git/missing.git/info/refs?service=git-upload-pack`))
        .status,
    ).toBe(404);
  });
});
