import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitlabApi } from './api';
import { RateLimitRetry } from '@internal/backstage-plugin-delivery-node';
import { DEFAULT_RETRY } from './requester';

/** The GitLab instances of `integrations.gitlab`, and an API client for each with a token. */
export interface GitlabInstances {
  /** Whether `integrations.gitlab` has an entry for the host (gitlab.com always has one). */
  isKnown(host: string): boolean;
  /**
   * The instance a web URL (a project's `web_url`) belongs to: the host of the
   * integration serving it, else the URL's own host.
   */
  instanceOf(webUrl: string): string;
  /**
   * A client for the instance's API; undefined without a token, as anonymous calls
   * see public projects only and share a small rate limit.
   */
  apiFor(instance: string): GitlabApi | undefined;
  /** The hosts of `integrations.gitlab` (gitlab.com included) that have no token. */
  withoutToken(): string[];
}

export function createGitlabInstances(options: {
  config: Config;
  logger: LoggerService;
  retry?: RateLimitRetry;
}): GitlabInstances {
  const { logger, retry = DEFAULT_RETRY } = options;
  const integrations = ScmIntegrations.fromConfig(options.config);
  const clients = new Map<string, GitlabApi | undefined>();

  return {
    isKnown: host => integrations.gitlab.byHost(host) !== undefined,
    withoutToken: () =>
      integrations.gitlab
        .list()
        .filter(integration => !integration.config.token)
        .map(integration => integration.config.host),
    instanceOf(webUrl) {
      return (
        integrations.gitlab.byUrl(webUrl)?.config.host ?? new URL(webUrl).host
      );
    },
    apiFor(instance) {
      if (!clients.has(instance)) {
        const integration = integrations.gitlab.byHost(instance)?.config;
        clients.set(
          instance,
          integration?.token
            ? new GitlabApi({
                apiBaseUrl: integration.apiBaseUrl,
                token: integration.token,
                retry,
                logger,
              })
            : undefined,
        );
      }
      return clients.get(instance);
    },
  };
}
