/**
 * Whose delivery the cockpit shows. The layout hands this to every widget as its
 * `scope` prop; widgets read nothing else to know what to fetch.
 *
 * - `teams`: the groups among the signed-in user's ownership refs (identity API);
 * - `organization`: the catalog's groups of type `organization` (the whole company).
 */
export interface HomeScope {
  kind: 'teams' | 'organization';
  /** Group refs, e.g. `group:default/team-checkout`; empty when the user has none. */
  entityRefs: string[];
}

export type ScopeKind = HomeScope['kind'];

/** The query parameter that keeps the switch in the URL (`/?scope=organization`). */
export const SCOPE_PARAM = 'scope';

/** `organization` only when asked for; anything else is the user's teams. */
export function scopeKindOf(param: string | null): ScopeKind {
  return param === 'organization' ? 'organization' : 'teams';
}

/** Lower-cased, sorted, without duplicates: refs compare as the catalog does. */
const normalise = (refs: string[]) =>
  [...new Set(refs.map(ref => ref.toLocaleLowerCase('en-US')))].sort();

/**
 * The scope for the switch's position: the user's groups (ownership refs of kind
 * group; the user's own `user:` ref owns nothing a team page shows) or the
 * organisation's groups.
 */
export function resolveScope(
  kind: ScopeKind,
  ownershipEntityRefs: string[],
  organizationRefs: string[],
): HomeScope {
  if (kind === 'organization') {
    return { kind, entityRefs: normalise(organizationRefs) };
  }
  return {
    kind,
    entityRefs: normalise(
      ownershipEntityRefs.filter(ref =>
        ref.toLocaleLowerCase('en-US').startsWith('group:'),
      ),
    ),
  };
}
