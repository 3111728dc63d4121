import { FlagAnnotations } from '@internal/backstage-plugin-delivery-node';

/**
 * The Unleash project a component's flags live in (the annotation of the Unleash
 * Backstage plugin: the project id), and the flag-name prefixes that are its
 * within the project (comma-separated; none: the rest of the project).
 */
export const FLAG_ANNOTATIONS: FlagAnnotations = {
  project: 'unleash.io/project-id',
  prefix: 'unleash.io/flag-prefix',
};
