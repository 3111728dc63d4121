import { ComponentDrift } from '../api/types';

/** "2 minor versions behind", "1 major version behind", "current", ... */
export function describeDrift(row: ComponentDrift): string {
  switch (row.status) {
    case 'behind': {
      const { level, count } = row.behind!;
      return `${count} ${level} version${count === 1 ? '' : 's'} behind`;
    }
    case 'current':
      return 'current';
    case 'ahead':
      return 'newer than the template';
    case 'unknown-template':
      return 'template not in the catalog, or unversioned';
    default:
      return 'version is not semver';
  }
}

/** `template:default/typescript-service` -> `typescript-service` */
export function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:default\//, '');
}
