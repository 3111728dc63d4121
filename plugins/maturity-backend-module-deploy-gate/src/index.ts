/**
 * The maturity backend's deploy-gate fact provider, read from the deploy gate's POST /api/deploy-gate/decision-counts.
 *
 * @packageDocumentation
 */
export { maturityModuleDeployGate as default } from './module';
export { DeployGateFactProvider } from './DeployGateFactProvider';
