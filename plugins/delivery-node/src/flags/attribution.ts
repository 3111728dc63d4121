import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { annotationList, MatchResult } from '../matching/annotationList';
import { UNMATCHED_KEY_MAX_LENGTH } from '../sources';

/** A flag tool's two annotations: the project, and the flag-key prefixes within it. */
export interface FlagAnnotations {
  /** Names the tool's projects the component's flags live in (`launchdarkly.com/project-key`). */
  project: string;
  /** Narrows them to flag keys starting with one of its prefixes (`launchdarkly.com/flag-prefix`). */
  prefix: string;
}

/** What one component claims of a flag tool: projects, and prefixes of flag keys. */
export interface FlagClaim {
  entityRef: string;
  projects: string[];
  /** None: every flag of its projects. */
  prefixes: string[];
}

/** The claims of the components carrying the project annotation (comma-separated lists). */
export function flagClaimsOf(
  components: Entity[],
  annotations: FlagAnnotations,
): FlagClaim[] {
  return components.flatMap(entity => {
    const values = entity.metadata.annotations ?? {};
    const projects = annotationList(values[annotations.project]);
    if (projects.length === 0) return [];
    return [
      {
        entityRef: stringifyEntityRef(entity).toLowerCase(),
        projects,
        prefixes: annotationList(values[annotations.prefix]),
      },
    ];
  });
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The length of the longest of `prefixes` that `key` starts with; 0 for none. */
const longestPrefix = (key: string, prefixes: string[]) =>
  Math.max(
    0,
    ...prefixes
      .filter(prefix => key.toLowerCase().startsWith(prefix.toLowerCase()))
      .map(prefix => prefix.length),
  );

const refs = (claims: FlagClaim[]) => claims.map(c => c.entityRef).join(', ');

/**
 * The one component a flag of a project belongs to. Among the components naming
 * the project (compared without case), the one whose flag-key prefix is the
 * longest that the key starts with wins (`checkout-` over `check`); a flag no
 * prefix matches goes to the one component of the project without prefixes (it
 * claims the rest of the project). Anything else (no component names the project,
 * none of their prefixes matches and none claims the rest, or a tie) is reported
 * unmatched with why, never credited to a guess. The unmatched key is
 * `<project>/<flag key>`.
 */
export function attributeFlag(
  claims: FlagClaim[],
  flag: { source: string; project: string; key: string },
  annotations: FlagAnnotations,
): MatchResult {
  const unmatched = (reason: string): MatchResult => ({
    unmatched: {
      source: flag.source,
      key: `${flag.project}/${flag.key}`.slice(0, UNMATCHED_KEY_MAX_LENGTH),
      reason,
    },
  });
  const ofProject = claims.filter(claim =>
    claim.projects.some(project => sameText(project, flag.project)),
  );
  if (ofProject.length === 0) {
    return unmatched(
      `no component annotated ${annotations.project}: ${flag.project}`,
    );
  }
  const byPrefix = ofProject
    .map(claim => ({ claim, length: longestPrefix(flag.key, claim.prefixes) }))
    .filter(({ length }) => length > 0);
  if (byPrefix.length > 0) {
    const longest = Math.max(...byPrefix.map(({ length }) => length));
    const winners = byPrefix
      .filter(({ length }) => length === longest)
      .map(({ claim }) => claim);
    return winners.length === 1
      ? { entityRef: winners[0].entityRef }
      : unmatched(
          `ambiguous: the ${annotations.prefix} of ${refs(
            winners,
          )} all match flag ${flag.key} equally`,
        );
  }
  const rest = ofProject.filter(claim => claim.prefixes.length === 0);
  if (rest.length === 1) return { entityRef: rest[0].entityRef };
  if (rest.length > 1) {
    return unmatched(
      `ambiguous: ${refs(rest)} all claim every flag of project ${
        flag.project
      } (no ${annotations.prefix})`,
    );
  }
  return unmatched(
    `flag ${flag.key} matches no ${annotations.prefix} of ${refs(
      ofProject,
    )} (project ${
      flag.project
    }), and no component claims the rest of the project`,
  );
}
