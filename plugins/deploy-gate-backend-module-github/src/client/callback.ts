import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { CallbackTarget } from '../webhook/payload';
import { ReviewState } from '../review/comment';

/** One review to post: GitHub's "Review custom deployment protection rules for a workflow run". */
export interface ReviewPost {
  repositoryUrl: string;
  callback: CallbackTarget;
  environment: string;
  state: ReviewState;
  comment: string;
}

/** How a post went: done, worth another attempt (5xx, 429, network), or refused for good. */
export type PostOutcome =
  | { posted: true }
  | { retry: string }
  | { failed: string };

export type ReviewPoster = (post: ReviewPost) => Promise<PostOutcome>;

/**
 * Posts reviews with the credentials of the `integrations.github` entry serving the
 * repository's host: its GitHub App's installation token (the app that owns the
 * protection rule) or its token. The URL is that entry's `apiBaseUrl` with the
 * callback's path, so a test points it at a loopback fake.
 */
export function createReviewPoster(options: {
  config: Config;
  timeoutMs: number;
}): ReviewPoster {
  const integrations = ScmIntegrations.fromConfig(options.config);
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);

  return async post => {
    const integration = integrations.github.byUrl(post.repositoryUrl);
    if (!integration) {
      return {
        failed: `no integrations.github entry serves ${post.repositoryUrl}`,
      };
    }
    const { owner, repo, runId } = post.callback;
    const path = `/repos/${owner}/${repo}/actions/runs/${runId}/deployment_protection_rule`;
    let token: string | undefined;
    try {
      ({ token } = await credentials.getCredentials({
        url: post.repositoryUrl,
      }));
    } catch (error) {
      // GitHub (the installation token endpoint) may be down for a while.
      return { retry: `credentials: ${(error as Error).message}` };
    }
    if (!token) {
      return {
        failed: `no GitHub App installation or token for ${post.repositoryUrl}`,
      };
    }
    let response: Response;
    try {
      response = await fetch(`${integration.config.apiBaseUrl}${path}`, {
        method: 'POST',
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'X-GitHub-Api-Version': '2022-11-28',
        },
        body: JSON.stringify({
          environment_name: post.environment,
          state: post.state,
          comment: post.comment,
        }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const cause =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs} ms`
          : (error as Error).message;
      return { retry: `POST ${path}: ${cause}` };
    }
    if (response.ok) return { posted: true };
    const text = (await response.text().catch(() => '')).slice(0, 200);
    const message = `POST ${path}: ${response.status} ${response.statusText}${
      text ? ` ${text}` : ''
    }`;
    const rateLimited =
      response.status === 429 ||
      (response.status === 403 &&
        response.headers.get('x-ratelimit-remaining') === '0');
    return response.status >= 500 || rateLimited
      ? { retry: message }
      : { failed: message };
  };
}
