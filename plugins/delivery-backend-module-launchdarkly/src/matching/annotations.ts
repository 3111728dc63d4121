import { FlagAnnotations } from '@internal/backstage-plugin-delivery-node';

/**
 * The LaunchDarkly project a component's flags live in (the annotation of
 * LaunchDarkly's Backstage plugin), and the flag-key prefixes that are its within
 * the project (comma-separated; none: the rest of the project).
 */
export const FLAG_ANNOTATIONS: FlagAnnotations = {
  project: 'launchdarkly.com/project-key',
  prefix: 'launchdarkly.com/flag-prefix',
};
