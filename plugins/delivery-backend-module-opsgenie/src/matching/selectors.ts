import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogAnnotationIndex } from '@internal/backstage-plugin-delivery-node';

/** The annotations of the community Opsgenie plugin (@k-phoen/backstage-plugin-opsgenie). */
export const COMPONENT_SELECTOR_ANNOTATION = 'opsgenie.com/component-selector';
export const TEAM_ANNOTATION = 'opsgenie.com/team';

/** A component and the alert search query selecting its alerts. */
export interface ComponentSelector {
  entityRef: string;
  query: string;
}

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
  readonly #index: CatalogAnnotationIndex<ComponentSelector[]>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    /** The config's extra query, ANDed to every selector. */
    extraQuery?: string;
    now?: () => number;
  }) {
    this.#index = new CatalogAnnotationIndex({
      ...options,
      annotations: [COMPONENT_SELECTOR_ANNOTATION, TEAM_ANNOTATION],
      build: components => {
        const byRef = new Map<string, string>();
        for (const entity of components) {
          const entityRef = stringifyEntityRef(entity).toLowerCase();
          const query = selectorOf(entity, options.extraQuery);
          if (query && !byRef.has(entityRef)) byRef.set(entityRef, query);
        }
        return [...byRef.entries()]
          .map(([entityRef, query]) => ({ entityRef, query }))
          .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      },
    });
  }

  selectors(): Promise<ComponentSelector[]> {
    return this.#index.get();
  }
}
