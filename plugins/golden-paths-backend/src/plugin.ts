import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './service/router';

/**
 * Golden-path drift: `GET /api/golden-paths/drift`.
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
      },
      async init({ httpRouter, auth, httpAuth, logger, catalog }) {
        httpRouter.use(await createRouter({ catalog, auth, httpAuth, logger }));
      },
    });
  },
});
