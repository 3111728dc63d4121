import { parseEntityRef } from '@backstage/catalog-model';
import { Episode, ownerRefOf } from '@internal/owner-notify';
import { ComponentDrift } from '../drift/drift';

/** The family (key prefix) of the golden-path episodes. */
export const GOLDEN_PATHS_FAMILY = 'golden-paths';

/** A component is a major version (or more) behind its golden path. */
export const MAJOR_DRIFT_TOPIC = 'golden-path-major-behind';

/** Statuses with a verdict: the versions on both sides could be compared. */
const COMPARED = new Set(['current', 'behind', 'ahead']);

const nameOf = (ref: string) => {
  const { namespace, name } = parseEntityRef(ref);
  return namespace === 'default' ? name : `${namespace}/${name}`;
};

/**
 * One episode per component while it is at least one major version behind its golden
 * path's latest; it ends when the component is back within the major version. Rows
 * whose versions could not be compared (unknown template, invalid version) start and
 * end nothing.
 */
export function driftEpisodes(drift: ComponentDrift[]): {
  episodes: Episode[];
  evaluatedSubjects: Set<string>;
} {
  const episodes: Episode[] = [];
  const evaluatedSubjects = new Set<string>();
  for (const row of drift) {
    if (!COMPARED.has(row.status)) continue;
    const entityRef = row.entityRef.toLowerCase();
    evaluatedSubjects.add(entityRef);
    if (row.behind?.level !== 'major') continue;
    const { namespace } = parseEntityRef(entityRef);
    const owner = row.owner ? ownerRefOf(row.owner, namespace) : undefined;
    const name = nameOf(entityRef);
    const template = nameOf(row.template);
    const majors =
      row.behind.count === 1
        ? 'a major version'
        : `${row.behind.count} major versions`;
    episodes.push({
      key: `${GOLDEN_PATHS_FAMILY}:major-behind:${entityRef}`,
      subject: entityRef,
      topic: MAJOR_DRIFT_TOPIC,
      entityRef,
      recipients: owner ? [owner] : [],
      link: '/golden-paths',
      start: {
        title: `${name} is ${majors} behind its golden path ${template}`,
        description: `${name} was made from ${template} ${row.version}; the template now produces ${row.latestVersion}. Upgrading across a major version may need manual steps: see the template's changelog.`,
        severity: 'normal',
      },
      end: {
        title: `${name} is back within the major version of its golden path ${template}`,
        severity: 'low',
      },
    });
  }
  return { episodes, evaluatedSubjects };
}
