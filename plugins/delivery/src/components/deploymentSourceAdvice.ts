/**
 * What the empty Deployments tab tells a component's owners to do, by where its
 * repository lives: a GitHub or GitLab repository gets that source's annotation (or, when
 * it is there already, what the source needs); a repository on a plain git host (the
 * portal's own, a file share, Gitea) gets the CI report through `POST
 * /api/delivery/events`, since no source module reads such a host.
 */

export type RepositoryHost = 'github' | 'gitlab' | 'plain-git' | 'unknown';

export interface DeploymentSourceAdvice {
  host: RepositoryHost;
  /** One sentence naming the host and what applies to it. */
  summary: string;
  /** YAML to add to catalog-info.yaml, or a CI step; absent when nothing needs adding. */
  snippet?: { language: 'yaml' | 'bash'; text: string };
}

const GITHUB_SLUG = 'github.com/project-slug';
const GITLAB_SLUG = 'gitlab.com/project-slug';
const GITLAB_ID = 'gitlab.com/project-id';
const SOURCE_LOCATION = 'backstage.io/source-location';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/** The snippet for an entity whose repository host cannot be told. */
export const ANNOTATION_SNIPPET = `metadata:
  annotations:
    # GitHub deployments and workflow runs of this repository
    github.com/project-slug: my-org/my-service
    # or GitLab deployments and pipelines
    # gitlab.com/project-slug: my-group/my-service
    # only in a monorepo: the sub-path this component owns
    delivery.acme-portal.io/paths: apps/my-service`;

export function ciReportSnippet(entityRef: string): string {
  return `# last step of the deploy job, once per environment
curl -fsS -X POST "$BACKSTAGE_URL/api/delivery/events" \\
  -H "Authorization: Bearer $DELIVERY_EVENTS_TOKEN" -H 'Content-Type: application/json' \\
  -d '{"events":[{"kind":"deployment","source":"ci","id":"'"$PIPELINE_ID"'",
       "entityRef":"${entityRef}","environment":"production","status":"success",
       "startedAt":"'"$STARTED_AT"'","finishedAt":"'"$(date -u +%FT%TZ)"'",
       "commits":[{"sha":"'"$GIT_SHA"'","committedAt":"'"$COMMITTED_AT"'"}]}]}'`;
}

interface Located {
  host: RepositoryHost;
  /** e.g. `acme/pay-api` for GitHub and GitLab */
  slug?: string;
  /** How the host is named to the user, e.g. `git.example.com` or `the portal's git host`. */
  name?: string;
}

/** Where the repository lives, from the entity's source or catalog location. */
export function locateRepository(
  annotations: Record<string, string> | undefined,
): Located {
  const a = annotations ?? {};
  if (a[GITHUB_SLUG]) return { host: 'github', slug: a[GITHUB_SLUG] };
  if (a[GITLAB_SLUG] || a[GITLAB_ID]) {
    return { host: 'gitlab', slug: a[GITLAB_SLUG] ?? a[GITLAB_ID] };
  }
  // git+<remote>#<ref>:<path> is how the catalog reads plain git hosts.
  const managed = (a[MANAGED_BY_LOCATION] ?? '').replace(/^url:/, '');
  if (managed.startsWith('git+')) {
    return { host: 'plain-git', name: hostName(managed.slice(4)) };
  }
  const location = (a[SOURCE_LOCATION] ?? a[MANAGED_BY_LOCATION] ?? '').replace(
    /^url:/,
    '',
  );
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return { host: 'unknown' };
  }
  if (!/^https?:$/.test(url.protocol)) return { host: 'unknown' };
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  const slug =
    owner && repo ? `${owner}/${repo.replace(/\.git$/, '')}` : undefined;
  if (/(^|\.)github\./.test(url.hostname)) return { host: 'github', slug };
  if (/(^|\.)gitlab\./.test(url.hostname)) return { host: 'gitlab', slug };
  return { host: 'plain-git', name: url.host };
}

function hostName(remote: string): string {
  try {
    const url = new URL(remote.split('#')[0]);
    return url.protocol === 'file:'
      ? 'a git host on the portal machine'
      : url.host;
  } catch {
    return 'a git host';
  }
}

/** The advice for a component that has never had a deployment reported. */
export function deploymentSourceAdvice(
  entityRef: string,
  annotations: Record<string, string> | undefined,
): DeploymentSourceAdvice {
  const where = locateRepository(annotations);
  const label = where.host === 'github' ? 'GitHub' : 'GitLab';
  const slugAnnotation = where.host === 'github' ? GITHUB_SLUG : GITLAB_SLUG;
  switch (where.host) {
    case 'github':
    case 'gitlab':
      if (annotations?.[slugAnnotation] || annotations?.[GITLAB_ID]) {
        return {
          host: where.host,
          summary: `The ${label} source reads ${where.slug} but has reported no deployment yet: check that the ${label} integration (or its webhook) is configured for it and that a deployment ran.`,
        };
      }
      return {
        host: where.host,
        summary: `The repository is on ${label}: add its ${label} annotation to catalog-info.yaml so the ${label} source reads its deployments.`,
        snippet: {
          language: 'yaml',
          text: `metadata:
  annotations:
    ${slugAnnotation}: ${where.slug ?? 'my-group/my-service'}`,
        },
      };
    case 'plain-git':
      return {
        host: 'plain-git',
        summary: `The repository is on ${where.name}, which no delivery source reads: report each deployment from its CI or deploy job to POST /api/delivery/events.`,
        snippet: { language: 'bash', text: ciReportSnippet(entityRef) },
      };
    default:
      return {
        host: 'unknown',
        summary:
          "Add the annotation of your source control to the entity's catalog-info.yaml:",
        snippet: { language: 'yaml', text: ANNOTATION_SNIPPET },
      };
  }
}
