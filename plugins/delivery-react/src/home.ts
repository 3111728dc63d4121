/**
 * The `scope` prop the app's home layout gives every home widget: the groups whose
 * delivery to show (the signed-in user's teams, or the organisation's groups).
 */
export interface HomeWidgetScope {
  kind: 'teams' | 'organization';
  entityRefs: string[];
}

/** Props of a home widget placed by the app's home layout. */
export interface HomeWidgetProps {
  scope?: HomeWidgetScope;
}
