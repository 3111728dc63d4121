import {
  BackstageCredentials,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import type { ComponentFacts } from '@internal/backstage-plugin-maturity-common';

/** The domains of `ComponentFacts` a provider can answer (the catalog's are the backend's own). */
export type MaturityFactDomain = Exclude<
  keyof ComponentFacts,
  'entityRef' | 'catalog' | 'links'
>;

/** The facts of one domain for one component. */
export type MaturityFactsOf<D extends MaturityFactDomain> = NonNullable<
  ComponentFacts[D]
>;

/** What a provider is given with each batch. */
export interface MaturityCollectOptions {
  /** The maturity backend's own service credentials (from the auth service). */
  credentials: BackstageCredentials;
  /** The instant of this collection run. */
  now: Date;
}

/**
 * Answers one domain's facts for a batch of components, e.g. by one request to the
 * domain's backend. Never one request per component: the backend asks for hundreds of
 * refs at once.
 */
export interface MaturityFactProvider<
  D extends MaturityFactDomain = MaturityFactDomain,
> {
  domain: D;
  /** Most refs per `collect` call; the backend splits larger sets. Default 100. */
  batchSize?: number;
  /**
   * The facts of `entityRefs` (lower-cased component refs). A ref missing from the
   * answer has no facts in this domain this run (its checks answer unknown). Throwing
   * means the source could not be asked: the backend keeps the last good facts, marked
   * stale since this run.
   */
  collect(
    entityRefs: string[],
    options: MaturityCollectOptions,
  ): Promise<Map<string, MaturityFactsOf<D>>>;
}

export interface MaturityFactProvidersExtensionPoint {
  /** Registers a provider; two providers of one domain are refused at start. */
  addProvider(provider: MaturityFactProvider): void;
}

/** Where backend modules register their fact providers. */
export const maturityFactProvidersExtensionPoint =
  createExtensionPoint<MaturityFactProvidersExtensionPoint>({
    id: 'maturity.fact-providers',
  });
