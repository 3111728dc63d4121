import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogAnnotationIndex } from '@internal/backstage-plugin-delivery-node';
import {
  APP_NAME_ANNOTATION,
  APP_SELECTOR_ANNOTATION,
  ArgocdClaim,
  claimsOf,
  PROJECT_NAME_ANNOTATION,
} from './claims';

/**
 * The Argo CD claims of every component, read from the catalog at most once a
 * minute: webhooks arrive in bursts and each would otherwise cost a catalog query.
 */
export class ClaimIndex {
  readonly #index: CatalogAnnotationIndex<ArgocdClaim[]>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    now?: () => number;
  }) {
    this.#index = new CatalogAnnotationIndex({
      ...options,
      annotations: [
        APP_NAME_ANNOTATION,
        APP_SELECTOR_ANNOTATION,
        PROJECT_NAME_ANNOTATION,
      ],
      build: components =>
        components.flatMap(entity => {
          const found = claimsOf(entity);
          for (const problem of found.problems) {
            options.logger.warn(`Ignoring an Argo CD claim of ${problem}`);
          }
          return found.claims;
        }),
    });
  }

  claims(): Promise<ArgocdClaim[]> {
    return this.#index.get();
  }
}
