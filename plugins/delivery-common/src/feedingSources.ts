/**
 * Which delivery sources feed a catalog entity, so freshness notices name only those: a
 * GitLab instance that cannot be pulled says nothing about a component deployed only
 * through GitHub.
 */

/** Catalog annotations that make a source module pull or receive events for a component. */
export const sourceAnnotations: Readonly<Record<string, string>> = {
  'github.com/project-slug': 'github',
  'gitlab.com/project-slug': 'gitlab',
  'gitlab.com/project-id': 'gitlab',
  'jenkins.io/job-full-name': 'jenkins',
  'argocd/app-name': 'argocd',
  'argocd/app-selector': 'argocd',
  'pagerduty.com/service-id': 'pagerduty',
  'opsgenie.com/component-selector': 'opsgenie',
};

/**
 * The annotation-driven sources (GitHub, GitLab, Jenkins, Argo CD, PagerDuty, Opsgenie)
 * that do NOT feed a component: it carries none of their annotations and has no events
 * from them. Sources without an annotation (pushed through `POST /events` by a CI job or
 * an in-house tool) are never excluded, nor is anything for systems and groups, whose
 * components may use any source.
 */
export function sourcesNotFeeding(
  entity: { kind: string; metadata: { annotations?: Record<string, string> } },
  seenSources: string[] = [],
): Set<string> {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return new Set();
  const annotations = entity.metadata.annotations ?? {};
  const feeding = new Set([
    ...Object.entries(sourceAnnotations)
      .filter(([annotation]) => annotations[annotation])
      .map(([, source]) => source),
    ...seenSources,
  ]);
  return new Set(
    Object.values(sourceAnnotations).filter(source => !feeding.has(source)),
  );
}

/**
 * Drops the freshness of sources in `notFeeding`. Status ids are `<source>/<instance>`
 * or just `<source>`.
 */
export function feedingSourceStatuses<T extends { id: string }>(
  statuses: T[] | undefined,
  notFeeding: Set<string>,
): T[] | undefined {
  return statuses?.filter(status => !notFeeding.has(status.id.split('/')[0]));
}
