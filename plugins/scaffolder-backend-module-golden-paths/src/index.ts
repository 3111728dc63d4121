/**
 * Scaffolder actions of the golden-path templates.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGoldenPaths as default } from './module';
export { scaffolderModuleGoldenPaths } from './module';
export {
  createWriteOpenSloAction,
  WRITE_OPENSLO_ACTION_ID,
} from './actions/writeOpenSlo';
export {
  createValidateOwnershipAction,
  VALIDATE_OWNERSHIP_ACTION_ID,
} from './actions/validateOwnership';
export {
  createCheckErrorBudgetAction,
  CHECK_ERROR_BUDGET_ACTION_ID,
} from './actions/checkErrorBudget';
export {
  createPublishGitAction,
  PUBLISH_GIT_ACTION_ID,
} from './actions/publishGit';
export {
  createLocateRepositoryAction,
  locateRepository,
  LOCATE_REPOSITORY_ACTION_ID,
} from './actions/locateRepository';
export type { RepositoryLocation } from './actions/locateRepository';
export {
  createWriteDeployGateScriptAction,
  WRITE_DEPLOY_GATE_SCRIPT_ACTION_ID,
} from './actions/writeDeployGateScript';
export type {
  ErrorBudgetPolicyDecision,
  ErrorBudgetPolicyProvider,
} from './policy/errorBudgetPolicy';
export {
  createStaticErrorBudgetPolicy,
  createUrlErrorBudgetPolicy,
  createSloBackendErrorBudgetPolicy,
} from './policy/errorBudgetPolicy';
export { serviceTiers, tierDefaults } from './openslo/tiers';
export type { ServiceTier, SloObjectives } from './openslo/tiers';
