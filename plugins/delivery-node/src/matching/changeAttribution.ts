import { PATHS_ANNOTATION, touchesPaths } from './repositoryPaths';

/** A component on a repository and the sub-paths it lives in. */
export interface ComponentPaths {
  /** The component's entity ref, as the change event takes it. */
  entityRef: string;
  /** Normalised (`annotatedPaths`); none: the whole repository. */
  paths: string[];
}

/** The components a change belongs to, or why it is credited to none. */
export type ChangeAttribution =
  | { entityRefs: string[] }
  | { unmatchedReason: string };

/** Whether {@link attributeChange} needs the change's files: only when a component has paths. */
export const changeAttributionNeedsFiles = (
  components: ComponentPaths[],
): boolean => components.some(c => c.paths.length > 0);

const refs = (components: ComponentPaths[]) =>
  components.map(c => c.entityRef).join(', ');

const filesTouch = (files: string[]) =>
  files.length === 1
    ? 'its 1 changed file touches'
    : `its ${files.length} changed files touch`;

/**
 * The components of a repository a change (pull or merge request) belongs to, by
 * the files it changes (`undefined` when they cannot be read). Each component with
 * `delivery.acme-portal.io/paths` that the files touch gets the change; a change
 * touching none of them goes to the one component without paths (the repository as
 * a whole, so a repository with one component and no paths gives it every change).
 * Anything else (no component without paths, several, or files unknown while paths
 * decide) is reported unmatched rather than credited to a guess, as deployments are.
 */
export function attributeChange(
  components: ComponentPaths[],
  files: string[] | undefined,
): ChangeAttribution {
  const withPaths = components.filter(c => c.paths.length > 0);
  const whole = components.filter(c => c.paths.length === 0);
  if (withPaths.length > 0) {
    if (!files) {
      return {
        unmatchedReason: `its changed files are unknown, so whether it touches the ${PATHS_ANNOTATION} of ${refs(
          withPaths,
        )} cannot be told`,
      };
    }
    const touched = withPaths.filter(c => touchesPaths(files, c.paths));
    if (touched.length > 0) {
      return { entityRefs: touched.map(c => c.entityRef) };
    }
  }
  if (whole.length === 1) return { entityRefs: [whole[0].entityRef] };

  const untouched =
    withPaths.length > 0 && files
      ? `${filesTouch(files)} the ${PATHS_ANNOTATION} of none of ${refs(
          withPaths,
        )}`
      : undefined;
  let rest: string;
  if (whole.length > 1) {
    rest = `${refs(
      whole,
    )} all claim the whole repository (no ${PATHS_ANNOTATION})`;
  } else if (untouched) {
    rest = `no component claims the whole repository (none without ${PATHS_ANNOTATION})`;
  } else {
    rest = 'no component is on the repository';
  }
  return { unmatchedReason: untouched ? `${untouched}; ${rest}` : rest };
}
