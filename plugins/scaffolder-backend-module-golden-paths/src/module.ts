import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCheckErrorBudgetAction } from './actions/checkErrorBudget';
import { createValidateOwnershipAction } from './actions/validateOwnership';
import { createWriteOpenSloAction } from './actions/writeOpenSlo';
import { readErrorBudgetPolicy } from './policy/errorBudgetPolicy';

/**
 * Scaffolder actions of the golden-path templates: OpenSLO file, owner/system
 * validation against the catalog, and the error budget policy check.
 *
 * @public
 */
export const scaffolderModuleGoldenPaths = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'golden-paths',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, catalog, config }) {
        scaffolder.addActions(
          createWriteOpenSloAction(),
          createValidateOwnershipAction({ catalog }),
          createCheckErrorBudgetAction({
            policy: readErrorBudgetPolicy(config),
          }),
        );
      },
    });
  },
});
