import { FlagAnnotations } from '@internal/backstage-plugin-delivery-node';

/**
 * The Flagsmith project a component's flags live in, by its numeric id (the
 * annotation of Flagsmith's Backstage plugin), and the flag-name prefixes that are
 * its within the project (comma-separated; none: the rest of the project).
 */
export const FLAG_ANNOTATIONS: FlagAnnotations = {
  project: 'flagsmith.com/project-id',
  prefix: 'flagsmith.com/flag-prefix',
};
