/**
 * The one client of `/api/maturity` (this package's `./client` entry),
 * for frontend plugins and backends alike: it takes discovery and fetch shaped objects,
 * not frontend API refs.
 *
 * @packageDocumentation
 */
export { MaturityClient } from './MaturityClient';
export type {
  MaturityApi,
  MaturityDiscovery,
  MaturityFetch,
} from './MaturityClient';
export type * from '../api';
export type {
  ComponentMaturity,
  EvaluatedCheck,
  MaturityRollup,
} from '../levels';
export type {
  Initiative,
  InitiativeProgress,
  initiativeSchema,
} from '../initiatives';
export type { CheckResult, CheckStatus, Pillar, pillars } from '../checks';
