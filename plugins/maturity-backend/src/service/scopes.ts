import type {
  ComponentMaturity,
  Initiative,
  InitiativeStatus,
} from '@internal/backstage-plugin-maturity-common';
import { initiativeProgress } from '@internal/backstage-plugin-maturity-common';
import { componentsOwnedWithin } from '@internal/entity-scope';
import { CatalogSnapshot } from '../catalog/catalogSnapshot';

/** A name from config as a lower-cased ref: `payments` is `<kind>:default/payments`. */
export function asRef(value: string, kind: string): string {
  const lower = value.toLowerCase();
  const withKind = lower.includes(':') ? lower : `${kind}:${lower}`;
  return withKind.includes('/') ? withKind : withKind.replace(':', ':default/');
}

/** The components a system covers: those part of it. */
export function componentsOfSystem(
  system: string,
  snapshot: CatalogSnapshot,
): string[] {
  return [...snapshot.components.values()]
    .filter(c => c.system === system)
    .map(c => c.entityRef)
    .sort();
}

/**
 * The components an initiative is about: owned by its teams (child teams pooled), part
 * of its systems, or carrying one of its tags; each once, sorted.
 */
export function componentsInScope(
  initiative: Pick<Initiative, 'scope'>,
  snapshot: CatalogSnapshot,
): string[] {
  const { teams = [], systems = [], tags = [] } = initiative.scope;
  const refs = new Set<string>();
  for (const team of teams) {
    componentsOwnedWithin(asRef(team, 'group'), snapshot).forEach(r =>
      refs.add(r),
    );
  }
  for (const system of systems) {
    componentsOfSystem(asRef(system, 'system'), snapshot).forEach(r =>
      refs.add(r),
    );
  }
  const wanted = new Set(tags.map(t => t.toLowerCase()));
  if (wanted.size > 0) {
    for (const c of snapshot.components.values()) {
      if (c.tags.some(t => wanted.has(t.toLowerCase()))) refs.add(c.entityRef);
    }
  }
  return [...refs].sort();
}

/** The owning teams of the components in scope: who is told of its milestones. */
export function owningTeams(
  components: string[],
  snapshot: CatalogSnapshot,
): string[] {
  return [
    ...new Set(
      components.flatMap(ref => snapshot.components.get(ref)?.owner ?? []),
    ),
  ].sort();
}

/** An initiative's status now, from the components' maturity and its weekly history. */
export function initiativeStatus(
  initiative: Initiative,
  snapshot: CatalogSnapshot,
  maturityOf: (entityRef: string) => ComponentMaturity,
  history: InitiativeStatus['history'] = [],
): InitiativeStatus {
  const components = componentsInScope(initiative, snapshot);
  return {
    ...initiative,
    progress: initiativeProgress(initiative, components.map(maturityOf)),
    history,
    teams: owningTeams(components, snapshot),
  };
}
