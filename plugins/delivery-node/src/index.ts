/**
 * Extension points for delivery source modules (GitHub, GitLab, Jenkins, ...) and
 * the kit every source module uses: see the README.
 *
 * @packageDocumentation
 */
export * from './sources';
export { addStrictJsonTopics } from './events/strictJsonTopics';
export { createWebhookIngressModule } from './events/webhookIngressModule';
export type {
  WebhookIngress,
  WebhookIngressModuleOptions,
} from './events/webhookIngressModule';
export {
  isSignedByAny as isPagerDutySignedByAny,
  SIGNATURE_HEADER as PAGERDUTY_SIGNATURE_HEADER,
  signBody as signPagerDutyBody,
} from './events/pagerDutySignature';
export {
  ARGO_ROLLOUTS_TOPIC,
  ARGOCD_TOPIC,
  OPSGENIE_TOPIC,
  PAGERDUTY_TOPIC,
} from './events/topics';
export {
  ARGO_ROLLOUTS_TRIGGERS,
  analysisRunSchema as argoAnalysisRunSchema,
  argoRolloutsNotificationSchema,
  rolloutSchema as argoRolloutSchema,
} from './events/argoRollouts';
export type {
  ArgoAnalysisRun,
  ArgoRollout,
  ArgoRolloutsNotification,
  ArgoRolloutsTrigger,
} from './events/argoRollouts';
export {
  CATALOG_INDEX_MAX_AGE_MS,
  CatalogAnnotationIndex,
} from './catalog/CatalogAnnotationIndex';
export type { CatalogAnnotationIndexOptions } from './catalog/CatalogAnnotationIndex';
export {
  MAX_SYNC_ERROR_LENGTH,
  runReportedPull,
  scheduleReportedPull,
  summariseFailures,
} from './pull/reportedPull';
export type { PullOutcome, ReportedPullOptions } from './pull/reportedPull';
export {
  DEFAULT_RATE_LIMIT_RETRY,
  fetchWithRateLimitRetry,
  NO_RATE_LIMIT_RETRY,
  parseRetryAfter,
  SourceApiError,
  warnOfRateLimitWait,
} from './http/rateLimit';
export type { RateLimitedAnswer, RateLimitRetry } from './http/rateLimit';
export { matchesPattern } from './matching/matchesPattern';
export { annotationList, type MatchResult } from './matching/annotationList';
export {
  annotatedPaths,
  isUnderPath,
  normaliseRepositoryPath,
  PATHS_ANNOTATION,
  touchesPaths,
} from './matching/repositoryPaths';
export {
  attributeChange,
  changeAttributionNeedsFiles,
} from './matching/changeAttribution';
export type {
  ChangeAttribution,
  ComponentPaths,
} from './matching/changeAttribution';
export {
  DEPLOYMENT_DETAIL_KEYS,
  deploymentReferenceIn,
} from './mapping/deploymentReference';
export { createDeliverySourceModule } from './module/createDeliverySourceModule';
export type {
  DeliverySourceModuleOptions,
  DeliverySourceServices,
} from './module/createDeliverySourceModule';
export { readOptionalDuration, readOptionalSchedule } from './config/optional';
// Feature-flag sources: topics, webhook checks, attribution and the module factory.
export {
  FLAGSMITH_TOPIC,
  LAUNCHDARKLY_TOPIC,
  UNLEASH_TOPIC,
} from './events/flagTopics';
export {
  hmacSha256Hex,
  isHmacSha256HexOfAny,
  isOneOfSecrets,
  singleHeader,
} from './events/sharedSecret';
export { createCheckedWebhookValidator } from './events/checkedWebhookValidator';
export type { CheckedWebhookValidatorOptions } from './events/checkedWebhookValidator';
export { attributeFlag, flagClaimsOf } from './flags/attribution';
export type { FlagAnnotations, FlagClaim } from './flags/attribution';
export { createFlagEventHandler } from './flags/handler';
export type {
  FlagChange,
  FlagDeliveryMapping,
  FlagEventHandlerOptions,
} from './flags/handler';
export { createFlagSourceModule } from './flags/module';
export type { FlagSourceModuleOptions, FlagSourceSetup } from './flags/module';
export {
  FLAGSMITH_FLAG_TYPES,
  flagsmithEnvelopeSchema,
  flagsmithFlagDataSchema,
  flagsmithStateSchema,
  launchDarklyEnvelopeSchema,
  UNLEASH_RELEASE_TYPES,
  unleashEnvelopeSchema,
} from './flags/envelopes';
export type { FlagsmithFlagData, FlagsmithState } from './flags/envelopes';
