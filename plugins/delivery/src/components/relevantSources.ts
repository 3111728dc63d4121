import { Entity } from '@backstage/catalog-model';
import { SourceStatus } from '../api/types';

/** Catalog annotations that make a source module pull or receive events for a component. */
const sourceAnnotations: Record<string, string> = {
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
 * The sources that feed a component: those its annotations name, plus any that already
 * delivered events for it. Undefined for systems and groups, whose components may use any
 * source: every source's freshness matters there.
 */
export function sourcesFeeding(
  entity: Entity,
  seenSources: string[],
): Set<string> | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return undefined;
  const annotations = entity.metadata.annotations ?? {};
  return new Set([
    ...Object.entries(sourceAnnotations)
      .filter(([annotation]) => annotations[annotation])
      .map(([, source]) => source),
    ...seenSources,
  ]);
}

/**
 * Freshness of the sources that matter for the page: a GitLab instance that cannot be
 * pulled says nothing about a component deployed only through GitHub. Status ids are
 * `<source>/<instance>` (or just `<source>`).
 */
export function relevantSourceStatuses(
  statuses: SourceStatus[] | undefined,
  feeding: Set<string> | undefined,
): SourceStatus[] | undefined {
  if (!statuses || !feeding) return statuses;
  return statuses.filter(status => feeding.has(status.id.split('/')[0]));
}
