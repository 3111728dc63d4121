import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  annotatedPaths,
  annotationList,
  attributeChange,
  CATALOG_INDEX_MAX_AGE_MS,
  CatalogAnnotationIndex,
  changeAttributionNeedsFiles,
  MatchResult,
  PATHS_ANNOTATION,
  touchesPaths,
  UNMATCHED_KEY_MAX_LENGTH,
  UnmatchedEvent,
} from '@internal/backstage-plugin-delivery-node';
import { SOURCE_ID } from '../mapping/common';
import { WorkflowRef } from '../mapping/types';
import { matchesPattern, namesWorkflow } from '../mapping/workflows';

export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const ENVIRONMENTS_ANNOTATION =
  'delivery.acme-portal.io/github-environments';
export const WORKFLOWS_ANNOTATION = 'delivery.acme-portal.io/github-workflows';

/** A component annotated with a GitHub repository, and its claims within it. */
export interface RepoComponent {
  entityRef: string;
  /** Repository sub-paths the component lives in (`delivery.acme-portal.io/paths`, normalised); empty: the whole repository. */
  paths: string[];
  environments: string[];
  workflows: string[];
}

/** What a deployment offers for matching. */
export interface MatchTarget {
  /** `owner/repo` */
  repository: string;
  environment: string;
  workflow?: WorkflowRef;
}

const refs = (components: RepoComponent[]) =>
  components.map(c => c.entityRef).join(', ');

const notAnnotated = (repository: string) => ({
  unmatched: {
    source: SOURCE_ID,
    key: repository,
    reason: `no component annotated ${PROJECT_SLUG_ANNOTATION}: ${repository}`,
  },
});

export function toRepoComponent(entity: Entity): RepoComponent {
  const annotations = entity.metadata.annotations ?? {};
  return {
    entityRef: stringifyEntityRef(entity).toLowerCase(),
    paths: annotatedPaths(annotations[PATHS_ANNOTATION]),
    environments: annotationList(annotations[ENVIRONMENTS_ANNOTATION]),
    workflows: annotationList(annotations[WORKFLOWS_ANNOTATION]),
  };
}

/**
 * Picks the one component a deployment belongs to among those annotated with its
 * repository (see the README, "Monorepos"). Several components narrow down, in
 * order, to those whose workflow list names the deployment's workflow, then to
 * those whose environment list names its environment, then to those whose paths
 * hold a file the deployed commit changed; a step nobody passes narrows nothing.
 * Anything but exactly one component left is ambiguous: the deployment is
 * reported unmatched rather than credited to a guess.
 *
 * `changedFiles` is only called when the paths could decide; it resolves to
 * undefined when the files cannot be known.
 */
export async function pickComponent(
  components: RepoComponent[],
  target: MatchTarget,
  changedFiles: () => Promise<string[] | undefined>,
): Promise<MatchResult> {
  const { repository, environment, workflow } = target;
  if (components.length === 0) {
    return notAnnotated(repository);
  }
  if (components.length === 1) {
    return { entityRef: components[0].entityRef };
  }

  // A step that nobody passes narrows nothing; one that some pass is a claim.
  let candidates = components;
  let claimed = false;
  const narrow = (keep: (c: RepoComponent) => boolean) => {
    const kept = candidates.filter(keep);
    if (kept.length > 0) {
      candidates = kept;
      claimed = true;
    }
  };
  if (workflow) {
    narrow(c => c.workflows.some(pattern => namesWorkflow(pattern, workflow)));
  }
  narrow(c =>
    c.environments.some(pattern => matchesPattern(pattern, environment)),
  );
  const claimants = claimed ? candidates : [];

  let pathNote = '';
  if (candidates.length > 1 && candidates.some(c => c.paths.length > 0)) {
    const files = await changedFiles();
    if (files) {
      const touched = candidates.filter(c => touchesPaths(files, c.paths));
      candidates = touched.length > 0 ? touched : candidates;
      pathNote =
        touched.length > 0
          ? `; the changed files touch the paths of ${refs(touched)}`
          : '; the changed files touch no component paths';
    } else {
      pathNote = '; the changed files are unknown';
    }
  }
  if (candidates.length === 1) {
    return { entityRef: candidates[0].entityRef };
  }

  const subject = workflow
    ? `workflow ${workflow.name} or environment ${environment}`
    : `environment ${environment}`;
  const claim =
    claimants.length > 0
      ? `${refs(claimants)} all claim ${subject}`
      : `none claims ${subject}`;
  return {
    unmatched: {
      source: SOURCE_ID,
      // The store keys unmatched events by at most 300 characters.
      key: `${repository} ${subject}`.slice(0, 300),
      reason: `ambiguous: several components on ${repository} (${refs(
        components,
      )}), ${claim}${pathNote}`,
    },
  };
}

/** Whether `name` (from a `component:<name>` label) names the component: `name` or `namespace/name`. */
function isNamed(component: RepoComponent, name: string): boolean {
  const path = component.entityRef.split(':').slice(1).join(':');
  const [, entityName] = path.split('/');
  return name === entityName || name === path;
}

/**
 * The components an incident issue of `repository` belongs to: all the components
 * on the repository, or, when the issue has `component:<name>` labels, those the
 * labels name. Labels naming no component on the repository are ignored, unless
 * no label names one: then the issue is reported unmatched rather than credited
 * to components its labels exclude.
 */
export function pickIssueComponents(
  components: RepoComponent[],
  repository: string,
  named: string[],
): { entityRefs: string[] } | { unmatched: UnmatchedEvent } {
  if (components.length === 0) {
    return notAnnotated(repository);
  }
  if (named.length === 0) {
    return { entityRefs: components.map(c => c.entityRef) };
  }
  const picked = components.filter(c => named.some(n => isNamed(c, n)));
  if (picked.length > 0) {
    return { entityRefs: picked.map(c => c.entityRef) };
  }
  const labels = named.map(name => `component:${name}`).join(', ');
  return {
    unmatched: {
      source: SOURCE_ID,
      key: `${repository} ${labels}`.slice(0, 300),
      reason: `no component on ${repository} (${refs(
        components,
      )}) is named by the issue's labels ${labels}`,
    },
  };
}

/**
 * The components pull request `number` of `repository` belongs to, by the rule
 * shared with the other sources (`attributeChange`, see the README, "Attributing
 * changes to components"); `changedFiles` is only called when some component has
 * paths. A change credited to none is reported unmatched once per repository.
 */
export async function pickChangeComponents(
  components: RepoComponent[],
  change: { repository: string; number: number },
  changedFiles: () => Promise<string[]>,
): Promise<{ entityRefs: string[] } | { unmatched: UnmatchedEvent }> {
  const { repository, number } = change;
  if (components.length === 0) {
    return notAnnotated(repository);
  }
  const files = changeAttributionNeedsFiles(components)
    ? await changedFiles()
    : undefined;
  const attribution = attributeChange(components, files);
  if ('entityRefs' in attribution) return attribution;
  return {
    unmatched: {
      source: SOURCE_ID,
      key: `${repository} pull requests`.slice(0, UNMATCHED_KEY_MAX_LENGTH),
      reason: `pull request #${number} of ${repository}: ${attribution.unmatchedReason}`,
    },
  };
}

/** How long a loaded annotation index is used before the catalog is asked again. */
export const INDEX_MAX_AGE_MS = CATALOG_INDEX_MAX_AGE_MS;

const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

/** An annotated repository and the components on it. */
export interface IndexedRepository {
  /** `owner/repo` as the first annotation spelt it. */
  slug: string;
  /** Web URL; its host picks the GitHub integration (github.com unless the source location says otherwise). */
  url: string;
  components: RepoComponent[];
}

/** The repository web URL, on the host of the entity's source location if it has one. */
function repositoryUrl(entity: Entity, slug: string): string {
  const location = entity.metadata.annotations?.[SOURCE_LOCATION_ANNOTATION];
  let host = 'github.com';
  try {
    if (location) host = new URL(location.replace(/^url:/, '')).host;
  } catch {
    // not a URL: keep github.com
  }
  return `https://${host}/${slug}`;
}

/**
 * The components annotated with each repository, read from the catalog at most
 * once a minute: webhooks arrive in bursts and each would otherwise cost a
 * catalog query. Repository slugs compare without case, as GitHub does.
 */
export class RepositoryIndex {
  readonly #index: CatalogAnnotationIndex<Map<string, IndexedRepository>>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    now?: () => number;
  }) {
    this.#index = new CatalogAnnotationIndex({
      ...options,
      annotations: [PROJECT_SLUG_ANNOTATION],
      build: indexByRepository,
    });
  }

  async componentsOf(repository: string): Promise<RepoComponent[]> {
    const byRepository = await this.#index.get();
    return byRepository.get(repository.toLowerCase())?.components ?? [];
  }

  async repositories(): Promise<IndexedRepository[]> {
    return [...(await this.#index.get()).values()];
  }
}

/** The annotated components by repository slug, compared without case. */
function indexByRepository(
  components: Entity[],
): Map<string, IndexedRepository> {
  const result = new Map<string, IndexedRepository>();
  for (const entity of components) {
    const slug = entity.metadata.annotations?.[PROJECT_SLUG_ANNOTATION]?.trim();
    if (!slug) continue;
    const key = slug.toLowerCase();
    const indexed = result.get(key) ?? {
      slug,
      url: repositoryUrl(entity, slug),
      components: [],
    };
    indexed.components.push(toRepoComponent(entity));
    result.set(key, indexed);
  }
  return result;
}
