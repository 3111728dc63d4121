import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  API,
  mappedChanges,
  mergeRequests,
  project,
  serveGitlab,
  shop,
  TOKEN,
} from '../__testUtils__/scenario';
import { diffRecord } from '../__testUtils__/gitlabApi';
import { GitlabApi } from './api';
import { readMergeRequest } from './mergeRequests';

const server = setupServer();
registerMswTestHooks(server);

const setup = (options: Parameters<typeof serveGitlab>[1] = {}) => {
  const requests = serveGitlab(server, options);
  const api = new GitlabApi({
    apiBaseUrl: API,
    token: TOKEN,
    retry: { attempts: 1, maxWaitMs: 0, sleep: async () => {} },
    logger: mockServices.logger.mock(),
  });
  return { api, requests };
};

const paths = (requests: URL[]) =>
  requests.map(url => `${url.pathname}?${url.searchParams}`);

describe('readMergeRequest', () => {
  it('reads a merge request with its commits, first review and changed files', async () => {
    const { api } = setup();
    expect(await readMergeRequest(api, project, 11)).toEqual({
      change: mappedChanges.coupon,
      files: ['services/shop/coupon.ts'],
    });
    expect(await readMergeRequest(api, project, 12)).toEqual({
      change: mappedChanges.validation,
      files: [
        'services/shop/coupons/validate.test.ts',
        'services/shop/coupons/validate.ts',
        'src/coupon.ts',
      ],
    });
    expect((await readMergeRequest(api, project, 13)).change).toEqual(
      mappedChanges.cache,
    );
    expect((await readMergeRequest(api, project, 14)).change).toEqual(
      mappedChanges.typo,
    );
  });

  it('pages through commits and diffs, and reads notes oldest first only up to the first review', async () => {
    const { api, requests } = setup({ maxPerPage: 1 });
    expect((await readMergeRequest(api, project, 12)).change).toEqual(
      mappedChanges.validation,
    );
    const read = paths(requests);
    expect(read.filter(p => p.includes('/commits?'))).toHaveLength(2);
    expect(read.filter(p => p.includes('/diffs?'))).toHaveLength(2);
    // The mention (page 1), then the approval (page 2): grace's note on page 3
    // is never read.
    expect(read.filter(p => p.includes('/notes?'))).toEqual([
      '/api/v4/projects/42/merge_requests/12/notes?per_page=100&order_by=created_at&sort=asc&page=1',
      '/api/v4/projects/42/merge_requests/12/notes?per_page=100&order_by=created_at&sort=asc&page=2',
    ]);
  });

  it('leaves the size unknown when GitLab left a diff out', async () => {
    const coupon = {
      ...mergeRequests.coupon,
      diffs: [
        ...mergeRequests.coupon.diffs,
        diffRecord({
          path: 'services/shop/huge.json',
          diff: '',
          tooLarge: true,
        }),
      ],
    };
    const { api } = setup({
      projects: [
        {
          project: shop.project,
          mergeRequests: [coupon],
        },
      ],
    });
    const { change, files } = await readMergeRequest(api, project, 11);
    expect(change).not.toHaveProperty('additions');
    expect(change).not.toHaveProperty('deletions');
    expect(files).toEqual([
      'services/shop/coupon.ts',
      'services/shop/huge.json',
    ]);
  });

  it('fails naming the request when the merge request cannot be read', async () => {
    const { api } = setup();
    await expect(readMergeRequest(api, project, 99)).rejects.toThrow(
      'GET /api/v4/projects/42/merge_requests/99: 404 Not Found (404 Not found)',
    );
  });
});
