import { DeployGateService } from '@internal/backstage-plugin-deploy-gate-node';
import { GateService } from './GateService';
import { decisionRequestSchema, parseInput } from './requests';

/**
 * The gate as deploy gate modules ask it: the request validated as the HTTP API
 * validates it (an `InputError` naming the field), then decided and stored.
 */
export function requestersGate(gate: GateService): DeployGateService {
  return {
    decide: (request, credentials, options = {}) =>
      gate.decide(parseInput(decisionRequestSchema, request), credentials, {
        request: options.httpRequest,
      }),
  };
}
