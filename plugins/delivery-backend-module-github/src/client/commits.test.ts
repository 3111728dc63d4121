import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { commitResponse } from '../__testUtils__/githubApi';
import { createGithubClientFactory } from './client';
import { createCommitLookup as createLookup } from './commits';

const server = setupServer();
registerMswTestHooks(server);

const createCommitLookup = (options: {
  config: ConfigReader;
  logger: ReturnType<typeof mockServices.logger.mock>;
}) =>
  createLookup({
    clientFor: createGithubClientFactory(options),
    logger: options.logger,
  });

const sha = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const repository = {
  fullName: 'Codertocat/Hello-World',
  htmlUrl: 'https://github.com/Codertocat/Hello-World',
};
const withToken = new ConfigReader({
  integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
});

/** The commit `sha` of Codertocat/Hello-World, committed 2019-05-15T14:00:00Z. */
const helloWorldCommit = (fields: { files?: string[] } = {}) =>
  commitResponse({
    owner: 'Codertocat',
    repo: 'Hello-World',
    sha,
    date: '2019-05-15T14:00:00Z',
    ...fields,
  });

describe('createCommitLookup', () => {
  it('reads the commit time, author, message and files with the integration token', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(
        `https://api.github.com/repos/Codertocat/Hello-World/commits/${sha}`,
        ({ request }) => {
          authorization = request.headers.get('authorization');
          return HttpResponse.json(
            helloWorldCommit({ files: ['apps/web/index.ts'] }),
          );
        },
      ),
    );
    const lookup = createCommitLookup({
      config: withToken,
      logger: mockServices.logger.mock(),
    });
    expect(await lookup(repository, sha)).toEqual({
      committedAt: '2019-05-15T14:00:00Z',
      author: 'Monalisa Octocat',
      message: 'Fix all the bugs',
      files: ['apps/web/index.ts'],
    });
    expect(authorization).toBe('token ghp_test');
  });

  it('asks GitHub once per commit', async () => {
    let calls = 0;
    server.use(
      http.get(
        `https://api.github.com/repos/Codertocat/Hello-World/commits/${sha}`,
        () => {
          calls++;
          return HttpResponse.json(helloWorldCommit());
        },
      ),
    );
    const lookup = createCommitLookup({
      config: withToken,
      logger: mockServices.logger.mock(),
    });
    const first = await lookup(repository, sha);
    expect(await lookup(repository, sha)).toEqual(first);
    expect(calls).toBe(1);
  });

  it('uses the API base URL of a GitHub Enterprise integration', async () => {
    server.use(
      http.get(
        `https://ghe.acme.test/api/v3/repos/acme/shop/commits/${sha}`,
        () =>
          HttpResponse.json(
            commitResponse({
              owner: 'acme',
              repo: 'shop',
              sha,
              date: '2026-01-05T09:00:00+01:00',
            }),
          ),
      ),
    );
    const lookup = createCommitLookup({
      config: new ConfigReader({
        integrations: {
          github: [
            {
              host: 'ghe.acme.test',
              apiBaseUrl: 'https://ghe.acme.test/api/v3',
              token: 'ghe-token',
            },
          ],
        },
      }),
      logger: mockServices.logger.mock(),
    });
    const details = await lookup(
      { fullName: 'acme/shop', htmlUrl: 'https://ghe.acme.test/acme/shop' },
      sha,
    );
    expect(details?.committedAt).toBe('2026-01-05T09:00:00+01:00');
  });

  it('asks nothing without a token or an integration for the host', async () => {
    // msw fails the test on any unhandled request.
    const logger = mockServices.logger.mock();
    const anonymous = createCommitLookup({
      config: new ConfigReader({}),
      logger,
    });
    expect(await anonymous(repository, sha)).toBeUndefined();
    expect(
      await anonymous(
        { fullName: 'a/b', htmlUrl: 'https://gitlab.example.com/a/b' },
        sha,
      ),
    ).toBeUndefined();
  });

  it('logs and gives up when GitHub answers with an error', async () => {
    server.use(
      http.get(
        `https://api.github.com/repos/Codertocat/Hello-World/commits/${sha}`,
        () => HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    const logger = mockServices.logger.mock();
    const lookup = createCommitLookup({ config: withToken, logger });
    expect(await lookup(repository, sha)).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not read commit f95f852\w+ of Codertocat\/Hello-World from GitHub: .*Not Found/,
      ),
    );
  });
});
