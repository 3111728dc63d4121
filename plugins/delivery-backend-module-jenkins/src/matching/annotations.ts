import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogAnnotationIndex } from '@internal/backstage-plugin-delivery-node';
import { DEFAULT_INSTANCE } from '../config';

/** The community Jenkins plugin's annotation: `[instance:]job/full/name`. */
export const JOB_FULL_NAME_ANNOTATION = 'jenkins.io/job-full-name';
/** Its older spelling, read when the new one is absent. */
export const GITHUB_FOLDER_ANNOTATION = 'jenkins.io/github-folder';

/** A job an annotation names. */
export interface JobRef {
  instance: string;
  /** Jenkins' `fullName`: folder names and the job name joined by `/`. */
  jobFullName: string;
}

/** An annotated job and the components that claim it. */
export interface AnnotatedJob extends JobRef {
  entityRefs: string[];
}

/**
 * Reads `[instance:]job/full/name`. Jenkins forbids `:` in item names, so the
 * first one ends the instance name. The job is kept as Jenkins spells its full
 * name (multibranch branches `feature%2Fx` included), segments between single
 * slashes.
 */
export function parseJobAnnotation(value: string): JobRef | undefined {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const instance =
    colon === -1 ? DEFAULT_INSTANCE : trimmed.slice(0, colon).trim();
  const jobFullName = trimmed
    .slice(colon + 1)
    .split('/')
    .map(segment => segment.trim())
    .filter(Boolean)
    .join('/');
  if (!instance || !jobFullName) return undefined;
  return { instance, jobFullName };
}

/** The job an entity names, by the new annotation, else the old one. */
export function jobOfEntity(entity: Entity): JobRef | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const value =
    annotations[JOB_FULL_NAME_ANNOTATION] ??
    annotations[GITHUB_FOLDER_ANNOTATION];
  return value === undefined ? undefined : parseJobAnnotation(value);
}

/**
 * Every job a component is annotated with, and the components claiming it, from the
 * kit's catalog index (read at most once a minute).
 */
export function createAnnotatedJobIndex(options: {
  catalog: CatalogService;
  auth: AuthService;
}): CatalogAnnotationIndex<AnnotatedJob[]> {
  return new CatalogAnnotationIndex({
    ...options,
    annotations: [JOB_FULL_NAME_ANNOTATION, GITHUB_FOLDER_ANNOTATION],
    build: annotatedJobs,
  });
}

/** The jobs the entities name, each with the components claiming it. */
export function annotatedJobs(entities: Entity[]): AnnotatedJob[] {
  const jobs = new Map<string, AnnotatedJob>();
  for (const entity of entities) {
    const job = jobOfEntity(entity);
    if (!job) continue;
    const key = `${job.instance}:${job.jobFullName}`;
    const annotated = jobs.get(key) ?? { ...job, entityRefs: [] };
    annotated.entityRefs.push(stringifyEntityRef(entity).toLowerCase());
    jobs.set(key, annotated);
  }
  return [...jobs.values()];
}
