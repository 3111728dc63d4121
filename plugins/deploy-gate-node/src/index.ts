/**
 * The extension point through which deploy gate modules (the GitHub deployment
 * protection rule, later others) ask the deploy gate. The gate stays the one place
 * that decides, stores and audits: a module only turns its tool's request into a
 * `DecisionRequest` and the answer into its tool's reply.
 *
 * @packageDocumentation
 */
import {
  BackstageCredentials,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import type {
  DecisionRequest,
  DecisionResponse,
} from '@internal/backstage-plugin-deploy-gate-common';
import type { Request } from 'express';

/**
 * The gate as modules see it: the same decision as `POST /api/deploy-gate/decisions`.
 *
 * @public
 */
export interface DeployGateService {
  /**
   * Validates `request` (an `InputError` naming the field), decides and stores the
   * decision. `credentials` are whose request it is: a module's own service
   * credentials for a tool's request, a user's for an override (which needs the
   * `deploy-gate.override` permission and is audited; `httpRequest` goes into the
   * audit event). Throws `NotFoundError` for an entity not in the catalog and
   * `NotAllowedError` for an override without the permission.
   */
  decide(
    request: DecisionRequest,
    credentials: BackstageCredentials,
    options?: { httpRequest?: Request },
  ): Promise<DecisionResponse>;
}

/**
 * Something that asks the gate on behalf of a tool, e.g. GitHub's deployment
 * protection rules.
 *
 * @public
 */
export interface DeployGateRequester {
  /** Stable id, e.g. `github`. */
  id: string;
  /** Called once when the deploy gate starts, with the gate to ask. */
  connect(gate: DeployGateService): Promise<void>;
}

/** @public */
export interface DeployGateRequestersExtensionPoint {
  addRequester(requester: DeployGateRequester): void;
}

/**
 * Deploy gate modules register through this extension point:
 *
 * ```ts
 * env.registerInit({
 *   deps: { requesters: deployGateRequestersExtensionPoint },
 *   async init({ requesters }) {
 *     requesters.addRequester({ id: 'github', connect: async gate => { ... } });
 *   },
 * });
 * ```
 *
 * @public
 */
export const deployGateRequestersExtensionPoint =
  createExtensionPoint<DeployGateRequestersExtensionPoint>({
    id: 'deploy-gate.requesters',
  });
