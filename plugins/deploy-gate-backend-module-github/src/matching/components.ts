import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  annotationList,
  CatalogAnnotationIndex,
  matchesPattern,
} from '@internal/backstage-plugin-delivery-node';

/** The annotations the delivery plugin's GitHub source reads, with the same meaning. */
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const ENVIRONMENTS_ANNOTATION =
  'delivery.acme-portal.io/github-environments';

interface RepoComponent {
  entityRef: string;
  environments: string[];
}

export type ComponentMatch = { entityRef: string } | { unmatched: string };

/**
 * Picks the component a protected deployment belongs to: the one component annotated
 * with the repository; among several, the one whose environment list names the
 * environment. Anything else is unmatched, with the reason, never a guess.
 */
export function pickComponent(
  components: RepoComponent[],
  repository: string,
  environment: string,
): ComponentMatch {
  if (components.length === 0) {
    return {
      unmatched: `no component annotated ${PROJECT_SLUG_ANNOTATION}: ${repository}`,
    };
  }
  if (components.length === 1) return { entityRef: components[0].entityRef };
  const claimants = components.filter(c =>
    c.environments.some(pattern => matchesPattern(pattern, environment)),
  );
  if (claimants.length === 1) return { entityRef: claimants[0].entityRef };
  const refs = (list: RepoComponent[]) => list.map(c => c.entityRef).join(', ');
  return {
    unmatched: `ambiguous: several components on ${repository} (${refs(
      components,
    )}), ${
      claimants.length === 0 ? 'none claims' : `${refs(claimants)} all claim`
    } environment ${environment} (${ENVIRONMENTS_ANNOTATION})`,
  };
}

function byRepository(entities: Entity[]): Map<string, RepoComponent[]> {
  const result = new Map<string, RepoComponent[]>();
  for (const entity of entities) {
    const annotations = entity.metadata.annotations ?? {};
    const slug = annotations[PROJECT_SLUG_ANNOTATION]?.trim().toLowerCase();
    if (!slug) continue;
    const list = result.get(slug) ?? [];
    list.push({
      entityRef: stringifyEntityRef(entity).toLowerCase(),
      environments: annotationList(annotations[ENVIRONMENTS_ANNOTATION]),
    });
    result.set(slug, list);
  }
  return result;
}

/** The catalog's components by GitHub repository, read at most once a minute. */
export class RepositoryComponents {
  readonly #index: CatalogAnnotationIndex<Map<string, RepoComponent[]>>;

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#index = new CatalogAnnotationIndex({
      ...options,
      annotations: [PROJECT_SLUG_ANNOTATION],
      build: byRepository,
    });
  }

  async match(
    repository: string,
    environment: string,
  ): Promise<ComponentMatch> {
    const components =
      (await this.#index.get()).get(repository.toLowerCase()) ?? [];
    return pickComponent(components, repository, environment);
  }
}
