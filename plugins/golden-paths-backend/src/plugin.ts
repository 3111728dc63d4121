import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createGitHttpRouter,
  PortalGitHost,
} from '@internal/backstage-plugin-git-remote-node';
import { Router } from 'express';
import { startGoldenPathNotifications } from './notify/GoldenPathNotifications';
import { createRouter } from './service/router';

/**
 * Golden-path drift: `GET /api/golden-paths/drift`; and the portal's git host served
 * read-only at `/api/golden-paths/git/<name>.git` (git clone, no sign-in) when
 * `goldenPaths.git.portalHost` is set.
 *
 * @public
 */
export const goldenPathsPlugin = createBackendPlugin({
  pluginId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
      },
      async init({
        httpRouter,
        auth,
        httpAuth,
        logger,
        catalog,
        config,
        discovery,
        database,
        scheduler,
        notifications,
      }) {
        const host = PortalGitHost.fromConfig(config);
        if (host?.serveHttp) {
          // git clients carry no Backstage token; the route only reads.
          httpRouter.addAuthPolicy({ path: '/git', allow: 'unauthenticated' });
          httpRouter.use(
            Router().use(
              '/git',
              createGitHttpRouter({
                host,
                logger,
                baseUrl: async () =>
                  `${await discovery.getExternalBaseUrl('golden-paths')}/git`,
              }),
            ),
          );
        }
        httpRouter.use(await createRouter({ catalog, auth, httpAuth, logger }));
        await startGoldenPathNotifications({
          config,
          database,
          scheduler,
          logger,
          auth,
          catalog,
          notifications,
        });
      },
    });
  },
});
