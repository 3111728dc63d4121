import { annotationList } from './annotationList';

/**
 * The sub-paths of its repository a component lives in, comma-separated
 * (`services/cart, libs/cart-model`): in a monorepo, a change belongs to the
 * components whose paths its changed files touch.
 */
export const PATHS_ANNOTATION = 'delivery.acme-portal.io/paths';

/** A repository path as annotated, without leading `./` or `/` and trailing `/`; `.` and `/` become the empty path, the whole repository. */
export function normaliseRepositoryPath(path: string): string {
  const normalised = path
    .trim()
    .replace(/^(\.\/|\/)+/, '')
    .replace(/\/+$/, '');
  return normalised === '.' ? '' : normalised;
}

/** The normalised paths of a `delivery.acme-portal.io/paths` value; none when absent. */
export const annotatedPaths = (value: string | undefined): string[] =>
  annotationList(value).map(normaliseRepositoryPath);

/**
 * Whether a file (a repository path such as `services/cart/main.go`) lies under a
 * path: the path is the file or one of its folders, compared with case as git does;
 * the empty path is the whole repository.
 */
export const isUnderPath = (file: string, path: string): boolean =>
  path === '' || file === path || file.startsWith(`${path}/`);

/** Whether any of the files lies under any of the paths. */
export const touchesPaths = (files: string[], paths: string[]): boolean =>
  paths.some(path => files.some(file => isUnderPath(file, path)));
