import type {
  CatalogFacts,
  ComponentFacts,
  MaturitySourceFreshness,
} from '@internal/backstage-plugin-maturity-common';
import { StoredFacts } from '../database/MaturityStore';

/** The domain the backend itself collects (from the catalog); always present. */
export const CATALOG_DOMAIN = 'catalog';

export interface AssembledFacts {
  facts: ComponentFacts;
  /** Per provided domain: when collected, and stale since when. */
  freshness: MaturitySourceFreshness[];
}

/**
 * Puts a component's stored rows back together as `ComponentFacts`. Stale facts stay
 * in use (the last good data, marked with `staleSince`) until they are older than
 * `maxFactAgeMs`; then the domain is left out and its checks answer unknown.
 * A provided domain left out (never collected, or too old) is listed in
 * `unavailable`. Components without catalog facts (not collected yet) are left out.
 */
export function assembleFacts(
  rows: StoredFacts[],
  options: {
    now: Date;
    maxFactAgeMs: number;
    catalogLink: (entityRef: string) => string;
    /** The domains of the installed fact providers. */
    providedDomains?: readonly string[];
  },
): Map<string, AssembledFacts> {
  const byRef = new Map<string, StoredFacts[]>();
  for (const row of rows) {
    const list = byRef.get(row.entityRef) ?? [];
    list.push(row);
    byRef.set(row.entityRef, list);
  }
  const assembled = new Map<string, AssembledFacts>();
  for (const [entityRef, domains] of byRef) {
    const catalog = domains.find(d => d.domain === CATALOG_DOMAIN);
    if (!catalog) continue;
    const facts: ComponentFacts = {
      entityRef,
      catalog: catalog.facts as CatalogFacts,
      links: { catalog: options.catalogLink(entityRef) },
    };
    const freshness: MaturitySourceFreshness[] = [];
    for (const row of domains) {
      if (row.domain === CATALOG_DOMAIN) continue;
      const age = options.now.getTime() - row.collectedAt.getTime();
      if (age > options.maxFactAgeMs) continue;
      (facts as unknown as Record<string, unknown>)[row.domain] = row.facts;
      freshness.push({
        domain: row.domain,
        collectedAt: row.collectedAt.toISOString(),
        ...(row.staleSince ? { staleSince: row.staleSince.toISOString() } : {}),
      });
    }
    const unavailable = (options.providedDomains ?? []).filter(
      domain => !freshness.some(f => f.domain === domain),
    );
    if (unavailable.length > 0) facts.unavailable = unavailable;
    freshness.sort((a, b) => a.domain.localeCompare(b.domain));
    assembled.set(entityRef, { facts, freshness });
  }
  return assembled;
}
