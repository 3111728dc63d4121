import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How long a loaded index is used before the catalog is asked again. */
export const CATALOG_INDEX_MAX_AGE_MS = 60_000;

/** What a source module needs to build its view of the annotated components. */
export interface CatalogAnnotationIndexOptions<T> {
  catalog: CatalogService;
  auth: AuthService;
  /** Components carrying any of these annotations are read. */
  annotations: string[];
  /** The module's view of them, e.g. components by repository. */
  build(components: Entity[]): T | Promise<T>;
  /** Default {@link CATALOG_INDEX_MAX_AGE_MS}. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * The components that carry a source's annotations, read from the catalog at most
 * once a minute: webhooks arrive in bursts and each would otherwise cost a catalog
 * query. Concurrent callers share one query (single flight).
 */
export class CatalogAnnotationIndex<T> {
  #loaded?: { at: number; value: T };
  #loading?: Promise<T>;

  constructor(private readonly options: CatalogAnnotationIndexOptions<T>) {}

  async get(): Promise<T> {
    const { maxAgeMs = CATALOG_INDEX_MAX_AGE_MS, now = Date.now } =
      this.options;
    const at = now();
    if (this.#loaded && at - this.#loaded.at < maxAgeMs) {
      return this.#loaded.value;
    }
    this.#loading ??= this.#load()
      .then(value => {
        this.#loaded = { at, value };
        return value;
      })
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }

  async #load(): Promise<T> {
    const { catalog, auth, annotations, build } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const components: Entity[] = [];
    const pages = catalog.streamEntities(
      {
        query: {
          $all: [
            { kind: 'component' },
            {
              $any: annotations.map(annotation => ({
                [`metadata.annotations.${annotation}`]: { $exists: true },
              })),
            },
          ],
        } as never,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    for await (const page of pages) components.push(...page);
    return build(components);
  }
}
