import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The annotations of the community Opsgenie plugin (@k-phoen/backstage-plugin-opsgenie). */
export const COMPONENT_SELECTOR_ANNOTATION = 'opsgenie.com/component-selector';
export const TEAM_ANNOTATION = 'opsgenie.com/team';

/** How long a loaded index is used before the catalog is asked again. */
export const INDEX_MAX_AGE_MS = 60_000;

/** A component and the alert search query selecting its alerts. */
export interface ComponentSelector {
  entityRef: string;
  query: string;
}

// Catalog queries for the components carrying each annotation.
const ANNOTATED = {
  [COMPONENT_SELECTOR_ANNOTATION]: {
    kind: 'component',
    [`metadata.annotations.${COMPONENT_SELECTOR_ANNOTATION}`]: {
      $exists: true,
    },
  },
  [TEAM_ANNOTATION]: {
    kind: 'component',
    [`metadata.annotations.${TEAM_ANNOTATION}`]: { $exists: true },
  },
} as const;

/**
 * The alert query of a component: its `opsgenie.com/component-selector` (any
 * Opsgenie alert search query, e.g. `tag:"service:checkout"`), else the alerts of
 * its `opsgenie.com/team` (`teams:"<team>"`); `extra` (config) is required too.
 */
export function selectorOf(entity: Entity, extra?: string): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const selector = annotations[COMPONENT_SELECTOR_ANNOTATION]?.trim();
  const team = annotations[TEAM_ANNOTATION]?.trim();
  const own =
    selector || (team ? `teams:"${team.replace(/"/g, '\\"')}"` : undefined);
  if (!own) return undefined;
  return extra ? `(${own}) AND (${extra})` : own;
}

/** The components with an alert query, read from the catalog at most once a minute. */
export class SelectorIndex {
  #loaded?: { at: number; selectors: ComponentSelector[] };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      /** The config's extra query, ANDed to every selector. */
      extraQuery?: string;
      now?: () => number;
    },
  ) {}

  async selectors(): Promise<ComponentSelector[]> {
    const now = (this.options.now ?? Date.now)();
    if (this.#loaded && now - this.#loaded.at < INDEX_MAX_AGE_MS) {
      return this.#loaded.selectors;
    }
    const byRef = new Map<string, string>();
    for (const annotation of [
      COMPONENT_SELECTOR_ANNOTATION,
      TEAM_ANNOTATION,
    ] as const) {
      for (const entity of await this.#annotated(annotation)) {
        const entityRef = stringifyEntityRef(entity).toLowerCase();
        const query = selectorOf(entity, this.options.extraQuery);
        if (query && !byRef.has(entityRef)) byRef.set(entityRef, query);
      }
    }
    const selectors = [...byRef.entries()]
      .map(([entityRef, query]) => ({ entityRef, query }))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    this.#loaded = { at: now, selectors };
    return selectors;
  }

  async #annotated(annotation: keyof typeof ANNOTATED): Promise<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of this.options.catalog.streamEntities(
      {
        query: ANNOTATED[annotation],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    )) {
      entities.push(...page);
    }
    return entities;
  }
}
