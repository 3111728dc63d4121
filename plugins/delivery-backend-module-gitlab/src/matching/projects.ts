import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  annotatedPaths,
  annotationList,
  attributeChange,
  CatalogAnnotationIndex,
  matchesPattern,
  MatchResult,
  PATHS_ANNOTATION,
  UNMATCHED_KEY_MAX_LENGTH,
  UnmatchedEvent,
} from '@internal/backstage-plugin-delivery-node';
import { GitlabProject, SOURCE_ID } from '../mapping/common';

export const PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';
export const PROJECT_ID_ANNOTATION = 'gitlab.com/project-id';
/** The host of the project's GitLab, as the community GitLab plugin reads it. */
export const INSTANCE_ANNOTATION = 'gitlab.com/instance';
/** Environments a component claims among several on one project (monorepos). */
export const ENVIRONMENTS_ANNOTATION =
  'delivery.acme-portal.io/gitlab-environments';
const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

export const DEFAULT_INSTANCE = 'gitlab.com';

/** A component annotated with a GitLab project, and what it claims within it. */
export interface ProjectComponent {
  entityRef: string;
  /** Environment patterns (`*` allowed); empty: no claim. */
  environments: string[];
  /**
   * The project sub-paths the component lives in (`delivery.acme-portal.io/paths`,
   * normalised); empty: the whole project.
   */
  paths: string[];
}

/** A project as components annotate it: by id or by path, on one instance. */
export interface AnnotatedProject {
  instance: string;
  /** The numeric id, or the `group/project` path. */
  ref: number | string;
}

const refs = (components: ProjectComponent[]) =>
  components.map(c => c.entityRef).join(', ');

const idKey = (instance: string, id: number) =>
  `${instance.toLowerCase()}|id:${id}`;
const pathKey = (instance: string, path: string) =>
  `${instance.toLowerCase()}|path:${path.toLowerCase()}`;

/**
 * The instance a component's project is on: `gitlab.com/instance`, else the host of
 * its `backstage.io/source-location` when `integrations.gitlab` has that host, else
 * gitlab.com.
 */
export function componentInstance(
  annotations: Record<string, string>,
  isKnown: (host: string) => boolean,
): string {
  const explicit = annotations[INSTANCE_ANNOTATION]?.trim();
  if (explicit) return explicit;
  const location = annotations[SOURCE_LOCATION_ANNOTATION];
  if (location) {
    try {
      const { host } = new URL(location.replace(/^url:/, ''));
      if (isKnown(host)) return host;
    } catch {
      // not a URL
    }
  }
  return DEFAULT_INSTANCE;
}

/** Why an event of a project no component is annotated with is unmatched. */
export const notAnnotated = (
  project: GitlabProject,
): { unmatched: UnmatchedEvent } => ({
  unmatched: {
    source: SOURCE_ID,
    key: `${project.instance}/${project.path}`,
    reason: `no component annotated ${PROJECT_SLUG_ANNOTATION}: ${project.path} or ${PROJECT_ID_ANNOTATION}: ${project.id} on ${project.instance}`,
  },
});

/**
 * The components merge request `number` of `project`, changing `files`, belongs
 * to, by the rule shared with the other sources (`attributeChange`, see the
 * README, "Attributing merge requests to components"). A change credited to none
 * is reported unmatched once per project.
 */
export function pickChangeComponents(
  components: ProjectComponent[],
  project: GitlabProject,
  change: { number: number; files: string[] },
): { entityRefs: string[] } | { unmatched: UnmatchedEvent } {
  if (components.length === 0) return notAnnotated(project);
  const attribution = attributeChange(components, change.files);
  if ('entityRefs' in attribution) return attribution;
  const where = `${project.instance}/${project.path}`;
  return {
    unmatched: {
      source: SOURCE_ID,
      key: `${where} merge requests`.slice(0, UNMATCHED_KEY_MAX_LENGTH),
      reason: `merge request !${change.number} of ${where}: ${attribution.unmatchedReason}`,
    },
  };
}

/**
 * Picks the component a deployment of `project` to `environment` belongs to. One
 * component on the project takes every deployment; among several, the one whose
 * environment claims match. Anything else is reported as unmatched rather than
 * credited to a guess.
 */
export function pickComponent(
  components: ProjectComponent[],
  project: GitlabProject,
  environment: string,
): MatchResult {
  const where = `${project.instance}/${project.path}`;
  if (components.length === 0) return notAnnotated(project);
  if (components.length === 1) return { entityRef: components[0].entityRef };
  const claimants = components.filter(c =>
    c.environments.some(pattern => matchesPattern(pattern, environment)),
  );
  if (claimants.length === 1) return { entityRef: claimants[0].entityRef };
  const claim =
    claimants.length > 1
      ? `${refs(claimants)} all claim environment ${environment}`
      : `none claims environment ${environment} (${ENVIRONMENTS_ANNOTATION})`;
  return {
    unmatched: {
      source: SOURCE_ID,
      key: `${where} environment ${environment}`.slice(
        0,
        UNMATCHED_KEY_MAX_LENGTH,
      ),
      reason: `ambiguous: several components on ${where} (${refs(
        components,
      )}), ${claim}`,
    },
  };
}

interface Index {
  byKey: Map<string, ProjectComponent[]>;
  projects: AnnotatedProject[];
}

/** The annotated components' view by project, and the projects to pull. */
export interface ProjectIndex {
  /** The components annotated with the project, by its id or by its path. */
  componentsOf(
    project: Pick<GitlabProject, 'instance' | 'id' | 'path'>,
  ): Promise<ProjectComponent[]>;
  /** Each annotated project once per way it is named (id or path). */
  projects(): Promise<AnnotatedProject[]>;
}

/**
 * The components annotated with each GitLab project, from the kit's catalog index
 * (read at most once a minute). Paths compare without case, as GitLab does.
 */
export function createProjectIndex(options: {
  catalog: CatalogService;
  auth: AuthService;
  isKnownInstance: (host: string) => boolean;
  now?: () => number;
}): ProjectIndex {
  const index = new CatalogAnnotationIndex({
    catalog: options.catalog,
    auth: options.auth,
    annotations: [PROJECT_SLUG_ANNOTATION, PROJECT_ID_ANNOTATION],
    build: components => buildIndex(components, options.isKnownInstance),
    now: options.now,
  });
  return {
    async componentsOf(project) {
      const { byKey } = await index.get();
      const found = [
        ...(byKey.get(idKey(project.instance, project.id)) ?? []),
        ...(byKey.get(pathKey(project.instance, project.path)) ?? []),
      ];
      return [...new Map(found.map(c => [c.entityRef, c])).values()];
    },
    async projects() {
      return (await index.get()).projects;
    },
  };
}

function buildIndex(
  entities: Entity[],
  isKnownInstance: (host: string) => boolean,
): Index {
  const byKey = new Map<string, ProjectComponent[]>();
  const projects = new Map<string, AnnotatedProject>();
  for (const entity of entities) {
    const annotations = entity.metadata.annotations ?? {};
    const instance = componentInstance(annotations, isKnownInstance);
    const component: ProjectComponent = {
      entityRef: stringifyEntityRef(entity).toLowerCase(),
      environments: annotationList(annotations[ENVIRONMENTS_ANNOTATION]),
      paths: annotatedPaths(annotations[PATHS_ANNOTATION]),
    };
    const idValue = annotations[PROJECT_ID_ANNOTATION]?.trim();
    const id = idValue && /^\d+$/.test(idValue) ? Number(idValue) : undefined;
    const path = annotations[PROJECT_SLUG_ANNOTATION]?.trim().replace(
      /^\/+|\/+$/g,
      '',
    );
    const keys = [
      ...(id !== undefined ? [idKey(instance, id)] : []),
      ...(path ? [pathKey(instance, path)] : []),
    ];
    for (const key of keys) {
      byKey.set(key, [...(byKey.get(key) ?? []), component]);
    }
    // Pulled by id when there is one: ids survive renames and transfers.
    const ref = id ?? path;
    if (ref !== undefined && !projects.has(keys[0])) {
      projects.set(keys[0], { instance, ref });
    }
  }
  return { byKey, projects: [...projects.values()] };
}
