import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { UnmatchedEvent } from '@internal/backstage-plugin-delivery-node';
import { applicationKey, SOURCE_ID } from '../mapping/ids';
import {
  LabelSelector,
  matchesLabels,
  parseLabelSelector,
} from './labelSelector';

// The annotations of the Roadie / community Argo CD plugins, read the same way.
export const APP_NAME_ANNOTATION = 'argocd/app-name';
export const APP_SELECTOR_ANNOTATION = 'argocd/app-selector';
export const PROJECT_NAME_ANNOTATION = 'argocd/project-name';
export const APP_NAMESPACE_ANNOTATION = 'argocd/app-namespace';
export const INSTANCE_NAME_ANNOTATION = 'argocd/instance-name';

/** How a component says which applications are its; a name says most. */
export type ClaimKind = 'name' | 'selector' | 'project';

const SPECIFICITY: Record<ClaimKind, number> = {
  name: 3,
  selector: 2,
  project: 1,
};

/** One way a component claims Argo CD applications. */
export interface ArgocdClaim {
  entityRef: string;
  kind: ClaimKind;
  /** `kind: name`: the application name. */
  appName?: string;
  /** `kind: selector`: the selector as written, and parsed. */
  selector?: string;
  labelSelector?: LabelSelector;
  /** Only applications of this project (`argocd/project-name`). */
  project?: string;
  /** Only applications in this namespace (`argocd/app-namespace`). */
  namespace?: string;
  /** Only on this instance (`argocd/instance-name`); any instance without it. */
  instance?: string;
}

/** What a sync tells about its application, to find the component it belongs to. */
export interface ApplicationIdentity {
  instance: string;
  namespace: string;
  name: string;
  project?: string;
  labels: Record<string, string>;
}

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/**
 * The claims of a catalog entity. `argocd/app-name` may list several names,
 * comma-separated; `argocd/app-selector` and `argocd/project-name` without a name
 * claim by labels and by project. Problems (an invalid selector) are returned, not
 * thrown: one entity's typo must not hide every other's deployments.
 */
export function claimsOf(entity: Entity): {
  claims: ArgocdClaim[];
  problems: string[];
} {
  const annotations = entity.metadata.annotations ?? {};
  const entityRef = stringifyEntityRef(entity).toLowerCase();
  const scope = {
    entityRef,
    project: trimmed(annotations[PROJECT_NAME_ANNOTATION]),
    namespace: trimmed(annotations[APP_NAMESPACE_ANNOTATION]),
    instance: trimmed(annotations[INSTANCE_NAME_ANNOTATION]),
  };
  const claims: ArgocdClaim[] = [];
  const problems: string[] = [];
  const names = (annotations[APP_NAME_ANNOTATION] ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
  for (const appName of names) {
    claims.push({ ...scope, kind: 'name', appName });
  }
  const selector = trimmed(annotations[APP_SELECTOR_ANNOTATION]);
  if (selector) {
    try {
      claims.push({
        ...scope,
        kind: 'selector',
        selector,
        labelSelector: parseLabelSelector(selector),
      });
    } catch (error) {
      problems.push(
        `${entityRef}: ${APP_SELECTOR_ANNOTATION} '${selector}': ${
          (error as Error).message
        }`,
      );
    }
  }
  if (claims.length === 0 && problems.length === 0 && scope.project) {
    claims.push({ ...scope, kind: 'project' });
  }
  return { claims, problems };
}

/** Whether a claim may apply to an instance (it names it, or names none). */
export function claimsInstance(claim: ArgocdClaim, instance: string): boolean {
  return (
    claim.instance === undefined ||
    claim.instance.toLowerCase() === instance.toLowerCase()
  );
}

export function claimMatches(
  claim: ArgocdClaim,
  app: ApplicationIdentity,
): boolean {
  if (!claimsInstance(claim, app.instance)) return false;
  if (claim.namespace !== undefined && claim.namespace !== app.namespace) {
    return false;
  }
  if (claim.project !== undefined && claim.project !== app.project) {
    return false;
  }
  switch (claim.kind) {
    case 'name':
      return claim.appName === app.name;
    case 'selector':
      return matchesLabels(claim.labelSelector ?? [], app.labels);
    case 'project':
      return true;
    default:
      return false;
  }
}

const CLAIM_WORDS: Record<ClaimKind, string> = {
  name: `by name (${APP_NAME_ANNOTATION})`,
  selector: `by labels (${APP_SELECTOR_ANNOTATION})`,
  project: `by project (${PROJECT_NAME_ANNOTATION})`,
};

/**
 * The one component an application's syncs belong to: among the claims that match
 * it, those of the most specific kind (a name over a selector over a project).
 * Several components left are ambiguous: the syncs are reported unmatched rather
 * than credited to a guess.
 */
export function ownerOf(
  claims: ArgocdClaim[],
  app: ApplicationIdentity,
): { entityRef: string } | { unmatched: UnmatchedEvent } {
  const key = applicationKey(app.instance, app.namespace, app.name).slice(
    0,
    300,
  );
  const matching = claims.filter(claim => claimMatches(claim, app));
  if (matching.length === 0) {
    return {
      unmatched: {
        source: SOURCE_ID,
        key,
        reason: `no component claims Argo CD application ${app.namespace}/${app.name} of instance ${app.instance} (annotate one with ${APP_NAME_ANNOTATION} or ${APP_SELECTOR_ANNOTATION})`,
      },
    };
  }
  const best = Math.max(...matching.map(c => SPECIFICITY[c.kind]));
  const strongest = matching.filter(c => SPECIFICITY[c.kind] === best);
  const refs = [...new Set(strongest.map(c => c.entityRef))].sort();
  if (refs.length === 1) return { entityRef: refs[0] };
  return {
    unmatched: {
      source: SOURCE_ID,
      key,
      reason: `ambiguous: ${refs.join(', ')} all claim Argo CD application ${
        app.namespace
      }/${app.name} of instance ${app.instance} ${
        CLAIM_WORDS[strongest[0].kind]
      }`,
    },
  };
}
