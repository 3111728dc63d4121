import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  APP_NAME_ANNOTATION,
  APP_SELECTOR_ANNOTATION,
  ArgocdClaim,
  claimsOf,
  PROJECT_NAME_ANNOTATION,
} from './claims';

/** How long loaded claims are used before the catalog is asked again. */
export const INDEX_MAX_AGE_MS = 60_000;

/**
 * The Argo CD claims of every component, read from the catalog at most once a
 * minute: webhooks arrive in bursts and each would otherwise cost a catalog query.
 */
export class ClaimIndex {
  #loaded?: { at: number; claims: ArgocdClaim[] };
  #loading?: Promise<ArgocdClaim[]>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  async claims(): Promise<ArgocdClaim[]> {
    const now = (this.options.now ?? Date.now)();
    if (this.#loaded && now - this.#loaded.at < INDEX_MAX_AGE_MS) {
      return this.#loaded.claims;
    }
    // Concurrent deliveries share one catalog query.
    this.#loading ??= this.#load()
      .then(claims => {
        this.#loaded = { at: now, claims };
        return claims;
      })
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }

  async #load(): Promise<ArgocdClaim[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const pages = this.options.catalog.streamEntities(
      {
        query: {
          $all: [
            { kind: 'component' },
            {
              $any: [
                {
                  [`metadata.annotations.${APP_NAME_ANNOTATION}`]: {
                    $exists: true,
                  },
                },
                {
                  [`metadata.annotations.${APP_SELECTOR_ANNOTATION}`]: {
                    $exists: true,
                  },
                },
                {
                  [`metadata.annotations.${PROJECT_NAME_ANNOTATION}`]: {
                    $exists: true,
                  },
                },
              ],
            },
          ],
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    const claims: ArgocdClaim[] = [];
    for await (const page of pages) {
      for (const entity of page) {
        const found = claimsOf(entity);
        claims.push(...found.claims);
        for (const problem of found.problems) {
          this.options.logger.warn(`Ignoring an Argo CD claim of ${problem}`);
        }
      }
    }
    return claims;
  }
}
