import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { deployGatePermissions } from '@internal/backstage-plugin-deploy-gate-common';
import {
  DeployGateRequester,
  deployGateRequestersExtensionPoint,
} from '@internal/backstage-plugin-deploy-gate-node';
import { registerDeployGateActions } from './actions';
import { readDeployGateConfig } from './config';
import { DecisionStore } from './database/DecisionStore';
import { LastGoodPolicyStore } from './database/LastGoodPolicyStore';
import { migratedClient } from './database/migrate';
import { IncidentClient } from './incidents/IncidentClient';
import { PolicySource } from './policy/PolicySource';
import { SloPolicyClient } from './policy/SloPolicyClient';
import { EpisodeStore, OwnerNotifier } from '@internal/owner-notify';
import { DEPLOY_GATE_FAMILY } from './notify/decisionEpisode';
import { notifyDecisions } from './notify/decisionNotifier';
import { GateService } from './service/GateService';
import { createRouter } from './service/router';
import { requestersGate } from './service/requestersGate';

/**
 * The deploy gate: `POST /api/deploy-gate/decisions` answers allow, warn or deny from
 * the SLO backend's error budget policy (and, for a remediation, the delivery backend's
 * incident); every decision is stored and listed by
 * `GET /api/deploy-gate/decisions`; agents ask through the actions registry; modules
 * (GitHub deployment protection rules) ask through `deployGateRequestersExtensionPoint`.
 *
 * @public
 */
export const deployGatePlugin = createBackendPlugin({
  pluginId: 'deploy-gate',
  register(env) {
    const requesters: DeployGateRequester[] = [];
    env.registerExtensionPoint(deployGateRequestersExtensionPoint, {
      addRequester(requester) {
        requesters.push(requester);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readDeployGateConfig(deps.config);
        const knex = await migratedClient(deps.database);
        deps.permissionsRegistry.addPermissions(deployGatePermissions);
        const decisions = new DecisionStore(knex);
        const policies = new PolicySource({
          live: new SloPolicyClient({
            discovery: deps.discovery,
            auth: deps.auth,
            timeoutMs: config.policyTimeoutMs,
          }),
          store: new LastGoodPolicyStore(knex),
          logger: deps.logger,
        });
        const gate = new GateService({
          catalog: deps.catalog,
          permissions: deps.permissions,
          auditor: deps.auditor,
          logger: deps.logger,
          policies,
          decisions,
          rules: config,
          incidents: new IncidentClient({
            discovery: deps.discovery,
            auth: deps.auth,
            timeoutMs: config.policyTimeoutMs,
          }),
          onDecision: notifyDecisions(
            new OwnerNotifier({
              family: DEPLOY_GATE_FAMILY,
              store: await EpisodeStore.create(deps.database),
              notifications: deps.notifications,
              logger: deps.logger,
            }),
          ),
        });
        registerDeployGateActions(deps.actionsRegistry, {
          gate,
          catalog: deps.catalog,
          policies,
          rules: config,
        });
        deps.httpRouter.use(
          await createRouter({ gate, decisions, httpAuth: deps.httpAuth }),
        );
        const forRequesters = requestersGate(gate);
        for (const requester of requesters) {
          await requester.connect(forRequesters);
        }
      },
    });
  },
});
