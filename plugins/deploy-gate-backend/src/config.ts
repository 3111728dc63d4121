import { Config, readDurationFromConfig } from '@backstage/config';
import {
  GATE_DECISIONS,
  GateDecision,
} from '@internal/backstage-plugin-deploy-gate-common';
import { Duration } from 'luxon';

export const DEFAULT_PRODUCTION_ENVIRONMENTS = ['production'];
export const DEFAULT_NO_FIGURES: GateDecision = 'warn';
/** A pipeline waits on the gate: the SLO backend gets a few seconds, then last good. */
export const DEFAULT_POLICY_TIMEOUT_MS = 3_000;

export interface DeployGateConfig {
  productionEnvironments: string[];
  noFigures: GateDecision;
  policyTimeoutMs: number;
  appBaseUrl?: string;
}

/** `deployGate.*`, read once at start-up; a bad value names its key. */
export function readDeployGateConfig(config: Config): DeployGateConfig {
  const noFigures =
    config.getOptionalString('deployGate.noFigures') ?? DEFAULT_NO_FIGURES;
  if (!GATE_DECISIONS.includes(noFigures as GateDecision)) {
    throw new Error(
      `deployGate.noFigures: '${noFigures}' is not one of ${GATE_DECISIONS.join(
        ', ',
      )}`,
    );
  }
  const timeoutKey = 'deployGate.policyTimeout';
  const policyTimeoutMs = config.has(timeoutKey)
    ? Duration.fromObject(
        readDurationFromConfig(config, { key: timeoutKey }),
      ).toMillis()
    : DEFAULT_POLICY_TIMEOUT_MS;
  if (!(policyTimeoutMs > 0)) {
    throw new Error(`${timeoutKey}: must be longer than zero`);
  }
  return {
    productionEnvironments:
      config.getOptionalStringArray('deployGate.productionEnvironments') ??
      DEFAULT_PRODUCTION_ENVIRONMENTS,
    noFigures: noFigures as GateDecision,
    policyTimeoutMs,
    appBaseUrl: config.getOptionalString('app.baseUrl'),
  };
}
