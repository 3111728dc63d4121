import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { deployGateRequestersExtensionPoint } from '@internal/backstage-plugin-deploy-gate-node';
import { createReviewPoster } from './client/callback';
import { readGithubGateConfig, RETRY_FREQUENCY } from './config';
import { migratedClient } from './database/migrate';
import { ReviewStore } from './database/ReviewStore';
import { RepositoryComponents } from './matching/components';
import { Reviewer } from './review/Reviewer';
import { createGithubRouter } from './service/router';
import { createProtectionRuleHandler } from './webhook/handler';
import { PROTECTION_RULE_TOPIC } from './webhook/payload';

/** The scheduled task that posts reviews whose earlier attempts failed. */
export const RETRY_TASK_ID = 'deploy-gate-github-review-retry';

/**
 * GitHub custom deployment protection rules answered by the deploy gate: signed
 * `deployment_protection_rule` webhooks (through the events backend's GitHub module)
 * are decided for the component annotated with the repository, and the review
 * (`approved` for allow and warn, `rejected` for deny, the reasons as its comment) is
 * posted back with the GitHub integration's credentials, retried with backoff.
 *
 * @public
 */
export const deployGateModuleGithub = createBackendModule({
  pluginId: 'deploy-gate',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        requesters: deployGateRequestersExtensionPoint,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
      },
      async init(deps) {
        // Read at start so a bad value stops the backend, not every delivery.
        const config = readGithubGateConfig(deps.config);
        deps.requesters.addRequester({
          id: 'github',
          connect: async gate => {
            const store = new ReviewStore(await migratedClient(deps.database));
            const components = new RepositoryComponents(deps);
            const reviewer = new Reviewer({
              gate,
              store,
              post: createReviewPoster({
                config: deps.config,
                timeoutMs: config.requestTimeoutMs,
              }),
              match: (repository, environment) =>
                components.match(repository, environment),
              auth: deps.auth,
              logger: deps.logger,
              retry: config.retry,
              appBaseUrl: config.appBaseUrl,
            });
            await deps.events.subscribe({
              id: 'deploy-gate-github',
              topics: [PROTECTION_RULE_TOPIC],
              onEvent: createProtectionRuleHandler({
                reviewer,
                logger: deps.logger,
              }),
            });
            await deps.scheduler.scheduleTask({
              id: RETRY_TASK_ID,
              frequency: RETRY_FREQUENCY,
              timeout: { minutes: 5 },
              initialDelay: RETRY_FREQUENCY,
              fn: () => reviewer.retryDue(),
            });
            deps.httpRouter.use(
              await createGithubRouter({
                store,
                reviewer,
                httpAuth: deps.httpAuth,
                permissions: deps.permissions,
              }),
            );
          },
        });
      },
    });
  },
});
