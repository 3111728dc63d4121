import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCheckErrorBudgetAction } from './actions/checkErrorBudget';
import { createValidateOwnershipAction } from './actions/validateOwnership';
import { createWriteOpenSloAction } from './actions/writeOpenSlo';
import { createPublishGitAction } from './actions/publishGit';
import { createLocateRepositoryAction } from './actions/locateRepository';
import { createWaitForEntityAction } from './actions/waitForEntity';
import { createWriteDeployGateScriptAction } from './actions/writeDeployGateScript';
import {
  GitRemotePolicy,
  PortalGitHost,
} from '@internal/backstage-plugin-git-remote-node';
import { readErrorBudgetPolicy } from './policy/errorBudgetPolicy';

/**
 * Scaffolder actions of the golden-path templates: OpenSLO file, owner/system
 * validation against the catalog, waiting for the registered component, the error budget policy check, the deploy gate's
 * CI script, and publishing to the portal's git host or any allowed git remote.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, catalog, config, discovery, auth }) {
        const remotes = GitRemotePolicy.fromConfig(config);
        const portalHost = PortalGitHost.fromConfig(config);
        scaffolder.addActions(
          createWriteOpenSloAction(),
          createValidateOwnershipAction({ catalog }),
          createWaitForEntityAction({ catalog }),
          createCheckErrorBudgetAction({
            policy: readErrorBudgetPolicy(config, { discovery, auth }),
          }),
          createLocateRepositoryAction({ remotes, portalHost, discovery }),
          createPublishGitAction({ remotes, portalHost }),
          createWriteDeployGateScriptAction({ discovery }),
        );
      },
    });
  },
});
