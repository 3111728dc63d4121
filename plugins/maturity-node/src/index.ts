/**
 * Extension point through which fact providers register with the maturity backend:
 * one provider per domain (delivery, SLO, golden paths, deploy gate, progressive
 * delivery), each asked for the facts of a batch of components on the backend's
 * collection schedule.
 *
 * @packageDocumentation
 */
export type {
  MaturityCollectOptions,
  MaturityFactDomain,
  MaturityFactProvider,
  MaturityFactProvidersExtensionPoint,
  MaturityFactsOf,
} from './provider';
export { maturityFactProvidersExtensionPoint } from './provider';
export { PluginBackendClient } from './PluginBackendClient';
